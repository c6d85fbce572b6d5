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

import os
import threading
import weakref
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QImage

from ..core import sidecar
from ..core.arranged import ArrangedDocument, refs_of
from ..core.documents import Document, expand_folders, open_document, scaled_down_image
from ..core.engine import BACKENDS, EngineConfig, OcrEngine, gpu_status
from ..core.errors import (Cancelled, DocScanError, EngineUnavailable, ModelError, PasswordRequired, TooManyPixels,
                           first_line)
from ..core import formats
from ..core.model_store import ModelStore
from ..core.document_run import Progress, recognize_region, run_document, turn_image
from ..core.results import DocumentResult
from .job_types import OcrJob, OpenedInfo, RegionResult, Source

THUMBNAIL_SIDE = 150  # pixels, longest side
PREVIEW_BELOW = 0.75  # an image shown smaller than this gets a smooth copy of the size shown
PREVIEW_FROM_PIXELS = 4_000_000  # ...when it is larger than this
DECODED_KEPT = 2  # image files' pages kept decoded for the view (a 99 MP page is about 300 MB as RGB)


def pil_to_qimage(image) -> QImage:
    image = image.convert("RGB")
    data = image.tobytes()
    qimage = QImage(data, image.width, image.height, image.width * 3, QImage.Format.Format_RGB888)
    return qimage.copy()  # own the pixels: ``data`` goes away with this function


# ---------------------------------------------------------------------------------------------- I/O


