"""French typography for the French document: no-break spaces where French puts them.

French sets a space before « : ; ? ! » and inside « guillemets », and that space must never
start a line. We use U+202F (narrow no-break space) before ; ? ! and inside guillemets, and
U+00A0 before the colon, as the OQLF recommends. Web addresses, e-mail addresses and times
("14:30") are left exactly as typed.
"""

import re
from html import escape
from html.parser import HTMLParser

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"

_ADDRESS = re.compile(r"\S*(?:://|www\.|@)\S*|\S+\.(?:ca|com|org|net|qc\.ca)\S*", re.IGNORECASE)
_BEFORE_PUNCTUATION = re.compile(
    r"(?<=[^\s\u00a0\u202f«(\[])[ \u00a0\u202f]?([;?!]+)(?=\s|$|[»)\]\"'.,])"
)
_BEFORE_COLON = re.compile(r"(?<=[^\s\u00a0\u202f«(\[])[ \u00a0\u202f]?:(?=\s|$)")
_AFTER_OPENING_GUILLEMET = re.compile(r"«[ \u00a0\u202f]*")
_BEFORE_CLOSING_GUILLEMET = re.compile(r"[ \u00a0\u202f]*»")


def _plain_french_typography(text: str) -> str:
    text = _BEFORE_PUNCTUATION.sub(NARROW_NBSP + r"\1", text)
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _AFTER_OPENING_GUILLEMET.sub("«" + NARROW_NBSP, text)
    return _BEFORE_CLOSING_GUILLEMET.sub(NARROW_NBSP + "»", text)


def french_typography(text: str) -> str:
    """Return `text` with French no-break spaces, leaving web and e-mail addresses untouched."""
    if "\ue000" in text or "\ue001" in text:
        return text  # the marks below would be ambiguous: keep such text exactly as typed
    addresses: list[str] = []

    def hold(match: re.Match) -> str:
        addresses.append(match.group())
        return f"\ue000{len(addresses) - 1}\ue001"

    held = _plain_french_typography(_ADDRESS.sub(hold, text))
    return re.sub("\ue000(\\d+)\ue001", lambda match: addresses[int(match.group(1))], held)


ZERO_WIDTH_SPACE = "\u200b"
# A run of this many characters without a space may not fit on a line of the page.
LONG_RUN = 24
_LONG_RUN = re.compile(r"\S{%d,}" % (LONG_RUN + 1))
BREAK_EVERY = 12


def _breakable_run(match: re.Match) -> str:
    run = match.group()
    return ZERO_WIDTH_SPACE.join(run[i : i + BREAK_EVERY] for i in range(0, len(run), BREAK_EVERY))


def breakable(text: str) -> str:
    """Long unbroken runs (a web address, a handle, a pasted token) get an invisible break
    opportunity every few characters, so that they wrap inside the page instead of running
    off its edge, and so that the renderer never searches a thousand characters for a place
    to break (which took WeasyPrint seconds per address). Nothing visible changes, and
    copying the text out of the PDF gives it back without the marks."""
    return _LONG_RUN.sub(_breakable_run, text)


class _TextRewriter(HTMLParser):
    """Re-emits an HTML fragment with `transform` applied to its text only."""

    RAW_TEXT_TAGS = {"style", "script"}

    def __init__(self, transform) -> None:
        super().__init__(convert_charrefs=True)
        self.transform = transform
        self.output: list[str] = []
        self.raw_text_depth = 0

    def handle_decl(self, decl: str) -> None:
        self.output.append(f"<!{decl}>")

    def handle_starttag(self, tag: str, attrs) -> None:
        self.output.append(self.get_starttag_text())
        if tag in self.RAW_TEXT_TAGS:
            self.raw_text_depth += 1

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.output.append(self.get_starttag_text())

    def handle_endtag(self, tag: str) -> None:
        self.output.append(f"</{tag}>")
        if tag in self.RAW_TEXT_TAGS:
            self.raw_text_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.raw_text_depth:
            self.output.append(data)
        else:
            self.output.append(escape(self.transform(data)))

    def handle_comment(self, data: str) -> None:
        self.output.append(f"<!--{data}-->")


def rewrite_text(html: str, transform) -> str:
    """Apply `transform` to every text node of an HTML document or fragment."""
    rewriter = _TextRewriter(transform)
    rewriter.feed(html)
    rewriter.close()
    return "".join(rewriter.output)


def french_typography_html(html: str) -> str:
    """Apply `french_typography` to every text node of an HTML document or fragment."""
    return rewrite_text(html, french_typography)


def printed_text_html(html: str, *, language: str) -> str:
    """What every printed document does to its text: French typography in French, and long
    runs made breakable in every language."""
    if language == "fr":
        return rewrite_text(html, lambda text: breakable(french_typography(text)))
    return rewrite_text(html, breakable)


_VOWEL_START = re.compile(r"^[AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜaeiouyàâäéèêëîïôöùûü]")


def of_place(name: str, language: str = "fr") -> str:
    """« de Montréal », « d’Abitibi » in French (elision before a vowel); "of Montréal" in
    English. For the names of the judicial districts and their towns, which take no article."""
    name = str(name)
    if not language.startswith("fr"):
        return f"of {name}"
    return f"d’{name}" if _VOWEL_START.match(name) else f"de {name}"
