"""What each response cost the server, for the benchmark only (bench/settings.py)."""

import atexit
import cProfile
import os
import time
from pathlib import Path

from django.db import connection

# Set by bench/load.py for its profile phase only: GETs of these paths are profiled in every gunicorn
# worker, and each worker writes a path's figures to PROFILE_DIR/<path as a name>-<pid>.pstats.
PROFILE_PATHS = frozenset(filter(None, os.environ.get("BENCH_PROFILE_PATHS", "").split(",")))
PROFILE_DIR = os.environ.get("BENCH_PROFILE_DIR", "")
PROFILE_WRITE_EVERY = 20  # requests profiled between two writes: a worker may be killed


class ServerMeasuresMiddleware:
    """Each response says what it cost the server.

    `X-Queries` is the number of database queries and `X-Server-Db-Ms` the time they took;
    `X-Server-Ms` the milliseconds spent in Django, from this middleware (the outermost) back
    to it; `X-Server-Cpu-Ms` the CPU time this worker used in that span. The load benchmark
    reads them all: a latency much longer than X-Server-Ms is time spent waiting for a free
    gunicorn worker, and what X-Server-Ms holds beyond the CPU and the queries is time spent
    waiting for a core.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.profiles: dict[str, cProfile.Profile] = {}
        self.profiled = 0
        self.profile_dir = Path(PROFILE_DIR) if PROFILE_DIR else None
        if self.profile_dir is not None:
            atexit.register(self.write_profiles)  # a gunicorn worker stopped by SIGTERM

    def __call__(self, request):
        count, database_s = 0, 0.0

        def counted(execute, sql, params, many, context):
            nonlocal count, database_s
            count += 1
            asked = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                database_s += time.perf_counter() - asked

        path = request.path_info
        profile = None
        if self.profile_dir is not None and request.method == "GET" and path in PROFILE_PATHS:
            profile = self.profiles.setdefault(path, cProfile.Profile())
        started, started_cpu = time.perf_counter(), time.thread_time()
        with connection.execute_wrapper(counted):
            if profile is not None:
                response = profile.runcall(self.get_response, request)
            else:
                response = self.get_response(request)
        response["X-Server-Ms"] = f"{(time.perf_counter() - started) * 1000:.1f}"
        response["X-Server-Cpu-Ms"] = f"{(time.thread_time() - started_cpu) * 1000:.1f}"
        response["X-Server-Db-Ms"] = f"{database_s * 1000:.1f}"
        response["X-Queries"] = str(count)
        if profile is not None:
            self.profiled += 1
            if self.profiled % PROFILE_WRITE_EVERY == 0:
                self.write_profiles()
        return response

    def write_profiles(self) -> None:
        for path, profile in self.profiles.items():
            profile.dump_stats(self.profile_dir / profile_file_name(path))


def profile_file_stem(path: str) -> str:
    """/fr/form/check/ → fr-form-check: what every worker's file for that path starts with."""
    return path.strip("/").replace("/", "-")


def profile_file_name(path: str, pid: int | None = None) -> str:
    """/fr/form/check/ in worker 123 → fr-form-check-123.pstats."""
    return f"{profile_file_stem(path)}-{pid or os.getpid()}.pstats"
