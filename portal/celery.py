"""The Celery app: settings come from Django's `CELERY_*` settings."""

import logging
import os

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
logger = logging.getLogger(__name__)


@worker_process_init.connect
def warm_the_renderer(**kwargs) -> None:
    """Each worker process loads WeasyPrint, its fonts and the document code once, at start,
    so the first person to ask for a document does not wait for it (about a second)."""
    try:
        from requests.documents.render import html_to_pdf

        html_to_pdf("<!DOCTYPE html><html lang=\"fr\"><body><p>Prêt.</p></body></html>")
    except Exception:  # a failed warm-up only makes the first document slower
        logger.warning("the PDF renderer could not be warmed up")
