"""The containers' health checks (docker-compose.yml). Standard library only, and it imports
nothing of the portal: it runs every few seconds, so it must start in milliseconds.

    python scripts/healthcheck.py http://localhost:8000/healthz/ready
        healthy when the address answers 200 within TIMEOUT_SECONDS
    python scripts/healthcheck.py --file /run/portal/alive --max-age 30
        healthy when the file was touched less than 30 s ago (the Celery worker and beat
        touch it: portal/celery.py)

Exit code 0 when healthy, 1 otherwise, with one line saying why (Docker keeps it in
`docker inspect`'s health log).
"""

import argparse
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

TIMEOUT_SECONDS = 3


def url_problem(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:
            response.read()
    except urllib.error.HTTPError as error:
        return f"{url}: HTTP {error.code} {error.read().decode('ascii', 'replace').strip()}"
    except OSError as error:
        return f"{url}: {error}"
    return None


def file_problem(path: Path, max_age: float, now: float) -> str | None:
    try:
        age = now - path.stat().st_mtime
    except FileNotFoundError:
        return f"{path} does not exist"
    if age > max_age:
        return f"{path} was last touched {age:.0f} s ago (more than {max_age:.0f} s)"
    return None


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("url", nargs="?")
    target.add_argument("--file", type=Path)
    parser.add_argument("--max-age", type=float, default=30.0)
    args = parser.parse_args(argv)
    if args.file is not None:
        problem = file_problem(args.file, args.max_age, time.time())
    else:
        problem = url_problem(args.url)
    if problem:
        print(f"unhealthy: {problem}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
