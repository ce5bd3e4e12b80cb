"""`make bench`: every benchmark under bench/, against the services scripts/run_tests.py started.

Each benchmark prints its table and writes it, with the machine's details, to bench/results/.
"""

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
BENCHMARKS = ["pdf.py", "load.py"]


def main() -> int:
    chosen = sys.argv[1:] or BENCHMARKS  # e.g. `python bench/run.py load.py`
    failures = 0
    for name in chosen:
        print(f"== bench/{name}", flush=True)
        failures += subprocess.run([sys.executable, str(BENCH / name)], cwd=BENCH.parent).returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
