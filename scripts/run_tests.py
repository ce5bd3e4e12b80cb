"""Run the whole test suite against real services started here, then clean up.

`make test` calls this. It starts, in a fresh temporary folder:
  * PostgreSQL (Debian's server, found by glob: no version is hard-coded), trust auth,
    a free TCP port on 127.0.0.1 and its unix socket inside the folder;
  * Redis on a free port, with no persistence;
then runs `collectstatic` and `python -m pytest ARGS` with the environment pointing at them
(`--bench` runs `bench/run.py` instead). The Celery worker and Chromium are started by the
tests themselves (tests/conftest.py, tests/browser/conftest.py).

Everything is stopped and the folder removed in `finally`, also on Ctrl-C or SIGTERM.
The exit code is pytest's; "no tests collected" (5) counts as a failure.
"""

import glob
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
UNPRIVILEGED_USER = "portaltest"  # PostgreSQL refuses to run as root
STARTUP_TIMEOUT_SECONDS = 30


class Terminated(KeyboardInterrupt):
    """SIGTERM, turned into an interruption so that every `finally` runs."""


class ServiceError(RuntimeError):
    """A service did not start; the message says which and where its log is."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_bin_dir() -> Path:
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/postgres"),
        key=lambda path: int(Path(path).parent.parent.name),
    )
    if not candidates:
        raise ServiceError(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/postgres). "
            "Run: bash scripts/install-system-packages.sh test"
        )
    return Path(candidates[-1]).parent


def service_user() -> dict:
    """Keyword arguments for Popen: drop to an unprivileged user when we are root."""
    if os.geteuid() != 0:
        return {}
    try:
        pwd.getpwnam(UNPRIVILEGED_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
             "--user-group", UNPRIVILEGED_USER],
            check=True,
        )
    return {"user": UNPRIVILEGED_USER, "group": UNPRIVILEGED_USER, "extra_groups": []}


def wait_until(check, *, what: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServiceError(f"{what} exited with code {process.returncode}:\n{tail(log)}")
        if check():
            return
        time.sleep(0.1)
    raise ServiceError(f"{what} did not start in {STARTUP_TIMEOUT_SECONDS} s:\n{tail(log)}")


def tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def port_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


class Services:
    """The services one test run needs, living in one temporary folder."""

    def __init__(self) -> None:
        self.as_user = service_user()
        self.root = Path(tempfile.mkdtemp(prefix="portal-test-"))
        self.processes: list[tuple[str, subprocess.Popen]] = []
        if self.as_user:
            # The unprivileged user must reach its own folders inside ours.
            self.root.chmod(0o755)

    def owned_dir(self, name: str) -> Path:
        path = self.root / name
        path.mkdir(mode=0o700)
        if self.as_user:
            shutil.chown(path, user=UNPRIVILEGED_USER, group=UNPRIVILEGED_USER)
        return path

    def spawn(self, name: str, command: list[str], log: Path) -> subprocess.Popen:
        with open(log, "ab") as log_file:
            process = subprocess.Popen(
                command,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                # Own session: a Ctrl-C in the terminal reaches only us; we stop them cleanly.
                start_new_session=True,
                cwd=self.root,
                **self.as_user,
            )
        self.processes.append((name, process))
        return process

    def start_postgres(self) -> str:
        bin_dir = postgres_bin_dir()
        data = self.owned_dir("pgdata")
        self.postgres_data = data  # tests/faults restart the server (it writes postmaster.opts)
        sockets = self.owned_dir("pgsocket")
        log = self.root / "postgres.log"
        port = free_port()
        subprocess.run(
            [bin_dir / "initdb", "-D", data, "-U", "postgres", "-A", "trust",
             "-E", "UTF8", "--locale=C", "--no-sync"],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=self.root,
            **self.as_user,
        )
        process = self.spawn(
            "PostgreSQL",
            [str(bin_dir / "postgres"), "-D", str(data), "-p", str(port),
             "-k", str(sockets), "-c", "listen_addresses=127.0.0.1",
             # Throw-away data: durability costs time and buys nothing here.
             "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
            log,
        )

        def ready() -> bool:
            return subprocess.run(
                [bin_dir / "pg_isready", "-q", "-h", "127.0.0.1", "-p", str(port)],
                check=False,
            ).returncode == 0

        wait_until(ready, what="PostgreSQL", process=process, log=log)
        subprocess.run(
            [bin_dir / "createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "portal"],
            check=True,
        )
        return f"postgres://postgres@127.0.0.1:{port}/portal"

    def start_redis(self) -> str:
        redis_server = shutil.which("redis-server")
        if redis_server is None:
            raise ServiceError(
                "redis-server is not installed. Run: bash scripts/install-system-packages.sh test"
            )
        data = self.owned_dir("redis")
        log = self.root / "redis.log"
        port = free_port()
        # Kept: tests/faults stop Redis and start it again with the same command line.
        self.redis_command = [
            redis_server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no", "--dir", str(data), "--daemonize", "no",
        ]
        process = self.spawn("Redis", self.redis_command, log)
        wait_until(lambda: port_answers(port), what="Redis", process=process, log=log)
        return f"redis://127.0.0.1:{port}/0"

    def stop(self) -> None:
        for name, process in reversed(self.processes):
            if process.poll() is None:
                # SIGINT is PostgreSQL's "fast shutdown"; Redis stops on it too.
                process.send_signal(signal.SIGINT)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    print(f"{name} did not stop in time; killing it.", file=sys.stderr)
                    process.kill()
                    process.wait()
        self.processes.clear()
        shutil.rmtree(self.root, ignore_errors=True)


def test_environment(services: Services, database_url: str, redis_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        CELERY_BROKER_URL=redis_url,
        CELERY_RESULT_BACKEND=redis_url,
        SECRET_KEY=secrets.token_urlsafe(50),
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        DEBUG="false",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DATA_DIR=str(services.root / "data"),
        PORTAL_TEST_SERVICES="1",
        PORTAL_TEST_TMPDIR=str(services.root),
        CHROMIUM=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        PYTHONDONTWRITEBYTECODE="1",
        # For tests/faults, which stop and restart the services on purpose.
        PORTAL_TEST_PG_DATA=str(services.postgres_data),
        PORTAL_TEST_REDIS_COMMAND=json.dumps(services.redis_command),
        PORTAL_TEST_SERVICE_USER=UNPRIVILEGED_USER if services.as_user else "",
    )
    return env


def run_child(command: list[str], env: dict) -> int:
    """Run pytest (or the benchmark); on interruption let it tear its fixtures down first."""
    # A shell's background job inherits SIGINT ignored; give pytest Ctrl-C back so it can stop.
    child = subprocess.Popen(
        command, cwd=ROOT, env=env,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        return child.wait()
    except KeyboardInterrupt as interruption:
        if child.poll() is None:
            # pytest turns SIGINT into a clean stop: fixtures (the Celery worker) end too.
            # A Ctrl-C in the terminal already reached it; a SIGTERM sent to us did not.
            if isinstance(interruption, Terminated):
                child.send_signal(signal.SIGINT)
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        raise


def run(args: list[str]) -> int:
    bench = "--bench" in args
    if bench and not (ROOT / "bench" / "run.py").exists():
        print("No benchmark exists yet (bench/run.py is missing); nothing to run.")
        return 0

    services = Services()

    def stop_on_signal(signum, frame):
        raise Terminated(f"signal {signum}")

    previous_term = signal.signal(signal.SIGTERM, stop_on_signal)
    try:
        started = time.monotonic()
        env = test_environment(services, services.start_postgres(), services.start_redis())
        print(f"Services ready in {time.monotonic() - started:.1f} s (in {services.root}).")
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            check=True, cwd=ROOT, env=env,
        )
        if bench:
            command = [PYTHON, "bench/run.py", *[a for a in args if a != "--bench"]]
        else:
            command = [PYTHON, "-m", "pytest", *args]
        code = run_child(command, env)
        if not bench and code == 5:
            print("pytest collected no tests: counted as a failure.", file=sys.stderr)
        return code
    except ServiceError as error:
        print(f"Could not start the test services: {error}", file=sys.stderr)
        return 3
    except subprocess.CalledProcessError as error:
        stderr = error.stderr.decode(errors="replace") if error.stderr else ""
        print(f"Setup command failed: {error}\n{stderr}", file=sys.stderr)
        return 3
    except KeyboardInterrupt as interruption:
        print("Interrupted; stopping the test services.", file=sys.stderr)
        return 128 + (signal.SIGTERM if isinstance(interruption, Terminated) else signal.SIGINT)
    finally:
        services.stop()
        signal.signal(signal.SIGTERM, previous_term)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
