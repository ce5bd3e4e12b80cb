"""A worker is killed in the middle of a render: the render is delivered again and completes."""

import signal
import time

import pytest

from requests import selectors
from requests.models import Application, RenderedDocument
from requests.tasks import render_printed
from tests.factories import ApplicationFactory, answers_factory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

QUEUE = "faults-worker-killed"  # its own queue: the session's worker never takes this message
# Short for this test only (settings default: 300 s): how long Redis keeps the message of a
# dead worker before another worker may take it again.
VISIBILITY_TIMEOUT_SECONDS = 3
READY_TIMEOUT_SECONDS = 45


def long_answers() -> dict:
    """Many people to stop and many places, in both languages: a render that takes a while."""
    answers = answers_factory()
    known = answers["parties"][0]
    answers["parties"] = [
        {**known, "id": f"r{number}", "full_name": f"Person {number}"} for number in range(1, 21)
    ]
    answers["orders"] = {party["id"]: ["stop_and_destroy"] for party in answers["parties"]}
    place = answers["places"][0]
    answers["places"] = [
        {**place, "url": f"https://example.com/p/{number}", "respondents": list(answers["orders"])}
        for number in range(10)
    ]
    answers["check"] = {"document_language": "both"}
    return answers


def test_a_render_cut_short_by_a_killed_worker_is_done_by_the_next_worker(start_worker):
    application = ApplicationFactory(answers=long_answers(), status=Application.Status.READY)
    application.document_language = "both"
    application.save()
    document = RenderedDocument.objects.create(
        application=application,
        language=application.document_language,
        answers_digest=selectors.answers_digest(application.answers),
    )
    env = {"CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT_SECONDS)}
    first = start_worker("first", queue=QUEUE, extra_env=env)
    first.wait_until_ready()

    render_printed.apply_async(args=["application", str(document.pk)], queue=QUEUE)
    deadline = time.monotonic() + 30
    while "render_printed[" not in first.read_log():
        assert time.monotonic() < deadline, first.read_log()
        time.sleep(0.02)
    first.process.send_signal(signal.SIGKILL)
    first.process.wait(timeout=10)
    document.refresh_from_db()
    status_when_killed = document.status

    time.sleep(VISIBILITY_TIMEOUT_SECONDS + 0.5)
    second = start_worker("second", queue=QUEUE, extra_env=env)
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        document.refresh_from_db()
        if document.status != RenderedDocument.Status.PENDING:
            break
        time.sleep(0.3)

    assert status_when_killed == RenderedDocument.Status.PENDING
    assert "succeeded" not in first.read_log()
    assert document.status == RenderedDocument.Status.READY, second.read_log()
    assert document.pdf[:4] == b"%PDF"
    assert "render_printed[" in second.read_log()
