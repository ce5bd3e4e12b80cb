"""An idle draft closes by itself; a warning comes first, and “I'm still here” keeps it open."""

import re
import time
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

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
    settings.SESSION_COOKIE_AGE = 1  # from the next request on
    person_url = reverse("applications:step", args=["person"])
    assert client.get(person_url).status_code == 200

    time.sleep(2)

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
