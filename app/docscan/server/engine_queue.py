"""One engine per model variant, owned by one thread, fed through a bounded queue.

PaddleOCR must not be called from two threads at once, and an HTTP service must not grow memory without
bound when requests come faster than pages can be recognised: a full queue is refused at once (the
HTTP layer answers 503 with Retry-After) instead of waiting.
"""

from __future__ import annotations

import functools
import queue
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass

from ..core.document_run import run_document
from ..core.documents import Document
from ..core.engine import OcrEngine
from ..core.errors import DocScanError
from ..core.options import RunOptions
from ..core.results import DocumentResult
from ..core.workers.engines import engine_fingerprint, engine_settings, store_engine
from ..core.workers.messages import DocumentDone, Failed, Fatal, RecogniseDocument, Retiring
from ..core.workers.pool import Lost, WorkerPool
from ..core.workers.process import WorkerSpec, cpu_cores


class Busy(Exception):
    """The queue is full; try again shortly."""


class Stopping(Exception):
    """The service is shutting down and takes no more work."""


@dataclass
class OcrRequest:
    document: Document  # opened (and checked) by the HTTP layer; the worker recognises and closes it
    options: RunOptions  # the pages and dpi to recognise them at
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
                    future.set_result(run_document(document, self.engine, request.options))
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
    """The same interface as EngineWorker, over ``processes`` engine worker processes (a WorkerPool of
    core/workers), so that one service uses every core. A dispatcher thread hands each queued request to
    an idle process; a process that dies mid-request is replaced and its request answered with WorkerLost
    (the HTTP layer's retryable 503), never dropped."""

    def __init__(self, engine: OcrEngine, processes: int, queue_size: int, *, dpi: float,
                 store_root: str | None = None):
        super().__init__(queue_size)
        self.config = engine.config
        self.engine = engine  # checked, never loaded here: the processes load their own
        self.processes = processes
        spec = WorkerSpec(engine_settings(engine.config, dpi), engine_fingerprint(engine),
                          threads=max(1, cpu_cores() // processes),
                          engine_factory=functools.partial(store_engine, store_root) if store_root else None,
                          max_rss_mb=4096.0)  # a grown process retires after its answer
        self._pool = WorkerPool(spec, name="docscan-serve-engine")
        self._stopping = threading.Event()
        self.load_error: str | None = None
        self.replaced = 0
        self._thread = threading.Thread(target=self._run, name=f"docscan-serve-{engine.config.resolved_tier}-processes",
                                        daemon=True)
        self._thread.start()

    @property
    def busy(self) -> bool:
        return any(slot.task is not None for slot in list(self._pool.slots))

    @property
    def ready(self) -> bool:
        return self.load_error is None and any(slot.ready for slot in list(self._pool.slots))

    @property
    def ready_processes(self) -> int:
        return sum(1 for slot in list(self._pool.slots) if slot.ready)

    @property
    def pids(self) -> list[int]:
        return [slot.pid for slot in list(self._pool.slots)]

    @property
    def busy_pids(self) -> list[int]:
        """The processes recognising a request now."""
        return [slot.pid for slot in list(self._pool.slots) if slot.task is not None]

    @property
    def dispatching(self) -> bool:
        """The dispatcher thread is running (it ends only at shutdown)."""
        return self._thread.is_alive()

    def submit(self, request: OcrRequest) -> Future:
        future = super().submit(request)
        request.document.close()  # the process opens the bytes itself
        return future

    def _run(self) -> None:
        pool = self._pool
        pool.grow(self.processes)
        while not self._stopping.is_set():
            for slot in pool.idle():
                try:
                    request, future = self._queue.get_nowait()
                except queue.Empty:
                    break
                if not future.set_running_or_notify_cancel():
                    continue
                pool.assign(slot, future, RecogniseDocument(request.data, request.options))
            for slot, answer in pool.answers(timeout=0.05):
                future = slot.task
                if isinstance(answer, Fatal):
                    self.load_error = answer.error.message
                elif isinstance(answer, DocumentDone) and future is not None and not future.done():
                    future.set_result(DocumentResult.from_dict(answer.result))
                elif isinstance(answer, Failed) and future is not None and not future.done():
                    future.set_exception(answer.error.exception())
                elif isinstance(answer, (Lost, Retiring)):
                    if isinstance(answer, Lost) and future is not None and not future.done():
                        future.set_exception(WorkerLost(f"{answer.reason} while recognising this request; another "
                                                        "has taken its place. Send the request again."))
                    if self.load_error is None:
                        self.replaced += pool.grow(self.processes)
        for slot in pool.close(grace=10.0):
            if not slot.task.done():
                slot.task.set_exception(Stopping())

    def shutdown(self, timeout: float = 60.0) -> None:
        """Refuse new work and what is still queued; the requests in progress finish (up to ``timeout``)."""
        self._refuse_queued()
        deadline = time.monotonic() + timeout
        while self.busy and time.monotonic() < deadline:
            time.sleep(0.1)
        self._stopping.set()
        self._thread.join(timeout)
