# The two commands of the README: `make run` (the hub end to end) and `make test` (the suite).
# Both set up what a fresh machine lacks first; setup is idempotent and quick when done.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup run test test-fast test-long bench clean

$(STAMP): pyproject.toml
	deploy/dev/setup-system.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip setuptools wheel
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)
	$(BIN)/koordinate broker fetch

run: setup
	$(BIN)/koordinate --log-format console up

# static types first ([tool.mypy] in pyproject.toml: strict on schemas/ and hub/engine/): seconds, its cache in
# .mypy_cache, and a type error stops the run before the suite's minutes
test: setup
	$(BIN)/mypy
	$(BIN)/pytest -q

test-fast: setup
	$(BIN)/pytest -q -m 'not kafka and not reliability'

# the reliability runs of minutes that `make test` leaves out (the soak: -m soak, see docs/reliability.md)
test-long: setup
	$(BIN)/pytest -q -m long

bench: setup
	$(BIN)/python -m bench

clean:
	-$(BIN)/koordinate broker stop
	rm -rf .koordinate
