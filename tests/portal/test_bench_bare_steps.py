"""`BENCH_LOAD_BARE_STEPS=1 make bench` (`bench/load.py --bare-steps`): step pages drawn as an
empty form, everything else as usual, to measure what drawing the steps costs. The portal itself
never does this."""

import json

import pytest

from tests.fresh_python import printed_by
from tests.journey_data import JOURNEY, WHO

pytestmark = pytest.mark.django_db

TEMPLATES_AS_CONFIGURED = (
    "import django, json; django.setup(); from django.conf import settings; "
    "print(json.dumps(settings.TEMPLATES, default=str))"
)


def templates_with(bare: str) -> list[dict]:
    return json.loads(" ".join(printed_by(TEMPLATES_AS_CONFIGURED, PORTAL_BENCH_BARE_STEPS=bare)))


@pytest.fixture
def bare_steps(settings):
    settings.TEMPLATES = templates_with("1")


def test_a_bare_step_keeps_its_form_token_and_does_all_its_other_work(client, bare_steps):
    for path, data in JOURNEY[:3]:  # up to the first list step
        client.post(f"/fr/form/{path}/", data)

    page = client.get("/fr/form/person/").content.decode()
    entry = client.get("/fr/form/items/new/").content.decode()

    for drawn in (page, entry):
        assert 'name="csrfmiddlewaretoken"' in drawn
        assert "Sortie rapide" not in drawn  # no layout, no questions
        assert len(drawn) < 300
    # The answer is still read, checked and saved as usual.
    assert client.post("/fr/form/person/", {"full_name": ""}).status_code == 200
    assert client.post("/fr/form/person/", {"full_name": "Alex"}).status_code == 302


def test_pages_that_are_not_steps_are_drawn_in_full(client, bare_steps):
    page = client.get("/fr/staying-safe/").content.decode()

    assert "Sortie rapide" in page


def test_the_portal_draws_its_steps_in_full(client):
    assert "loaders" not in json.dumps(templates_with("0"))

    client.post("/fr/form/who/", WHO)
    page = client.get("/fr/form/person/").content.decode()

    assert "Sortie rapide" in page
    assert 'name="full_name"' in page
