"""The page view: the page image with each recognised line drawn over it as its polygon, and each table
found on the page as a grid (its outline and its cells' borders).

Scene units are the page's own units (PDF points, or image pixels), so zoom and boxes do not depend on
the DPI a page was rendered or recognised at. The page image is re-rendered, off the main thread, at the
DPI the current zoom and the screen's device pixel ratio need, so text stays crisp on HiDPI screens.
"""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen, QPixmap, QPolygonF, QTransform
from PySide6.QtWidgets import (QGraphicsItem, QGraphicsPixmapItem, QGraphicsPolygonItem, QGraphicsRectItem,
                               QGraphicsScene, QGraphicsView, QRubberBand)

from ..core.results import TextLine
from ..core.tables import Table
from .i18n import tr
from .review_queue import reasons_text

MIN_SCALE, MAX_SCALE = 0.05, 16.0


def confidence_colour(confidence: float) -> QColor:
    if confidence >= 0.9:
        return QColor(24, 160, 72)  # green: trust it
    if confidence >= 0.7:
        return QColor(230, 140, 0)  # orange: worth a look
    return QColor(210, 40, 40)  # red: likely wrong


# A line the engine marked to check and nobody checked yet (issue 26): an amber dashed outline, wider than
# the confidence colours' solid one, so that it stands out whatever its confidence.
REVIEW_COLOUR = QColor(255, 170, 0)


def needs_review(line: TextLine) -> bool:
    return line.review and not line.reviewed


def line_tip(line: TextLine) -> str:
    """"confidence 93%", "(corrected)" for a line corrected by hand, and whether it is to check (why) or
    was checked."""
    tip = tr("confidence {0:.0%}").format(line.confidence)
    if line.edited:
        tip += tr(" (corrected)")
    if needs_review(line):
        tip += "\n" + tr("To check: {0}").format(reasons_text(line.review_reasons))
    elif line.reviewed:
        tip += "\n" + tr("Checked")
    return tip


class LineBox(QGraphicsPolygonItem):
    """One recognised line: outline coloured by confidence (amber and dashed while it is to check), text and
    confidence on hover."""

    def __init__(self, index: int, line: TextLine, scale: float):
        polygon = QPolygonF([QPointF(x * scale, y * scale) for x, y in line.box])
        super().__init__(polygon)
        self.index = index
        self.line = line
        self.colour = confidence_colour(line.confidence)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setAcceptHoverEvents(True)
        self.setZValue(1)
        self.update_tooltip()
        self._hover = False
        self.found = False  # a match of Find: drawn with a yellow fill
        self._restyle()

    def update_tooltip(self) -> None:
        self.setToolTip(f"{self.line.text}\n{line_tip(self.line)}")

    @property
    def marked(self) -> bool:
        """Drawn as a line to check."""
        return needs_review(self.line)

    def _restyle(self) -> None:
        if self.marked:
            pen = QPen(REVIEW_COLOUR, 3.5 if self.isSelected() else 2.5, Qt.PenStyle.DashLine)
        else:
            pen = QPen(self.colour, 2.5 if self.isSelected() else 1.2)
        pen.setCosmetic(True)  # the same width on screen at any zoom
        self.setPen(pen)
        fill = QColor(255, 214, 0) if self.found else QColor(REVIEW_COLOUR if self.marked else self.colour)
        fill.setAlpha(90 if self.isSelected() else 110 if self.found else 45 if self._hover else 18)
        self.setBrush(QBrush(fill))

    def itemChange(self, change, value):
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self._restyle()
        return super().itemChange(change, value)

    def hoverEnterEvent(self, event):
        self._hover = True
        self._restyle()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event):
        self._hover = False
        self._restyle()
        super().hoverLeaveEvent(event)


TABLE_COLOUR = QColor(40, 100, 230)  # blue: apart from the lines' green, orange and red


