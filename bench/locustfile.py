"""The simulated people of the load benchmark, for locust (run by bench/load.py).

Nothing here imports the project: locust runs from its own virtual environment
(bench/.locust-venv), in a folder outside the project, so that the PyPI `requests` it needs
is the one it finds, and never our app of the same name. Everything it must know comes in the
JSON file named by BENCH_LOCUST_CONFIG, written by bench/load.py: the journeys (from
tests/journey_data.py), the seed and range of the pauses, how many people and their mode.

Locust does the users, their pauses, the arrival rate, the percentiles, the CSV and the HTML
report. What it does not do is here: the measures each response carries from the server
(X-Server-Ms, X-Server-Cpu-Ms, X-Server-Db-Ms, X-Queries), the pauses actually taken, and
"Prepare my document" pressed by many people at the same moment.
"""

import itertools
import json
import os
import random
import re
import resource
import time
from pathlib import Path
from urllib.parse import urlencode

import gevent
from gevent.event import Event
from locust import FastHttpUser, constant, events, task
from locust.contrib.fasthttp import FastHttpSession
from locust.exception import StopUser

CONFIG = json.loads(Path(os.environ["BENCH_LOCUST_CONFIG"]).read_text(encoding="utf-8"))
JOURNEYS = [(name, steps) for name, steps in CONFIG["journeys"].items()]
FLOOR_PATH = CONFIG["floor_path"]
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# As static/js/document-status.js polls (its timers, read by bench/page_timers.py). Polling
# faster to time the renders would take CPU from the renders it times.
POLL_DELAYS_SECONDS = tuple(CONFIG["poll_delays_s"])
DOCUMENT_TIMEOUT_SECONDS = 120
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def cpu_used_s() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


class Extras:
    """What locust does not keep: the server's own measures, and the pauses taken."""

    def __init__(self):
        self.response_ms: dict[str, list[float]] = {}  # exact: locust rounds to whole ms
        self.failures: dict[str, int] = {}
        self.server_ms: dict[str, list[float]] = {}
        self.server_cpu_ms: dict[str, list[float]] = {}
        self.server_db_ms: dict[str, list[float]] = {}
        self.queries: dict[str, list[int]] = {}
        self.pauses: list[float] = []
        self.journeys_started = 0
        self.journeys_finished = 0
        self.documents_seen_s: list[float] = []
        self.pressed_at = None  # a burst's moment, as a Unix time (same machine, same clock)
        self.problems: list[str] = []
        # Is the load generator itself short of CPU? Its share of one core while measured.
        self.started, self.cpu_at_start = time.monotonic(), cpu_used_s()

    def as_dict(self) -> dict:
        return {"response_ms": self.response_ms, "failures": self.failures,
                "server_ms": self.server_ms, "server_cpu_ms": self.server_cpu_ms,
                "server_db_ms": self.server_db_ms,
                "queries": self.queries, "pauses": self.pauses,
                "journeys_started": self.journeys_started,
                "journeys_finished": self.journeys_finished,
                "documents_seen_s": self.documents_seen_s, "pressed_at": self.pressed_at,
                "problems": self.problems[:20],
                "locust_cpu_share": round((cpu_used_s() - self.cpu_at_start)
                                          / max(time.monotonic() - self.started, 1e-3), 2)}



extras = Extras()
numbers = {}  # user class → itertools.count: each person's number, in the order spawned


@events.request.add_listener
def read_server_measures(request_type, name, response_time, response, exception, **kwargs):
    if exception is not None:
        extras.failures[name] = extras.failures.get(name, 0) + 1
        return
    extras.response_ms.setdefault(name, []).append(response_time)
    headers = getattr(response, "headers", None)
    if exception is None and headers is not None and "X-Server-Ms" in headers:
        extras.server_ms.setdefault(name, []).append(float(headers["X-Server-Ms"]))
        extras.server_cpu_ms.setdefault(name, []).append(float(headers["X-Server-Cpu-Ms"]))
        extras.server_db_ms.setdefault(name, []).append(float(headers["X-Server-Db-Ms"]))
        extras.queries.setdefault(name, []).append(int(headers["X-Queries"]))


def reset_extras() -> None:
    global extras
    extras = Extras()


@events.reset_stats.add_listener
def on_reset_stats(**kwargs):
    reset_extras()


