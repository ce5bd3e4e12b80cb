from django.apps import AppConfig


class PortalConfig(AppConfig):
    """Site pages (home, staying safe, resources) and, later, helper accounts."""

    name = "portal"
