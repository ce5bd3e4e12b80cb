"""Every write: start, save, resume, import, finish and delete an application."""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from requests import codes
from requests.models import Application
from requests.selectors import SESSION_KEY, answers_are_complete, steps_applicable
from requests.steps import Step

logger = logging.getLogger(__name__)

# Resume-code guessing is slowed down and capped (per client address and per code tried).
# Overridable in settings; tests set the delay to 0.
RESUME_MAX_ATTEMPTS = 5
RESUME_WINDOW_SECONDS = 15 * 60
RESUME_FAILURE_DELAY_SECONDS = 0.75


class ResumeLocked(Exception):
    """Too many wrong codes from this address (or for this code): wait, then try again."""


def _setting(name: str, default):
    return getattr(settings, name, default)


def _touch(application: Application) -> None:
    now = timezone.now()
    application.last_activity_at = now
    application.expires_at = now + timedelta(days=settings.DRAFT_RETENTION_DAYS)


def _tidy(answers: dict) -> dict:
    """Drop what no longer applies, and what points at a respondent that was removed."""
    ids = [party["id"] for party in answers.get("parties") or []]
    if "orders" in answers:
        answers["orders"] = {pid: o for pid, o in answers["orders"].items() if pid in ids}
    for place in answers.get("places") or []:
        place["respondents"] = [pid for pid in place.get("respondents", []) if pid in ids]
    applicable = {step.slug for step in steps_applicable(answers)}
    return {slug: value for slug, value in answers.items() if slug in applicable}


def _store(application: Application, answers: dict) -> Application:
    application.answers = _tidy(answers)
    application.applicant_role = (application.answers.get("who") or {}).get("role", "")
    check = application.answers.get("check")
    if check:
        application.document_language = check["document_language"]
    if application.status != Application.Status.DRAFT and not answers_are_complete(
        application.answers
    ):
        application.status = Application.Status.DRAFT
    _touch(application)
    application.full_clean()
    application.save()
    return application


@transaction.atomic
def application_start(*, session) -> tuple[Application, str]:
    """A new, empty draft for this browser. Returns the resume code: shown once, never stored."""
    code = codes.resume_code_generate()
    application = Application(resume_code_digest=codes.resume_code_digest(code))
    _touch(application)
    application.full_clean()
    application.save()
    session[SESSION_KEY] = str(application.pk)
    logger.info("application started id=%s", application.pk)
    return application, code


@transaction.atomic
def application_save_step(*, application: Application, step: Step, value) -> Application:
    answers = dict(application.answers)
    answers[step.slug] = value
    return _store(application, answers)


def _next_entry_id(prefix: str, entries: list[dict]) -> str:
    """`r1`, `r2`…: stable ids, so orders and places keep pointing at the right respondent."""
    numbers = [
        int(e["id"][len(prefix) :]) for e in entries if e.get("id", "")[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1}"


@transaction.atomic
def application_save_entry(
    *, application: Application, step: Step, kind: str, index: int | None, entry: dict
) -> Application:
    """Add (index None) or replace one entry of a list step (items, parties, places)."""
    answers = dict(application.answers)
    entries = list(answers.get(step.slug) or [])
    entry = dict(entry)
    if step.entry_kind_key:
        entry[step.entry_kind_key] = kind
    if step.entry_id_prefix:
        entry["id"] = (
            entries[index]["id"]
            if index is not None
            else _next_entry_id(step.entry_id_prefix, entries)
        )
    if index is None:
        entries.append(entry)
    else:
        entries[index] = entry
    answers[step.slug] = entries
    return _store(application, answers)


@transaction.atomic
def application_remove_entry(*, application: Application, step: Step, index: int) -> Application:
    answers = dict(application.answers)
    entries = list(answers.get(step.slug) or [])
    del entries[index]
    answers[step.slug] = entries
    return _store(application, answers)


@transaction.atomic
def application_mark_ready(*, application: Application) -> Application:
    """Every applicable step is answered: the document can be prepared next."""
    if not answers_are_complete(application.answers):
        raise ValueError("The answers are not complete.")
    application.status = Application.Status.READY
    _touch(application)
    application.save()
    logger.info("application ready id=%s", application.pk)
    return application


@transaction.atomic
def application_import(*, application: Application, answers: dict) -> Application:
    """Replace the answers with validated imported ones (see requests.answers_io)."""
    application.status = Application.Status.DRAFT
    return _store(application, dict(answers))


def _attempts_key(kind: str, value: str) -> str:
    return f"resume-attempts:{kind}:{value}"


def resume_attempts_exceeded(*, client_ip: str, digest: str = "") -> bool:
    limit = _setting("RESUME_MAX_ATTEMPTS", RESUME_MAX_ATTEMPTS)
    keys = [_attempts_key("ip", client_ip)] + ([_attempts_key("code", digest)] if digest else [])
    return any((cache.get(key) or 0) >= limit for key in keys)


def _count_failure(key: str) -> None:
    window = _setting("RESUME_WINDOW_SECONDS", RESUME_WINDOW_SECONDS)
    if cache.add(key, 1, timeout=window):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window)


def application_resume(*, code: str, client_ip: str, session) -> Application | None:
    """The draft this code opens, now tied to this session; None for a wrong code.

    Raises ResumeLocked after too many wrong codes. Each wrong try is answered slowly, and
    digests are compared in constant time, so guessing is impractical.
    """
    digest = codes.resume_code_digest(code)
    if resume_attempts_exceeded(client_ip=client_ip, digest=digest):
        raise ResumeLocked
    application = None
    if codes.resume_code_is_well_formed(code):
        candidate = Application.objects.filter(
            resume_code_digest=digest, expires_at__gt=timezone.now()
        ).first()
        if candidate is not None and codes.digests_match(candidate.resume_code_digest, digest):
            application = candidate
    if application is None:
        _count_failure(_attempts_key("ip", client_ip))
        _count_failure(_attempts_key("code", digest))
        time.sleep(_setting("RESUME_FAILURE_DELAY_SECONDS", RESUME_FAILURE_DELAY_SECONDS))
        return None
    session.cycle_key()  # a new session id once the draft is reopened
    session[SESSION_KEY] = str(application.pk)
    _touch(application)
    application.save(update_fields=["last_activity_at", "expires_at"])
    logger.info("application resumed id=%s", application.pk)
    return application


@transaction.atomic
def application_delete(*, application: Application, session=None) -> None:
    """Delete the draft and every document printed from it, now; forget the session."""
    application_id = application.pk
    application.delete()  # documents go with it (on_delete=CASCADE)
    if session is not None:
        session.flush()
    logger.info("application deleted id=%s", application_id)


def applications_delete_expired() -> int:
    """Drafts past their retention date; run regularly (e.g. from a periodic task)."""
    count, _ = Application.objects.filter(expires_at__lte=timezone.now()).delete()
    return count
