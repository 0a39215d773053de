# The two commands a new user needs (see README.md):
#   make serve   set everything up and serve the site on http://127.0.0.1:8000
#   make test    set everything up (Python packages, Chromium, axe-core, vnu) and run every test
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
# Reproducible output: MkDocs dates the sitemap with this instead of the clock (see README).
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: setup serve edit build validate lint test test-deps bench editor-screenshots clean

# requirements.lock pins every package to the version the tests passed with (pyproject.toml has the ranges).
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --constraint requirements.lock -e '.[test]'
	touch $@

# The web editor (Decap CMS) that the site build copies to /admin/, and its local backend.
editor/node_modules/.installed: editor/package-lock.json
	bash scripts/npm-ci.sh editor
	touch $@

setup: $(VENV)/.installed editor/node_modules/.installed

serve: setup
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

build: setup
	$(VENV)/bin/mkdocs build --strict

# The web editor on this machine, without GitHub (docs/bidra.md): decap-server in git mode on
# 127.0.0.1:8081 saves each change as a branch cms/… of this clone; only this build's editor
# talks to it (KB_EDITOR_LOCAL=1), the published one never calls the visitor's machine.
edit: setup
	PORT=8081 BIND_HOST=127.0.0.1 MODE=git GIT_REPO_DIRECTORY=$(CURDIR) node editor/node_modules/decap-server/dist/index.js & \
	trap 'kill $$!' EXIT INT TERM; KB_EDITOR_LOCAL=1 $(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

validate: setup
	$(PY) -m kunskapsbanken validate

test-deps: setup
	bash scripts/install-test-deps.sh

# Lint and type checks first: they take seconds and name the line (config in pyproject.toml).
lint: setup
	$(VENV)/bin/ruff check plugins tests bench scripts
	$(VENV)/bin/mypy

test: test-deps lint
	$(PY) -m kunskapsbanken validate $(if $(GITHUB_ACTIONS),--format github)
	$(PY) -m pytest -n 2 --dist loadfile
	$(PY) -m bench --smoke

bench: setup
	$(PY) -m bench

# The Bidra page's pictures of the web editor, taken by its browser test.
editor-screenshots: setup
	KB_EDITOR_SCREENSHOTS=docs/assets/images $(PY) -m pytest tests/test_editor.py -q

clean:
	rm -rf site $(VENV) tests/browser/node_modules editor/node_modules test-output
