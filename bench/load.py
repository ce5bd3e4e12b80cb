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
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

from bench.machine import machine_details  # noqa: E402

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
SOLO_APPLICATIONS = 25
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
FLOOR_RATES = (50, 100, 200, 400, 600, 800, 1200, 1600)
FLOOR_STEP_WARM_S, FLOOR_STEP_MEASURE_S = 5, 15
FLOOR_VISITORS = 200
KNEE_FACTOR = 3.0
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
    queries = extras["queries"].get(name, [])
    if queries:
        row.update(queries_mean=round(statistics.mean(queries), 1), queries_max=max(queries))
    if seconds:
        row["per_second"] = round(len(times) / seconds, 1)
    return row


def step_names(extras: dict) -> list[str]:
    return sorted(n for n in {*extras["response_ms"], *extras["failures"]} if n != "GET floor")


def slowest(steps: dict) -> tuple[str, float]:
    """The step with the highest p95, polls aside (their time is the page's timer)."""
    timed = {n: r["p95_ms"] for n, r in steps.items() if r.get("p95_ms") and n != POLL}
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


def start_stack(log_dir: Path) -> dict[str, subprocess.Popen]:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "LOG_LEVEL": "WARNING",
           # As in production (.env.example): one cache in Redis, shared by the web processes.
           "CACHE_URL": redis_database(os.environ["CELERY_BROKER_URL"], 2)}
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

def realistic(celery_log: CeleryLog) -> dict:
    progress(f"one person alone walks {SOLO_APPLICATIONS} applications")
    run_locust("warm", {"person_mode": "count", "applications_each": 1},
               user_class="Person", users=3, spawn_rate=3, run_time_s=None)
    celery_log.mark()
    solo = run_locust("solo", {"person_mode": "count", "applications_each": SOLO_APPLICATIONS},
                      user_class="Person", users=1, spawn_rate=1, run_time_s=None)
    warm_renders = celery_log.runs_since_mark()
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
        if row.get("p95_ms"):
            row["vs_floor"] = round(row["p95_ms"] / floor["p95_ms"], 2)
        steps[name] = row
    pauses = loaded["pauses"]
    return {
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
        "warm_render_s": summary_s(warm_renders),
        "locust_report": html.name if html.exists() else None,
    }


def summary_s(values: list[float]) -> dict:
    if not values:
        return {"count": 0}
    return {"count": len(values), "median": round(statistics.median(values), 3),
            "p95": round(percentile(values, 0.95), 3), "max": round(max(values), 3)}


