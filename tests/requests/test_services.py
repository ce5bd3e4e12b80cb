"""Saving, resuming and deleting a draft; the resume code and its protection."""

import math
import re
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.utils import timezone

from requests import codes, selectors, services, steps
from requests.models import Application, RenderedDocument
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_a_resume_code_has_at_least_60_bits_and_is_easy_to_read_aloud():
    code = codes.resume_code_generate()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert codes.CODE_LENGTH * math.log2(len(codes.ALPHABET)) >= 60
    assert not set("01OIL") & set(codes.ALPHABET)
    assert len({codes.resume_code_generate() for _ in range(200)}) == 200


def test_a_code_is_recognised_whatever_the_case_spaces_or_dashes():
    code = "K7QM-3XWD-9PRT-H4NB"
    assert codes.resume_code_digest("k7qm 3xwd 9prt h4nb") == codes.resume_code_digest(code)
    assert codes.resume_code_digest("K7QM3XWD9PRTH4NB") == codes.resume_code_digest(code)
    assert codes.resume_code_digest("K7QM3XWD9PRTH4NC") != codes.resume_code_digest(code)


def test_starting_stores_only_a_digest_of_the_code():
    session = SessionStore()
    application, code = services.application_start(session=session)
    assert session[selectors.SESSION_KEY] == str(application.pk)
    assert application.resume_code_digest == codes.resume_code_digest(code)
    assert code.replace("-", "") not in application.resume_code_digest
    assert application.expires_at > timezone.now() + timedelta(days=29)


def test_saving_a_step_keeps_only_answers_that_still_apply():
    application = ApplicationFactory(role="helper")
    step = steps.step_get("who")
    services.application_save_step(
        application=application, step=step, value={"role": "self", "victim_age": 16}
    )
    application.refresh_from_db()
    assert "consent" not in application.answers
    assert "applicant" not in application.answers
    assert application.applicant_role == "self"


def test_removing_a_respondent_removes_its_orders_and_its_places_links():
    application = ApplicationFactory()
    services.application_remove_entry(
        application=application, step=steps.step_get("parties"), index=1
    )
    application.refresh_from_db()
    assert application.answers["orders"] == {"r1": ["stop_and_destroy"]}
    assert application.answers["places"][0]["respondents"] == ["r1"]


def test_respondents_get_stable_ids_when_added_and_changed():
    application = ApplicationFactory(complete=False)
    step = steps.step_get("parties")
    entry = {
        "full_name": "X",
        "other_names": "",
        "relationship": "",
        "address": "",
        "actions": ["threatened"],
    }
    services.application_save_entry(
        application=application, step=step, kind="known", index=None, entry=entry
    )
    services.application_save_entry(
        application=application, step=step, kind="known", index=0, entry=entry
    )
    ids = [party["id"] for party in application.answers["parties"]]
    assert ids == ["r1", "r2", "r3"]


def test_marking_ready_needs_complete_answers():
    incomplete = ApplicationFactory(complete=False)
    with pytest.raises(ValueError):
        services.application_mark_ready(application=incomplete)
    ready = services.application_mark_ready(application=ApplicationFactory())
    assert ready.status == Application.Status.READY


def test_the_right_code_reopens_the_draft_in_a_new_session():
    application = ApplicationFactory()
    session = SessionStore()
    resumed = services.application_resume(
        code=application.resume_code.lower().replace("-", " "),
        client="10.0.0.1",
        session=session,
    )
    assert resumed == application
    assert session[selectors.SESSION_KEY] == str(application.pk)


def test_a_wrong_or_expired_code_reveals_nothing_and_opens_nothing():
    application = ApplicationFactory()
    session = SessionStore()
    assert (
        services.application_resume(
            code="AAAA-AAAA-AAAA-AAAA", client="10.0.0.2", session=session
        )
        is None
    )
    Application.objects.filter(pk=application.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    assert (
        services.application_resume(
            code=application.resume_code, client="10.0.0.3", session=session
        )
        is None
    )
    assert selectors.SESSION_KEY not in session


def test_digests_are_compared_in_constant_time():
    application = ApplicationFactory()
    with mock.patch(
        "requests.codes.hmac.compare_digest", wraps=__import__("hmac").compare_digest
    ) as compare:
        services.application_resume(
            code=application.resume_code, client="10.0.0.4", session=SessionStore()
        )
    compare.assert_called_once()


def test_each_wrong_code_is_answered_slowly(settings):
    settings.RESUME_FAILURE_DELAY_SECONDS = 0.6
    with mock.patch("requests.services.time.sleep") as sleep:
        services.application_resume(
            code="DDDD-DDDD-DDDD-DDDD", client="10.0.0.7", session=SessionStore()
        )
    sleep.assert_called_once_with(0.6)


def test_deleting_removes_the_draft_its_documents_and_the_session():
    application = ApplicationFactory()
    RenderedDocument.objects.create(
        application=application, language="fr", answers_digest="x" * 64, pdf=b"%PDF-1.7"
    )
    session = SessionStore()
    session[selectors.SESSION_KEY] = str(application.pk)
    services.application_delete(application=application, session=session)
    assert not Application.objects.exists()
    assert not RenderedDocument.objects.exists()
    assert selectors.SESSION_KEY not in session


def test_expired_drafts_are_deleted_and_no_longer_found_by_the_session():
    application = ApplicationFactory()
    session = SessionStore()
    session[selectors.SESSION_KEY] = str(application.pk)
    Application.objects.filter(pk=application.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert selectors.application_get_for_session(session=session) is None
    assert services.applications_delete_expired() == 1


def test_answers_and_pdfs_are_not_readable_in_the_database():
    application = ApplicationFactory()
    document = RenderedDocument.objects.create(
        application=application, language="fr", answers_digest="x" * 64, pdf=b"%PDF-1.7 MARKERPDF"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT answers FROM applications_application WHERE id = %s",
            [application.pk.hex if connection.vendor == "sqlite" else application.pk],
        )
        raw_answers = cursor.fetchone()[0]
        cursor.execute("SELECT pdf FROM applications_rendereddocument WHERE id = %s", [document.pk])
        raw_pdf = cursor.fetchone()[0]
    assert "Alex Tremblay" not in raw_answers and "Photo taken" not in raw_answers
    assert "MARKERPDF" not in raw_pdf and "%PDF" not in raw_pdf
    application.refresh_from_db()
    document.refresh_from_db()
    assert application.answers["person"]["full_name"] == "Alex Tremblay"
    assert document.pdf == b"%PDF-1.7 MARKERPDF"


def test_encrypted_answers_survive_a_key_rotation(settings):
    from cryptography.fernet import Fernet, MultiFernet
    from encrypted_model_fields import fields as emf

    application = ApplicationFactory()
    old_keys = list(settings.FIELD_ENCRYPTION_KEY)
    rotated = MultiFernet([Fernet(Fernet.generate_key())] + [Fernet(k) for k in old_keys])
    with mock.patch.object(emf, "CRYPTER", rotated):
        assert Application.objects.get(pk=application.pk).answers["who"]["role"] == "self"
