"""The benchmark's hooks live in bench/ and its own settings (bench/settings.py): the portal's
settings name none of them, a page says nothing of what it cost the server, and a web process
imports nothing of bench/, which is not even in the Docker image (.dockerignore)."""

import json

import pytest

from tests.fresh_python import printed_by
from tests.journey_data import WHO

pytestmark = pytest.mark.django_db

WEB_PROCESS_AS_STARTED = (
    "import json, sys; import portal.wsgi; from django.conf import settings; "
    "print(json.dumps({'modules': sorted(m for m in sys.modules if m.split('.')[0] == 'bench'), "
    "'settings': [settings.MIDDLEWARE, settings.TEMPLATES]}, default=str))"
)


def test_a_page_does_not_say_what_it_cost_the_server(client):
    client.post("/fr/form/who/", WHO)

    for path in ("/fr/staying-safe/", "/fr/form/person/"):
        response = client.get(path)
        assert response.status_code == 200
        assert "X-Queries" not in response
        assert "X-Server-Ms" not in response


def test_a_web_process_of_the_portal_neither_imports_nor_names_the_benchmark():
    started = json.loads(" ".join(printed_by(WEB_PROCESS_AS_STARTED,
                                             DJANGO_SETTINGS_MODULE="portal.settings")))

    assert started["modules"] == []
    assert "bench." not in json.dumps(started["settings"])
