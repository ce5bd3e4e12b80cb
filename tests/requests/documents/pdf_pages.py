"""What a printed PDF looks like, page by page, read back with poppler (pdftotext): each page's
text, and where each word is drawn (in millimetres from the page's top left corner).

The page of every printed document: US letter, and the margins of application.css
(`@page { margin: 22mm 20mm 20mm 22mm }`): the text block is what lies inside them; the running
header and the page numbers are drawn in the top and bottom margins, over the text block's width.
"""

import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

MM = 72 / 25.4  # PostScript points in a millimetre
PAGE_WIDTH, PAGE_HEIGHT = 215.9, 279.4
MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT = 22, 20, 20, 22
TOLERANCE = 0.2  # mm: the rounding of a glyph's box
ZERO_WIDTH_SPACE = "\u200b"


@dataclass(frozen=True)
class Word:
    page: int  # from 1
    text: str
    left: float
    top: float
    right: float
    bottom: float

    @property
    def in_text_block(self) -> bool:
        return (
            MARGIN_LEFT - TOLERANCE <= self.left
            and self.right <= PAGE_WIDTH - MARGIN_RIGHT + TOLERANCE
            and MARGIN_TOP - TOLERANCE <= self.top
            and self.bottom <= PAGE_HEIGHT - MARGIN_BOTTOM + TOLERANCE
        )

    @property
    def in_header_or_footer(self) -> bool:
        """In the top or bottom margin, within the text block's width."""
        return (
            MARGIN_LEFT - TOLERANCE <= self.left
            and self.right <= PAGE_WIDTH - MARGIN_RIGHT + TOLERANCE
            and (self.bottom <= MARGIN_TOP + TOLERANCE
                 or self.top >= PAGE_HEIGHT - MARGIN_BOTTOM - TOLERANCE)
            and self.top >= 0 and self.bottom <= PAGE_HEIGHT
        )


def _run(pdf: bytes, *arguments: str) -> str:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "document.pdf"
        path.write_bytes(pdf)
        return subprocess.run(
            ["pdftotext", "-enc", "UTF-8", *arguments, str(path), "-"],
            check=True, capture_output=True, text=True,
        ).stdout


def words(pdf: bytes) -> list[Word]:
    """Every word drawn, with its box, in the order it is drawn."""
    xhtml = _run(pdf, "-bbox", "-raw")
    xhtml = re.sub(r"<!DOCTYPE[^>]*>", "", xhtml).replace(' xmlns="http://www.w3.org/1999/xhtml"', "")
    found = []
    for number, page in enumerate(ElementTree.fromstring(xhtml).iter("page"), start=1):
        for word in page.iter("word"):
            left, top, right, bottom = (
                float(word.get(side)) / MM for side in ("xMin", "yMin", "xMax", "yMax")
            )
            found.append(Word(number, word.text or "", left, top, right, bottom))
    return found


def pages(pdf: bytes) -> list[list[str]]:
    """The lines of each page, in reading order, without the blank ones."""
    text = _run(pdf, "-layout")
    return [
        [line.strip() for line in page.splitlines() if line.strip()]
        for page in text.split("\f")
        if page.strip()
    ]


def body_lines(page: list[str]) -> list[str]:
    """A page's lines without its running header (first line) and page number (last)."""
    return page[1:-1]


def drawn_text(pdf: bytes) -> str:
    """The text of the text blocks (not the running headers and page numbers) in the order it
    is drawn, with no spaces, line ends nor invisible breaks: what a text typed without spaces
    should be found in, however it was wrapped and across however many pages."""
    text = "".join(
        word.text for word in words(pdf)
        # List markers are drawn after their list: they would cut a text in two.
        if not word.in_header_or_footer and not re.fullmatch(r"•|\d+\.", word.text)
    )
    return re.sub(r"\s", "", text.replace(ZERO_WIDTH_SPACE, "").replace("\u00ad", ""))


def plain(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())
