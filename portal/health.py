"""Health endpoints for machines: container health checks, the TLS proxy, an orchestrator.

`/healthz/live` answers as long as the web process does; `/healthz/ready` also checks that the
database and the broker answer, so a replica that cannot serve pages is taken out of rotation.
Both are outside the language prefixes, read no session, set no cookie, hold no personal
data, answer plain ASCII, are left out of gunicorn's access log (gunicorn.conf.py) and are
exempt from the HTTPS redirect (SECURE_REDIRECT_EXEMPT) so a check over plain HTTP inside
the container gets an answer, not a redirect.
"""

import redis
from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.http import require_safe

# Short, so that a broker that does not answer cannot hold a web worker for long: the
# container's check gives up after a few seconds anyway (docker-compose.yml).
BROKER_TIMEOUT_SECONDS = 1.0


def _plain(text: str, *, status: int = 200) -> HttpResponse:
    return HttpResponse(f"{text}\n", status=status, content_type="text/plain; charset=us-ascii")


@require_safe
def live(request):
    """The process is up and answering. Checks nothing else."""
    return _plain("ok")


def database_answers() -> bool:
    """One trivial query on the connection pages use."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def broker_answers(url: str) -> bool:
    """A Redis PING on a connection of its own, with a short timeout."""
    client = redis.Redis.from_url(
        url, socket_connect_timeout=BROKER_TIMEOUT_SECONDS, socket_timeout=BROKER_TIMEOUT_SECONDS
    )
    try:
        return bool(client.ping())
    except (redis.RedisError, OSError):
        return False
    finally:
        client.close()


@require_safe
def ready(request):
    """200 when the database and the broker answer, else 503 naming what did not.

    Without a broker (`make run`: tasks run in-process) there is no broker to check.
    """
    failing = []
    if not database_answers():
        failing.append("database")
    if settings.CELERY_BROKER_URL and not broker_answers(settings.CELERY_BROKER_URL):
        failing.append("broker")
    if failing:
        return _plain(f"not ready: {', '.join(failing)}", status=503)
    return _plain("ready")
