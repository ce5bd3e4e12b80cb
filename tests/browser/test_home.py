"""The home page in a real browser: accessible, local-only, readable on a small phone."""

import pytest

from tests.browser.helpers import (
    assert_every_request_succeeded,
    assert_no_axe_violations,
    assert_only_local_requests,
    horizontal_overflow,
)

PHONE, DESKTOP = 320, 1280


@pytest.mark.parametrize("page", [PHONE, DESKTOP], indirect=True)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_home_page_loads_fully_has_no_accessibility_violation_and_asks_nothing_of_other_sites(
    page, live_server, screenshot, language
):
    response = page.goto(f"/{language}/")
    page.wait_for_load_state("networkidle")
    width = page.viewport_size["width"]
    screenshot(page, f"home-{language}-{width}")

    assert response.status == 200
    assert page.get_attribute("html", "lang") == language
    assert_no_axe_violations(page)
    assert_only_local_requests(page, live_server)
    assert_every_request_succeeded(page)
    assert horizontal_overflow(page) == 0


@pytest.mark.parametrize("language", ["fr", "en"])
def test_on_a_320_px_phone_nothing_scrolls_sideways(page_at, language):
    page = page_at(PHONE)
    page.goto(f"/{language}/")

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE


@pytest.mark.parametrize("page", [PHONE], indirect=True)
def test_the_staying_safe_page_has_no_accessibility_violation(page, live_server, screenshot):
    page.goto("/fr/staying-safe/")
    page.wait_for_load_state("networkidle")
    screenshot(page, "staying-safe-fr-320")

    assert_no_axe_violations(page)
    assert_only_local_requests(page, live_server)
    assert_every_request_succeeded(page)
    assert horizontal_overflow(page) == 0
