# TĐKT: the only entry points. `make run` serves the product; `make test` checks everything.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
TDKT := $(VENV)/bin/tdkt
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
export PYTHONDONTWRITEBYTECODE := 1
# Where settings look for the installation's random SECRET_KEY when SECRET_KEY is not set (see README).
VAR_DIR := $(or $(TDKT_VAR_DIR),var)

.PHONY: setup run test test-sqlite test-postgres lint system-packages clean messages bench
.PHONY: bench-setup load drill-pg-restart drill-worker-kill drill-backup

setup: $(VENV)/.installed node_modules/.installed locale/en/LC_MESSAGES/django.mo

$(VENV)/.installed: requirements.lock requirements-dev.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Cần Python >= 3.11")'
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	@[ -x $(VENV)/bin/uv ] || $(VENV)/bin/pip install -q uv
	$(VENV)/bin/uv pip install -q --python $(PY) -r requirements.lock -r requirements-dev.lock
	$(VENV)/bin/uv pip install -q --python $(PY) --no-deps -e .
	@touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || scripts/apt-install.sh nodejs npm
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

locale/en/LC_MESSAGES/django.mo: locale/en/LC_MESSAGES/django.po $(VENV)/.installed
	$(PY) -c 'import polib; polib.pofile("$<").save_as_mofile("$@")'

# A random SECRET_KEY of this installation, kept in var/ (settings read it when SECRET_KEY is not set).
$(VAR_DIR)/secret_key:
	@mkdir -p $(VAR_DIR)
	@umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(64))' > $@

run: setup $(VAR_DIR)/secret_key
	$(TDKT) migrate --noinput
	$(TDKT) demo load
	@$(MAKE) --no-print-directory $(STATIC_STAMP)
	@echo "TĐKT: http://$(HOST):$(PORT)/"
	@# The background worker (certificate printing, large imports) runs beside gunicorn and stops with it.
	$(TDKT) certificates recover
	$(TDKT) awards recover
	$(TDKT) db_worker --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	$(VENV)/bin/gunicorn config.wsgi --bind $(HOST):$(PORT) --workers 2 --threads 4 --access-logfile -

# collectstatic hashes and compresses every file (~45 s): only when a static source changed since the last
# run. The stamp lives beside the collected files, so a new STATIC_ROOT or a `make clean` collects again.
STATIC_ROOT_DIR := $(or $(STATIC_ROOT),$(or $(TDKT_VAR_DIR),var)/static)
STATIC_STAMP := $(STATIC_ROOT_DIR)/.collected
STATIC_SOURCES := $(shell find static -type f 2>/dev/null) config/settings.py $(VENV)/.installed node_modules/.installed

$(STATIC_STAMP): $(STATIC_SOURCES)
	$(TDKT) collectstatic --noinput -v 0
	@touch $@

system-packages:
	@scripts/apt-install.sh --if-missing

lint: setup $(VAR_DIR)/secret_key
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) scripts/audit_requirements.py

test: setup system-packages lint test-sqlite test-postgres

test-sqlite: setup
	DATABASE_URL=sqlite:///:memory: $(VENV)/bin/pytest -n 2 $(PYTEST_ARGS)

test-postgres: setup
	scripts/with-postgres.sh $(VENV)/bin/pytest -n 2 $(PYTEST_ARGS)

bench: setup $(VAR_DIR)/secret_key
	scripts/with-postgres.sh $(PY) bench/run.py

# Reliability (docs/reliability.md): the year-end load and the fault and backup drills, each on a throw-away
# PostgreSQL (and SQLite where it applies). A few minutes each; not part of `make test`.
bench-setup: setup
	$(VENV)/bin/uv pip install -q --python $(PY) -r requirements-bench.lock

load: bench-setup $(VAR_DIR)/secret_key
	scripts/with-postgres.sh $(PY) bench/load.py

drill-pg-restart: setup $(VAR_DIR)/secret_key
	scripts/with-postgres.sh $(PY) scripts/drill_pg_restart.py

drill-worker-kill: setup $(VAR_DIR)/secret_key
	scripts/with-postgres.sh $(PY) scripts/drill_worker_kill.py
	rm -f $(VAR_DIR)/drill-kill.sqlite3*
	DATABASE_URL=sqlite:///$(abspath $(VAR_DIR))/drill-kill.sqlite3 $(PY) scripts/drill_worker_kill.py

drill-backup: setup $(VAR_DIR)/secret_key
	scripts/with-postgres.sh $(PY) scripts/drill_backup.py
	DATABASE_URL=sqlite:///$(abspath $(VAR_DIR))/drill-backup.sqlite3 $(PY) scripts/drill_backup.py

clean:
	rm -rf $(VENV) node_modules var
