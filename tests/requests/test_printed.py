"""Every printed kind goes through the same services, task and pages (requests/printed.py):
asked for once, printed once, failed in words the person can act on, and forgotten on time."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from requests import printed, services, tasks
from requests.models import Application, PrintedDocument
from tests.factories import ApplicationFactory, answers_factory

pytestmark = pytest.mark.django_db

# What the person chooses for each kind, besides the answers (the letter: a company, a language).
CHOSEN = {"application": {}, "guide": {}, "letter": {"respondent_id": "r2", "language": "fr"},
          "notice": {"respondent_id": "r1", "language": "both"}}


@pytest.fixture
def application():
    answers = answers_factory()
    answers["items"][0]["agreed_then"] = "yes"  # a notice of withdrawn consent fits
    return ApplicationFactory(status=Application.Status.READY, answers=answers)


def test_every_kind_of_printed_document_is_registered_and_this_test_knows_it():
    concrete = {
        model for model in apps.get_models()
        if issubclass(model, PrintedDocument) and not model._meta.abstract
    }
    assert concrete == {kind.model for kind in printed.KINDS.values()}
    assert set(CHOSEN) == set(printed.KINDS)


@pytest.mark.parametrize("kind", sorted(printed.KINDS))
def test_a_kind_is_asked_for_once_printed_once_and_named_discreetly(application, kind):
    first = services.printed_request(kind=kind, application=application, **CHOSEN[kind])
    again = services.printed_request(kind=kind, application=application, **CHOSEN[kind])
    assert again.pk == first.pk

    row = services.printed_render(kind=kind, row_id=first.pk)
    assert row.status == PrintedDocument.Status.READY
    assert row.pdf.startswith(b"%PDF")
    assert services.printed_render(kind=kind, row_id=first.pk).rendered_at == row.rendered_at
    name = printed.KINDS[kind].filename(row)
    assert name.endswith(f"{timezone.localdate().isoformat()}.pdf")
    assert "Tremblay" not in name and "Gagnon" not in name and "Meta" not in name


@pytest.mark.parametrize("kind", sorted(printed.KINDS))
def test_a_kind_that_fails_says_so_in_its_own_words_and_is_asked_for_anew(application, kind):
    row = services.printed_request(kind=kind, application=application, **CHOSEN[kind])
    services.printed_mark_failed(kind=kind, row_id=row.pk)
    row.refresh_from_db()
    assert row.status == PrintedDocument.Status.FAILED
    assert row.failure_message == printed.KINDS[kind].failure_message

    retried = services.printed_request(kind=kind, application=application, **CHOSEN[kind])
    assert retried.pk != row.pk and retried.status == PrintedDocument.Status.PENDING


@pytest.mark.parametrize("kind", sorted(printed.KINDS))
def test_a_kind_past_its_date_is_purged_and_the_answers_stay(application, kind):
    row = services.printed_request(kind=kind, application=application, **CHOSEN[kind])
    type(row).objects.filter(pk=row.pk).update(expires_at=timezone.now() - timedelta(minutes=1))

    assert services.expired_data_purge()["printed"][kind] == 1
    assert not type(row).objects.exists()
    assert Application.objects.filter(pk=application.pk).exists()


def test_the_task_drops_a_message_of_a_kind_it_does_not_know(application):
    row = services.printed_request(kind="application", application=application)
    result = tasks.render_printed.apply(args=["no-such-kind", str(row.pk)])
    assert result.successful()
    row.refresh_from_db()
    assert row.status == PrintedDocument.Status.PENDING  # untouched, for the right message
