"""`make test` runs against the real services the portal uses in production."""

import pytest
from django.db import connection

pytestmark = pytest.mark.services


@pytest.mark.django_db
def test_the_database_is_postgresql_when_the_real_services_run():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_encoding")
        assert cursor.fetchone()[0] == "UTF8"


@pytest.mark.django_db
def test_french_text_survives_a_round_trip_through_the_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s", ["« Sortie rapide » — demande d’ordonnance"])
        assert cursor.fetchone()[0] == "« Sortie rapide » — demande d’ordonnance"


def test_celery_is_not_eager_so_tasks_really_go_through_the_broker(settings):
    assert settings.CELERY_TASK_ALWAYS_EAGER is False
    assert settings.CELERY_BROKER_URL.startswith("redis://")


def test_a_task_sent_to_redis_is_run_by_the_real_worker(celery_worker, transactional_db):
    from portal.celery import app

    # `celery.accumulate` is built into every worker: it returns its arguments.
    result = app.send_task("celery.accumulate", args=(4, 2))

    assert tuple(result.get(timeout=30)) == (4, 2)
    assert "celery.accumulate" in celery_worker.read_log()
