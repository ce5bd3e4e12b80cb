"""Celery's rendering processes step aside for the web processes on a shared machine."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

START_A_RENDERING_PROCESS = """
import os, django
django.setup()
from portal.celery import prepare_the_renderer
before = os.nice(0)
prepare_the_renderer()
print(before, os.nice(0))
"""


def niceness_after_start(setting: str) -> tuple[int, int]:
    # In a child process: a process cannot raise its priority back once it has lowered it.
    environment = {**os.environ, "RENDER_NICENESS": setting}
    printed = subprocess.run(
        [sys.executable, "-c", START_A_RENDERING_PROCESS],
        cwd=ROOT, env=environment, check=True, capture_output=True, text=True, timeout=120,
    ).stdout.split()
    return int(printed[-2]), int(printed[-1])


def test_a_rendering_process_lowers_its_priority_as_it_starts():
    before, after = niceness_after_start("10")
    assert after == min(before + 10, 19)


def test_the_priority_can_be_left_alone():
    before, after = niceness_after_start("0")
    assert after == before
