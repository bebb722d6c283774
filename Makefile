# Qorgau: `make demo` and `make test` are all a fresh machine needs (Python >= 3.12 and git).
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

# The first interpreter that really runs and is >= 3.12: candidates are tried by running them,
# since pyenv shims exist for versions that are not selected and then fail.
PY_CANDIDATES := python3.14 python3.13 python3.12 python3 python \
	$(sort $(wildcard $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3)) \
	$(sort $(wildcard /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9]))
PYTHON_FOUND = $(firstword $(foreach p,$(PY_CANDIDATES),$(shell $(p) -c 'import sys; assert sys.version_info >= (3, 12)' >/dev/null 2>&1 && echo $(p))))

.PHONY: help demo serve test lint check-translations messages bench bench-match bench-stats bench-pages clean

help:
	@echo "make demo   - install, migrate SQLite, load demo data, print logins, serve on http://$(HOST):$(PORT)"
	@echo "make test   - ruff, mypy, makemigrations --check and the whole pytest suite"

$(BIN)/python:
	@py="$(PYTHON_FOUND)"; \
	if [ -z "$$py" ]; then echo "Qorgau needs Python >= 3.12; none found on PATH or under pyenv." >&2; exit 1; fi; \
	echo "Creating $(VENV) with $$py"; \
	"$$py" -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.lock
	$(BIN)/python -m pip install --quiet -r requirements-dev.lock
	@touch $@

demo: $(VENV)/.runtime
	@mkdir -p var
	$(BIN)/qorgau migrate --no-input -v 0
	$(BIN)/qorgau demo
	$(BIN)/qorgau reminders
	$(BIN)/qorgau serve --worker --host $(HOST) --port $(PORT)

serve: $(VENV)/.runtime
	$(BIN)/qorgau serve --host $(HOST) --port $(PORT)

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy qorgau $(wildcard bench/*.py)
	$(BIN)/qorgau makemigrations --check --dry-run

test: lint
	$(BIN)/pytest -q -n auto $(PYTEST_ARGS)

# Regenerate the translation catalogues after changing user-facing strings (needs GNU gettext).
messages: $(VENV)/.dev
	cd qorgau && ../$(BIN)/qorgau makemessages -l kk -l ru -l en --no-obsolete --no-location -i "names/*"
	cd qorgau && ../$(BIN)/qorgau compilemessages

# Benchmarks print their figures; PostgreSQL ones run on a throw-away server.
bench: $(VENV)/.dev
	bash -c '. scripts/postgres-temp.sh && pg_temp_start && $(BIN)/python bench/generate.py --postgres "$$DATABASE_URL"'

# Matching benchmarks (issues 5, 15): FEBRL4/FEBRL3, the generated source lists, the adversarial
# lists (seeds 1-3, with a reliability table); figures only.
bench-match: $(VENV)/.dev
	$(BIN)/python bench/match_febrl.py
	$(BIN)/python bench/match_lists.py
	$(BIN)/python bench/match_adversarial.py --seeds 1 2 3 --size 3000
	@if [ -f bench/match_million.py ]; then $(BIN)/python bench/match_million.py; fi

# Key figures over 1,000,000 people on SQLite and PostgreSQL beside DuckDB over Parquet (the
# first run generates the people: several minutes per database).
bench-stats: $(VENV)/.dev
	@mkdir -p var
	bash -c '. scripts/postgres-temp.sh && pg_temp_start && $(BIN)/python bench/stats.py --database sqlite:///$(CURDIR)/var/bench-stats.sqlite3 --database "$$DATABASE_URL"'

# The pages over HTTP as users meet them (issue 12), at 10k, 100k and 1M people on SQLite and on a
# throw-away PostgreSQL (registries are kept in var/bench-pages/ and reused). BENCH_PAGES_ARGS
# narrows it, e.g. BENCH_PAGES_ARGS="--sizes 10000 100000".
bench-pages: $(VENV)/.dev
	@mkdir -p var
	bash -c '. scripts/postgres-temp.sh && pg_temp_start && $(BIN)/python bench/pages.py --postgres "$$DATABASE_URL" $(BENCH_PAGES_ARGS)'

clean:
	rm -rf $(VENV) var/static
