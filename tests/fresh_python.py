"""Run a few lines of Python in a new interpreter, from the project's folder, and read what
they print: for what only a process that has just started can show (its imports, its
priority)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def printed_by(code: str, **environment: str) -> list[str]:
    """The words `code` printed; `environment` is added to this process's variables."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT, env={**os.environ, **environment},
        check=True, capture_output=True, text=True, timeout=120,
    ).stdout.split()
