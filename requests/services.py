"""Every write: start, save, resume, import, finish and delete an application."""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop
from kombu.exceptions import OperationalError

from requests import codes, printed, selectors
from requests.access import helper_gate
from requests.answers import Answers
from requests.documents.budget import DocumentTooLong, render_within_budget
from requests.forms.places import places_merged
from requests.models import Application, PrintedDocument
from requests.selectors import SESSION_KEY
from requests.slugs import Slug
from requests.steps import BESIDE_THE_STEPS, Step, answers_are_complete, steps_applicable

logger = logging.getLogger(__name__)

# Wrong resume codes are counted per client (portal.network.client_address): the first ones are
# answered slowly, and a right code always opens its draft (docs/threat-model.md, section 3).
# Overridable in settings; tests set the delay to 0.
RESUME_MAX_SLOW_FAILURES = 5
RESUME_WINDOW_SECONDS = 15 * 60
RESUME_FAILURE_DELAY_SECONDS = 0.75

# A document still pending after this long is handed to the worker again (Redis was down,
# or a worker died): by the beat job every minute, and sooner by the person's own status page.
STALE_DOCUMENT_SECONDS = 60
STALE_DOCUMENT_SECONDS_ON_STATUS_PAGE = 20

# Stored untranslated (a msgid) and translated when shown, in the person's language; each
# kind's own failure message is in requests/printed.py.
# A render that used up its time budget (requests/documents/budget.py) is not tried again.
DOCUMENT_TOO_LONG_MESSAGE = gettext_noop(
    "Your answers are too long to print in one document. Your answers are safe: shorten the "
    "longest descriptions or web addresses, or remove entries you do not need, then try again."
)


def _setting(name: str, default):
    return getattr(settings, name, default)


def _touch(application: Application) -> None:
    now = timezone.now()
    application.last_activity_at = now
    application.expires_at = now + timedelta(days=settings.DRAFT_RETENTION_DAYS)


def _tidy(answers: dict) -> dict:
    """Drop what no longer applies, and what points at a respondent that was removed."""
    ids = [party["id"] for party in answers.get(Slug.PARTIES) or []]
    if Slug.ORDERS in answers:
        answers[Slug.ORDERS] = {pid: o for pid, o in answers[Slug.ORDERS].items() if pid in ids}
    if answers.get(Slug.PLACES):
        # One row per place: the same address added twice is merged (forms/places.py).
        answers[Slug.PLACES] = places_merged(answers[Slug.PLACES])
    for place in answers.get(Slug.PLACES) or []:
        place["respondents"] = [pid for pid in place.get("respondents", []) if pid in ids]
    applicable = {step.slug for step in steps_applicable(answers)} | BESIDE_THE_STEPS
    return {slug: value for slug, value in answers.items() if slug in applicable}


def _store(application: Application, answers: dict) -> Application:
    application.answers = _tidy(answers)
    typed = Answers.from_stored(application.answers)
    application.applicant_role = typed.who.role
    if typed.has(Slug.CHECK):
        application.document_language = typed.document_language
    if application.status != Application.Status.DRAFT and not answers_are_complete(
        application.answers
    ):
        application.status = Application.Status.DRAFT
    _touch(application)
    application.full_clean(exclude=["reference"])
    application.save()
    return application


@transaction.atomic
def application_start(*, session, helper=None) -> tuple[Application, str]:
    """A new, empty draft for this browser. Returns the resume code: shown once, never stored.

    A draft a helper starts for someone is shared with that helper (requests/access.py); their
    code is not shown to them: they come back to it through their dashboard.
    """
    code = codes.resume_code_generate()
    application = Application(resume_code_digest=codes.resume_code_digest(code))
    _touch(application)
    # The reference is drawn at random from about 600 million; the database's unique index
    # refuses a clash, so no query asks first.
    application.full_clean(exclude=["reference"])
    application.save()
    if helper is not None:
        helper_gate().started(helper, application)
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


def _resume_failures_key(client: str) -> str:
    return f"resume-failures:{client}"


