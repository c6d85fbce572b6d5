"""Keeping the work: saving a document's results and corrections beside it (through the I/O worker), and
closing the window only once the saves asked for on the way out are on disk. No widget: the window asks
where to save and whether to discard, and shows what this says."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from .window_model import DocState, WindowModel


class WorkKeeper(QObject):
    _save = Signal(int, str, object, str)  # key, document path, DocumentResult, target ("" = beside it)
    _save_pdf = Signal(int, object, str)  # key, DocumentResult, the PDF to write (the document's home then)

    saved = Signal(int, str)  # key, path written
    failed = Signal(int, str)  # key, why (the window stays open with the work)
    readyToClose = Signal()  # every save asked for before closing is written

    def __init__(self, model: WindowModel, io_worker, parent: QObject | None = None):
        super().__init__(parent)
        self.model = model
        self._pending_close: set[int] = set()
        self.last_folder: str | None = None  # where the last PDF was saved (the next is offered there)
        self._save.connect(io_worker.save)
        self._save_pdf.connect(io_worker.save_pdf)
        io_worker.saved.connect(self._on_saved)
        io_worker.savedAsPdf.connect(self._on_saved_as_pdf)
        io_worker.saveFailed.connect(self._on_failed)

    @property
    def closing(self) -> bool:
        """Saves asked for before closing are still being written."""
        return bool(self._pending_close)

    def save(self, doc: DocState, target: str = "") -> None:
        self._save.emit(doc.key, doc.source.path, doc.document_result(), target)

    def save_then_close(self, doc: DocState) -> None:
        self._pending_close.add(doc.key)
        self.save(doc)

    def save_pdf(self, doc: DocState, target: str) -> None:
        """Write ``doc`` as the searchable PDF ``target`` (its pages as arranged, with their text), which is
        then its home: the document is that file, its results saved beside it."""
        self._save_pdf.emit(doc.key, doc.document_result(), str(target))

    def save_pdf_then_close(self, doc: DocState, target: str) -> None:
        self._pending_close.add(doc.key)
        self.save_pdf(doc, target)

    def _on_saved_as_pdf(self, key: int, path: str, sizes: list) -> None:
        self.model.saved_as_pdf(key, path, sizes)
        self._on_saved(key, path)

    def save_now(self, docs: list[DocState]) -> list[str]:
        """Save ``docs`` at once, in this thread: only for when DocScan is being ended (SIGTERM) and the I/O
        worker may not get to it. Pasted images (no file to save beside) are skipped. Returns the paths."""
        from pathlib import Path

        from ..core import sidecar

        written = []
        for doc in docs:
            if doc.source.path is None:  # a pasted image, an arranged document: no file of its own yet
                continue
            try:
                written.append(str(sidecar.save(Path(doc.source.path), doc.document_result())))
            except OSError:
                continue  # nowhere to write it (the stop cannot wait for a person)
            self.model.mark_saved(doc.key, written[-1])
        return written

    def give_up_closing(self) -> None:
        self._pending_close.clear()

    def _on_saved(self, key: int, path: str) -> None:
        self.model.mark_saved(key, path)
        self.saved.emit(key, path)
        if key in self._pending_close:
            self._pending_close.discard(key)
            if not self._pending_close:
                self.readyToClose.emit()

    def _on_failed(self, key: int, message: str) -> None:
        self._pending_close.clear()
        self.failed.emit(key, message)
