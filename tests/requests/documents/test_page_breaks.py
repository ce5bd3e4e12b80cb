"""Where the pages of the application break, as a clerk reads them (pdftotext, page by page):
no heading alone at the foot of a page, and no annex cut so that a page holds only its heading
and a row or two.

Where a page breaks depends on everything above it, so each test prints the same application
many times, the text before the annex one line longer each time, until the annex and the
headings after that text have been printed at every height of a page.
"""

import re
from datetime import date
from html.parser import HTMLParser
from itertools import pairwise

import pytest

from requests.documents import build_application_context
from requests.documents.render import render_application_html, render_application_pdf
from tests.factories import answers_factory, known, place

from .pdf_pages import body_lines, pages

TODAY = date(2026, 12, 3)
ANNEX_A = {"fr": "Annexe A", "en": "Annex A"}
ANNEX_B = {"fr": "Annexe B", "en": "Annex B"}
ROW = re.compile(r"\d{1,2}\s{2,}\S")  # a row of Annex A starts with the place's number


def squashed(text: str) -> str:
    return re.sub(r"\s", "", text.replace("\u200b", ""))


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: set[str] = set()
        self._text: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3"):
            self._text = []

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "h3") and self._text is not None:
            self.headings.add(squashed("".join(self._text)))
            self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def headings_of(answers: dict, language: str) -> set[str]:
    parser = _Headings()
    context = build_application_context(answers, reference_date=TODAY)
    parser.feed(render_application_html(context, language=language))
    return parser.headings


def with_explanation(lines: int, places: int) -> dict:
    """One respondent and `places` places; the explanation of the urgency, just before the
    last sections and the annex, `lines` lines long."""
    return answers_factory(
        parties=[known()],
        places=[place(["r1"], url=f"https://example.org/p/{n:03d}") for n in range(places)],
        urgency={"reasons": ["spreading"], "explanation": "\n".join(["urgent"] * lines)},
    )


PLACES = 9
# A page holds about 46 lines: in French, every other position on a page (about 9 s), in
# English one line in three from the second, so that together they print the annex at nearly
# every height of a page.
SWEEP = {"fr": range(0, 48, 2), "en": range(1, 48, 3)}


@pytest.fixture(scope="module", params=["fr", "en"])
def printed(request):
    language = request.param
    runs = []
    for lines in SWEEP[language]:
        answers = with_explanation(lines, places=PLACES)
        pdf = render_application_pdf(answers, language=language, reference_date=TODAY)
        runs.append((lines, answers, [body_lines(page) for page in pages(pdf)]))
    return language, runs


def annex_rows_by_page(lines_of_pages: list[list[str]], language: str) -> list[int]:
    """How many rows of Annex A each page holds that holds any part of it: the page of its
    heading, and the pages after it that start with its table's header, repeated."""
    counts, header = [], None
    for lines in lines_of_pages:
        if header is None:
            start = next(
                (n for n, line in enumerate(lines) if line.startswith(ANNEX_A[language])), None
            )
            if start is None:
                continue
            header = lines[start + 1].split()[0]  # the first column's title
        elif lines and lines[0].split()[0] == header:
            start = 0
        else:
            break
        rows = 0
        for line in lines[start + 1:]:
            if line.startswith(ANNEX_B[language]):
                break
            rows += bool(ROW.match(line))
        counts.append(rows)
    return counts


def test_an_annex_never_leaves_its_heading_or_a_row_or_two_alone_on_a_page(printed):
    language, runs = printed
    for lines_before, _, lines_of_pages in runs:
        counts = annex_rows_by_page(lines_of_pages, language)
        assert sum(counts) == PLACES, f"rows lost or doubled with {lines_before} lines: {counts}"
        assert all(count >= 3 for count in counts), (
            f"with {lines_before} lines, a page holds only {min(counts)} row(s) of Annex A: {counts}"
        )


def test_no_page_ends_with_a_heading(printed):
    language, runs = printed
    for lines_before, answers, lines_of_pages in runs:
        headings = headings_of(answers, language)
        for number, (lines, following) in enumerate(pairwise(lines_of_pages), start=1):
            for last in (1, 2, 3):  # a heading may take up to three lines
                tail = squashed("".join(lines[-last:]))
                assert tail not in headings, f"page {number} ends with {tail!r} ({lines_before} lines)"
                split = squashed("".join(lines[-last:] + following[:1]))
                assert split not in headings, f"a heading is cut at page {number} ({lines_before})"
