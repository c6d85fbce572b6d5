"""Peak resident memory of the window (its process and its engine's worker process together) with a
scanned PDF open and every page recognised (issue 28: under 1.5 GB for 300 pages). The PDF is
benchmarks/memory.py's: receipts and forms as 300-dpi JPEG pages. Runs the real window offscreen.

    QT_QPA_PLATFORM=offscreen python benchmarks/window_memory.py [--pages 300]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from memory import TreePeak, scanned_pdf  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds to wait for the last page")
    args = parser.parse_args()
    from PySide6.QtCore import QEventLoop, QTimer

    from docscan.gui.launch import create_app
    from docscan.gui.settings import Settings

    tmp = tempfile.mkdtemp(prefix="docscan-window-memory-")
    try:
        pdf = scanned_pdf(Path(tmp) / f"scanned-{args.pages}.pdf", args.pages)
        app, window = create_app([str(pdf)], settings=Settings(Path(tmp) / "settings.ini"))
        with TreePeak(psutil.Process()) as peak:
            window.resize(1360, 860)
            window.show()
            window.start_engine()
            recognised = []
            window.pageRecognised.connect(lambda key, index: recognised.append(index))
            loop = QEventLoop()
            window.ocrFinished.connect(lambda key, cancelled: loop.quit())
            started = time.perf_counter()
            QTimer.singleShot(2000, window.recognise_all_pages)  # once the document has opened
            QTimer.singleShot(int(args.timeout * 1000), loop.quit)
            loop.exec()
            wall = time.perf_counter() - started
        print(f"| {args.pages} pages | {len(set(recognised))} recognised | peak {peak.peak_mb:.0f} MB (window + "
              f"engine process) | {wall:.0f} s |", flush=True)
    finally:
        # A measurement, not a session to keep: closing the window would offer to keep 300 pages of results
        # (a question no one answers offscreen), so the engine process is ended and this one leaves.
        for child in psutil.Process().children(recursive=True):
            child.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    os._exit(0)


if __name__ == "__main__":
    raise SystemExit(main())
