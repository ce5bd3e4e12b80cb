"""How long the document takes: rendering alone (1, 5 and the most respondents the forms accept, cold and warm), the
worst case the forms accept (every list full, every field at its limit, unbroken text) within
the render's time budget, and from "Prepare my document" to the file being ready with the
real Celery worker.

Run through `make bench` (real PostgreSQL and Redis). Prints a table and writes
bench/results/pdf-<date>.json.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from bench.machine import machine_details, run_name  # noqa: E402
from portal.celery import app as celery_app  # noqa: E402
from requests import services  # noqa: E402
from requests.forms.parties import PARTIES_MAX  # noqa: E402
from requests.models import Application, RenderedDocument  # noqa: E402
from tests.factories import ApplicationFactory, answers_factory  # noqa: E402

RESPONDENT_COUNTS = (1, 5, PARTIES_MAX)  # PARTIES_MAX: the most the forms accept
WARM_RUNS = 5
ROUND_TRIPS = 5
COLD_SCRIPT = """
import os, sys, time, json
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
import django; django.setup()
from datetime import date
from requests.documents import render_application_pdf
answers = json.loads(sys.stdin.read())
started = time.perf_counter()
render_application_pdf(answers, language="fr", reference_date=date.today())
print(time.perf_counter() - started)
"""


def answers_with(respondents: int) -> dict:
    answers = answers_factory()
    parties, orders = [], {}
    for number in range(1, respondents + 1):
        party_id = f"r{number}"
        parties.append(
            {"id": party_id, "kind": "pseudonym", "handles": [f"@account_{number}"],
             "platform": "Telegram", "profile_urls": [f"https://t.me/group_{number}"],
             "actions": ["shared"]}
        )
        orders[party_id] = ["stop_and_destroy"]
    answers["parties"] = parties
    answers["orders"] = orders
    answers["places"] = [
        {"kind": "url", "url": f"https://t.me/group_{n}/{n}", "seen_on": "2026-11-01",
         "respondents": [f"r{n}"]}
        for n in range(1, respondents + 1)
    ]
    return answers


def render_cold(answers: dict) -> float:
    """A fresh process: imports, fonts and templates are loaded for the first time."""
    result = subprocess.run(
        [sys.executable, "-c", COLD_SCRIPT.format(root=str(ROOT))],
        input=json.dumps(answers), capture_output=True, text=True, check=True, cwd=ROOT,
    )
    return float(result.stdout.strip().splitlines()[-1])


def render_warm(answers: dict) -> list[float]:
    from requests.documents import render_application_pdf

    render_application_pdf(answers, language="fr", reference_date=date.today())
    timings = []
    for _ in range(WARM_RUNS):
        started = time.perf_counter()
        render_application_pdf(answers, language="fr", reference_date=date.today())
        timings.append(time.perf_counter() - started)
    return timings


def render_worst_case() -> list[dict]:
    """The longest answers the forms accept (tests/extreme_answers.py), printed as the worker
    prints them: in a child process within the time budget, warm, in each language choice."""
    from django.conf import settings

    from requests.documents import render_application_pdf
    from requests.documents.budget import render_within_budget
    from tests.extreme_answers import longest_answers

    answers = longest_answers()
    rows = []
    for language in ("fr", "both"):
        def render(language=language):
            return render_application_pdf(answers, language=language, reference_date=date.today())

        render()  # warm the fonts and stylesheets the child inherits
        timings, size = [], 0
        for _ in range(3):
            started = time.perf_counter()
            size = len(render_within_budget(
                render, cpu_seconds=settings.DOCUMENT_RENDER_CPU_SECONDS,
                wall_seconds=settings.DOCUMENT_RENDER_WALL_SECONDS,
            ))
            timings.append(time.perf_counter() - started)
        rows.append({"language": language, "median_s": statistics.median(timings),
                     "max_s": max(timings), "pdf_bytes": size})
    return rows


def start_worker() -> subprocess.Popen:
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo", "-l", "warning",
         "--without-gossip", "--without-mingle", "--hostname", f"bench-{os.getpid()}@%h"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not celery_app.control.ping(timeout=0.5):
        if time.monotonic() > deadline or worker.poll() is not None:
            raise RuntimeError("the Celery worker did not start")
    return worker


def round_trip(number: int) -> float:
    """From the request to a ready document, as the person waits for it."""
    answers = answers_with(1)
    answers["urgency"]["explanation"] = f"Benchmark run {number}"  # new answers every time
    application = ApplicationFactory(answers=answers, status=Application.Status.READY)
    started = time.perf_counter()
    with transaction.atomic():
        services.printed_request(kind="application", application=application)
    while not RenderedDocument.objects.filter(
        application=application, status=RenderedDocument.Status.READY
    ).exists():
        if time.perf_counter() - started > 60:
            raise RuntimeError("no document after 60 s")
        time.sleep(0.02)
    elapsed = time.perf_counter() - started
    application.delete()
    return elapsed


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    load_before = os.getloadavg()
    call_command("migrate", verbosity=0)
    rows = []
    for count in RESPONDENT_COUNTS:
        answers = answers_with(count)
        warm = render_warm(answers)
        rows.append(
            {"respondents": count, "cold_s": render_cold(answers),
             "warm_median_s": statistics.median(warm), "warm_max_s": max(warm)}
        )
    worst = render_worst_case()
    worker = start_worker()
    try:
        round_trip(0)  # the worker's first render loads fonts and templates
        trips = [round_trip(number) for number in range(1, ROUND_TRIPS + 1)]
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    print(f"{'respondents':>11} {'cold (s)':>9} {'warm median (s)':>16} {'warm max (s)':>13}")
    for row in rows:
        print(f"{row['respondents']:>11} {row['cold_s']:>9.2f} {row['warm_median_s']:>16.2f} "
              f"{row['warm_max_s']:>13.2f}")
    for row in worst:
        print(f"Worst case the forms accept, language {row['language']}: median "
              f"{row['median_s']:.2f} s, max {row['max_s']:.2f} s ({row['pdf_bytes']} bytes)")
    print(f"Prepare → ready with the real worker ({ROUND_TRIPS} runs, 1 respondent): "
          f"p50 {percentile(trips, 0.5):.2f} s, p95 {percentile(trips, 0.95):.2f} s")

    results = {
        "machine": machine_details(),
        "render": rows,
        "worst_case": worst,
        "load_average_before": load_before,
        "round_trip_s": trips,
        "round_trip_p50_s": percentile(trips, 0.5),
        "round_trip_p95_s": percentile(trips, 0.95),
    }
    results_dir = ROOT / "bench" / "results"
    out = results_dir / f"pdf-{run_name(results_dir, 'pdf')}.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"Written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
