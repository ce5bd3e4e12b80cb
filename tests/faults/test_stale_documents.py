"""Documents left pending (Redis was down, a worker died) are handed to the worker again."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from requests import selectors, services
from requests.models import Application, RenderedDocument
from requests.selectors import SESSION_KEY
from requests.tasks import enqueue_stale_documents
from tests.factories import ApplicationFactory, answers_factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def handed_over(monkeypatch) -> list[str]:
    """The application ids of the documents handed to the worker (nothing really goes to a
    broker here)."""
    ids = []

    def enqueue(*, kind, row_id) -> bool:
        ids.append(str(RenderedDocument.objects.get(pk=row_id).application_id))
        return True

    monkeypatch.setattr(services, "printed_enqueue", enqueue)
    return ids


def document_asked_for(*, seconds_ago: int, status=RenderedDocument.Status.PENDING):
    application = ApplicationFactory(answers=answers_factory(), status=Application.Status.READY)
    return RenderedDocument.objects.create(
        application=application,
        language=application.document_language,
        answers_digest=selectors.answers_digest(application.answers),
        status=status,
        created_at=timezone.now() - timedelta(seconds=seconds_ago),
    )


def test_a_document_pending_for_too_long_is_handed_to_the_worker_again_only_once(handed_over):
    document = document_asked_for(seconds_ago=120)

    first = services.printed_enqueue_stale(older_than_seconds=60)
    second = services.printed_enqueue_stale(older_than_seconds=60)

    assert first == 1
    assert second == 0
    assert handed_over == [str(document.application_id)]


def test_a_document_asked_for_a_moment_ago_is_left_to_the_worker_already_on_it(handed_over):
    document_asked_for(seconds_ago=5)

    assert services.printed_enqueue_stale(older_than_seconds=60) == 0
    assert handed_over == []


def test_a_ready_document_is_not_rendered_again(handed_over):
    document_asked_for(seconds_ago=600, status=RenderedDocument.Status.READY)

    enqueue_stale_documents()  # the beat job, run here directly

    assert handed_over == []


def test_the_beat_job_hands_over_documents_pending_for_more_than_a_minute(handed_over):
    stale = document_asked_for(seconds_ago=services.STALE_DOCUMENT_SECONDS + 5)
    document_asked_for(seconds_ago=10)

    enqueue_stale_documents()

    assert handed_over == [str(stale.application_id)]


def test_the_persons_own_waiting_page_hands_over_their_stale_document_and_no_one_elses(
    client, handed_over
):
    seconds = services.STALE_DOCUMENT_SECONDS_ON_STATUS_PAGE + 5
    mine = document_asked_for(seconds_ago=seconds)
    document_asked_for(seconds_ago=seconds)  # someone else's
    session = client.session
    session[SESSION_KEY] = str(mine.application_id)
    session.save()
    with translation.override("en"):
        url = reverse("applications:document-status")

    page = client.get(url)

    assert page.status_code == 200
    assert "We are preparing your document" in page.content.decode()
    assert handed_over == [str(mine.application_id)]


def test_a_broker_still_down_leaves_the_document_pending_for_a_later_try(monkeypatch):
    document = document_asked_for(seconds_ago=120)
    monkeypatch.setattr(services, "printed_enqueue", lambda *, kind, row_id: False)

    handed = services.printed_enqueue_stale(older_than_seconds=60)

    document.refresh_from_db()
    assert handed == 0
    assert document.status == RenderedDocument.Status.PENDING
