"""What the Recognise menu asks for, turned into recognition jobs: this page, all the pages not read yet
(asking first when that would replace corrections), a region dragged on the page, a line read again. The
recognition controller runs the jobs; this decides which pages and where, and sets the progress bar up."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Signal
from PySide6.QtWidgets import QMessageBox, QProgressBar, QWidget

from ..core.results import PageResult
from .actions import keys
from .i18n import tr
from .recognition_controller import RecognitionController
from .settings import Settings
from .window_model import DocState

LINE_MARGIN = 0.25  # Recognise the Line Again: the line's box grown by this much of its height each way


def line_region(result: PageResult, index: int, page_size: tuple[float, float]) -> QRectF:
    """The part of the page under line ``index`` of ``result`` (with a margin), in the page's scene units
    (a PDF's points, an image's pixels), as a region dragged on the page is."""
    left, top, right, bottom = result.lines[index].bbox
    margin = (bottom - top) * LINE_MARGIN
    width, height = page_size
    scale = width / result.width if result.width else 1.0  # the result's pixels -> the page's scene units
    rect = QRectF((left - margin) * scale, (top - margin) * scale, (right - left + 2 * margin) * scale,
                  (bottom - top + 2 * margin) * scale)
    return rect.intersected(QRectF(0, 0, width, height))


class OcrCommands(QObject):
    said = Signal(str, int)  # a status-bar message and how long it stays (ms)

    def __init__(self, recognition: RecognitionController, settings: Settings, progress: QProgressBar,
                 dialog_parent: QWidget):
        super().__init__(dialog_parent)
        self.recognition, self.settings, self.progress = recognition, settings, progress
        self._dialog_parent = dialog_parent

    def recognise_page(self, doc: DocState, index: int) -> None:
        if index in doc.unreadable:
            self.said.emit(tr("This page cannot be recognised: {0}").format(doc.unreadable[index]), 8000)
            return
        self.start(doc, [index])

    def recognise_all(self, doc: DocState) -> None:
        pages = [i for i in range(doc.page_count) if i not in doc.results and i not in doc.unreadable]
        if not pages and len(doc.unreadable) == doc.page_count:
            self.said.emit(tr("No page of this document can be read."), 8000)
            return
        if not pages:
            if doc.corrected and QMessageBox.question(
                    self._dialog_parent, tr("Recognise again?"),
                    tr("Every page is recognised already. Recognising again replaces "
                       "your corrections. Go on?")) != QMessageBox.StandardButton.Yes:
                return
            pages = list(range(doc.page_count))
        self.start(doc, pages)

    def turn(self, doc: DocState, index: int, degrees: int) -> bool:
        """Turn page ``index`` by hand (its picture, its boxes: the recognised text stays on its words);
        False when it is being recognised (turned once that is done)."""
        job = self.recognition.model.job
        if job is not None and job.job.key == doc.key and index in job.job.pages:
            self.said.emit(tr("This page is being recognised: turn it once that is done."), 5000)
            return False
        self.recognition.model.turn_page(doc.key, index, degrees)
        if index in doc.results:  # its text was read the old way up: the boxes moved, the words did not
            self.said.emit(tr("Page turned. Recognise it again ({0}) to read it this way up.").format(
                keys("ocr_page")), 8000)
        return True

    def recognise_region(self, doc: DocState, index: int, rect: QRectF) -> None:
        """``rect`` on page ``index``, in the page's scene units (a PDF's points, an image's pixels)."""
        scale = self.dpi() / 72.0 if doc.is_pdf_page(index) else 1.0
        region = (rect.left() * scale, rect.top() * scale, rect.right() * scale, rect.bottom() * scale)
        self.start(doc, [index], region=region)

    def dpi(self) -> float:
        return self.settings.run_options().render_dpi

    def start(self, doc: DocState, pages: list[int], region=None) -> None:
        options = self.settings.run_options()
        if self.recognition.recognise(doc, pages, options.render_dpi, options.ocr_mode, region):
            self.progress.setRange(0, len(pages))
            self.progress.setValue(0)
            # "3 of 250 pages", not "0%" with 1 of 250 done
            self.progress.setFormat(tr("%v of %m pages") if len(pages) > 1 else "%p%")
