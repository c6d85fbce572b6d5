#!/usr/bin/env bash
# Refresh constraints.txt (run through `make lock`, after changing a pin in pyproject.toml or to take newer
# versions of what the pins pull in): install DocScan with the dev extra into a fresh virtual environment
# from pyproject.toml's pins alone, run the whole test suite there, and only when it passes replace
# constraints.txt with what that environment holds. A refresh that fails leaves constraints.txt as it was
# (and the failing environment in .venv-lock to look into). Commit constraints.txt after it passes.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
LOCK_VENV=.venv-lock
rm -rf "$LOCK_VENV"
"$PYTHON" -m venv "$LOCK_VENV"
"$LOCK_VENV/bin/python" -m pip install -q pip==26.3
"$LOCK_VENV/bin/python" -m pip install -q -e '.[dev]'
{ sed -n '1,2p' constraints.txt; "$LOCK_VENV/bin/python" -m pip freeze --exclude-editable | grep -v '^docscan'; } \
    > constraints.candidate.txt
echo "refresh: testing the new versions ($(wc -l < constraints.candidate.txt) lines; diff below)"
diff constraints.txt constraints.candidate.txt || true
"$LOCK_VENV/bin/docscan" models setup
for ts in resources/translations/*.ts; do  # the window's translations, as make compiles them (a test reads them)
    "$LOCK_VENV/bin/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done
if QT_QPA_PLATFORM=offscreen "$LOCK_VENV/bin/python" -m pytest -q; then
    mv constraints.candidate.txt constraints.txt
    rm -rf "$LOCK_VENV"
    echo "refresh: the tests pass with the new versions; constraints.txt updated (review and commit it)"
else
    echo "refresh: the tests failed with the new versions; constraints.txt is unchanged" \
         "(the candidate is constraints.candidate.txt, its environment $LOCK_VENV)" >&2
    exit 1
fi
