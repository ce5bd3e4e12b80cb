"""Speed under load: simulated people walking whole applications against the production stack.

Starts gunicorn (gunicorn.conf.py, as in production) and a Celery worker (2 rendering
processes) with DJANGO_SETTINGS_MODULE=bench.settings, against the PostgreSQL and Redis that
`make bench` started, and drives them over loopback with locust (bench/locustfile.py), run
from its own virtual environment (bench/.locust-venv) in a folder outside the project.

Modes (BENCH_LOAD_MODES, comma-separated; all by default, in this order):

  realistic   one person alone walks SOLO_APPLICATIONS applications (each step's p95 alone);
              then PEOPLE people (50) walk whole applications with documents, pausing 1 to
              5 s on each page (seeded), while a few visitors sample the floor page
              (/fr/staying-safe/); each step's p50/p95/p99 beside the floor and its solo p95.
  documents   10, then 50 people press "Prepare my document" at the same moment: when each
              is ready on the server, against N x one warm render / the rendering processes.
  capacity    open loop: the floor page alone at rising rates, then new applications
              arriving at 0.5, 1, 2, 4, 8 a second, each step until it no longer holds;
              the last rate that held, as applications an hour and requests a second.

At the end, the resident memory of each gunicorn and Celery process. Results go to
bench/results/load-<date>.json and .txt, the locust report of the realistic run to
load-realistic-<date>.html and a chart of each step's p95 to load-realistic-<date>.svg.

    python scripts/run_tests.py --bench load.py        (BENCH_LOAD_MODES=realistic,documents)
"""

import csv
import http.client
import json
import math
import os
import pstats
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

from bench.machine import machine_details, run_name  # noqa: E402
from bench.page_timers import poll_delays_s  # noqa: E402

HOST = "127.0.0.1"
FLOOR_PATH = "/fr/staying-safe/"
LOCUST_VERSION = "2.47.0"
LOCUST_VENV = ROOT / "bench" / ".locust-venv"
LOCUSTFILE = ROOT / "bench" / "locustfile.py"
RESULTS = ROOT / "bench" / "results"
START_TIMEOUT_SECONDS = 60
RENDER_PROCESSES = 2  # celery --concurrency, as docker-compose.yml runs it

SEED = int(os.environ.get("BENCH_LOAD_SEED", 20))
PEOPLE = int(os.environ.get("BENCH_LOAD_PEOPLE", 50))
PAUSE_S = (1.0, 5.0)  # a person reads and answers each page
REALISTIC_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", 240))
SOLO_APPLICATIONS = int(os.environ.get("BENCH_SOLO_APPLICATIONS", 40))
FLOOR_SAMPLERS = 5
FLOOR_PAUSE_S = (0.5, 1.5)  # about 5 trivial requests a second in all
DOCUMENT_BURSTS = (10, 50)
DOCUMENT_TARGET = 1.25  # ready p95 within 1.25 x the limit the CPU sets
# Open loop. A journey with pauses lasts about 90 s: arrivals reach a steady state only after
# that, so each step measures its last CAPACITY_MEASURE_S seconds only.
ARRIVAL_RATES = tuple(float(r) for r in os.environ.get(
    "BENCH_CAPACITY_RATES", "0.5,1,2,4,8").split(","))
CAPACITY_WARM_S = int(os.environ.get("BENCH_CAPACITY_WARM_S", 100))
CAPACITY_MEASURE_S = int(os.environ.get("BENCH_CAPACITY_MEASURE_S", 60))
FLOOR_RATES = tuple(int(r) for r in os.environ.get(
    "BENCH_FLOOR_RATES", "50,100,200,400,600,800,1000,1200,1600").split(","))
FLOOR_STEP_WARM_S, FLOOR_STEP_MEASURE_S = 5, 15
FLOOR_VISITORS = 200
KNEE_FACTOR = 3.0
MIN_SAMPLES = 20  # a step's p95 over fewer requests is their maximum: not judged on it
POLL = "GET document status (poll)"


# --- Locust, in its own environment ---

def locust_executable() -> Path:
    executable = LOCUST_VENV / "bin" / "locust"
    if not executable.exists():
        progress(f"creating {LOCUST_VENV.relative_to(ROOT)} with locust {LOCUST_VERSION}")
        subprocess.run(["python3", "-m", "venv", str(LOCUST_VENV)], check=True)
        subprocess.run([str(LOCUST_VENV / "bin" / "pip"), "install", "--quiet",
                        f"locust=={LOCUST_VERSION}"], check=True)
    return executable


