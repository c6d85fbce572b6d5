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
                     "The window and the service are independent of each other",
                     "No import cycles between the packages of docscan"):
        assert f"{contract} KEPT" in done.stdout


def test_importing_the_core_loads_neither_qt_nor_paddle():
    core = REPO / "app/docscan/core"
    modules = ["docscan", "docscan.cli"] + ["docscan.core." + ".".join(p.relative_to(core).with_suffix("").parts)
                                            for p in core.rglob("*.py") if p.name != "__init__.py"]
    probe = (f"import sys; [__import__(m) for m in {modules!r}];"
             "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'paddle', 'paddleocr', 'paddlex'));"
             "print(bad)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


MAX_CLASS_LINES = 600  # issue 27: a class longer than this does too many things to find one's way in


def test_no_class_is_longer_than_the_limit():
    import ast

    long_classes = []
    for path in sorted((REPO / "app" / "docscan").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > MAX_CLASS_LINES:
                long_classes.append(f"{path.relative_to(REPO)}: {node.name} ({node.end_lineno - node.lineno + 1} lines)")
    assert not long_classes, long_classes
