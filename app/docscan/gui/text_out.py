"""The text out of the window: the clipboard (the selected lines, the page, the document) and the exports
(the Export dialog names the file as ``docscan ocr`` would; the documents controller writes it)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from ..core.formats import OUTPUT_SUFFIXES, PAGE_BREAK, page_text, to_text
from ..core.output_files import output_path_for
from ..core.results import PageResult
from .actions import export_formats
from .documents_controller import DocumentsController
from .i18n import tr
from .window_model import DocState


class TextOutController(QObject):
    """Copies and exports what the window shows: ``shown()`` gives the document and the page's result."""

    said = Signal(str, int)  # a status-bar message and how long it stays (ms)

    def __init__(self, documents: DocumentsController, shown: Callable[[], tuple[DocState | None, PageResult | None]],
                 selected_texts: Callable[[], list[str]], dialog_parent: QWidget):
        super().__init__(dialog_parent)
        self.documents = documents
        self._shown = shown
        self._selected_texts = selected_texts
        self._dialog_parent = dialog_parent

    def copy_selection(self) -> None:
        texts = self._selected_texts()
        if not texts:
            self.copy_page()
            return
        QApplication.clipboard().setText("\n".join(texts))
        self.said.emit((tr("Copied 1 line") if len(texts) == 1 else tr("Copied {0} lines")).format(len(texts)), 4000)

    def copy_page(self) -> None:
        _doc, result = self._shown()
        if result is None or not result.lines:
            self.said.emit(tr("This page has no recognised text to copy."), 4000)
            return
        QApplication.clipboard().setText(page_text(result))
        self.said.emit(tr("Copied page {0}").format(result.page), 4000)

    def copy_document(self) -> None:
        doc, _result = self._shown()
        if doc is None or not doc.results:
            self.said.emit(tr("Nothing recognised yet to copy."), 4000)
            return
        # pages apart by a blank line, not the txt export's form feed, which a text field shows as a box
        QApplication.clipboard().setText(to_text([doc.document_result()]).replace(PAGE_BREAK, "\n"))
        self.said.emit((tr("Copied the text of 1 page") if len(doc.results) == 1 else
                        tr("Copied the text of {0} pages")).format(len(doc.results)), 4000)

    @staticmethod
    def suggested_target(doc: DocState, fmt: str) -> tuple[Path, str]:
        """The name the Export dialog offers, and its file type as the Open dialog's are: named as ``docscan
        ocr`` names it (scan.png -> scan.png.ocr.pdf), so that a scan.png and a scan.jpg beside it are not
        offered the same name; the type "Markdown (*.md)" (Path(".md").suffix is "": a name that starts with
        a dot has no suffix, and the filter was "MD (*)", every file)."""
        suffix = OUTPUT_SUFFIXES[fmt]
        base = (output_path_for(doc.source.path, None, Path(doc.source.path).parent, fmt) if doc.source.path
                else Path(doc.name + suffix))
        return base, f"{export_formats()[fmt][1]} (*.{suffix.rpartition('.')[2]})"

    def export_dialog(self, fmt: str, doc: DocState | None = None) -> bool:
        """Ask where to export ``doc`` (the one shown when None); False when nothing was exported (nothing to
        export, or the dialog cancelled)."""
        if doc is None:
            doc, _result = self._shown()
        if doc is None or not doc.results:
            self.said.emit(tr("Nothing recognised yet to export."), 4000)
            return False
        base, kind = self.suggested_target(doc, fmt)
        target, _ = QFileDialog.getSaveFileName(self._dialog_parent, tr("Export"), str(base), kind)
        if target:
            self.documents.export(doc, fmt, str(target))
        return bool(target)

    def export_to(self, fmt: str, target: str) -> None:
        """Export the document shown to ``target`` (no dialog)."""
        doc, _result = self._shown()
        if doc is not None:
            self.documents.export(doc, fmt, str(target))