def locust_environment() -> dict:
    """Nothing of the project on locust's import path: its `requests` must be PyPI's."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "DJANGO_SETTINGS_MODULE", "PYTHONHOME")}
    env["PYTHONNOUSERSITE"] = "1"
    return env


def run_locust(name: str, config: dict, *, user_class: str, users: int, spawn_rate: float,
               run_time_s: float | None, html: Path | None = None) -> dict:
    """Run locust headless in a folder of its own; every figure it and the locustfile kept."""
    folder = Path(tempfile.mkdtemp(prefix=f"locust-{name}-"))
    try:
        shutil.copy(LOCUSTFILE, folder / "locustfile.py")  # its folder goes on sys.path
        config = {"floor_path": FLOOR_PATH, "seed": SEED, "journeys": JOURNEYS,
                  "poll_delays_s": poll_delays_s(),
                  "unique_answer": UNIQUE_ANSWER, "pause_s": (0, 0), "floor_pause_s": FLOOR_PAUSE_S,
                  "floor_samplers": 0, "documents": True, "users": users,
                  "extras_out": str(folder / "extras.json"), **config}
        (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
        command = [
            str(locust_executable()), "-f", "locustfile.py", "--headless", "--host", BASE_URL,
            "-u", str(users), "-r", str(spawn_rate), "--csv", "run", "--loglevel", "WARNING",
            "--only-summary", "--stop-timeout", "5", user_class,
        ]
        if run_time_s is not None:
            command[command.index("--csv"):command.index("--csv")] = ["-t", f"{run_time_s:.0f}s"]
        if html is not None:
            command += ["--html", str(html)]
        with open(folder / "locust.log", "w") as log:
            subprocess.run(command, cwd=folder, env={**locust_environment(),
                           "BENCH_LOCUST_CONFIG": str(folder / "config.json")},
                           stdout=log, stderr=subprocess.STDOUT, check=False, timeout=3600)
        extras_path = folder / "extras.json"
        if not extras_path.exists():
            raise RuntimeError(f"locust ({name}) wrote no results:\n"
                               + (folder / "locust.log").read_text()[-3000:])
        extras = json.loads(extras_path.read_text())
        extras["locust_csv"] = read_locust_csv(folder / "run_stats.csv")
        return extras
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def read_locust_csv(path: Path) -> dict:
    """Locust's own table: per request name, its count, failures and percentiles (whole ms)."""
    if not path.exists():
        return {}
    rows = {}
    with open(path, newline="") as table:
        for row in csv.DictReader(table):
            rows[row["Name"]] = {"requests": int(row["Request Count"]),
                                 "failures": int(row["Failure Count"]),
                                 "p50_ms": row["50%"], "p95_ms": row["95%"], "p99_ms": row["99%"]}
    return rows


# --- Figures ---

def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def figures(extras: dict, name: str, seconds: float | None = None) -> dict:
    times = extras["response_ms"].get(name, [])
    row = {"requests": len(times), "errors": extras["failures"].get(name, 0)}
    if not times:
        return row
    row.update(p50_ms=round(percentile(times, 0.50), 1), p95_ms=round(percentile(times, 0.95), 1),
               p99_ms=round(percentile(times, 0.99), 1))
    server = extras["server_ms"].get(name, [])
    if server:
        row.update(server_p50_ms=round(percentile(server, 0.5), 1),
                   server_p95_ms=round(percentile(server, 0.95), 1))
    cpu = extras.get("server_cpu_ms", {}).get(name, [])
    if cpu:
        row.update(cpu_p50_ms=round(percentile(cpu, 0.5), 1),
                   cpu_p95_ms=round(percentile(cpu, 0.95), 1))
    # Means add up where percentiles do not: the time of a request, split by what it did.
    row["mean_ms"] = round(statistics.mean(times), 2)
    for key, values in (("server", server), ("cpu", cpu),
                        ("db", extras.get("server_db_ms", {}).get(name, []))):
        if values:
            row[f"{key}_mean_ms"] = round(statistics.mean(values), 2)
    queries = extras["queries"].get(name, [])
    if queries:
        row.update(queries_mean=round(statistics.mean(queries), 1), queries_max=max(queries))
    if seconds:
        row["per_second"] = round(len(times) / seconds, 1)
    return row


def step_names(extras: dict) -> list[str]:
    return sorted(n for n in {*extras["response_ms"], *extras["failures"]} if n != "GET floor")


def slowest(steps: dict) -> tuple[str, float]:
    """The step with the highest p95, polls aside (their time is the page's timer) and steps
    with fewer than MIN_SAMPLES requests (the p95 of a handful is their maximum)."""
    timed = {n: r["p95_ms"] for n, r in steps.items()
             if r.get("p95_ms") and n != POLL and r["requests"] >= MIN_SAMPLES}
    name = max(timed, key=timed.get)
    return name, timed[name]


def total_errors(extras: dict) -> int:
    return sum(extras["failures"].values()) + len(extras["problems"])


# --- The stack ---

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def redis_database(url: str, number: int) -> str:
    return f"{url.rsplit('/', 1)[0]}/{number}"


def answers(path: str) -> int:
    try:
        connection = http.client.HTTPConnection(HOST, PORT, timeout=2)
        connection.request("GET", path)
        return connection.getresponse().status
    except OSError:
        return 0


def start_stack(log_dir: Path, extra_env: dict | None = None) -> dict[str, subprocess.Popen]:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "LOG_LEVEL": "WARNING",
           # As in production (.env.example): one cache in Redis, shared by the web processes.
           "CACHE_URL": redis_database(os.environ["CELERY_BROKER_URL"], 2), **(extra_env or {})}
    web = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"{HOST}:{PORT}",
         "--backlog", "2048"],
        cwd=ROOT, env=env, stdout=open(log_dir / "gunicorn.log", "w"), stderr=subprocess.STDOUT,
    )
    # -l info: Celery logs each task's run time ("succeeded in 0.21s"), one warm render.
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "--concurrency",
         str(RENDER_PROCESSES), "-l", "info", "--without-gossip", "--without-mingle",
         "--hostname", f"load-{os.getpid()}@%h"],
        cwd=ROOT, env=env, stdout=open(log_dir / "celery.log", "w"), stderr=subprocess.STDOUT,
    )
    processes = {"gunicorn": web, "celery": worker}
    from portal.celery import app as celery_app

    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while True:
        if any(p.poll() is not None for p in processes.values()) or time.monotonic() > deadline:
            stop_stack(processes)
            raise RuntimeError(f"gunicorn or Celery did not start; see {log_dir}")
        if answers(FLOOR_PATH) == 200 and celery_app.control.ping(timeout=0.5):
            return processes
        time.sleep(0.2)


