"""The health endpoints: for machines, cheap, private, never redirected (portal/health.py)."""

import socket

import pytest
from django.db import OperationalError, connection

pytestmark = pytest.mark.django_db

HEALTH_PATHS = ["/healthz/live", "/healthz/ready"]


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def no_broker(settings):
    settings.CELERY_BROKER_URL = ""


def test_liveness_answers_without_asking_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/live")

    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_readiness_asks_the_database_one_query_and_answers_ready(
    client, no_broker, django_assert_num_queries
):
    with django_assert_num_queries(1):
        response = client.get("/healthz/ready")

    assert response.status_code == 200
    assert response.content == b"ready\n"
    assert response["Content-Type"] == "text/plain; charset=us-ascii"


def test_readiness_answers_503_naming_the_database_when_it_does_not_answer(
    client, no_broker, monkeypatch
):
    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)

    response = client.get("/healthz/ready")

    assert response.status_code == 503
    assert response.content == b"not ready: database\n"


def test_readiness_answers_503_naming_the_broker_when_redis_does_not_answer(client, settings):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{closed_port()}/0"

    response = client.get("/healthz/ready")

    assert response.status_code == 503
    assert response.content == b"not ready: broker\n"


@pytest.mark.services
def test_readiness_answers_ready_with_the_real_database_and_broker(client, settings):
    assert settings.CELERY_BROKER_URL.startswith("redis://")

    response = client.get("/healthz/ready")

    assert response.status_code == 200, response.content


@pytest.mark.parametrize("path", HEALTH_PATHS)
def test_health_endpoints_set_no_cookie(client, no_broker, path):
    response = client.get(path)  # as a machine asks: no cookie

    assert response.status_code == 200
    assert response.cookies == {}


@pytest.mark.parametrize("path", HEALTH_PATHS)
def test_health_endpoints_answer_plain_http_while_pages_go_to_https(
    client, no_broker, settings, path
):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/fr/staying-safe/").status_code == 301  # the rest of the site
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", HEALTH_PATHS)
def test_health_endpoints_answer_head_but_refuse_post(client, no_broker, path):
    assert client.head(path).status_code == 200
    assert client.post(path).status_code == 405


@pytest.mark.parametrize("path", HEALTH_PATHS)
def test_health_endpoints_are_not_under_the_language_prefixes(client, path):
    assert client.get(f"/fr{path}").status_code == 404


CONNECT_TIMEOUT = """
import django
django.setup()
from django.conf import settings
print(settings.DATABASES["default"]["OPTIONS"].get("connect_timeout"))
"""


@pytest.mark.parametrize(
    ("url", "seconds"),
    [("postgres://portal@db.invalid:5432/portal", "5"),
     ("postgres://portal@db.invalid:5432/portal?connect_timeout=2", "2")],
)
def test_connecting_to_postgresql_gives_up_after_5_s_unless_the_url_says_otherwise(url, seconds):
    # Else a readiness check (and a page) would hold a web worker for the TCP timeout.
    from tests.fresh_python import printed_by

    assert printed_by(CONNECT_TIMEOUT, DATABASE_URL=url)[-1] == seconds