@events.test_start.add_listener
def measure_after_warm_up(environment, **kwargs):
    """Open-loop steps reset every figure once the arrivals have reached a steady state."""
    if CONFIG.get("measure_after_s"):
        def reset():
            environment.runner.stats.reset_all()
            reset_extras()

        gevent.spawn_later(CONFIG["measure_after_s"], reset)


@events.test_start.add_listener
def sample_the_floor(environment, **kwargs):
    """A few visitors load the floor (a static page: no database, no session) while the
    people walk, through locust's client and into its statistics as "GET floor": it meets
    the same queues as the steps it is compared with."""
    for number in range(CONFIG.get("floor_samplers", 0)):
        gevent.spawn(floor_visitor, environment, number)


def floor_visitor(environment, number: int) -> None:
    session = FastHttpSession(environment.host, environment.events.request, user=None,
                              network_timeout=90.0, connection_timeout=90.0)
    pauses = random.Random(f"{CONFIG['seed']}-floor-{number}")
    low, high = CONFIG["floor_pause_s"]
    while True:
        gevent.sleep(pauses.uniform(low, high))
        session.get(FLOOR_PATH, name="GET floor")


@events.quitting.add_listener
def write_extras(environment, **kwargs):
    Path(CONFIG["extras_out"]).write_text(json.dumps(extras.as_dict()), encoding="utf-8")


class Walker(FastHttpUser):
    """What every simulated person does on a page: ask for it, pause, answer, wait for a
    document. No task of its own: locust gives a class every task of its bases, so the
    burst, were it a Person, would also walk as a Person does."""

    abstract = True
    wait_time = constant(0)
    network_timeout = connection_timeout = 90.0

    def on_start(self):
        number = next(numbers.setdefault(type(self).__name__, itertools.count()))
        self.number = number
        self.pauses = random.Random(f"{CONFIG['seed']}-{type(self).__name__}-{number}")
        self.walked = 0
        if CONFIG.get("arrival_rate"):
            # Locust starts floor(rate) people at once, every floor(rate)/rate seconds: spread
            # each batch over its interval, so that arrivals are evenly spaced at the rate.
            batch = max(1, int(CONFIG["arrival_rate"]))
            gevent.sleep((number % batch) / CONFIG["arrival_rate"])

    def pause(self):
        low, high = CONFIG["pause_s"]
        if high > 0:
            seconds = self.pauses.uniform(low, high)
            extras.pauses.append(seconds)
            gevent.sleep(seconds)

    def send(self, method, path, name, data=None):
        body = urlencode(data, doseq=True) if data is not None else None
        response = self.client.request(
            method, path, name=name, data=body, headers=FORM if body else None,
            allow_redirects=False,
        )
        if response.status_code >= 400 or response.status_code == 0:
            raise StopJourney(f"{method} {path}: HTTP {response.status_code}")
        return response

    def page(self, path, name):
        """GET a page, then pause on it as a person reads and answers; its CSRF token."""
        response = self.send("GET", path, f"GET {name}")
        token = CSRF_INPUT.search(response.text or "")
        self.pause()
        return token.group(1) if token else None

    def answer(self, path, name, data):
        token = self.page(path, name)
        if token is None:
            raise StopJourney(f"no form on {path}")
        response = self.send("POST", path, f"POST {name}",
                             {**data, "csrfmiddlewaretoken": token})
        if response.status_code == 200 and name != "who":  # only "who" answers with a page
            events.request.fire(request_type="POST", name=f"POST {name}", response_time=0,
                                response_length=0, response=None, exception=Refused(path),
                                context={})
            raise StopJourney(f"POST {path} was refused (the form came back)")

    def walk(self, *, documents: bool) -> None:
        name, steps = JOURNEYS[(self.number + self.walked) % len(JOURNEYS)]
        self.client.cookiejar.clear()  # a new person: new cookies, new application
        extras.journeys_started += 1
        unique = f"{self.number}.{self.walked}"
        for path, data in steps:
            if path == CONFIG["unique_answer"][0]:  # so that every document is a new one
                field = CONFIG["unique_answer"][1]
                data = {**data, field: f"{data[field]} ({unique})"}
            self.answer(f"/fr/form/{path}/", path, data)
        if documents:
            self.prepare_document(record=True)
            self.send("GET", "/fr/form/document/download/", "GET document download")
        extras.journeys_finished += 1
        self.walked += 1

    def prepare_document(self, *, record: bool, before_pressing=None) -> float:
        token = self.page("/fr/form/document/", "document")
        if before_pressing is not None:
            before_pressing()
        started = time.perf_counter()
        self.send("POST", "/fr/form/document/", "POST document",
                  {"csrfmiddlewaretoken": token})
        for attempt in itertools.count():
            gevent.sleep(POLL_DELAYS_SECONDS[min(attempt, len(POLL_DELAYS_SECONDS) - 1)])
            response = self.send("GET", "/fr/form/document/status/?format=json",
                                 "GET document status (poll)")
            status = json.loads(response.text)["status"]
            if status == "ready":
                seen = time.perf_counter() - started
                if record:
                    extras.documents_seen_s.append(seen)
                return seen
            if status == "failed" or time.perf_counter() - started > DOCUMENT_TIMEOUT_SECONDS:
                raise StopJourney(f"document {status} after {time.perf_counter() - started:.0f} s")



