"""The notice of withdrawn consent, in a real browser with the real worker: a person who had
sent a photo to a partner says so on the images step, prepares a notice for the partner and
one for a platform, downloads both, copies the text, and marks one sent in the tracker, in
French and in English. Every page: axe finds nothing, nothing leaves our host, and nothing
scrolls sideways at 320 px (assert_no_axe_violations measures it)."""

import subprocess

import pytest

from requests.models import Tracker
from tests.browser.conftest import DEFAULT_WIDTH, VIEWPORT_HEIGHT
from tests.browser.test_after import _check, in_language
from tests.factories import ApplicationFactory, answers_factory, company, known

pytestmark = pytest.mark.services


def _notice_text(page, live_server, tmp_path, holder, language, t):
    section = page.locator("section", has=page.get_by_role("heading", name=holder))
    section.get_by_label("Français" if language == "fr" else "English", exact=True).check()
    section.get_by_role("button", name=t("Prepare the notice to print")).click()
    download_link = page.get_by_role("link", name=t("Download the notice"))
    download_link.wait_for(timeout=60_000)
    _check(page, live_server)
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    name = download.suggested_filename.lower()
    assert holder.lower().split()[0] not in name and "consent" not in name
    saved = tmp_path / f"notice-{holder}-{language}.pdf"
    download.save_as(saved)
    return subprocess.run(["pdftotext", str(saved), "-"], check=True, capture_output=True,
                          text=True).stdout


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_person_withdraws_a_consent_to_a_partner_and_to_a_platform(
    page, live_server, celery_worker, tmp_path, screenshot, language
):
    t = in_language(language)
    answers = answers_factory(parties=[known(relationship="ex-partner"), company(id="r2")])
    application = ApplicationFactory(answers=answers)

    page.goto(f"/{language}/form/resume/")
    page.get_by_label(t("Your code")).fill(application.resume_code)
    page.get_by_role("button", name=t("Continue")).click()

    # The images step: "I had agreed, at the time" — then the step offers the notice.
    page.goto(f"/{language}/form/items/1/")
    page.get_by_label(t("Yes, at the time")).check()
    page.get_by_role("button", name=t("Save")).click()
    page.get_by_role("link", name=t("Prepare a notice of withdrawn consent")).click()
    page.wait_for_url(f"**/{language}/form/notices/")
    _check(page, live_server)
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": VIEWPORT_HEIGHT})
        screenshot(page, f"notices-{width}-{language}")
        _check(page, live_server)
    page.set_viewport_size({"width": DEFAULT_WIDTH, "height": VIEWPORT_HEIGHT})

    partner = _notice_text(page, live_server, tmp_path, "Sam Gagnon", language, t)
    assert answers["items"][0]["description"] in partner
    assert application.reference in partner
    page.get_by_role("link", name=t("Back to the notices")).click()
    platform = _notice_text(page, live_server, tmp_path, "Meta (Instagram)", language, t)
    assert "Meta" in platform and "Meta Platforms" not in platform  # secondary: not printed
    assert t("Notice of withdrawal of consent") in platform

    page.get_by_role("link", name=t("Back to the notices")).click()
    summary = page.locator("summary").filter(has_text=t(
        "Or copy the text into their form or an email"
    )).first
    summary.click()
    text = page.get_by_label(t("Text of the notice")).first.input_value()
    assert t("Notice of withdrawal of consent") in text

    page.get_by_role("link", name=t(
        "Write down in your notes when you sent a notice, and what came back"
    )).click()
    form = page.locator("#form-notices")
    form.get_by_label(t("Notice sent to whom")).fill("Sam Gagnon")
    form.get_by_label(t("Date sent", "date something was sent")).fill("2026-12-01")
    form.get_by_label(t("What came back, if anything")).fill("No answer yet")
    form.get_by_role("button", name=t("Save")).click()
    _check(page, live_server)
    [sent] = Tracker.objects.get(application=application).entries["notices"]
    assert sent == {"to": "Sam Gagnon", "sent_on": "2026-12-01", "reply": "No answer yet"}
    assert ("1er décembre 2026" if language == "fr" else "1 December 2026") in page.content()
