"""Asking for the document, waiting for it, and downloading it (the worker's part is called
directly here; tests/requests/test_document_worker.py runs the real worker)."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from requests import selectors, services, tasks
from requests.models import Application, PersonGuide, RenderedDocument
from requests.selectors import SESSION_KEY
from tests.factories import ApplicationFactory, answers_factory, printed_now

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready_application(client):
    application = ApplicationFactory(status=Application.Status.READY)
    session = client.session
    session[SESSION_KEY] = str(application.pk)
    session.save()
    return application


@pytest.fixture
def enqueued(monkeypatch):
    """The ids handed to the broker, instead of a real broker."""
    calls = []
    monkeypatch.setattr(tasks.render_printed, "delay", lambda *args: calls.append(args))
    return calls


def test_asking_for_the_document_hands_only_its_kind_and_id_to_the_worker(
    client, ready_application, enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("applications:document"))

    assert response.status_code == 302
    assert response["Location"] == reverse("applications:document-status")
    document = RenderedDocument.objects.get(application=ready_application)
    guide = PersonGuide.objects.get(application=ready_application)
    assert enqueued == [("application", str(document.pk)), ("guide", str(guide.pk))]
    for row in (document, guide):
        assert row.status == RenderedDocument.Status.PENDING
        assert row.answers_digest == selectors.answers_digest(ready_application.answers)
        assert row.language == ready_application.document_language


def test_asking_twice_for_the_same_answers_does_not_render_twice(
    ready_application, enqueued, django_capture_on_commit_callbacks, monkeypatch
):
    renders = []
    # Every render goes through services._print (in a child process, so count it here).
    real_print = services._print
    monkeypatch.setattr(services, "_print", lambda render: renders.append(1) or real_print(render))
    with django_capture_on_commit_callbacks(execute=True):
        first = services.printed_request(kind="application", application=ready_application)
    services.printed_render(kind="application", row_id=first.pk)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.printed_request(kind="application", application=ready_application)
    services.printed_render(kind="application", row_id=second.pk)

    assert first.pk == second.pk
    assert len(enqueued) == 1
    assert len(renders) == 1
    assert RenderedDocument.objects.filter(application=ready_application).count() == 1


def test_changed_answers_drop_the_old_request_and_the_person_asks_again_from_the_new_ones(
    client, ready_application, enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        old = services.printed_request(kind="application", application=ready_application)
    answers = dict(ready_application.answers)
    answers["urgency"] = {"reasons": ["threats"], "explanation": "New threats this morning."}
    ready_application.answers = answers
    ready_application.save()

    assert services.printed_render(kind="application", row_id=old.pk) is None
    assert not ready_application.documents.exists()  # nothing printed from the old answers
    status_page = client.get(reverse("applications:document-status"))
    assert status_page["Location"] == reverse("applications:document")

    document = printed_now(ready_application)
    assert document.status == RenderedDocument.Status.READY
    assert document.answers_digest == selectors.answers_digest(answers)
    assert list(ready_application.documents.all()) == [document]


def test_the_pending_page_reloads_itself_without_javascript(
    client, ready_application, enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("applications:document"))

    page = client.get(reverse("applications:document-status")).content.decode()
    status = client.get(reverse("applications:document-status") + "?format=json").json()

    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert re.search(r"document-status\.([0-9a-f]+\.)?js", page)  # hashed name in production
    assert status == {"status": "pending"}


def test_the_ready_document_downloads_as_a_discreet_attachment_that_is_never_cached(
    client, ready_application, enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("applications:document"))
    services.printed_render(kind="application", row_id=ready_application.documents.get().pk)
    services.printed_render(kind="guide", row_id=ready_application.guides.get().pk)

    page = client.get(reverse("applications:document-status")).content.decode()
    response = client.get(reverse("applications:document-download"))

    assert reverse("applications:document-download") in page
    assert "refresh" not in page
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="demande-')
    assert disposition.endswith('.pdf"')
    assert "no-store" in response["Cache-Control"]
    assert Application.objects.get(pk=ready_application.pk).status == "rendered"


def test_the_stored_pdf_is_encrypted_at_rest(ready_application):
    document = printed_now(ready_application)

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT pdf FROM {RenderedDocument._meta.db_table} WHERE id = %s", [document.pk]
        )
        (raw,) = cursor.fetchone()

    raw_text = raw if isinstance(raw, str) else bytes(raw).decode("ascii", "replace")
    assert "%PDF" not in raw_text
    assert "Alex Tremblay" not in raw_text
    assert RenderedDocument.objects.get(pk=document.pk).pdf.startswith(b"%PDF")


def test_a_render_that_keeps_failing_tells_the_person_what_to_do(
    client, ready_application, enqueued, django_capture_on_commit_callbacks, monkeypatch
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("applications:document"))

    def broken(**kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(services, "printed_render", broken)
    pending = RenderedDocument.objects.get(application=ready_application)
    result = tasks.render_printed.apply(args=["application", str(pending.pk)])

    assert result.failed()
    document = RenderedDocument.objects.get(application=ready_application)
    assert document.status == RenderedDocument.Status.FAILED
    page = client.get("/fr" + reverse("applications:document-status")[3:]).content.decode()
    assert "Vos réponses sont en sécurité" in page
    assert "Réessayer" in page


def test_the_document_pages_send_a_person_with_unfinished_answers_back_to_the_questions(client):
    application = ApplicationFactory(answers=answers_factory(complete=False))
    session = client.session
    session[SESSION_KEY] = str(application.pk)
    session.save()

    for name in ("applications:document", "applications:document-status", "applications:document-download"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert "/form/check/" in response["Location"]


def test_the_application_and_the_person_copy_are_asked_for_printed_and_downloaded_apart(
    client, ready_application, enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("applications:document"))
    for kind, row_id in enqueued:  # what the worker does with each message
        tasks.render_printed.apply(args=[kind, row_id])

    status = reverse("applications:document-status")
    page = client.get("/fr" + status[3:]).content.decode()
    court_copy = client.get(reverse("applications:document-download"))
    person_copy = client.get(reverse("applications:guide-download"))

    assert "À déposer au tribunal" in page and "Pour vous, à ne pas déposer" in page
    assert reverse("applications:guide-download")[3:] in page
    assert court_copy.content.startswith(b"%PDF") and person_copy.content.startswith(b"%PDF")
    assert court_copy.content != person_copy.content
    assert court_copy["Content-Disposition"].startswith('attachment; filename="demande-')
    assert person_copy["Content-Disposition"].startswith('attachment; filename="a-lire-')
    assert "no-store" in person_copy["Cache-Control"]


def test_the_page_keeps_waiting_while_the_person_copy_is_being_prepared(
    client, ready_application, enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("applications:document"))
    services.printed_render(kind="application", row_id=ready_application.documents.get().pk)

    page = client.get(reverse("applications:document-status")).content.decode()
    status = client.get(reverse("applications:document-status") + "?format=json").json()
    early = client.get(reverse("applications:guide-download"))

    assert reverse("applications:document-download") in page  # the court copy is ready
    assert reverse("applications:guide-download") not in page
    assert "refresh" in page and status == {"status": "pending"}
    assert early.status_code == 302
