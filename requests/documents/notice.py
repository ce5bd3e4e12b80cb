"""The notice of withdrawn consent: one per holder of the images (a person, a company or
platform), for a person who had agreed, at the time, to an image being made or sent. Pure:
answers in, HTML or PDF out, like the application and the cover letter.

The law behind it (platforms-and-law.md, "Revoking consent", confirmed, from the Government
of Québec's page on the Act): a person can withdraw consent to an image they already shared,
and whoever is told of the withdrawal must make every reasonable effort to make the image
inaccessible. No judge is needed. It is never a condition of the court application.
"""

import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext

from requests.answers import Answers, Item, Respondent

from .render import html_to_pdf, languages_of, title_in_languages
from .typography import ZERO_WIDTH_SPACE, printed_text_html

TEMPLATE = "requests/documents/notice.html"
BODY_TEMPLATE = "requests/documents/_notice_body.html"
NOTICE_CSS = "requests/documents/notice.css"
# Who can be told: someone the person can name or reach by a pseudonym, and a company. A
# person nobody can name has no address to send a notice to.
HOLDER_KINDS = ("known", "pseudonym", "company")


@dataclass(frozen=True)
class NoticeContext:
    holder_name: str
    holder_service: str
    holder_address: str  # a person's address as typed, a company's only where confirmed
    holder_report_url: str  # a company's report page, only where confirmed
    signer_name: str  # the person shown, or the parent or tutor of a child under 14
    for_child: str  # the child's name when a parent or tutor signs for them, else ""
    items: tuple[Item, ...]  # the images the person had agreed to, described in words
    places: tuple[str, ...]  # where this holder has them
    reply_to: tuple[str, ...]  # the ways the person allows being reached
    reference: str  # the case reference, "" if none
    reference_date: date


def holders(answers) -> tuple[Respondent, ...]:
    """The respondents a notice can be sent to."""
    return tuple(r for r in Answers.from_stored(answers).respondents if r.kind in HOLDER_KINDS)


def notice_fits(answers) -> bool:
    """The person had agreed to an image at the time, and someone holds it: a notice fits."""
    typed = Answers.from_stored(answers)
    return any(item.agreed_then for item in typed.items) and bool(holders(typed))


def notice_may_go_to(answers, respondent_id: str) -> bool:
    """A notice fits, and this respondent is one it can be sent to."""
    return notice_fits(answers) and respondent_id in {holder.id for holder in holders(answers)}


def build_notice_context(
    answers, *, respondent_id: str, reference_date: date, reference: str = ""
) -> NoticeContext:
    typed = Answers.from_stored(answers)
    holder = next((r for r in holders(typed) if r.id == respondent_id), None)
    if holder is None:
        raise ValueError(f"no holder {respondent_id!r} in the answers")
    entry = holder.directory_entry
    if holder.kind == "company":
        name, address = holder.company_document_name, (entry.address_for_display if entry else "")
    elif holder.kind == "pseudonym":
        name, address = ", ".join(holder.handles), ""
    else:
        name, address = holder.full_name, holder.address
    parent_signs = typed.who.is_parent and typed.applicant is not None
    return NoticeContext(
        holder_name=name,
        holder_service=holder.service or holder.platform,
        holder_address=address or "",
        holder_report_url=(entry.report_url_for_display or "") if entry else "",
        signer_name=typed.applicant.full_name if parent_signs else typed.person.full_name,
        for_child=typed.person.full_name if parent_signs else "",
        items=tuple(item for item in typed.items if item.agreed_then),
        places=tuple(place.location for place in typed.places_of(holder)),
        reply_to=typed.contact.reachable,
        reference=reference,
        reference_date=reference_date,
    )


def render_notice_body(context: NoticeContext, *, language: str) -> str:
    """One language version (also what the page shows ready to copy, as text)."""
    with translation.override(language):
        body = render_to_string(BODY_TEMPLATE, {"notice": context, "language": language})
    return printed_text_html(body, language=language)


class _PlainText(HTMLParser):
    """Text only, a blank line between blocks, items on lines of their own."""

    BLOCKS = {"p", "h1", "h2", "header", "ol", "ul", "div", "article"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "br":
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))  # no-break spaces stay

    def text(self) -> str:
        lines = "".join(self.parts).replace(ZERO_WIDTH_SPACE, "").split("\n")
        text = "\n".join(re.sub(" {2,}", " ", line).strip(" ") for line in lines)
        return re.sub(r"\n{3,}", "\n\n", text).strip()


def notice_text(context: NoticeContext, *, language: str) -> str:
    """The notice as plain text, ready to paste into a platform's form or an email."""
    parser = _PlainText()
    parser.feed(render_notice_body(context, language=language))
    return parser.text()


def render_notice_html(context: NoticeContext, *, language: str) -> str:
    languages = languages_of(language)
    bodies = [(code, mark_safe(render_notice_body(context, language=code))) for code in languages]
    title = title_in_languages(lambda: pgettext("document title", "Notice"), languages)
    return render_to_string(TEMPLATE, {
        "document_language": languages[0], "document_title": title, "bodies": bodies,
    })


def render_notice_pdf(
    answers, *, respondent_id: str, language: str, reference_date: date, reference: str = ""
) -> bytes:
    context = build_notice_context(
        answers, respondent_id=respondent_id, reference_date=reference_date, reference=reference
    )
    return html_to_pdf(render_notice_html(context, language=language), stylesheet=NOTICE_CSS)


def notice_filename(language: str, reference_date: date) -> str:
    """Discreet: nothing about the subject, nor who it is for."""
    languages_of(language)
    stem = {"fr": "avis", "en": "notice", "both": "avis-notice"}[language]
    return f"{stem}-{reference_date.isoformat()}.pdf"
