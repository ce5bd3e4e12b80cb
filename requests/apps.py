from django.apps import AppConfig


class RequestsConfig(AppConfig):
    """The urgent application: questions, answers, documents."""

    name = "requests"
    label = "applications"
    verbose_name = "Applications"
