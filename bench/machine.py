"""The machine a benchmark ran on, written beside its numbers so results can be compared."""

import itertools
import os
import platform
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path


def machine_details() -> dict:
    cpu = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "")
    except OSError:
        pass
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "commit": commit,
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def run_name(results: Path, prefix: str) -> str:
    """Today's date, or today's date and a number when a result of today is already kept
    (files named `<prefix>…-<date>.*`): a second run of the day never writes over the first."""
    today = date.today().isoformat()
    for name in itertools.chain([today], (f"{today}-{n}" for n in itertools.count(2))):
        if not any(results.glob(f"{prefix}*-{name}.*")):
            return name
