"""The thumbnail strip (fills in lazily: only the thumbnails Qt asks to paint are rendered), the text panel
(the recognised lines, editable in place) and the message bar above the page."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QByteArray, QEvent, QMimeData, QModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QFrame, QHBoxLayout, QLabel, QListView, QListWidget,
                               QListWidgetItem, QPushButton, QStyledItemDelegate, QToolButton, QVBoxLayout, QWidget)

from ..core.results import TextLine
from .i18n import tr
from .page_view import REVIEW_COLOUR, confidence_colour, line_tip, needs_review
from .threads import THUMBNAIL_SIDE


PAGES_MIME = "application/x-docscan-pages"  # thumbnails dragged: "key:row,row,…"


class ThumbnailModel(QAbstractListModel):
    thumbnailWanted = Signal(int, int)  # document key, page index
    pagesDropped = Signal(int, list, int, int)  # from document key, its rows, to document key, before row

    def __init__(self, parent=None):
        super().__init__(parent)
        self._key = -1
        self._count = 0
        self._pixmaps: dict[int, QIcon] = {}
        self._requested: set[int] = set()
        self._status: dict[int, str] = {}
        self._ids: list[int] = []  # each row's page id: a page's thumbnail moves with it (arranging)
        placeholder = QPixmap(THUMBNAIL_SIDE * 3 // 4, THUMBNAIL_SIDE)
        placeholder.fill(QApplication.palette().midlight().color())  # a page not drawn yet, in the theme's tone
        self._placeholder = _untinted_icon(placeholder)

    @property
    def key(self) -> int:
        return self._key

    @property
    def page_ids(self) -> list[int]:
        return list(self._ids)

    def set_document(self, key: int, page_count: int, page_ids: list[int] | None = None) -> None:
        """Show document ``key``'s pages; ``page_ids``: who each page is, so that the thumbnails of the same
        document's pages (arranged) stay with their pages instead of being drawn again."""
        ids = list(page_ids) if page_ids is not None and len(page_ids) == page_count else list(range(page_count))
        kept = self._pixmaps if key == self._key and page_ids is not None and len(self._ids) == self._count else {}
        pixmaps = {ids.index(self._ids[row]): icon for row, icon in kept.items()
                   if row < len(self._ids) and self._ids[row] in ids}
        self.beginResetModel()
        self._key, self._count, self._ids = key, page_count, ids
        self._pixmaps = pixmaps
        self._requested = set(pixmaps)
        self._status.clear()
        self.endResetModel()

    def forget_thumbnail(self, row: int) -> None:
        """Draw page ``row`` again when it is next shown (it was turned)."""
        self._pixmaps.pop(row, None)
        self._requested.discard(row)

    # Dragging thumbnails: to another place in the strip (the window moves the pages; nothing is removed
    # here by Qt), or onto another document.
    def flags(self, index):
        flags = super().flags(index) | Qt.ItemFlag.ItemIsDropEnabled
        return flags | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else flags

    def supportedDropActions(self):
        return Qt.DropAction.MoveAction

    def mimeTypes(self):
        return [PAGES_MIME]

    def mimeData(self, indexes):
        mime = QMimeData()
        rows = sorted({index.row() for index in indexes if index.isValid()})
        mime.setData(PAGES_MIME, QByteArray(f"{self._key}:{','.join(map(str, rows))}".encode()))
        return mime

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        dragged = dragged_pages(data)
        if dragged is None:
            return False
        if row < 0:  # dropped on a page: before it; on the empty space below the pages: at the end
            row = parent.row() if parent.isValid() else self._count
        self.pagesDropped.emit(dragged[0], dragged[1], self._key, row)
        return False  # the window moved them (or said why not): Qt is not to remove the rows it dragged

    @property
    def requested(self) -> set[int]:
        return set(self._requested)

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else self._count

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DecorationRole:
            pixmap = self._pixmaps.get(row)
            if pixmap is None:
                if row not in self._requested:
                    self._requested.add(row)
                    self.thumbnailWanted.emit(self._key, row)
                return self._placeholder
            return pixmap
        if role == Qt.ItemDataRole.DisplayRole:
            status = self._status.get(row)
            return f"{row + 1}" + (f"  {status}" if status else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr("Page {0}").format(row + 1) + (f": {self._status[row]}" if row in self._status else "")
        return None

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return dragged_pages(data) is not None

    def set_thumbnail(self, key: int, row: int, image: QImage) -> None:
        if key != self._key or not 0 <= row < self._count:
            return
        self._pixmaps[row] = _untinted_icon(QPixmap.fromImage(image))
        index = self.index(row)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def set_status(self, row: int, status: str | None) -> None:
        if not 0 <= row < self._count:
            return
        if status:
            self._status[row] = status
        else:
            self._status.pop(row, None)
        index = self.index(row)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole])

    def status(self, row: int) -> str | None:
        return self._status.get(row)


