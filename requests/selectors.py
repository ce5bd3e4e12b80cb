"""Every read: the application of this browser session, its answers summed up, its documents.

Where the walkthrough stands (which step applies, which is next) is in requests/steps.py.
"""

import hashlib
import json
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _

from requests import steps
from requests.answers import Answers
from requests.forms.base import StepForm
from requests.models import (
    Application,
    CoverLetter,
    PersonGuide,
    PrintedDocument,
    RenderedDocument,
    WithdrawalNotice,
)
from requests.templatetags.dates import long_date

SESSION_KEY = "application_id"


def application_get_for_session(*, session) -> Application | None:
    """The draft this browser is working on, unless it has expired or was deleted."""
    application_id = session.get(SESSION_KEY)
    if not application_id:
        return None
    return Application.objects.filter(pk=application_id, expires_at__gt=timezone.now()).first()


def answers_flags(answers: dict) -> dict:
    """Facts some screens use to show extra help (help lines for minors, youth protection)."""
    typed = Answers.from_stored(answers)
    return {
        "victim_under_18": typed.who.victim_is_under_18,
        "minor_image": typed.an_image_is_of_a_minor,
        "some_image_agreed_then": any(item.agreed_then for item in typed.items),
    }


def _display(form: StepForm, name: str, stored):
    field = form.fields.get(name)
    if stored in ("", None, []):
        return _("Not given")
    if isinstance(stored, bool):
        return _("Yes") if stored else _("No")
    if isinstance(field, forms.DateField) and isinstance(stored, str):
        try:
            return long_date(date.fromisoformat(stored))  # « 1er novembre 2026 »
        except ValueError:
            return stored
    choices = dict(getattr(field, "choices", []) or [])
    if isinstance(stored, list):
        return ", ".join(str(choices.get(item, item)) for item in stored)
    return str(choices.get(stored, stored))


def _rows(form_class, value, answers) -> list[tuple[str, str]]:
    """(question, answer) pairs in the order the screen asks them."""
    form = form_class(answers=answers)
    rows = []
    for name, field in form.fields.items():
        key = form.stored_key(name)
        if field.widget.is_hidden or key not in value:
            continue
        rows.append((str(field.label), _display(form, name, value[key])))
    return rows


def answers_summary(answers: dict) -> list[dict]:
    """Every answer grouped by step, with readable labels, for the check page."""
    sections = []
    for step in steps.steps_applicable(answers):
        if step.finishes or step.kind == "stop" or step.slug not in answers:
            continue
        value = answers[step.slug]
        if step.kind == "collection":
            entries = []
            for entry in value:
                kind = step.entry_kind_of(entry)
                if kind is not None:
                    entries.append(_rows(kind.form_class, entry, answers))
            sections.append({"step": step, "entries": entries})
        else:
            sections.append({"step": step, "rows": _rows(step.form_class, value, answers)})
    return sections


def answers_digest(answers: dict) -> str:
    """SHA-256 of the canonical JSON of the answers: the same answers give the same digest."""
    canonical = json.dumps(answers, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _printed_from_these_answers(rows, application: Application, **fields):
    """The newest printed row (or one being printed) from the answers as they are now."""
    return (
        rows.filter(answers_digest=answers_digest(application.answers),
                    expires_at__gt=timezone.now(), **fields)
        .order_by("-created_at")
        .first()
    )


def _asked_for_today(rows, application: Application, **fields):
    """A dated printed row asked for today from the answers as they are now, and not failed:
    asking again gives this one back."""
    today_starts = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return _printed_from_these_answers(
        rows.exclude(status=PrintedDocument.Status.FAILED), application,
        created_at__gte=today_starts, **fields,
    )


def _kept(rows, pk):
    """One of the application's own rows, still kept; never another person's."""
    return rows.filter(pk=pk, expires_at__gt=timezone.now()).first()


def document_current(*, application: Application) -> RenderedDocument | None:
    """The newest document printed (or being printed) from the answers as they are now."""
    return _printed_from_these_answers(
        application.documents, application, language=application.document_language
    )


def guide_current(*, application: Application) -> PersonGuide | None:
    """The newest person's copy printed (or being printed) from the answers as they are now."""
    return _printed_from_these_answers(
        application.guides, application, language=application.document_language
    )


def cover_letter_current(
    *, application: Application, respondent_id: str, language: str
) -> CoverLetter | None:
    """A letter to that company in that language, asked for today (it is dated)."""
    return _asked_for_today(application.cover_letters, application,
                            respondent_id=respondent_id, language=language)


def cover_letter_for(*, application: Application, letter_id) -> CoverLetter | None:
    return _kept(application.cover_letters, letter_id)


def notice_current(
    *, application: Application, respondent_id: str, language: str
) -> WithdrawalNotice | None:
    """A notice to this holder in this language, asked for today (it is dated)."""
    return _asked_for_today(application.notices, application,
                            respondent_id=respondent_id, language=language)


def notice_for(*, application: Application, notice_id) -> WithdrawalNotice | None:
    return _kept(application.notices, notice_id)
