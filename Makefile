# Two commands: `make run` serves the portal locally; `make test` runs the whole suite
# against real PostgreSQL, Redis, a Celery worker and headless Chromium.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench messages compose-check clean

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
	@$(PY) scripts/run_tests.py $(PYTEST_ARGS)

bench: $(STAMP) messages
	@bash scripts/install-system-packages.sh test
	@$(PY) scripts/run_tests.py --bench

# The production shape (docker-compose.yml) end to end: needs Docker and nginx; not in `test`.
compose-check:
	@bash scripts/compose_check.sh

clean:
	rm -rf $(VENV) data