class IoWorker(QObject):
    opened = Signal(object)  # OpenedInfo
    openFailed = Signal(int, str, str)  # key, message, what would help: "password", "scale down" or ""
    rendered = Signal(int, int, str, int, QImage, float)  # key, page index, purpose, generation, image, dpi (0: image)
    renderFailed = Signal(int, int, str, str)  # key, page index, purpose, message
    saved = Signal(int, str)  # key, path written
    saveFailed = Signal(int, str)
    exported = Signal(str)
    exportFailed = Signal(str)
    warmedUp = Signal()
    measured = Signal(int, int, object, object, object)  # key, where, PageRefs, their sizes, their kinds
    measureFailed = Signal(int, str)  # key, why the pages cannot be inserted
    savedAsPdf = Signal(int, str, object)  # key, the PDF written (the document's home now), its page sizes
    documentsFound = Signal(list, list)  # files to open, folders dropped that held no documents
    cornersPlaced = Signal(int, int, object, object)  # key, page index, its size now, the Source now
    originalRead = Signal(int, int, QImage, object)  # key, page index, the page as stored, its corners (or None)

    def __init__(self):
        super().__init__()
        self._documents: dict[int, Document] = {}
        # Newest request per (key, purpose): older page renders still queued are skipped, so zooming or
        # paging quickly never builds a backlog. Written by the main thread, read here (a dict item
        # assignment is atomic).
        self.latest_generation: dict[tuple[int, str], int] = {}
        self._decoded: dict[tuple[int, int, int], QImage] = {}  # (key, page, turn) -> an image file's page
        self._sources: dict[int, Source] = {}  # what each document was opened from
        self._found: dict[tuple[int, int], tuple | None] = {}  # (key, page) -> the corners found, before a person's

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

    @Slot(int, QImage, object)
    def open_image(self, key: int, image: QImage, source: Source) -> None:
        """A pasted image: PNG-encoded here (not in the main thread), then opened like a file."""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        written = image.save(buffer, "PNG")
        buffer.close()
        if not written:
            self.openFailed.emit(key, f"{source.name} could not be read from the clipboard.", "")
            return
        self.open(key, replace(source, path=None, data=bytes(data.data())))

    @Slot(int, object)
    def open(self, key: int, source: Source) -> None:
        if source.path is not None:  # the file's own path (links resolved), for Open Recent and saved work
            source = replace(source, path=str(Path(source.path).resolve()))
        try:
            document = source.open()
            sizes = [document.page_size(i) for i in range(document.page_count)]
        except PasswordRequired as exc:
            self.openFailed.emit(key, str(exc), "password")
            return
        except TooManyPixels as exc:  # an image over the pixel limit can be opened scaled down
            self.openFailed.emit(key, str(exc), "scale down")
            return
        except DocScanError as exc:
            self.openFailed.emit(key, str(exc), "")
            return
        except Exception as exc:  # never let a surprise kill the worker thread
            self.openFailed.emit(key, f"{source.name or source.path} cannot be opened: {first_line(exc)}", "")
            return
        self._documents[key] = document
        self._sources[key] = source
        saved = saved_path = None
        if source.path is not None:
            try:
                work = sidecar.load(Path(source.path))
                if work is not None:
                    saved, saved_path = work.result, str(work.path)
            except OSError:
                pass
        kinds = ["pdf" if page.is_pdf else "image" for page in document.pages]
        photos = [] if source.parts is not None else [i for i in range(document.page_count)
                                                      if document.correction(i) is not None]  # worked out already
        self.opened.emit(OpenedInfo(key, document.kind, sizes, saved, saved_path, source, list(document.warnings),
                                    kinds, photos))

    @Slot(int, object)
    def arrange(self, key: int, parts) -> None:
        """Document ``key``'s pages are now ``parts`` (the window arranged them): its files already open are
        kept, a file no page needs any more is closed."""
        document = self._documents.get(key)
        if document is None or parts is None:
            return
        for cached in [k for k in self._decoded if k[0] == key]:  # decoded by index: the indices moved
            del self._decoded[cached]
        try:
            if isinstance(document, ArrangedDocument):
                document.set_parts(parts)
            else:  # a file's own pages arranged for the first time: the file open already is used
                source = self._sources.get(key) or Source(None)
                own = refs_of(source.path, 1, source.password, source.data)[0].file_key
                self._documents[key] = ArrangedDocument(parts, source.name or document.name, files={own: document},
                                                        **source.open_options())
        except DocScanError as exc:
            self.renderFailed.emit(key, 0, "arrange", str(exc))
        except Exception as exc:
            self.renderFailed.emit(key, 0, "arrange", f"The pages cannot be arranged: {first_line(exc)}")

    @Slot(int, int, object)
    def measure(self, key: int, at: int, refs: list) -> None:
        """Read the pages to insert into ``key`` (a file gone, a page not there: ``measureFailed``): their sizes
        and kinds come back (``measured``) for the window to insert them. A reference to ALL_PAGES of a file
        is every page of it."""
        document = self._documents.get(key)
        try:
            if isinstance(document, ArrangedDocument):
                refs = document.every_page(refs)
                found = document.open_files(refs)  # kept open: the arrangement that follows uses them
            else:
                source = self._sources.get(key) or Source(None)
                with ArrangedDocument([], **source.open_options()) as scratch:
                    refs = scratch.every_page(refs)
                    found = scratch.open_files(refs)
        except DocScanError as exc:
            self.measureFailed.emit(key, str(exc))
            return
        except Exception as exc:
            self.measureFailed.emit(key, f"The pages cannot be inserted: {first_line(exc)}")
            return
        self.measured.emit(key, at, list(refs), [size for size, _ in found], [kind for _, kind in found])

    @Slot(int, object, str)
    def save_pdf(self, key: int, result: DocumentResult, target: str) -> None:
        """Write document ``key`` as the searchable PDF ``target``, which becomes its home: opened here in its
        place, and its results saved beside it."""
        from ..core.searchable_pdf import write_searchable_pdf

        document = self._documents.get(key)
        try:
            if document is None:
                raise DocScanError("The document is not open.")
            write_searchable_pdf(document, result, Path(target))
            saved = open_document(Path(target))
            sizes = [saved.page_size(index) for index in range(saved.page_count)]
        except (OSError, DocScanError) as exc:
            self.saveFailed.emit(key, f"{target} could not be written: {getattr(exc, 'strerror', None) or exc}.")
            return
        self.close(key)
        self._documents[key], self._sources[key] = saved, Source(str(target))
        kept = replace(result, path=str(target), turns={})  # the turns are in the file now
        try:
            sidecar.save(Path(target), kept)
        except OSError:
            pass  # the PDF holds the text; the results beside it are a convenience
        self.savedAsPdf.emit(key, str(target), sizes)

    @Slot(int, object)
    def open_scaled(self, key: int, source: Source) -> None:
        """An image too large to read as it is, scaled down to the pixel limit and opened as a new
        document of its own (its results are of the smaller image; the file is not changed)."""
        try:
            data, scale = scaled_down_image(source.path if source.path is not None else source.data)
        except (OSError, DocScanError) as exc:
            self.openFailed.emit(key, f"{source.name} could not be scaled down: {getattr(exc, 'strerror', None) or exc}", "")
            return
        except MemoryError:
            self.openFailed.emit(key, f"{source.name} is too large to scale down in the memory there is.", "")
            return
        self.open(key, replace(source, path=None, data=data, parts=None, name=f"{source.name} ({scale:.0%})"))

    @Slot(int, int, str, int, float, int)
    def render(self, key: int, index: int, purpose: str, generation: int, dpi: float, turn: int = 0) -> None:
        """Render one page: ``purpose`` "thumb" (small) or "view" (at ``dpi``; image files at full size),
        turned ``turn`` degrees clockwise when a person turned it by hand. An image file's page is decoded
        once and kept (the last few): paging back to a 99 MP photo does not decode it again."""
        if generation < self.latest_generation.get((key, purpose), generation):
            return  # superseded by a newer request
        document = self._documents.get(key)
        if document is None:
            return
        try:
            if purpose == "thumb":
                decoded = self._decoded.get((key, index, turn))
                if decoded is not None:  # an image file's page the view decoded already: not a second time
                    thumbnail = decoded if max(decoded.width(), decoded.height()) <= THUMBNAIL_SIDE else \
                        decoded.scaled(THUMBNAIL_SIDE, THUMBNAIL_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                                       Qt.TransformationMode.SmoothTransformation)
                else:
                    width, height = document.page_size(index)
                    if document.page(index).is_pdf:
                        image = document.page(index).render(max(20.0, 72.0 * THUMBNAIL_SIDE / max(width, height))).image
                    else:
                        image = document.page(index).render().image
                        image.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
                    thumbnail = pil_to_qimage(turn_image(image, turn))
                self.rendered.emit(key, index, purpose, generation, thumbnail, 0.0)
            elif document.page(index).is_pdf:
                rendered = document.page(index).render(dpi)
                self.rendered.emit(key, index, purpose, generation,
                                   pil_to_qimage(turn_image(rendered.image, turn)), rendered.dpi or 0.0)
            else:
                cached = self._decoded.get((key, index, turn))
                if cached is None:
                    cached = pil_to_qimage(turn_image(document.page(index).render().image, turn))
                    self._decoded[(key, index, turn)] = cached
                    while len(self._decoded) > DECODED_KEPT:
                        self._decoded.pop(next(iter(self._decoded)))
                factor = dpi / 72.0 if dpi > 0 else 1.0  # device pixels per image pixel at the view's zoom
                if factor < PREVIEW_BELOW and cached.width() * cached.height() > PREVIEW_FROM_PIXELS:
                    # a large photo at Fit: a smooth copy at the screen's size (drawn whole, it is jagged,
                    # and turning 99 MP into a pixmap would stall the main thread)
                    cached = cached.scaled(max(1, round(cached.width() * factor)),
                                           max(1, round(cached.height() * factor)),
                                           Qt.AspectRatioMode.IgnoreAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation)
                self.rendered.emit(key, index, purpose, generation, cached, 0.0)
        except DocScanError as exc:
            self.renderFailed.emit(key, index, purpose, str(exc))
        except Exception as exc:
            self.renderFailed.emit(key, index, purpose, f"page {index + 1} cannot be shown: {first_line(exc)}")

    def _found_corners(self, key: int, document: Document, index: int) -> tuple | None:
        """The corners the correction found for the page (kept: a person's corners replace them)."""
        if (key, index) not in self._found:
            geometry = document.correction(index)
            self._found[(key, index)] = geometry.corners if geometry is not None else None
        return self._found[(key, index)]

    @Slot(int, int, object)
    def place_corners(self, key: int, index: int, corners) -> None:
        """Page ``index`` flattened by ``corners`` (the original's pixels), shown as stored (None) or as
        the correction finds it ("found"); the page's new size goes back with the Source that opens it so."""
        document = self._documents.get(key)
        if document is None or not hasattr(document, "set_corners"):
            return
        source = self._sources[key].with_corners(index, corners)
        try:
            self._found_corners(key, document, index)  # before they are replaced: the corners dialog shows them
            if corners == "found":  # opened again: the correction found (a turn only, when no page was found)
                reopened = source.open()
                document.close()
                document = self._documents[key] = reopened
            else:
                document.set_corners(index, corners)
            size = document.page_size(index)
        except DocScanError as exc:
            self.renderFailed.emit(key, index, "view", str(exc))
            return
        for cached in [k for k in self._decoded if k[:2] == (key, index)]:
            del self._decoded[cached]
        self._sources[key] = source
        self.cornersPlaced.emit(key, index, size, source)

    @Slot(int, int)
    def read_original(self, key: int, index: int) -> None:
        """The page as stored, with the corners it is flattened by now (else those found, else None)."""
        document = self._documents.get(key)
        if document is None or not hasattr(document, "original"):
            return
        try:
            geometry = document.correction(index)
            corners = geometry.corners if geometry is not None else self._found_corners(key, document, index)
            image = pil_to_qimage(document.original(index).image)
        except DocScanError as exc:
            self.renderFailed.emit(key, index, "view", str(exc))
            return
        self.originalRead.emit(key, index, image, corners)

    @Slot(int)
    def close(self, key: int) -> None:
        for cached in [k for k in self._decoded if k[0] == key]:
            del self._decoded[cached]
        self._sources.pop(key, None)
        for found in [k for k in self._found if k[0] == key]:
            del self._found[found]
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

    @Slot(str, object, object, str)
    def export(self, fmt: str, results: list, sources: list, target: str) -> None:
        """Write ``results`` as ``fmt`` (any format of core.formats) to ``target``; ``sources``, one Source per
        result, are opened only for a format made from the source document (a searchable PDF)."""
        try:
            written = formats.write(fmt, results, Path(target), [self._opener(source) for source in sources])
        except (OSError, DocScanError, ValueError) as exc:  # ValueError: a format refusing these results (a CSV
            # of a document without tables), in words
            self.exportFailed.emit(f"{target} could not be written: {getattr(exc, 'strerror', None) or exc}.")
            return
        # the file written, where the format named it otherwise (a CSV per table: the first)
        self.exported.emit(str(written) if written is not None and Path(written) != Path(target) else target)

    @staticmethod
    def _opener(source: Source):
        """What opens ``source`` again for an export made from the document: its file, or a pasted image's
        bytes."""
        if source.parts is not None:
            return source.open
        return lambda: source.place_corners(open_document(source.path if source.path is not None else source.data,
                                                          password=source.password, **source.open_options()))

    def shutdown(self) -> None:
        for key in list(self._documents):
            self.close(key)


