# Newsroom: `make run` serves the app with the seed imported; `make test` runs the tests.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test venv lint messages vnu

## Create .venv with a Python >= 3.12 and install requirements.txt (only when it changed).
venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	@set -eo pipefail; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
	  python=$$(scripts/find-python); \
	  echo "Creating $(VENV) with $$python"; \
	  rm -rf $(VENV); "$$python" -m venv $(VENV); \
	fi; \
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }; \
	touch $@

## Serve the app on http://$(HOST):$(PORT)/ (and the background task worker) with the
## embedded SQLite database and the
## pieces in seeds/ imported and published (once: a second run changes nothing).
run: venv
	@set -e; export DJANGO_DEBUG=$${DJANGO_DEBUG:-1}; \
	$(PY) manage.py migrate --no-input -v0; \
	$(PY) manage.py render_articles -v0 >/dev/null; \
	$(PY) manage.py load_missing_fixtures; \
	$(PY) manage.py ensure_admin; \
	$(PY) manage.py import_articles --publish --user "$${NEWSROOM_ADMIN_USERNAME:-admin}" --verbosity 0 seeds/; \
	echo "Site: http://$(HOST):$(PORT)/   Admin: http://$(HOST):$(PORT)/admin/"; \
	$(PY) manage.py db_worker --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

## Serve with gunicorn and production settings (see README "Deploying"): DEBUG off,
## DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL and REDIS_URL from the
## environment. Migrates, renders stored bodies and collects static files first.
WORKERS ?= 2
serve: venv
	@set -e; unset DJANGO_DEBUG; \
	$(PY) manage.py migrate --no-input -v0; \
	$(PY) manage.py render_articles -v0 >/dev/null; \
	$(PY) manage.py collectstatic --no-input -v0; \
	exec $(VENV)/bin/gunicorn newsroom.wsgi --bind $(HOST):$(PORT) \
	  --workers $(WORKERS) --max-requests 5000 --max-requests-jitter 500 \
	  --access-logfile - --forwarded-allow-ips 127.0.0.1

## Run the whole test suite (SQLite, or PostgreSQL when DATABASE_URL points at one),
## on TEST_WORKERS processes (a test file stays on one worker).
TEST_WORKERS ?= 2
test: venv
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

## The W3C Nu HTML checker (vnu.jar, run with Java) the HTML validity test uses.
VNU_JAR := node_modules/vnu-jar/build/dist/vnu.jar
vnu: $(VNU_JAR)

$(VNU_JAR):
	npm install --no-save --no-audit --no-fund vnu-jar@26.9.27

lint: venv
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

## Refresh the Arabic catalogues (Python and templates; scripts) after changing
## interface strings, then compile them.
messages: venv
	DJANGO_DEBUG=1 $(PY) manage.py makemessages -l ar --no-obsolete --add-location file --ignore 'ingest/tests/data/*'
	DJANGO_DEBUG=1 $(PY) manage.py makemessages -d djangojs -l ar --no-obsolete --add-location file --ignore 'ingest/tests/data/*'
	DJANGO_DEBUG=1 $(PY) manage.py compilemessages -l ar --ignore=.venv
