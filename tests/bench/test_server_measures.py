"""What the load benchmark reads from its servers (bench/settings.py, bench/middleware.py):
how many queries each response took and how long it spent in Django."""

import json
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.fresh_python import printed_by
from tests.journey_data import WHO

pytestmark = pytest.mark.django_db

MEASURES = "bench.middleware.ServerMeasuresMiddleware"
MIDDLEWARE_OF = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps(settings.MIDDLEWARE))"
)


@pytest.fixture
def measured(settings):
    settings.MIDDLEWARE = [MEASURES, *settings.MIDDLEWARE]


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


def test_the_benchmark_settings_are_the_portals_with_the_measures_first():
    portal, bench = (
        json.loads(" ".join(printed_by(MIDDLEWARE_OF, DJANGO_SETTINGS_MODULE=module)))
        for module in ("portal.settings", "bench.settings")
    )

    assert bench == [MEASURES, *portal]  # first: it counts and times the session's work too