class TableGrid(QGraphicsRectItem):
    """One table of the page: its outline and, as children, one thin rectangle per cell. Drawn under the
    line boxes, without a fill (the text stays readable; a faint tint once chosen), and blind to the mouse (the page still scrolls
    and the lines are still clicked through it)."""

    def __init__(self, index: int, table: Table, scale: float):
        super().__init__(self._rect(table.box, scale))
        self.index = index
        self.table = table
        self.setZValue(0.5)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setToolTip(tr("Table: {0} rows, {1} columns (right-click to copy it)").format(table.rows, table.cols))
        pen = QPen(TABLE_COLOUR, 1.0)
        pen.setCosmetic(True)
        self.cells = []
        for cell in table.cells:
            item = QGraphicsRectItem(self._rect(cell.box, scale), self)
            item.setPen(pen)
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            self.cells.append(item)
        self.set_chosen(False)

    @staticmethod
    def _rect(box, scale: float) -> QRectF:
        x0, y0, x1, y1 = box
        return QRectF(QPointF(x0 * scale, y0 * scale), QPointF(x1 * scale, y1 * scale)).normalized()

    def set_chosen(self, chosen: bool) -> None:
        """A table right-clicked (what Copy Table copies): a wider outline and a faint tint."""
        self.chosen = chosen
        pen = QPen(TABLE_COLOUR, 3.0 if chosen else 2.0)
        pen.setCosmetic(True)
        self.setPen(pen)
        tint = QColor(TABLE_COLOUR)
        tint.setAlpha(28 if chosen else 0)
        self.setBrush(QBrush(tint) if chosen else QBrush(Qt.BrushStyle.NoBrush))


