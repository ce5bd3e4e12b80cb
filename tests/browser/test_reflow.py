"""Reflow at 320 px (WCAG 1.4.10, #15): the pages with the longest unbroken text (source
lines with long URLs, company links, addresses) never scroll sideways on a small phone.
Runs without the real services: the pages after the document only need a complete draft.
"""

import pytest

from tests.browser.helpers import REFLOW_WIDTH, assert_no_axe_violations, assert_reflows_at_320
from tests.factories import ApplicationFactory

GOOGLE = {"id": "r3", "kind": "company", "platform_id": "google", "company_name": "",
          "service": "Google Search", "actions": ["links"]}
PATHS = ["resources/", "staying-safe/", "form/next/", "form/next/copy/", "form/next/court/",
         "form/next/removal/", "form/next/companies/", "form/next/notes/", "form/next/again/",
         "form/check/", "form/document/"]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_pages_with_long_links_and_sources_do_not_scroll_sideways_at_320_px(
    page_at, live_server, language
):
    from tests.factories import answers_factory

    answers = answers_factory()
    answers["parties"].append(dict(GOOGLE))
    answers["orders"]["r3"] = ["remove_link"]
    answers["places"] = [{**answers["places"][0], "respondents": ["r1", "r2", "r3"]}]
    application = ApplicationFactory(answers=answers)
    page = page_at(REFLOW_WIDTH)
    page.goto(f"/{language}/form/resume/")
    page.locator("input[name=code]").fill(application.resume_code)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    for path in PATHS:
        page.goto(f"/{language}/{path}")
        assert page.locator("h1").count() == 1, f"{path} did not open: {page.url}"
        assert_reflows_at_320(page)
    page.goto(f"/{language}/resources/")
    assert_no_axe_violations(page)
