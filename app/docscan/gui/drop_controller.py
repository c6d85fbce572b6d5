"""Files and pictures brought to the window: dragged and dropped (files, folders, an image from another
program; a web address is refused with what to do instead) or pasted (files copied in a file manager, an
image). It says, while dragging, what a drop would do; the window shows it and opens what comes out."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from .documents_controller import DocumentsController
from .i18n import tr

# A dropped folder may hold thousands of files: the window keeps each open document's file open and lists
# it, so it opens this many at most and points to the command line for batches.
MAX_DROPPED_DOCUMENTS = 200


def drop_intent(mime: QMimeData) -> tuple[str, str] | None:
    """What a drag would do when dropped ("files", "image" or "web"), and the hint that says so."""
    local = [u for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []
    if local:
        return "files", (tr("Release to open 1 file") if len(local) == 1 else
                         tr("Release to open {0} files").format(len(local)))
    if mime.hasImage():
        return "image", tr("Release to open the image")
    if mime.hasUrls() and any(u.scheme() in ("http", "https") for u in mime.urls()):
        return "web", tr("DocScan does not download from the web:\nsave the image from the browser,\n"
                         "then drop the file")
    return None


class DropController(QObject):
    openPaths = Signal(list)  # files to open
    openImage = Signal(QImage, str)  # a picture to open as a document, and its name
    said = Signal(str, int)  # a status-bar message and how long it stays (ms)
    progress = Signal(str)  # what the status line says meanwhile ("" when done)

    def __init__(self, documents: DocumentsController, dialog_parent: QWidget):
        super().__init__(dialog_parent)
        self.documents = documents
        self._dialog_parent = dialog_parent
        self._image_count = itertools.count(1)  # "Pasted image 1", "Dropped image 2": one count for both
        documents.found.connect(self._on_documents_found)

    def drop(self, mime: QMimeData) -> bool:
        """Open what was dropped; False when it was nothing DocScan opens."""
        intent = drop_intent(mime)
        if intent is None:
            return False
        if intent[0] == "files":
            self.progress.emit(tr("Looking for documents…"))
            self.documents.find([url.toLocalFile() for url in mime.urls() if url.isLocalFile()])
        elif intent[0] == "image":  # an image dragged from a browser or another program
            image = mime.imageData()
            if isinstance(image, QImage) and not image.isNull():
                self.openImage.emit(image, tr("Dropped image {0}").format(next(self._image_count)))
        else:
            message = tr("DocScan does not download from the web: save the image from the browser, "
                         "then drop the file.")
            self.progress.emit(message)
            self.said.emit(message, 10000)
        return True

    def paste(self) -> None:
        clipboard = QApplication.clipboard()
        mime = clipboard.mimeData()
        if mime is not None and mime.hasUrls():
            paths = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
            if paths:
                self.openPaths.emit(paths)
                return
        image = clipboard.image()
        if image.isNull():
            self.said.emit(tr("The clipboard holds no image."), 4000)
            return
        self.openImage.emit(image, tr("Pasted image {0}").format(next(self._image_count)))

    def _on_documents_found(self, paths: list, empty_folders: list) -> None:
        self.progress.emit("")
        if empty_folders:
            self.said.emit(tr("No images or PDFs in {0}").format(", ".join(empty_folders)), 8000)
        if len(paths) > MAX_DROPPED_DOCUMENTS:
            QMessageBox.information(
                self._dialog_parent, tr("Many documents"),
                tr("The dropped folders hold {0} images and PDFs; the first {1} are opened. To recognise them all, "
                   "use the command line: docscan ocr FOLDER -o OUTPUT_FOLDER").format(len(paths),
                                                                        MAX_DROPPED_DOCUMENTS))
            paths = paths[:MAX_DROPPED_DOCUMENTS]
        if paths:
            self.openPaths.emit(paths)
