"""Long dates written out in words, in the typography of each language.

French writes the first day of a month « 1er » (« 1er décembre 2026 », then « 2 décembre
2026 »); English writes « 1 December 2026 ». Pages and printed documents use one function so
the two never drift apart: ``{% load dates %}{{ value|long_date }}`` in a template,
``long_date(value, language="fr")`` in Python.
"""

import datetime

from django import template
from django.utils import timezone, translation
from django.utils.dates import MONTHS
from django.utils.translation import pgettext

register = template.Library()


def long_date(value, language: str | None = None) -> str:
    """The date of ``value`` in words, in ``language`` (the active language if not given).

    A datetime is read in the site's time zone first; an empty value gives "".
    """
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    if not isinstance(value, datetime.date):
        return ""
    language = language or translation.get_language() or "fr"
    with translation.override(language):
        month = str(MONTHS[value.month])
    if language.lower().startswith("fr"):
        day = "1er" if value.day == 1 else str(value.day)
        return f"{day} {month.lower()} {value.year}"
    return f"{value.day} {month} {value.year}"


def long_datetime(value, language: str | None = None) -> str:
    """The date in words and the time: « 1er décembre 2026 à 14 h 30 », "1 December 2026 at 14:30"."""
    if not isinstance(value, datetime.datetime):
        return long_date(value, language)
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    language = language or translation.get_language() or "fr"
    with translation.override(language):
        if language.lower().startswith("fr"):
            time = f"{value.hour}\u00a0h\u00a0{value.minute:02d}"  # Québec: « 14 h 30 »
        else:
            time = f"{value.hour}:{value.minute:02d}"
        return pgettext("a date and a time", "%(date)s at %(time)s") % {
            "date": long_date(value, language), "time": time,
        }


@register.filter(name="long_date")
def long_date_filter(value) -> str:
    """``{{ value|long_date }}``: the date in words, in the active language."""
    return long_date(value)


@register.filter(name="long_datetime")
def long_datetime_filter(value) -> str:
    """``{{ value|long_datetime }}``: the date in words and the time, in the active language."""
    return long_datetime(value)
