# The two commands a fresh machine needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_LIBRARY := demo-library

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# The pip the venv ships with, not upgraded: what a user's `python3 -m venv` has, so
	# every test run proves a stock pip installs a glossator that works.
	$(BIN)/pip install --quiet -e '.[test]'
	# Bytecode now, as a regular install does: the first `glossator open` is as quick as
	# the rest even where PYTHONDONTWRITEBYTECODE is set.
	$(BIN)/python -m compileall -q annotations reader
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m reader.demo $(DEMO_LIBRARY)
	GLOSSATOR_LIBRARY=$(DEMO_LIBRARY) $(BIN)/glossator

test: $(STAMP)
	$(BIN)/ruff check annotations reader tests benchmarks
	# On every core: the suite is mostly waiting on apps and subprocesses. The snapshot
	# tests share one fixed folder, so they form one xdist group (one worker, in turn).
	$(BIN)/python -m pytest -q -n auto --dist loadgroup

bench: $(STAMP)
	$(BIN)/python benchmarks/store_bench.py && $(BIN)/python benchmarks/pdf_bench.py
	$(BIN)/python benchmarks/vault_bench.py
	$(BIN)/python benchmarks/w3c_bench.py
	$(BIN)/python benchmarks/reanchor_bench.py && $(BIN)/python -m pytest -q -m slow
	$(BIN)/python benchmarks/qdpx_bench.py
	$(BIN)/python benchmarks/actors_bench.py
	$(BIN)/python benchmarks/search_bench.py
	$(BIN)/python benchmarks/matrix_bench.py
	$(BIN)/python benchmarks/suggest_bench.py
	$(BIN)/python benchmarks/sync_bench.py

clean:
	rm -rf $(VENV) $(DEMO_LIBRARY) .pytest_cache