def dragged_pages(data) -> tuple[int, list[int]] | None:
    """(document key, rows) of thumbnails being dragged; None for anything else."""
    if data is None or not data.hasFormat(PAGES_MIME):
        return None
    try:
        key, rows = bytes(data.data(PAGES_MIME).data()).decode().split(":", 1)
        return int(key), [int(row) for row in rows.split(",") if row]
    except ValueError:
        return None


def _untinted_icon(pixmap: QPixmap) -> QIcon:
    """The same pixmap when selected: Qt would otherwise tint a selected page blue beyond recognition."""
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon


CAPTION_LINES = 3


class _WholeCell(QStyledItemDelegate):
    """Every page gets the whole grid cell, whatever its caption now. With uniform item sizes Qt measures the
    first item once, while its caption is still only "1": the captions that came later ("1 ✓ 70 lines,
    4.8 s") were cut to that one short line, and the selection frame hugged the thumbnail."""

    def sizeHint(self, option, index) -> QSize:
        grid = self.parent().gridSize()
        return QSize(grid.width() - 6, grid.height() - 6)


class ThumbnailStrip(QListView):
    """The pages of the document, one under the other, each with its caption under it. Thumbnails dragged
    and dropped between two pages ask the window to move those pages there (the model's pagesDropped)."""

    def __init__(self):
        super().__init__()
        self.setItemDelegate(_WholeCell(self))

    def drop_row(self, position) -> int:
        """The row a drop at ``position`` (the viewport's) goes before: a page's upper half, that page; its
        lower half, the next; below the last page, the end."""
        index = self.indexAt(position)
        if not index.isValid():
            return self.model().rowCount()
        rect = self.visualRect(index)
        return index.row() + (1 if position.y() > rect.center().y() else 0)

    def dragEnterEvent(self, event) -> None:
        if dragged_pages(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        super().dragMoveEvent(event)  # the drop indicator
        if dragged_pages(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        """Handled here, not by QListView: its own drop moves or removes rows of the model itself."""
        model = self.model()
        if model.dropMimeData(event.mimeData(), Qt.DropAction.MoveAction, self.drop_row(event.position().toPoint()),
                              0, QModelIndex()) is False and dragged_pages(event.mimeData()) is not None:
            event.setDropAction(Qt.DropAction.CopyAction)  # nothing for the dragging view to remove
            event.accept()
        else:
            event.ignore()
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()

    def fit_captions(self) -> None:
        # room under each page for its caption on up to CAPTION_LINES lines in the font the view really uses
        # (a fixed 44 px cut a wrapped caption in half with a larger system font, or in Chinese)
        self.setGridSize(QSize(THUMBNAIL_SIDE + 24,
                               THUMBNAIL_SIDE + CAPTION_LINES * self.fontMetrics().lineSpacing() + 14))
        self.scheduleDelayedItemsLayout()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_captions()


def thumbnail_strip(model: ThumbnailModel) -> QListView:
    view = ThumbnailStrip()
    view.setModel(model)
    view.setViewMode(QListView.ViewMode.IconMode)
    view.setFlow(QListView.Flow.TopToBottom)
    view.setWrapping(False)
    view.setMovement(QListView.Movement.Static)  # laid out by the model's order; a drag moves pages there
    view.setDragEnabled(True)
    view.setAcceptDrops(True)
    view.setDropIndicatorShown(True)
    view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
    view.setDefaultDropAction(Qt.DropAction.MoveAction)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setIconSize(QSize(THUMBNAIL_SIDE, THUMBNAIL_SIDE))
    view.fit_captions()
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.setUniformItemSizes(True)  # lets Qt ask only for the rows it paints
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setMinimumWidth(THUMBNAIL_SIDE + 40)
    view.setMaximumWidth(THUMBNAIL_SIDE + 60)
    view.setStyleSheet("QListView::item:selected { background: palette(alternate-base); color: palette(text);"
                       " border: 2px solid palette(highlight); }")  # the theme's colours, light or dark
    return view


def _dot(colour: QColor, to_check: bool = False) -> QIcon:
    """The confidence's colour; a line to check gets an amber ring round it, as its box is amber."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(colour)
    if to_check:
        pen = QPen(REVIEW_COLOUR, 2.5)
        painter.setPen(pen)
        painter.drawEllipse(QRectF(1.5, 1.5, 9, 9))
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


def line_icon(line: TextLine) -> QIcon:
    return _dot(confidence_colour(line.confidence), needs_review(line))


class TextPanel(QListWidget):
    """The page's lines in reading order; double-click or F2 to correct one."""

    lineEdited = Signal(int, str)  # line index, new text
    lineSelected = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setWordWrap(True)
        # Long lines are shown whole: wrapped as often as the panel's width needs (not once and then "…"),
        # laid out again when the panel is resized.
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setAlternatingRowColors(True)
        self._filling = False
        self.itemChanged.connect(self._on_item_changed)
        self.currentRowChanged.connect(self._on_current_row)
        self._placeholder = ""

    def set_placeholder(self, text: str) -> None:
        self._placeholder = text
        self.viewport().update()

    def placeholder(self) -> str:
        """What the panel says while it has no lines."""
        return self._placeholder

    def set_lines(self, lines: list[TextLine]) -> None:
        self._filling = True
        try:
            self.clear()
            for index, line in enumerate(lines):
                item = QListWidgetItem(line_icon(line), line.text)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                item.setData(Qt.ItemDataRole.UserRole, index)
                item.setToolTip(line_tip(line))
                if line.edited:
                    font = item.font()
                    font.setItalic(True)
                    item.setFont(font)
                self.addItem(item)
        finally:
            self._filling = False

    def update_line(self, index: int, line: TextLine) -> None:
        """Show a line's text again after it changed elsewhere (undo, redo)."""
        item = self.item(index)
        if item is None:
            return
        self._filling = True
        try:
            item.setText(line.text)
            item.setIcon(line_icon(line))
            font = item.font()
            font.setItalic(line.edited)
            item.setFont(font)
            item.setToolTip(line_tip(line))
        finally:
            self._filling = False

    def select_line(self, index: int | None) -> None:
        self.blockSignals(True)
        try:
            self.clearSelection()
            if index is not None and 0 <= index < self.count():
                self.setCurrentRow(index)
                self.item(index).setSelected(True)
                self.scrollToItem(self.item(index))
        finally:
            self.blockSignals(False)

    def selected_texts(self) -> list[str]:
        rows = sorted(self.row(item) for item in self.selectedItems())
        return [self.item(row).text() for row in rows]

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        index = item.data(Qt.ItemDataRole.UserRole)
        font = item.font()
        font.setItalic(True)
        self._filling = True
        item.setFont(font)
        self._filling = False
        self.lineEdited.emit(int(index), item.text())

    def _on_current_row(self, row: int) -> None:
        if row >= 0:
            self.lineSelected.emit(row)

    def paintEvent(self, event):
        super().paintEvent(event)
        if self.count() == 0 and self._placeholder:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.viewport().rect().adjusted(12, 12, -12, -12),
                             Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap,
                             self._placeholder)
            painter.end()


class MessageBar(QWidget):
    """Messages too long for the status bar, above the page: a warning or a notice in the window's words, each
    with the buttons that act on it (Recognise → Models…, another engine) and ✕ to put it away. One row per
    subject (``key``): a new message on a subject replaces the old one."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._rows: dict[str, QFrame] = {}
        self.setVisible(False)

    def show_message(self, key: str, text: str, buttons=(), warning: bool = True) -> None:
        """Say ``text`` (plain text; ``buttons``: (words, callable) pairs, each putting the message away once
        clicked)."""
        self.clear(key)
        row = QFrame()
        row.setObjectName("message")
        # the theme's colours, with a coloured edge for a warning or a notice: it reads on a dark theme too
        row.setStyleSheet("QFrame#message { background: palette(alternate-base); border: 1px solid palette(mid);"
                          f"border-left: 4px solid {'#d08000' if warning else '#3d7dd8'}; border-radius: 3px; }}")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(8, 4, 4, 4)
        label = QLabel(("⚠ " if warning else "ⓘ ") + text)
        label.setObjectName("text")
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(label, 1)
        for words, slot in buttons:
            button = QPushButton(words)
            button.clicked.connect(lambda checked=False, s=slot, k=key: (self.clear(k), s()))
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip(tr("Close this message"))
        close.setAutoRaise(True)
        close.clicked.connect(lambda checked=False, k=key: self.clear(k))
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self._rows[key] = row
        self._layout.addWidget(row)
        self.setVisible(True)

    def clear(self, key: str) -> None:
        row = self._rows.pop(key, None)
        if row is not None:
            row.hide()
            row.deleteLater()
        self.setVisible(bool(self._rows))

    def text(self, key: str) -> str | None:
        """The message on ``key`` as shown (None: none)."""
        row = self._rows.get(key)
        return row.findChild(QLabel, "text").text() if row is not None else None

    def buttons(self, key: str) -> list[QPushButton]:
        row = self._rows.get(key)
        return row.findChildren(QPushButton) if row is not None else []
