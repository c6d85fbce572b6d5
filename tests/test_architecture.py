"""Layering rules that keep the core usable without a GUI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_import_contracts_are_kept():
    """import-linter's contracts in pyproject.toml: docscan.core imports no Qt binding; the entry points (the
    CLI) sit above the window and the service, which sit above the core and never import each other."""
    lint = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run([str(lint), "--config", str(REPO / "pyproject.toml")], cwd=REPO, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    for contract in ("The core never imports Qt", "Layers: the entry points, then the window or the service, then the core",
                     "The window and the service are independent of each other"):
        assert f"{contract} KEPT" in done.stdout


def test_importing_the_core_loads_neither_qt_nor_paddle():
    modules = ["docscan", "docscan.cli"] + [f"docscan.core.{p.stem}" for p in (REPO / "app/docscan/core").glob("*.py")]
    probe = (f"import sys; [__import__(m) for m in {modules!r}];"
             "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'paddle', 'paddleocr', 'paddlex'));"
             "print(bad)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
