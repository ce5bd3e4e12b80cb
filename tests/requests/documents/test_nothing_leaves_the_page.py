"""Nothing leaves the page: every word the application prints lies inside the text block
(inside the margins of application.css; the running header and the page numbers in the top
and bottom margins), whatever was typed, and nothing typed is lost on the way.

The answers: every text the document prints typed as one unbroken run of the widest letters,
names of 300 characters, web addresses of 500, every kind of respondent and of place, many of
each (tests/extreme_answers.py). Checked in the PDF itself, with pdftotext -bbox.
"""

from datetime import date

import pytest

from requests.documents.render import render_application_pdf, render_guide_pdf
from tests.extreme_answers import every_text_at_its_longest, longest_answers

from .pdf_pages import drawn_text, words

TODAY = date(2026, 12, 3)


def typed_texts(value):
    """Every text of the answers long enough to be typed by the person (keys and dates are
    shorter)."""
    if isinstance(value, str):
        if len(value) >= 40:
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from typed_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from typed_texts(item)


@pytest.fixture(scope="module", params=["fr", "en", "both"])
def extreme(request):
    answers = every_text_at_its_longest(document_language=request.param)
    return answers, render_application_pdf(answers, language=request.param, reference_date=TODAY)


def outside(pdf: bytes) -> list[str]:
    return [
        f"page {word.page}: {word.text[:30]!r} at {word.left:.1f}-{word.right:.1f} mm across, "
        f"{word.top:.1f}-{word.bottom:.1f} mm down"
        for word in words(pdf)
        if not (word.in_text_block or word.in_header_or_footer)
    ]


def test_every_word_of_the_longest_answers_lies_inside_the_text_block(extreme):
    _, pdf = extreme
    assert outside(pdf) == []


def test_no_typed_text_is_lost_however_it_was_wrapped(extreme):
    answers, pdf = extreme
    printed = drawn_text(pdf)
    missing = [text[:40] for text in typed_texts(answers) if "".join(text.split()) not in printed]
    assert missing == []


def test_the_longest_answers_the_forms_accept_stay_inside_the_page_too():
    # Every list at its longest (15 respondents, 40 places: the annex and the conclusions).
    pdf = render_application_pdf(longest_answers(), language="fr", reference_date=TODAY)
    assert outside(pdf) == []


def test_the_person_copy_stays_inside_the_page():
    pdf = render_guide_pdf(every_text_at_its_longest(), language="both", reference_date=TODAY)
    assert outside(pdf) == []
