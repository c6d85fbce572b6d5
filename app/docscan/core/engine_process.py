"""OcrEngine's face over an engine in a worker process (the batch's worker, core/batch/local.py).

The window recognises through this, so that (measured in docs/adr/0010):
- loading PaddleX and the models, which holds the GIL for hundreds of milliseconds at a time in a thread,
  happens in another process, and the window's main thread never stalls on it;
- cancel is immediate: the page in progress stops at its next step (the worker checks a stop event
  between detection and each recognition batch) and the process keeps its models; one still running
  CANCEL_GRACE after cancel is stopped by stopping the process (the next page starts a new one);
- a crash in an inference library ends the worker, not the window: the page gets an error and the next
  call starts a new worker.

Pages of a PDF file are rendered by the worker (recognize_pdf_page): MuPDF holds the GIL while it draws, and
rendering in the window's process stalled its main thread (issue 24 item 12). Other pages (image files, a
pasted image, a region) go to the worker as pixel arrays (a 150-dpi A4 page is 6 MB; the pipe takes a few
milliseconds).
"""

from __future__ import annotations

import functools
import threading

import numpy as np

from .engine import EngineConfig, OcrEngine, PageOcr
from .errors import Cancelled, DocumentError, EngineUnavailable, ModelError
from .model_store import ModelStore
from .results import TextLine

CANCEL_GRACE = 0.8  # seconds a page may take to stop at its next step before its process is stopped (< 1 s)
ANSWERS = ("ocr", "error", "page_error", "cancelled")  # the worker's answers to an "image" request
START_TIMEOUT = 300.0  # seconds the engine process may take to load (a slow disk, a first GPU start)


