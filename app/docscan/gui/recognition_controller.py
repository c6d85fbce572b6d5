"""The recognition controller: the OCR worker and its thread, the engine's state, and the jobs, told to the
window's model. It owns no widget; the window shows what it says (engineChanged, problem, notice).

The window asks it to recognise pages of a document (``recognise``), to cancel (``cancel``) and to apply
new settings (``configure``); the worker's reports go to the model (pages, the job's end), and what a
person must be told comes out as signals.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..core.engine import EngineConfig
from ..core.results import PageResult
from .engine_choice import BACKEND_NAMES, EngineProblem
from .i18n import tr
from .window_model import DocState, JobRefused, WindowModel
from .threads import OcrWorker, WorkerThread


class EngineState:
    LOADING = "loading"
    READY = "ready"
    FAILED = "failed"


class RecognitionController(QObject):
    # Requests to the worker (queued to its thread).
    _run = Signal(object)
    _configure = Signal(object)
    _load = Signal()
    _probe = Signal()

    engineChanged = Signal(str)  # EngineState; engine_text / engine_error / engine_models say the rest
    pageRecognised = Signal(int, int)  # key, page index: a result was stored
    pageFailed = Signal(int, int, str)  # key, page index, why
    jobEnded = Signal(int, bool)  # key, cancelled (also after a failure)
    problem = Signal(str, str)  # title, message: recognition cannot run or failed (engine_problem says why, when known)
    notice = Signal(str)  # a passing word for the status bar

    def __init__(self, model: WindowModel, config: EngineConfig, store=None, parent: QObject | None = None):
        super().__init__(parent)
        self.model = model
        self.config = config
        self.worker = OcrWorker(config, store)
        self.thread = WorkerThread(self.worker, "docscan-ocr")
        self.state: str | None = None  # None until start_engine()
        self.engine_models: dict[str, str] | None = None  # role -> model name, once loaded
        self.engine_error: str | None = None  # the core's message
        self.engine_problem: EngineProblem | None = None  # why, in the window's words, with the way to mend it
        self.engine_text = ""  # models, backend and device of the loaded engine
        self.engine_notice: str | None = None
        self.device_status: dict | None = None

        worker = self.worker
        self._run.connect(worker.run)
        self._configure.connect(worker.configure)
        self._load.connect(worker.load_engine)
        self._probe.connect(worker.probe_devices)
        worker.engineReady.connect(self._on_engine_ready)
        worker.engineFailed.connect(self._on_engine_failed)
        worker.devicesProbed.connect(self._on_devices_probed)
        worker.pageStarted.connect(model.page_started)
        worker.pageDone.connect(self._on_page_done)
        worker.regionDone.connect(self._on_region_done)
        worker.jobFinished.connect(self._on_job_finished)
        worker.jobFailed.connect(self._on_job_failed)
        self.thread.start()

    @property
    def store(self):
        return self.worker.store

    # --------------------------------------------------------------------------------------------- engine

    def start_engine(self) -> None:
        """Load the OCR models in the background (call once the window is shown: imports stall briefly)."""
        self.state = EngineState.LOADING
        self.engineChanged.emit(self.state)
        self._load.emit()
        self.probe_devices()

    def probe_devices(self) -> None:
        """Find out in the background which devices each backend can use (device_status, once done)."""
        self._probe.emit()

    def configure(self, config: EngineConfig) -> None:
        """New engine settings: the engine is rebuilt in the background."""
        self.config = config
        self.engine_models = self.engine_error = self.engine_problem = None
        self._configure.emit(config)
        self.start_engine()

    def _on_engine_ready(self, info: dict) -> None:
        self.engine_models = dict(info["models"])
        self.engine_error = self.engine_problem = None
        self.engine_notice = info.get("notice")
        if self.engine_notice and info["backend"] != self.config.backend:  # the core's words say "install paddle2onnx"
            self.engine_notice = tr("{0} runs on {1} instead of {2} here: its models are installed only in Paddle "
                                    "format (slower on the CPU).").format(
                self.config.label, BACKEND_NAMES.get(info["backend"], info["backend"]),
                BACKEND_NAMES.get(self.config.backend, self.config.backend))
        self.engine_text = (f"{self.config.label} · {info['backend']} · {self.config.device.upper()}"
                            + (" ⓘ" if self.engine_notice else ""))
        self.state = EngineState.READY
        self.engineChanged.emit(self.state)  # the window shows engine_notice, if any, with the engine's state

    def _on_engine_failed(self, message: str, problem: EngineProblem | None) -> None:
        self.engine_models = None
        self.engine_error = message
        self.engine_problem = problem or EngineProblem(message, "other")
        self.state = EngineState.FAILED
        self.engineChanged.emit(self.state)  # the window says engine_problem, with its buttons

    def _on_devices_probed(self, statuses: dict) -> None:
        self.device_status = statuses

    # ----------------------------------------------------------------------------------------------- jobs

    def recognise(self, doc: DocState, pages: list[int], dpi: float, ocr_mode: str, region=None) -> bool:
        """Start recognising ``pages`` of ``doc`` (a region of one page when ``region``); False when it
        cannot start (said through ``problem`` or ``notice``)."""
        if self.engine_error and self.engine_models is None:
            self.problem.emit(tr("OCR is not available"), self.engine_error)
            return False
        try:
            # A region is always recognised: the person asked for OCR of exactly that part.
            job = self.model.start_job(doc, pages, dpi, region, "always" if region is not None else ocr_mode)
        except JobRefused as exc:
            self.notice.emit(str(exc))
            return False
        self._run.emit(job)
        return True

    def cancel(self) -> None:
        job = self.model.cancel_job()
        if job is not None:
            self.worker.cancel(job.job_id)

    def _on_page_done(self, job_id: int, key: int, page: PageResult) -> None:
        self.model.page_done(job_id, key, page)
        if page.error:
            self.pageFailed.emit(key, page.page - 1, page.error)
        else:
            self.pageRecognised.emit(key, page.page - 1)

    def _on_region_done(self, job_id: int, key: int, index: int, region) -> None:
        self.model.region_done(job_id, key, index, region)
        self.pageRecognised.emit(key, index)

    def _on_job_finished(self, job_id: int, key: int, cancelled: bool) -> None:
        if self.model.job_ended(job_id, cancelled) is not None:
            self.jobEnded.emit(key, cancelled)

    def _on_job_failed(self, job_id: int, key: int, message: str) -> None:
        if self.model.job_ended(job_id, True, failure=message) is None:
            return
        self.jobEnded.emit(key, True)
        if self.state == EngineState.FAILED and message == self.engine_error:
            return  # the engine did not start: said already, in the window's words (engineChanged)
        self.problem.emit(tr("Recognition failed"), message)

    # ------------------------------------------------------------------------------------------- closing

    def shutdown(self) -> None:
        """Cancel the job, stop an engine process still loading or on a page (not waited for), end the thread."""
        if self.model.job is not None:
            self.worker.cancel(self.model.job.job.job_id)
        self.worker.abort()
        self.thread.stop()
