"""Implausible dates get a clear message on the field, and nothing typed is lost.

The probe typed year 1 and 1900 as a date of birth and as a date seen, and a date of birth
that contradicts the age given on the first screen; all were accepted.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from requests.models import Application
from tests.factories import ApplicationFactory, answers_factory, open_in_session

pytestmark = pytest.mark.django_db


def _draft(client, **traits):
    application = ApplicationFactory(answers=answers_factory(complete=False, **traits))
    open_in_session(client, application)
    return application


def _years_ago(years: int, days: int = 0) -> str:
    """The birthday `years` ago, `days` earlier still (28 February on a 29th)."""
    today = timezone.localdate()
    day = min(today.day, 28) if today.month == 2 else today.day
    return (today.replace(year=today.year - years, day=day) - timedelta(days=days)).isoformat()


@pytest.mark.parametrize("day", ["0001-01-01", "1900-06-15"])
def test_a_date_of_birth_far_in_the_past_is_refused_on_its_field(client, day):
    application = _draft(client)
    response = client.post("/en/form/person/", {"full_name": "Alex Tremblay", "date_of_birth": day})
    html = response.content.decode()
    assert response.status_code == 200
    assert "This date of birth is too far in the past. Check the year." in html
    assert 'href="#id_date_of_birth"' in html
    assert 'value="Alex Tremblay"' in html  # what was typed stays
    assert Application.objects.get(pk=application.pk).answers["person"]["date_of_birth"] == ""


def test_a_date_of_birth_that_gives_another_age_is_refused(client):
    _draft(client, victim_age=16)
    response = client.post(
        "/en/form/person/", {"full_name": "Alex Tremblay", "date_of_birth": _years_ago(30)}
    )
    html = response.content.decode()
    assert "With this date of birth you are 30 today, but on the first screen you said 16." in html


def test_a_date_of_birth_that_fits_the_age_is_kept(client):
    application = _draft(client, victim_age=16)
    born = _years_ago(16, days=10)
    response = client.post("/en/form/person/", {"full_name": "Alex Tremblay", "date_of_birth": born})
    assert response.status_code == 302
    assert Application.objects.get(pk=application.pk).answers["person"]["date_of_birth"] == born


def test_a_parent_is_told_about_the_childs_age_in_the_third_person(client):
    _draft(client, role="parent", victim_age=12)
    html = client.post(
        "/en/form/person/", {"full_name": "Léa Roy", "date_of_birth": _years_ago(9, days=3)}
    ).content.decode()
    assert "With this date of birth the person is 9 today, but the first screen says 12." in html


@pytest.mark.parametrize("day", ["0001-01-01", "1900-01-01", "1989-12-31"])
def test_a_date_seen_far_in_the_past_is_refused(client, day):
    _draft(client)
    response = client.post(
        "/en/form/places/new/url/",
        {"url": "https://example.org/p/1", "seen_on": day, "respondents": ["r1"]},
    )
    html = response.content.decode()
    assert "This date is too far in the past. Check the year." in html
    assert 'value="https://example.org/p/1"' in html


def test_a_first_seen_date_far_in_the_past_is_refused(client):
    _draft(client)
    html = client.post(
        "/en/form/situation/",
        {"kind": "shared", "where": ["website"], "first_seen": "1900-01-01", "ongoing": "yes",
         "summary": "Posted on a forum."},
    ).content.decode()
    assert "This date is too far in the past. Check the year." in html
    assert "Posted on a forum." in html


def test_a_tracker_date_before_the_act_came_into_force_is_refused(client):
    application = ApplicationFactory()
    open_in_session(client, application)
    html = client.post(
        "/en/form/next/notes/",
        {"part": "filed", "filed-filed_on": "2025-06-03", "filed-way": "online"},
    ).content.decode()
    assert "The Act came into force on 4 June 2025, so this date cannot be right." in html
