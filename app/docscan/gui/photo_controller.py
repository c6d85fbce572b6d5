"""Photos of pages in the window (issue 29): Page → Straighten Photo shows a photographed page as it was
taken or corrected again, and Page → Adjust Page Corners lets a person place the page's corners on the
photo as taken (corners_dialog.py). The I/O worker's document is changed (threads.IoWorker.place_corners)
and the corners travel in the document's Source, so every recognition job and export opens the page as
shown. The page's old result was of other pixels: it is dropped, and the page is recognised again.

An arranged document's pages (several files, pages moved) are left as they are: both actions are off there."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage, QUndoCommand

from .corners_dialog import CornersDialog
from .i18n import tr


class PlaceCorners(QUndoCommand):
    """Corners placed on a photo (or the correction undone, or brought back), in the document's history with
    the corrections, so that Undo takes back the last thing done. The page's result is not brought back:
    it is recognised again."""

    def __init__(self, photos: "PhotoController", doc, index: int, old, new):
        super().__init__(f"corners of page {index + 1}")
        self.photos, self.key, self.old, self.new = photos, doc.key, old, new
        self.page_id = doc.page_ids[index] if index < len(doc.page_ids) else None

    def redo(self) -> None:
        self.photos.place(self.key, self.page_id, self.new)

    def undo(self) -> None:
        self.photos.place(self.key, self.page_id, self.old)


class PhotoController(QObject):
    dialogShown = Signal(object)  # the CornersDialog, open (for tests and whoever embeds the window)
    pageReshaped = Signal(int, int)  # key, page index: shown with its new corners (or none)
    _place = Signal(int, int, object)  # key, page index, corners (None: as stored; "found": as found)
    _read = Signal(int, int)  # key, page index: the page as stored, for the corners dialog

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        worker = window.documents.worker
        self._place.connect(worker.place_corners)
        self._read.connect(worker.read_original)
        worker.cornersPlaced.connect(self._on_placed)
        worker.originalRead.connect(self._on_original)
        worker.opened.connect(self._on_opened)
        window.model.documentRemoved.connect(lambda key: self._photo_pages.pop(key, None))
        self._photo_pages: dict[int, set[int]] = {}  # key -> the pages that are (or were) shown corrected
        self.dialog: CornersDialog | None = None

    def is_photo(self, doc, index: int) -> bool:
        """Page ``index`` of ``doc`` is a photo of a page the window corrected (or a person did, or undid)."""
        return (doc is not None and doc.source.parts is None and doc.source.flatten_photos
                and index in self._photo_pages.get(doc.key, ()))

    def update_actions(self, doc, index: int, busy: bool) -> None:
        on = self.is_photo(doc, index) and not busy  # a page being recognised keeps its pixels till it is done
        for action in (self.window.act_straighten, self.window.act_adjust_corners):
            action.setEnabled(on)
        self.window.act_straighten.setChecked(on and doc.source.straightened(index))

    def set_straightened(self, checked: bool) -> None:
        """Straighten Photo ticked: the page as the correction found it; unticked: the page as stored."""
        self._apply("found" if checked else None)

    def adjust_corners(self) -> None:
        """The corners dialog, once the I/O worker has read the photo as it was taken."""
        doc = self.window.current_doc
        if self.is_photo(doc, self.window.current_page):
            self._read.emit(doc.key, self.window.current_page)

    def _apply(self, corners) -> None:
        """The page shown gets ``corners``: a step in the document's undo history (Edit → Undo)."""
        doc, index = self.window.current_doc, self.window.current_page
        if not self.is_photo(doc, index) or self.window.model.busy:
            return
        old = dict(doc.source.corners).get(index, "found")
        if old != corners:
            self.window.corrections.stack(doc.key).push(PlaceCorners(self, doc, index, old, corners))

    def place(self, key: int, page_id: int | None, corners) -> None:
        """Page ``page_id`` of document ``key`` (wherever it is now) flattened by ``corners``."""
        doc = self.window.docs.get(key)
        if doc is None or page_id not in doc.page_ids:
            return
        index = doc.page_ids.index(page_id)
        if self.is_photo(doc, index):
            doc.source = doc.source.with_corners(index, corners)  # jobs started from now open the page so
            self._place.emit(key, index, corners)

    def _on_opened(self, info) -> None:
        self._photo_pages[info.key] = set(info.photo_pages)
        self.window._update_actions()  # the window may have shown the page already

    def _on_original(self, key: int, index: int, image: QImage, corners) -> None:
        if key != self.window.current_key or index != self.window.current_page:
            return  # the person went on to another page meanwhile
        self.dialog = CornersDialog(image, corners, self.window)
        self.dialog.accepted.connect(lambda dialog=self.dialog: self._apply(dialog.corners()))
        self.dialog.open()
        self.dialogShown.emit(self.dialog)

    def _on_placed(self, key: int, index: int, size, _source) -> None:
        doc = self.window.docs.get(key)
        if doc is None:
            return
        self._photo_pages.setdefault(key, set()).add(index)
        had_result = index in doc.results
        self.window.model.reshape_page(key, index, size)
        if key == self.window.current_key:
            if index == self.window.current_page:
                self.window.current_page = -1  # shown again, at its new size
                self.window.show_page(index)
            self.window.documents.render(doc, index, "thumb")
        if had_result:
            self.window.statusBar().showMessage(tr("The page changed: recognise it again."), 8000)
        self.window._update_actions()
        self.pageReshaped.emit(key, index)