class ProcessEngine:
    def __init__(self, config: EngineConfig, store: ModelStore | None = None):
        self.config = config
        self.store = store or ModelStore()
        self._local = OcrEngine(config, self.store)  # never loaded here: it names and checks the models
        self._process = None
        self._conn = None
        self._fingerprint: dict | None = None
        self._lock = threading.Lock()  # one call at a time, as OcrEngine
        self._busy = False
        self._interrupted = False
        self._timer: threading.Timer | None = None
        self._stop = None  # the worker's stop event (core/interrupt.py), made with each worker

    # -- what OcrEngine answers without running anything

    @property
    def models(self) -> dict[str, str]:
        return self._local.models

    @property
    def backend(self) -> str:
        return self._local.backend

    @property
    def notice(self) -> str | None:
        return self._local.notice

    @property
    def loaded(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def check(self) -> dict[str, str]:
        from .batch.job import model_fingerprint

        dirs = self._local.check()
        self._fingerprint = model_fingerprint(dirs)
        return dirs

    # -- the worker

    def load(self) -> None:
        with self._lock:
            self._start_locked()

    def _start_locked(self) -> None:
        if self.loaded:
            return
        from .batch.job import run_settings
        from .batch.local import BatchOptions, start_worker
        from .batch.shard import store_engine

        if self._fingerprint is None:
            self.check()
        factory = functools.partial(store_engine, str(self.store.root),
                                    fallbacks=[str(f) for f in self.store.fallbacks])
        options = BatchOptions(workers=1, threads=self.config.cpu_threads, recycle_pages=0, max_rss_mb=0).resolved()
        import multiprocessing

        self._stop = multiprocessing.get_context("spawn").Event()
        self._process, self._conn = start_worker(run_settings(self.config, None, "auto"), self._fingerprint, options,
                                                 name="docscan-engine", engine_factory=factory,
                                                 stop_event=self._stop)
        self._interrupted = False
        try:
            if not self._conn.poll(START_TIMEOUT):
                self._reap()
                raise EngineUnavailable(f"The OCR engine process did not start within {START_TIMEOUT:.0f} s.")
            kind, payload = self._conn.recv()
        except (EOFError, OSError):
            self._reap()
            if self._interrupted:
                raise Cancelled("Cancelled.") from None
            raise EngineUnavailable("The OCR engine process stopped while it started.") from None
        if kind == "fatal":
            self._reap()
            raise (ModelError if "model" in payload.lower() else EngineUnavailable)(payload)

    def _reap(self) -> None:
        if self._conn is not None:
            self._conn.close()
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join(5)
        self._process = self._conn = None

    def _call(self, request: dict) -> tuple[list[TextLine], float, int, dict]:
        with self._lock:
            self._start_locked()
            self._busy, self._interrupted = True, False
            self._stop.clear()
            try:
                self._conn.send(("image", request))
                kind, payload = self._conn.recv()
                while kind not in ANSWERS:  # the "idle" report after the previous answer
                    kind, payload = self._conn.recv()
            except (EOFError, OSError):
                interrupted = self._interrupted
                code = self._process.exitcode if self._process is not None else None
                self._reap()
                if interrupted:
                    raise Cancelled("Cancelled.") from None
                raise RuntimeError(f"the OCR engine process stopped (exit code {code}); the next page starts "
                                   "a new one") from None
            finally:
                self._busy = False
                if self._timer is not None:
                    self._timer.cancel()
                    self._timer = None
        if kind == "cancelled":  # stopped at its next step; the process and its models stay for the next page
            raise Cancelled("Cancelled.")
        if kind == "error":
            raise (EngineUnavailable if payload["engine"] else RuntimeError)(payload["message"])
        if kind == "page_error":
            raise DocumentError(payload["message"])
        lines = [TextLine.from_dict(line) for line in payload.pop("lines")]
        return lines, payload.pop("seconds"), payload.pop("rotation"), payload

    def recognize_image(self, image) -> tuple[PageOcr, int]:
        pixels = np.ascontiguousarray(np.asarray(image.convert("RGB")))
        lines, seconds, rotation, _ = self._call({"mode": "page", "pixels": pixels})
        return PageOcr(lines, seconds), rotation

    def recognize_pdf_page(self, document, index: int, dpi: float | None, turn: int = 0) -> tuple[PageOcr, int, dict]:
        """Page ``index`` of ``document`` (a PDF opened from a file) rendered at ``dpi`` and turned ``turn``
        degrees in the engine process, and recognised there: (its text, the rotation found, {"width",
        "height", "dpi", "warnings"} of the page as rendered). Raises DocumentError when the page cannot
        be read. The caller's process renders nothing (core/document_run.py's recognize_page uses this)."""
        lines, seconds, rotation, rendered = self._call({
            "mode": "pdf_page", "path": str(document.file_path), "password": document.password,
            "name": document.name, "index": index, "dpi": dpi, "turn": turn})
        return PageOcr(lines, seconds), rotation, rendered

    def recognize(self, image_bgr: np.ndarray) -> PageOcr:
        lines, seconds, _, _ = self._call({"mode": "crop", "pixels": np.ascontiguousarray(image_bgr)})
        return PageOcr(lines, seconds)

    def interrupt(self) -> None:
        """Cancel from another thread: the page in progress stops at its next step (after detection, between
        recognition batches: core/interrupt.py) and the call raises Cancelled, the process and its models
        kept; a page that has not stopped within CANCEL_GRACE seconds has its process stopped instead."""
        if not self._busy:
            return
        self._stop.set()

        def stop():
            if self._busy and self._process is not None:
                self._interrupted = True
                self._process.kill()

        self._timer = threading.Timer(CANCEL_GRACE, stop)
        self._timer.daemon = True
        self._timer.start()

    def abort(self) -> None:
        """Stop the worker process at once, from any thread (the call waiting on it raises Cancelled)."""
        self._interrupted = True
        process = self._process
        if process is not None and process.is_alive():
            process.kill()

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.send(("stop", None))
                except OSError:
                    pass
            if self._process is not None:
                self._process.join(5)
            self._reap()
