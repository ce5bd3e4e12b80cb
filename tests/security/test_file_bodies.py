"""Not one byte of a file reaches the server's disk, or even its memory.

The attack of the probe: step forms accepted `multipart/form-data` with a file part, and
Django spooled parts over 2.5 MB to an unencrypted temporary file for the length of the
request. No page takes a file: multipart bodies are refused before anything reads them, and
no upload handler is installed.
"""

import os
import tempfile
from unittest import mock

import pytest
from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler
from django.test.client import MULTIPART_CONTENT, encode_multipart

from tests.factories import ApplicationFactory, answers_factory, open_in_session

pytestmark = pytest.mark.django_db

FIVE_MB = b"\xff\xd8\xff\xe0" + os.urandom(5 * 1024 * 1024)  # looks like the start of a JPEG
BOUNDARY = "----portal-test-boundary"


def _multipart(fields: dict, file_bytes: bytes) -> bytes:
    body = encode_multipart(BOUNDARY, fields)
    part = (
        f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"photo\"; "
        f"filename=\"me.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
    ).encode() + file_bytes + b"\r\n"
    return part + body


@pytest.mark.parametrize(
    "path", ["/en/form/who/", "/en/form/person/", "/en/form/items/new/", "/en/form/answers/import/",
             "/en/helpers/sign-in/", "/fr/form/urgency/"],
)
def test_a_large_file_part_is_refused_unread_and_nothing_is_written(client, path, tmp_path):
    open_in_session(client, ApplicationFactory(answers=answers_factory(complete=False)))
    files_before = set(os.listdir(tempfile.gettempdir()))
    with (
        mock.patch.object(FileUploadHandler, "__init__", side_effect=AssertionError("handler")),
        mock.patch("tempfile.NamedTemporaryFile", side_effect=AssertionError("temp file")),
        mock.patch("django.http.request.HttpRequest.read", side_effect=AssertionError("read")),
    ):
        response = client.post(
            path, _multipart({"full_name": "Alex"}, FIVE_MB),
            content_type=f"multipart/form-data; boundary={BOUNDARY}",
        )

    assert response.status_code == 415
    title = "Ce site ne prend jamais de fichiers" if path.startswith("/fr/") else (
        "This site never takes files"
    )
    assert title in response.content.decode()
    assert set(os.listdir(tempfile.gettempdir())) - files_before == set()


def test_a_multipart_body_says_so_in_the_language_of_the_address(client):
    response = client.post("/fr/form/who/", {"role": "self"}, content_type=MULTIPART_CONTENT)
    html = response.content.decode()
    assert response.status_code == 415
    assert '<html lang="fr">' in html
    assert 'id="quick-exit"' in html


def test_no_upload_handler_is_installed():
    assert settings.FILE_UPLOAD_HANDLERS == []
