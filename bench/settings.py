"""The portal's settings, plus what only the benchmark's servers need.

`bench/load.py` starts gunicorn and the Celery worker with
DJANGO_SETTINGS_MODULE=bench.settings. The portal's own settings name nothing of bench/,
which is not in the Docker image (.dockerignore): production never imports it.
"""

from portal.settings import *  # noqa: F403  (everything the portal sets, unchanged)
from portal.settings import MIDDLEWARE

# Outermost, so that it counts and times the session's work too.
MIDDLEWARE = ["bench.middleware.ServerMeasuresMiddleware", *MIDDLEWARE]
