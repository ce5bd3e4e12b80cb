"""Stop and start the real services on purpose: what `make test` started, as it started it.

scripts/run_tests.py exports where PostgreSQL keeps its data (its `postmaster.opts` holds the
exact command line) and the Redis command line. A service started again here is a child of
pytest that the kernel stops when pytest ends, so nothing is left running after the run.
"""

import ctypes
import json
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT, worker_database_url

SERVICE_TIMEOUT_SECONDS = 30
SERVICE_USER = os.environ.get("PORTAL_TEST_SERVICE_USER", "")


def stop_with_pytest(signum: int):
    """For Popen's preexec_fn: when pytest ends, the kernel sends `signum` to the child."""

    def preexec() -> None:
        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signum)

    return preexec


def as_service_user() -> dict:
    if not SERVICE_USER:
        return {}
    return {"user": SERVICE_USER, "group": SERVICE_USER, "extra_groups": []}


def wait_for(check, *, what: str, timeout: float = SERVICE_TIMEOUT_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout} s")
        time.sleep(0.1)


def port_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def spawn_service(command: list[str], log: Path, *, stop_signal: int) -> subprocess.Popen:
    with open(log, "ab") as log_file:
        return subprocess.Popen(
            command, stdout=log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            cwd=log.parent, start_new_session=True, preexec_fn=stop_with_pytest(stop_signal),
            **as_service_user(),
        )


class Redis:
    """The broker: `stop()` shuts it down without saving; `start()` brings it back, same port."""

    def __init__(self, log_dir: Path):
        self.command = json.loads(os.environ["PORTAL_TEST_REDIS_COMMAND"])
        self.port = urlsplit(os.environ["CELERY_BROKER_URL"]).port
        self.log = log_dir / "redis-restarted.log"

    def is_up(self) -> bool:
        return port_answers(self.port)

    def stop(self) -> None:
        import redis

        try:
            redis.Redis(port=self.port, socket_timeout=5).shutdown(nosave=True)
        except redis.ConnectionError:
            pass  # the server closes the connection as it stops
        wait_for(lambda: not self.is_up(), what="Redis to stop")

    def start(self) -> None:
        if self.is_up():
            return
        spawn_service(self.command, self.log, stop_signal=signal.SIGTERM)
        wait_for(self.is_up, what="Redis to start again")


class PostgreSQL:
    """The database server: `restart()` is a fast shutdown, then the same command line."""

    def __init__(self, log_dir: Path):
        self.data = Path(os.environ["PORTAL_TEST_PG_DATA"])
        self.port = urlsplit(os.environ["DATABASE_URL"]).port
        self.log = log_dir / "postgres-restarted.log"

    def accepts_connections(self) -> bool:
        import psycopg

        try:
            with psycopg.connect(
                host="127.0.0.1", port=self.port, user="postgres", dbname="postgres",
                connect_timeout=2,
            ):
                return True
        except psycopg.OperationalError:
            return False

    def restart(self) -> None:
        pid_file = self.data / "postmaster.pid"
        command = shlex.split((self.data / "postmaster.opts").read_text())
        os.kill(int(pid_file.read_text().splitlines()[0]), signal.SIGINT)  # fast shutdown
        wait_for(lambda: not pid_file.exists(), what="PostgreSQL to stop")
        # SIGINT when pytest ends: PostgreSQL's fast shutdown, as run_tests.py does.
        spawn_service(command, self.log, stop_signal=signal.SIGINT)
        wait_for(self.accepts_connections, what="PostgreSQL to start again")


@pytest.fixture
def redis_server(tmp_path):
    """Redis as `make test` started it; running again after the test, whatever happened."""
    server = Redis(tmp_path)
    try:
        yield server
    finally:
        server.start()


@pytest.fixture
def postgres_server(tmp_path):
    server = PostgreSQL(tmp_path)
    try:
        yield server
    finally:
        if not server.accepts_connections():
            server.restart()


class Worker:
    """One more Celery worker, on its own queue, started and killed by a test."""

    def __init__(self, *, name: str, queue: str, log: Path, env: dict):
        self.hostname = f"{name}-{os.getpid()}@faults"
        self.log = log
        with open(log, "ab") as log_file:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo",
                 "--concurrency=1", "-l", "info", "--without-gossip", "--without-mingle",
                 "--without-heartbeat", "-Q", queue, "--hostname", self.hostname],
                cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, preexec_fn=stop_with_pytest(signal.SIGKILL),
            )

    def read_log(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_until_ready(self) -> None:
        from portal.celery import app

        def answers() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"the worker stopped:\n{self.read_log()}")
            return bool(app.control.ping(destination=[self.hostname], timeout=0.5))

        wait_for(answers, what=f"worker {self.hostname} to answer a ping", timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def start_worker(tmp_path, transactional_db):
    """start_worker(name, queue=..., env={...}): a worker on the test database, stopped after."""
    from django.db import connection

    workers = []

    def start(name: str, *, queue: str, extra_env: dict) -> Worker:
        env = dict(os.environ)
        env["DATABASE_URL"] = worker_database_url(connection.settings_dict["NAME"])
        env.update(extra_env)
        worker = Worker(name=name, queue=queue, log=tmp_path / f"{name}.log", env=env)
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()
