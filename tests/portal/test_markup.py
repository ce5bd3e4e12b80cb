"""Markup a browser or a screen reader would trip on (#16): a label no one hears, a missing icon."""

import re

import pytest

from tests.journey_data import JOURNEYS
from tests.portal.test_french_typography import FrenchReader, walk_in_french

pytestmark = pytest.mark.django_db

# aria-label names widgets and landmarks; on a plain <p>, <div> or <span> (no role) ARIA
# prohibits it and screen readers do not read it.
PLAIN_ELEMENT_WITH_ARIA_LABEL = re.compile(r"<(p|div|span)\b(?![^>]*\brole=)[^>]*\baria-label=")


@pytest.mark.parametrize("name", ["instagram-ex-partner", "teacher-with-consent"])
def test_no_plain_paragraph_division_or_span_carries_an_aria_label(client, name, monkeypatch):
    reader = FrenchReader(client)
    walk_in_french(client, name, reader, monkeypatch)
    for url in ("/en/", "/en/resources/", "/en/form/next/", "/en/form/next/companies/"):
        reader.get(url)
    assert any(CODE in html for html in reader.pages.values() for CODE in ["resume-code"])
    found = [
        f"{label}: {match.group(0)}"
        for label, html in reader.pages.items()
        for match in PLAIN_ELEMENT_WITH_ARIA_LABEL.finditer(html)
    ]
    assert not found, "\n".join(found)


def test_the_resume_code_is_named_by_a_label_a_person_can_see(client):
    response = client.post("/fr/form/who/", JOURNEYS["instagram-ex-partner"].rows[0][1])
    html = response.content.decode()
    assert 'class="resume-code' in html
    assert re.search(r'role="group" aria-labelledby="resume-code-label"', html)
    assert re.search(r'id="resume-code-label">Votre code<', html)


def test_favicon_answers_with_a_neutral_image(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/")
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file


@pytest.mark.parametrize("url", ["/fr/", "/en/resources/", "/fr/this-page-does-not-exist/"])
def test_every_page_and_error_page_links_the_icon(client, url):
    html = client.get(url).content.decode()
    assert re.search(r'<link rel="icon" href="/static/img/favicon[^"]*\.ico"', html)


def test_the_bare_server_error_page_links_the_icon_too(client, monkeypatch):
    """When even the error template cannot be drawn, the bare page still names its icon."""
    from django.test import RequestFactory

    from portal import errors

    def broken(*args, **kwargs):
        raise RuntimeError("template broken")

    monkeypatch.setattr(errors, "_page", broken)
    response = errors.server_error(RequestFactory().get("/fr/"))
    assert response.status_code == 500
    assert '<link rel="icon" href="/favicon.ico">' in response.content.decode()
