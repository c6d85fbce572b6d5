"""The documents controller: opening, rendering, closing and exporting documents through the I/O worker
on its own thread, and what the model learns from it. No widget: the window asks (``open``, ``render``,
``close``, ``export``) and shows what comes back (``opened``, ``rendered``, the failures)."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from .window_model import DocState, WindowModel
from ..core.arranged import PageRef
from ..core.results import DocumentResult
from .job_types import OpenedInfo, Source
from .threads import IoWorker, WorkerThread


class DocumentsController(QObject):
    # Requests to the I/O worker (queued to its thread).
    _open = Signal(int, object)
    _open_image = Signal(int, QImage, object)  # key, the picture, its Source (no bytes yet)
    _open_scaled = Signal(int, object)
    _find = Signal(list)
    _render = Signal(int, int, str, int, float, int)
    _close = Signal(int)
    _export = Signal(str, object, object, str)  # format, results, their sources, target
    _arrange = Signal(int, object)  # key, its PageRefs now
    _measure = Signal(int, int, object)  # key, where, PageRefs to insert

    opened = Signal(object, list)  # DocState once its pages are known (saved work restored), warnings
    openFailed = Signal(int, str, str)  # key, message, what would help ("password", "scale down", "")
    rendered = Signal(int, int, str, QImage)  # key, page index, purpose ("view" or "thumb"), image
    renderFailed = Signal(int, int, str, str)  # key, page index, purpose, message
    found = Signal(list, list)  # files to open, dropped folders that held none
    exported = Signal(str)
    exportFailed = Signal(str)
    insertFailed = Signal(int, str)  # key, why pages could not be inserted

    def __init__(self, model: WindowModel, parent: QObject | None = None):
        super().__init__(parent)
        self.model = model
        self.worker = IoWorker()
        self.thread = WorkerThread(self.worker, "docscan-io")
        self._generations = itertools.count(1)
        worker = self.worker
        for request, slot in ((self._open, worker.open), (self._open_image, worker.open_image),
                              (self._open_scaled, worker.open_scaled), (self._find, worker.find_documents),
                              (self._render, worker.render), (self._close, worker.close),
                              (self._export, worker.export), (self._arrange, worker.arrange),
                              (self._measure, worker.measure)):
            request.connect(slot)
        worker.opened.connect(self._on_opened)
        worker.openFailed.connect(self.openFailed)
        worker.rendered.connect(self._on_rendered)
        worker.measured.connect(self._on_measured)
        worker.measureFailed.connect(self.insertFailed)
        model.arranged.connect(self._on_arranged)
        worker.renderFailed.connect(self._on_render_failed)
        worker.documentsFound.connect(self.found)
        worker.exported.connect(self.exported)
        worker.exportFailed.connect(self.exportFailed)
        self.thread.start()

    # --------------------------------------------------------------------------------------------- asks

    def open(self, source: Source, pasted: QImage | None = None) -> DocState:
        """Open ``source``; for a pasted image, ``source`` has no bytes yet and the worker encodes ``pasted``
        (the opened document then brings the source with its bytes)."""
        doc = self.model.add_document(source)
        if pasted is not None:
            self._open_image.emit(doc.key, pasted, source)
        else:
            self._open.emit(doc.key, source)
        return doc

    def reopen(self, doc: DocState) -> None:
        """Open again (with the password now given)."""
        self._open.emit(doc.key, doc.source)

    def open_scaled_down(self, doc: DocState) -> None:
        self._open_scaled.emit(doc.key, doc.source)

    def find(self, paths: list[str]) -> None:
        """Dropped files and folders: the documents in them, walked in the worker (``found``)."""
        self._find.emit(paths)

    def render(self, doc: DocState, index: int, purpose: str, dpi: float = 0.0) -> None:
        """Render a page for the view (at ``dpi``; an older view request still queued is skipped) or as a
        thumbnail, turned as the person turned it."""
        generation = doc.version if purpose == "thumb" else 0  # a thumbnail of an arrangement since is dropped
        if purpose == "view":
            generation = next(self._generations)
            self.worker.latest_generation[(doc.key, "view")] = generation
        self._render.emit(doc.key, index, purpose, generation, float(dpi), doc.turn(index))

    def close(self, key: int) -> None:
        self.model.remove_document(key)
        self._close.emit(key)

    def export(self, doc: DocState, fmt: str, target: str, result: DocumentResult | None = None) -> None:
        """Write the document's results (or ``result``, made from them: its tables only) as ``fmt`` (a format
        of core.formats: one made from the document, a searchable PDF, opens it again in the worker);
        ``exported`` or ``exportFailed`` answers."""
        self._export.emit(fmt, [result or doc.document_result()], [doc.source], str(target))

    def new_arranged_document(self, name: str, refs: list[PageRef]) -> int:
        """A new document of these pages (of PDFs and images; none: pages come with ``insert_pages``), shown
        at once; its thumbnails fill in. Returns its key."""
        return self.open(Source(None, name=name, parts=tuple(refs))).key

    def insert_pages(self, key: int, at: int, refs: list[PageRef]) -> None:
        """Insert pages of files into document ``key`` before its page ``at`` (past the end: at the end). They
        are read in the I/O worker, then appear in the thumbnails; call again as more pages arrive (each
        call's pages go where it says, in the order called). ``insertFailed`` says why when they cannot."""
        if refs:
            self._measure.emit(key, at, list(refs))

    # ---------------------------------------------------------------------------------------- answers

    def _on_rendered(self, key: int, index: int, purpose: str, generation: int, image: QImage, dpi: float) -> None:
        doc = self.model.docs.get(key)
        if purpose == "thumb" and doc is not None and generation != doc.version:
            return  # asked for before the pages were arranged: of the page that was there then
        self.rendered.emit(key, index, purpose, image)

    def _on_measured(self, key: int, at: int, refs: list, sizes: list, kinds: list) -> None:
        from .window_model import ArrangementRefused

        try:
            self.model.insert_pages(key, at, refs, sizes, kinds)
        except ArrangementRefused as exc:
            self.insertFailed.emit(key, str(exc))

    def _on_arranged(self, key: int) -> None:
        doc = self.model.docs.get(key)
        if doc is not None and doc.source.parts is not None:
            self._arrange.emit(key, doc.source.parts)  # the I/O worker's copy follows the model's pages

    def _on_opened(self, info: OpenedInfo) -> None:
        doc = self.model.document_opened(info)
        if doc is None:  # closed while it opened
            self._close.emit(info.key)
            return
        self.opened.emit(doc, list(info.warnings))

    def _on_render_failed(self, key: int, index: int, purpose: str, message: str) -> None:
        doc = self.model.docs.get(key)
        if doc is not None:
            doc.unreadable[index] = message  # it cannot be recognised either
        self.renderFailed.emit(key, index, purpose, message)

    def shutdown(self) -> None:
        self.thread.stop()
