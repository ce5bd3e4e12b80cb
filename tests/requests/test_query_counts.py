"""Each page of a whole application takes a small, fixed number of database queries.

The bounds were measured (bench/README.md) with a small margin: a query added per entry, per
respondent or per step (an N+1) makes these fail. They hold on SQLite and on PostgreSQL.
"""

import pytest

from requests import services, steps, tasks
from requests.models import Application
from requests.steps import STEPS
from tests import journey_data

pytestmark = pytest.mark.django_db

# The journey of tests/requests/test_journeys.py: a 17-year-old names an ex-partner and Meta.
STEP_DATA = journey_data.step_data()
ENTRIES = journey_data.entries()
JOURNEY_STEPS = [step for step in STEPS if step.slug in STEP_DATA]

# Measured under pytest (SAVEPOINTs count as queries here; `make bench` counts fewer on
# PostgreSQL, bench/README.md): a step page 2 (the session, the application), a step's POST 6,
# the first POST 13 (it also creates the application and its resume code), the check POST 9,
# the document page 4, asking for it and for the person's pages 10, its status 4 (6 while they
# are pending with a broker: it looks for stale rows of the two kinds it waits for), the download
# 3. The session is written at most once a minute (portal.middleware.SessionIdleLimitMiddleware),
# not on each of these.
# Margin: +1.
MAX_QUERIES_GET = 3
MAX_QUERIES_POST = 7
MAX_QUERIES_FIRST_POST = 14
MAX_QUERIES_CHECK = 10
MAX_QUERIES_DOCUMENT_PAGE = 5
MAX_QUERIES_DOCUMENT_REQUEST = 11
MAX_QUERIES_DOCUMENT_STATUS = 7
MAX_QUERIES_DOWNLOAD = 4

def step_url(slug: str) -> str:
    return f"/fr/form/{slug}/"


def entry_url(slug: str, kind: str) -> str:
    return f"/fr/form/{slug}/new/{kind}/" if kind else f"/fr/form/{slug}/new/"


def answer_step(client, step) -> None:
    for kind, data in ENTRIES.get(step.slug, []):
        assert client.post(entry_url(step.slug, kind), data).status_code == 302
    response = client.post(step_url(step.slug), STEP_DATA[step.slug])
    assert response.status_code in (200, 302), response.content.decode()[:2000]


def walk_until(client, slug: str) -> None:
    for step in JOURNEY_STEPS:
        if step.slug == slug:
            return
        answer_step(client, step)


def walk_all(client) -> Application:
    for step in JOURNEY_STEPS:
        answer_step(client, step)
    return Application.objects.get()


def test_the_measured_journey_covers_every_step_this_person_walks(client):
    application = walk_all(client)
    walked = [step.slug for step in steps.steps_applicable(application.answers)]
    assert walked == [step.slug for step in JOURNEY_STEPS]
    assert application.status == Application.Status.READY


@pytest.mark.parametrize("step", JOURNEY_STEPS, ids=lambda step: step.slug)
def test_showing_and_answering_a_step_takes_a_few_queries(
    client, step, django_assert_max_num_queries
):
    walk_until(client, step.slug)
    with django_assert_max_num_queries(MAX_QUERIES_GET):
        assert client.get(step_url(step.slug)).status_code == 200
    for kind, data in ENTRIES.get(step.slug, []):
        with django_assert_max_num_queries(MAX_QUERIES_GET):
            assert client.get(entry_url(step.slug, kind)).status_code == 200
        with django_assert_max_num_queries(MAX_QUERIES_POST):
            assert client.post(entry_url(step.slug, kind), data).status_code == 302
    bound = MAX_QUERIES_POST
    if step.finishes:
        bound = MAX_QUERIES_CHECK
    elif step == JOURNEY_STEPS[0]:
        bound = MAX_QUERIES_FIRST_POST
    with django_assert_max_num_queries(bound):
        response = client.post(step_url(step.slug), STEP_DATA[step.slug])
    assert response.status_code in (200, 302)


def test_many_entries_take_no_more_queries_than_one(client, django_assert_max_num_queries):
    walk_until(client, "items")
    kind, photo = ENTRIES["items"][0]
    for number in range(5):
        client.post(entry_url("items", kind), {**photo, "description": f"Photo {number}"})
    with django_assert_max_num_queries(MAX_QUERIES_GET):
        assert client.get(step_url("items")).status_code == 200
    with django_assert_max_num_queries(MAX_QUERIES_POST):
        assert client.post(step_url("items"), {}).status_code == 302


def test_the_check_page_and_the_document_pages_take_a_few_queries(
    client, monkeypatch, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(tasks.render_printed, "delay", lambda *args: None)
    walk_all(client)
    with django_assert_max_num_queries(MAX_QUERIES_GET):
        assert client.get(step_url("check")).status_code == 200
    with django_assert_max_num_queries(MAX_QUERIES_DOCUMENT_PAGE):
        assert client.get("/fr/form/document/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        with django_assert_max_num_queries(MAX_QUERIES_DOCUMENT_REQUEST):
            assert client.post("/fr/form/document/").status_code == 302
    with django_assert_max_num_queries(MAX_QUERIES_DOCUMENT_STATUS):
        response = client.get("/fr/form/document/status/?format=json")
    assert response.json() == {"status": "pending"}
    application = Application.objects.get()
    services.printed_render(kind="application", row_id=application.documents.get().pk)
    services.printed_render(kind="guide", row_id=application.guides.get().pk)
    with django_assert_max_num_queries(MAX_QUERIES_DOCUMENT_STATUS):
        response = client.get("/fr/form/document/status/?format=json")
    assert response.json() == {"status": "ready"}
    with django_assert_max_num_queries(MAX_QUERIES_DOWNLOAD):
        response = client.get("/fr/form/document/download/")
    assert response["Content-Type"] == "application/pdf"
