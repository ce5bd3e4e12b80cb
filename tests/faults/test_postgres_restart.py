"""PostgreSQL restarts (an update, a crash): the next page a person asks for still works.

Requests go through Django's WSGI handler itself, as gunicorn calls it: the test client
turns off the check that drops a dead persistent connection at the start of a request.
"""

import io

import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.urls import reverse
from django.utils import translation

from requests.models import Application
from requests.selectors import SESSION_KEY
from tests.factories import ApplicationFactory, answers_factory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def get(path: str, *, cookie: str) -> tuple[int, str]:
    """One GET through the WSGI application; the status code and the page."""
    statuses = []
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SCRIPT_NAME": "",
        "SERVER_NAME": "testserver", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver", "HTTP_COOKIE": cookie, "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(), "wsgi.errors": io.StringIO(), "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0), "wsgi.multithread": False, "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    response = WSGIHandler()(environ, lambda status, headers: statuses.append(status))
    try:
        body = b"".join(response).decode()
    finally:
        response.close()  # request_finished, as a WSGI server does
    return int(statuses[0].split()[0]), body


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def test_after_postgresql_restarts_the_next_request_is_answered_normally(
    client, postgres_server
):
    application = ApplicationFactory(answers=answers_factory(), status=Application.Status.READY)
    session = client.session
    session[SESSION_KEY] = str(application.pk)
    session.save()
    cookie = f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
    with translation.override("en"):
        check_url = reverse("applications:step", args=["check"])
    before, _ = get(check_url, cookie=cookie)
    pid_before = backend_pid()  # the same persistent connection the request used

    postgres_server.restart()
    after, page = get(check_url, cookie=cookie)
    pid_after = backend_pid()

    assert before == 200
    assert after == 200
    assert "Alex Tremblay" in page  # read from the restarted database
    assert pid_after != pid_before  # the dead connection was dropped and a new one opened
