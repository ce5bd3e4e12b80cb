"""From the last question to the PDF in hand, in a real browser, with the real worker.

The person comes back to a complete draft with their code, confirms their answers and the
document's language, asks for the document, waits on the page that updates itself, and
downloads both documents: the application to file, and the pages for them, not to file. The
application's text (pdftotext) must have every section in the chosen language(s), and nothing
of the person's pages.
"""

import re
import subprocess

import pytest

from tests.browser.helpers import (
    assert_no_axe_violations,
    assert_only_local_requests,
)
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.services

SECTIONS = {
    "fr": [
        "COUR DU QUÉBEC",
        "Demande d’ordonnance urgente visant à faire cesser ou à",
        "1. Qui fait la demande",
        "2. La personne représentée",
        "3. Les faits",
        "4. Les personnes et les entreprises visées",
        "5. Pourquoi c’est urgent",
        "6. Ce qui est demandé au tribunal",
        "7. Déclaration",
        "Annexe A",
    ],
    "en": [
        "COURT OF QUÉBEC",
        "Application for an urgent order to cease or prevent the sharing",
        "1. Who is applying",
        "2. The person shown",
        "3. The facts",
        "4. Respondents",
        "5. Why it is urgent",
        "6. What the applicant asks the court",
        "7. Declaration",
        "Annex A",
    ],
}
NEXT_STEPS = {"fr": "Et maintenant", "en": "What to do next"}
LANGUAGE_CHOICE = {"fr": re.compile("^Français$"), "en": re.compile("^English$"), "both": re.compile("^Les deux")}


def pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.mark.parametrize("document_language", ["fr", "en", "both"])
def test_a_person_confirms_their_answers_and_downloads_their_document(
    page, live_server, celery_worker, tmp_path, document_language
):
    application = ApplicationFactory()  # complete answers, not yet confirmed

    page.goto("/fr/form/resume/")
    page.get_by_label("Code").fill(application.resume_code.lower().replace("-", " "))
    page.get_by_role("button", name="Continuer").click()
    page.wait_for_url("**/form/check/")
    page.get_by_role("radio", name=LANGUAGE_CHOICE[document_language]).check()
    page.get_by_role("button", name="Mes réponses sont exactes").click()
    page.wait_for_url("**/form/document/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Préparer mon document").click()
    page.wait_for_url("**/form/document/status/")
    download_link = page.get_by_role("link", name="Télécharger la demande (à déposer)")
    guide_link = page.get_by_role("link", name="Télécharger les pages pour vous (à ne pas déposer)")
    guide_link.wait_for(timeout=60_000)  # the page reloads itself once the worker is done
    assert_no_axe_violations(page)
    saved = {}
    for name, link in (("application", download_link), ("guide", guide_link)):
        with page.expect_download() as download_info:
            link.click()
        download = download_info.value
        saved[name] = tmp_path / download.suggested_filename
        download.save_as(saved[name])

    expected_name = {"fr": "demande-", "en": "application-", "both": "demande-application-"}
    assert saved["application"].name.startswith(expected_name[document_language])
    guide_name = {"fr": "a-lire-", "en": "read-me-", "both": "a-lire-read-me-"}
    assert saved["guide"].name.startswith(guide_name[document_language])
    text = pdf_text(saved["application"])
    guide = pdf_text(saved["guide"])
    languages = ["fr", "en"] if document_language == "both" else [document_language]
    for language in languages:
        for section in SECTIONS[language]:
            assert section in text, f"{section!r} missing from the {language} document"
        assert NEXT_STEPS[language] not in text
        assert NEXT_STEPS[language] in guide and "Quebec.ca/imagesintimes" in guide
    if document_language == "fr":
        assert "COURT OF QUÉBEC" not in text
    if document_language == "en":
        assert "COUR DU QUÉBEC" not in text
    assert_only_local_requests(page, live_server)
