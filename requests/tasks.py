"""Celery tasks: thin wrappers around services. They carry ids only, never answers."""

from celery import shared_task


@shared_task(
    bind=True,
    acks_late=True,  # a worker killed mid-render leaves the message for another delivery
    ignore_result=True,  # nothing goes to the result backend
    max_retries=4,
    soft_time_limit=60,
    time_limit=90,
)
def render_application_document(self, application_id: str) -> None:
    from requests import services

    try:
        services.document_render(application_id=application_id)
    except Exception as exc:
        if self.request.retries >= self.max_retries:
            services.document_mark_failed(application_id=application_id)
            raise
        # Transient trouble (database restarting, memory): try again, waiting longer each time.
        raise self.retry(exc=exc, countdown=2 ** (self.request.retries + 1)) from exc


@shared_task(ignore_result=True)
def purge_expired_data() -> None:
    """Hourly (CELERY_BEAT_SCHEDULE): delete drafts and documents past their retention date."""
    from requests import services

    services.expired_data_purge()


@shared_task(ignore_result=True)
def enqueue_stale_documents() -> None:
    """Every minute (CELERY_BEAT_SCHEDULE): documents asked for while Redis was down."""
    from requests import services

    services.documents_enqueue_stale(older_than_seconds=services.STALE_DOCUMENT_SECONDS)