# ---------------------------------------------------------------------------------------------- OCR


class OcrWorker(QObject):
    engineReady = Signal(object)  # {"models": role -> name, "backend": used, "notice": str | None}
    engineFailed = Signal(str, object)  # the core's message, engine_choice.EngineProblem (the window's words)
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
        self._announced: OcrEngine | None = None  # the engine engineReady was last said for
        self._cancelled: set[int] = set()
        self._cancel_lock = threading.Lock()

    @property
    def engine(self) -> OcrEngine | None:
        """The engine in use (a ProcessEngine unless DOCSCAN_ENGINE_IN_PROCESS); None until one is needed."""
        return self._engine

    def use_engine(self, engine) -> None:
        """Recognise with ``engine`` (anything with OcrEngine's load/recognize_image/close, e.g. a test's
        fake) instead of building one from the settings; call while no job runs."""
        self._engine = engine

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
            self.engineFailed.emit(str(exc), self._diagnose(exc))
            return
        except Exception as exc:
            message = f"The OCR engine could not start: {first_line(exc)}"
            self.engineFailed.emit(message, self._diagnose(RuntimeError(message)))
            return
        self._announce(engine)

    def _diagnose(self, error: Exception):
        """Why the engine did not start, in the window's words (read here: it reads model manifests)."""
        from .engine_choice import EngineProblem, InstalledFormats, describe_failure

        try:
            gpu = {self._config.backend: gpu_status(self._config.backend)} if self._config.device == "gpu" else None
            return describe_failure(self._config, error, InstalledFormats(self.store), gpu)
        except Exception:  # a diagnosis never takes the worker down: the core's message is said as it is
            return EngineProblem(str(error), "other")

    def _announce(self, engine: OcrEngine) -> None:
        """Say the engine is ready, once per engine (a job may load it before load_engine is asked)."""
        if self._announced is not engine:
            self._announced = engine
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
        """The job's pages through the core's run_document (a region through recognize_region), each page
        reported as it starts and ends; cancel is checked between pages, and the page in progress is
        interrupted with its engine process (ProcessEngine.interrupt)."""
        cancelled = False
        token = _JobCancelled(self, job.job_id)
        try:
            if token.is_set():
                self.jobFinished.emit(job.job_id, job.key, True)
                return
            try:
                engine = self._get_engine() if job.ocr_mode != "never" else None
            except (ModelError, EngineUnavailable) as exc:  # the window says why, as when it loads at start
                self.engineFailed.emit(str(exc), self._diagnose(exc))
                raise
            if engine is not None:
                self._announce(engine)
            with job.source.open() as document:
                if job.region is not None:
                    index = job.pages[0]
                    self.pageStarted.emit(job.job_id, job.key, index)
                    page, region = recognize_region(document, index, engine, job.dpi, job.region,
                                                    job.turns.get(index, 0))
                    self.regionDone.emit(job.job_id, job.key, index, RegionResult(page, region))
                else:
                    def report(progress: Progress) -> None:
                        if progress.page is not None:
                            self.pageDone.emit(job.job_id, job.key, progress.page)

                    result = run_document(document, engine, job.run_options, progress=report, cancel=token,
                                          path=job.source.path, page_started=lambda i: self.pageStarted.emit(job.job_id, job.key, i))
                    cancelled = result.cancelled
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

    def shutdown(self) -> None:
        if self._engine is not None:
            self._engine.close()
            self._engine = None


class _JobCancelled:
    """run_document's cancel token for one job of an OcrWorker."""

    def __init__(self, worker: OcrWorker, job_id: int):
        self.worker, self.job_id = worker, job_id

    def is_set(self) -> bool:
        return self.worker._is_cancelled(self.job_id)


class WorkerThread(QThread):
    """A QThread that runs a worker's event loop and, on stop(), lets the worker clean up in its own
    thread before the thread ends (no "QThread: Destroyed while thread is still running")."""

    _made: "weakref.WeakSet[WorkerThread]" = weakref.WeakSet()  # every one not yet garbage, for running()

    def __init__(self, worker: QObject, name: str):
        super().__init__()
        self.setObjectName(name)
        self.worker = worker
        worker.moveToThread(self)
        WorkerThread._made.add(self)

    @classmethod
    def running(cls) -> list["WorkerThread"]:
        """The WorkerThreads still running, in this process: Qt's threads are not in threading.enumerate(),
        so the tests' leak check asks here."""
        threads = []
        for thread in list(cls._made):
            try:
                if thread.isRunning():
                    threads.append(thread)
            except RuntimeError:  # its Qt object is gone already
                pass
        return threads

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
