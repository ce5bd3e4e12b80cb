"""An idle draft closes by itself; a warning comes first, and “I'm still here” keeps it open."""

import re
import time
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.middleware import IDLE_RESTARTED_AT_KEY
from requests.selectors import SESSION_KEY
from tests.factories import ApplicationFactory


def open_draft(client):
    application = ApplicationFactory()
    session = client.session
    session[SESSION_KEY] = str(application.pk)
    session.save()
    return application


@pytest.mark.django_db
def test_the_server_forgets_a_draft_left_idle_longer_than_the_limit(client, settings):
    open_draft(client)
    person_url = reverse("applications:step", args=["person"])
    assert client.get(person_url).status_code == 200
    # The limit has passed since that request (no waiting for it: the row says when it ends).
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    response = client.get(person_url)
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:step", args=["who"])
    assert client.get(reverse("applications:keep-alive")).status_code == 410


@pytest.mark.django_db
def test_each_request_restarts_the_idle_limit(client, settings):
    settings.SESSION_COOKIE_AGE = 600
    open_draft(client)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() + timedelta(seconds=30)
    )

    response = client.get(reverse("applications:keep-alive"))

    assert response.status_code == 204
    expires = Session.objects.get(session_key=key).expire_date
    assert expires > timezone.now() + timedelta(seconds=590)


@pytest.mark.django_db
def test_keep_alive_says_gone_when_there_is_no_draft(client):
    assert client.get(reverse("applications:keep-alive")).status_code == 410
    assert client.post(reverse("applications:keep-alive")).status_code == 405


@pytest.mark.django_db
def test_the_warning_is_on_pages_of_an_open_draft_with_the_limits_it_needs(client, settings):
    settings.SESSION_COOKIE_AGE = 900
    settings.IDLE_WARNING_SECONDS = 90
    open_draft(client)

    page = client.get(reverse("applications:step", args=["person"])).content.decode()

    assert 'role="alertdialog"' in page
    assert 'data-idle-seconds="900"' in page and 'data-warning-seconds="90"' in page
    assert f'data-keep-alive-url="{reverse("applications:keep-alive")}"' in page
    assert re.search(r'src="/static/js/idle-warning(\.[0-9a-f]+)?\.js" nonce="', page)
    assert "I&#x27;m still here" in page or "I'm still here" in page or "Je suis" in page


@pytest.mark.django_db
def test_no_warning_when_no_draft_is_open(client):
    page = client.get("/en/").content.decode()
    assert "idle-warning" not in page


def session_row(client, settings):
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def set_restarted_seconds_ago(client, seconds: float) -> None:
    session = client.session
    session[IDLE_RESTARTED_AT_KEY] = time.time() - seconds
    session.save()


@pytest.mark.django_db
def test_a_page_restarts_the_idle_limit_once_the_last_restart_is_a_minute_old(client, settings):
    settings.SESSION_COOKIE_AGE = 1800
    open_draft(client)
    set_restarted_seconds_ago(client, 61)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() + timedelta(seconds=1739)
    )

    assert client.get(reverse("applications:step", args=["person"])).status_code == 200

    assert session_row(client, settings).expire_date > timezone.now() + timedelta(seconds=1790)


@pytest.mark.django_db
def test_pages_within_the_minute_do_not_write_the_session_and_never_extend_the_limit(
    client, settings
):
    settings.SESSION_COOKIE_AGE = 1800
    open_draft(client)
    set_restarted_seconds_ago(client, 40)
    expires = timezone.now() + timedelta(seconds=1760)
    Session.objects.filter(session_key=client.session.session_key).update(expire_date=expires)

    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("applications:step", args=["person"])).status_code == 200

    assert not [q for q in queries.captured_queries if "django_session" in q["sql"]
                and q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))]
    assert session_row(client, settings).expire_date == expires  # closes 40 s early at most


@pytest.mark.django_db
def test_the_warning_counts_down_from_the_last_restart(client, settings):
    settings.SESSION_COOKIE_AGE = 1800
    open_draft(client)
    set_restarted_seconds_ago(client, 40)

    page = client.get(reverse("applications:step", args=["person"])).content.decode()

    seconds = int(re.search(r'data-idle-seconds="(\d+)"', page).group(1))
    assert 1755 <= seconds <= 1760


@pytest.mark.django_db
def test_deleting_everything_leaves_no_session_behind(client, settings):
    open_draft(client)
    set_restarted_seconds_ago(client, 600)

    client.post(reverse("applications:delete"), {"confirm": "on"})

    assert not Session.objects.exists()