class Person(Walker):
    """Someone walking whole applications, one page after another, pausing on each page.

    Each application is a new person (new cookies). Modes: "loop" walks applications until
    the run ends; "once" walks one, then stays idle (an open-loop arrival); "count" walks
    CONFIG["applications_each"] then ends the run (one person alone).
    """

    done = 0  # people who walked all their applications ("count")

    @task
    def applications(self):
        mode = CONFIG["person_mode"]
        try:
            self.walk(documents=CONFIG["documents"])
        except StopJourney as problem:
            extras.problems.append(str(problem))
            self.walked += 1
        if mode == "once":
            gevent.sleep(10**6)  # arrived, walked, left: never counted again
        if mode == "count" and self.walked >= CONFIG["applications_each"]:
            Person.done += 1
            if Person.done == CONFIG["users"]:
                gevent.spawn(self.environment.runner.quit)  # not from inside a user
            gevent.sleep(10**6)


class FloorArrivals(FastHttpUser):
    """The floor alone at a fixed rate (CONFIG["floor_rate"] requests a second in all): each
    of many visitors asks at random moments (a Poisson process, seeded), so that together they
    are the open door of the issue, never a round of requests sent in step."""

    network_timeout = connection_timeout = 90.0

    def wait_time(self):
        return self.arrivals.expovariate(self.rate_each)

    def on_start(self):
        number = next(numbers.setdefault(type(self).__name__, itertools.count()))
        self.rate_each = CONFIG["floor_rate"] / CONFIG["floor_visitors"]
        self.arrivals = random.Random(f"{CONFIG['seed']}-floor-arrivals-{number}")
        gevent.sleep(self.arrivals.expovariate(self.rate_each))

    @task
    def floor(self):
        self.client.get(FLOOR_PATH, name="GET floor")


class DocumentBurst(Walker):
    """BURST people walk to the check page without pausing, then all press "Prepare my
    document" at the same moment, and wait for it as the page does."""

    ready_to_press = Event()
    waiting = 0
    finished = 0

    @task
    def walk_up_and_press(self):
        self.client.cookiejar.clear()
        name, steps = JOURNEYS[self.number % len(JOURNEYS)]
        unique = f"burst.{self.number}"
        try:
            for path, data in steps:
                if path == CONFIG["unique_answer"][0]:
                    field = CONFIG["unique_answer"][1]
                    data = {**data, field: f"{data[field]} ({unique})"}
                self.answer(f"/fr/form/{path}/", path, data)
            self.prepare_document(record=True, before_pressing=self.wait_for_everyone)
        except StopJourney as problem:
            extras.problems.append(str(problem))
        DocumentBurst.finished += 1
        if DocumentBurst.finished == CONFIG["burst"]:
            gevent.spawn(self.environment.runner.quit)
        raise StopUser

    def wait_for_everyone(self):
        DocumentBurst.waiting += 1
        if DocumentBurst.waiting == CONFIG["burst"]:
            extras.pressed_at = time.time()
            DocumentBurst.ready_to_press.set()
        DocumentBurst.ready_to_press.wait()


class StopJourney(Exception):
    """A response a person would notice: an error, or the form came back refused."""


class Refused(Exception):
    """The form came back: the answers were refused."""


# Only the classes a run asks for are started (bench/load.py names them on the command line).
__all__ = ["Person", "FloorArrivals", "DocumentBurst"]
