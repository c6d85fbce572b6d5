"""``docscan --self-test``: check an install or a bundle without a screen.

It builds the real window offscreen, opens the bundled sample, recognises it through the window's own
worker thread, prints the text, and compares it with the sample's known text (whitespace ignored: the
Chinese+English recogniser often joins English words). Exit 0 when it matches, 1 when it does not, 3 when
the engine cannot start."""

from __future__ import annotations

import os
import re
import sys
import time
import unicodedata

MAX_CHARACTER_ERROR = 0.05


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def character_error(expected: str, got: str) -> float:
    """Levenshtein distance over the expected length (a small DP: the sample is a few hundred characters)."""
    a, b = _squash(expected), _squash(got)
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1] / max(1, len(a))


def run() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer

    from ..resources import sample_document, sample_text
    from .launch import create_app

    app, window = create_app([sample_document()])
    outcome: dict = {}

    def wait(signal, timeout_ms: int) -> None:
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()

    window.engineStateChanged.connect(lambda state: outcome.setdefault("engine", state))
    window.start_engine()
    while "engine" not in outcome or outcome["engine"] == "loading":
        outcome.pop("engine", None)
        wait(window.engineStateChanged, 120_000)
        if "engine" not in outcome:
            break
    if outcome.get("engine") != "ready":
        print(f"self-test: the OCR engine did not start: {window.engine_error or 'timed out'}", file=sys.stderr)
        window.shutdown()
        return 3
    opened = time.monotonic()
    while window.current_doc is None or not window.current_doc.opened:
        if time.monotonic() - opened > 60:  # the sample did not open: say so rather than wait for ever
            print("self-test: FAILED: the sample document did not open "
                  f"({window.progress_label.text() or 'no answer in 60 s'})", file=sys.stderr)
            window.shutdown()
            return 1
        wait(window.documentOpened, 5_000)
    window.ocrFinished.connect(lambda key, cancelled: outcome.setdefault("ocr", not cancelled))
    window.recognise_all_pages()
    wait(window.ocrFinished, 300_000)
    doc = window.current_doc
    text = doc.document_result().text if doc and doc.results else ""
    for d in window.docs.values():
        d.dirty = False
    window.shutdown()
    print(text)
    error = character_error(sample_text(), text)
    if not outcome.get("ocr") or error > MAX_CHARACTER_ERROR:
        print(f"self-test: FAILED: the text differs from the sample's by {error:.1%} of its characters "
              f"(at most {MAX_CHARACTER_ERROR:.0%} allowed)", file=sys.stderr)
        return 1
    print(f"self-test: OK ({error:.1%} character difference from the sample's known text)", file=sys.stderr)
    return 0
