"""The window's engine in its worker process: a cancel stops the page in progress at its next step and
keeps the process and its loaded models for the next page (issue 17)."""

from __future__ import annotations

import threading
import time

import pytest

from docscan.core import engine_process
from docscan.core.engine import EngineConfig
from docscan.core.errors import Cancelled
from docscan.core.engine_process import ProcessEngine
from helpers import squash, text_image

WORDS = "invoice total amount paid balance due reference order shipped customer account number".split()


def dense_page():
    """About 70 lines of small print: seconds of recognition, many batches."""
    lines = [" ".join(WORDS[(row * 5 + k) % len(WORDS)] for k in range(8)) + f" {row:04d}" for row in range(70)]
    return text_image(lines, fontsize=8, height=792)


def test_cancel_stops_the_page_at_its_next_step_and_keeps_the_engine_process(store, monkeypatch):
    # only the cooperative stop may end the page here: the fallback that kills the process waits a minute
    monkeypatch.setattr(engine_process, "CANCEL_GRACE", 60.0)
    engine = ProcessEngine(EngineConfig(), store)
    try:
        engine.load()
        pid = engine._process.pid
        outcome = {}

        def recognise():
            try:
                outcome["page"] = engine.recognize_image(dense_page())
            except Cancelled as exc:
                outcome["cancelled"] = exc

        worker = threading.Thread(target=recognise)
        worker.start()
        deadline = time.monotonic() + 30
        while not engine._busy and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.05)  # into the page (it takes seconds)
        engine.interrupt()
        worker.join(30)
        assert not worker.is_alive() and "cancelled" in outcome, outcome
        assert engine.loaded and engine._process.pid == pid  # not killed: the models stay loaded

        page, _ = engine.recognize_image(text_image(["Still here after a cancel"], fontsize=22))
        assert squash(page.lines[0].text) == "stillhereafteracancel" and engine._process.pid == pid
    finally:
        engine.close()
