"""Every kind of printed document, registered once: which rows hold it, how it is printed from
the answers, what its file is called, and what the person is told if it fails.

One set of services works on any kind (requests/services.py, "Printed documents"), with one
Celery task (`render_printed`) and one waiting page and one download view
(requests/views/documents.py). A new kind is a model (a `PrintedDocument`), a template and a
context builder in requests/documents/, and one `register(...)` line at the end of this file.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_noop

from requests import access, selectors
from requests.answers import Answers
from requests.documents.cover_letter import cover_letter_filename, render_cover_letter_pdf
from requests.documents.notice import notice_filename, notice_may_go_to, render_notice_pdf
from requests.documents.render import (
    document_filename,
    guide_filename,
    render_application_pdf,
    render_guide_pdf,
)
from requests.models import (
    Application,
    CoverLetter,
    PersonGuide,
    PrintedDocument,
    RenderedDocument,
    WithdrawalNotice,
)


def _always(row) -> bool:
    return True


def _nothing(row) -> None:
    return None


@dataclass(frozen=True)
class PrintedKind:
    key: str  # in the task's message and the logs: never personal
    model: type[PrintedDocument]
    # The row and the date printed on it → the PDF's bytes (a pure function of the answers).
    print_pdf: Callable[[PrintedDocument, date], bytes]
    filename: Callable[[PrintedDocument], str]  # discreet: nothing about the case
    audit_subject: str  # requests.access: what a helper read or printed
    failure_message: str  # gettext_noop: stored as is, translated when shown
    # The newest row asked for from these answers (with these fields), failed or not.
    current: Callable[..., PrintedDocument | None]
    # What a row records besides the answers' digest, from what the person chose.
    fields: Callable[..., dict] = lambda application, **chosen: chosen
    # False when the answers changed since the row was asked for, so it must not be printed.
    still_wanted: Callable[[PrintedDocument], bool] = _always
    # What becomes of a row no longer wanted: dropped (the person asks again from the new
    # answers), or failed with `failure_message` (the page says so).
    drop_when_unwanted: bool = False
    after_printing: Callable[[PrintedDocument], None] = _nothing


KINDS: dict[str, PrintedKind] = {}


def register(kind: PrintedKind) -> PrintedKind:
    KINDS[kind.key] = kind
    return kind


def kind_of(row: PrintedDocument) -> PrintedKind:
    return next(kind for kind in KINDS.values() if isinstance(row, kind.model))


# --- The application to the court --------------------------------------------------------------


def _print_application(document: RenderedDocument, printed_on: date) -> bytes:
    application = document.application
    gate = access.helper_gate()
    return render_application_pdf(
        application.answers,
        language=document.language,
        reference_date=printed_on,
        recorded_consents=gate.recorded_consents(application) if gate is not None else (),
        reference=application.reference,
    )


def _application_still_wanted(document: RenderedDocument | PersonGuide) -> bool:
    application = document.application
    return document.answers_digest == selectors.answers_digest(
        application.answers
    ) and document.language == application.document_language


def _application_printed(document: RenderedDocument) -> None:
    Application.objects.filter(pk=document.application_id).update(
        status=Application.Status.RENDERED
    )


def _document_current(application: Application, **fields) -> RenderedDocument | None:
    return selectors.document_current(application=application)


# --- The person's own pages, printed beside the application, never filed -----------------------


def _print_guide(guide: PersonGuide, printed_on: date) -> bytes:
    return render_guide_pdf(
        guide.application.answers, language=guide.language, reference_date=printed_on,
        reference=guide.application.reference,
    )


def _guide_current(application: Application, **fields) -> PersonGuide | None:
    return selectors.guide_current(application=application)


# --- A letter to a company, to send with the order ------------------------------------------------


def _print_letter(letter: CoverLetter, printed_on: date) -> bytes:
    return render_cover_letter_pdf(
        letter.application.answers, respondent_id=letter.respondent_id,
        language=letter.language, reference_date=printed_on,
        reference=letter.application.reference,
    )


def _letter_still_wanted(letter: CoverLetter) -> bool:
    """The company is still in the answers (it may have been taken out since)."""
    return letter.respondent_id in Answers.from_stored(letter.application.answers).respondent_ids


def _letter_current(application: Application, **fields) -> CoverLetter | None:
    return selectors.cover_letter_current(application=application, **fields)


# --- A notice of withdrawn consent, to one holder of the images ----------------------------------


def _print_notice(notice: WithdrawalNotice, printed_on: date) -> bytes:
    return render_notice_pdf(
        notice.application.answers, respondent_id=notice.respondent_id,
        language=notice.language, reference_date=printed_on,
        reference=notice.application.reference,
    )


def _notice_still_wanted(notice: WithdrawalNotice) -> bool:
    """The holder is still in the answers, and the person still says they had agreed."""
    return notice_may_go_to(notice.application.answers, notice.respondent_id)


def _notice_current(application: Application, **fields) -> WithdrawalNotice | None:
    return selectors.notice_current(application=application, **fields)


APPLICATION = register(PrintedKind(
    key="application",
    model=RenderedDocument,
    print_pdf=_print_application,
    filename=lambda row: document_filename(row.language, timezone.localdate(row.rendered_at)),
    audit_subject=access.DOCUMENT,
    failure_message=gettext_noop(
        "We could not prepare your document. Your answers are safe. Try again in a few minutes; "
        "if it still does not work, call CAVAC at 1 866 532-2822 for help."
    ),
    current=_document_current,
    fields=lambda application: {"language": application.document_language},
    still_wanted=_application_still_wanted,
    drop_when_unwanted=True,
    after_printing=_application_printed,
))
# Asked for with the application, from the same answers and in the same language; a helper's
# download of it is in the person's audit trail as one of "the document".
GUIDE = register(PrintedKind(
    key="guide",
    model=PersonGuide,
    print_pdf=_print_guide,
    filename=lambda row: guide_filename(row.language, timezone.localdate(row.rendered_at)),
    audit_subject=access.DOCUMENT,
    failure_message=APPLICATION.failure_message,
    current=_guide_current,
    fields=lambda application: {"language": application.document_language},
    still_wanted=_application_still_wanted,
    drop_when_unwanted=True,
))
LETTER = register(PrintedKind(
    key="letter",
    model=CoverLetter,
    print_pdf=_print_letter,
    filename=lambda row: cover_letter_filename(row.language, timezone.localdate(row.rendered_at)),
    audit_subject=access.LETTER,
    failure_message=gettext_noop("We could not prepare the letter. Try again in a few minutes."),
    current=_letter_current,
    still_wanted=_letter_still_wanted,
))
NOTICE = register(PrintedKind(
    key="notice",
    model=WithdrawalNotice,
    print_pdf=_print_notice,
    filename=lambda row: notice_filename(row.language, timezone.localdate(row.rendered_at)),
    audit_subject=access.NOTICE,
    failure_message=gettext_noop("We could not prepare the notice. Try again in a few minutes."),
    current=_notice_current,
    still_wanted=_notice_still_wanted,
))
