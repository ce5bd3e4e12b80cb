"""`make bench`: every benchmark under bench/, against the services scripts/run_tests.py started.

Each benchmark prints its table and writes it, with the machine's details, to bench/results/.
"""

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
BENCHMARKS = ["pdf.py", "load.py"]


def main() -> int:
    # `python bench/run.py load.py`, or one benchmark with its own arguments:
    # `python bench/run.py page_profile.py contact check`.
    args = sys.argv[1:]
    runs = [[name] for name in BENCHMARKS] if not args else (
        [args] if not all(arg.endswith(".py") for arg in args) else [[name] for name in args]
    )
    failures = 0
    for name, *arguments in runs:
        print(f"== bench/{name}", flush=True)
        command = [sys.executable, str(BENCH / name), *arguments]
        failures += subprocess.run(command, cwd=BENCH.parent).returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
