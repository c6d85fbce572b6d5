"""The window's engine in its worker process: a cancel stops the page in progress at its next step and
keeps the process and its loaded models for the next page (issue 17)."""

from __future__ import annotations

import threading
import time

import psutil
import pytest

from docscan.core import engine_process
from docscan.core.engine import EngineConfig
from docscan.core.errors import Cancelled
from docscan.core.engine_process import ProcessEngine
from helpers import squash, text_image

PAGE_STARTED_CPU = 0.1  # CPU seconds the engine process has spent on the page when the cancel comes

WORDS = "invoice total amount paid balance due reference order shipped customer account number".split()


def dense_page():
    """About 70 lines of small print: seconds of recognition, many batches."""
    lines = [" ".join(WORDS[(row * 5 + k) % len(WORDS)] for k in range(8)) + f" {row:04d}" for row in range(70)]
    return text_image(lines, fontsize=8, height=792)


def _cancel_a_page_in_progress(engine) -> dict:
    """Start a dense page on another thread, cancel it once the engine process works on it; the outcome."""
    engine_process_cpu = psutil.Process(engine.pid).cpu_times
    idle_cpu = sum(engine_process_cpu()[:2])  # it spends none while it waits for a request
    outcome = {}

    def recognise():
        try:
            outcome["page"] = engine.recognize_image(dense_page())
        except Cancelled as exc:
            outcome["cancelled"] = exc

    worker = threading.Thread(target=recognise)
    worker.start()
    deadline = time.monotonic() + 30
    while not engine.busy and time.monotonic() < deadline:
        time.sleep(0.01)
    while sum(engine_process_cpu()[:2]) < idle_cpu + PAGE_STARTED_CPU and time.monotonic() < deadline:
        time.sleep(0.01)  # into the page (it takes seconds): the engine process is working on it
    engine.interrupt()
    worker.join(30)
    assert not worker.is_alive()
    return outcome


def test_cancel_stops_the_page_at_its_next_step_and_keeps_the_engine_process(store, monkeypatch):
    # only the cooperative stop may end the page here: the fallback that kills the process waits a minute
    monkeypatch.setattr(engine_process, "CANCEL_GRACE", 60.0)
    engine = ProcessEngine(EngineConfig(), store)
    try:
        engine.load()
        pid = engine.pid
        outcome = _cancel_a_page_in_progress(engine)
        assert "cancelled" in outcome, outcome
        assert engine.loaded and engine.pid == pid  # not killed: the models stay loaded

        page, _ = engine.recognize_image(text_image(["Still here after a cancel"], fontsize=22))
        assert squash(page.lines[0].text) == "stillhereafteracancel" and engine.pid == pid
    finally:
        engine.close()


def test_a_cancels_grace_timer_never_stops_the_next_page(store, monkeypatch):
    """The race: a cancelled page can stop at its next step and end its call before interrupt() has armed the
    grace timer (so the call's end cannot cancel the timer); the next page starts, and the timer, running
    out during it, killed its process and that page came back Cancelled. Here the timer is armed only once
    the cancelled page's call has ended, which is that interleaving made certain."""
    monkeypatch.setattr(engine_process, "CANCEL_GRACE", 1.0)
    engine = ProcessEngine(EngineConfig(), store)
    armed_at = []
    real_timer = threading.Timer

    def timer_armed_after_the_call_ended(interval, function):
        deadline = time.monotonic() + 30
        while engine.busy and time.monotonic() < deadline:
            time.sleep(0.01)
        armed_at.append(time.monotonic())
        return real_timer(interval, function)

    monkeypatch.setattr(engine_process.threading, "Timer", timer_armed_after_the_call_ended)
    try:
        engine.load()
        pid = engine.pid
        assert "cancelled" in _cancel_a_page_in_progress(engine)
        assert engine.pid == pid and armed_at  # stopped at its next step; then the timer was armed
        while time.monotonic() < armed_at[0] + engine_process.CANCEL_GRACE + 0.5:  # until the timer has run out
            page, _ = engine.recognize_image(dense_page())  # seconds each: the timer runs out during one
            assert len(page.lines) > 30 and engine.pid == pid
    finally:
        engine.close()


def test_pdf_pages_are_rendered_and_read_in_the_engine_process(store, tmp_path, monkeypatch):
    """A page of a PDF file is rendered by the engine process, not the caller's (MuPDF holds the GIL while it
    draws, which stalled the window's main thread; issue 24 item 12): the text, the page's size and a turn
    by hand come back as when the page is rendered here, and a page that cannot be read gets its error."""
    import pymupdf

    from docscan.core import documents
    from docscan.core.document_run import recognize_page

    pdf = tmp_path / "letter.pdf"
    out = pymupdf.open()
    for words in ("First page of the letter", "Second page here"):
        page = out.new_page(width=595, height=842)
        image = text_image([words], fontsize=26)
        buffer = tmp_path / "page.png"
        image.save(buffer)
        page.insert_image(pymupdf.Rect(40, 40, 40 + image.width * 0.6, 40 + image.height * 0.6), filename=str(buffer))
    out.save(pdf)

    engine = ProcessEngine(EngineConfig(), store)
    try:
        with documents.open_document(str(pdf)) as document:
            here = [recognize_page(document, index, OcrEngineHere.get(store), 150, "always", turn)
                    for index, turn in ((0, 0), (1, 90))]

            def no_rendering_here(self, index, dpi):
                raise AssertionError("rendered in the caller's process")

            monkeypatch.setattr(type(document), "_render", no_rendering_here)
            there = [recognize_page(document, index, engine, 150, "always", turn) for index, turn in ((0, 0), (1, 90))]
        assert squash(" ".join(line.text for line in there[0].lines)) == "firstpageoftheletter"
        for mine, theirs in zip(here, there):
            assert (theirs.width, theirs.height, theirs.dpi) == (mine.width, mine.height, mine.dpi)
            assert [squash(line.text) for line in theirs.lines] == [squash(line.text) for line in mine.lines]
        assert there[1].width > there[1].height  # turned a quarter: the portrait page lies on its side

        with documents.open_document(str(pdf)) as document:
            pdf.write_bytes(b"%PDF-1.7\n" + b"0" * 64)  # the file is replaced by a damaged one while open
            broken = recognize_page(document, 0, engine, 150, "always", 0)
        assert broken.error and "letter.pdf" in broken.error and not broken.lines
        assert engine.loaded  # the engine process goes on
    finally:
        engine.close()
        OcrEngineHere.close()


class OcrEngineHere:
    """One in-process engine for the comparison (loaded once)."""

    engine = None

    @classmethod
    def get(cls, store):
        from docscan.core.engine import OcrEngine

        if cls.engine is None:
            cls.engine = OcrEngine(EngineConfig(), store)
        return cls.engine

    @classmethod
    def close(cls):
        if cls.engine is not None:
            cls.engine.close()
            cls.engine = None
