"""Shared test setup.

`make test` (scripts/run_tests.py) starts PostgreSQL and Redis and sets the environment,
with PORTAL_TEST_SERVICES=1. A developer running plain `pytest` gets safe defaults instead:
SQLite and Celery tasks run in-process. Tests marked `services` then skip with a reason;
in CI (`CI` set) they fail instead, so they are never silently skipped there.
"""

import ctypes
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import pytest
from cryptography.fernet import Fernet
from django.test import Client

FORM_CONTENT = "application/x-www-form-urlencoded"

# Settings are read at import time: set the defaults before Django is configured.
os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("FIELD_ENCRYPTION_KEYS", Fernet.generate_key().decode())
# Without `collectstatic`, only DEBUG's plain storage can serve {% static %}.
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

ROOT = Path(__file__).resolve().parent.parent
SERVICES_RUNNING = os.environ.get("PORTAL_TEST_SERVICES") == "1"
IN_CI = bool(os.environ.get("CI"))
NO_SERVICES_REASON = (
    "needs the real PostgreSQL, Redis and Celery worker: run `make test` "
    "(plain pytest uses SQLite and in-process tasks)"
)
WORKER_START_TIMEOUT_SECONDS = 60

report_key = pytest.StashKey[dict]()


def pytest_configure(config):
    config.stash[report_key] = {}
    # Plain pytest has not run collectstatic; whitenoise's notice about it is expected there.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


def services_report_of(config) -> dict:
    return config.stash[report_key]


@pytest.fixture(scope="session")
def services_report(pytestconfig) -> dict:
    """What real services the run used; printed at the end by pytest_terminal_summary."""
    return services_report_of(pytestconfig)


def require_services() -> None:
    """Skip without services, except in CI where a missing service is a failure."""
    if SERVICES_RUNNING:
        return
    if IN_CI:
        pytest.fail(f"CI must run the real services: {NO_SERVICES_REASON}", pytrace=False)
    pytest.skip(NO_SERVICES_REASON)


def pytest_runtest_setup(item):
    if item.get_closest_marker("services"):
        require_services()


# --- The test client posts forms as a browser does ---

class BrowserLikeClient(Client):
    """Posts forms as `application/x-www-form-urlencoded`, as a browser sends our forms
    (none of them takes a file). Django's client sends multipart/form-data by default, which
    the portal refuses outright (portal.middleware.NoFileBodiesMiddleware); a test that
    means to send multipart says so with `content_type=MULTIPART_CONTENT`."""

    def post(self, path, data=None, content_type=FORM_CONTENT, **extra):
        if content_type == FORM_CONTENT and isinstance(data, dict):
            data = urlencode(data, doseq=True)
        return super().post(path, data if data is not None else "", content_type, **extra)


@pytest.fixture
def client():
    return BrowserLikeClient()


@pytest.fixture(autouse=True)
def each_test_starts_in_the_sites_first_language():
    """The active language is a thread's state: a request through LocaleMiddleware leaves its
    language active after it. Each test starts in French, as a first visit does, so that no
    test passes or fails by the language the test before it left behind."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(scope="session", autouse=True)
def passwords_hashed_quickly():
    """Helpers' passwords hashed with one quick round: PBKDF2's million rounds, 0.3 s each,
    were a third of the time of the tests without a browser. No test is about the hasher."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


# --- Live server ---

@pytest.fixture(scope="session", autouse=True)
def live_server_serves_static_files_like_production():
    """Let whitenoise, as in production, serve static files to the live server's pages.

    pytest-django's live server answers /static/ itself through the staticfiles finders,
    which know only the source names; with DEBUG=false pages ask for the hashed names from
    `collectstatic`, so the CSS and the quick-exit script would be missing.
    """
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(StaticFilesHandler, "_should_handle", lambda self, path: False)
        yield


# --- Celery worker ---

class CeleryWorker:
    """A real `celery worker` subprocess; `log_path` holds everything it printed."""

    def __init__(self, process: subprocess.Popen, log_path: Path):
        self.process = process
        self.log_path = log_path

    def read_log(self) -> str:
        return self.log_path.read_text(errors="replace")


def worker_database_url(database_name: str) -> str:
    """DATABASE_URL, pointing at the database pytest-django created for this run."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{database_name}"))


def die_with_parent() -> None:
    """Runs in the worker before exec: if pytest is killed, the kernel stops the worker too."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, tmp_path_factory, services_report):
    """Start a real Celery worker (solo pool) on the test database and wait for its ping.

    Tests that use it must also use `transactional_db`: the worker is another process with
    its own connection, so it cannot see rows written inside a test's transaction (the
    plain `db` fixture never commits). The worker's output is in `celery_worker.log_path`.
    """
    require_services()
    from django.db import connection

    from portal.celery import app

    env = dict(os.environ)
    env["DATABASE_URL"] = worker_database_url(connection.settings_dict["NAME"])
    log_path = tmp_path_factory.mktemp("celery") / "worker.log"
    hostname = f"tests-{os.getpid()}@%h"
    with open(log_path, "ab") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo",
             "--concurrency=1", "-l", "info", "--without-gossip", "--without-mingle",
             "--hostname", hostname],
            cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, preexec_fn=die_with_parent,
        )
    worker = CeleryWorker(process, log_path)
    services_report["celery"] = "started"
    try:
        deadline = time.monotonic() + WORKER_START_TIMEOUT_SECONDS
        while not app.control.ping(timeout=0.5):
            if process.poll() is not None:
                pytest.fail(f"The Celery worker stopped:\n{worker.read_log()}")
            if time.monotonic() > deadline:
                pytest.fail(f"The Celery worker did not answer a ping:\n{worker.read_log()}")
        services_report["celery"] = "started and answered a ping"
        yield worker
    finally:
        process.terminate()  # SIGTERM: warm shutdown, the current task finishes first
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- End-of-run summary ---

def postgres_version() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=3) as conn:
            return conn.execute("SHOW server_version").fetchone()[0]
    except psycopg.Error as error:
        return f"unreachable ({error.__class__.__name__})"


def redis_version() -> str | None:
    url = os.environ.get("CELERY_BROKER_URL", "")
    if not url.startswith("redis://"):
        return None
    import redis

    try:
        return redis.Redis.from_url(url, socket_timeout=3).info("server")["redis_version"]
    except redis.RedisError as error:
        return f"unreachable ({error.__class__.__name__})"


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    report = services_report_of(config)
    write = terminalreporter.write_line
    terminalreporter.section("services used")
    pg = postgres_version()
    write(f"Database: PostgreSQL {pg}" if pg else "Database: SQLite (no real services)")
    redis_v = redis_version()
    write(f"Broker: Redis {redis_v}" if redis_v else "Broker: none, Celery tasks ran in-process")
    write(f"Celery worker: {report.get('celery', 'not started (no test needed it)')}")
    write(f"Browser: {report.get('chromium', 'not started (no browser test ran)')}")
    if report.get("screenshots"):
        write(f"Screenshots: {report['screenshots']}")
