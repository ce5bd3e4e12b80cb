"""The Celery app: settings come from Django's `CELERY_*` settings."""

import logging
import os
from pathlib import Path

from celery import Celery, bootsteps
from celery.beat import PersistentScheduler
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


# --- Liveness for the containers' health checks (docker-compose.yml, scripts/healthcheck.py) ---
# Cheaper than `celery inspect ping`, which starts a whole Celery and Django (about 2 s of CPU)
# for every check. The check reads the file's age: LIVENESS_TOUCH_SECONDS, with room to spare.
LIVENESS_TOUCH_SECONDS = 5.0


def liveness_file() -> Path | None:
    from django.conf import settings

    return Path(settings.LIVENESS_FILE) if settings.LIVENESS_FILE else None


def liveness_touch() -> None:
    path = liveness_file()
    if path is not None:
        path.touch()


class LivenessFile(bootsteps.StartStopStep):
    """The worker touches LIVENESS_FILE while it is connected to the broker.

    A step of the consumer: it starts once the broker connection is up and stops when it is
    lost (the file is then removed, until the consumer connects again). The touch runs on the
    worker's own event loop, so a loop that no longer turns leaves the file to grow old.
    """

    requires = {"celery.worker.consumer.tasks:Tasks"}

    def __init__(self, parent, **kwargs):
        super().__init__(parent, **kwargs)
        self.timer_entry = None

    def start(self, parent):
        if liveness_file() is None:
            return
        liveness_touch()
        self.timer_entry = parent.timer.call_repeatedly(LIVENESS_TOUCH_SECONDS, liveness_touch)

    def stop(self, parent):
        if self.timer_entry is not None:
            self.timer_entry.cancel()
            self.timer_entry = None
        path = liveness_file()
        if path is not None:
            path.unlink(missing_ok=True)

    shutdown = stop


app.steps["consumer"].add(LivenessFile)


class BeatSchedulerWithLivenessFile(PersistentScheduler):
    """Celery's own beat scheduler, touching LIVENESS_FILE at each turn of its loop (at least
    every CELERY_BEAT_MAX_LOOP_INTERVAL seconds)."""

    def tick(self, *args, **kwargs):
        delay = super().tick(*args, **kwargs)
        liveness_touch()
        return delay
