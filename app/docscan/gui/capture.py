"""Screen capture: a picture of every screen, shown full-screen, on which the user drags the rectangle to
recognise (NormCap's and Umi-OCR's way).

The screens are grabbed with ``QScreen.grabWindow(0)`` (X11, Windows, macOS; Qt's offscreen platform
too, which the tests use) *before* the overlay shows, so the overlay itself is never in the picture. On
Wayland a program may not read the screen: Qt returns nothing there, and ``grab_screens`` says so in words
a person can act on (the desktop's own screenshot tool, then paste), rather than capturing black.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from .actions import keys
from .i18n import tr


class CaptureUnavailable(Exception):
    """This desktop does not let DocScan read the screen; the message says what to do instead."""


def grab_screens() -> tuple[QImage, QRect]:
    """Every screen in one image of the virtual desktop (in device-independent pixels), and that
    desktop's geometry."""
    app = QGuiApplication.instance()
    if app is not None and QGuiApplication.platformName().startswith("wayland"):
        raise CaptureUnavailable(tr(
            "This desktop (Wayland) does not let programs read the screen. Take a screenshot with the "
            "desktop's own tool (Print Screen), then paste it into DocScan ({0}).").format(keys("paste")))
    screens = QGuiApplication.screens()
    if not screens:
        raise CaptureUnavailable(tr("There is no screen to capture."))
    desktop = QRect()
    for screen in screens:
        desktop = desktop.united(screen.geometry())
    picture = QImage(desktop.size(), QImage.Format.Format_RGB32)
    picture.fill(QColor(0, 0, 0))
    painter = QPainter(picture)
    grabbed = False
    for screen in screens:
        pixmap = screen.grabWindow(0)
        if pixmap.isNull():
            continue
        grabbed = True
        geometry = screen.geometry()
        painter.drawPixmap(QRect(geometry.topLeft() - desktop.topLeft(), geometry.size()), pixmap)
    painter.end()
    if not grabbed:
        raise CaptureUnavailable(tr(
            "The screen could not be read here. Take a screenshot with the system's own tool, then paste "
            "it into DocScan ({0}).").format(keys("paste")))
    return picture, desktop


class CaptureOverlay(QWidget):
    """The screens' picture, full-screen and a little dimmed; drag a rectangle to take that part (Esc or a
    click without dragging: nothing)."""

    captured = Signal(QImage)  # the rectangle's pixels, at the screen's full resolution
    cancelled = Signal()

    MIN_SIDE = 8  # pixels: a smaller rectangle is a slip of the mouse

    def __init__(self, picture: QImage, desktop: QRect):
        super().__init__(None, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
                         | Qt.WindowType.Tool)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(tr("Capture the screen"))
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setMouseTracking(True)
        self.picture = picture
        self.setGeometry(desktop)
        self._origin: QPoint | None = None
        self._rect = QRect()
        self._done = False

    # The rectangle, in the overlay's (= the desktop's) coordinates.
    @property
    def selection(self) -> QRect:
        return QRect(self._rect)

    def take(self, rect: QRect) -> None:
        """Take ``rect`` (overlay coordinates): the same as dragging it."""
        rect = rect.normalized().intersected(self.rect())
        if self._done:
            return
        self._done = True
        if rect.width() < self.MIN_SIDE or rect.height() < self.MIN_SIDE:
            self.cancelled.emit()
        else:
            self.captured.emit(self.picture.copy(self._source_rect(rect)))
        self.close()

    def cancel(self) -> None:
        if not self._done:
            self._done = True
            self.cancelled.emit()
        self.close()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawImage(self.rect(), self.picture)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 90))
        if not self._rect.isNull():
            painter.drawImage(self._rect, self.picture, self._source_rect(self._rect))
            painter.setPen(QPen(QColor(30, 144, 255), 2))
            painter.drawRect(self._rect.adjusted(0, 0, -1, -1))
        else:
            painter.setPen(QColor(255, 255, 255))
            painter.drawText(self.rect().adjusted(0, 40, 0, 0), Qt.AlignmentFlag.AlignHCenter,
                             tr("Drag over the text to recognise · Esc to cancel"))
        painter.end()

    def _source_rect(self, rect: QRect) -> QRect:
        """``rect`` in the picture's pixels (more than the overlay's on a high-DPI screen)."""
        scale_x = self.picture.width() / max(1, self.width())
        scale_y = self.picture.height() / max(1, self.height())
        return QRect(round(rect.x() * scale_x), round(rect.y() * scale_y),
                     round(rect.width() * scale_x), round(rect.height() * scale_y))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._origin = event.position().toPoint()
            self._rect = QRect(self._origin, self._origin)
        elif event.button() == Qt.MouseButton.RightButton:
            self.cancel()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._origin is not None:
            self._rect = QRect(self._origin, event.position().toPoint()).normalized()
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._origin is not None:
            self._origin = None
            self.take(QRect(self._rect))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        if not self._done:
            self._done = True
            self.cancelled.emit()
        super().closeEvent(event)
