"""French typography in every French document (#14), with the checks the pages are held to
(tests/portal/test_french_typography.py): « 1er » for the first of a month, elision, a
non-breaking space before « : », no « ? : », agreement. The cast: every applicant, every kind
of situation, of material and of respondent, names that begin with a vowel, and the first of
a month everywhere a date is printed. What the person typed is left out of the checks."""

import re
import subprocess
from datetime import date

import pytest

from requests.documents import build_application_context, render_application_html
from requests.documents.cover_letter import (
    build_cover_letter_context,
    render_cover_letter_html,
)
from requests.documents.render import render_application_pdf
from tests.factories import answers_factory, known, other_company, pseudonym, unknown
from tests.portal.test_french_typography import faults_in, visible_text

FIRST_OF_DECEMBER = date(2026, 12, 1)
VOWEL_NAMES = {"full_name": "Émilie Ouellet", "other_names": "Em", "date_of_birth": "2010-06-01"}


def cast():
    """(name, answers): each applicant, each situation, the first of a month on every date."""
    parties = [known(address="", full_name="Olivier Arsenault"), pseudonym(), unknown(),
               other_company(), known(id="r6", platform_id="meta", kind="company",
                                      service="Instagram", actions=["hosts"])]
    for role, age in (("self", 16), ("parent", 12), ("helper", 19)):
        for kind in ("shared", "threatened", "both"):
            answers = answers_factory(
                role=role, victim_age=age, kind=kind, parties=parties,
                item_kinds=("photo", "audio", "live", "altered"), person=VOWEL_NAMES,
            )
            answers["situation"]["first_seen"] = "2026-11-01"
            for place in answers["places"]:
                place["seen_on"] = "2026-11-01"
            if "consent" in answers:
                answers["consent"]["consent_date"] = "2026-11-01"
            if "applicant" in answers:
                answers["applicant"]["full_name"] = "Ariane Ouellet"
            yield f"{role}-{kind}", answers


CAST = list(cast())


def typed_in(answers) -> list[str]:
    """Every text the person typed (left out of the checks: their words are theirs)."""
    found = []

    def walk(value):
        # Choice keys ("pseudonym", "in_person") are never printed as typed: keep them in.
        if isinstance(value, str) and len(value) > 2 and re.search(r"[^a-z_]", value):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(answers)
    return sorted(set(found), key=len, reverse=True)


@pytest.mark.parametrize(("name", "answers"), CAST, ids=[name for name, _ in CAST])
def test_the_french_application_has_french_typography(name, answers):
    context = build_application_context(answers, reference_date=FIRST_OF_DECEMBER)
    text = visible_text(render_application_html(context, language="fr")).replace("\u200b", "")
    assert "1er décembre 2026" in text and "1er novembre 2026" in text
    assert faults_in(text, typed_in(answers)) == []


@pytest.mark.parametrize("respondent_id", ["r4", "r6"])
def test_the_french_cover_letter_has_french_typography(respondent_id):
    answers = dict(CAST[0][1])
    context = build_cover_letter_context(
        answers, respondent_id=respondent_id, reference_date=FIRST_OF_DECEMBER
    )
    text = visible_text(render_cover_letter_html(context, language="fr"))
    assert faults_in(text, typed_in(answers)) == []


def test_the_french_pdf_as_a_clerk_reads_it_has_french_typography(tmp_path):
    """The running header and the page numbers too, read back from the printed pages."""
    _name, answers = CAST[1]
    pdf = tmp_path / "demande.pdf"
    pdf.write_bytes(render_application_pdf(answers, language="fr",
                                           reference_date=FIRST_OF_DECEMBER))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout.replace("\u200b", "")
    lines = "\n".join(" ".join(line.split()) for line in text.splitlines())
    assert "1er décembre 2026" in lines
    # pdftotext writes every space as U+0020, so the no-break spaces are checked in the HTML
    # above; everything else is checked here, on what the clerk reads.
    faults = [fault for fault in faults_in(lines, typed_in(answers))
              if not fault.startswith("no non-breaking space")]
    assert faults == []


@pytest.mark.parametrize(("district", "caption"), [
    ("abitibi", "District judiciaire d’Abitibi"), ("iberville", "District judiciaire d’Iberville"),
    ("montreal", "District judiciaire de Montréal"),
])
def test_a_district_whose_name_begins_with_a_vowel_is_elided(district, caption, tmp_path):
    answers = answers_factory(contact={**answers_factory()["contact"], "district": district})
    context = build_application_context(answers, reference_date=FIRST_OF_DECEMBER)
    text = visible_text(render_application_html(context, language="fr"))
    assert caption.upper() in text.upper()
    pdf = tmp_path / "demande.pdf"
    pdf.write_bytes(render_application_pdf(answers, language="fr",
                                           reference_date=FIRST_OF_DECEMBER))
    printed = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                             check=True).stdout
    assert f"Cour du Québec, d{caption[1:]}" in printed  # the running header of every page
