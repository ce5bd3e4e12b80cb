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

from requests import codes, selectors
from requests.access import helper_gate
from requests.answers import Answers
from requests.documents.budget import DocumentTooLong, render_within_budget
from requests.documents.cover_letter import render_cover_letter_pdf
from requests.documents.render import render_application_pdf
from requests.models import Application, CoverLetter, RenderedDocument
from requests.selectors import SESSION_KEY
from requests.slugs import Slug
from requests.steps import Step, answers_are_complete, steps_applicable

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

# Stored untranslated (a msgid) and translated when shown, in the person's language.
DOCUMENT_FAILURE_MESSAGE = gettext_noop(
    "We could not prepare your document. Your answers are safe. Try again in a few minutes; "
    "if it still does not work, call CAVAC at 1 866 532-2822 for help."
)
LETTER_FAILURE_MESSAGE = gettext_noop("We could not prepare the letter. Try again in a few minutes.")
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
    for place in answers.get(Slug.PLACES) or []:
        place["respondents"] = [pid for pid in place.get("respondents", []) if pid in ids]
    applicable = {step.slug for step in steps_applicable(answers)}
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
    application.full_clean()
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
    application.full_clean()
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


def documents_delete_expired() -> int:
    """Rendered PDFs past DOCUMENT_RETENTION_HOURS (the answers stay until their own date)."""
    count, _ = RenderedDocument.objects.filter(expires_at__lte=timezone.now()).delete()
    return count


def cover_letters_delete_expired() -> int:
    """Cover letters past DOCUMENT_RETENTION_HOURS, like the documents."""
    count, _ = CoverLetter.objects.filter(expires_at__lte=timezone.now()).delete()
    return count


def expired_data_purge() -> dict[str, int]:
    """Everything past its retention date, now: used by the beat job and `purge_expired`."""
    purged = {
        "documents": documents_delete_expired(),
        "letters": cover_letters_delete_expired(),
        "applications": applications_delete_expired(),
    }
    logger.info(
        "expired data purged documents=%(documents)s letters=%(letters)s "
        "applications=%(applications)s", purged,
    )
    return purged


# --- The document ---------------------------------------------------------------------------


def _hand_to_worker(task, object_id, what: str) -> bool:
    """Send the id (never answers) to the broker. False if it is down: the row stays pending
    and is handed over again later (`_enqueue_stale`). Without a broker (make run) the task
    runs here, in-process, before this returns."""
    try:
        task.delay(str(object_id))
    except OperationalError:
        logger.warning("broker unreachable; %s stays pending id=%s", what, object_id)
        return False
    return True


def document_enqueue(*, application_id) -> bool:
    from requests.tasks import render_application_document  # the task imports services

    return _hand_to_worker(render_application_document, application_id, "document")


@transaction.atomic
def document_request(*, application: Application) -> RenderedDocument:
    """Ask for the PDF of the answers as they are now. Answers already rendered (or being
    rendered) in this language are not rendered again."""
    document = selectors.document_current(application=application)
    if document is None or document.status == RenderedDocument.Status.FAILED:
        document = RenderedDocument.objects.create(
            application=application,
            language=application.document_language,
            answers_digest=selectors.answers_digest(application.answers),
        )
        application_id = application.pk
        transaction.on_commit(lambda: document_enqueue(application_id=application_id))
    logger.info("document requested id=%s document=%s", application.pk, document.pk)
    return document


def _print(render) -> bytes:
    """Every PDF is printed within its time budget (settings.DOCUMENT_RENDER_*_SECONDS)."""
    return render_within_budget(
        render,
        cpu_seconds=settings.DOCUMENT_RENDER_CPU_SECONDS,
        wall_seconds=settings.DOCUMENT_RENDER_WALL_SECONDS,
    )


def _recorded_consents(application: Application) -> tuple[dict, ...]:
    gate = helper_gate()
    return gate.recorded_consents(application) if gate is not None else ()


def document_render(*, application_id) -> RenderedDocument | None:
    """Render the PDF of the application's current answers and store it, encrypted.

    Returns None when the application was deleted meanwhile. Safe to run twice: a document
    already rendered for the same answers and language is kept as it is.
    """
    application = Application.objects.filter(pk=application_id).first()
    if application is None:
        return None
    digest = selectors.answers_digest(application.answers)
    language = application.document_language
    document = selectors.document_current(application=application)
    if document is not None and document.status == RenderedDocument.Status.READY:
        return document
    answers, consents = application.answers, _recorded_consents(application)
    reference_date = timezone.localdate()
    try:
        pdf = _print(
            lambda: render_application_pdf(
                answers, language=language, reference_date=reference_date,
                recorded_consents=consents,
            )
        )
    except DocumentTooLong:
        document_mark_failed(application_id=application.pk, message=DOCUMENT_TOO_LONG_MESSAGE)
        return None
    now = timezone.now()
    with transaction.atomic():
        # Requests for answers that have changed since are superseded by this one.
        application.documents.exclude(answers_digest=digest).filter(
            status=RenderedDocument.Status.PENDING
        ).delete()
        document = document or RenderedDocument(
            application=application, language=language, answers_digest=digest
        )
        document.pdf = pdf
        document.status = RenderedDocument.Status.READY
        document.failure_message = ""
        document.rendered_at = now
        document.expires_at = now + timedelta(hours=settings.DOCUMENT_RETENTION_HOURS)
        document.save()
        Application.objects.filter(pk=application.pk).update(
            status=Application.Status.RENDERED
        )
    logger.info("document rendered id=%s document=%s", application.pk, document.pk)
    return document


