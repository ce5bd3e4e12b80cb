"""gunicorn's settings: read by `gunicorn portal.wsgi` from the working directory, so production
(Dockerfile, docker-compose.yml) and the load benchmark (bench/load.py) run the same server.

Sync workers, one request at a time each: a free worker takes the next waiting connection, so a
slow page never holds up requests queued behind it in the same process, and pages rendering
Python code do not fight over one process's GIL. The TLS proxy in front buffers slow clients.
"""

import math
import os
from pathlib import Path

from gunicorn.glogging import Logger

CGROUP = Path("/sys/fs/cgroup")
HEALTH_PATH_PREFIX = "/healthz/"


def cpu_quota(cgroup: Path = CGROUP) -> float | None:
    """The CPU time this container may use, in cores, or None without a limit.

    `docker run --cpus 1.5` (compose: `cpus: 1.5`) sets it; os.cpu_count() still counts every
    core of the host. cgroup v2 writes it in `cpu.max` ("150000 100000", or "max 100000"),
    cgroup v1 in `cpu/cpu.cfs_quota_us` (-1: none) over `cpu/cpu.cfs_period_us`.
    """
    try:
        quota, period = (cgroup / "cpu.max").read_text().split()
        if quota == "max":
            return None
        return int(quota) / int(period)
    except (OSError, ValueError):
        pass
    try:
        quota = int((cgroup / "cpu" / "cpu.cfs_quota_us").read_text())
        period = int((cgroup / "cpu" / "cpu.cfs_period_us").read_text())
    except (OSError, ValueError):
        return None
    return quota / period if quota > 0 and period > 0 else None


def cores_available(cgroup: Path = CGROUP) -> int:
    """The cores this process may run on (`--cpuset-cpus`), capped by the CPU quota, rounded up."""
    cores = len(os.sched_getaffinity(0))
    quota = cpu_quota(cgroup)
    if quota is not None:
        cores = min(cores, math.ceil(quota))
    return max(1, cores)


class AccessLogWithoutHealthChecks(Logger):
    """gunicorn's access log, without the health checks (portal/health.py).

    Docker asks /healthz/ready every few seconds: those lines would drown the visits. A logger
    class is the one hook gunicorn has for leaving lines out (`access_log_format` only
    changes how a line looks).
    """

    def access(self, resp, req, environ, request_time):
        if environ.get("PATH_INFO", "").startswith(HEALTH_PATH_PREFIX):
            return
        super().access(resp, req, environ, request_time)


# As many workers as cores, plus one to keep the cores busy while another waits on the
# database. More only queue the same CPU-bound work in more places (README.md, Performance).
workers = int(os.environ.get("WEB_CONCURRENCY", cores_available() + 1))
worker_class = "sync"
logger_class = AccessLogWithoutHealthChecks
