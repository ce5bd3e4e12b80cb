"""Nothing that marks a visit outlives the browser session, and cookies over HTTPS carry the
`__Host-` prefix (OWASP ASVS 5, level 2).

The probe found the anti-forgery cookie kept for a year, and surviving the quick exit.
"""

import json

import pytest
from django.conf import settings
from django.urls import reverse

from tests.fresh_python import printed_by

pytestmark = pytest.mark.django_db


def test_the_anti_forgery_cookie_ends_with_the_browser_session(client):
    response = client.get(reverse("applications:step", args=["who"]))
    cookie = response.cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""


def test_every_cookie_the_site_sets_ends_with_the_browser_session(client):
    client.get(reverse("applications:step", args=["who"]))
    client.post(reverse("applications:step", args=["who"]), {"role": "self", "victim_age": "16"})
    client.get(reverse("applications:step", args=["person"]))
    assert settings.SESSION_COOKIE_NAME in client.cookies
    for name, cookie in client.cookies.items():
        assert cookie["max-age"] == "" and cookie["expires"] == "", name
    assert set(client.cookies) <= {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME}


def test_the_quick_exit_deletes_the_anti_forgery_cookie_too(client):
    client.get(reverse("applications:step", args=["who"]))
    assert settings.CSRF_COOKIE_NAME in client.cookies

    response = client.get(reverse("quick-exit"))

    deleted = response.cookies[settings.CSRF_COOKIE_NAME]
    assert deleted.value == ""
    assert deleted["max-age"] == 0


SHOW_COOKIE_SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE]))"
)


def _cookie_settings(**environment):
    env = {"DJANGO_SETTINGS_MODULE": "portal.settings", **environment}
    return json.loads(" ".join(printed_by(SHOW_COOKIE_SETTINGS, **env)))


def test_over_https_the_cookies_carry_the_host_prefix():
    session, csrf, secure = _cookie_settings(SECURE_COOKIES="true")
    assert secure is True
    assert session.startswith("__Host-")
    assert csrf.startswith("__Host-")


def test_over_plain_http_make_run_keeps_working_without_the_prefix():
    session, csrf, secure = _cookie_settings(SECURE_COOKIES="false")
    assert secure is False
    assert not session.startswith("__Host-")  # browsers refuse __Host- cookies without HTTPS
    assert not csrf.startswith("__Host-")


def test_a_host_cookie_has_no_domain_and_the_whole_site_as_path(client):
    response = client.get(reverse("applications:step", args=["who"]))
    cookie = response.cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["domain"] == ""
    assert cookie["path"] == "/"
