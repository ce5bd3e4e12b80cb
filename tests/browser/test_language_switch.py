"""A person can switch language by clicking, and stays on the same page."""

import pytest


@pytest.mark.parametrize(
    ("start", "link_text", "arrival", "arrival_lang"),
    [
        ("/fr/", "English", "/en/", "en"),
        ("/en/", "Français", "/fr/", "fr"),
        ("/fr/staying-safe/", "English", "/en/staying-safe/", "en"),
    ],
)
def test_clicking_the_language_link_shows_the_same_page_in_the_other_language(
    page, live_server, start, link_text, arrival, arrival_lang
):
    page.goto(start)

    page.get_by_role("link", name=link_text, exact=True).click()
    page.wait_for_url(live_server.url + arrival)

    assert page.get_attribute("html", "lang") == arrival_lang
