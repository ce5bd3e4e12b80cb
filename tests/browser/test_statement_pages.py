"""The accessibility statement and the privacy page in a real browser: no axe violation, and
nothing scrolls sideways, on a 320 px phone and at 1280 px, in French and in English."""

import pytest

from tests.browser.helpers import (
    assert_every_request_succeeded,
    assert_no_axe_violations,
    assert_only_local_requests,
    horizontal_overflow,
)

PHONE, DESKTOP = 320, 1280


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("name", ["accessibility", "privacy"])
def test_each_statement_is_accessible_and_fits_the_screen(
    page_at, live_server, screenshot, name, language, width
):
    page = page_at(width)
    response = page.goto(f"/{language}/{name}/")
    page.wait_for_load_state("networkidle")
    screenshot(page, f"statements-{name}-{language}-{width}")

    assert response.status == 200
    assert page.get_attribute("html", "lang") == language
    assert horizontal_overflow(page) == 0
    assert_no_axe_violations(page)
    assert_only_local_requests(page, live_server)
    assert_every_request_succeeded(page)


@pytest.mark.parametrize("name", ["accessibility", "privacy"])
def test_on_a_phone_the_footer_of_a_missing_page_leads_to_each_statement(page_at, name):
    page = page_at(PHONE)
    page.goto("/fr/no-such-page/")
    link = page.locator("footer").locator(f"a[href='/fr/{name}/']")

    with page.expect_navigation():
        link.click()

    assert page.url.endswith(f"/fr/{name}/")
    assert page.locator("h1").is_visible()
