# duikou — set-up, demo, tests and benchmarks. Every target installs what it needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
DUIKOU := $(VENV)/bin/duikou
STAMP := .make
VENDOR := duikou/static/vendor
HOST ?= 127.0.0.1
PORT ?= 8000
# Debian's Chromium, driven by Playwright through executable_path (no browser download).
CHROMIUM ?= /usr/bin/chromium

.PHONY: demo test test-fast bench setup assets browser lint messages clean serve bundle bundle-check lock

setup: $(STAMP)/python $(STAMP)/assets $(STAMP)/gettext

$(STAMP)/python: pyproject.toml requirements.lock
	@mkdir -p $(STAMP)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[dev]' -c requirements.lock
	@touch $@

$(STAMP)/assets: package.json
	@mkdir -p $(STAMP)
	npm install --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)/htmx $(VENDOR)/echarts $(VENDOR)/bootstrap $(VENDOR)/tom-select
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/
	cp node_modules/echarts/dist/echarts.min.js $(VENDOR)/echarts/
	cp node_modules/bootstrap/dist/css/bootstrap.min.css $(VENDOR)/bootstrap/
	cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js $(VENDOR)/bootstrap/
	cp node_modules/tom-select/dist/js/tom-select.complete.min.js $(VENDOR)/tom-select/
	cp node_modules/tom-select/dist/css/tom-select.bootstrap5.min.css $(VENDOR)/tom-select/
	@touch $@

assets: $(STAMP)/assets

# System packages from Debian: gettext compiles translations, chromium runs browser tests.
$(STAMP)/gettext:
	@mkdir -p $(STAMP)
	@command -v msgfmt >/dev/null || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; }
	@touch $@

browser:
	@test -x $(CHROMIUM) || { echo "Installing Debian's chromium for browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

messages: setup $(SECRET_KEY_FILE)
	cd duikou && ../$(DUIKOU) makemessages -l zh_Hans --no-obsolete --no-location
	$(DUIKOU) compilemessages --ignore=.venv --ignore=node_modules

# The demo keeps its own random secret key in var/ (made once); settings read it through
# SECRET_KEY_FILE. Production gives SECRET_KEY itself and fails loudly without one.
SECRET_KEY_FILE ?= $(CURDIR)/var/secret_key
export SECRET_KEY_FILE

$(SECRET_KEY_FILE):
	mkdir -p $(dir $@)
	(umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@)

demo: setup $(SECRET_KEY_FILE)
	mkdir -p var
	$(DUIKOU) compilemessages --ignore=.venv --ignore=node_modules >/dev/null
	$(DUIKOU) migrate --noinput
	$(DUIKOU) load_reference
	$(DUIKOU) demo_data --scale demo
	@echo "Serving on http://$(HOST):$(PORT)/ with one task worker  (Ctrl-C stops both)"
	$(DUIKOU) worker & worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	  $(DUIKOU) runserver $(HOST):$(PORT)

# The production stack (gunicorn + a task worker, hashed compressed static files, DEBUG off)
# against DATABASE_URL (default: the demo's SQLite). docs/deployment.md.
serve: setup $(SECRET_KEY_FILE)
	mkdir -p var
	$(DUIKOU) compilemessages --ignore=.venv --ignore=node_modules >/dev/null
	DUIKOU=$(DUIKOU) GUNICORN=$(VENV)/bin/gunicorn BIND=$(HOST):$(PORT) deploy/serve.sh

BUNDLE_CHECK_PORT ?= 8117
# The offline installation archive (dist/duikou-<version>-py<X.Y>-<machine>.tar.gz) for the
# Python of BUNDLE_PYTHON (default the venv's); `bundle-check` builds one and installs it with no network (CI runs it).
BUNDLE_PYTHON ?= $(PY)
bundle: setup
	$(DUIKOU) compilemessages --ignore=.venv --ignore=node_modules >/dev/null
	PYTHON=$(BUNDLE_PYTHON) deploy/bundle.sh

bundle-check: setup
	$(DUIKOU) compilemessages --ignore=.venv --ignore=node_modules >/dev/null
	PYTHON=$(BUNDLE_PYTHON) PORT=$(BUNDLE_CHECK_PORT) deploy/check_bundle.sh

# requirements.lock: the pinned runtime dependencies, resolved afresh in a new venv.
lock:
	rm -rf .make/lock && $(PYTHON) -m venv .make/lock
	.make/lock/bin/pip install --quiet --upgrade pip && .make/lock/bin/pip install --quiet .
	{ sed -n '1,3p' requirements.lock; .make/lock/bin/pip freeze --exclude duikou; } > requirements.lock.new
	mv requirements.lock.new requirements.lock && rm -rf .make/lock

test: setup browser $(SECRET_KEY_FILE)
	$(DUIKOU) compilemessages --ignore=.venv --ignore=node_modules >/dev/null
	$(VENV)/bin/ruff check duikou bench
	CHROMIUM=$(CHROMIUM) $(VENV)/bin/pytest

test-fast: setup $(SECRET_KEY_FILE)
	$(VENV)/bin/pytest -m "not browser"

bench: setup $(SECRET_KEY_FILE)
	$(PY) -m bench.run $(BENCH)

lint: setup
	$(VENV)/bin/ruff check duikou bench

clean:
	rm -rf $(STAMP) $(VENDOR) var .bench dist