def stop_stack(processes: dict[str, subprocess.Popen]) -> None:
    for process in processes.values():
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes.values():
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def resident_memory(processes: dict[str, subprocess.Popen]) -> list[dict]:
    """VmRSS of each gunicorn and Celery process (the parent and its children)."""
    rows = []
    for name, process in processes.items():
        for role, pid in [("main", process.pid), *(("child", c) for c in children(process.pid))]:
            status = Path(f"/proc/{pid}/status").read_text()
            rss_kb = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))
            rows.append({"process": name, "role": role, "pid": pid, "rss_mb": round(rss_kb / 1024, 1)})
    return rows


def drain_queue() -> bool:
    """Documents still queued would delay the next phase: drop them, then wait for the renders
    in progress (60 s at most). True when the worker is idle."""
    from portal.celery import app as celery_app

    celery_app.control.purge()
    deadline = time.monotonic() + 60
    idle_checks = 0
    while time.monotonic() < deadline:
        inspect = celery_app.control.inspect(timeout=1)
        busy = [*(inspect.active() or {}).values(), *(inspect.reserved() or {}).values()]
        # Twice in a row: a task the worker had reserved starts as the one before it ends.
        idle_checks = idle_checks + 1 if not any(busy) else 0
        if idle_checks == 2:
            return True
        time.sleep(0.5)
    return False


class CeleryLog:
    """Each task's run time as Celery logs it: for one warm render, and renders under a burst."""

    SUCCEEDED = re.compile(r"render_printed\[[^\]]+\] succeeded in ([0-9.]+)s")

    def __init__(self, path: Path):
        self.path = path
        self.offset = 0

    def mark(self) -> None:
        self.offset = self.path.stat().st_size

    def runs_since_mark(self) -> list[float]:
        with open(self.path, errors="replace") as log:
            log.seek(self.offset)
            return [float(s) for s in self.SUCCEEDED.findall(log.read())]


# --- The modes ---

def solo_walk(celery_log: CeleryLog) -> tuple[dict, dict]:
    """One person alone walks SOLO_APPLICATIONS applications (after three to warm up): each
    step's figures with nobody else on the machine, and Celery's run time of the renders.
    Each press prints two documents (the court copy, the person's copy): one warm press is
    their run times added."""
    progress(f"one person alone walks {SOLO_APPLICATIONS} applications")
    run_locust("warm", {"person_mode": "count", "applications_each": 1},
               user_class="Person", users=3, spawn_rate=3, run_time_s=None)
    celery_log.mark()
    solo = run_locust("solo", {"person_mode": "count", "applications_each": SOLO_APPLICATIONS},
                      user_class="Person", users=1, spawn_rate=1, run_time_s=None)
    runs = celery_log.runs_since_mark()
    presses = max(1, solo["journeys_finished"])
    renders = {"each_s": summary_s(runs), "per_press": round(len(runs) / presses, 2),
               "press_s": round(sum(runs) / presses, 3)}
    return solo, renders


def realistic(solo: dict) -> dict:
    progress(f"{PEOPLE} people pausing {PAUSE_S[0]:g}-{PAUSE_S[1]:g} s, {REALISTIC_SECONDS} s")
    spawn_s, settle_s = 10, 20  # then every figure starts again from zero
    html = RESULTS / f"load-realistic-{TODAY}.html"
    loaded = run_locust(
        "realistic",
        {"person_mode": "loop", "pause_s": PAUSE_S, "floor_samplers": FLOOR_SAMPLERS,
         "measure_after_s": spawn_s + settle_s},
        user_class="Person", users=PEOPLE, spawn_rate=PEOPLE / spawn_s,
        run_time_s=REALISTIC_SECONDS + spawn_s + settle_s, html=html,
    )
    floor = figures(loaded, "GET floor", REALISTIC_SECONDS)
    steps = {}
    for name in step_names(loaded):
        row = figures(loaded, name, REALISTIC_SECONDS)
        alone = figures(solo, name)
        if row.get("p95_ms") and alone.get("p95_ms"):
            row["solo_p95_ms"] = alone["p95_ms"]
            row["vs_solo"] = round(row["p95_ms"] / alone["p95_ms"], 2)
            row["solo_server_p95_ms"] = alone.get("server_p95_ms")
            row["solo_cpu_p95_ms"] = alone.get("cpu_p95_ms")
        if row.get("p95_ms"):
            row["vs_floor"] = round(row["p95_ms"] / floor["p95_ms"], 2)
        steps[name] = row
    pauses = loaded["pauses"]
    split = {"under_load": time_split([r for n, r in steps.items() if n != POLL]),
             "alone": time_split([figures(solo, n) for n in step_names(solo) if n != POLL])}
    return {
        "time_split": split,
        "people": PEOPLE, "seconds": REALISTIC_SECONDS, "seed": SEED,
        "pauses": {"range_s": PAUSE_S, "taken": len(pauses),
                   "mean_s": round(statistics.mean(pauses), 2) if pauses else None,
                   "min_s": round(min(pauses), 2) if pauses else None,
                   "max_s": round(max(pauses), 2) if pauses else None},
        "floor_samplers": FLOOR_SAMPLERS, "floor_pause_s": FLOOR_PAUSE_S,
        "applications_started": loaded["journeys_started"],
        "applications_finished": loaded["journeys_finished"],
        "errors": total_errors(loaded), "problems": loaded["problems"],
        "solo_errors": total_errors(solo), "solo_applications": solo["journeys_finished"],
        "floor": floor, "steps": steps,
        "documents_seen_s": summary_s(loaded["documents_seen_s"]),
        "locust_report": html.name if html.exists() else None,
    }


