"""Capture Screen: the window steps aside, the person drags over any part of the screen (capture.py's
overlay), and the picture opens as a document that is recognised at once and whose text is then copied."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from ..core.formats import page_text
from .capture import CaptureOverlay, CaptureUnavailable, grab_screens
from .i18n import tr
from .window_model import WindowModel

CAPTURE_DELAY_MS = 300  # the window manager needs a moment to take the window off the screen


class CaptureController(QObject):
    """Hides ``window`` while the screen is grabbed and the overlay is up, and brings it back after."""

    captured = Signal(QImage, str)  # the picture to open as a document, and its name
    said = Signal(str, int)  # a status-bar message and how long it stays (ms)
    failed = Signal(str, str)  # title, message: the screen cannot be read here

    def __init__(self, model: WindowModel, window: QWidget):
        super().__init__(window)
        self.model = model
        self.window = window
        self.overlay: CaptureOverlay | None = None  # the overlay while it is up (for tests: public)
        self._busy = False  # from the shortcut until the window is back: a second press does nothing
        self._shut_down = False
        self._count = itertools.count(1)
        self._documents: set[int] = set()  # documents made by a capture: recognised, their text copied

    def start(self) -> None:
        if self._busy:
            return
        self._busy = True
        self.window.hide()
        QTimer.singleShot(CAPTURE_DELAY_MS, self._show_overlay)

    def _show_overlay(self) -> None:
        if self._shut_down:
            return
        try:
            picture, desktop = grab_screens()
        except CaptureUnavailable as exc:
            self._end()
            self.failed.emit(tr("Screen capture"), str(exc))
            return
        overlay = CaptureOverlay(picture, desktop)
        overlay.captured.connect(self._on_captured)
        overlay.cancelled.connect(self._end)
        self.overlay = overlay
        overlay.show()
        overlay.activateWindow()
        overlay.setFocus()

    def _on_captured(self, image: QImage) -> None:
        self._end()
        self.captured.emit(image, tr("Screen capture {0}").format(next(self._count)))

    def opened_as(self, key: int) -> None:
        """The captured picture is document ``key``: recognised once it opens, then its text copied."""
        self._documents.add(key)

    def is_capture(self, key: int) -> bool:
        return key in self._documents

    def job_ended(self, key: int, cancelled: bool) -> None:
        """A capture's recognition ended: its text on the clipboard, and the status bar says so."""
        if key not in self._documents:
            return
        self._documents.discard(key)
        doc = self.model.docs.get(key)
        result = doc.results.get(0) if doc else None
        if result is not None and result.lines and not cancelled:
            QApplication.clipboard().setText(page_text(result))
            said = (tr("Copied the captured text (1 line)") if len(result.lines) == 1 else
                    tr("Copied the captured text ({0} lines)"))
            self.said.emit(said.format(len(result.lines)), 8000)
        elif not cancelled:
            self.said.emit(tr("No text was found in the captured part of the screen."), 8000)

    def _end(self) -> None:
        self.overlay = None
        self._busy = False
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()

    def shutdown(self) -> None:
        self._shut_down = True
        if self.overlay is not None:
            self.overlay.cancel()
