"""The window's two workers, each a QObject moved to its own QThread.

- ``IoWorker`` opens documents, renders pages and thumbnails, and reads and writes files (saved work,
  exports): everything that touches the disk, so the main thread only paints.
- ``OcrWorker`` owns the one ``OcrEngine`` (PaddleOCR is not safe to call from two threads) and runs
  recognition jobs page by page. Cancel is a thread-safe call, not a queued signal, because the worker
  is busy while the user presses it; it takes effect before the next page.

Both report back only through signals (queued to the main thread); failures arrive as messages a person
can read, never as exceptions in the wrong thread.
"""

from __future__ import annotations

import itertools
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QThread, Signal, Slot
from PySide6.QtGui import QImage

from ..core import sidecar
from ..core.documents import Document, expand_folders, open_document
from ..core.engine import BACKENDS, EngineConfig, OcrEngine, gpu_status
from ..core.errors import Cancelled, DocScanError, PasswordRequired, first_line
from ..core.export import render as render_export
from ..core.export import write_atomically
from ..core.models import ModelStore
from ..core.pipeline import recognize_page
from ..core.results import DocumentResult, PageResult, TextLine, reading_order

THUMBNAIL_SIDE = 150  # pixels, longest side


def pil_to_qimage(image) -> QImage:
    image = image.convert("RGB")
    data = image.tobytes()
    qimage = QImage(data, image.width, image.height, image.width * 3, QImage.Format.Format_RGB888)
    return qimage.copy()  # own the pixels: ``data`` goes away with this function


@dataclass
class Source:
    """What the window knows about where a document comes from."""

    path: str | None  # None for an image pasted from the clipboard
    data: bytes | None = None  # the bytes of a pasted image
    password: str | None = None
    name: str = ""

    def open(self) -> Document:
        if self.path is not None:
            return open_document(self.path, password=self.password)
        return open_document(self.data, password=self.password, name=self.name or "pasted image")


@dataclass
class OpenedInfo:
    key: int
    kind: str
    page_sizes: list[tuple[float, float]]
    saved: DocumentResult | None
    saved_path: str | None
    source: Source | None = None  # what was opened (a pasted image's bytes are made in the worker)
    warnings: list[str] = field(default_factory=list)  # read, but a person should know (a repaired PDF)


# ---------------------------------------------------------------------------------------------- I/O