def summary_s(values: list[float]) -> dict:
    if not values:
        return {"count": 0}
    return {"count": len(values), "median": round(statistics.median(values), 3),
            "p95": round(percentile(values, 0.95), 3), "max": round(max(values), 3)}


def documents(celery_log: CeleryLog, warm_press_s: float) -> list[dict]:
    """N people press "Prepare my document" at the same moment. Each press prints the court
    copy and the person's copy; a press is ready when both are, as the person's page says."""
    from requests.models import PersonGuide, RenderedDocument

    rows = []
    for count in DOCUMENT_BURSTS:
        drain_queue()
        progress(f"{count} people press \"Prepare my document\" at the same moment")
        started = datetime.now(tz=timezone.utc)
        celery_log.mark()
        burst = run_locust(f"documents-{count}", {"person_mode": "burst", "burst": count},
                           user_class="DocumentBurst", users=count, spawn_rate=count,
                           run_time_s=None)
        printed = [model.objects.filter(created_at__gte=started)
                   for model in (RenderedDocument, PersonGuide)]
        deadline = time.monotonic() + 60
        while any(rows_.filter(status=RenderedDocument.Status.PENDING).exists() for rows_ in printed):
            if time.monotonic() > deadline:
                break
            time.sleep(0.5)
        presses: dict = {}
        for rows_ in printed:
            for application, rendered, status in rows_.values_list(
                    "application_id", "rendered_at", "status"):
                presses.setdefault(application, []).append((rendered, status))
        pressed = burst["pressed_at"]  # when the last person arrived and everyone pressed
        ready = [max(r for r, _ in kinds).timestamp() - pressed
                 for kinds in presses.values() if all(r for r, _ in kinds)]
        limit = count * warm_press_s / RENDER_PROCESSES
        runs = celery_log.runs_since_mark()
        rows.append({
            "simultaneous": count, "presses": len(presses),
            "documents": sum(len(kinds) for kinds in presses.values()),
            "pending_after_60_s": sum(status == "pending" for kinds in presses.values()
                                      for _, status in kinds),
            "errors": total_errors(burst),
            "ready_p50_s": round(percentile(ready, 0.5), 2),
            "ready_p95_s": round(percentile(ready, 0.95), 2),
            "ready_max_s": round(max(ready), 2),
            "seen": summary_s(burst["documents_seen_s"]),
            "cpu_limit_s": round(limit, 2),
            "p95_vs_limit": round(percentile(ready, 0.95) / limit, 2),
            "render_run_s": summary_s(runs),
            "ready_s": sorted(round(r, 2) for r in ready),
            # Every document of the burst is asked for at the press, none before it.
            "asked_after_press_s": summary_s([
                created.timestamp() - pressed for rows_ in printed
                for created in rows_.values_list("created_at", flat=True)]),
        })
    return rows


def floor_knee() -> dict:
    steps, reference = [], None
    for rate in FLOOR_RATES:
        progress(f"the floor alone at {rate} requests a second")
        visitors = min(FLOOR_VISITORS, rate)
        extras = run_locust(f"floor-{rate}", {"floor_rate": rate, "floor_visitors": visitors,
                                              "measure_after_s": FLOOR_STEP_WARM_S},
                            user_class="FloorArrivals", users=visitors, spawn_rate=visitors,
                            run_time_s=FLOOR_STEP_WARM_S + FLOOR_STEP_MEASURE_S + 1)
        row = figures(extras, "GET floor", FLOOR_STEP_MEASURE_S + 1)  # as long as it ran
        row["rate"] = rate
        row["locust_cpu_share"] = extras["locust_cpu_share"]
        reference = reference or row["p95_ms"]
        row["held"] = bool(row.get("p95_ms")) and row["errors"] == 0 and (
            row["p95_ms"] <= KNEE_FACTOR * reference and row["per_second"] >= 0.9 * rate)
        steps.append(row)
        if not row["held"]:
            break
    held = [s for s in steps if s["held"]]
    return {"steps": steps, "quiet_p95_ms": reference,
            "knee_requests_per_s": held[-1]["per_second"] if held else 0}


def most_slowed(steps: dict, solo: dict) -> tuple[str | None, float]:
    """The step whose p95 grew most against the same step walked by one person alone, among
    those with MIN_SAMPLES requests at least (the p95 of a handful is their maximum)."""
    ratios = {}
    for name, row in steps.items():
        alone = figures(solo, name)
        if name != POLL and row.get("requests", 0) >= MIN_SAMPLES and alone.get("p95_ms"):
            ratios[name] = row["p95_ms"] / alone["p95_ms"]
    if not ratios:
        return None, 0.0
    name = max(ratios, key=ratios.get)
    return name, round(ratios[name], 2)


