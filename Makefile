# Two commands: `make run` serves the portal locally; `make test` runs the whole suite
# against real PostgreSQL, Redis, a Celery worker and headless Chromium (what CI runs).
# `make check` is the quick loop while editing: everything but the browser, real-service and
# fault tests, on SQLite with tasks in-process.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test check bench messages compose-check clean test-under-load

$(PY):
	@if command -v uv >/dev/null 2>&1; then uv venv --python $(PYTHON) $(VENV); \
	else $(PYTHON) -c "import ensurepip" 2>/dev/null || bash scripts/install-system-packages.sh venv; \
	$(PYTHON) -m venv $(VENV); fi

# Re-install only when the dependency list changes.
$(STAMP): pyproject.toml | $(PY)
	@bash scripts/install-system-packages.sh weasyprint
	@if command -v uv >/dev/null 2>&1; then \
		uv pip install --python $(PY) -r pyproject.toml --extra test; \
	else \
		$(PY) -m pip install --quiet --upgrade pip && \
		$(PY) scripts/dependencies.py --extra test | $(PY) -m pip install --quiet -r /dev/stdin; \
	fi
	@touch $(STAMP)

.env:
	@$(PY) scripts/make_local_env.py > .env
	@echo "Wrote .env with a new local secret key and encryption key (kept out of git)."

messages: $(STAMP) .env
	@$(PY) manage.py compilemessages --ignore=.venv -v 0

run: $(STAMP) .env messages
	@$(PY) manage.py migrate --noinput -v 0
	@echo ""
	@echo "  The portal is at http://127.0.0.1:8000/  (French: /fr/, English: /en/)"
	@echo ""
	@$(PY) manage.py runserver 127.0.0.1:8000

test: $(STAMP) messages
	@bash scripts/install-system-packages.sh test
	@started=$$(date +%s); $(PY) scripts/run_tests.py $(PYTEST_ARGS); \
	code=$$?; echo "make test: $$(( $$(date +%s) - started )) s"; exit $$code

# No real services: the variables that would point pytest at them are dropped. Two processes
# (pytest-xdist, one per core), each with its own SQLite test database.
CHECK_MARKERS := not browser and not services
check: $(STAMP) messages
	@started=$$(date +%s); \
	env -u DATABASE_URL -u CELERY_BROKER_URL -u CELERY_RESULT_BACKEND -u PORTAL_TEST_SERVICES \
		$(PY) -m pytest -q -n 2 -m "$(CHECK_MARKERS)" --ignore=tests/faults $(PYTEST_ARGS); \
	code=$$?; echo "make check: $$(( $$(date +%s) - started )) s"; exit $$code

# locust in its own environment, outside the project's: it brings the PyPI `requests`, which
# must never enter ours nor shadow our app of that name.
LOCUST_VENV := bench/.locust-venv
$(LOCUST_VENV)/bin/locust:
	@$(PYTHON) -m venv $(LOCUST_VENV)
	@$(LOCUST_VENV)/bin/pip install --quiet locust==2.47.0

bench: $(STAMP) messages $(LOCUST_VENV)/bin/locust
	@bash scripts/install-system-packages.sh test
	@$(PY) scripts/run_tests.py --bench

# The whole suite three times in a row beside two busy processes: nothing may flake.
test-under-load: $(STAMP) messages
	@bash scripts/suite_under_cpu_hog.sh

# The production shape (docker-compose.yml) end to end: needs Docker and nginx; not in `test`.
compose-check:
	@bash scripts/compose_check.sh

clean:
	rm -rf $(VENV) data
