"""What the load benchmark reads from its servers (bench/settings.py, bench/middleware.py):
how many queries each response took and how long it spent in Django."""

import json
import time
from pathlib import Path

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


def test_time_spent_waiting_is_not_counted_as_cpu_but_time_spent_computing_is(
    client, measured, monkeypatch
):
    from portal import views

    render = views.render

    def waiting_render(*args, **kwargs):
        time.sleep(0.2)  # as a page waiting for the database or for a core
        return render(*args, **kwargs)

    def computing_render(*args, **kwargs):
        until = time.thread_time() + 0.2
        while time.thread_time() < until:
            pass
        return render(*args, **kwargs)

    monkeypatch.setattr(views, "render", waiting_render)
    waited = client.get("/fr/staying-safe/")
    monkeypatch.setattr(views, "render", computing_render)
    computed = client.get("/fr/staying-safe/")

    assert float(waited["X-Server-Ms"]) >= 200 > float(waited["X-Server-Cpu-Ms"]) + 100
    assert float(computed["X-Server-Cpu-Ms"]) >= 200
    assert float(computed["X-Server-Cpu-Ms"]) <= float(computed["X-Server-Ms"]) + 1


def test_the_benchmark_settings_are_the_portals_with_the_measures_first():
    portal, bench = (
        json.loads(" ".join(printed_by(MIDDLEWARE_OF, DJANGO_SETTINGS_MODULE=module)))
        for module in ("portal.settings", "bench.settings")
    )

    assert bench == [MEASURES, *portal]  # first: it counts and times the session's work too


def test_the_profile_phase_writes_where_the_named_pages_spent_their_time(
    measured, monkeypatch, tmp_path
):
    import os
    import pstats

    from django.test import Client

    from bench import middleware

    monkeypatch.setattr(middleware, "PROFILE_PATHS", frozenset({"/fr/staying-safe/"}))
    monkeypatch.setattr(middleware, "PROFILE_DIR", str(tmp_path))
    monkeypatch.setattr(middleware, "PROFILE_WRITE_EVERY", 2)
    client = Client()  # a new handler: the middleware is built with the settings above
    client.get("/fr/")
    assert not list(tmp_path.iterdir())  # a page not named is never profiled
    client.get("/fr/staying-safe/")
    client.get("/fr/staying-safe/")

    written = tmp_path / f"fr-staying-safe-{os.getpid()}.pstats"
    functions = {(Path(f).name, name) for f, _, name in pstats.Stats(str(written)).stats}
    assert ("views.py", "staying_safe") in functions
