# The portal's image: the one-shot migrate, web (gunicorn), Celery worker and beat all run from it
# (docker-compose.yml builds it once, tagged portal:<version in pyproject.toml>).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint's libraries and fonts for the court document; gettext for compilemessages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 \
        fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first: this layer is rebuilt only when pyproject.toml changes.
COPY pyproject.toml ./
COPY scripts/dependencies.py scripts/
RUN python scripts/dependencies.py | pip install -r /dev/stdin

COPY . .

# Build-time values only, so that settings load; the real ones come from the environment.
RUN SECRET_KEY=build-only \
    FIELD_ENCRYPTION_KEYS="$(python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')" \
    sh -c 'python manage.py compilemessages --ignore=.venv -v 0 \
           && python manage.py collectstatic --noinput -v 0'

# An unprivileged user; beat keeps its schedule in a volume mounted at /var/lib/portal-beat,
# the worker and beat their liveness file in /run/portal (docker-compose.yml).
RUN useradd --system --create-home --uid 10001 --user-group portal \
    && mkdir -p /var/lib/portal-beat /run/portal \
    && chown portal:portal /var/lib/portal-beat /run/portal
USER portal

EXPOSE 8000
# Workers and worker class: gunicorn.conf.py, read from the working directory.
CMD ["gunicorn", "portal.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
