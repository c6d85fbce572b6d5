"""One engine per model variant, owned by one thread, fed through a bounded queue.

PaddleOCR must not be called from two threads at once, and an HTTP service must not grow memory without
bound when requests come faster than pages can be recognised: a full queue is refused at once (the
HTTP layer answers 503 with Retry-After) instead of waiting.
"""

from __future__ import annotations

import queue
import threading
from concurrent.futures import Future
from dataclasses import dataclass

from ..core.documents import Document
from ..core.engine import OcrEngine
from ..core.errors import DocScanError
from ..core.pipeline import run_document


class Busy(Exception):
    """The queue is full; try again shortly."""


class Stopping(Exception):
    """The service is shutting down and takes no more work."""


@dataclass
class OcrRequest:
    document: Document  # opened (and checked) by the HTTP layer; the worker recognises and closes it
    pages: object  # PageRanges or numbers from 1; None: all
    dpi: float | None


_STOP = object()


class EngineWorker:
    def __init__(self, engine: OcrEngine, queue_size: int):
        self.config = engine.config
        self.engine = engine
        self._queue: queue.Queue = queue.Queue(maxsize=queue_size)
        self._accepting = True
        self._lock = threading.Lock()
        self.busy = False
        self.load_error: str | None = None
        self._thread = threading.Thread(target=self._run, name=f"docscan-serve-{engine.config.variant}", daemon=True)
        self._thread.start()

    @property
    def queued(self) -> int:
        return self._queue.qsize()

    def submit(self, request: OcrRequest) -> Future:
        future: Future = Future()
        with self._lock:
            if not self._accepting:
                raise Stopping()
            try:
                self._queue.put_nowait((request, future))
            except queue.Full:
                raise Busy() from None
        return future

    def _run(self) -> None:
        try:
            self.engine.load()  # the first request should not pay for it
        except DocScanError as exc:
            self.load_error = str(exc)
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            request, future = item
            if not future.set_running_or_notify_cancel():
                request.document.close()
                continue
            self.busy = True
            try:
                with request.document as document:
                    future.set_result(run_document(document, self.engine, pages=request.pages, dpi=request.dpi))
            except BaseException as exc:  # delivered to the request that asked; the worker goes on
                future.set_exception(exc)
            finally:
                self.busy = False

    def shutdown(self, timeout: float = 60.0) -> None:
        """Refuse new work and what is still queued; let the page in progress finish."""
        with self._lock:
            self._accepting = False
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is not _STOP:
                item[0].document.close()
                item[1].set_exception(Stopping())
        self._queue.put(_STOP)
        self._thread.join(timeout)
        self.engine.close()

