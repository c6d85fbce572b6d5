"""Keeping the work: saving a document's results and corrections beside it (through the I/O worker), and
closing the window only once the saves asked for on the way out are on disk. No widget: the window asks
where to save and whether to discard, and shows what this says."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from .window_model import DocState, WindowModel


class WorkKeeper(QObject):
    _save = Signal(int, str, object, str)  # key, document path, DocumentResult, target ("" = beside it)

    saved = Signal(int, str)  # key, path written
    failed = Signal(int, str)  # key, why (the window stays open with the work)
    readyToClose = Signal()  # every save asked for before closing is written

    def __init__(self, model: WindowModel, io_worker, parent: QObject | None = None):
        super().__init__(parent)
        self.model = model
        self._pending_close: set[int] = set()
        self._save.connect(io_worker.save)
        io_worker.saved.connect(self._on_saved)
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

    def save_now(self, docs: list[DocState]) -> list[str]:
        """Save ``docs`` at once, in this thread: only for when DocScan is being ended (SIGTERM) and the I/O
        worker may not get to it. Pasted images (no file to save beside) are skipped. Returns the paths."""
        from pathlib import Path

        from ..core import sidecar

        written = []
        for doc in docs:
            if doc.source.path is None:
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
