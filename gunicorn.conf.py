"""gunicorn's settings: read by `gunicorn portal.wsgi` from the working directory, so production
(Dockerfile, docker-compose.yml) and the load benchmark (bench/load.py) run the same server.

Sync workers, one request at a time each: a free worker takes the next waiting connection, so a
slow page never holds up requests queued behind it in the same process, and pages rendering
Python code do not fight over one process's GIL. The TLS proxy in front buffers slow clients.
"""

import os

# As many workers as cores, plus one to keep the cores busy while another waits on the
# database. More only queue the same CPU-bound work in more places (README.md, Performance).
workers = int(os.environ.get("WEB_CONCURRENCY", (os.cpu_count() or 1) + 1))
worker_class = "sync"
