"""The idle warning in a real browser: it appears, is announced, and can keep the draft.

Time is driven, never waited for: the page's timers run on Playwright's clock, installed
before the page loads, and the server's side of the limit is set in the stored session.
The real limits are used (30 minutes, the warning 2 minutes before), as a person meets them.
"""

import time
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from portal.middleware import IDLE_RESTARTED_AT_KEY
from tests.browser.helpers import assert_no_axe_violations
from tests.factories import ApplicationFactory

IDLE_SECONDS = 30 * 60
WARNING_SECONDS = 2 * 60
# The page leaves a second before the server's limit (static/js/idle-warning.js).
LEAVES_AFTER_SECONDS = IDLE_SECONDS - 1


@pytest.fixture
def idle_limits(settings, live_server):
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
    page.clock.install()  # before the page loads: its timers are ours to move
    return session.session_key


def the_server_has_a_minute_left(session_key: str) -> None:
    """What the server holds after 29 idle minutes: the last restart, and the row's expiry."""
    session = SessionStore(session_key=session_key)
    session[IDLE_RESTARTED_AT_KEY] = time.time() - (IDLE_SECONDS - 60)
    session.save()
    Session.objects.filter(session_key=session_key).update(
        expire_date=timezone.now() + timedelta(seconds=60)
    )


def test_the_warning_appears_takes_the_focus_and_i_am_still_here_keeps_the_draft(
    page, idle_limits, draft_in_browser
):
    page.goto("/en/form/person/")
    warning = page.get_by_role("alertdialog", name="Are you still there?")
    page.clock.fast_forward((IDLE_SECONDS - WARNING_SECONDS - 5) * 1000)
    assert not warning.is_visible()

    page.clock.fast_forward(10 * 1000)  # past the moment the warning is due
    warning.wait_for(state="visible")
    stay = page.get_by_role("button", name="I'm still here")
    assert page.evaluate("document.activeElement.id") == "idle-warning-stay"
    assert_no_axe_violations(page)

    the_server_has_a_minute_left(draft_in_browser)
    pressed = timezone.now()
    with page.expect_response(lambda r: r.url.endswith("/form/keep-alive/")) as answer:
        stay.click()
    assert answer.value.status == 204
    warning.wait_for(state="hidden")
    # The server gives the draft its whole limit again, from the press.
    row = Session.objects.get(session_key=draft_in_browser)
    assert row.expire_date >= pressed + timedelta(seconds=IDLE_SECONDS)

    page.clock.fast_forward(2 * WARNING_SECONDS * 1000)  # past when the page would have left
    assert not warning.is_visible()
    assert "/en/form/person/" in page.url
    page.reload()
    assert "/en/form/person/" in page.url  # still the draft, not sent back to the start


def test_with_no_answer_the_page_leaves_through_the_quick_exit(
    page, idle_limits, draft_in_browser
):
    page.goto("/en/form/person/")
    assert SessionStore().exists(draft_in_browser)

    page.clock.fast_forward(LEAVES_AFTER_SECONDS * 1000)

    page.wait_for_url(idle_limits)
    assert not SessionStore().exists(draft_in_browser)
