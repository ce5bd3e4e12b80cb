"""Speed under load: simulated people walking whole applications against the production stack.

Starts gunicorn and a Celery worker against the PostgreSQL and Redis that `make bench` started,
then, over loopback only, measures:

1. the floor: a trivial page (`/fr/staying-safe/`, a static template) under the same concurrency,
   alone, and again sampled while the people walk (step 2);
2. PEOPLE simulated people (default 50) each walking JOURNEYS complete applications: every
   step's GET and POST, the check page, "prepare my document", polling until it is ready, and
   the download — bounded by a hard time limit;
3. bytes transferred for a first visit (home page, its CSS and JS, `Accept-Encoding: br, gzip`)
   and for a typical step page;
4. from "prepare my document" to "ready" with 1, 10 and 50 simultaneous requests.

The server says what each request cost it (`PORTAL_COUNT_QUERIES=1` adds `X-Queries` and
`X-Server-Ms`, the time spent in Django): the rest of a request's latency is waiting for a
free gunicorn worker.
Prints a table and writes bench/results/load-<date>.json and .txt. The standard library only:
the usual load tools depend on the PyPI `requests` package, which this project must not install.

    python bench/load.py [--people 50] [--journeys 2] [--time-limit 120] [--without-documents]
                         [--bare-steps]

--bare-steps draws every step and entry page as an empty form (bench/bare_steps.py) while the
views do all their other work: what is left is what the steps cost without drawing their pages.
"""

import argparse
import http.client
import itertools
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timezone
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

from bench.machine import machine_details  # noqa: E402
from tests.journey_data import JOURNEY, URGENCY, WHO  # noqa: E402  (the tests' answers)

HOST = "127.0.0.1"
FLOOR_PATH = "/fr/staying-safe/"
BROWSER_ENCODINGS = "br, gzip"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ASSET = re.compile(r'<(?:link[^>]+href|script[^>]+src)="(/static/[^"]+)"')
START_TIMEOUT_SECONDS = 60
DOCUMENT_TIMEOUT_SECONDS = 60
# People poll as static/js/document-status.js does (after 0.5 s, then every second, every 2 s
# after 20 tries), in the timing phase too: more polling would itself slow the renders it
# measures. When each document was ready is read from the server's own record (`rendered_at`,
# same machine, same clock).
POLL_DELAYS_SECONDS = (0.5, *[1.0] * 20, 2.0)
DOCUMENT_CONCURRENCY = (1, 10, 50)
# The floor sampled during the journeys: a few visitors, each pausing between requests so that
# they add little load (about 15 trivial requests a second, beside the people's 80).
FLOOR_SAMPLERS = 5
FLOOR_SAMPLE_PAUSE_SECONDS = 0.1

class Failure(Exception):
    """A response a person would notice: an error status, or not where the page should lead."""


class TimeUp(Exception):
    """The benchmark's hard time limit: people stop where they are (not an error)."""


class Recorder:
    """Every timed request, by label; shared by the threads."""

    def __init__(self):
        self.lock = threading.Lock()
        # label → (seconds seen by the client, queries, seconds spent in Django)
        self.samples: dict[str, list[tuple[float, int, float]]] = {}
        self.errors: dict[str, int] = {}
        self.error_examples: list[str] = []

    def add(self, label: str, seconds: float, queries: int, server_seconds: float) -> None:
        with self.lock:
            self.samples.setdefault(label, []).append((seconds, queries, server_seconds))

    def error(self, label: str, detail: str) -> None:
        with self.lock:
            self.errors[label] = self.errors.get(label, 0) + 1
            if len(self.error_examples) < 10:
                self.error_examples.append(f"{label}: {detail}")


