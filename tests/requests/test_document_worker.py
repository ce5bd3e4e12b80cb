"""The document with the real services: PostgreSQL, Redis and a real Celery worker process."""

import subprocess
import time

import pytest
import redis
from django.conf import settings
from django.urls import reverse

from requests.models import Application, RenderedDocument
from requests.selectors import SESSION_KEY
from tests.factories import ApplicationFactory, answers_factory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

MARKER = "Zorblax-7731"  # a made-up word: found anywhere, it came from the answers
READY_TIMEOUT_SECONDS = 60


def wait_for_document(application) -> RenderedDocument:
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        document = RenderedDocument.objects.filter(application=application).first()
        if document is not None and document.status != RenderedDocument.Status.PENDING:
            return document
        time.sleep(0.2)
    raise AssertionError("the worker did not render the document in time")


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_the_worker_renders_the_document_the_person_asked_for(client, celery_worker, tmp_path):
    answers = answers_factory()
    answers["person"]["full_name"] = f"Alex {MARKER}"
    answers["check"] = {"document_language": "both"}
    application = ApplicationFactory(answers=answers, status=Application.Status.READY)
    application.document_language = "both"
    application.save()
    session = client.session
    session[SESSION_KEY] = str(application.pk)
    session.save()

    response = client.post(reverse("applications:document"))
    document = wait_for_document(application)
    download = client.get(reverse("applications:document-download"))

    assert response.status_code == 302
    assert document.status == RenderedDocument.Status.READY, celery_worker.read_log()
    assert download.status_code == 200
    text = pdf_text(download.content, tmp_path)
    assert MARKER in text
    assert "COUR DU QUÉBEC" in text  # French first…
    assert "COURT OF QUÉBEC" in text  # …then English, as chosen
    assert text.index("COUR DU QUÉBEC") < text.index("COURT OF QUÉBEC")
    assert "render_printed[" in celery_worker.read_log()


def test_nothing_personal_goes_through_the_broker_or_the_worker_log(client, celery_worker):
    answers = answers_factory()
    answers["person"]["full_name"] = f"Alex {MARKER}"
    answers["items"][0]["description"] = f"Photo {MARKER}"
    application = ApplicationFactory(answers=answers, status=Application.Status.READY)
    session = client.session
    session[SESSION_KEY] = str(application.pk)
    session.save()
    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    seen_in_redis = []

    client.post(reverse("applications:document"))
    # Read every value in Redis while the message may still be queued, then after.
    for _ in range(2):
        for key in broker.scan_iter():
            kind = broker.type(key)
            if kind == b"string":
                seen_in_redis.append(broker.get(key) or b"")
            elif kind == b"list":
                seen_in_redis.extend(broker.lrange(key, 0, -1))
            elif kind == b"hash":
                seen_in_redis.extend(broker.hgetall(key).values())
        wait_for_document(application)

    assert all(MARKER.encode() not in value for value in seen_in_redis)
    assert MARKER not in celery_worker.read_log()
