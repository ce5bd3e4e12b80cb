"""French first: `/` picks the visitor's language, every page links to its other language."""

from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("en-CA,en;q=0.9", "/en/"),
        ("en", "/en/"),
        ("fr-CA,fr;q=0.9,en;q=0.8", "/fr/"),
        ("de-DE,de;q=0.9", "/fr/"),
        (None, "/fr/"),
    ],
)
def test_the_root_address_sends_a_visitor_to_their_language_or_french_when_unsure(
    client, accept_language, expected
):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}
    response = client.get("/", **headers)

    assert response.status_code == 302
    assert response["Location"] == expected


def test_the_home_page_is_in_french_at_fr(client):
    response = client.get("/fr/")

    assert response.status_code == 200
    assert '<html lang="fr">' in response.content.decode()
    assert response["Content-Language"] == "fr"


def test_the_home_page_is_in_english_at_en(client):
    response = client.get("/en/")

    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
    assert response["Content-Language"] == "en"


@pytest.mark.parametrize(
    ("page", "other"),
    [
        ("/fr/", "/en/"),
        ("/en/", "/fr/"),
        ("/fr/staying-safe/", "/en/staying-safe/"),
        ("/en/staying-safe/", "/fr/staying-safe/"),
    ],
)
def test_the_language_switch_links_to_the_same_page_in_the_other_language(client, page, other):
    html = client.get(page).content.decode()

    assert language_switch_targets(html) == [other]


def language_switch_targets(html: str) -> list[str]:
    """The href of every link with the `lang-switch` class."""
    targets = []

    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attributes = dict(attrs)
            if tag == "a" and "lang-switch" in (attributes.get("class") or "").split():
                targets.append(attributes.get("href"))

    Links().feed(html)
    return targets