def resume_client_is_limited(*, client: str) -> bool:
    """This client sent many wrong codes lately: its wrong codes are now refused at once."""
    limit = _setting("RESUME_MAX_SLOW_FAILURES", RESUME_MAX_SLOW_FAILURES)
    return (cache.get(_resume_failures_key(client)) or 0) >= limit


def count_failure(key: str, *, window_seconds: int) -> None:
    """One more failure under `key`, forgotten `window_seconds` after the first one."""
    if cache.add(key, 1, timeout=window_seconds):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_seconds)


def application_resume(*, code: str, client: str, session) -> Application | None:
    """The draft this code opens, now tied to this session; None for a wrong code.

    A right code always opens its draft, however many wrong codes came before it from the
    same address: people share addresses (a school, a CAVAC office, a phone network), and a
    stranger's wrong codes must never lock a person out. Guessing is defeated by the code
    itself (about 78 bits; digests compared in constant time). The limit only stops a script
    from costing the server: a client's first wrong codes are answered slowly, and once it
    has sent RESUME_MAX_SLOW_FAILURES in the window, its wrong codes are refused at once, so
    that it cannot hold the server's workers waiting.
    """
    digest = codes.resume_code_digest(code)
    application = None
    if codes.resume_code_is_well_formed(code):
        candidate = Application.objects.filter(
            resume_code_digest=digest, expires_at__gt=timezone.now()
        ).first()
        if candidate is not None and codes.digests_match(candidate.resume_code_digest, digest):
            application = candidate
    if application is None:
        limited = resume_client_is_limited(client=client)
        count_failure(
            _resume_failures_key(client),
            window_seconds=_setting("RESUME_WINDOW_SECONDS", RESUME_WINDOW_SECONDS),
        )
        if not limited:
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
    """Delete the draft and every document printed from it, now; forget the session if given
    (the person's own; a helper's session only loses the draft, in the view)."""
    application_id = application.pk
    application.delete()  # documents go with it (on_delete=CASCADE)
    if session is not None:
        session.flush()
    logger.info("application deleted id=%s", application_id)


def applications_delete_expired() -> int:
    """Drafts past their retention date, with their documents. Celery beat runs this hourly."""
    _, deleted = Application.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted.get(Application._meta.label, 0)  # not counting their documents


def printed_delete_expired() -> dict[str, int]:
    """Printed documents past DOCUMENT_RETENTION_HOURS, by kind (the answers stay until their
    own date)."""
    now = timezone.now()
    return {
        key: kind.model.objects.filter(expires_at__lte=now).delete()[0]
        for key, kind in printed.KINDS.items()
    }


def expired_data_purge() -> dict[str, int]:
    """Everything past its retention date, now: used by the beat job and `purge_expired`."""
    purged = {"printed": printed_delete_expired(), "applications": applications_delete_expired()}
    logger.info(
        "expired data purged applications=%s %s", purged["applications"],
        " ".join(f"{kind}={count}" for kind, count in purged["printed"].items()),
    )
    return purged


# --- Printed documents: the application, the letters (requests/printed.py) ------------------


def printed_enqueue(*, kind: str, row_id) -> bool:
    """Send the kind and the row's id (never answers) to the broker. False if it is down: the
    row stays pending and is handed over again later (`printed_enqueue_stale`). Without a
    broker (make run) the task runs here, in-process, before this returns."""
    from requests.tasks import render_printed  # the task imports services

    try:
        render_printed.delay(kind, str(row_id))
    except OperationalError:
        logger.warning("broker unreachable; %s stays pending row=%s", kind, row_id)
        return False
    return True


@transaction.atomic
def printed_request(*, kind: str, application: Application, **fields) -> PrintedDocument:
    """Ask for a document of this kind from the answers as they are now (`fields`: what else
    tells one apart, such as the company and language of a letter). The same document already
    asked for, and not failed, is given back rather than printed twice."""
    printed_kind = printed.KINDS[kind]
    fields = printed_kind.fields(application, **fields)
    row = printed_kind.current(application, **fields)
    if row is None or row.status == PrintedDocument.Status.FAILED:
        row = printed_kind.model.objects.create(
            application=application,
            answers_digest=selectors.answers_digest(application.answers),
            **fields,
        )
        row_id = row.pk
        transaction.on_commit(lambda: printed_enqueue(kind=kind, row_id=row_id))
    logger.info("%s requested id=%s row=%s", kind, application.pk, row.pk)
    return row