def capacity(quiet_floor_p95: float, solo: dict) -> dict:
    """New applications arriving at rising rates (open loop), until a rate no longer holds.

    A rate holds while there are no errors, the floor sampled meanwhile stays within 3 x the
    quiet floor (when every request waits in the same queue, steps and floor grow together),
    and every step's p95 stays within 3 x its own p95 walked by one person alone: load may
    slow a step threefold, no more. The issue's first reading, "the slowest step within 3 x the
    floor sampled meanwhile", is reported beside it (`held_by_floor`): it compares a page's own
    cost with the floor's, and fails at any rate for a step that costs 3 x the floor alone.
    """
    steps = []
    for rate in ARRIVAL_RATES:
        drain_queue()
        progress(f"new applications arriving at {rate:g} a second "
                 f"({CAPACITY_WARM_S} s to settle, {CAPACITY_MEASURE_S} s measured)")
        seconds = CAPACITY_WARM_S + CAPACITY_MEASURE_S
        arrivals = math.ceil(rate * seconds)
        extras = run_locust(
            f"arrivals-{rate:g}",
            {"person_mode": "once", "pause_s": PAUSE_S, "floor_samplers": FLOOR_SAMPLERS,
             "arrival_rate": rate, "measure_after_s": CAPACITY_WARM_S},
            user_class="Person", users=arrivals, spawn_rate=rate, run_time_s=seconds,
        )
        floor = figures(extras, "GET floor", CAPACITY_MEASURE_S)
        steps_here = {n: figures(extras, n, CAPACITY_MEASURE_S) for n in step_names(extras)}
        name, p95 = slowest(steps_here)
        slowed, slowed_by = most_slowed(steps_here, solo)
        journey_requests = sum(r["requests"] for r in steps_here.values())
        row = {
            "rate": rate, "applications_per_hour": round(rate * 3600),
            "requests_per_s": round(journey_requests / CAPACITY_MEASURE_S, 1),
            "errors": total_errors(extras), "problems": extras["problems"][:5],
            "floor_p95_ms": floor.get("p95_ms"), "slowest": name, "slowest_p95_ms": p95,
            "slowest_vs_floor": round(p95 / floor["p95_ms"], 2),
            "floor_vs_quiet_floor": round(floor["p95_ms"] / quiet_floor_p95, 2),
            "most_slowed": slowed, "most_slowed_vs_solo": slowed_by,
            "steps": steps_here,
        }
        not_saturated = row["errors"] == 0 and row["floor_vs_quiet_floor"] <= KNEE_FACTOR
        row["held"] = not_saturated and slowed is not None and slowed_by <= KNEE_FACTOR
        row["held_by_floor"] = not_saturated and row["slowest_vs_floor"] <= KNEE_FACTOR
        steps.append(row)
        if not row["held"]:
            break
    return {"steps": steps, "knee": last_held(steps, "held"),
            "knee_by_floor": last_held(steps, "held_by_floor")}


def last_held(steps: list[dict], key: str) -> dict | None:
    """The last rate of the unbroken run of rates that held, from the lowest."""
    knee = None
    for step in steps:
        if not step[key]:
            break
        knee = step
    return knee


PROFILED_PAGES = ("/fr/form/contact/", "/fr/form/check/")
PROFILE_SECONDS = int(os.environ.get("BENCH_PROFILE_SECONDS", 90))


def profile_under_load(log_dir: Path) -> dict:
    """The realistic load again, for PROFILE_SECONDS, with cProfile in every gunicorn worker
    around the two costliest pages: where their time goes when 50 people share the machine.
    Its own run, since the profiler slows the pages it watches; none of its times is reported
    beside the realistic run's."""
    from bench.middleware import profile_file_stem
    from bench.profiles import where_the_time_goes

    folder = Path(tempfile.mkdtemp(prefix="load-profile-"))
    progress(f"the realistic load again for {PROFILE_SECONDS} s, profiling "
             + ", ".join(PROFILED_PAGES))
    processes = start_stack(log_dir, {"BENCH_PROFILE_PATHS": ",".join(PROFILED_PAGES),
                                      "BENCH_PROFILE_DIR": str(folder)})
    try:
        loaded = run_locust(
            "profile", {"person_mode": "loop", "pause_s": PAUSE_S, "floor_samplers": 0},
            user_class="Person", users=PEOPLE, spawn_rate=PEOPLE / 10,
            run_time_s=PROFILE_SECONDS)
    finally:
        stop_stack(processes)
    texts, pages = [], {}
    try:
        for path in PROFILED_PAGES:
            files = sorted(folder.glob(f"{profile_file_stem(path)}-*.pstats"))
            if not files:
                continue
            stats = pstats.Stats(*map(str, files))
            row = figures(loaded, f"GET {path.removeprefix('/fr/form/').strip('/')}")
            pages[path] = {"workers": len(files), **row}
            texts.append("\n".join([
                f"== GET {path}, under the realistic load ({PEOPLE} people), in "
                f"{len(files)} gunicorn workers: {row.get('requests', 0)} requests; "
                f"under the profiler p50 {row.get('p50_ms')} ms, in Django "
                f"{row.get('server_p50_ms')} ms, of which CPU {row.get('cpu_p50_ms')} ms",
                *where_the_time_goes(stats, ROOT)]))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {"seconds": PROFILE_SECONDS, "pages": pages, "report": "\n\n".join(texts)}


# --- Report ---

