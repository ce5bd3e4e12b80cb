"""A short cover letter to send a company with the court's order. Pure: answers in, PDF out.

Same locked fetcher and fonts as the application (render.html_to_pdf). The order's date and
file number are left blank: the person writes them by hand from the order itself.
"""

from dataclasses import dataclass
from datetime import date

from django.template.loader import render_to_string
from django.utils import translation

from requests.answers import Answers

from .render import COVER_LETTER_CSS, html_to_pdf
from .typography import printed_text_html

LANGUAGES = ("fr", "en")
TEMPLATE = "requests/documents/cover_letter.html"


@dataclass(frozen=True)
class CoverLetterContext:
    company_name: str  # the legal name only when confirmed, else the name people know
    company_address: str | None
    service: str
    sender_name: str
    sender_contact: str
    places: tuple[str, ...]
    reference_date: date
    reference: str = ""  # the case reference


def build_cover_letter_context(
    answers: dict, *, respondent_id: str, reference_date: date, reference: str = ""
) -> CoverLetterContext:
    typed = Answers.from_stored(answers)
    company = typed.respondent(respondent_id)
    if company is None:
        raise ValueError(f"no respondent {respondent_id!r} in the answers")
    entry = company.directory_entry
    return CoverLetterContext(
        company_name=company.company_document_name,
        company_address=entry.address_for_display if entry is not None else None,
        service=company.service,
        sender_name=typed.signer_name,
        sender_contact=" · ".join(typed.contact.reachable),
        places=tuple(place.location for place in typed.places_of(company)),
        reference_date=reference_date,
        reference=reference,
    )


def render_cover_letter_html(context: CoverLetterContext, *, language: str) -> str:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    with translation.override(language):
        html = render_to_string(TEMPLATE, {"letter": context, "language": language})
    return printed_text_html(html, language=language)


def render_cover_letter_pdf(
    answers: dict, *, respondent_id: str, language: str, reference_date: date,
    reference: str = "",
) -> bytes:
    context = build_cover_letter_context(
        answers, respondent_id=respondent_id, reference_date=reference_date, reference=reference
    )
    html = render_cover_letter_html(context, language=language)
    return html_to_pdf(html, stylesheet=COVER_LETTER_CSS)


def cover_letter_filename(language: str, reference_date: date) -> str:
    """Discreet: nothing about the subject, nor the company."""
    stem = {"fr": "lettre", "en": "letter"}[language]
    return f"{stem}-{reference_date.isoformat()}.pdf"
