"""Page → Adjust Page Corners: the photo as it was taken, scaled to fit, with the page's four corners as
handles to drag; OK gives the corners (in the photo's pixels) to cut the page out by."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QGraphicsEllipseItem, QGraphicsItem, QGraphicsPolygonItem,
                               QGraphicsScene, QGraphicsView, QLabel, QVBoxLayout, QWidget)

from .i18n import tr

HANDLE_RADIUS = 9  # screen pixels, whatever the zoom
OUTLINE = QColor(0, 150, 255)


class _Handle(QGraphicsEllipseItem):
    """A corner to drag; kept on the photo, and it tells the dialog to redraw the page's outline."""

    def __init__(self, dialog: "CornersDialog", bounds: QRectF):
        super().__init__(-HANDLE_RADIUS, -HANDLE_RADIUS, 2 * HANDLE_RADIUS, 2 * HANDLE_RADIUS)
        self._dialog, self._bounds = dialog, bounds
        self.setBrush(QBrush(QColor(255, 255, 255, 200)))
        self.setPen(QPen(OUTLINE, 2))
        self.setZValue(2)
        self.setCursor(Qt.CursorShape.SizeAllCursor)
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsMovable
                      | QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations
                      | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)

    def itemChange(self, change, value):
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionChange:
            return QPointF(min(max(value.x(), self._bounds.left()), self._bounds.right()),
                           min(max(value.y(), self._bounds.top()), self._bounds.bottom()))
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            self._dialog.redraw_outline()
        return super().itemChange(change, value)


class _FitView(QGraphicsView):
    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)


class CornersDialog(QDialog):
    """The photo ``image`` with handles at ``corners`` (top-left, top-right, bottom-right, bottom-left, in
    the photo's pixels; None: a little inside the photo's edges). ``corners()`` is where they are now."""

    def __init__(self, image: QImage, corners, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Adjust Page Corners"))
        self.resize(720, 760)
        scene = QGraphicsScene(self)
        scene.addPixmap(QPixmap.fromImage(image))
        bounds = QRectF(0, 0, image.width(), image.height())
        scene.setSceneRect(bounds)
        self._outline = QGraphicsPolygonItem()
        self._outline.setPen(QPen(OUTLINE, 0))  # cosmetic: one screen pixel at any zoom
        self._outline.setBrush(QBrush(QColor(0, 150, 255, 40)))
        self._outline.setZValue(1)
        scene.addItem(self._outline)
        self.handles = [_Handle(self, bounds) for _ in range(4)]
        for handle in self.handles:
            scene.addItem(handle)
        self.view = _FitView(scene)
        self.view.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        hint = QLabel(tr("Drag the four corners onto the corners of the page, then press OK."))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        inset_x, inset_y = image.width() * 0.05, image.height() * 0.05
        self.set_corners(corners or ((inset_x, inset_y), (image.width() - inset_x, inset_y),
                                     (image.width() - inset_x, image.height() - inset_y),
                                     (inset_x, image.height() - inset_y)))

    def set_corners(self, corners) -> None:
        """Put the handles at ``corners`` (four (x, y) in the photo's pixels, clockwise from top-left)."""
        for handle, (x, y) in zip(self.handles, corners):
            handle.setPos(float(x), float(y))
        self.redraw_outline()

    def corners(self) -> tuple[tuple[float, float], ...]:
        return tuple((handle.pos().x(), handle.pos().y()) for handle in self.handles)

    def redraw_outline(self) -> None:
        if len(getattr(self, "handles", ())) == 4:
            self._outline.setPolygon(QPolygonF([handle.pos() for handle in self.handles]))
