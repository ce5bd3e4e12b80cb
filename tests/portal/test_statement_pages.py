"""The accessibility statement and the privacy page (#22): both open in both languages, say
what the code does (the durations are the settings in force), and every page links to them."""

import re
from html.parser import HTMLParser

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

pytestmark = pytest.mark.django_db

PAGES = {"accessibility": "Accessibility of this site", "privacy": "Your privacy, in plain words"}


class PageParts(HTMLParser):
    """The headings' text, the links of the footer, and the text a person reads."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings, self.footer_links, self.text = [], [], []
        self._open = []  # heading or footer elements we are inside

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "footer"):
            self._open.append(tag)
            if tag != "footer":
                self.headings.append([tag, ""])
        if tag == "a" and "footer" in self._open:
            self.footer_links.append(dict(attrs).get("href"))

    def handle_endtag(self, tag):
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data):
        self.text.append(data)
        if self._open and self._open[-1] in ("h1", "h2"):
            self.headings[-1][1] += data


def parts(response) -> PageParts:
    parser = PageParts()
    parser.feed(response.content.decode())
    return parser


def words(msgid: str, language: str) -> str:
    with translation.override(language):
        return gettext(msgid)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_statement_opens_in_both_languages_with_its_heading(client, name, language):
    response = client.get(f"/{language}/{name}/")

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()
    headings = parts(response).headings
    assert headings[0] == ["h1", words(PAGES[name], language)]
    assert len([tag for tag, _ in headings if tag == "h2"]) >= 4


def test_the_statements_have_neutral_english_word_addresses_like_the_rest_of_the_site():
    with translation.override("fr"):
        assert reverse("accessibility") == "/fr/accessibility/"
        assert reverse("privacy") == "/fr/privacy/"
    with translation.override("en"):
        assert reverse("privacy") == "/en/privacy/"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_accessibility_statement_names_the_standard_the_tests_and_the_limits(
    client, language
):
    response = client.get(f"/{language}/accessibility/")
    page = response.content.decode()
    headings = [text for _, text in parts(response).headings]

    assert "WCAG) 2.2" in page and ("level AA" in page or "niveau AA" in page)
    assert "axe-core" in page and "320" in page and "JavaScript" in page
    assert words("What is not good enough yet", language) in headings
    assert "PDF/UA-1" in page
    # The only contact the site has is the CAVAC line; no address is made up.
    assert words("Tell us about a problem", language) in headings
    assert 'href="tel:+18665322822"' in page.split("<main")[1].split("</main>")[0]
    assert "mailto:" not in page and not re.search(r"[\w.]+@[\w-]+\.\w+", page)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_privacy_page_says_what_is_kept_who_sees_it_and_links_to_deleting_it(
    client, language
):
    response = client.get(f"/{language}/privacy/")
    page = response.content.decode()
    headings = [text for _, text in parts(response).headings]

    for heading in ("What we keep", "What we never keep", "How it is protected", "For how long",
                    "Who can see your answers", "Delete everything now"):
        assert words(heading, language) in headings
    with translation.override(language):
        assert f'href="{reverse("applications:delete")}"' in page
        assert f'href="{reverse("accounts:sharing")}"' in page
    assert words("The images themselves. The site never asks for a photo, a video or a "
                 "recording, and it refuses any file sent to it.", language) in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", ("45 jours", "12 heures", "20 minutes")), ("en", ("45 days", "12 hours", "20 minutes"))],
)
def test_the_durations_on_the_privacy_page_are_the_settings_in_force(client, language, expected):
    with override_settings(DRAFT_RETENTION_DAYS=45, DOCUMENT_RETENTION_HOURS=12,
                           SESSION_COOKIE_AGE=20 * 60):
        text = " ".join("".join(parts(client.get(f"/{language}/privacy/")).text).split())

    draft, document, idle = expected
    assert f"after {draft} without" in text or f"après {draft} sans" in text
    assert f"{document} after" in text or f"{document} après" in text
    assert f"after {idle} without" in text or f"après {idle} sans" in text


def test_the_default_retention_shown_is_the_one_in_the_settings(client, settings):
    text = "".join(parts(client.get("/en/privacy/")).text)

    assert f"after {settings.DRAFT_RETENTION_DAYS} days without activity" in text
    assert f"deleted {settings.DOCUMENT_RETENTION_HOURS} hours after it is made" in text


@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_french_statements_put_a_non_breaking_space_before_each_colon(client, name):
    response = client.get(f"/fr/{name}/")
    text = "".join(parts(response).text)

    assert response.status_code == 200
    assert text.count(":") > 0
    assert not re.search(r"[^\u00a0\u202f]:(?!//)", text.replace("https:", "").replace(
        "tel:", ""))


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("path", ["", "form/who/", "no-such-page/", "helpers/sign-in/"])
def test_the_footer_of_every_kind_of_page_links_to_both_statements(client, language, path):
    response = client.get(f"/{language}/{path}")

    assert response.status_code == (404 if path == "no-such-page/" else 200)
    links = parts(response).footer_links
    assert f"/{language}/accessibility/" in links
    assert f"/{language}/privacy/" in links
