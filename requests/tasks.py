"""Celery tasks: thin wrappers around services. They carry ids only, never answers."""

import logging

from celery import shared_task

logger = logging.getLogger(__name__)

RENDER_TASK_OPTIONS = {
    "bind": True,
    "acks_late": True,  # a worker killed mid-render leaves the message for another delivery
    "ignore_result": True,  # nothing goes to the result backend
    "max_retries": 4,
    # Above the render's own budget (DOCUMENT_RENDER_WALL_SECONDS, requests/documents/budget.py).
    "soft_time_limit": 80,
    "time_limit": 100,
}


def _retry_or_give_up(task, exc, give_up) -> None:
    """Transient trouble (database restarting, memory): try again, waiting longer each time;
    after the last try, `give_up()` tells the person in words they can act on."""
    # In-process (no broker, `make run`) a retry would print again inside the person's request.
    if task.request.is_eager or task.request.retries >= task.max_retries:
        give_up()
        raise exc
    raise task.retry(exc=exc, countdown=2 ** (task.request.retries + 1)) from exc


@shared_task(**RENDER_TASK_OPTIONS)
def render_printed(self, kind: str, row_id: str) -> None:
    """Print one document of any kind (requests/printed.py); the message holds ids only."""
    from requests import printed, services

    if kind not in printed.KINDS:
        logger.error("unknown printed kind %r row=%s: dropped", kind[:40], row_id[:40])
        return
    try:
        services.printed_render(kind=kind, row_id=row_id)
    except Exception as exc:
        _retry_or_give_up(
            self, exc, lambda: services.printed_mark_failed(kind=kind, row_id=row_id)
        )


@shared_task(ignore_result=True)
def purge_expired_data() -> None:
    """Hourly (CELERY_BEAT_SCHEDULE): delete drafts, documents and letters past their date."""
    from requests import services

    services.expired_data_purge()


@shared_task(ignore_result=True)
def enqueue_stale_documents() -> None:
    """Every minute (CELERY_BEAT_SCHEDULE): documents and letters asked for while Redis was
    down, or lost with a worker."""
    from requests import services

    services.printed_enqueue_stale(older_than_seconds=services.STALE_DOCUMENT_SECONDS)
