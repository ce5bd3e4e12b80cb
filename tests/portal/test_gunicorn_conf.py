"""gunicorn.conf.py: workers for the container's CPU share, an access log without health checks."""

import os
import runpy
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
CONF = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
cpu_quota = CONF["cpu_quota"]
cores_available = CONF["cores_available"]
CORES_HERE = len(os.sched_getaffinity(0))


def cgroup_v2(tmp_path: Path, cpu_max: str) -> Path:
    (tmp_path / "cpu.max").write_text(f"{cpu_max}\n")
    return tmp_path


def cgroup_v1(tmp_path: Path, quota: int, period: int) -> Path:
    (tmp_path / "cpu").mkdir()
    (tmp_path / "cpu" / "cpu.cfs_quota_us").write_text(f"{quota}\n")
    (tmp_path / "cpu" / "cpu.cfs_period_us").write_text(f"{period}\n")
    return tmp_path


def test_a_cgroup_v2_quota_is_read_in_cores(tmp_path):
    assert cpu_quota(cgroup_v2(tmp_path, "150000 100000")) == 1.5


def test_a_cgroup_v1_quota_is_read_in_cores(tmp_path):
    assert cpu_quota(cgroup_v1(tmp_path, 50000, 100000)) == 0.5


@pytest.mark.parametrize("limit", ["v2 max", "v1 -1", "no cgroup files"])
def test_no_limit_gives_no_quota(tmp_path, limit):
    if limit == "v2 max":
        cgroup_v2(tmp_path, "max 100000")
    elif limit == "v1 -1":
        cgroup_v1(tmp_path, -1, 100000)

    assert cpu_quota(tmp_path) is None
    assert cores_available(tmp_path) == CORES_HERE


def test_a_container_limited_to_half_a_core_counts_one_core(tmp_path):
    assert cores_available(cgroup_v2(tmp_path, "50000 100000")) == 1


def test_a_quota_above_the_cores_this_process_may_use_does_not_add_any(tmp_path):
    assert cores_available(cgroup_v2(tmp_path, f"{(CORES_HERE + 3) * 100000} 100000")) == CORES_HERE


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_access_log_leaves_out_health_checks_and_keeps_visits(tmp_path):
    port = free_port()
    log = tmp_path / "access.log"
    env = {**os.environ, "WEB_CONCURRENCY": "1", "CELERY_BROKER_URL": ""}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}",
         "--access-logfile", str(log)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/live", timeout=2).read()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "no gunicorn"
                time.sleep(0.2)
        urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/ready", timeout=5).read()
        urllib.request.urlopen(f"http://127.0.0.1:{port}/fr/staying-safe/", timeout=5).read()
        deadline = time.monotonic() + 10
        while "/fr/staying-safe/" not in (log.read_text() if log.exists() else ""):
            assert time.monotonic() < deadline, "the visit never reached the access log"
            time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=20)

    lines = log.read_text().splitlines()
    assert len(lines) == 1, lines
    assert "GET /fr/staying-safe/" in lines[0]