def _print(render) -> bytes:
    """Every PDF is printed within its time budget (settings.DOCUMENT_RENDER_*_SECONDS)."""
    return render_within_budget(
        render,
        cpu_seconds=settings.DOCUMENT_RENDER_CPU_SECONDS,
        wall_seconds=settings.DOCUMENT_RENDER_WALL_SECONDS,
    )


def printed_render(*, kind: str, row_id) -> PrintedDocument | None:
    """Print the row's document from its application's answers and store it, encrypted.

    None when the row (or its application) was deleted meanwhile, or the answers changed
    since it was asked for. Safe to run twice: a row already printed is kept as it is.
    """
    printed_kind = printed.KINDS[kind]
    row = printed_kind.model.objects.select_related("application").filter(pk=row_id).first()
    if row is None or row.status != PrintedDocument.Status.PENDING:
        return row
    if not printed_kind.still_wanted(row):
        if printed_kind.drop_when_unwanted:
            row.delete()
        else:
            printed_mark_failed(kind=kind, row_id=row.pk)
        logger.info("%s no longer wanted row=%s", kind, row.pk)
        return None
    now = timezone.now()
    try:
        pdf = _print(lambda: printed_kind.print_pdf(row, timezone.localdate(now)))
    except DocumentTooLong:
        printed_mark_failed(kind=kind, row_id=row.pk, message=DOCUMENT_TOO_LONG_MESSAGE)
        return None
    with transaction.atomic():
        row.pdf = pdf
        row.status = PrintedDocument.Status.READY
        row.failure_message = ""
        row.rendered_at = now
        row.expires_at = now + timedelta(hours=settings.DOCUMENT_RETENTION_HOURS)
        row.save(update_fields=["pdf", "status", "failure_message", "rendered_at", "expires_at"])
        printed_kind.after_printing(row)
    logger.info("%s printed id=%s row=%s", kind, row.application_id, row.pk)
    return row


def printed_mark_failed(*, kind: str, row_id, message: str = "") -> None:
    """The print gave up (after its retries, out of time, or no longer possible): say so, in
    words the person can act on."""
    printed_kind = printed.KINDS[kind]
    printed_kind.model.objects.filter(pk=row_id, status=PrintedDocument.Status.PENDING).update(
        status=PrintedDocument.Status.FAILED,
        failure_message=message or printed_kind.failure_message,
    )
    logger.error("%s failed row=%s", kind, row_id)


def printed_enqueue_stale(
    *, older_than_seconds: int, application: Application | None = None,
    kinds: tuple[str, ...] | None = None,
) -> int:
    """Hand again to the worker the documents of every kind still pending after that long:
    asked for while Redis was down, or lost with a worker. Returns how many were handed over.
    With `application`, only its own, and with `kinds` only those (a status page: what it
    waits for).

    Safe to run often and from several places at once (the beat job, a status page): a row is
    claimed by moving its `created_at` forward in one UPDATE, so only one caller enqueues it,
    and not again before `older_than_seconds` have passed.

    Without a broker (`make run`) there is no worker to hand anything to: the print ran, or
    failed, when it was asked for, and a status page must never print it again."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return 0
    pending = PrintedDocument.Status.PENDING
    now = timezone.now()
    cutoff = now - timedelta(seconds=older_than_seconds)
    enqueued = 0
    for key, printed_kind in printed.KINDS.items():
        if kinds is not None and key not in kinds:
            continue
        model = printed_kind.model
        stale = model.objects.filter(status=pending, created_at__lt=cutoff, expires_at__gt=now)
        if application is not None:
            stale = stale.filter(application=application)
        for row in stale.only("pk"):
            claimed = model.objects.filter(
                pk=row.pk, status=pending, created_at__lt=cutoff
            ).update(created_at=now)
            if claimed and printed_enqueue(kind=key, row_id=row.pk):
                enqueued += 1
    if enqueued:
        logger.info("stale printed documents enqueued again count=%s", enqueued)
    return enqueued