def documents_enqueue_stale(
    *, older_than_seconds: int, application: Application | None = None
) -> int:
    """Hand again to the worker the documents still pending after that long: asked for while
    Redis was down, or lost with a worker. Returns how many were handed over. With
    `application`, only its documents (the person's own status page)."""
    return _enqueue_stale(
        RenderedDocument, older_than_seconds=older_than_seconds, application=application,
        enqueue=lambda document: document_enqueue(application_id=document.application_id),
    )


def _enqueue_stale(model, *, older_than_seconds: int, application, enqueue) -> int:
    """Safe to run often and from several places at once (the beat job, a status page): a
    row is claimed by moving its `created_at` forward in one UPDATE, so only one caller
    enqueues it, and not again before `older_than_seconds` have passed. The render keeps a
    row already rendered as it is.

    Without a broker (`make run`) there is no worker to hand anything to: the render ran, or
    failed, when it was asked for, and a status page must never print it again."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return 0
    pending = model.Status.PENDING
    now = timezone.now()
    cutoff = now - timedelta(seconds=older_than_seconds)
    stale = model.objects.filter(status=pending, created_at__lt=cutoff, expires_at__gt=now)
    if application is not None:
        stale = stale.filter(application=application)
    enqueued = 0
    for row in stale.only("pk", "application_id"):
        claimed = model.objects.filter(
            pk=row.pk, status=pending, created_at__lt=cutoff
        ).update(created_at=now)
        if claimed and enqueue(row):
            enqueued += 1
    if enqueued:
        logger.info("stale %s enqueued again count=%s", model._meta.model_name, enqueued)
    return enqueued


def document_mark_failed(*, application_id, message: str = DOCUMENT_FAILURE_MESSAGE) -> None:
    """The render gave up (after its retries, or out of time): say so, in words the person
    can act on."""
    RenderedDocument.objects.filter(
        application_id=application_id, status=RenderedDocument.Status.PENDING
    ).update(status=RenderedDocument.Status.FAILED, failure_message=message)
    logger.error("document failed id=%s", application_id)


# --- Cover letters to the companies (after the document) ------------------------------------


def cover_letter_enqueue(*, letter_id) -> bool:
    from requests.tasks import render_cover_letter  # the task imports services

    return _hand_to_worker(render_cover_letter, letter_id, "letter")


@transaction.atomic
def cover_letter_request(
    *, application: Application, respondent_id: str, language: str
) -> CoverLetter:
    """Ask for a letter to the company `respondent_id`. The same letter already asked for
    today, from the same answers, is not printed twice (the letter is dated)."""
    letter = selectors.cover_letter_current(
        application=application, respondent_id=respondent_id, language=language
    )
    if letter is None:
        letter = CoverLetter.objects.create(
            application=application,
            respondent_id=respondent_id,
            language=language,
            answers_digest=selectors.answers_digest(application.answers),
        )
        letter_id = letter.pk
        transaction.on_commit(lambda: cover_letter_enqueue(letter_id=letter_id))
    logger.info("letter requested id=%s letter=%s", application.pk, letter.pk)
    return letter


def cover_letter_render(*, letter_id) -> CoverLetter | None:
    """Print the letter from the application's answers and store it, encrypted. None when
    the letter (or its application) was deleted meanwhile; safe to run twice."""
    letter = CoverLetter.objects.select_related("application").filter(pk=letter_id).first()
    if letter is None or letter.status != CoverLetter.Status.PENDING:
        return letter
    answers = letter.application.answers
    if letter.respondent_id not in Answers.from_stored(answers).respondent_ids:
        # The company was taken out of the answers since: nothing to print, nothing to retry.
        cover_letter_mark_failed(letter_id=letter_id)
        return None
    now = timezone.now()
    try:
        letter.pdf = _print(
            lambda: render_cover_letter_pdf(
                answers, respondent_id=letter.respondent_id, language=letter.language,
                reference_date=timezone.localdate(now),
            )
        )
    except DocumentTooLong:
        cover_letter_mark_failed(letter_id=letter_id, message=DOCUMENT_TOO_LONG_MESSAGE)
        return None
    letter.status = CoverLetter.Status.READY
    letter.rendered_at = now
    letter.expires_at = now + timedelta(hours=settings.DOCUMENT_RETENTION_HOURS)
    letter.save(update_fields=["pdf", "status", "rendered_at", "expires_at"])
    logger.info("letter rendered letter=%s", letter.pk)
    return letter


def cover_letters_enqueue_stale(
    *, older_than_seconds: int, application: Application | None = None
) -> int:
    """Letters still pending after that long, handed to the worker again (see documents)."""
    return _enqueue_stale(
        CoverLetter, older_than_seconds=older_than_seconds, application=application,
        enqueue=lambda letter: cover_letter_enqueue(letter_id=letter.pk),
    )


def cover_letter_mark_failed(*, letter_id, message: str = LETTER_FAILURE_MESSAGE) -> None:
    CoverLetter.objects.filter(pk=letter_id, status=CoverLetter.Status.PENDING).update(
        status=CoverLetter.Status.FAILED, failure_message=message
    )
    logger.error("letter failed letter=%s", letter_id)
