"""File → Print: a document's pages onto a QPrinter, one at a time. Each page is rendered by the documents
controller's I/O worker (turned as the person turned it), never on the main thread, and painted onto its
printer page scaled to fit; the next is asked for once it is painted, so Cancel stops between pages and no
more than one page's picture is held."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter

from .documents_controller import DocumentsController
from .i18n import tr
from .window_model import DocState

PRINT_DPI = 300  # a PDF's pages are rendered at this (or the printer's own, when lower); images as they are
PURPOSE = "print"  # the render requests' purpose, beside "view" and "thumb"


class PrintController(QObject):
    progressed = Signal(int, int)  # pages printed, of how many
    finished = Signal(bool)  # cancelled (or failed: ``failed`` said why first)
    failed = Signal(str)

    def __init__(self, documents: DocumentsController, parent: QObject | None = None):
        super().__init__(parent)
        self.documents = documents
        self._doc: DocState | None = None
        self._printer: QPrinter | None = None
        self._painter: QPainter | None = None
        self._pages: list[int] = []
        self._done = 0
        documents.rendered.connect(self._on_rendered)
        documents.renderFailed.connect(self._on_render_failed)

    @property
    def busy(self) -> bool:
        return self._doc is not None

    @property
    def key(self) -> int | None:
        return self._doc.key if self._doc is not None else None

    def start(self, doc: DocState, printer: QPrinter, pages: list[int] | None = None) -> bool:
        """Print ``pages`` (0-based; every page when None) of ``doc``; False when the printer cannot start."""
        if self.busy:
            return False
        pages = list(range(doc.page_count)) if pages is None else [p for p in pages if 0 <= p < doc.page_count]
        if not pages:
            return False
        painter = QPainter()
        if not painter.begin(printer):
            self.failed.emit(tr("The printer could not be started."))
            return False
        self._doc, self._printer, self._painter, self._pages, self._done = doc, printer, painter, pages, 0
        self.progressed.emit(0, len(pages))
        self._ask_next()
        return True

    def cancel(self) -> None:
        if self.busy:
            self._printer.abort()  # a real printer drops the job; a PDF keeps the pages painted so far
            self._end(cancelled=True)

    def document_closed(self, key: int) -> None:
        if self.key == key:
            self.cancel()

    def _ask_next(self) -> None:
        doc = self._doc
        index = self._pages[self._done]
        dpi = min(PRINT_DPI, self._printer.resolution()) if doc.is_pdf_page(index) else 0.0
        self.documents.render(doc, index, PURPOSE, dpi)

    def _on_rendered(self, key: int, index: int, purpose: str, image: QImage) -> None:
        if purpose != PURPOSE or key != self.key or index != self._pages[self._done]:
            return
        self._paint(image)

    def _on_render_failed(self, key: int, index: int, purpose: str, message: str) -> None:
        if purpose != PURPOSE or key != self.key or index != self._pages[self._done]:
            return
        self._paint(None, message)  # the page says why it is missing, and the rest are printed

    def _paint(self, image: QImage | None, problem: str = "") -> None:
        printer, painter = self._printer, self._painter
        if self._done and not printer.newPage():
            self.failed.emit(tr("The printer stopped after {0} pages.").format(self._done))
            self._end(cancelled=True)
            return
        area = QRectF(painter.viewport())
        if image is not None and not image.isNull():
            scale = min(area.width() / image.width(), area.height() / image.height())
            width, height = image.width() * scale, image.height() * scale
            target = QRectF(area.left() + (area.width() - width) / 2, area.top() + (area.height() - height) / 2,
                            width, height)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, image)
        else:
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, problem)
        self._done += 1
        self.progressed.emit(self._done, len(self._pages))
        if self._done == len(self._pages):
            self._end(cancelled=False)
        else:
            self._ask_next()

    def _end(self, cancelled: bool) -> None:
        self._painter.end()
        self._doc = self._printer = self._painter = None
        self._pages = []
        self.finished.emit(cancelled)


def ask_printer(parent, doc: DocState, current_page: int) -> tuple[QPrinter, list[int] | None] | None:
    """Qt's print dialog for ``doc``: the printer and the pages chosen (0-based; None: all), or None when
    cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(doc.name)
    dialog = QPrintDialog(printer, parent)
    dialog.setMinMax(1, doc.page_count)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    pages = None
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        pages = list(range(printer.fromPage() - 1, printer.toPage()))
    elif printer.printRange() == QPrinter.PrintRange.CurrentPage:
        pages = [current_page]
    return printer, pages
