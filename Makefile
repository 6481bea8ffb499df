# The README's two commands: `make demo` (set up everything, run the pipeline demo) and `make test`.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test lint stack-up stack-down clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PY) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version'
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

demo: setup
	$(BIN)/wirewatch demo

test: setup lint
	$(BIN)/wirewatch stack up
	$(BIN)/pytest -ra

lint: setup
	$(BIN)/ruff check .

stack-up: setup
	$(BIN)/wirewatch stack up

stack-down: setup
	$(BIN)/wirewatch stack down

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
