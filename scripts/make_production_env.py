"""Write a complete production `.env` for docker-compose.yml, with new secrets, readable by
its owner only (mode 0600). Standard library only: it runs with the machine's own python3.

    python3 scripts/make_production_env.py --host portail.example.org [--output .env]

It never prints a secret, and never overwrites a file: a `.env` in use holds the keys that
open the database, and a new one would make every saved answer unreadable. Each password is
written once; docker-compose.yml builds DATABASE_URL, CELERY_BROKER_URL, CELERY_RESULT_BACKEND
and CACHE_URL from them. Passwords are drawn from letters, digits, `-` and `_`, which go into
those URLs as they are (compose cannot URL-encode): keep to them if you choose your own.
"""

import argparse
import base64
import os
import re
import secrets
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A DNS name, without a scheme, a port or a path.
LABEL = r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"
HOST_NAME = re.compile(rf"^(?=.{{1,253}}$){LABEL}(\.{LABEL})*$")
EXAMPLE_DOMAINS = ("example.org", "example.com", "example.net", "example.ca")

TEMPLATE = """\
# Production settings for docker-compose.yml, written by scripts/make_production_env.py
# on {today} for {host}. Readable by its owner only (mode 0600): keep it so.
# Every variable and its default: README.md, "Configuration".

# --- Secrets, generated ---
# Keep a copy of SECRET_KEY and FIELD_ENCRYPTION_KEYS in a safe place apart from the database
# backups: a backup restores only with the keys it was made under (docs/deploy.md, Backups).
SECRET_KEY={secret_key}
# Comma-separated; the first encrypts, all decrypt (docs/key-rotation.md).
FIELD_ENCRYPTION_KEYS={encryption_key}
# Letters, digits, - and _ only: docker-compose.yml puts them into URLs as they are.
POSTGRES_PASSWORD={postgres_password}
REDIS_PASSWORD={redis_password}

# --- The public name, behind the TLS proxy ---
# localhost: the web container's own health check asks http://localhost:8000/healthz/ready.
ALLOWED_HOSTS={host},localhost
CSRF_TRUSTED_ORIGINS=https://{host}

# --- PostgreSQL: the postgres service creates this user and database at its first start ---
POSTGRES_USER=portal
POSTGRES_DB=portal

# --- Optional; the defaults are in README.md, "Configuration" ---
# HSTS: browsers that saw the site once refuse plain HTTP to this name and its subdomains for
# SECURE_HSTS_SECONDS (default a year). Lower it (e.g. 300) while you first try TLS:
# SECURE_HSTS_SECONDS=300
# The header also says "preload": that alone changes nothing, but it allows the domain's
# owner to submit it to the browsers' preload list (hstspreload.org), which binds the whole
# domain and every subdomain to HTTPS for months, and is slow to undo. Submit only on purpose.
#
# gunicorn's workers; by default the container's CPU quota (or its cores) + 1:
# WEB_CONCURRENCY=3
#
# Where the web service is published: on this machine only, for the TLS proxy. For two web
# replicas (docker compose up --scale web=2), a range, one port each: WEB_PORTS=8000-8001
# WEB_BIND=127.0.0.1
# WEB_PORTS=8000
#
# Proxies in front of the portal that append to X-Forwarded-For (docker-compose.yml: 1).
# TRUSTED_PROXY_COUNT=1
#
# The image to run, portal:<version>; by default the version in pyproject.toml. To roll back:
# PORTAL_VERSION=0.1.0
"""


def fernet_key() -> str:
    """A new Fernet key, as cryptography's Fernet.generate_key() makes it: 32 random bytes."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def url_safe_password() -> str:
    """About 256 bits, in letters, digits, `-` and `_`."""
    return secrets.token_urlsafe(32)


def production_env(host: str, *, today: date) -> str:
    return TEMPLATE.format(
        today=today.isoformat(),
        host=host,
        secret_key=secrets.token_urlsafe(50),
        encryption_key=fernet_key(),
        postgres_password=url_safe_password(),
        redis_password=url_safe_password(),
    )


def write_private(path: Path, text: str) -> None:
    """Create the file with mode 0600 whatever the umask; refuse if it exists."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(descriptor, 0o600)
        os.write(descriptor, text.encode())
    finally:
        os.close(descriptor)


def ask_host() -> str:
    if not sys.stdin.isatty():
        raise SystemExit("Give the public host name: --host portail.example.org")
    return input("Public host name of the portal (e.g. portail.example.org): ").strip()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", help="the public host name, e.g. portail.example.org")
    parser.add_argument("--output", type=Path, default=ROOT / ".env")
    args = parser.parse_args(argv)
    host = (args.host or ask_host()).lower().rstrip(".")
    if not HOST_NAME.match(host):
        print(f"Not a host name: {host!r} (a name such as portail.example.org, no https://, "
              "no port).", file=sys.stderr)
        return 2
    if args.output.exists():
        print(f"{args.output} exists: not overwritten. It may hold the keys that open the "
              "database; move it away yourself if you really mean to start afresh.",
              file=sys.stderr)
        return 1
    write_private(args.output, production_env(host, today=date.today()))
    print(f"Wrote {args.output} (mode 0600) for https://{host}/ with a new SECRET_KEY, "
          "FIELD_ENCRYPTION_KEYS, POSTGRES_PASSWORD and REDIS_PASSWORD.")
    print("Keep a copy of SECRET_KEY and FIELD_ENCRYPTION_KEYS apart from the database "
          "backups: without them a backup cannot be read.")
    if any(host == domain or host.endswith(f".{domain}") for domain in EXAMPLE_DOMAINS):
        print(f"Note: {host} is an example name; fine for a trial, not for the real site.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
