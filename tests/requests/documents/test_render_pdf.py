"""The PDF itself: text in each language, page numbers, metadata, tags, file name."""

import subprocess
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

from requests.documents import document_filename, render_application_pdf
from requests.documents.cover_letter import render_cover_letter_pdf

from . import answers as builder

TODAY = date(2026, 11, 23)


def pdftotext(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def pdfinfo(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdfinfo", str(path)], check=True, capture_output=True, text=True
    ).stdout


def plain(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def both_pdf() -> bytes:
    return render_application_pdf(
        builder.teacher_with_consent(), language="both", reference_date=TODAY
    )


def test_the_pdf_is_a_pdf(both_pdf):
    assert both_pdf.startswith(b"%PDF")


FRENCH_SECTIONS = [
    "Cour du Québec, district judiciaire de Montréal",
    "Demande d’ordonnance urgente",
    "1. Qui fait la demande",
    "2. La personne représentée",
    "3. Les faits",
    "4. Les personnes et les entreprises visées",
    "5. Pourquoi c’est urgent",
    "6. Ce qui est demandé au tribunal",
    "7. Déclaration",
    "Annexe A : endroits où ce qui est décrit se trouve ou a été vu",
    "Annexe B : consentement de la personne représentée",
]
ENGLISH_SECTIONS = [
    "Court of Québec, judicial district of Montréal",
    "Application for an urgent order",
    "1. Who is applying",
    "2. The person shown",
    "3. The facts",
    "4. Respondents: the persons and companies targeted",
    "5. Why it is urgent",
    "6. What the applicant asks the court",
    "7. Declaration",
    "Annex A: places where what is described is or was seen",
    "Annex B: consent of the person shown",
]


def test_the_bilingual_pdf_has_every_section_in_french_then_in_english(both_pdf, tmp_path):
    text = plain(pdftotext(both_pdf, tmp_path))
    for heading in FRENCH_SECTIONS + ENGLISH_SECTIONS:
        assert heading in text
    assert text.index("7. Déclaration") < text.index("1. Who is applying")


@pytest.mark.parametrize(
    ("language", "sections", "absent"),
    [
        ("fr", FRENCH_SECTIONS, "1. Who is applying"),
        ("en", ENGLISH_SECTIONS, "1. Qui fait la demande"),
    ],
)
def test_a_one_language_pdf_has_every_section_in_that_language_only(
    language, sections, absent, tmp_path
):
    pdf = render_application_pdf(
        builder.teacher_with_consent(), language=language, reference_date=TODAY
    )
    text = plain(pdftotext(pdf, tmp_path))
    for heading in sections:
        assert heading in text
    assert absent not in text


def test_every_page_is_numbered_page_x_of_y_in_its_language(both_pdf, tmp_path):
    # Each version is numbered on its own (test_two_documents.py checks every page).
    text = plain(pdftotext(both_pdf, tmp_path))
    pages = int(pdfinfo(both_pdf, tmp_path).split("Pages:")[1].split()[0])
    assert pages >= 4
    assert "page 1 de " in text and "page 1 of " in text
    assert f"of {pages}" not in text and f"de {pages}" not in text


def test_the_pdf_title_is_neutral_and_the_pdf_is_tagged(tmp_path):
    pdf = render_application_pdf(builder.self_15(), language="fr", reference_date=TODAY)
    info = pdfinfo(pdf, tmp_path)
    assert "Title:           Demande\n" in info
    assert "Tagged:          yes" in info
    for word in ("image", "intime", "intimate", "Camille"):
        assert word not in info


def test_the_fonts_are_the_bundled_ones_and_embedded(both_pdf, tmp_path):
    path = tmp_path / "document.pdf"
    path.write_bytes(both_pdf)
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows and all("Document-Sans" in row and " yes yes yes " in row for row in rows)


def test_the_file_name_says_nothing_about_what_the_application_is_for():
    assert document_filename("fr", TODAY) == "demande-2026-11-23.pdf"
    assert document_filename("en", TODAY) == "application-2026-11-23.pdf"
    assert document_filename("both", TODAY) == "demande-application-2026-11-23.pdf"


def pdffonts(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
    return listing.stdout.splitlines()[2:]


def test_a_letter_printed_after_an_application_still_embeds_its_own_fonts(tmp_path):
    # The fonts and the print stylesheets are built once per thread and kept between documents.
    answers = builder.every_kind_of_respondent()
    render_application_pdf(answers, language="fr", reference_date=TODAY)
    company = next(p["id"] for p in answers["parties"] if p["kind"] == "company")
    letter = render_cover_letter_pdf(
        answers, respondent_id=company, language="fr", reference_date=TODAY
    )
    fonts = pdffonts(letter, tmp_path)
    assert fonts and all("Document-Sans" in row and " yes yes yes " in row for row in fonts)
    assert "Objet" in pdftotext(letter, tmp_path)


def test_documents_printed_at_the_same_time_in_several_threads_are_all_complete(tmp_path):
    # `make run` renders in the web server's threads: each thread keeps its own fonts.
    answers = builder.teacher_with_consent()
    with ThreadPoolExecutor(max_workers=3) as pool:
        pdfs = list(pool.map(
            lambda language: render_application_pdf(
                answers, language=language, reference_date=TODAY
            ),
            ["fr", "en", "fr", "en", "fr", "en"],
        ))
    for language, pdf in zip(["fr", "en"] * 3, pdfs, strict=True):
        text = plain(pdftotext(pdf, tmp_path))
        assert ("Cour du Québec" if language == "fr" else "Court of Québec") in text
        assert all("Document-Sans" in row for row in pdffonts(pdf, tmp_path))
