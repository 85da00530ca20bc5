# Avvik: `make run` (embedded, no services) and `make test` (lint, types, every test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Services for tests/integration; CI=true makes a missing one a failure instead of a skip.
AVVIK_TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/avvik
AVVIK_TEST_REDIS_URL ?= redis://127.0.0.1:6379/14

.PHONY: run test lint types unit integration acceptance messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

# axe-core, loaded into pages by the browser tests for the WCAG 2.1 A/AA checks.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "Avvik: http://127.0.0.1:8000  (Ctrl-C stops the web server and the scheduler)"
	@trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py run_scheduler & scheduler=$$!; \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# The phases run side by side: the integration tests mostly wait on workers, leases and
# timeouts, and the unit tests use the cores meanwhile. Each phase's output is printed whole
# when it ends; the first failure fails the run, after the phases already started end.
test: $(VENV)/.installed-test node_modules/axe-core/axe.min.js
	$(MAKE) --no-print-directory -j --output-sync=target lint types unit integration acceptance

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

types: $(VENV)/.installed-test
	$(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run

# Unit and browser tests on every core: each worker has its own in-memory SQLite and live server.
unit: $(VENV)/.installed-test node_modules/axe-core/axe.min.js
	$(BIN)/python -m pytest tests --ignore=tests/integration -n auto --dist worksteal --durations=15

# Two test processes, each with a PostgreSQL and a Redis database of its own: the tests
# mostly wait on workers, leases and timeouts.
integration: $(VENV)/.installed-test
	DATABASE_URL=$(AVVIK_TEST_DATABASE_URL) CELERY_BROKER_URL=$(AVVIK_TEST_REDIS_URL) \
	  $(BIN)/python -m pytest tests/integration -n 2 --durations=10

acceptance: $(VENV)/.installed-test
	@if [ -d ../shared/acceptance ]; then \
	  DJANGO_SETTINGS_MODULE=config.settings $(BIN)/python -m pytest -p no:cacheprovider ../shared/acceptance; \
	else echo "../shared/acceptance is not here; skipping the contract's acceptance tests"; fi

messages: $(VENV)/.installed-test
	$(BIN)/python manage.py makemessages -l nb -l nn -l en --no-obsolete --no-location \
	  -i '.venv/*' -i 'var/*' -i 'tests/*' -i 'bench/*' -i 'node_modules/*'
	$(BIN)/python manage.py compilemessages -i .venv -i node_modules

clean:
	rm -rf $(VENV) var node_modules .mypy_cache .ruff_cache .pytest_cache
