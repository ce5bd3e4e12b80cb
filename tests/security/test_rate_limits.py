"""Rate limits behind the proxy: each limit sees the real client, and none lets one person
lock out another.

The attack of the probe: behind the TLS proxy every request came from the proxy's address,
so five wrong resume codes from one stranger locked every person out of their draft for 15
minutes. The client address now comes from `TRUSTED_PROXY_COUNT` (portal/network.py), and a
right code always opens its draft (docs/threat-model.md, section 3).
"""

from unittest import mock

import pytest
from axes.helpers import get_client_ip_address
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.urls import reverse

from portal.accounts import services as helper_services
from portal.network import client_address
from requests import selectors, services
from tests.accounts.conftest import PASSWORD, helper_make, organisation_make
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

PROXY = "172.18.0.1"  # every request reaches the app from here behind the proxy


def _through_proxy(client_ip: str, *, spoofed: str = "") -> dict:
    """What the app receives when the TLS proxy forwards a request from `client_ip`."""
    forwarded = f"{spoofed}, {client_ip}" if spoofed else client_ip
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


def _wrong_codes(client, count: int, **meta) -> None:
    for number in range(count):
        client.post("/en/form/resume/", {"code": f"AAAA-BBBB-CCCC-{number:04d}"}, **meta)


# --- Where the client address comes from ---


def test_with_no_trusted_proxy_the_forwarded_header_is_not_believed(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", **_through_proxy("203.0.113.7"))
    assert client_address(request) == PROXY


def test_behind_one_trusted_proxy_the_client_is_the_address_the_proxy_saw(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", **_through_proxy("203.0.113.7"))
    assert client_address(request) == "203.0.113.7"


def test_an_address_the_client_writes_into_the_header_itself_is_never_believed(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", **_through_proxy("203.0.113.7", spoofed="198.51.100.1"))
    assert client_address(request) == "203.0.113.7"


def test_behind_two_proxies_the_client_is_the_one_the_outer_proxy_saw(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = RequestFactory().get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7, 10.0.0.2"
    )
    assert client_address(request) == "203.0.113.7"


def test_django_axes_reads_the_same_client_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", **_through_proxy("203.0.113.7", spoofed="198.51.100.1"))
    assert get_client_ip_address(request) == "203.0.113.7"


# --- Resume codes ---


def test_a_strangers_wrong_codes_behind_the_proxy_do_not_lock_anyone_out(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    application = ApplicationFactory()
    _wrong_codes(client, 10, **_through_proxy("203.0.113.66"))

    person = client.__class__()
    response = person.post(
        "/en/form/resume/", {"code": application.resume_code}, **_through_proxy("198.51.100.20")
    )

    assert response.status_code == 302
    assert person.session[selectors.SESSION_KEY] == str(application.pk)


def test_even_on_the_strangers_own_address_the_right_code_opens_the_draft(client, settings):
    # A school, a CAVAC office or a phone network puts many people behind one address.
    settings.TRUSTED_PROXY_COUNT = 1
    application = ApplicationFactory()
    _wrong_codes(client, 10, **_through_proxy("203.0.113.66"))

    person = client.__class__()
    response = person.post(
        "/en/form/resume/", {"code": application.resume_code}, **_through_proxy("203.0.113.66")
    )

    assert response.status_code == 302


def test_a_client_sending_many_wrong_codes_is_answered_at_once_and_told_why(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.RESUME_FAILURE_DELAY_SECONDS = 0.5
    with mock.patch("requests.services.time.sleep") as sleep:
        _wrong_codes(client, 5, **_through_proxy("203.0.113.66"))
        assert sleep.call_count == 5  # the first ones are slowed down
        html = client.post(
            "/en/form/resume/", {"code": "ZZZZ-ZZZZ-ZZZZ-ZZZZ"}, **_through_proxy("203.0.113.66")
        ).content.decode()
        assert sleep.call_count == 5  # then refused at once: a script cannot hold a worker
    assert "Too many codes that did not work came from this connection" in html


def test_the_limit_counts_per_client_not_for_the_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(5):
        services.application_resume(
            code="CCCC-CCCC-CCCC-CCCC", client="203.0.113.66", session=SessionStore()
        )
    assert services.resume_client_is_limited(client="203.0.113.66")
    assert not services.resume_client_is_limited(client="198.51.100.20")
    assert not services.resume_client_is_limited(client=PROXY)


# --- Share codes ---


def test_a_helpers_wrong_share_codes_do_not_lock_out_a_colleague_at_the_same_office(db):
    organisation = organisation_make()
    application = ApplicationFactory()
    code = helper_services.share_code_create(application=application)
    guesser, colleague = helper_make(organisation), helper_make(organisation)
    for _ in range(5):
        with pytest.raises(helper_services.ShareCodeInvalid):
            helper_services.share_code_redeem(code="AAAA-AAAA-AAAA", helper=guesser)

    with pytest.raises(helper_services.ShareCodeLocked):
        helper_services.share_code_redeem(code=code, helper=guesser)
    assert helper_services.share_code_redeem(code=code, helper=colleague).helper == colleague


# --- Helpers' sign-in (django-axes) ---


def _sign_in(client, email: str, password: str, client_ip: str):
    return client.post(
        reverse("accounts:sign-in"),
        {"email": email, "password": password},
        **_through_proxy(client_ip),
    )


def test_a_stranger_cannot_lock_a_helper_out_by_typing_their_email(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    helper = helper_make(organisation_make())
    for _ in range(6):
        _sign_in(client, helper.email, "wrong-password-123", "203.0.113.66")

    response = _sign_in(client.__class__(), helper.email, PASSWORD, "198.51.100.20")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in-code"))


def test_wrong_passwords_lock_that_account_from_that_client(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    helper = helper_make(organisation_make())
    for _ in range(5):
        _sign_in(client, helper.email, "wrong-password-123", "203.0.113.66")

    response = _sign_in(client.__class__(), helper.email, PASSWORD, "203.0.113.66")

    assert response.status_code != 302  # locked out: the right password does not sign in
