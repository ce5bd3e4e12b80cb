"""The idle warning in a real browser: it appears, is announced, and can keep the draft."""

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.backends.db import SessionStore

from tests.browser.helpers import assert_no_axe_violations
from tests.factories import ApplicationFactory

IDLE_SECONDS = 6
WARNING_SECONDS = 4


@pytest.fixture
def short_idle_limit(settings, live_server):
    settings.SESSION_COOKIE_AGE = IDLE_SECONDS
    settings.IDLE_WARNING_SECONDS = WARNING_SECONDS
    settings.QUICK_EXIT_URL = live_server.url + "/en/staying-safe/?exited"
    return settings.QUICK_EXIT_URL


@pytest.fixture
def draft_in_browser(page, live_server):
    from requests.selectors import SESSION_KEY

    application = ApplicationFactory()
    session = SessionStore()
    session[SESSION_KEY] = str(application.pk)
    session.create()
    page.context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": session.session_key,
          "url": live_server.url}]
    )
    return session.session_key


def test_the_warning_appears_takes_the_focus_and_i_am_still_here_keeps_the_draft(
    page, short_idle_limit, draft_in_browser
):
    page.goto("/en/form/person/")
    warning = page.get_by_role("alertdialog", name="Are you still there?")
    assert not warning.is_visible()

    warning.wait_for(state="visible", timeout=(IDLE_SECONDS - WARNING_SECONDS + 2) * 1000)
    stay = page.get_by_role("button", name="I'm still here")
    assert page.evaluate("document.activeElement.id") == "idle-warning-stay"
    assert_no_axe_violations(page)

    page.wait_for_timeout(1500)  # most of the idle limit has now passed
    with page.expect_response(lambda r: r.url.endswith("/form/keep-alive/")) as answer:
        stay.click()
    assert answer.value.status == 204
    warning.wait_for(state="hidden")
    page.wait_for_timeout((IDLE_SECONDS - WARNING_SECONDS - 1) * 1000)

    assert SessionStore().exists(draft_in_browser)
    assert "/en/form/person/" in page.url
    page.reload()
    assert "/en/form/person/" in page.url  # still the draft, not sent back to the start


def test_with_no_answer_the_page_leaves_through_the_quick_exit(
    page, short_idle_limit, draft_in_browser
):
    page.goto("/en/form/person/")

    page.wait_for_url(short_idle_limit, timeout=(IDLE_SECONDS + 3) * 1000)

    assert not SessionStore().exists(draft_in_browser)
