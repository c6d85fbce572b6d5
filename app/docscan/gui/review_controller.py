"""Review mode (Recognise → Review, issue 26): the lines the engine marked to check, one after another, each
magnified from the page above its text; Enter accepts (or corrects, through the same corrections as the
text panel's, so Undo takes it back), Tab skips, Shift+Tab goes back, Esc leaves. The page follows: it
shows the line's page with its box selected and centred.

The queue (which lines, which one now, what is checked) is review_queue.ReviewQueue, without widgets; the
panel (review_panel.ReviewPanel, under the page) shows it. The line's picture is cut from its page rendered
for this ("review": PDF pages at REVIEW_DPI, images at their own pixels) by the I/O worker, off the main
thread, one page kept.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from .actions import keys
from .i18n import tr
from .review_panel import ReviewPanel, crop_of_line
from .review_queue import ReviewQueue, marked_lines, reasons_text

REVIEW_DPI = 200.0  # a PDF page rendered for the lines' pictures: small print still sharp when magnified


class ReviewController(QObject):
    lineShown = Signal(int, int, int)  # key, page index, line index: the line Review mode shows now

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.panel: ReviewPanel = window.review_panel
        self.queue: ReviewQueue | None = None
        self._page: tuple[int, int, int, QImage] | None = None  # (key, page id, turn, the page rendered)
        self._acting = False  # a correction or check of ours is going into the model: no refresh meanwhile
        self.panel.acceptWanted.connect(self.accept)
        self.panel.skipWanted.connect(self.skip)
        self.panel.backWanted.connect(self.back)
        self.panel.closeWanted.connect(self.close)
        window.model.pageChanged.connect(self._on_page_changed)
        window.model.documentRemoved.connect(self._on_document_removed)
        window.model.arranged.connect(lambda key: self._on_page_changed(key, -1))
        window.corrections.lineCorrected.connect(lambda key, page, index, line: self._on_page_changed(key, page))
        window.documents.rendered.connect(self._on_rendered)
        window.documents.renderFailed.connect(self._on_render_failed)
        window.pageShown.connect(self._on_page_shown)

    @property
    def active(self) -> bool:
        return self.queue is not None

    def update_actions(self, doc, page: int, _busy: bool) -> None:
        self.window.act_review.setEnabled(bool(doc is not None and doc.results))

    # ----------------------------------------------------------------------------------------- stepping

    def start(self) -> None:
        """Review the document shown from its first line still to check (again: where it is)."""
        doc = self.window.current_doc
        if doc is None or not doc.results:
            self.window._say(tr("Recognise the document first ({0}): Review goes through the lines it marks.")
                             .format(keys("ocr_all")), 8000)
            return
        if self.queue is None or self.queue.doc is not doc:
            self.queue = ReviewQueue(doc)
        else:
            self.queue.refresh()
        self._show()

    def accept(self, text: str) -> None:
        """The line shown reads ``text``: checked as it is, or corrected (and so checked); then the next."""
        place = self.queue.current if self.queue is not None else None
        if place is None:
            return
        key = self.queue.doc.key
        self._acting = True
        try:
            if text != place.line.text:
                self.window.corrections.correct(key, place.page, place.index, text)
            else:
                self.window.corrections.check(key, place.page, place.index)
        finally:
            self._acting = False
        self.queue.refresh()
        self.queue.advance()
        self._show()

    def skip(self) -> None:
        if self.queue is not None and not self.queue.done:
            self.queue.advance()
            self._show()

    def back(self) -> None:
        if self.queue is not None and self.queue.back():
            self._show()

    def close(self) -> None:
        """Leave Review: the panel goes, the text panel has the focus (on the line last shown)."""
        if self.queue is None:
            return
        self.queue = None
        self._page = None
        had_focus = self.panel.isAncestorOf(self.window.focusWidget()) if self.window.focusWidget() else False
        self.panel.setVisible(False)
        if had_focus:
            self.window.text_panel.setFocus()

    # ------------------------------------------------------------------------------------------ showing

    def progress_text(self) -> str:
        """"7 of 40 to check · 3 checked"."""
        queue = self.queue
        if queue is None:
            return ""
        if queue.done:  # the document's checked lines, this review's and earlier ones
            checked = sum(1 for line in marked_lines(queue.doc) if line.reviewed)
            return tr("{0} checked").format(checked) if checked else ""
        return tr("{0} of {1} to check").format(queue.position, queue.total) + " · " + tr("{0} checked").format(
            queue.checked)

    def _show(self) -> None:
        queue = self.queue
        place = queue.current if queue is not None else None
        if queue is None:
            return
        if place is None:
            marked = queue.total or marked_lines(queue.doc)
            message = tr("All marked lines checked") if marked else tr("No line of this document is marked to check")
            self.panel.show_done(message, self.progress_text(), bool(queue.total))
            return
        window = self.window
        if window.current_key != queue.doc.key:
            window.select_document(queue.doc.key)
        window.show_page(place.page)
        window.text_panel.select_line(place.index)
        window.view.select_line(place.index, centre=True)
        self.panel.show_line(place.line.text, self.progress_text(), reasons_text(place.line.review_reasons),
                             place.line.reviewed)
        self._show_crop()
        self.lineShown.emit(queue.doc.key, place.page, place.index)

    def _show_crop(self) -> None:
        """The line's picture from its page rendered for Review (asked for when another page is kept)."""
        queue = self.queue
        place = queue.current if queue is not None else None
        if place is None:
            return
        doc = queue.doc
        wanted = (doc.key, doc.page_ids[place.page], doc.turn(place.page))
        if self._page is None or self._page[:3] != wanted:
            self.window.documents.render(doc, place.page, "review",
                                         REVIEW_DPI if doc.is_pdf_page(place.page) else 72.0)
            return
        result = doc.results.get(place.page)
        image = self._page[3]
        scale = image.width() / result.width if result is not None and result.width else 1.0
        self.panel.set_crop(crop_of_line(image, place.line.bbox, scale), tr("The line lies outside its page"))

    def _on_rendered(self, key: int, index: int, purpose: str, image: QImage) -> None:
        queue = self.queue
        if purpose != "review" or queue is None or key != queue.doc.key or not 0 <= index < queue.doc.page_count:
            return
        self._page = (key, queue.doc.page_ids[index], queue.doc.turn(index), image)
        self._show_crop()

    def _on_render_failed(self, key: int, index: int, purpose: str, message: str) -> None:
        place = self.queue.current if self.queue is not None else None
        if purpose == "review" and place is not None and key == self.queue.doc.key and index == place.page:
            self.panel.set_crop(None, message)

    # ------------------------------------------------------------------------------------- the model moves

    def _on_page_changed(self, key: int, _page: int) -> None:
        """A page was recognised (again), arranged or corrected: the queue again; the panel follows when the
        line to show is another (its own was recognised again) or the progress changed."""
        queue = self.queue
        if queue is None or self._acting or key != queue.doc.key:
            return
        before = queue.current_line
        queue.refresh()
        if queue.current_line is not before or queue.done != self.panel.done:
            self._show()
        else:
            self.panel.progress.setText(self.progress_text())

    def _on_page_shown(self, key: int, _index: int) -> None:
        if self.queue is not None and key != self.queue.doc.key:  # another document was chosen
            self.close()

    def _on_document_removed(self, key: int) -> None:
        if self.queue is not None and key == self.queue.doc.key:
            self.close()
