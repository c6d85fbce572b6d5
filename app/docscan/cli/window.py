"""``docscan`` and ``docscan FILE...``: the window, or why it cannot open."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Sequence

from .common import EXIT_ENGINE, EXIT_USAGE


def run_window(paths: Sequence[str]) -> int:
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                                                 or os.environ.get("QT_QPA_PLATFORM")):
        print("docscan: there is no screen to open the window on (DISPLAY is not set). "
              "Use 'docscan ocr FILE...' to recognise files from the command line.", file=sys.stderr)
        return EXIT_USAGE
    try:
        from ..gui.launch import run
    except ImportError as exc:
        print(f"docscan: the window cannot start ({exc}). Install PySide6-Essentials, or use "
              "'docscan ocr FILE...'.", file=sys.stderr)
        return EXIT_ENGINE
    missing = [p for p in paths if not Path(p).exists()]
    for path in missing:
        print(f"docscan: {path} does not exist.", file=sys.stderr)
    return run([p for p in paths if p not in missing])
