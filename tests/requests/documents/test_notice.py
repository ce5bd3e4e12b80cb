"""The notice of withdrawn consent (requests/documents/notice.py): one per holder, in words,
with the law's sentence traced to its source, signed by whoever the law lets act."""

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from requests import directory
from requests.documents.notice import (
    build_notice_context,
    holders,
    notice_filename,
    notice_fits,
    render_notice_body,
    render_notice_html,
    render_notice_pdf,
)
from tests.factories import answers_factory, company, known, pseudonym, unknown
from tests.portal.test_french_typography import faults_in, visible_text

TODAY = date(2026, 12, 1)
SOURCES = (Path(__file__).resolve().parents[3] / "docs" / "content-sources.md").read_text()
LEGAL_SENTENCE = (
    "a person can withdraw their consent to an intimate image they had shared, and whoever is "
    "told of the withdrawal must make every reasonable effort to make the image inaccessible"
)


def agreed(**traits) -> dict:
    answers = answers_factory(parties=[known(address="12, rue des Pins\nMontréal"),
                                       company(id="r2"), pseudonym(id="r3"), unknown()],
                              item_kinds=("photo", "video"), **traits)
    answers["items"][0]["agreed_then"] = "yes"
    answers["items"][1]["agreed_then"] = "no"
    return answers


def text(answers, respondent_id="r1", language="en", **kwargs) -> str:
    context = build_notice_context(answers, respondent_id=respondent_id, reference_date=TODAY,
                                   **kwargs)
    return " ".join(visible_text(render_notice_html(context, language=language)).split())


def test_a_notice_fits_only_when_the_person_had_agreed_and_someone_holds_it():
    assert notice_fits(agreed())
    assert not notice_fits(answers_factory())
    only_unknown = agreed()
    only_unknown["parties"] = [unknown()]
    assert not notice_fits(only_unknown)  # nobody to send it to
    assert [h.id for h in holders(agreed())] == ["r1", "r2", "r3"]


def test_the_law_s_sentence_is_printed_and_traced_to_its_source_line():
    english = text(agreed())
    assert LEGAL_SENTENCE in english
    row = next(line for line in SOURCES.splitlines() if LEGAL_SENTENCE in line)
    assert "Revoking consent" in row and "confirmed" in row
    french = text(agreed(), language="fr")
    assert "quiconque est informé de ce retrait doit faire tous les efforts raisonnables" in french


def test_the_notice_describes_only_the_images_the_person_had_agreed_to_and_where_they_are():
    notice = text(agreed())
    assert "Notice of withdrawal of consent" in notice
    assert "I withdraw that consent, as of the date of this notice." in notice
    answers = agreed()
    assert answers["items"][0]["description"] in notice
    assert "Video" not in notice  # the video was never agreed to: it is for the court order
    assert answers["places"][0]["url"] in notice.replace("\u200b", "")
    assert "Nothing is attached to this notice" in notice
    assert "12, rue des Pins Montréal" in notice


def test_a_company_is_addressed_only_as_the_directory_allows():
    meta = directory.platform("meta")
    notice = text(agreed(), "r2")
    assert (meta.legal_name_for_display or meta.name) in notice
    if meta.address and not meta.address_for_display:
        assert meta.address not in notice
    if meta.report_url_for_display:
        assert meta.report_url_for_display in notice.replace("\u200b", "")


def test_a_pseudonym_is_addressed_by_every_name_used():
    assert "nightowl_77, owl.secret" in text(agreed(), "r3")


def test_a_person_nobody_can_name_gets_no_notice():
    with pytest.raises(ValueError):
        text(agreed(), "r5")


def test_a_teen_signs_alone_and_a_parent_signs_for_a_child_under_14():
    teen = text(agreed(role="self", victim_age=15))
    assert "I, Alex Tremblay, had agreed at the time" in teen
    assert "parent" not in teen.lower()
    child = text(agreed(role="parent", victim_age=12))
    assert "I, Dominique Roy, write as the parent or tutor of Alex Tremblay, who is under 14." in (
        child
    )


def test_the_case_reference_is_printed_when_given():
    assert "Reference: K7M-4QX" in text(agreed(), reference="K7M-4QX")
    assert "Reference" not in text(agreed())


def test_the_notice_never_blames():
    notice = text(agreed()).lower()
    for word in ("fault", "mistake", "should not have", "careless", "blame"):
        assert word not in notice


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_text_to_copy_is_the_same_notice_in_one_language(language):
    context = build_notice_context(agreed(), respondent_id="r1", reference_date=TODAY)
    body = visible_text(render_notice_body(context, language=language))
    assert ("Avis de retrait du consentement" in body) is (language == "fr")


def test_the_french_notice_has_french_typography():
    context = build_notice_context(agreed(), respondent_id="r1", reference_date=TODAY,
                                   reference="K7M-4QX")
    french = visible_text(render_notice_html(context, language="fr"))
    answers = agreed()
    typed = [answers["items"][0]["description"], "12, rue des Pins", "Montréal"]
    assert "1er décembre 2026" in french
    assert faults_in(french, typed) == []


def test_both_languages_print_french_then_english_and_the_file_name_is_discreet(tmp_path):
    pdf = tmp_path / "notice.pdf"
    pdf.write_bytes(render_notice_pdf(agreed(), respondent_id="r1", language="both",
                                      reference_date=TODAY))
    printed = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                             check=True).stdout
    assert printed.index("Avis de retrait du consentement") < printed.index(
        "Notice of withdrawal of consent"
    )
    assert notice_filename("both", TODAY) == "avis-notice-2026-12-01.pdf"
    assert not re.search(r"intim|consent|retrait", notice_filename("fr", TODAY))
