# banli task runner: the README's two commands are `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

FRONTEND := frontend
FRONT_STAMP := $(FRONTEND)/node_modules/.installed

.PHONY: run test install lint format bench clean frontend frontend-test pytest db demo

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

$(FRONT_STAMP): $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && npm ci --no-audit --no-fund
	touch $(FRONT_STAMP)

## Build the portal into frontend/dist (served by the API at /).
frontend: $(FRONT_STAMP)
	cd $(FRONTEND) && npm run build

## Migrate the database, then fill the demo county if it is empty.
db: install
	$(BIN)/banli migrate
demo: db
	$(BIN)/banli demo

## Install everything and run the whole system on SQLite: API + SPA + demo data, with the
## webhook worker beside it (stopped with the API).
run: install frontend demo
	@echo "banli: http://$(HOST):$(PORT)/  (API: /api/v1, docs: /api/v1/docs)"
	$(BIN)/banli worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/uvicorn api.main:app --host $(HOST) --port $(PORT)

## Every test: lint, types, domain and API tests (SQLite and PostgreSQL), the portal's checks
## and its end-to-end tests in a real browser.
test: lint pytest frontend-test

pytest: install
	$(BIN)/pytest

## Portal checks: types, unit tests (incl. stale schema.d.ts), browser e2e, bundle size.
frontend-test: install frontend
	cd $(FRONTEND) && npm run typecheck
	cd $(FRONTEND) && npm run test:unit
	cd $(FRONTEND) && npm run test:e2e
	cd $(FRONTEND) && npm run size

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python bench/bench_deadlines.py
	$(BIN)/python bench/bench_letters.py
	$(BIN)/python bench/bench_import.py
	$(BIN)/python bench/bench_ledger.py
	$(BIN)/python bench/bench_similar.py
	$(BIN)/python bench/bench_api.py
	$(BIN)/python bench/bench_load.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
