"""Every error page is the site's own: the address's language, the quick exit, a main
landmark, no inline style, and a way back; a refused form gives back what was typed.

The probe found Django's default pages (404, 403 CSRF failure, 400, 500): no quick exit, no
main landmark, `lang="en"` on French pages, an inline style the CSP blocks, and what the
person typed lost on a CSRF failure.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from requests.models import Application
from tests.conftest import BrowserLikeClient
from tests.factories import ApplicationFactory, answers_factory, open_in_session

pytestmark = pytest.mark.django_db


def assert_the_sites_own_page(response, language: str, status: int) -> str:
    html = response.content.decode()
    assert response.status_code == status
    assert f'<html lang="{language}">' in html
    assert 'id="quick-exit"' in html
    assert '<main id="main"' in html
    assert "style=" not in html and "<style" not in html
    assert re.search(r'<a href="/%s/">' % language, html), "no way back to the home page"
    return html


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_missing_page(client, language):
    html = assert_the_sites_own_page(client.get(f"/{language}/no-such-page/"), language, 404)
    expected = {"fr": "Nous ne trouvons pas cette page", "en": "We could not find this page"}
    assert expected[language] in html


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_server_error_shows_a_calm_page_without_needing_the_database(language, monkeypatch):
    from requests.views import walkthrough

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(walkthrough.steps, "step_get", broken)
    client = BrowserLikeClient(raise_request_exception=False)
    html = assert_the_sites_own_page(client.get(f"/{language}/form/who/"), language, 500)
    assert "boom" not in html


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_request_too_large_to_read_is_a_bad_request_page(client, language):
    flood = {f"field_{n}": "x" for n in range(1500)}
    response = client.post(f"/{language}/form/who/", flood)
    assert_the_sites_own_page(response, language, 400)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("https_redirect", [True, False])
def test_an_address_for_another_host_is_a_bad_request_page_not_a_server_error(
    language, https_redirect, settings
):
    """A Host header the site does not serve is refused, in production (HTTPS redirect on)
    before the language is read: the page must still be the site's own, in the address's
    language, with status 400."""
    settings.SECURE_SSL_REDIRECT = https_redirect
    client = Client(HTTP_HOST="not-this-site.example", raise_request_exception=False)
    response = client.get(f"/{language}/form/who/")  # plain HTTP: the redirect reads the host
    assert_the_sites_own_page(response, language, 400)


def test_a_refused_step_gives_back_what_the_person_typed_and_can_be_sent_again():
    application = ApplicationFactory(answers=answers_factory(complete=False))
    client = BrowserLikeClient(enforce_csrf_checks=True)
    open_in_session(client, application)
    typed = {"reasons": ["threats", "safety"], "explanation": "He wrote to me again tonight."}

    response = client.post(
        "/fr/form/urgency/", typed, HTTP_ORIGIN="http://testserver"
    )

    html = assert_the_sites_own_page(response, "fr", 403)
    assert "He wrote to me again tonight." in html
    assert re.search(r'value="threats"[^>]*checked', html)
    assert re.search(r'value="safety"[^>]*checked', html)
    assert 'name="csrfmiddlewaretoken"' in html  # a fresh token: sending again works
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    again = client.post("/fr/form/urgency/", {**typed, "csrfmiddlewaretoken": token})
    assert again.status_code == 302
    saved = Application.objects.get(pk=application.pk).answers["urgency"]
    assert saved["explanation"] == "He wrote to me again tonight."


def test_when_the_visit_ended_the_page_says_what_to_do_and_still_shows_the_text():
    client = BrowserLikeClient(enforce_csrf_checks=True)  # no session: it ended
    response = client.post(
        "/en/form/urgency/", {"explanation": "Posted yesterday at school."},
        HTTP_ORIGIN="http://testserver",
    )
    html = assert_the_sites_own_page(response, "en", 403)
    assert "Posted yesterday at school." in html
    assert "come back to your saved answers with your code" in html
    assert reverse("applications:resume").replace("/fr/", "/en/") in html


def test_pasted_answers_come_back_in_their_box():
    client = BrowserLikeClient(enforce_csrf_checks=True)
    response = client.post(
        "/en/form/answers/import/", {"text": '{"schema": "portal-answers"}'},
        HTTP_ORIGIN="http://testserver",
    )
    html = assert_the_sites_own_page(response, "en", 403)
    assert "{&quot;schema&quot;: &quot;portal-answers&quot;}" in html


def test_a_form_posted_from_another_site_is_never_shown_back():
    client = BrowserLikeClient(enforce_csrf_checks=True)
    response = client.post(
        "/en/form/urgency/", {"explanation": "Call 1 900 555-0000 now"},
        HTTP_ORIGIN="https://evil.example",
    )
    html = assert_the_sites_own_page(response, "en", 403)
    assert "1 900 555-0000" not in html


def test_a_refused_sign_in_never_shows_the_password_back():
    client = BrowserLikeClient(enforce_csrf_checks=True)
    response = client.post(
        "/en/helpers/sign-in/", {"email": "a@example.org", "password": "secret-words-42"},
        HTTP_ORIGIN="http://testserver",
    )
    html = assert_the_sites_own_page(response, "en", 403)
    assert "secret-words-42" not in html
    assert "a@example.org" not in html


def test_django_s_plain_client_default_would_have_been_refused_as_a_file():
    # Guard for the test suite itself: the default test client posts multipart bodies.
    response = Client().post("/en/form/who/", {"role": "self"})
    assert response.status_code == 415