class Browser:
    """One simulated person: a keep-alive connection, their own cookies."""

    def __init__(self, port: int, recorder: Recorder | None, deadline: float = float("inf")):
        self.port = port
        self.recorder = recorder
        self.deadline = deadline
        self.cookies: dict[str, str] = {}
        self.connection = None

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def request(self, method: str, path: str, *, label: str = "", data=None, headers=None):
        """(status, headers, body); timed under `label` when it is given."""
        if time.monotonic() > self.deadline:
            raise TimeUp
        body = urlencode(data, doseq=True) if data is not None else None
        sent = {"Host": f"{HOST}:{self.port}", "Accept-Language": "fr-CA,fr;q=0.9"}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        sent.update(headers or {})
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
            started = time.perf_counter()
            try:
                self.connection.request(method, path, body=body, headers=sent)
                response = self.connection.getresponse()
                content = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed an idle keep-alive connection: a browser retries too.
                self.close()
                if attempt == 2:
                    raise
                continue
            elapsed = time.perf_counter() - started
            break
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        if label and self.recorder is not None:
            if response.status >= 400:
                self.recorder.error(label, f"HTTP {response.status}")
            else:
                self.recorder.add(
                    label, elapsed, int(response.getheader("X-Queries", "0")),
                    float(response.getheader("X-Server-Ms", "0")) / 1000,
                )
        if response.status >= 400:
            raise Failure(f"{method} {path}: HTTP {response.status}")
        return response.status, response.headers, content

    def get(self, path: str, label: str = "", headers=None):
        return self.request("GET", path, label=label and f"GET {label}", headers=headers)

    def post(self, path: str, data: dict, label: str = ""):
        _, _, page = self.get(path, label)
        token = CSRF_INPUT.search(page.decode())
        if token is None:
            raise Failure(f"no form on {path}")
        status, headers, content = self.request(
            "POST", path, label=label and f"POST {label}",
            data={**data, "csrfmiddlewaretoken": token.group(1)},
        )
        if status == 200 and label and label != "who":  # only "who" answers with a page
            raise Failure(f"POST {path} was refused (the form came back)")
        return status, urlsplit(headers.get("Location", "")).path


def walk(browser: Browser, explanation: str, *, documents: bool = True) -> None:
    """One complete application, as a person clicks through it (without documents: up to the
    check page only, to see what the steps cost when nothing is being printed)."""
    for path, data in JOURNEY:
        posted = {**data, "explanation": explanation} if path == "urgency" else data
        # Each POST's redirect leads to the next screen, whose GET the next post() makes.
        browser.post(f"/fr/form/{path}/", posted, path)
    if not documents:
        return
    wait_for_document(browser, record=True)
    browser.get("/fr/form/document/download/", "document download")


def wait_for_document(browser: Browser, *, record: bool) -> float:
    """POST "Prepare my document", poll the status until ready; seconds from POST to ready."""
    label = "document" if record else ""
    _, _, page = browser.get("/fr/form/document/", label)
    token = CSRF_INPUT.search(page.decode()).group(1)
    started = time.perf_counter()
    browser.request(
        "POST", "/fr/form/document/", label=label and "POST document",
        data={"csrfmiddlewaretoken": token},
    )
    for attempt in itertools.count():
        _, _, body = browser.get(
            "/fr/form/document/status/?format=json", label and "document status (poll)"
        )
        status = json.loads(body)["status"]
        if status == "ready":
            return time.perf_counter() - started
        if status == "failed" or time.perf_counter() - started > DOCUMENT_TIMEOUT_SECONDS:
            raise Failure(f"document {status} after {time.perf_counter() - started:.1f} s")
        time.sleep(POLL_DELAYS_SECONDS[min(attempt, len(POLL_DELAYS_SECONDS) - 1)])


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def figures(samples: list[tuple[float, int, float]], errors: int, seconds: float) -> dict:
    timings = [s for s, _, _ in samples]
    queries = [q for _, q, _ in samples]
    in_server = [s for _, _, s in samples]
    if not timings:
        return {"requests": 0, "errors": errors}
    return {
        "requests": len(timings),
        "errors": errors,
        "per_second": round(len(timings) / seconds, 1),
        "p50_ms": round(percentile(timings, 0.50) * 1000, 1),
        "p95_ms": round(percentile(timings, 0.95) * 1000, 1),
        "p99_ms": round(percentile(timings, 0.99) * 1000, 1),
        "server_p50_ms": round(percentile(in_server, 0.50) * 1000, 1),
        "server_p95_ms": round(percentile(in_server, 0.95) * 1000, 1),
        "queries_mean": round(statistics.mean(queries), 1),
        "queries_max": max(queries),
    }