def documents(celery_log: CeleryLog, warm_render_s: float) -> list[dict]:
    from requests.models import RenderedDocument

    rows = []
    for count in DOCUMENT_BURSTS:
        drain_queue()
        progress(f"{count} people press \"Prepare my document\" at the same moment")
        started = datetime.now(tz=timezone.utc)
        celery_log.mark()
        burst = run_locust(f"documents-{count}", {"person_mode": "burst", "burst": count},
                           user_class="DocumentBurst", users=count, spawn_rate=count,
                           run_time_s=None)
        deadline = time.monotonic() + 60
        made = RenderedDocument.objects.filter(created_at__gte=started)
        while made.filter(status=RenderedDocument.Status.PENDING).exists():
            if time.monotonic() > deadline:
                break
            time.sleep(0.5)
        moments = list(made.values_list("created_at", "rendered_at", "status"))
        pressed = burst["pressed_at"]  # when the last person arrived and everyone pressed
        ready = [rendered.timestamp() - pressed for _, rendered, _ in moments if rendered]
        limit = count * warm_render_s / RENDER_PROCESSES
        runs = celery_log.runs_since_mark()
        rows.append({
            "simultaneous": count, "documents": len(moments),
            "pending_after_60_s": sum(1 for *_, status in moments if status == "pending"),
            "errors": total_errors(burst),
            "ready_p50_s": round(percentile(ready, 0.5), 2), "ready_p95_s": round(percentile(ready, 0.95), 2),
            "ready_max_s": round(max(ready), 2),
            "seen": summary_s(burst["documents_seen_s"]),
            "cpu_limit_s": round(limit, 2),
            "p95_vs_limit": round(percentile(ready, 0.95) / limit, 2),
            "render_run_s": summary_s(runs),
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
        row = figures(extras, "GET floor", FLOOR_STEP_MEASURE_S)
        row["rate"] = rate
        reference = reference or row["p95_ms"]
        row["held"] = bool(row.get("p95_ms")) and row["errors"] == 0 and (
            row["p95_ms"] <= KNEE_FACTOR * reference and row["per_second"] >= 0.9 * rate)
        steps.append(row)
        if not row["held"]:
            break
    held = [s for s in steps if s["held"]]
    return {"steps": steps, "quiet_p95_ms": reference,
            "knee_requests_per_s": held[-1]["per_second"] if held else 0}


def capacity(quiet_floor_p95: float) -> dict:
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
        journey_requests = sum(r["requests"] for r in steps_here.values())
        row = {
            "rate": rate, "applications_per_hour": round(rate * 3600),
            "requests_per_s": round(journey_requests / CAPACITY_MEASURE_S, 1),
            "errors": total_errors(extras), "problems": extras["problems"][:5],
            "floor_p95_ms": floor.get("p95_ms"), "slowest": name, "slowest_p95_ms": p95,
            "slowest_vs_floor": round(p95 / floor["p95_ms"], 2),
            "floor_vs_quiet_floor": round(floor["p95_ms"] / quiet_floor_p95, 2),
            "steps": steps_here,
        }
        row["held"] = (row["errors"] == 0 and row["slowest_vs_floor"] <= KNEE_FACTOR
                       and row["floor_vs_quiet_floor"] <= KNEE_FACTOR)
        steps.append(row)
        if not row["held"]:
            break
    held = [s for s in steps if s["held"]]
    return {"steps": steps, "knee": held[-1] if held else None}


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
            f"{'solo p95':>8} {'/solo':>6} {'/floor':>6} {'Django p50/p95':>15} {'queries':>8}",
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
                f"{str(row.get('server_p50_ms', '')) + '/' + str(row.get('server_p95_ms', '')):>15} "
                f"{str(row.get('queries_mean', '')) + '/' + str(row.get('queries_max', '')):>8}"
            )
        lines.append(f"(ms; seen by the people's pages: documents ready after "
                     f"{real['documents_seen_s']}; one warm render, Celery's run time: "
                     f"{real['warm_render_s']})")
    for row in results.get("documents", []):
        lines.append(
            f"Documents, {row['simultaneous']} at once: ready p50 {row['ready_p50_s']} s, p95 "
            f"{row['ready_p95_s']} s, max {row['ready_max_s']} s; CPU limit {row['cpu_limit_s']} s "
            f"(p95 = {row['p95_vs_limit']} x); pending after 60 s: {row['pending_after_60_s']}; "
            f"seen p95 {row['seen'].get('p95')} s; renders took {row['render_run_s']}")
    cap = results.get("capacity")
    if cap:
        floor = cap["floor"]
        lines += ["", f"Capacity, the floor alone (open loop; quiet p95 {floor['quiet_p95_ms']} ms):"]
        for s in floor["steps"]:
            lines.append(f"  {s['rate']:>5} req/s asked: {s.get('per_second')} done, p95 "
                         f"{s.get('p95_ms')} ms, errors {s['errors']}: "
                         f"{'held' if s['held'] else 'NOT held'}")
        lines.append("Capacity, new applications arriving (open loop):")
        for s in cap["journeys"]["steps"]:
            lines.append(
                f"  {s['rate']:>4g}/s ({s['applications_per_hour']}/h, {s['requests_per_s']} req/s): "
                f"slowest {s['slowest']} p95 {s['slowest_p95_ms']} ms = {s['slowest_vs_floor']} x "
                f"the floor then ({s['floor_p95_ms']} ms, {s['floor_vs_quiet_floor']} x quiet); "
                f"errors {s['errors']}: {'held' if s['held'] else 'NOT held'}")
        lines.append(f"Knee: {cap['summary']}")
    if results.get("memory"):
        lines += ["", "Resident memory at the end of the run:"]
        lines += [f"  {m['process']:8} {m['role']:5} pid {m['pid']:>7}: {m['rss_mb']} MB"
                  for m in results["memory"]]
    lines += ["", "Targets:", *(f"  {name}: {'met' if met else 'NOT met'}"
                               for name, met in results["targets"].items())]
    return "\n".join(lines)


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
TODAY = date.today().isoformat()
JOURNEYS = journeys()
UNIQUE_ANSWER = ("urgency", "explanation")  # changed for each application: a new document


def main() -> int:
    modes = os.environ.get("BENCH_LOAD_MODES", "realistic,documents,capacity").split(",")
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
        if "realistic" in modes or "documents" in modes:
            real = results["realistic"] = realistic(celery_log)
            steps = {n: r for n, r in real["steps"].items() if n != POLL}
            targets["zero errors in the realistic run"] = real["errors"] == 0
            targets["every step p95 <= 1.5 x its p95 alone"] = all(
                r.get("vs_solo", 99) <= 1.5 for r in steps.values())
            targets["every step p95 <= 4 x the floor's p95 in the same run"] = all(
                r.get("vs_floor", 99) <= 4 for r in steps.values())
        if "documents" in modes:
            warm = results["realistic"]["warm_render_s"]["median"]
            docs = results["documents"] = documents(celery_log, warm)
            for row in docs:
                targets[f"documents, {row['simultaneous']} at once: ready p95 <= "
                        f"{DOCUMENT_TARGET} x the CPU limit, none pending"] = (
                    row["p95_vs_limit"] <= DOCUMENT_TARGET and not row["pending_after_60_s"])
        if "capacity" in modes:
            floor = floor_knee()
            trips = capacity(floor["quiet_p95_ms"])
            knee = trips["knee"]
            fraction = (knee["requests_per_s"] / floor["knee_requests_per_s"]
                        if knee and floor["knee_requests_per_s"] else 0)
            summary = (f"{knee['rate']:g} applications a second held ({knee['applications_per_hour']} "
                       f"an hour, {knee['requests_per_s']} requests a second), against "
                       f"{floor['knee_requests_per_s']} a second for the floor alone: "
                       f"{fraction * 100:.0f} %" if knee else "no rate held")
            results["capacity"] = {"floor": floor, "journeys": trips, "summary": summary,
                                   "fraction_of_floor": round(fraction, 3)}
            targets["capacity knee >= 30 % of the floor's"] = fraction >= 0.30
        results["memory"] = resident_memory(processes)
        results["load_after"] = load_average()
    finally:
        stop_stack(processes)
    results["targets"] = targets
    text = table(results)
    print(text, flush=True)
    kind = "load" if len(modes) == 3 else "load-" + "-".join(modes)
    stem = RESULTS / f"{kind}-{TODAY}"
    stem.with_suffix(".json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    stem.with_suffix(".txt").write_text(text + "\n", encoding="utf-8")
    if results.get("realistic"):
        chart(results["realistic"], RESULTS / f"load-realistic-{TODAY}.svg")
    errors = results.get("realistic", {}).get("errors", 0) + sum(
        d["errors"] for d in results.get("documents", []))
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
