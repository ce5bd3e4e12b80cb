"""Long dates in words: « 1er » in French for the first of a month, « 1 December » in English."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from requests.templatetags.dates import long_date


@pytest.mark.parametrize(
    ("day", "language", "expected"),
    [
        (datetime.date(2026, 12, 1), "fr", "1er décembre 2026"),
        (datetime.date(2026, 12, 2), "fr", "2 décembre 2026"),
        (datetime.date(2027, 8, 1), "fr", "1er août 2027"),
        (datetime.date(2026, 12, 1), "en", "1 December 2026"),
        (datetime.date(2026, 2, 21), "en", "21 February 2026"),
    ],
)
def test_long_date_writes_the_day_in_the_typography_of_the_language(day, language, expected):
    assert long_date(day, language) == expected


def test_long_date_filter_follows_the_active_language():
    template = Template("{% load dates %}{{ day|long_date }}")
    context = Context({"day": datetime.date(2026, 1, 1)})
    with translation.override("fr"):
        assert template.render(context) == "1er janvier 2026"
    with translation.override("en"):
        assert template.render(context) == "1 January 2026"


def test_long_date_reads_an_aware_datetime_in_quebec_time():
    # 1 December 03:00 UTC is still 30 November in Québec.
    moment = datetime.datetime(2026, 12, 1, 3, 0, tzinfo=datetime.UTC)
    assert long_date(moment, "fr") == "30 novembre 2026"


def test_long_date_of_nothing_is_empty():
    assert long_date(None, "fr") == ""
    assert long_date("", "en") == ""


def test_long_datetime_writes_the_time_as_each_language_does():
    from requests.templatetags.dates import long_datetime

    moment = datetime.datetime(2026, 12, 1, 19, 30, tzinfo=datetime.UTC)  # 14:30 in Québec
    assert long_datetime(moment, "fr") == "1er décembre 2026 à 14\u00a0h\u00a030"
    assert long_datetime(moment, "en") == "1 December 2026 at 14:30"