# --- The stack ---

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def redis_database(url: str, number: int) -> str:
    """The same Redis server, another of its numbered databases."""
    return f"{url.rsplit('/', 1)[0]}/{number}"


def start_stack(port: int, log_dir: Path, *, bare_steps: bool) -> list[subprocess.Popen]:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    if bare_steps:
        raise SystemExit("--bare-steps is gone: the bench settings no longer draw steps bare")
    # bench/settings.py: the portal's settings plus the measures middleware.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "LOG_LEVEL": "WARNING",
           # As in production (.env.example): one cache in Redis, shared by the web processes.
           "CACHE_URL": redis_database(os.environ["CELERY_BROKER_URL"], 2)}
    # Workers and worker class come from gunicorn.conf.py, as in production.
    web = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"{HOST}:{port}",
         "--backlog", "512"],
        cwd=ROOT, env=env, stdout=open(log_dir / "gunicorn.log", "w"), stderr=subprocess.STDOUT,
    )
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "--concurrency", "2",
         "-l", "warning", "--without-gossip", "--without-mingle",
         "--hostname", f"load-{os.getpid()}@%h"],
        cwd=ROOT, env=env, stdout=open(log_dir / "celery.log", "w"), stderr=subprocess.STDOUT,
    )
    processes = [web, worker]
    from portal.celery import app as celery_app

    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while True:
        if any(p.poll() is not None for p in processes) or time.monotonic() > deadline:
            stop_stack(processes)
            raise RuntimeError(f"gunicorn or Celery did not start; see {log_dir}")
        try:
            Browser(port, None).get(FLOOR_PATH)
            if celery_app.control.ping(timeout=0.5):
                return processes
        except (OSError, Failure):
            time.sleep(0.2)


