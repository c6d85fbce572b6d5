"""Opening documents from the window: File → Open…, paths given (Open Recent, a drop, the command line),
pictures (pasted, dropped, captured), and what is asked when a file cannot be opened as it is (a password,
an image too large: a copy scaled down). The documents controller opens them in its I/O worker."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from .documents_controller import DocumentsController
from .i18n import tr
from .job_types import Source
from .settings import Settings


def open_filter() -> str:
    return tr("Documents ({0});;PDF (*.pdf);;Images ({1});;All files (*)").format(
        "*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.bmp *.webp", "*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.webp")


class OpenController(QObject):
    alreadyOpen = Signal(int)  # key: a path asked for is open already (the window shows it)
    progress = Signal(str)  # what the status line says meanwhile ("" when done)
    failed = Signal(str)  # the message: the document is not opened

    def __init__(self, documents: DocumentsController, settings: Settings, dialog_parent: QWidget):
        super().__init__(dialog_parent)
        self.documents, self.settings = documents, settings
        self.model = documents.model
        self._dialog_parent = dialog_parent
        documents.openFailed.connect(self._on_open_failed)

    def open_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self._dialog_parent, tr("Open documents"),
                                                self.settings.get("files/last_folder"), open_filter())
        if paths:
            self.settings.set("files/last_folder", str(Path(paths[0]).parent))
            self.open_paths(paths)

    def open_paths(self, paths) -> list[int]:
        opened = []
        for given in paths:
            # absolute: "photo.jpg" given in one folder is the same file from anywhere later (Open Recent,
            # the saved work beside it), and is open once however it was named (no disk access here; the
            # I/O worker resolves links as it opens it)
            path = os.path.abspath(given)
            existing = self.model.find_path(path)
            if existing is not None:
                self.alreadyOpen.emit(existing.key)
                opened.append(existing.key)
                continue
            opened.append(self.open_source(Source(path, name=Path(given).name, flatten_photos=self._flatten())))
        return opened

    def open_image(self, image: QImage, name: str, photo: bool = True) -> int:
        """A pasted, dropped or captured picture, opened as a document of its own; ``photo``: it may be a
        photo of a page (a screen capture never is: a white window on a dark desktop is no page to crop to)."""
        return self.open_source(Source(None, None, name=name, flatten_photos=photo and self._flatten()),
                                pasted=image)

    def _flatten(self) -> bool:
        return self.settings.run_options().flatten_photos

    def open_source(self, source: Source, pasted: QImage | None = None) -> int:
        doc = self.documents.open(source, pasted)
        self.progress.emit(tr("Opening {0}…").format(doc.name))
        return doc.key

    def _on_open_failed(self, key: int, message: str, remedy: str) -> None:
        doc = self.model.docs.get(key)
        if doc is None:
            return
        self.progress.emit("")
        parent = self._dialog_parent
        if remedy == "password":
            password, ok = QInputDialog.getText(parent, tr("Password"), tr("{0}\n\nPassword:").format(message),
                                                QLineEdit.EchoMode.Password)
            if ok and password:
                doc.source.password = password
                self.documents.reopen(doc)
                return
        elif remedy == "scale down":
            answer = QMessageBox.question(
                parent, tr("Image too large"),
                tr("{0}\n\nOpen a copy scaled down to 100 megapixels? The file itself is not changed.").format(
                    message.replace(" Scale it down or split it first.", "")))
            if answer == QMessageBox.StandardButton.Yes:
                self.progress.emit(tr("Scaling {0} down…").format(doc.name))
                self.documents.open_scaled_down(doc)
                return
        self.model.remove_document(key)
        self.failed.emit(message)
