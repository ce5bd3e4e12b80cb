"""Celery's rendering processes step aside for the web processes on a shared machine."""

from tests.fresh_python import printed_by

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
    printed = printed_by(START_A_RENDERING_PROCESS, RENDER_NICENESS=setting)
    return int(printed[-2]), int(printed[-1])


def test_a_rendering_process_lowers_its_priority_as_it_starts():
    before, after = niceness_after_start("10")
    assert after == min(before + 10, 19)


def test_the_priority_can_be_left_alone():
    before, after = niceness_after_start("0")
    assert after == before
