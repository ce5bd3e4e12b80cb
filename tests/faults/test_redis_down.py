"""Redis is down when the person asks for the document: they wait a little, never see an error."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from requests import services
from requests.models import Application, RenderedDocument
from requests.selectors import SESSION_KEY
from tests.factories import ApplicationFactory, answers_factory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

QUICK_ENOUGH_SECONDS = 3
READY_TIMEOUT_SECONDS = 45


def person_with_complete_answers(client) -> Application:
    application = ApplicationFactory(answers=answers_factory(), status=Application.Status.READY)
    session = client.session
    session[SESSION_KEY] = str(application.pk)
    session.save()
    return application


def wait_until_ready(application) -> RenderedDocument | None:
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        document = RenderedDocument.objects.filter(application=application).first()
        if document is not None and document.status == RenderedDocument.Status.READY:
            return document
        time.sleep(0.3)
    return RenderedDocument.objects.filter(application=application).first()


def test_with_redis_down_the_person_is_told_the_document_is_being_prepared_and_gets_it_later(
    client, celery_worker, redis_server
):
    application = person_with_complete_answers(client)
    with translation.override("en"):
        document_url = reverse("applications:document")
        status_url = reverse("applications:document-status")

    redis_server.stop()
    try:
        started = time.monotonic()
        asked = client.post(document_url)
        asking_took = time.monotonic() - started
        waiting = client.get(status_url)
    finally:
        redis_server.start()
    # Time passes: the person's page keeps polling; the document is still pending.
    RenderedDocument.objects.filter(application=application).update(
        created_at=timezone.now()
        - timedelta(seconds=services.STALE_DOCUMENT_SECONDS_ON_STATUS_PAGE + 1)
    )
    polled = client.get(status_url, {"format": "json"})
    document = wait_until_ready(application)
    finally_shown = client.get(status_url)

    assert asked.status_code == 302
    assert asked["Location"] == status_url
    assert asking_took < QUICK_ENOUGH_SECONDS
    assert waiting.status_code == 200
    assert "We are preparing your document" in waiting.content.decode()
    assert polled.json() == {"status": "pending"}
    assert document is not None
    assert document.status == RenderedDocument.Status.READY, celery_worker.read_log()
    assert "Your document is ready." in finally_shown.content.decode()
