"""scripts/make_production_env.py: a complete, private production `.env`, each secret once."""

import os
import re
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent.parent
SECRETS = ("SECRET_KEY", "FIELD_ENCRYPTION_KEYS", "POSTGRES_PASSWORD", "REDIS_PASSWORD")
# Letters, digits, - and _: what docker-compose.yml can put into a URL as it is.
URL_SAFE = re.compile(r"^[A-Za-z0-9_-]+$")


def make_env(output: Path, *args: str, umask: int = 0o022) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/make_production_env.py", "--output", str(output), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False, stdin=subprocess.DEVNULL,
        preexec_fn=lambda: os.umask(umask),
    )


def variables(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in text.splitlines() if line and line[0] != "#")


def commented_variables(text: str) -> list[str]:
    return re.findall(r"^# ([A-Z_]+)=", text, flags=re.MULTILINE)


@pytest.fixture
def written(tmp_path) -> tuple[Path, subprocess.CompletedProcess]:
    output = tmp_path / ".env"
    return output, make_env(output, "--host", "portail.example.org", umask=0)


def test_the_file_is_readable_by_its_owner_only_whatever_the_umask(written):
    output, result = written

    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(output.stat().st_mode) == 0o600


def test_every_secret_is_generated_written_once_and_never_printed(written):
    output, result = written
    text = output.read_text()
    values = variables(text)

    for name in SECRETS:
        assert len(values[name]) >= 32, name
        assert text.count(values[name]) == 1, name
        assert values[name] not in result.stdout + result.stderr, name
    assert "CHANGE-ME" not in text
    Fernet(values["FIELD_ENCRYPTION_KEYS"].encode())  # a valid key, or this raises


def test_the_passwords_can_go_into_urls_as_they_are(written):
    values = variables(written[0].read_text())

    assert URL_SAFE.match(values["POSTGRES_PASSWORD"])
    assert URL_SAFE.match(values["REDIS_PASSWORD"])


def test_each_run_draws_new_secrets(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    make_env(first, "--host", "portail.example.org")
    make_env(second, "--host", "portail.example.org")

    for name in SECRETS:
        assert variables(first.read_text())[name] != variables(second.read_text())[name]


def test_the_host_name_is_allowed_with_localhost_for_the_health_check(written):
    values = variables(written[0].read_text())

    assert values["ALLOWED_HOSTS"] == "portail.example.org,localhost"
    assert values["CSRF_TRUSTED_ORIGINS"] == "https://portail.example.org"
    assert "example name" in written[1].stdout  # the person is told it is only an example


def test_an_existing_file_is_never_overwritten(written):
    output, _ = written
    before = output.read_text()

    result = make_env(output, "--host", "portail.example.org")

    assert result.returncode == 1
    assert "not overwritten" in result.stderr
    assert output.read_text() == before


@pytest.mark.parametrize("host", ["https://portail.example.org", "portail.example.org:443"])
def test_a_host_that_is_not_a_plain_name_is_refused(tmp_path, host):
    result = make_env(tmp_path / ".env", "--host", host)

    assert result.returncode == 2
    assert not (tmp_path / ".env").exists()


def test_without_a_host_and_no_terminal_to_ask_it_says_what_to_give(tmp_path):
    result = make_env(tmp_path / ".env")

    assert result.returncode != 0
    assert "--host" in result.stderr
    assert not (tmp_path / ".env").exists()


def test_the_example_file_lists_the_same_variables_in_the_same_order(written):
    generated = written[0].read_text()
    example = (ROOT / ".env.example").read_text()

    assert list(variables(example)) == list(variables(generated))
    assert commented_variables(example) == commented_variables(generated)


def test_the_generated_file_passes_djangos_deployment_check(written):
    # As a production server has it: none of the test run's variables (the browser tests set
    # DJANGO_ALLOW_ASYNC_UNSAFE), not a developer's .env (DEBUG=true).
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("SECURE_", "DEBUG", "DATABASE_URL", "DJANGO_", "CELERY_",
                                  "ALLOWED_"))}
    env.update(variables(written[0].read_text()), DEBUG="false",
               DJANGO_SETTINGS_MODULE="portal.settings")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    output = result.stdout + result.stderr

    assert result.returncode == 0, output
    assert "WARNINGS" not in output, output
    assert "System check identified no issues" in output, output


def test_the_compose_image_tag_defaults_to_the_projects_version():
    # Bumping the version in pyproject.toml without docker-compose.yml would build the new
    # code under the old tag, and leave nothing to roll back to.
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    compose = (ROOT / "docker-compose.yml").read_text()

    assert f'image: "portal:${{PORTAL_VERSION:-{version}}}"' in compose
    assert f"# PORTAL_VERSION={version}" in (ROOT / ".env.example").read_text()
