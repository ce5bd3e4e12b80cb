"""The court's copy and the person's copy are two documents: the application, whose pages are
all the clerk counts ("page N of N" on its last page, each language version numbered on its
own), and the person's own pages (what to do now, how to file, help), printed apart."""

import re
from datetime import date

import pytest

from requests import directory
from requests.documents import build_application_context
from requests.documents.render import (
    guide_filename,
    render_application_pdf,
    render_guide_html,
    render_guide_pdf,
)

from . import answers as builder
from .pdf_pages import body_lines, pages, plain

TODAY = date(2026, 12, 3)
# What the person's own pages say, and the court's copy must not.
NEXT_STEPS = {
    "fr": ["Et maintenant", "Quebec.ca/imagesintimes", "1 866 532-2822", "Cyberaide.ca", "911"],
    "en": ["What to do next", "Quebec.ca/imagesintimes", "1 866 532-2822", "Cybertip.ca", "911"],
}
# At the foot's right end (a reference may be printed at its left).
PAGE_NUMBER = {"fr": r"page (\d+) de (\d+)$", "en": r"page (\d+) of (\d+)$"}


def page_numbers(pdf: bytes, language: str) -> list[tuple[int, int]]:
    """'page X of Y' of each page, read at its foot."""
    found = []
    for page in pages(pdf):
        match = re.search(PAGE_NUMBER[language], plain(page[-1]))
        assert match, f"no page number at the foot of {page[-3:]}"
        found.append((int(match.group(1)), int(match.group(2))))
    return found


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("answers", [builder.self_15, builder.teacher_with_consent])
def test_the_court_copy_ends_on_page_n_of_n_and_holds_no_next_steps(answers, language):
    pdf = render_application_pdf(answers(), language=language, reference_date=TODAY)
    numbers = page_numbers(pdf, language)
    count = len(numbers)
    assert numbers == [(number, count) for number in range(1, count + 1)]
    text = plain(" ".join(" ".join(body_lines(page)) for page in pages(pdf)))
    for words in NEXT_STEPS[language]:
        assert words not in text
    assert "Remove it before you file" not in text and "Retirez-la" not in text


def test_each_language_version_of_the_court_copy_is_numbered_on_its_own():
    # A clerk files one version: the French one ends on "page 3 de 3", not "page 3 de 6".
    pdf = render_application_pdf(builder.teacher_with_consent(), language="both",
                                 reference_date=TODAY)
    feet = []
    for page in pages(pdf):
        language = "fr" if re.search(PAGE_NUMBER["fr"], plain(page[-1])) else "en"
        number, count = re.search(PAGE_NUMBER[language], plain(page[-1])).groups()
        feet.append((language, int(number), int(count)))
    french = [foot for foot in feet if foot[0] == "fr"]
    english = [foot for foot in feet if foot[0] == "en"]
    assert feet == french + english and french and english
    assert french == [("fr", n, len(french)) for n in range(1, len(french) + 1)]
    assert english == [("en", n, len(english)) for n in range(1, len(english) + 1)]


def test_the_court_copy_leaves_a_blank_for_the_court_file_number():
    for language, label in (("fr", "N° du dossier : ____"), ("en", "Court file No.: ____")):
        pdf = render_application_pdf(builder.self_15(), language=language, reference_date=TODAY)
        assert label in plain(" ".join(pages(pdf)[0]))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_person_copy_is_its_own_pdf_with_the_filing_steps_and_help_lines(language):
    pdf = render_guide_pdf(builder.self_15(), language=language, reference_date=TODAY)
    text = plain(" ".join(" ".join(page) for page in pages(pdf)))
    for words in NEXT_STEPS[language]:
        assert words in text
    courthouse = {
        "fr": "Pour le district judiciaire de Montréal, le palais de justice est à Montréal.",
        "en": "For the judicial district of Montréal, the courthouse is in Montréal.",
    }
    assert courthouse[language] in text
    assert "1, rue Notre-Dame Est" in text  # the directory confirms this address
    # It is separate now: nothing asks to take a page out of the application.
    assert "Remove it before you file" not in text and "Retirez" not in text
    assert "Camille" not in text  # nothing about the case
    numbers = page_numbers(pdf, language)
    assert numbers[-1] == (len(numbers), len(numbers))


def test_a_courthouse_the_directory_does_not_confirm_is_left_out_of_the_person_copy(
    monkeypatch,
):
    real = directory.district("montreal")
    unconfirmed = type("District", (), {
        "name": real.name, "courthouse_town_for_display": None, "address_for_display": None,
    })()
    monkeypatch.setattr(directory, "district", lambda key: unconfirmed)
    context = build_application_context(builder.self_15(), reference_date=TODAY)
    text = plain(re.sub(r"<[^>]+>", " ", render_guide_html(context, language="en")))
    assert "the courthouse is in" not in text
    assert "Address:" not in text
    assert "Quebec.ca/imagesintimes" in text


def test_the_person_copy_has_a_discreet_name_of_its_own():
    assert guide_filename("fr", TODAY) == "a-lire-2026-12-03.pdf"
    assert guide_filename("en", TODAY) == "read-me-2026-12-03.pdf"
    assert guide_filename("both", TODAY) == "a-lire-read-me-2026-12-03.pdf"
