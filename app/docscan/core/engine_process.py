"""OcrEngine's face over an engine in a worker process (one WorkerProcess of core/workers).

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
import multiprocessing
import threading

import numpy as np

from .engine import EngineConfig, OcrEngine, PageOcr
from .tables import Region, Table
from .errors import Cancelled, EngineUnavailable
from .model_store import ModelStore
from .results import TextLine
from .workers.engines import engine_settings, model_fingerprint, store_engine
from .workers.messages import Failed, ImageDone, RecogniseCrop, RecognisePage, RecognisePdfPage
from .workers.process import WorkerExited, WorkerProcess, WorkerSpec, cpu_cores

CANCEL_GRACE = 0.8  # seconds a page may take to stop at its next step before its process is stopped (< 1 s)
START_TIMEOUT = 300.0  # seconds the engine process may take to load (a slow disk, a first GPU start)


class ProcessEngine:
    def __init__(self, config: EngineConfig, store: ModelStore | None = None):
        self.config = config
        self.store = store or ModelStore()
        self._local = OcrEngine(config, self.store)  # never loaded here: it names and checks the models
        self._worker: WorkerProcess | None = None
        self._fingerprint: dict | None = None
        self._lock = threading.Lock()  # one call at a time, as OcrEngine
        self._busy = False
        self._interrupted = False
        self._timer: threading.Timer | None = None
        self._calls = 0  # numbers each call, so that a cancel's grace timer stops only the page it was for
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
        worker = self._worker
        return worker is not None and worker.alive

    @property
    def pid(self) -> int | None:
        """The engine process's id; None while there is none."""
        worker = self._worker
        return worker.pid if worker is not None else None

    @property
    def busy(self) -> bool:
        """A page is being recognised (the call has been sent and not yet answered)."""
        return self._busy

    def check(self) -> dict[str, str]:
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
        if self._fingerprint is None:
            self.check()
        factory = functools.partial(store_engine, str(self.store.root),
                                    fallbacks=[str(f) for f in self.store.fallbacks])
        spec = WorkerSpec(engine_settings(self.config, None), self._fingerprint,
                          threads=self.config.cpu_threads or cpu_cores(), engine_factory=factory)
        self._stop = multiprocessing.get_context("spawn").Event()
        self._worker = WorkerProcess(spec, name="docscan-engine", stop_event=self._stop)
        self._interrupted = False
        try:
            ready = self._worker.wait_ready(START_TIMEOUT)
        except WorkerExited:
            self._reap()
            if self._interrupted:
                raise Cancelled("Cancelled.") from None
            raise EngineUnavailable("The OCR engine process stopped while it started.") from None
        except Exception:  # its engine could not start: the worker's error, as it raised it
            self._reap()
            raise
        if ready is None:
            self._reap()
            raise EngineUnavailable(f"The OCR engine process did not start within {START_TIMEOUT:.0f} s.")

    def _reap(self) -> None:
        if self._worker is not None:
            self._worker.stop(grace=0)
        self._worker = None

    def _call(self, request) -> ImageDone:
        with self._lock:
            self._start_locked()
            self._stop.clear()  # before busy: a cancel that sees busy must find its stop set, not cleared after
            self._calls += 1
            self._busy, self._interrupted = True, False
            try:
                self._worker.send(request)
                answer = self._worker.receive()
                while not isinstance(answer, (ImageDone, Failed)):  # the Idle report after the previous answer
                    answer = self._worker.receive()
            except WorkerExited:
                interrupted = self._interrupted
                code = self._worker.exitcode if self._worker is not None else None
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
        if isinstance(answer, Failed):  # Cancelled (stopped at its next step; the process and its models stay
            # for the next page), DocumentError (the page cannot be read), or the engine's error
            raise answer.error.exception()
        return answer

    @staticmethod
    def _page(answer: ImageDone) -> PageOcr:
        return PageOcr([TextLine.from_dict(line) for line in answer.lines], answer.seconds,
                       [Table.from_dict(table) for table in answer.tables],
                       [Region.from_dict(region) for region in answer.regions])

    def recognize_image(self, image) -> tuple[PageOcr, int]:
        pixels = np.ascontiguousarray(np.asarray(image.convert("RGB")))
        answer = self._call(RecognisePage(pixels))
        return self._page(answer), answer.rotation

    def recognize_pdf_page(self, document, index: int, dpi: float | None, turn: int = 0) -> tuple[PageOcr, int, dict]:
        """Page ``index`` of ``document`` (a PDF opened from a file) rendered at ``dpi`` and turned ``turn``
        degrees in the engine process, and recognised there: (its text, the rotation found, {"width",
        "height", "dpi", "warnings"} of the page as rendered). Raises DocumentError when the page cannot
        be read. The caller's process renders nothing (core/document_run.py's recognize_page uses this)."""
        answer = self._call(RecognisePdfPage(str(document.file_path), document.password, document.name, index,
                                             dpi, turn))
        return self._page(answer), answer.rotation, dict(answer.rendered)

    def recognize(self, image_bgr: np.ndarray) -> PageOcr:
        return self._page(self._call(RecogniseCrop(np.ascontiguousarray(image_bgr))))

    def interrupt(self) -> None:
        """Cancel from another thread: the page in progress stops at its next step (after detection, between
        recognition batches: core/interrupt.py) and the call raises Cancelled, the process and its models
        kept; a page that has not stopped within CANCEL_GRACE seconds has its process stopped instead."""
        if not self._busy:
            return
        self._stop.set()
        call = self._calls

        def stop():  # the page it was for still running: not a later page that started within the grace
            worker = self._worker
            if self._busy and self._calls == call and worker is not None:
                self._interrupted = True
                worker.kill()

        self._timer = threading.Timer(CANCEL_GRACE, stop)
        self._timer.name = "docscan-engine-cancel-grace"  # DocScan's threads are named "docscan-*"
        self._timer.daemon = True
        self._timer.start()

    def abort(self) -> None:
        """Stop the worker process at once, from any thread (the call waiting on it raises Cancelled)."""
        self._interrupted = True
        worker = self._worker
        if worker is not None:
            worker.kill()

    def close(self) -> None:
        with self._lock:
            if self._worker is not None:
                self._worker.stop(grace=5.0)
            self._worker = None
