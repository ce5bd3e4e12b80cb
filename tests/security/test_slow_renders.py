"""A render cannot be made to take minutes: bounded answers, breakable text, a hard budget.

The attack of the probe: ten web addresses of about 1,950 unbroken characters took WeasyPrint
28 s, thirty took 129 s; in-process the web worker was killed, and the status page rendered
again on every visit. Now the forms bound what can be typed, long runs get break
opportunities, every render runs in a child process with a CPU and a wall-clock budget, and
a status page never renders.
"""

import time
from datetime import date

import pytest
from django.urls import reverse

from requests import selectors, services, tasks
from requests.answers_io import answers_validate
from requests.documents.budget import DocumentTooLong, render_within_budget
from requests.documents.render import DocumentRenderError, render_application_pdf
from requests.models import RenderedDocument
from tests.extreme_answers import longest_answers, url
from tests.factories import ApplicationFactory, answers_factory, open_in_session


def test_a_render_that_computes_past_its_cpu_budget_is_stopped():
    def spin() -> bytes:
        while True:
            pass

    started = time.monotonic()
    with pytest.raises(DocumentTooLong):
        render_within_budget(spin, cpu_seconds=1, wall_seconds=30)
    assert time.monotonic() - started < 10  # stopped by the kernel at 1 s of CPU, not at 30


def test_a_render_stuck_waiting_is_stopped_at_its_wall_clock_budget():
    def wait() -> bytes:
        time.sleep(60)
        return b""

    with pytest.raises(DocumentTooLong):
        render_within_budget(wait, cpu_seconds=30, wall_seconds=1)


def test_a_render_that_fails_is_an_ordinary_error_the_worker_may_retry():
    def fail() -> bytes:
        raise ValueError("boom")

    with pytest.raises(DocumentRenderError) as raised:
        render_within_budget(fail, cpu_seconds=5, wall_seconds=5)
    assert not isinstance(raised.value, DocumentTooLong)


def test_the_bytes_come_back_whole_through_the_child_process():
    big = bytes(range(256)) * 5000  # larger than a pipe holds at once
    assert render_within_budget(lambda: big, cpu_seconds=5, wall_seconds=10) == big


def test_the_longest_answers_the_forms_accept_still_render():
    answers = longest_answers()
    assert answers_validate(answers)  # a person can really reach this
    pdf = render_within_budget(
        lambda: render_application_pdf(answers, language="fr", reference_date=date(2026, 12, 1)),
        cpu_seconds=60, wall_seconds=120,
    )
    assert pdf.startswith(b"%PDF")


@pytest.mark.django_db
def test_a_web_address_over_the_limit_is_refused_with_a_message(client):
    open_in_session(client, ApplicationFactory(answers=answers_factory(complete=False)))
    response = client.post(
        "/en/form/places/new/url/",
        {"url": url(700, 1), "respondents": ["r1"]},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "This address is too long (500 characters at most)." in html
    assert url(700, 1) in html  # what was typed is still in the box


@pytest.mark.django_db
def test_a_document_out_of_time_is_failed_at_once_with_a_message_and_not_retried(
    settings, monkeypatch
):
    settings.DOCUMENT_RENDER_CPU_SECONDS = 1
    application = ApplicationFactory(answers=longest_answers())
    monkeypatch.setattr(services, "printed_enqueue", lambda **kwargs: True)  # no worker here
    pending = services.printed_request(kind="application", application=application)
    tries = []
    real_print = services._print
    monkeypatch.setattr(services, "_print", lambda render: tries.append(1) or real_print(render))

    tasks.render_printed.apply(args=["application", str(pending.pk)])  # what the worker does

    document = RenderedDocument.objects.get(application=application)
    assert document.status == RenderedDocument.Status.FAILED
    assert document.failure_message == services.DOCUMENT_TOO_LONG_MESSAGE
    assert tries == [1]  # not tried again: it would run out of time again


@pytest.mark.django_db
def test_without_a_broker_the_status_page_never_prints(client, monkeypatch):
    application = ApplicationFactory()
    open_in_session(client, application)
    RenderedDocument.objects.create(
        application=application, language="fr",
        answers_digest=selectors.answers_digest(application.answers),
        created_at=application.created_at.replace(year=2025),
    )
    printed = []
    monkeypatch.setattr(services, "_print", lambda render: printed.append(1))  # every print

    for _ in range(3):
        assert client.get(reverse("applications:document-status")).status_code == 200
    assert printed == []
