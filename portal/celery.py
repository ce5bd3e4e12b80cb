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
def prepare_the_renderer(**kwargs) -> None:
    """Each worker process lowers its priority, then loads WeasyPrint, its fonts and the
    document code once, at start, so the first person to ask for a document does not wait
    for them (about a second).

    The lower priority matters when many people use the site at once on few cores: a render
    takes about 0.25 s of CPU, and at the web's priority every page waited behind the renders
    (README, Performance). An otherwise idle machine renders just as fast.
    """
    from django.conf import settings

    os.nice(settings.RENDER_NICENESS)
    try:
        from requests.documents.render import warm_up

        warm_up()
    except Exception:  # a failed warm-up only makes the first document slower
        logger.warning("the PDF renderer could not be warmed up")


def load_the_broker_client() -> None:
    """Web processes (portal/wsgi.py) build the Celery app, its tasks and the Redis client at
    start, without connecting: else the first "Prepare my document" each process serves waits
    for these imports (0.4 s alone, 1.4–2.4 s under load) and so do the requests behind it."""
    if app.conf.task_always_eager:  # no broker (make run): tasks run in-process
        return
    import requests.tasks  # noqa: F401  (registers the tasks before the app is finalized)

    app.finalize(auto=True)
    with app.producer_or_acquire():  # imports kombu's Redis transport; connects only to send
        pass
