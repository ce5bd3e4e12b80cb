"""Headers that protect a person using a shared or watched device."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent.parent
PAGES = ["/fr/", "/en/", "/fr/staying-safe/", "/en/staying-safe/", "/fr/start/", "/en/start/"]

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", [*PAGES, "/"])
def test_every_response_has_a_content_security_policy_that_forbids_inline_code_and_framing(
    client, path
):
    policy = client.get(path)["Content-Security-Policy"]

    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.parametrize("path", [*PAGES, "/"])
def test_no_response_tells_other_sites_where_the_person_came_from(client, path):
    assert client.get(path)["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("path", PAGES)
def test_no_page_is_kept_in_a_browser_or_proxy_cache(client, path):
    assert "no-store" in client.get(path)["Cache-Control"]


def test_the_production_deployment_check_finds_no_issue():
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SECURE_", "DEBUG", "DATABASE_URL", "DJANGO_", "CELERY_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="portail.example.ca",
        CSRF_TRUSTED_ORIGINS="https://portail.example.ca",
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    output = result.stdout + result.stderr

    assert result.returncode == 0, output
    assert "WARNINGS" not in output, output
    assert "System check identified no issues" in output, output
