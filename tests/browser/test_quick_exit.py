"""The quick exit in a real browser: the red button and three Shift presses."""

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.backends.db import SessionStore


@pytest.fixture
def neutral_site(settings, live_server) -> str:
    """Point the quick exit at a page of the live server, so no test leaves for the Internet."""
    settings.QUICK_EXIT_URL = live_server.url + "/en/staying-safe/?exited"
    return settings.QUICK_EXIT_URL


@pytest.fixture
def person_with_a_session(page, live_server):
    """The page, with a server session holding something the person typed."""
    session = SessionStore()
    session["draft"] = "something the person typed"
    session.create()
    page.context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": session.session_key,
          "url": live_server.url}]
    )
    return session.session_key


def leave_by_clicking(page):
    page.locator("#quick-exit").click()


def leave_by_pressing_shift_three_times(page):
    page.locator("body").click(position={"x": 5, "y": 400})  # the page has the keyboard focus
    for _ in range(3):
        page.keyboard.press("Shift")


@pytest.mark.parametrize("leave", [leave_by_clicking, leave_by_pressing_shift_three_times])
def test_the_quick_exit_lands_on_the_neutral_site_and_ends_the_session(
    page, neutral_site, person_with_a_session, leave
):
    page.goto("/fr/")

    leave(page)
    page.wait_for_url(neutral_site)

    assert not SessionStore().exists(person_with_a_session)
    assert django_settings.SESSION_COOKIE_NAME not in {c["name"] for c in page.context.cookies()}


@pytest.mark.parametrize("leave", [leave_by_clicking, leave_by_pressing_shift_three_times])
def test_going_back_after_the_quick_exit_does_not_return_to_the_page_the_person_was_on(
    page, live_server, neutral_site, leave
):
    page.goto("/fr/")
    leave(page)
    page.wait_for_url(neutral_site)

    page.go_back()

    # The exit replaced the portal page in the tab's history, so Back leaves the portal.
    assert not page.url.startswith(live_server.url)


@pytest.mark.parametrize("leave", [leave_by_clicking, leave_by_pressing_shift_three_times])
def test_going_back_after_the_quick_exit_shows_an_earlier_page_only_without_the_session(
    page, live_server, neutral_site, person_with_a_session, leave
):
    # What is true: only the current entry is replaced. Pages visited before it stay in
    # the tab's history, but they are never cached (no-store) and the session is gone.
    page.goto("/fr/staying-safe/")
    page.goto("/fr/")
    leave(page)
    page.wait_for_url(neutral_site)

    page.go_back()

    assert page.url != live_server.url + "/fr/"
    assert page.url == live_server.url + "/fr/staying-safe/"
    assert not SessionStore().exists(person_with_a_session)
    assert django_settings.SESSION_COOKIE_NAME not in {c["name"] for c in page.context.cookies()}
