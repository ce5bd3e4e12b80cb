"""Encryption keys can be rotated: old data stays readable, then moves to the new key."""

from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from requests.fields import UndecryptableValue
from requests.models import Application, RenderedDocument
from tests.factories import ApplicationFactory, printed_now

pytestmark = pytest.mark.django_db

KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()


def raw_column(model, column: str, pk) -> str:
    """The column as the database holds it, read without the model field."""
    key = model._meta.pk.get_db_prep_value(pk, connection)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {model._meta.db_table} WHERE id = %s", [key])
        return cursor.fetchone()[0]


def raw_answers(application) -> str:
    return raw_column(Application, "answers", application.pk)


def raw_pdf(document) -> str:
    return raw_column(RenderedDocument, "pdf", document.pk)


def opens_with(key: str, token: str) -> bool:
    try:
        Fernet(key).decrypt(token.encode("ascii"))
    except Exception:
        return False
    return True


def written_with_key_a():
    with override_settings(FIELD_ENCRYPTION_KEY=[KEY_A]):
        application = ApplicationFactory(status=Application.Status.READY)
        document = printed_now(application)
        pdf = Application.objects.get(pk=application.pk).documents.get().pdf
    return application, document, pdf


def test_an_application_written_with_the_old_key_is_read_and_moved_to_the_new_key():
    application, document, pdf = written_with_key_a()
    assert pdf.startswith(b"%PDF")
    assert opens_with(KEY_A, raw_answers(application)) and opens_with(KEY_A, raw_pdf(document))

    with override_settings(FIELD_ENCRYPTION_KEY=[KEY_B, KEY_A]):
        reread = Application.objects.get(pk=application.pk)
        assert reread.answers == application.answers
        assert RenderedDocument.objects.get(pk=document.pk).pdf == pdf
        reread.save()
        reread_document = RenderedDocument.objects.get(pk=document.pk)
        reread_document.save()
    assert opens_with(KEY_B, raw_answers(application))
    assert not opens_with(KEY_A, raw_answers(application))
    assert opens_with(KEY_B, raw_pdf(document))

    with override_settings(FIELD_ENCRYPTION_KEY=[KEY_B]):
        assert Application.objects.get(pk=application.pk).answers == application.answers
        assert RenderedDocument.objects.get(pk=document.pk).pdf == pdf

    with override_settings(FIELD_ENCRYPTION_KEY=[KEY_A]):
        with pytest.raises(UndecryptableValue):
            Application.objects.get(pk=application.pk)
        with pytest.raises(UndecryptableValue):
            RenderedDocument.objects.get(pk=document.pk)


def test_rotate_encryption_moves_every_draft_and_document_to_the_first_key():
    application, document, pdf = written_with_key_a()
    other = ApplicationFactory()
    with override_settings(FIELD_ENCRYPTION_KEY=[KEY_A]):
        other.save()
    output = StringIO()

    with override_settings(FIELD_ENCRYPTION_KEY=[KEY_B, KEY_A]):
        call_command("rotate_encryption", stdout=output)

    assert "applications.Application: re-encrypted 2 row(s) (answers)" in output.getvalue()
    assert "applications.RenderedDocument: re-encrypted 1 row(s) (pdf)" in output.getvalue()
    for row in (application, other):
        assert opens_with(KEY_B, raw_answers(row)) and not opens_with(KEY_A, raw_answers(row))
    assert opens_with(KEY_B, raw_pdf(document)) and not opens_with(KEY_A, raw_pdf(document))
    with override_settings(FIELD_ENCRYPTION_KEY=[KEY_B]):
        assert Application.objects.get(pk=application.pk).answers == application.answers
        assert Application.objects.get(pk=other.pk).answers == other.answers
        assert RenderedDocument.objects.get(pk=document.pk).pdf == pdf


def test_a_value_no_key_can_open_is_an_error_never_ciphertext_shown_as_answers():
    application, document, _ = written_with_key_a()
    with override_settings(FIELD_ENCRYPTION_KEY=[KEY_B]):
        with pytest.raises(UndecryptableValue, match="rotate_encryption"):
            Application.objects.get(pk=application.pk)
        with pytest.raises(UndecryptableValue):
            Application._meta.get_field("answers").to_python(raw_answers(application))
        with pytest.raises(UndecryptableValue):
            RenderedDocument._meta.get_field("pdf").to_python(raw_pdf(document))


def test_the_keys_in_force_come_back_after_a_temporary_change(settings):
    application = ApplicationFactory()
    with override_settings(FIELD_ENCRYPTION_KEY=[KEY_B]):
        with pytest.raises(UndecryptableValue):
            Application.objects.get(pk=application.pk)
    assert Application.objects.get(pk=application.pk).answers == application.answers
