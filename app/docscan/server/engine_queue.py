"""One engine per model variant, owned by one thread, fed through a bounded queue.

PaddleOCR must not be called from two threads at once, and an HTTP service must not grow memory without
bound when requests come faster than pages can be recognised: a full queue is refused at once (the
HTTP layer answers 503 with Retry-After) instead of waiting.
"""

from __future__ import annotations

import queue
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass

from ..core.documents import Document
from ..core.engine import OcrEngine
from ..core.errors import DocScanError, EngineUnavailable
from ..core.document_run import run_document


class Busy(Exception):
    """The queue is full; try again shortly."""


class Stopping(Exception):
    """The service is shutting down and takes no more work."""


@dataclass
class OcrRequest:
    document: Document  # opened (and checked) by the HTTP layer; the worker recognises and closes it
    pages: object  # PageRanges or numbers from 1; None: all
    dpi: float | None
    data: bytes | None = None  # the file's bytes, for a worker in another process (which opens them itself)


class WorkerLost(DocScanError):
    """The engine process died while it recognised the request (a crash in an inference library, killed
    for memory); another one takes its place, so the request can be sent again."""


_STOP = object()


class _RequestQueue:
    """The bounded queue both workers take requests from: a full queue is Busy, a stopping one Stopping."""

    def __init__(self, queue_size: int):
        self._queue: queue.Queue = queue.Queue(maxsize=queue_size)
        self._accepting = True
        self._lock = threading.Lock()

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

    def _refuse_queued(self) -> None:
        """Take no more requests, and answer those still waiting with Stopping."""
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


class EngineWorker(_RequestQueue):
    def __init__(self, engine: OcrEngine, queue_size: int):
        super().__init__(queue_size)
        self.config = engine.config
        self.engine = engine
        self.busy = False
        self.load_error: str | None = None
        self._thread = threading.Thread(target=self._run, name=f"docscan-serve-{engine.config.resolved_tier}", daemon=True)
        self._thread.start()

    @property
    def ready(self) -> bool:
        return self.load_error is None and self.engine.loaded

    @property
    def ready_processes(self) -> int:
        return 1 if self.ready else 0  # the service's own process

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
        self._refuse_queued()
        self._queue.put(_STOP)
        self._thread.join(timeout)
        self.engine.close()



class ProcessEngineWorker(_RequestQueue):
    """The same interface as EngineWorker, over ``processes`` engine worker processes (the batch's
    worker, core/batch/local.py), so that one service uses every core. A dispatcher thread hands each
    queued request to an idle process; a process that dies mid-request is replaced and its request
    answered with WorkerLost (the HTTP layer's retryable 503), never dropped."""

    def __init__(self, engine: OcrEngine, processes: int, queue_size: int, *, dpi: float,
                 store_root: str | None = None):
        from ..core.batch.job import run_settings
        from ..core.batch.local import BatchOptions, cpu_cores
        from ..core.batch.shard import engine_fingerprint

        super().__init__(queue_size)
        self.config = engine.config
        self.engine = engine  # checked, never loaded here: the processes load their own
        self.processes = processes
        self._settings = run_settings(engine.config, dpi, "auto")
        self._models = engine_fingerprint(engine)
        self._options = BatchOptions(workers=processes, threads=max(1, cpu_cores() // processes),
                                     recycle_pages=0, max_rss_mb=4096.0)  # a grown process retires after its answer
        self._factory = None
        if store_root:
            import functools

            from ..core.batch.shard import store_engine

            self._factory = functools.partial(store_engine, store_root)
        self._stopping = threading.Event()
        self._slots: list[dict] = []
        self.load_error: str | None = None
        self.replaced = 0
        self._thread = threading.Thread(target=self._run, name=f"docscan-serve-{engine.config.resolved_tier}-processes",
                                        daemon=True)
        self._thread.start()

    @property
    def busy(self) -> bool:
        return any(slot["request"] is not None for slot in list(self._slots))

    @property
    def ready(self) -> bool:
        return self.load_error is None and any(slot["ready"] for slot in list(self._slots))

    @property
    def ready_processes(self) -> int:
        return sum(1 for slot in list(self._slots) if slot["ready"])

    @property
    def pids(self) -> list[int]:
        return [slot["process"].pid for slot in list(self._slots)]

    def submit(self, request: OcrRequest) -> Future:
        future = super().submit(request)
        request.document.close()  # the process opens the bytes itself
        return future

    def _spawn(self) -> dict:
        from ..core.batch.local import start_worker

        process, conn = start_worker(self._settings, self._models, self._options, name="docscan-serve-engine",
                                     engine_factory=self._factory)
        return {"process": process, "conn": conn, "ready": False, "request": None}

    def _run(self) -> None:
        from multiprocessing.connection import wait

        from ..core.batch.local import exit_reason
        from ..core.results import DocumentResult

        self._slots = [self._spawn() for _ in range(self.processes)]
        while not self._stopping.is_set():
            for slot in self._slots:
                if slot["ready"] and slot["request"] is None:
                    try:
                        request, future = self._queue.get_nowait()
                    except queue.Empty:
                        break
                    if not future.set_running_or_notify_cancel():
                        continue
                    slot["request"] = (request, future)
                    try:
                        slot["conn"].send(("document", {"data": request.data, "pages": request.pages,
                                                        "dpi": request.dpi}))
                    except OSError:
                        # the process died since it said it was ready (killed, out of memory): its sentinel
                        # is ready below, which answers this request as lost and starts another. Raised
                        # here, this thread ended and the request was never answered.
                        pass
            waitables = [s["conn"] for s in self._slots] + [s["process"].sentinel for s in self._slots]
            for ready in wait(waitables, timeout=0.05):
                slot = next((s for s in self._slots if ready in (s["conn"], s["process"].sentinel)), None)
                if slot is None:
                    continue
                try:
                    while slot["conn"].poll():
                        kind, payload = slot["conn"].recv()
                        if kind == "ready":
                            slot["ready"] = True
                        elif kind == "fatal":
                            self.load_error = payload
                        elif kind in ("result", "error") and slot["request"] is not None:
                            _, future = slot["request"]
                            slot["request"] = None
                            if kind == "result":
                                future.set_result(DocumentResult.from_dict(payload))
                            else:
                                future.set_exception((EngineUnavailable if payload["engine"] else DocScanError)(
                                    payload["message"]))
                except (EOFError, OSError):
                    pass
                if not slot["process"].is_alive():
                    slot["process"].join(1)
                    if slot["request"] is not None:
                        slot["request"][1].set_exception(WorkerLost(
                            f"{exit_reason(slot['process'])} while recognising this request; another has taken "
                            "its place. Send the request again."))
                    slot["conn"].close()
                    self._slots.remove(slot)
                    if self.load_error is None:
                        self._slots.append(self._spawn())
                        self.replaced += 1
        for slot in self._slots:
            try:
                slot["conn"].send(("stop", None))
            except OSError:
                pass
        for slot in self._slots:
            slot["process"].join(10)
            if slot["process"].is_alive():
                slot["process"].kill()
                slot["process"].join(5)
            if slot["request"] is not None:
                slot["request"][1].set_exception(Stopping())

    def shutdown(self, timeout: float = 60.0) -> None:
        """Refuse new work and what is still queued; the requests in progress finish (up to ``timeout``)."""
        self._refuse_queued()
        deadline = time.monotonic() + timeout
        while self.busy and time.monotonic() < deadline:
            time.sleep(0.1)
        self._stopping.set()
        self._thread.join(timeout)
