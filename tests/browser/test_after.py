"""After the document, in a real browser with the real worker: the person follows the filing
guide, copies their answers, has the worker prepare a cover letter for Meta and for Google,
records the filing and the decision in their notes, and starts an application for a reshare
that arrives pre-filled, in French and in English (labels are looked up in the catalogue).
Every page: axe finds nothing, and no request leaves our host, in both languages.
"""

import subprocess

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext

from requests.models import Application, Tracker
from tests.browser.conftest import DEFAULT_WIDTH, VIEWPORT_HEIGHT
from tests.browser.helpers import assert_no_axe_violations, assert_only_local_requests
from tests.factories import ApplicationFactory, answers_factory

pytestmark = pytest.mark.services

GOOGLE = {"id": "r3", "kind": "company", "platform_id": "google", "company_name": "",
          "service": "Google Search", "actions": ["links"]}
AFTER_PATHS = ["form/next/", "form/next/copy/", "form/next/court/", "form/next/removal/",
               "form/next/companies/", "form/next/notes/", "form/next/again/", "resources/"]


def _check(page, live_server):
    assert_no_axe_violations(page)
    assert_only_local_requests(page, live_server)


def in_language(language):
    """`t("Save")` gives the text a person sees in `language`, from the real catalogue."""

    def t(text, context=None, **values):
        with translation.override(language):
            shown = pgettext(context, text) if context else gettext(text)
        return shown % values if values else shown

    return t


def _letter_text(page, live_server, tmp_path, company, t, screenshot=None):
    """Ask for the letter, wait for the worker on the letter's page, download it."""
    page.goto(page.url.split("/form/")[0] + "/form/next/companies/")
    section = page.locator("section", has=page.get_by_role("heading", name=company))
    section.get_by_role("button", name=t("Prepare the letter for %(name)s", name=company)).click()
    download_link = page.get_by_role("link", name=t("Download the letter"))
    download_link.wait_for(timeout=60_000)
    _check(page, live_server)
    if screenshot is not None:
        for width in (320, 1280):
            page.set_viewport_size({"width": width, "height": VIEWPORT_HEIGHT})
            screenshot(page, f"letter-ready-{width}-{company}")
        page.set_viewport_size({"width": DEFAULT_WIDTH, "height": VIEWPORT_HEIGHT})
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert company.lower() not in download.suggested_filename.lower()
    saved = tmp_path / f"{company}.pdf"
    download.save_as(saved)
    return subprocess.run(["pdftotext", str(saved), "-"], check=True,
                          capture_output=True, text=True).stdout


@pytest.mark.parametrize("language", ["fr", "en"])
def test_after_the_document_a_person_files_sends_tracks_and_starts_a_reshare(
    page, live_server, celery_worker, tmp_path, screenshot, language
):
    t = in_language(language)
    answers = answers_factory()
    answers["parties"].append(dict(GOOGLE))
    answers["orders"]["r3"] = ["remove_link"]
    answers["places"] = [{**answers["places"][0], "respondents": ["r1", "r2", "r3"]}]
    application = ApplicationFactory(answers=answers)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])

    page.goto(f"/{language}/form/resume/")
    page.get_by_label(t("Your code")).fill(application.resume_code)
    page.get_by_role("button", name=t("Continue")).click()
    page.goto(f"/{language}/form/document/")
    page.get_by_role("button", name=t("Prepare my document")).click()
    page.get_by_role("link", name=t("Download the application (to file)")).wait_for(timeout=60_000)
    page.get_by_role("link", name=t("What to do next")).click()
    page.wait_for_url(f"**/{language}/form/next/")
    assert "1, rue Notre-Dame Est" in page.content()

    for path in AFTER_PATHS:
        page.goto(f"/{language}/{path}")
        _check(page, live_server)

    page.goto(f"/{language}/form/next/")
    page.get_by_role("link", name=t("See my answers ready to copy")).click()
    assert page.get_by_label(t("What happened")).input_value().startswith(
        "My ex posted a photo of me on Instagram."
    )
    page.get_by_role("button", name=t("Copy “%(title)s”", title=t("What happened"))).click()
    page.get_by_role("status").filter(has_text=t("Copied", "to the clipboard")).first.wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "My ex posted a photo of me on Instagram." in copied

    page.goto(f"/{language}/form/next/companies/")
    # The names people know: the legal names are secondary in the data, never printed as fact.
    letter = _letter_text(page, live_server, tmp_path, "Meta", t,
                          screenshot=lambda p, name: screenshot(p, f"{name}-{language}"))
    assert "Meta" in letter and "Meta Platforms" not in letter
    assert "Google LLC" not in _letter_text(page, live_server, tmp_path, "Google", t)

    page.goto(f"/{language}/form/next/notes/")
    filed = page.locator("#form-filed")
    filed.get_by_label(t("Date you filed the application")).fill("2026-11-20")
    filed.get_by_label(t("With the government's online form")).check()
    filed.get_by_role("button", name=t("Save")).click()
    decision = page.locator("#form-decision")
    decision.get_by_label(t("Date of the judge's decision")).fill("2026-11-21")
    decision.get_by_label(t("The order was made"), exact=True).check()
    decision.get_by_role("button", name=t("Save")).click()
    _check(page, live_server)
    entries = Tracker.objects.get(application=application).entries
    assert entries["filed"]["way"] == "online"
    assert entries["decision"]["outcome"] == "granted"

    page.goto(f"/{language}/form/next/again/")
    page.get_by_label(t("Also copy the descriptions of the images")).check()
    page.get_by_role("button", name=t("Start the new application")).click()
    _check(page, live_server)
    page.get_by_role("link", name=t("I wrote down my code: continue")).click()
    page.wait_for_url(f"**/{language}/form/situation/")
    new = Application.objects.exclude(pk=application.pk).get()
    assert new.answers["person"]["full_name"] == "Alex Tremblay"
    page.goto(f"/{language}/form/person/")
    assert page.get_by_label(t("Your full name")).first.input_value() == "Alex Tremblay"