def table(results: dict) -> str:
    lines = [f"Load benchmark, {results['machine']['when']} (commit {results['machine']['commit']}, "
             f"{results['machine']['cpus']} CPUs); load average before {results['load_before']}, "
             f"after {results['load_after']}"]
    real = results.get("realistic")
    if real:
        pauses = real["pauses"]
        lines += [
            "",
            f"Realistic: {real['people']} people for {real['seconds']} s, pausing "
            f"{pauses['range_s'][0]:g}-{pauses['range_s'][1]:g} s on each page (seed "
            f"{real['seed']}; {pauses['taken']} pauses, mean {pauses['mean_s']} s); "
            f"{real['applications_finished']} applications finished; errors: {real['errors']}. "
            f"Solo: {real['solo_applications']} applications walked by one person alone.",
            f"{'request':30} {'n':>5} {'err':>4} {'p50':>6} {'p95':>6} {'p99':>6} "
            f"{'solo p95':>8} {'/solo':>6} {'/floor':>6} {'Django p50/p95':>15} "
            f"{'CPU p50/p95':>12} {'alone: Django/CPU p95':>22} {'queries':>8}",
        ]
        rows = [("GET floor " + FLOOR_PATH, real["floor"]), *real["steps"].items()]
        for name, row in rows:
            if not row.get("requests"):
                lines.append(f"{name:30} {0:>5} {row.get('errors', 0):>4}")
                continue
            lines.append(
                f"{name:30} {row['requests']:>5} {row['errors']:>4} {row['p50_ms']:>6} "
                f"{row['p95_ms']:>6} {row['p99_ms']:>6} {row.get('solo_p95_ms', ''):>8} "
                f"{row.get('vs_solo', ''):>6} {row.get('vs_floor', ''):>6} "
                f"{pair(row, 'server_p50_ms', 'server_p95_ms'):>15} "
                f"{pair(row, 'cpu_p50_ms', 'cpu_p95_ms'):>12} "
                f"{pair(row, 'solo_server_p95_ms', 'solo_cpu_p95_ms'):>22} "
                f"{pair(row, 'queries_mean', 'queries_max'):>8}"
            )
        lines.append(split_line(real))
        lines.append(f"(ms; seen by the people's pages: documents ready after "
                     f"{real['documents_seen_s']})")
    renders = results.get("solo_renders")
    if renders:
        lines.append(f"Alone, each press printed {renders['per_press']} documents; one warm press "
                     f"took {renders['press_s']} s of Celery's run time (each render: "
                     f"{renders['each_s']})")
    for row in results.get("documents", []):
        lines.append(
            f"Documents, {row['simultaneous']} at once: ready p50 {row['ready_p50_s']} s, p95 "
            f"{row['ready_p95_s']} s, max {row['ready_max_s']} s; CPU limit {row['cpu_limit_s']} s "
            f"(p95 = {row['p95_vs_limit']} x); pending after 60 s: {row['pending_after_60_s']}; "
            f"seen p95 {row['seen'].get('p95')} s; renders took {row['render_run_s']}; "
            f"{row['presses']} presses, each asked for at most "
            f"{row['asked_after_press_s'].get('max')} s after the moment (median "
            f"{row['asked_after_press_s'].get('median')} s)")
    cap = results.get("capacity")
    if cap:
        floor = cap["floor"]
        lines += ["", f"Capacity, the floor alone (open loop; quiet p95 {floor['quiet_p95_ms']} ms):"]
        for s in floor["steps"]:
            lines.append(f"  {s['rate']:>5} req/s asked: {s.get('per_second')} done, p95 "
                         f"{s.get('p95_ms')} ms, errors {s['errors']}, locust used "
                         f"{s['locust_cpu_share'] * 100:.0f} % of a core: "
                         f"{'held' if s['held'] else 'NOT held'}")
        lines.append(f"  the floor's knee: {floor['knee_requests_per_s']} requests a second")
    if cap and "journeys" in cap:
        lines.append("Capacity, new applications arriving (open loop): a rate holds with no "
                     "errors, the floor within 3 x quiet, and every step within 3 x its p95 alone")
        for s in cap["journeys"]["steps"]:
            lines.append(
                f"  {s['rate']:>4g}/s ({s['applications_per_hour']}/h, {s['requests_per_s']} req/s): "
                f"most slowed {s['most_slowed']} = {s['most_slowed_vs_solo']} x alone; "
                f"floor {s['floor_p95_ms']} ms ({s['floor_vs_quiet_floor']} x quiet); "
                f"errors {s['errors']}: {'held' if s['held'] else 'NOT held'}. "
                f"Slowest {s['slowest']} p95 {s['slowest_p95_ms']} ms = {s['slowest_vs_floor']} x "
                f"the floor then: {'held' if s['held_by_floor'] else 'NOT held'} by the floor")
        lines.append(f"Knee: {cap['summary']}")
        lines.append(f"Knee, if each step is held to 3 x the floor sampled meanwhile: "
                     f"{cap['summary_by_floor']}")
        bound = cap.get("cpu_bound")
        if bound:
            lines.append(
                f"The machine's bound on that fraction: at its knee a floor request costs "
                f"{bound['floor_machine_ms']} ms of the machine ({bound['floor_cpu_ms']} in "
                f"Django, {bound['outside_django_ms']} outside); an application is "
                f"{bound['requests_per_application']} requests costing "
                f"{bound['machine_ms_per_application_pages']} ms with the same outside cost, "
                f"plus {bound['cpu_ms_per_press']} ms of renders. So at most "
                f"{bound['fraction_at_most'] * 100:.0f} % "
                f"({bound['fraction_at_most_without_documents'] * 100:.0f} % without documents)")
    if results.get("profile"):
        lines += ["", f"Profile under load: bench/results/profile-under-load-{TODAY}.txt "
                      f"({', '.join(results['profile']['pages'])})"]
    if results.get("memory"):
        lines += ["", "Resident memory at the end of the run:"]
        lines += [f"  {m['process']:8} {m['role']:5} pid {m['pid']:>7}: {m['rss_mb']} MB"
                  for m in results["memory"]]
    lines += ["", "Targets:", *(f"  {name}: {'met' if met else 'NOT met'}"
                               for name, met in results["targets"].items())]
    return "\n".join(lines)


