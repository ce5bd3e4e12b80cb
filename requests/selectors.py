"""Every read: the application of this browser session, and where the walkthrough stands."""

import hashlib
import json
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from requests import conditions
from requests.forms.base import StepForm
from requests.models import Application, CoverLetter, RenderedDocument
from requests.steps import STEPS, STEPS_BY_SLUG, Step

SESSION_KEY = "application_id"


def application_get_for_session(*, session) -> Application | None:
    """The draft this browser is working on, unless it has expired or was deleted."""
    application_id = session.get(SESSION_KEY)
    if not application_id:
        return None
    return Application.objects.filter(pk=application_id, expires_at__gt=timezone.now()).first()


def step_get(slug: str) -> Step | None:
    return STEPS_BY_SLUG.get(slug)


def steps_applicable(answers: dict) -> list[Step]:
    """The steps this person walks, in order; nothing after a stop page."""
    applicable = []
    for step in STEPS:
        if step.applies(answers):
            applicable.append(step)
            if step.kind == "stop":
                break
    return applicable


def step_is_answered(step: Step, answers: dict) -> bool:
    if step.kind == "stop" or step.slug not in answers:
        return False
    if step.kind == "collection" and not answers[step.slug]:
        return False
    return step.complete(answers)


def step_first_missing(answers: dict, *, before: Step | None = None) -> Step | None:
    """The first applicable step not answered yet (stopping at `before`), or None."""
    for step in steps_applicable(answers):
        if step == before:
            return None
        if not step_is_answered(step, answers):
            return step
    return None


def step_resume_point(answers: dict) -> Step:
    """Where a person picks up: the first unanswered step, or the last one (the check)."""
    return step_first_missing(answers) or steps_applicable(answers)[-1]


def step_next(step: Step, answers: dict) -> Step | None:
    applicable = steps_applicable(answers)
    if step not in applicable:
        return step_first_missing(answers)
    index = applicable.index(step)
    return applicable[index + 1] if index + 1 < len(applicable) else None


def step_previous(step: Step, answers: dict) -> Step | None:
    applicable = steps_applicable(answers)
    if step not in applicable:
        return None
    index = applicable.index(step)
    return applicable[index - 1] if index > 0 else None


def step_position(step: Step, answers: dict) -> tuple[int, int]:
    """(n, total) for “Step n of total”, counting only the steps that apply."""
    applicable = steps_applicable(answers)
    return applicable.index(step) + 1, len(applicable)


def answers_are_complete(answers: dict) -> bool:
    applicable = steps_applicable(answers)
    return applicable[-1].finishes and all(step_is_answered(s, answers) for s in applicable)


def answers_flags(answers: dict) -> dict:
    """Facts some screens use to show extra help (help lines for minors, youth protection)."""
    under_18 = conditions.victim_is_under_18(answers)
    items = answers.get("items") or []
    return {
        "victim_under_18": under_18,
        "minor_image": under_18 or any(item.get("under_18_then") == "yes" for item in items),
    }


def _display(form: StepForm, name: str, stored):
    field = form.fields.get(name)
    if stored in ("", None, []):
        return _("Not given")
    if isinstance(stored, bool):
        return _("Yes") if stored else _("No")
    if isinstance(field, forms.DateField) and isinstance(stored, str):
        try:
            return date_format(date.fromisoformat(stored), "j F Y")  # "21 novembre 2026"
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
    for step in steps_applicable(answers):
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


def document_current(*, application: Application) -> RenderedDocument | None:
    """The newest document printed (or being printed) from the answers as they are now."""
    return (
        application.documents.filter(
            language=application.document_language,
            answers_digest=answers_digest(application.answers),
            expires_at__gt=timezone.now(),
        )
        .order_by("-created_at")
        .first()
    )


def cover_letter_current(
    *, application: Application, respondent_id: str, language: str
) -> CoverLetter | None:
    """A letter to that company in that language, asked for today from the answers as they
    are now, and not failed: asking again gives this one back."""
    today_starts = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return (
        application.cover_letters.filter(
            respondent_id=respondent_id,
            language=language,
            answers_digest=answers_digest(application.answers),
            created_at__gte=today_starts,
            expires_at__gt=timezone.now(),
        )
        .exclude(status=CoverLetter.Status.FAILED)
        .order_by("-created_at")
        .first()
    )


def cover_letter_for(*, application: Application, letter_id) -> CoverLetter | None:
    """One of the application's own letters, still kept; never another person's."""
    return application.cover_letters.filter(pk=letter_id, expires_at__gt=timezone.now()).first()
