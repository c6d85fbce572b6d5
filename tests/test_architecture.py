"""Layering rules that keep the core usable without a GUI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_core_never_imports_qt():
    """import-linter's contract in pyproject.toml: docscan.core imports no Qt binding."""
    lint = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run([str(lint), "--config", str(REPO / "pyproject.toml")], cwd=REPO, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "The core never imports Qt KEPT" in done.stdout


def test_importing_the_core_loads_neither_qt_nor_paddle():
    modules = ["docscan", "docscan.cli"] + [f"docscan.core.{p.stem}" for p in (REPO / "app/docscan/core").glob("*.py")]
    probe = (f"import sys; [__import__(m) for m in {modules!r}];"
             "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'paddle', 'paddleocr', 'paddlex'));"
             "print(bad)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
