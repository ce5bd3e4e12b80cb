"""The idle timeout, for the warning shown before a draft's session closes."""

from django import template
from django.conf import settings

from portal.middleware import idle_seconds_left

register = template.Library()

IDLE_WARNING_SECONDS_DEFAULT = 120


@register.simple_tag
def idle_warning_seconds() -> int:
    """How long before the idle limit the warning appears (settings.IDLE_WARNING_SECONDS)."""
    return getattr(settings, "IDLE_WARNING_SECONDS", IDLE_WARNING_SECONDS_DEFAULT)


@register.simple_tag(takes_context=True)
def idle_limit_seconds(context) -> int:
    """After this many seconds without a request, the server forgets the session."""
    return idle_seconds_left(context["request"].session)