def pair(row: dict, first: str, second: str) -> str:
    return f"{row.get(first, '')}/{row.get(second, '')}" if first in row else ""


SPLIT_PARTS = ("before Django", "CPU", "database", "waiting for a core")


def time_split(rows: list[dict]) -> dict | None:
    """Where a request's time goes, as means over the requests of these rows: before Django
    (connecting, waiting for a free worker), on the CPU in Django, in the database, and the
    rest of Django's time, waiting for a core. The CPU inside a query counts twice, so
    "waiting for a core" is if anything too low."""
    rows = [r for r in rows if "cpu_mean_ms" in r and "db_mean_ms" in r]
    total = sum(r["requests"] for r in rows)
    if not total:
        return None
    mean = {key: sum(r[key] * r["requests"] for r in rows) / total
            for key in ("mean_ms", "server_mean_ms", "cpu_mean_ms", "db_mean_ms")}
    split = {"response": mean["mean_ms"],
             "before Django": mean["mean_ms"] - mean["server_mean_ms"],
             "CPU": mean["cpu_mean_ms"], "database": mean["db_mean_ms"],
             "waiting for a core": max(0.0, mean["server_mean_ms"] - mean["cpu_mean_ms"]
                                       - mean["db_mean_ms"])}
    return {part: round(ms, 2) for part, ms in split.items()}


def split_line(real: dict) -> str:
    split = real.get("time_split", {})
    loaded, alone = split.get("under_load"), split.get("alone")
    if not loaded or not alone:
        return ""
    parts = ", ".join(f"{part} {loaded[part]:.1f} ({alone[part]:.1f})" for part in SPLIT_PARTS)
    return (f"A step's request, mean ms under load (alone): {loaded['response']:.1f} "
            f"({alone['response']:.1f}) = {parts}")


def chart(real: dict, path: Path) -> None:
    """An SVG of each step's p95 under load and alone, against the floor sampled in the run."""
    rows = [(n, r) for n, r in real["steps"].items() if r.get("p95_ms") and n != POLL]
    width, bar_h, left = 760, 14, 230
    top = 40
    height = top + len(rows) * (2 * bar_h + 6) + 40
    top_ms = max(max(r["p95_ms"], r.get("solo_p95_ms", 0)) for _, r in rows) * 1.1
    scale = (width - left - 20) / top_ms
    floor = real["floor"]["p95_ms"]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'font-family="sans-serif" font-size="11">',
             '<text x="10" y="18" font-size="13">p95 per step (ms): under load (dark), alone '
             '(light); lines: the floor in the same run, and 4 x it</text>']
    y = top
    for name, row in rows:
        parts.append(f'<text x="{left - 6}" y="{y + bar_h}" text-anchor="end">{name}</text>')
        parts.append(f'<rect x="{left}" y="{y}" width="{row["p95_ms"] * scale:.1f}" '
                     f'height="{bar_h}" fill="#1f4e79"/>')
        parts.append(f'<rect x="{left}" y="{y + bar_h}" width="{row.get("solo_p95_ms", 0) * scale:.1f}" '
                     f'height="{bar_h}" fill="#9dc3e6"/>')
        parts.append(f'<text x="{left + row["p95_ms"] * scale + 4:.1f}" y="{y + bar_h - 3}">'
                     f'{row["p95_ms"]}</text>')
        y += 2 * bar_h + 6
    for multiple, colour in ((1, "#2e7d32"), (4, "#c62828")):
        x = left + floor * multiple * scale
        if x < width:
            parts.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{y}" '
                         f'stroke="{colour}" stroke-dasharray="4 3"/>')
            parts.append(f'<text x="{x + 3:.1f}" y="{y + 14}" fill="{colour}">'
                         f'{multiple} x floor ({floor * multiple:.1f} ms)</text>')
    parts.append("</svg>")
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")


def progress(message: str) -> None:
    print(f"  … {message}", file=sys.stderr, flush=True)


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def journeys() -> dict:
    """The seven journeys of tests/journey_data.py, as rows: the people take them in turn."""
    import tests.journey_data as data

    return {name: [list(row) for row in journey.rows] for name, journey in data.JOURNEYS.items()}


PORT = free_port()
BASE_URL = f"http://{HOST}:{PORT}"
TODAY = run_name(RESULTS, "load")  # today's date, numbered if a run of today is kept
JOURNEYS = journeys()
UNIQUE_ANSWER = ("urgency", "explanation")  # changed for each application: a new document


ALL_MODES = ("realistic", "documents", "capacity", "profile")


