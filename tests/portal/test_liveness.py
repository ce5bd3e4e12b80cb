"""The containers' health checks: scripts/healthcheck.py, and the liveness file the Celery
worker and beat keep fresh (portal/celery.py)."""

import http.server
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
START_TIMEOUT_SECONDS = 60


def healthcheck(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/healthcheck.py", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=30, check=False,
    )


def test_a_file_touched_just_now_is_healthy(tmp_path):
    alive = tmp_path / "alive"
    alive.touch()

    assert healthcheck("--file", str(alive), "--max-age", "30").returncode == 0


def test_a_file_older_than_the_limit_is_unhealthy(tmp_path):
    alive = tmp_path / "alive"
    alive.touch()
    an_hour_ago = time.time() - 3600
    os.utime(alive, (an_hour_ago, an_hour_ago))

    result = healthcheck("--file", str(alive), "--max-age", "30")

    assert result.returncode == 1
    assert "last touched 3600 s ago" in result.stdout


def test_a_missing_file_is_unhealthy(tmp_path):
    result = healthcheck("--file", str(tmp_path / "alive"))

    assert result.returncode == 1
    assert "does not exist" in result.stdout


class Answer(http.server.BaseHTTPRequestHandler):
    """Answers with the status in the path: /200, /503."""

    def do_GET(self):
        status = int(self.path.strip("/"))
        self.send_response(status)
        self.end_headers()
        self.wfile.write(b"not ready: broker\n" if status == 503 else b"ready\n")

    def log_message(self, *args):
        pass


@pytest.fixture
def answering_server():
    server = http.server.HTTPServer(("127.0.0.1", 0), Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_an_address_answering_200_is_healthy(answering_server):
    assert healthcheck(f"{answering_server}/200").returncode == 0


def test_an_address_answering_503_is_unhealthy_and_says_what_it_answered(answering_server):
    result = healthcheck(f"{answering_server}/503")

    assert result.returncode == 1
    assert "HTTP 503 not ready: broker" in result.stdout


def test_an_address_where_nothing_listens_is_unhealthy(answering_server):
    from tests.portal.test_health import closed_port

    assert healthcheck(f"http://127.0.0.1:{closed_port()}/").returncode == 1


# --- The Celery processes keep the file fresh ---

def memory_broker_environment(alive: Path, tmp_path: Path) -> dict:
    """Celery's in-process broker: the worker connects at once, no Redis needed."""
    return {
        **os.environ,
        "CELERY_BROKER_URL": "memory://",
        "CELERY_RESULT_BACKEND": "cache+memory://",
        "LIVENESS_FILE": str(alive),
        "DATA_DIR": str(tmp_path),
    }


def wait_for(condition, process: subprocess.Popen, log: Path, what: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while not condition():
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"{what}:\n{log.read_text(errors='replace')}")
        time.sleep(0.2)


def start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    with open(log, "ab") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "portal", *command],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_the_worker_touches_the_file_while_connected_and_removes_it_when_it_stops(tmp_path):
    alive = tmp_path / "alive"
    log = tmp_path / "worker.log"
    worker = start(
        ["worker", "--pool=solo", "-l", "info", "--without-gossip", "--without-mingle",
         "--hostname", f"liveness-{os.getpid()}@%h"],
        memory_broker_environment(alive, tmp_path), log,
    )
    try:
        wait_for(alive.exists, worker, log, "the worker never touched its liveness file")
        first = alive.stat().st_mtime
        wait_for(lambda: alive.stat().st_mtime > first, worker, log,
                 "the worker touched its liveness file only once")
    finally:
        stop(worker)

    assert worker.returncode == 0, log.read_text(errors="replace")
    assert not alive.exists()


def test_beat_touches_the_file_as_its_loop_turns(tmp_path):
    alive = tmp_path / "alive"
    log = tmp_path / "beat.log"
    beat = start(
        ["beat", "-l", "info", "--schedule", str(tmp_path / "schedule")],
        memory_broker_environment(alive, tmp_path), log,
    )
    try:
        wait_for(alive.exists, beat, log, "beat never touched its liveness file")
        assert healthcheck("--file", str(alive), "--max-age", "30").returncode == 0
    finally:
        stop(beat)

