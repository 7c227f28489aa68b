# Hub: `make run` sets up and serves the site, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run worker install install-test browser-deps migrate demo admin serve bench test mutation lint format check audit messages clean

run: install migrate demo admin
	@echo ""
	@echo "Hub is ready:"
	@echo "  English: http://$(HOST):$(PORT)/en/"
	@echo "  Español: http://$(HOST):$(PORT)/es/"
	@echo "  Admin:   http://$(HOST):$(PORT)/admin/ (user $${ADMIN_USERNAME:-admin}, password $$(cat $${ADMIN_LOGIN_FILE:-.admin-login}))"
	@echo "  Jobs:    a worker runs beside the server (make worker); email prints here."
	@echo ""
	@$(MANAGE) run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

# The background worker alone: queued jobs (email, purges, search index) and the schedule
# (scheduled publishing, petition deadlines, housekeeping). Run it beside `make serve`.
worker: migrate
	exec $(MANAGE) run_worker

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(PIP) install -r requirements.txt
	@touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt | $(VENV)/bin/python
	$(PIP) install -r requirements-test.txt
	@touch $(VENV)/.installed $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

migrate: install
	$(MANAGE) migrate --no-input

demo: migrate
	$(MANAGE) load_demo_content

admin: migrate
	$(MANAGE) create_local_admin

# Production: static files, migrations, then gunicorn (hub/gunicorn.py) on 127.0.0.1:$(PORT),
# or on BIND. Needs the production environment (README, Deployment).
serve: export DJANGO_SETTINGS_MODULE = hub.settings.production
serve: export PORT := $(PORT)
serve: install
	$(MANAGE) collectstatic --no-input
	$(MANAGE) migrate --no-input
	exec $(VENV)/bin/gunicorn -c hub/gunicorn.py hub.wsgi

# The benchmark (bench/run.py): a large dataset on PostgreSQL (hub_bench), gunicorn with
# production settings on 127.0.0.1:8140-8142, a worker delivering the signers' email to a
# local SMTP sink (aiosmtpd, from requirements-test.txt), wrk from Debian. About 3.5 minutes.
bench: install-test
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)
	$(PY) -m bench.run

test: install-test browser-deps /usr/bin/sqlite3 /usr/bin/xgettext
	$(PY) -m pytest

# Mutation testing (README, Mutation testing): mutmut mutates the petitions app and the page
# cache ([tool.mutmut] in pyproject.toml) and runs their fast tests against each mutant, in
# mutants/. Slow, so not part of `make test` or CI. One worker: the mutants' test runs share
# one SQLite test database.
mutation: $(VENV)/.installed-mutation
	rm -rf mutants
	$(VENV)/bin/mutmut run --max-children 1
	$(VENV)/bin/mutmut export-cicd-stats
	@cat mutants/mutmut-cicd-stats.json
	@echo "Surviving mutants: $(VENV)/bin/mutmut results; one's diff: $(VENV)/bin/mutmut show NAME"

$(VENV)/.installed-mutation: requirements-mutation.txt $(VENV)/.installed-test
	$(PIP) install -r requirements-mutation.txt
	@touch $@

# The backup test runs sqlite3's .backup, as the README tells operators to.
/usr/bin/sqlite3:
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3

# The catalog test extracts the strings to translate as `make messages` does.
/usr/bin/xgettext:
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext

# The browser tests drive Debian's Chromium (never a browser a tool downloads itself)
# against gunicorn behind nginx (ending TLS, as in production), and inject axe-core from npm.
CHROMIUM ?= /usr/bin/chromium
NGINX ?= /usr/sbin/nginx

browser-deps: $(CHROMIUM) $(NGINX) node_modules/.installed

$(CHROMIUM):
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver

# Only the binary is used: the tests start nginx with a configuration of their own.
$(NGINX):
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm)
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

lint: install-test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports

format: install-test
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

check: install-test
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# Known vulnerabilities in the pinned requirements (pip-audit, through a script that checks
# what pip-audit skipped against PyPI's latest-release data and lists every package it could
# not check: ALLOW_UNAUDITED=1 makes those a warning, for machines that cannot reach PyPI's
# per-release data), and bandit's medium and high findings.
audit: install-test
	$(PY) .ci/audit_dependencies.py requirements.txt
	$(PY) -m bandit --configfile pyproject.toml --recursive --severity-level medium --quiet .

# Needs GNU gettext (apt-get install gettext); the compiled catalog is committed.
messages: install
	$(MANAGE) makemessages --locale es --no-obsolete --ignore ".venv/*" --ignore "staticfiles/*" \
		--ignore "node_modules/*" --ignore "tests/*"
	$(MANAGE) compilemessages --locale es --ignore ".venv/*"

clean:
	rm -rf $(VENV) node_modules staticfiles test-output .pytest_cache .ruff_cache mutants
