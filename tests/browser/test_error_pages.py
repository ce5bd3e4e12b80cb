"""The site's own error pages in a real browser: accessible, quick exit, no sideways scroll,
and a refused step that comes back with what the person typed."""

import pytest

from tests.browser.helpers import assert_no_axe_violations, horizontal_overflow
from tests.factories import ApplicationFactory, answers_factory

PHONE, DESKTOP = 320, 1280


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_missing_page_is_the_sites_own_and_accessible(page_at, screenshot, language, width):
    page = page_at(width)
    response = page.goto(f"/{language}/no-such-page/")

    assert response.status == 404
    assert page.get_attribute("html", "lang") == language
    assert page.locator("#quick-exit").is_visible()
    assert page.get_by_role("main").count() == 1
    assert horizontal_overflow(page) == 0
    assert_no_axe_violations(page)
    screenshot(page, f"error-404-{language}-{width}")


def test_a_step_whose_token_was_lost_comes_back_with_the_answers_and_saves_on_sending_again(
    page_at, live_server, screenshot
):
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore

    from requests.models import Application
    from requests.selectors import SESSION_KEY

    application = ApplicationFactory(answers=answers_factory(complete=False))
    session = SessionStore()
    session[SESSION_KEY] = str(application.pk)
    session.create()
    page = page_at(PHONE)
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key,
                               "url": live_server.url}])
    page.goto("/en/form/urgency/")
    page.get_by_label("Explain in your own words").fill("He wrote to me again tonight.")
    # The anti-forgery cookie is lost (the quick exit in another tab, a browser restart).
    page.context.clear_cookies(name=settings.CSRF_COOKIE_NAME)
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key,
                               "url": live_server.url}])
    page.get_by_role("button", name="Save and continue").click()

    assert page.get_by_role("heading", level=1).inner_text() == "For your safety, this page expired"
    assert page.get_by_label("Explain in your own words").input_value() == (
        "He wrote to me again tonight."
    )
    assert_no_axe_violations(page)
    assert horizontal_overflow(page) == 0
    screenshot(page, "error-csrf-step-en-320")
    page.get_by_role("button", name="Send again").click()
    page.wait_for_url("**/form/contact/")
    saved = Application.objects.get(pk=application.pk).answers["urgency"]
    assert saved["explanation"] == "He wrote to me again tonight."
