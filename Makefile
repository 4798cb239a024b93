# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: install run worker test lint messages clean backup restore

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

## Start the portal with demo data on SQLite at http://127.0.0.1:8000, and a job worker beside it
## (its mail goes to the console); Ctrl-C stops both
# The mails' links (KYOSO_BASE_URL) lead to the address `make run` serves, HOST and PORT included.
run: export KYOSO_BASE_URL = http://$(HOST):$(PORT)
run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python -m mishima_kyoso.common.pdf_fonts  # Japanese faces of the PDFs, once per machine
	@$(BIN)/python manage.py qcluster & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## Start a job worker alone (mail, reminders, periodic jobs): production-like setups, or a second one
worker: $(STAMP)
	$(BIN)/python manage.py qcluster

## Run the whole test suite (SQLite by default; DATABASE_URL=postgres://… for PostgreSQL)
test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run

## Refresh the Japanese catalogue after changing strings (needs GNU gettext)
messages: $(STAMP)
	$(BIN)/python manage.py makemessages --locale ja --ignore '$(VENV)/*' --ignore 'benchmarks/*' --ignore 'tests/*' --no-obsolete
	$(BIN)/python manage.py compilemessages --locale ja

## Back up the database and every stored file (BACKUP=path to choose; a name ending in .tar: one file)
backup: $(STAMP)
	$(BIN)/python manage.py backup $(if $(BACKUP),--output "$(BACKUP)")

## Restore a backup into an empty database and storages: make restore BACKUP=path (FORCE=1 to replace)
restore: $(STAMP)
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=backups/kyoso-<date>-<time> [FORCE=1]"; exit 2; }
	$(BIN)/python manage.py restore "$(BACKUP)" $(if $(FORCE),--force)

clean:
	rm -rf $(VENV) db.sqlite3 private-media staticfiles .pytest_cache
