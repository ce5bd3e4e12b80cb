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


class _TypographyRewriter(HTMLParser):
    """Re-emits an HTML fragment with French typography applied to its text only."""

    RAW_TEXT_TAGS = {"style", "script"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
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
            self.output.append(escape(french_typography(data), quote=False))

    def handle_comment(self, data: str) -> None:
        self.output.append(f"<!--{data}-->")


def french_typography_html(html: str) -> str:
    """Apply `french_typography` to every text node of an HTML document or fragment."""
    rewriter = _TypographyRewriter()
    rewriter.feed(html)
    rewriter.close()
    return "".join(rewriter.output)