class IoWorker(QObject):
    opened = Signal(object)  # OpenedInfo
    openFailed = Signal(int, str, bool)  # key, message, a password would help
    rendered = Signal(int, int, str, int, QImage, float)  # key, page index, purpose, generation, image, dpi (0: image)
    renderFailed = Signal(int, int, str, str)  # key, page index, purpose, message
    saved = Signal(int, str)  # key, path written
    saveFailed = Signal(int, str)
    exported = Signal(str)
    exportFailed = Signal(str)
    warmedUp = Signal()
    documentsFound = Signal(list, list)  # files to open, folders dropped that held no documents

    def __init__(self):
        super().__init__()
        self._documents: dict[int, Document] = {}
        # Newest request per (key, purpose): older page renders still queued are skipped, so zooming or
        # paging quickly never builds a backlog. Written by the main thread, read here (a dict item
        # assignment is atomic).
        self.latest_generation: dict[tuple[int, str], int] = {}

    def warm_up(self) -> None:
        """Import PyMuPDF (about 0.6 s) as the window starts, so the first document opens at once."""
        import pymupdf  # noqa: F401
        from PIL import Image

        Image.init()
        self.warmedUp.emit()

    @Slot(list)
    def find_documents(self, paths: list) -> None:
        """Dropped files as they are, dropped folders walked for images and PDFs: here, not in the main
        thread, because a folder can be a large tree (or on a slow drive)."""
        found, empty = expand_folders(paths)
        self.documentsFound.emit([path for path, _folder in found], empty)

    @Slot(int, QImage, str)
    def open_image(self, key: int, image: QImage, name: str) -> None:
        """A pasted image: PNG-encoded here (not in the main thread), then opened like a file."""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        written = image.save(buffer, "PNG")
        buffer.close()
        if not written:
            self.openFailed.emit(key, f"{name} could not be read from the clipboard.", False)
            return
        self.open(key, Source(None, bytes(data.data()), name=name))

    @Slot(int, object)
    def open(self, key: int, source: Source) -> None:
        try:
            document = source.open()
            sizes = [document.page_size(i) for i in range(document.page_count)]
        except PasswordRequired as exc:
            self.openFailed.emit(key, str(exc), True)
            return
        except DocScanError as exc:
            self.openFailed.emit(key, str(exc), False)
            return
        except Exception as exc:  # never let a surprise kill the worker thread
            self.openFailed.emit(key, f"{source.name or source.path} cannot be opened: {first_line(exc)}", False)
            return
        self._documents[key] = document
        saved = saved_path = None
        if source.path is not None:
            try:
                work = sidecar.load(Path(source.path))
                if work is not None:
                    saved, saved_path = work.result, str(work.path)
            except OSError:
                pass
        self.opened.emit(OpenedInfo(key, document.kind, sizes, saved, saved_path, source, list(document.warnings)))

    @Slot(int, int, str, int, float)
    def render(self, key: int, index: int, purpose: str, generation: int, dpi: float) -> None:
        """Render one page: ``purpose`` "thumb" (small) or "view" (at ``dpi``; image files at full size)."""
        if generation < self.latest_generation.get((key, purpose), generation):
            return  # superseded by a newer request
        document = self._documents.get(key)
        if document is None:
            return
        try:
            if purpose == "thumb":
                width, height = document.page_size(index)
                if document.kind == "pdf":
                    rendered = document.page(index).render(max(20.0, 72.0 * THUMBNAIL_SIDE / max(width, height)))
                    image = rendered.image
                else:
                    image = document.page(index).render().image
                    image.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
                self.rendered.emit(key, index, purpose, generation, pil_to_qimage(image), 0.0)
            else:
                rendered = document.page(index).render(dpi if document.kind == "pdf" else None)
                self.rendered.emit(key, index, purpose, generation, pil_to_qimage(rendered.image), rendered.dpi or 0.0)
        except DocScanError as exc:
            self.renderFailed.emit(key, index, purpose, str(exc))
        except Exception as exc:
            self.renderFailed.emit(key, index, purpose, f"page {index + 1} cannot be shown: {first_line(exc)}")

    @Slot(int)
    def close(self, key: int) -> None:
        document = self._documents.pop(key, None)
        if document is not None:
            document.close()

    @Slot(int, str, object, str)
    def save(self, key: int, document_path: str, result: DocumentResult, target: str) -> None:
        try:
            written = sidecar.save(Path(document_path), result, Path(target) if target else None)
        except OSError as exc:
            self.saveFailed.emit(key, f"The results could not be saved: {exc.strerror or exc}.")
            return
        self.saved.emit(key, str(written))

    @Slot(object, str, str)
    def export(self, results: list, fmt: str, target: str) -> None:
        try:
            write_atomically(Path(target), render_export(results, fmt))
        except OSError as exc:
            self.exportFailed.emit(f"{target} could not be written: {exc.strerror or exc}.")
            return
        self.exported.emit(target)

    @Slot(object, object, str)
    def export_pdf(self, source: Source, result: DocumentResult, target: str) -> None:
        from ..core.searchable_pdf import write_searchable_pdf

        try:
            write_searchable_pdf(source.path if source.path is not None else source.data, result, Path(target),
                                 password=source.password)
        except (OSError, DocScanError) as exc:
            self.exportFailed.emit(f"{target} could not be written: {getattr(exc, 'strerror', None) or exc}.")
            return
        self.exported.emit(target)

    def shutdown(self) -> None:
        for key in list(self._documents):
            self.close(key)


# ---------------------------------------------------------------------------------------------- OCR


_job_ids = itertools.count(1)


@dataclass
class OcrJob:
    key: int
    source: Source
    pages: list[int]  # 0-based indices, in the order to recognise them
    dpi: float
    region: tuple[float, float, float, float] | None = None  # in page-image pixels at ``dpi``, one page
    ocr_mode: str = "auto"
    job_id: int = field(default_factory=lambda: next(_job_ids))


@dataclass
class RegionResult:
    page: PageResult  # the region's lines, in the page's pixels
    region: tuple[float, float, float, float]


