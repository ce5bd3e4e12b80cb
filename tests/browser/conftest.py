"""Headless Chromium for browser tests: Debian's /usr/bin/chromium driven by Playwright.

Playwright cannot download its own browser here, so it drives the system Chromium through
`executable_path`. Tests get a `page` (1280 px wide, or 320 px with
`@pytest.mark.parametrize("page", [320, 1280], indirect=True)`) or build more with
`page_at(width)`. Every page records each URL it requested, for
`helpers.assert_only_local_requests`, and each answer of 400 or more, for
`helpers.assert_every_request_succeeded`. Browser tests need `live_server` and
`transactional_db` (the server runs in another thread and cannot see a test transaction).
"""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; Django then refuses ORM calls
# (live_server's database setup) unless told that this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-dev-shm-usage",
    # No traffic of its own: any request we see comes from the page under test.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DEFAULT_WIDTH = 1280
VIEWPORT_HEIGHT = 800


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser(services_report):
    if not shutil.which(CHROMIUM):
        reason = f"Chromium not found at {CHROMIUM}: run `make test` or install chromium"
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        services_report["chromium"] = f"Chromium {chromium.version} ({CHROMIUM}, headless)"
        yield chromium
        chromium.close()


@pytest.fixture
def page_at(browser, live_server, transactional_db):
    """Build pages of a given width; each keeps the URLs it requested in `requested_urls`."""
    contexts = []

    def build(width: int = DEFAULT_WIDTH, *, locale: str = "fr-CA"):
        context = browser.new_context(
            viewport={"width": width, "height": VIEWPORT_HEIGHT},
            locale=locale,
            base_url=live_server.url,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        new_page = context.new_page()
        new_page.requested_urls = []
        new_page.failed_responses = []

        def record_failure(response):
            if response.status >= 400:
                new_page.failed_responses.append(f"{response.status} {response.url}")

        new_page.on("request", lambda request: new_page.requested_urls.append(request.url))
        new_page.on("response", record_failure)
        return new_page

    yield build
    for context in contexts:
        context.close()


@pytest.fixture
def page(request, page_at):
    """A page at 1280 px, or at the width given through indirect parametrisation."""
    return page_at(getattr(request, "param", DEFAULT_WIDTH))


@pytest.fixture
def screenshot(services_report):
    """`screenshot(page, name)` saves a full-page PNG under SCREENSHOT_DIR for humans."""
    from tests.browser.helpers import SCREENSHOT_DIR, save_screenshot

    services_report["screenshots"] = str(SCREENSHOT_DIR)
    return save_screenshot
