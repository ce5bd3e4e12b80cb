"""Data is kept only as long as needed: drafts and documents past their date are deleted."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from requests import services, tasks
from requests.models import Application, RenderedDocument
from tests.factories import ApplicationFactory, printed_now

pytestmark = pytest.mark.django_db


def expire(application, *, days_ago=1):
    Application.objects.filter(pk=application.pk).update(
        expires_at=timezone.now() - timedelta(days=days_ago)
    )


def test_a_draft_untouched_past_its_date_is_deleted_with_its_documents():
    stale = ApplicationFactory()
    printed_now(stale)
    fresh = ApplicationFactory()
    expire(stale)

    purged = services.expired_data_purge()

    assert purged["applications"] == 1
    assert list(Application.objects.all()) == [fresh]
    assert not RenderedDocument.objects.filter(application_id=stale.pk).exists()


def test_a_document_past_its_date_is_deleted_but_the_answers_stay_until_their_own_date():
    application = ApplicationFactory()
    document = printed_now(application)
    RenderedDocument.objects.filter(pk=document.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )

    purged = services.expired_data_purge()

    assert purged == {"printed": {"application": 1, "guide": 0, "letter": 0, "notice": 0},
                      "applications": 0}
    assert Application.objects.filter(pk=application.pk).exists()


def test_the_hourly_job_and_the_command_both_purge(capsys):
    first, second = ApplicationFactory(), ApplicationFactory()
    expire(first)
    tasks.purge_expired_data.apply()
    expire(second)
    call_command("purge_expired")

    assert not Application.objects.exists()
    assert "Deleted 1 expired draft(s)" in capsys.readouterr().out


def test_the_retention_job_is_on_the_beat_schedule(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE["purge-expired-data"]
    assert schedule["task"] == tasks.purge_expired_data.name
    assert schedule["schedule"] <= 3600