class OcrWorker(QObject):
    engineReady = Signal(object)  # {"models": role -> name, "backend": used, "notice": str | None}
    engineFailed = Signal(str)
    devicesProbed = Signal(object)  # dict backend -> DeviceStatus
    pageStarted = Signal(int, int, int)  # job id, key, page index
    pageDone = Signal(int, int, object)  # job id, key, PageResult
    regionDone = Signal(int, int, int, object)  # job id, key, page index, RegionResult
    jobFinished = Signal(int, int, bool)  # job id, key, cancelled
    jobFailed = Signal(int, int, str)  # job id, key, message (the engine cannot run)

    def __init__(self, config: EngineConfig, store: ModelStore | None = None):
        super().__init__()
        self._config = config
        self.store = store or ModelStore()
        self._engine: OcrEngine | None = None
        self._cancelled: set[int] = set()
        self._cancel_lock = threading.Lock()

    # Called from the main thread directly: the worker may be busy with a page.
    def cancel(self, job_id: int) -> None:
        with self._cancel_lock:
            self._cancelled.add(job_id)
        engine = self._engine
        if engine is not None and hasattr(engine, "interrupt"):
            engine.interrupt()  # the page in progress gets a second, then its engine process is stopped

    def abort(self) -> None:
        """From the main thread, when the window closes: stop the engine process now (loading or on a page),
        so that this worker's thread ends at once instead of waiting for it."""
        engine = self._engine
        if engine is not None and hasattr(engine, "abort"):
            engine.abort()

    def _is_cancelled(self, job_id: int) -> bool:
        with self._cancel_lock:
            return job_id in self._cancelled

    def _get_engine(self) -> OcrEngine:
        if self._engine is None:
            if os.environ.get("DOCSCAN_ENGINE_IN_PROCESS"):  # for measuring the two (docs/adr/0010)
                self._engine = OcrEngine(self._config, self.store)
            else:
                from ..core.engine_process import ProcessEngine

                self._engine = ProcessEngine(self._config, self.store)
        self._engine.load()
        return self._engine

    @Slot(object)
    def configure(self, config: EngineConfig) -> None:
        if config == self._config and self._engine is not None:
            return
        if self._engine is not None:
            self._engine.close()
            self._engine = None
        self._config = config

    @Slot()
    def load_engine(self) -> None:
        try:
            engine = self._get_engine()
        except DocScanError as exc:
            self.engineFailed.emit(str(exc))
            return
        except Exception as exc:
            self.engineFailed.emit(f"The OCR engine could not start: {first_line(exc)}")
            return
        self.engineReady.emit({"models": engine.models, "backend": engine.backend, "notice": engine.notice})

    @Slot()
    def probe_devices(self) -> None:
        statuses = {}
        for backend in BACKENDS:
            try:
                statuses[backend] = gpu_status(backend)
            except Exception as exc:
                from ..core.engine import DeviceStatus

                statuses[backend] = DeviceStatus(False, first_line(exc))
        self.devicesProbed.emit(statuses)

    @Slot(object)
    def run(self, job: OcrJob) -> None:
        cancelled = False
        try:
            if self._is_cancelled(job.job_id):
                self.jobFinished.emit(job.job_id, job.key, True)
                return
            engine = self._get_engine() if job.ocr_mode != "never" else None
            with job.source.open() as document:
                for index in job.pages:
                    if self._is_cancelled(job.job_id):
                        cancelled = True
                        break
                    self.pageStarted.emit(job.job_id, job.key, index)
                    if job.region is not None:
                        self.regionDone.emit(job.job_id, job.key, index,
                                             self._recognize_region(document, index, engine, job))
                    else:
                        self.pageDone.emit(job.job_id, job.key,
                                           recognize_page(document, index, engine, job.dpi, job.ocr_mode))
        except Cancelled:  # the page in progress was stopped with its engine process
            cancelled = True
        except DocScanError as exc:
            self.jobFailed.emit(job.job_id, job.key, str(exc))
            return
        except Exception as exc:
            self.jobFailed.emit(job.job_id, job.key, f"Recognition stopped: {first_line(exc)}")
            return
        finally:
            with self._cancel_lock:
                self._cancelled.discard(job.job_id)
        self.jobFinished.emit(job.job_id, job.key, cancelled)

    @staticmethod
    def _recognize_region(document: Document, index: int, engine: OcrEngine, job: OcrJob) -> RegionResult:
        started = time.perf_counter()
        rendered = document.page(index).render(job.dpi if document.kind == "pdf" else None)
        x0, y0, x1, y1 = (int(round(v)) for v in job.region)
        x0, y0 = max(0, x0), max(0, y0)
        x1, y1 = min(rendered.width, x1), min(rendered.height, y1)
        lines: list[TextLine] = []
        if x1 - x0 >= 4 and y1 - y0 >= 4:
            crop = rendered.image.crop((x0, y0, x1, y1))
            from ..core.documents import RenderedPage

            ocr = engine.recognize(RenderedPage(crop, rendered.dpi).to_bgr())
            lines = [TextLine([(x + x0, y + y0) for x, y in line.box], line.text, line.confidence)
                     for line in ocr.lines]
        page = PageResult(index + 1, rendered.width, rendered.height, rendered.dpi, reading_order(lines),
                          time.perf_counter() - started)
        return RegionResult(page, (float(x0), float(y0), float(x1), float(y1)))

    def shutdown(self) -> None:
        if self._engine is not None:
            self._engine.close()
            self._engine = None


class WorkerThread(QThread):
    """A QThread that runs a worker's event loop and, on stop(), lets the worker clean up in its own
    thread before the thread ends (no "QThread: Destroyed while thread is still running")."""

    def __init__(self, worker: QObject, name: str):
        super().__init__()
        self.setObjectName(name)
        self.worker = worker
        worker.moveToThread(self)

    def run(self) -> None:
        warm_up = getattr(self.worker, "warm_up", None)
        if warm_up is not None:
            warm_up()
        self.exec()
        shutdown = getattr(self.worker, "shutdown", None)
        if shutdown is not None:
            shutdown()  # in this thread, where the worker's objects live

    def stop(self, timeout_ms: int = 30000) -> bool:
        self.quit()
        return self.wait(timeout_ms)
