"""Production serves hashed, compressed static files: `collectstatic` must succeed."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def test_collectstatic_with_the_production_storage_succeeds(tmp_path):
    # DEBUG=false selects whitenoise's manifest storage, which rewrites every url() in CSS:
    # a reference it cannot resolve breaks the deployment, so it must break this test first.
    env = dict(os.environ, DEBUG="false", DATA_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert (tmp_path / "staticfiles" / "staticfiles.json").exists()
