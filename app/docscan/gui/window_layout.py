"""The window's widgets and where they sit: the documents and their thumbnails on the left, the page in the
middle (with the drop hint over it), the Find bar and the text on the right, the message bar above, Review
mode's panel below (while reviewing), the progress and the engine's state in the status bar, the page box in
the toolbar. The window wires them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QLabel, QMainWindow, QProgressBar, QPushButton, QSpinBox, QSplitter,
                               QToolBar, QVBoxLayout, QWidget)

from .actions import keys, menu_path
from .find_controller import FindBar
from .i18n import tr
from .page_view import PageView
from .panels import MessageBar, TextPanel, ThumbnailModel, thumbnail_strip
from .review_panel import ReviewPanel
from .window_model import no_document_text

TEXT_PANEL_MIN_WIDTH = 240


def drop_hint_text() -> str:
    return tr("Drop images or PDFs here\n\nor open them with {0} ({1}),\nor paste an image ({2})").format(
        menu_path("open"), keys("open"), keys("paste"))


class DropHint(QLabel):
    """What to drop, centred over the page while no document is open, and what a drop would do while
    something is dragged over the window. It sits inside the view, so the view always has its real size
    (fit-to-page needs it)."""

    def __init__(self, view: PageView):
        super().__init__(drop_hint_text(), view)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # colours from the palette, so that a dark system theme gets a dark hint
        self.setStyleSheet("color: palette(text); font-size: 16px; border: 2px dashed palette(mid);"
                           "border-radius: 12px; padding: 40px; background: palette(alternate-base);")
        view.resized.connect(self.place)

    def show_hint(self, show: bool, text: str | None = None) -> None:
        """Shown or hidden; with ``text`` (what a drop would do), else what to drop."""
        self.setText(text if text is not None else drop_hint_text())
        self.setVisible(show)
        self.place()

    def place(self) -> None:
        self.adjustSize()
        area = self.parentWidget().rect()
        self.move(max(0, (area.width() - self.width()) // 2), max(0, (area.height() - self.height()) // 2))


def _column(*widgets: QWidget) -> QWidget:
    column = QWidget()
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    return column


def build_widgets(window: QMainWindow) -> None:
    """Make the window's widgets (its attributes of the same names) and lay them out."""
    window.doc_combo = QComboBox()
    window.doc_combo.setToolTip(tr("Open documents"))
    window.thumbnails = ThumbnailModel(window)
    window.thumb_view = thumbnail_strip(window.thumbnails)
    window.view = PageView()
    window.drop_hint = DropHint(window.view)
    window.text_panel = TextPanel()
    window.text_panel.set_placeholder(no_document_text())
    window.find_bar = FindBar()
    window.find_edit, window.find_status = window.find_bar.edit, window.find_bar.status
    right = _column(window.find_bar, window.text_panel)

    splitter = window.splitter = QSplitter()
    splitter.addWidget(_column(window.doc_combo, window.thumb_view))
    splitter.addWidget(window.view)
    splitter.addWidget(right)
    # In a small window the page shrinks first: the thumbnails keep their width and the text panel at
    # least TEXT_PANEL_MIN_WIDTH, so neither cuts its text off (issue 17).
    right.setMinimumWidth(TEXT_PANEL_MIN_WIDTH)
    splitter.setChildrenCollapsible(False)
    splitter.setStretchFactor(0, 0)
    splitter.setStretchFactor(1, 3)
    splitter.setStretchFactor(2, 1)
    splitter.setSizes([200, 760, 320])
    window.message_bar = MessageBar()  # what is too long for the status bar, with buttons that act on it
    window.review_panel = ReviewPanel()  # Review mode, under the page and the text (hidden until then)
    central = _column(window.message_bar, splitter, window.review_panel)
    central.layout().setSpacing(2)
    central.layout().setStretch(1, 1)
    window.setCentralWidget(central)
    window.drop_hint.show_hint(True)

    status = window.statusBar()
    window.progress = QProgressBar()
    window.progress.setMinimumWidth(170)  # "125 of 250 pages" whole, not squeezed by the status bar
    window.progress.setMaximumWidth(220)
    window.progress.setVisible(False)
    window.progress_label = QLabel()
    window.cancel_button = QPushButton(tr("Cancel"))
    window.cancel_button.setVisible(False)
    status.addWidget(window.progress_label, 1)
    status.addPermanentWidget(window.progress)
    status.addPermanentWidget(window.cancel_button)


def add_page_box(window: QMainWindow, toolbar: QToolBar) -> None:
    """The page shown, as a number to type, and of how many (the window's ``page_box``, ``page_count_label``)."""
    window.page_box = QSpinBox()
    window.page_box.setToolTip(tr("The page shown: type a number and press Enter to go there ({0})").format(
        keys("goto")))
    window.page_box.setKeyboardTracking(False)  # a page is shown when the number is complete, not per digit
    window.page_box.setRange(0, 0)
    window.page_count_label = QLabel(tr(" of 0 "))
    toolbar.addWidget(window.page_box)
    toolbar.addWidget(window.page_count_label)


def sync_page_box(box: QSpinBox, count_label: QLabel, page: int, count: int) -> None:
    """The page box shows page ``page`` (0-based; -1: none yet) of ``count``, without asking for it."""
    box.blockSignals(True)
    box.setRange(1 if count else 0, count)
    box.setValue(page + 1 if count and page >= 0 else 0)
    box.setEnabled(count > 1)
    box.blockSignals(False)
    count_label.setText(tr(" of {0} ").format(count))