def main() -> int:
    modes = os.environ.get("BENCH_LOAD_MODES", ",".join(ALL_MODES)).split(",")
    RESULTS.mkdir(parents=True, exist_ok=True)
    log_dir = Path(os.environ.get("DATA_DIR", RESULTS)) / "load-logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    locust_executable()
    results = {"machine": machine_details(), "locust": LOCUST_VERSION, "modes": modes,
               "load_before": load_average()}
    progress("starting gunicorn and Celery")
    processes = start_stack(log_dir)
    celery_log = CeleryLog(log_dir / "celery.log")
    targets = {}
    try:
        if {"realistic", "documents", "capacity"} & set(modes):
            solo, renders = solo_walk(celery_log)
            results["solo_renders"] = renders
        if "realistic" in modes:
            real = results["realistic"] = realistic(solo)
            steps = {n: r for n, r in real["steps"].items() if n != POLL}
            targets["zero errors in the realistic run"] = real["errors"] == 0
            targets["every step p95 <= 1.5 x its p95 alone"] = all(
                r.get("vs_solo", 99) <= 1.5 for r in steps.values())
            targets["every step p95 <= 4 x the floor's p95 in the same run"] = all(
                r.get("vs_floor", 99) <= 4 for r in steps.values())
        if "documents" in modes:
            docs = results["documents"] = documents(celery_log, renders["press_s"])
            for row in docs:
                targets[f"documents, {row['simultaneous']} at once: ready p95 <= "
                        f"{DOCUMENT_TARGET} x the CPU limit, none pending"] = (
                    row["p95_vs_limit"] <= DOCUMENT_TARGET and not row["pending_after_60_s"])
        if "capacity" in modes:
            results["capacity"] = capacity_knees(solo, renders["press_s"])
            targets["capacity knee >= 30 % of the floor's"] = (
                results["capacity"]["fraction_of_floor"] >= 0.30)
        elif "floor" in modes:
            results["capacity"] = {"floor": floor_knee()}
        results["memory"] = resident_memory(processes)
        if "profile" in modes:
            stop_stack(processes)
            processes = {}
            results["profile"] = profile_under_load(log_dir)
        results["load_after"] = load_average()
    finally:
        stop_stack(processes)
    results["targets"] = targets
    text = table(results)
    print(text, flush=True)
    kind = "load" if set(modes) >= set(ALL_MODES) else "load-" + "-".join(modes)
    stem = RESULTS / f"{kind}-{TODAY}"
    stem.with_suffix(".json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    stem.with_suffix(".txt").write_text(text + "\n", encoding="utf-8")
    if results.get("profile"):
        (RESULTS / f"profile-under-load-{TODAY}.txt").write_text(
            results["profile"]["report"] + "\n", encoding="utf-8")
    if results.get("realistic"):
        chart(results["realistic"], RESULTS / f"load-realistic-{TODAY}.svg")
    errors = results.get("realistic", {}).get("errors", 0) + sum(
        d["errors"] for d in results.get("documents", []))
    return 0 if errors == 0 else 1


def capacity_knees(solo: dict, press_s: float) -> dict:
    floor = floor_knee()
    trips = capacity(floor["quiet_p95_ms"], solo)
    floor_knee_rps = floor["knee_requests_per_s"]

    def knee_summary(knee: dict | None) -> tuple[str, float]:
        if not knee:
            return "no rate held", 0.0
        fraction = knee["requests_per_s"] / floor_knee_rps if floor_knee_rps else 0.0
        return (f"{knee['rate']:g} applications a second held ({knee['applications_per_hour']} "
                f"an hour, {knee['requests_per_s']} requests a second), against "
                f"{floor_knee_rps} a second for the floor alone: {fraction * 100:.0f} %"), fraction

    summary, fraction = knee_summary(trips["knee"])
    by_floor, by_floor_fraction = knee_summary(trips["knee_by_floor"])
    return {"floor": floor, "journeys": trips, "summary": summary,
            "fraction_of_floor": round(fraction, 3), "summary_by_floor": by_floor,
            "fraction_of_floor_by_floor": round(by_floor_fraction, 3),
            "cpu_bound": cpu_bound_on_the_fraction(solo, press_s, floor)}


def cpu_bound_on_the_fraction(solo: dict, press_s: float, floor: dict) -> dict:
    """The highest fraction of the floor's knee the journeys could reach if the machine's
    time were all that counted. At its knee a floor request costs the machine
    cores / knee rate (everything: gunicorn, the network stack, locust); of that, what is not
    Django's CPU is the cost of any request outside Django. A journey's request costs that
    plus its own CPU in Django (solo walk), and each application also one press's renders."""
    cpu = [ms for values in solo["server_cpu_ms"].values() for ms in values]
    applications = solo["journeys_finished"]
    floor_cpu = floor["steps"][0].get("cpu_p50_ms")
    if not cpu or not applications or not floor_cpu or not floor["knee_requests_per_s"]:
        return {}
    floor_ms = (os.cpu_count() or 1) * 1000 / floor["knee_requests_per_s"]
    outside_ms = max(0.0, floor_ms - floor_cpu)
    requests_each = len(cpu) / applications
    pages_ms = sum(cpu) / applications + requests_each * outside_ms
    application_ms = pages_ms + press_s * 1000
    return {"requests_per_application": round(requests_each, 1),
            "machine_ms_per_application_pages": round(pages_ms, 1),
            "cpu_ms_per_press": round(press_s * 1000, 1),
            "floor_machine_ms": round(floor_ms, 2), "floor_cpu_ms": floor_cpu,
            "outside_django_ms": round(outside_ms, 2),
            "fraction_at_most": round(requests_each * floor_ms / application_ms, 3),
            "fraction_at_most_without_documents": round(requests_each * floor_ms / pages_ms, 3)}


if __name__ == "__main__":
    sys.exit(main())