class PageView(QGraphicsView):
    lineClicked = Signal(int)  # index of the line whose box was clicked
    regionSelected = Signal(QRectF)  # a rectangle dragged in region mode, in scene units
    renderWanted = Signal(float)  # the DPI the page should be rendered at for the current zoom (PDF pages)
    zoomChanged = Signal(float)
    resized = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setBackgroundBrush(QColor(96, 96, 100))
        self.setAcceptDrops(False)  # drops go to the window
        self._page_item: QGraphicsPixmapItem | None = None
        self._loading = None  # the "Loading page…" text until the image arrives
        self._paper: QGraphicsRectItem | None = None
        self._boxes: list[LineBox] = []
        self._grids: list[TableGrid] = []
        self._page_size = (0.0, 0.0)
        self._is_pdf = False
        self._fit_mode: str | None = "page"
        self._region_mode = False
        self._rubber_band: QRubberBand | None = None
        self._drag_origin = None
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(120)
        self._render_timer.timeout.connect(self._emit_render_wanted)
        self.scene().selectionChanged.connect(self._on_selection_changed)
        self._selecting_programmatically = False

    # ------------------------------------------------------------------------------------------ content

    @property
    def boxes(self) -> list[LineBox]:
        return list(self._boxes)

    @property
    def grids(self) -> list[TableGrid]:
        return list(self._grids)

    @property
    def page_size(self) -> tuple[float, float]:
        return self._page_size

    def clear_page(self) -> None:
        self.scene().clear()
        self._page_item = self._paper = self._loading = None
        self._boxes = []
        self._grids = []
        self._page_size = (0.0, 0.0)

    def show_page(self, width: float, height: float, is_pdf: bool) -> None:
        """A new page: white paper of the page's size until its image arrives."""
        self.clear_page()
        self._page_size = (width, height)
        self._is_pdf = is_pdf
        self.scene().setSceneRect(QRectF(0, 0, width, height))
        self._paper = self.scene().addRect(QRectF(0, 0, width, height), QPen(Qt.PenStyle.NoPen), QBrush(Qt.GlobalColor.white))
        self._paper.setZValue(-2)
        # said on the paper until the image arrives (a 100-megapixel scan takes seconds to decode)
        self._loading = self.scene().addText(tr("Loading page…"))
        self._loading.setDefaultTextColor(QColor(120, 120, 120))
        font = self._loading.font()
        font.setPointSizeF(max(8.0, width / 30))
        self._loading.setFont(font)
        box = self._loading.boundingRect()
        self._loading.setPos((width - box.width()) / 2, (height - box.height()) / 3)
        self._apply_fit()

    @property
    def loading(self) -> bool:
        return self._loading is not None

    def _loaded(self) -> None:
        if self._loading is not None:
            self.scene().removeItem(self._loading)
            self._loading = None

    def show_problem(self, message: str) -> None:
        """Say on the page itself why it cannot be shown (a damaged image or PDF page)."""
        if not self._page_size[0]:
            return
        self._loaded()
        text = self.scene().addText(f"⚠ {message}")
        text.setDefaultTextColor(QColor(160, 30, 30))
        text.setTextWidth(self._page_size[0] * 0.8)
        font = text.font()
        font.setPointSizeF(max(8.0, self._page_size[0] / 40))
        text.setFont(font)
        text.setPos(self._page_size[0] * 0.1, self._page_size[1] * 0.1)

    def set_image(self, image: QImage) -> None:
        if not self._page_size[0]:
            return
        self._loaded()
        pixmap = QPixmap.fromImage(image)
        if self._page_item is None:
            self._page_item = self.scene().addPixmap(pixmap)
            self._page_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
            self._page_item.setZValue(-1)
        else:
            self._page_item.setPixmap(pixmap)
        self._page_item.setTransform(QTransform.fromScale(self._page_size[0] / max(1, pixmap.width()),
                                                          self._page_size[1] / max(1, pixmap.height())))

    def image_size(self) -> tuple[int, int] | None:
        """The pixels of the page's picture now shown (None while loading)."""
        if self._page_item is None:
            return None
        size = self._page_item.pixmap().size()
        return size.width(), size.height()

    def set_lines(self, lines: list[TextLine], result_width: float, tables: Sequence[Table] = ()) -> None:
        """Draw ``lines`` and ``tables`` (pixel coordinates of a page image ``result_width`` wide) over the
        page."""
        for item in [*self._boxes, *self._grids]:
            self.scene().removeItem(item)
        scale = self._page_size[0] / result_width if result_width else 1.0
        self._boxes = [LineBox(i, line, scale) for i, line in enumerate(lines)]
        self._grids = [TableGrid(i, table, scale) for i, table in enumerate(tables)]
        for item in [*self._grids, *self._boxes]:
            item.setVisible(getattr(self, "_boxes_visible", True))
            self.scene().addItem(item)

    def mark_found(self, indices) -> None:
        """Fill the boxes of Find's matches on this page (the others go back to their colour)."""
        wanted = set(indices)
        for box in self._boxes:
            if box.found != (box.index in wanted):
                box.found = box.index in wanted
                box._restyle()

    def set_boxes_visible(self, visible: bool) -> None:
        self._boxes_visible = visible
        for item in [*self._boxes, *self._grids]:
            item.setVisible(visible)

    def refresh_line(self, index: int) -> None:
        if 0 <= index < len(self._boxes):
            self._boxes[index].update_tooltip()
            self._boxes[index]._restyle()

    def line_at(self, point) -> int | None:
        """The index of the line whose box is under ``point`` (in the view's viewport), or None."""
        for item in self.items(point):
            if isinstance(item, LineBox):
                return item.index
        return None

    def table_at(self, point) -> int | None:
        """The index of the table whose box holds ``point`` (in the view's viewport), or None."""
        scene_point = self.mapToScene(point)
        for grid in self._grids:
            if grid.rect().contains(scene_point):
                return grid.index
        return None

    @property
    def chosen_table(self) -> int | None:
        """The table last right-clicked on this page (until a line is selected), or None."""
        return next((grid.index for grid in self._grids if grid.chosen), None)

    def choose_table(self, index: int | None) -> None:
        for grid in self._grids:
            if grid.chosen != (grid.index == index):
                grid.set_chosen(grid.index == index)

    def select_line(self, index: int | None, centre: bool = False) -> None:
        """Select line ``index``'s box (None: none) and scroll it into view (``centre``: to the middle)."""
        self.choose_table(None)
        self._selecting_programmatically = True
        try:
            self.scene().clearSelection()
            if index is not None and 0 <= index < len(self._boxes):
                box = self._boxes[index]
                box.setSelected(True)
                self.centerOn(box) if centre else self.ensureVisible(box, 40, 40)
        finally:
            self._selecting_programmatically = False

    def _on_selection_changed(self) -> None:
        if self._selecting_programmatically:
            return
        selected = [item for item in self.scene().selectedItems() if isinstance(item, LineBox)]
        if selected:
            self.choose_table(None)
            self.lineClicked.emit(selected[0].index)

    # --------------------------------------------------------------------------------------------- zoom

    @property
    def scale_factor(self) -> float:
        return self.transform().m11()

    def needed_dpi(self) -> float:
        """DPI at which one rendered pixel is one device pixel at the current zoom (PDF pages; for an image,
        whose page is in pixels, this over 72 is the device pixels per image pixel)."""
        return 72.0 * self.scale_factor * self.devicePixelRatioF()

    def set_scale(self, scale: float, *, keep_fit: bool = False) -> None:
        scale = max(MIN_SCALE, min(MAX_SCALE, scale))
        if not keep_fit:
            self._fit_mode = None
        self.setTransform(QTransform.fromScale(scale, scale))
        self.zoomChanged.emit(scale)
        self._render_timer.start()  # a PDF page at the new resolution; a large photo's copy of the size shown

    def zoom_state(self) -> tuple[str | None, float]:
        """(fit mode or None, scale): what a document remembers of its zoom when another is shown."""
        return self._fit_mode, self.scale_factor

    def restore_zoom(self, state: tuple[str | None, float] | None) -> None:
        """A document's own zoom back; a document never shown before opens at Fit Page."""
        mode, scale = state or ("page", 1.0)
        if mode:
            self._fit_mode = mode
            self._apply_fit()
        else:
            self.set_scale(scale)

    def zoom_by(self, factor: float) -> None:
        self.set_scale(self.scale_factor * factor)

    def fit_width(self) -> None:
        self._fit_mode = "width"
        self._apply_fit()

    def fit_page(self) -> None:
        self._fit_mode = "page"
        self._apply_fit()

    def actual_size(self) -> None:
        """100%: the page at its physical size on this screen (PDF), or one image pixel per screen pixel."""
        self.set_scale(self.logicalDpiX() / 72.0 if self._is_pdf else 1.0)

    def _apply_fit(self) -> None:
        width, height = self._page_size
        if not width or not self._fit_mode:
            return
        viewport = self.viewport().rect()
        margin = 16
        scale_w = (viewport.width() - margin) / width
        if self._fit_mode == "width":
            scale = scale_w
        else:
            scale = min(scale_w, (viewport.height() - margin) / height)
        self.set_scale(scale, keep_fit=True)

    def _emit_render_wanted(self) -> None:
        self.renderWanted.emit(self.needed_dpi())

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._apply_fit()
        self.resized.emit()

    def wheelEvent(self, event):
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.zoom_by(1.15 ** steps)
            event.accept()
            return
        super().wheelEvent(event)

    # ----------------------------------------------------------------------------------- region select

    def set_region_mode(self, enabled: bool) -> None:
        self._region_mode = enabled
        self.setDragMode(QGraphicsView.DragMode.NoDrag if enabled else QGraphicsView.DragMode.ScrollHandDrag)
        self.viewport().setCursor(Qt.CursorShape.CrossCursor if enabled else Qt.CursorShape.OpenHandCursor)

    @property
    def region_mode(self) -> bool:
        return self._region_mode

    def mousePressEvent(self, event):
        if self._region_mode and event.button() == Qt.MouseButton.LeftButton:
            self._drag_origin = event.position().toPoint()
            if self._rubber_band is None:
                self._rubber_band = QRubberBand(QRubberBand.Shape.Rectangle, self.viewport())
            self._rubber_band.setGeometry(self._drag_origin.x(), self._drag_origin.y(), 0, 0)
            self._rubber_band.show()
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event):
        if self._region_mode and self._drag_origin is not None and self._rubber_band is not None:
            from PySide6.QtCore import QRect

            self._rubber_band.setGeometry(QRect(self._drag_origin, event.position().toPoint()).normalized())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event):
        if self._region_mode and self._drag_origin is not None and self._rubber_band is not None:
            rect = self._rubber_band.geometry()
            self._rubber_band.hide()
            self._drag_origin = None
            scene_rect = self.mapToScene(rect).boundingRect().intersected(self.sceneRect())
            if scene_rect.width() > 2 and scene_rect.height() > 2:
                self.regionSelected.emit(scene_rect)
            event.accept()
            return
        super().mouseReleaseEvent(event)
