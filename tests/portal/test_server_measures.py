"""What `make bench` reads from the server: the queries and the time each response cost it.

Only a benchmark's server sends these headers (PORTAL_COUNT_QUERIES=1); the portal never does.
"""

import time

import pytest
from django.conf import settings as current_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.fresh_python import printed_by
from tests.journey_data import WHO

pytestmark = pytest.mark.django_db

MEASURES = "portal.middleware.ServerMeasuresMiddleware"


@pytest.fixture
def measured(settings):
    settings.MIDDLEWARE = [MEASURES, *settings.MIDDLEWARE]


def test_the_portal_does_not_say_what_a_page_cost_it(client):
    response = client.get("/fr/staying-safe/")

    assert "X-Queries" not in response
    assert "X-Server-Ms" not in response


def test_a_benchmark_server_says_how_many_queries_a_step_took_and_how_long_it_spent(
    client, measured
):
    client.post("/fr/form/who/", WHO)

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/fr/form/person/")
    seen_ms = (time.perf_counter() - started) * 1000

    assert response.status_code == 200
    assert int(response["X-Queries"]) == len(queries.captured_queries) > 0
    assert 0 < float(response["X-Server-Ms"]) <= seen_ms


def test_a_slower_page_reports_a_longer_time(client, measured, monkeypatch):
    from portal import views

    quick = float(client.get("/fr/staying-safe/")["X-Server-Ms"])
    render = views.render

    def slow_render(*args, **kwargs):
        time.sleep(0.2)
        return render(*args, **kwargs)

    monkeypatch.setattr(views, "render", slow_render)
    slow = float(client.get("/fr/staying-safe/")["X-Server-Ms"])

    assert slow >= 200 > quick


def test_the_setting_puts_the_measures_first_so_that_they_include_the_session():
    code = "import django; django.setup(); from django.conf import settings; " \
           "print(settings.MIDDLEWARE[0])"

    assert printed_by(code, PORTAL_COUNT_QUERIES="1") == [MEASURES]
    assert MEASURES not in printed_by(code, PORTAL_COUNT_QUERIES="0")
    assert MEASURES not in current_settings.MIDDLEWARE  # nor in the tests' own settings