def stop_stack(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


# --- The measurements ---

def measure_floor(port: int, people: int, requests_each: int) -> dict:
    recorder = Recorder()

    def person(_):
        browser = Browser(port, recorder)
        for _ in range(requests_each):
            try:
                browser.get(FLOOR_PATH, "floor")
            except (Failure, OSError) as error:
                recorder.error("GET floor", str(error))
        browser.close()

    started = time.perf_counter()
    with ThreadPoolExecutor(people) as pool:
        list(pool.map(person, range(people)))
    elapsed = time.perf_counter() - started
    return figures(recorder.samples.get("GET floor", []), recorder.errors.get("GET floor", 0),
                   elapsed)


def measure_journeys(port: int, people: int, journeys: int, time_limit: float, documents: bool):
    recorder = Recorder()
    deadline = time.monotonic() + time_limit
    finished, stopped, browsers = [], [], []

    def person(number):
        for journey in range(journeys):
            if time.monotonic() > deadline:
                return
            # A new person: new cookies, new application.
            browser = Browser(port, recorder, deadline)
            try:
                walk(browser, f"Shared 40 times since yesterday ({number}.{journey}).",
                     documents=documents)
                finished.append(1)
                browsers.append(browser)
            except TimeUp:
                stopped.append(1)
            except (Failure, OSError, ValueError, AttributeError) as error:
                recorder.error("journey", f"{type(error).__name__}: {error}")
            browser.close()

    sampler = FloorSampler(port)
    started = time.perf_counter()
    with ThreadPoolExecutor(people) as pool:
        list(pool.map(person, range(people)))
    elapsed = time.perf_counter() - started
    floor = sampler.stop(elapsed)
    return recorder, elapsed, len(finished), len(stopped), browsers, floor


class FloorSampler:
    """The floor again, while the people walk: the trivial page meets the same queues and the
    same renders as the steps it is compared with, which the floor measured alone does not."""

    def __init__(self, port: int):
        self.recorder = Recorder()
        self.done = threading.Event()
        self.threads = [
            threading.Thread(target=self.visit, args=(port,), daemon=True)
            for _ in range(FLOOR_SAMPLERS)
        ]
        for thread in self.threads:
            thread.start()

    def visit(self, port: int) -> None:
        browser = Browser(port, self.recorder)
        while not self.done.wait(FLOOR_SAMPLE_PAUSE_SECONDS):
            try:
                browser.get(FLOOR_PATH, "floor")
            except (Failure, OSError) as error:
                self.recorder.error("GET floor", str(error))
        browser.close()

    def stop(self, seconds: float) -> dict:
        self.done.set()
        for thread in self.threads:
            thread.join()
        samples = self.recorder.samples.get("GET floor", [])
        return figures(samples, self.recorder.errors.get("GET floor", 0), seconds)


def drain_queue() -> bool:
    """Documents still queued by the journeys would delay the timing phase: drop them, then
    wait (60 s at most) for the renders in progress. True when the worker is idle."""
    from portal.celery import app as celery_app

    celery_app.control.purge()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        active = celery_app.control.inspect(timeout=1).active() or {}
        if not any(active.values()):
            return True
        time.sleep(0.5)
    return False


def measure_documents(port: int, browsers: list[Browser], concurrency: int) -> dict:
    """New answers (so a new document) for `concurrency` people who all press "Prepare my
    document" at the same moment: seconds from that moment to each document being ready on
    the server, and to each person's page showing it (their 2 s polls add up to 2 s)."""
    from requests.models import RenderedDocument

    chosen = browsers[:concurrency]
    for number, browser in enumerate(chosen):
        browser.deadline = float("inf")  # the journeys' time limit is over for them
        browser.post(
            "/fr/form/urgency/",
            {**URGENCY, "explanation": f"New details {uuid.uuid4().hex[:8]} ({number})."},
        )
    pressed = []
    barrier = threading.Barrier(len(chosen), action=lambda: pressed.append(time.time()))

    def one(browser):
        barrier.wait()
        try:
            return wait_for_document(browser, record=False)
        except (Failure, OSError):
            return None

    with ThreadPoolExecutor(len(chosen)) as pool:
        seen = list(pool.map(one, chosen))
    rendered = RenderedDocument.objects.filter(
        created_at__gte=datetime.fromtimestamp(pressed[0], tz=timezone.utc),
        rendered_at__isnull=False,
    ).values_list("rendered_at", flat=True)
    ready = [moment.timestamp() - pressed[0] for moment in rendered]
    missing = len(chosen) - len(ready)
    ready += [float(DOCUMENT_TIMEOUT_SECONDS)] * missing
    seen_in_time = [t for t in seen if t is not None] or [float(DOCUMENT_TIMEOUT_SECONDS)]
    return {
        "simultaneous": len(chosen),
        "not_ready_in_time": max(missing, seen.count(None)),
        "p50_s": round(percentile(ready, 0.50), 2),
        "p95_s": round(percentile(ready, 0.95), 2),
        "max_s": round(max(ready), 2),
        "seen_p50_s": round(percentile(seen_in_time, 0.50), 2),
        "seen_p95_s": round(percentile(seen_in_time, 0.95), 2),
    }


def measure_bytes(port: int) -> dict:
    browser = Browser(port, None)
    encodings = {"Accept-Encoding": BROWSER_ENCODINGS}
    _, headers, page = browser.get("/fr/", headers=encodings)
    assets = {}
    for path in dict.fromkeys(ASSET.findall(page.decode())):
        _, asset_headers, body = browser.get(path, headers=encodings)
        assets[path] = {
            "bytes": len(body),
            "encoding": asset_headers.get("Content-Encoding", "identity"),
            "cache_control": asset_headers.get("Cache-Control", ""),
        }
    first_visit = len(page) + sum(a["bytes"] for a in assets.values())
    step = Browser(port, None)
    step.post("/fr/form/who/", WHO)
    _, step_headers, step_page = step.get("/fr/form/person/", headers=encodings)
    step.close()
    browser.close()
    return {
        "first_visit_bytes": first_visit,
        "home_page_bytes": len(page),
        "home_page_encoding": headers.get("Content-Encoding", "identity"),
        "assets": assets,
        "step_page_bytes": len(step_page),
        "step_page_encoding": step_headers.get("Content-Encoding", "identity"),
    }


def progress(message: str) -> None:
    print(f"  … {message}", file=sys.stderr, flush=True)


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def ratio(row: dict, floor: dict) -> float:
    return row["p95_ms"] / floor["p95_ms"] if floor.get("p95_ms") else 0


def table(results: dict) -> str:
    floor, during = results["floor"], results["floor_during_journeys"]
    lines = [
        f"Load: {results['people']} simultaneous people, {results['journeys_finished']} "
        f"{'complete' if results['documents_asked_during_journeys'] else 'document-less'} "
        f"applications in {results['seconds']:.0f} s"
        f"{' with bare step pages (--bare-steps)' if results['bare_steps'] else ''} "
        f"({results['journeys_stopped_by_time_limit']} stopped by the time limit); "
        f"load average before "
        f"{results['load_before']}, after {results['load_after']}",
        "",
        f"{'request':32} {'n':>5} {'err':>4} {'req/s':>6} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'queries':>8} {'p95/floor':>9} {'/during':>7} "
        f"{'in Django p50/p95 ms':>20}",
    ]
    for label, row in [("floor " + FLOOR_PATH, floor), ("floor during journeys", during),
                       *results["steps"].items(), ("ALL", results["overall"])]:
        if not row.get("requests"):
            lines.append(f"{label:32} {0:>5} {row.get('errors', 0):>4}")
            continue
        lines.append(
            f"{label:32} {row['requests']:>5} {row['errors']:>4} {row['per_second']:>6} "
            f"{row['p50_ms']:>8} {row['p95_ms']:>8} {row['p99_ms']:>8} "
            f"{row['queries_mean']:>4}/{row['queries_max']:<3} {ratio(row, floor):>9.1f} "
            f"{ratio(row, during):>7.1f} "
            f"{row['server_p50_ms']:>10}/{row['server_p95_ms']:<9}"
        )
    sizes = results["bytes"]
    lines += [
        "",
        f"First visit (home + CSS + JS, {BROWSER_ENCODINGS}): {sizes['first_visit_bytes']} bytes",
        *(f"  {path}: {a['bytes']} bytes, {a['encoding']}, Cache-Control: {a['cache_control']}"
          for path, a in sizes["assets"].items()),
        f"  home page: {sizes['home_page_bytes']} bytes, {sizes['home_page_encoding']}",
        f"Typical step page (/fr/form/person/): {sizes['step_page_bytes']} bytes, "
        f"{sizes['step_page_encoding']}{' (drawn bare)' if results['bare_steps'] else ''}",
        "",
        "Prepare my document → ready (on the server; then seen by the page as it polls):",
        *(f"  {d['simultaneous']:>3} at once: p50 {d['p50_s']} s, p95 {d['p95_s']} s, "
          f"max {d['max_s']} s, not ready after {DOCUMENT_TIMEOUT_SECONDS} s: "
          f"{d['not_ready_in_time']}; seen p50 {d['seen_p50_s']} s, p95 {d['seen_p95_s']} s"
          for d in results["documents"]),
        *([] if results["documents_asked_during_journeys"] else
          ["  not measured: the people walked up to the check page only (--without-documents)"]),
        "",
        "Targets:",
        *(f"  {name}: {'met' if met else 'NOT met'}" for name, met in results["targets"].items()),
    ]
    if results["error_examples"]:
        lines += ["", "Errors (first ones):", *(f"  {e}" for e in results["error_examples"])]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    # `make bench` passes no options; BENCH_LOAD_* variables change the defaults there.
    parser.add_argument("--people", type=int, default=int(os.environ.get("BENCH_LOAD_PEOPLE", 50)))
    parser.add_argument(
        "--journeys", type=int, default=int(os.environ.get("BENCH_LOAD_JOURNEYS", 2))
    )
    parser.add_argument(
        "--time-limit", type=float, default=float(os.environ.get("BENCH_LOAD_SECONDS", 120))
    )
    # 100 each: about 5 s of requests. The p95 of a 1-second window (20 each) moved with any
    # hiccup of the machine, by up to 70 % between runs.
    parser.add_argument("--floor-requests", type=int, default=100, help="per person")
    parser.add_argument(
        "--without-documents", action="store_true",
        default=os.environ.get("BENCH_LOAD_DOCUMENTS", "1") == "0",
        help="walk up to the check page only: what the steps cost when nothing is printed",
    )
    parser.add_argument(
        "--bare-steps", action="store_true",
        default=os.environ.get("BENCH_LOAD_BARE_STEPS", "0") == "1",
        help="draw step pages as an empty form: what the steps cost without drawing them",
    )
    options = parser.parse_args()
    documents_too = not options.without_documents

    output = ROOT / "bench" / "results"
    output.mkdir(parents=True, exist_ok=True)
    log_dir = Path(os.environ.get("DATA_DIR", output)) / "load-logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    load_before = load_average()
    progress("starting gunicorn and Celery")
    processes = start_stack(port, log_dir, bare_steps=options.bare_steps)
    try:
        # Warm every gunicorn worker and the Celery children before measuring.
        measure_floor(port, 10, 5)
        warm = Browser(port, None)
        walk(warm, "Warm-up.")
        warm.close()
        progress("measuring the floor")
        floor = measure_floor(port, options.people, options.floor_requests)
        progress(f"{options.people} people walking {options.journeys} applications each")
        recorder, seconds, finished, stopped, browsers, floor_during = measure_journeys(
            port, options.people, options.journeys, options.time_limit, documents_too
        )
        drained, documents = None, []
        if documents_too:
            progress("emptying the document queue")
            drained = drain_queue()
            progress("prepare my document → ready, 1, 10 and 50 at once")
            documents = [
                measure_documents(port, browsers, count)
                for count in DOCUMENT_CONCURRENCY if count <= len(browsers)
            ]
        sizes = measure_bytes(port)
        load_after = load_average()
    finally:
        stop_stack(processes)

    steps = {
        label: figures(samples, recorder.errors.get(label, 0), seconds)
        for label, samples in sorted(recorder.samples.items())
    }
    for label, count in recorder.errors.items():
        steps.setdefault(label, {"requests": 0, "errors": count})
    every = [s for samples in recorder.samples.values() for s in samples]
    overall = figures(every, sum(recorder.errors.values()), seconds)
    step_p95s = [
        row["p95_ms"] for label, row in steps.items()
        if row.get("requests") and "poll" not in label
    ]
    at_ten = next((d for d in documents if d["simultaneous"] == 10), None)
    targets = {
        "every step p95 < 3 x floor p95": bool(step_p95s) and max(step_p95s) < 3 * floor["p95_ms"],
        "every step p95 < 3 x floor p95 during journeys": (
            bool(step_p95s) and max(step_p95s) < 3 * floor_during.get("p95_ms", 0)
        ),
        "zero errors": (
            overall["errors"] == 0 and floor["errors"] == 0 and floor_during["errors"] == 0
        ),
        "first visit < 100 KB": sizes["first_visit_bytes"] < 100 * 1024,
    }
    if documents_too:
        targets["document ready < 2 s p95 at 10 at once"] = (
            bool(at_ten) and at_ten["p95_s"] < 2.0 and not at_ten["not_ready_in_time"]
        )
    results = {
        "machine": machine_details(),
        "people": options.people,
        "journeys_per_person": options.journeys,
        "documents_asked_during_journeys": documents_too,
        "bare_steps": options.bare_steps,
        "journeys_finished": finished,
        "journeys_stopped_by_time_limit": stopped,
        "queue_drained_before_document_timing": drained,
        "time_limit_s": options.time_limit,
        "seconds": round(seconds, 1),
        "load_before": load_before,
        "load_after": load_after,
        "floor_path": FLOOR_PATH,
        "floor": floor,
        "floor_during_journeys": floor_during,
        "steps": steps,
        "overall": overall,
        "bytes": sizes,
        "documents": documents,
        "targets": targets,
        "error_examples": recorder.error_examples,
    }
    text = table(results)
    print(text, flush=True)
    kind = "-".join(["load", *(["bare-steps"] if options.bare_steps else []),
                     *([] if documents_too else ["without-documents"])])
    stem = output / f"{kind}-{date.today().isoformat()}"
    stem.with_suffix(".json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    stem.with_suffix(".txt").write_text(text + "\n", encoding="utf-8")
    return 0 if overall["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
