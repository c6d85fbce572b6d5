"""DocScan's main window: documents and their pages, the boxes over each page, OCR in the background,
and the text out (clipboard, exports, saved work).

The main thread only paints and reacts: documents are opened and rendered by the IoWorker, recognised
by the OcrWorker, each on its own thread (see workers.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QImage, QUndoCommand, QUndoGroup, QUndoStack
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QInputDialog, QLabel, QLineEdit,
                               QMainWindow, QMessageBox, QProgressBar, QPushButton, QSpinBox, QSplitter, QVBoxLayout,
                               QWidget)

from ..core.version import VERSION as __version__
from .actions import export_formats, keys, menu_path, shortcut_rows
from .capture_controller import CaptureController
from .drop_controller import DropController, drop_intent
from .engine_status import EngineStatus
from ..core.results import PageResult
from ..resources import resource_path
from .documents_controller import DocumentsController
from .find_controller import FindBar, FindController
from .i18n import tr
from .job_types import Source
from .keeping import WorkKeeper
from .window_model import DocState, JobState, WindowModel, no_document_text
from .page_view import PageView
from .panels import MessageBar, TextPanel, ThumbnailModel, thumbnail_strip
from .print_controller import PrintController
from .recognition_controller import RecognitionController
from .settings import Settings
from .text_out import TextOutController
from .threads import PREVIEW_FROM_PIXELS, IoWorker, OcrWorker, WorkerThread
from .window_actions import WindowActions

TEXT_PANEL_MIN_WIDTH = 240
LINE_MARGIN = 0.25  # Recognise the Line Again: the line's box grown by this much of its height each way


def open_filter() -> str:
    return tr("Documents ({0});;PDF (*.pdf);;Images ({1});;All files (*)").format(
        "*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.bmp *.webp", "*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.webp")


class CorrectLine(QUndoCommand):
    """One correction of one line, undone and redone through the document's undo stack. It holds the line
    itself: once the page is recognised again, the line is gone and the command does nothing."""

    def __init__(self, window: "MainWindow", key: int, page: int, index: int, line, old: tuple[str, bool],
                 new: tuple[str, bool]):
        super().__init__(f"correction of line {index + 1} on page {page + 1}")
        self.window, self.key, self.page, self.index, self.line = window, key, page, index, line
        self.old, self.new = old, new

    def redo(self) -> None:
        self.window._apply_line(self, *self.new)

    def undo(self) -> None:
        self.window._apply_line(self, *self.old)


def app_icon() -> QIcon:
    return QIcon(str(resource_path("icons", "docscan.svg")))


class MainWindow(QMainWindow):
    # Requests to the workers (queued across threads).

    # For tests and for whoever embeds the window.
    documentOpened = Signal(int)
    documentFailed = Signal(str)
    pageShown = Signal(int, int)  # key, page index, once its image is painted
    ocrFinished = Signal(int, bool)  # key, cancelled
    pageRecognised = Signal(int, int)  # key, page index
    fileWritten = Signal(str)  # an export or saved results, once on disk
    engineStateChanged = Signal(str)
    contextMenuShown = Signal(str, object)  # kind ("page", "line", "thumbnail"), the QMenu shown

    def __init__(self, settings: Settings | None = None, store=None):
        super().__init__()
        self.settings = settings or Settings()
        self.model = WindowModel(self)  # documents, results, the job: the state; this class shows it
        self.current_key: int | None = None
        self.current_page: int = 0
        self._shut_down = False

        self.setWindowTitle("DocScan[*]")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.resize(1280, 860)
        self._build_ui()
        self._build_actions()
        self._start_workers(store)
        self.model.pageChanged.connect(self._on_page_changed)
        self.model.jobChanged.connect(self._on_job_changed)
        self.model.documentChanged.connect(lambda key: self._update_title())
        self._update_actions()

    @property
    def docs(self) -> dict[int, DocState]:
        return self.model.docs

    # ------------------------------------------------------------------------------------------ set-up

    def _build_ui(self) -> None:
        self.doc_combo = QComboBox()
        self.doc_combo.setToolTip(tr("Open documents"))
        self.doc_combo.currentIndexChanged.connect(self._on_doc_combo)
        self.thumbnails = ThumbnailModel(self)
        self.thumb_view = thumbnail_strip(self.thumbnails)
        self.thumb_view.clicked.connect(lambda index: self.show_page(index.row()))
        self.thumb_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.thumb_view.customContextMenuRequested.connect(self._on_thumbnail_context_menu)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.doc_combo)
        left_layout.addWidget(self.thumb_view)

        self.view = PageView()
        self.view.lineClicked.connect(self._on_box_clicked)
        self.view.renderWanted.connect(self._on_render_wanted)
        self.view.regionSelected.connect(self._on_region_selected)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_view_context_menu)
        # The hint sits inside the view, so the view always has its real size (fit-to-page needs it).
        self.drop_hint = QLabel(self.drop_hint_text(), self.view)
        self.drop_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # colours from the palette, so that a dark system theme gets a dark hint
        self.drop_hint.setStyleSheet("color: palette(text); font-size: 16px; border: 2px dashed palette(mid);"
                                     "border-radius: 12px; padding: 40px; background: palette(alternate-base);")
        self.view.resized.connect(self._place_drop_hint)

        self.text_panel = TextPanel()
        self.text_panel.set_placeholder(no_document_text())
        self.text_panel.lineEdited.connect(self._on_line_edited)
        self.text_panel.lineSelected.connect(self._on_text_line_selected)
        self.text_panel.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.text_panel.customContextMenuRequested.connect(self._on_text_context_menu)
        self.find_bar = FindBar()
        self.find_edit, self.find_status = self.find_bar.edit, self.find_bar.status
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.find_bar)
        right_layout.addWidget(self.text_panel)

        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(right)
        # In a small window the page shrinks first: the thumbnails keep their width and the text panel at
        # least TEXT_PANEL_MIN_WIDTH, so neither cuts its text off (issue 17).
        right.setMinimumWidth(TEXT_PANEL_MIN_WIDTH)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([200, 760, 320])
        self.message_bar = MessageBar()  # what is too long for the status bar, with buttons that act on it
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(2)
        central_layout.addWidget(self.message_bar)
        central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self._show_drop_hint(True)

        status = self.statusBar()
        self.progress = QProgressBar()
        self.progress.setMinimumWidth(170)  # "125 of 250 pages" whole, not squeezed by the status bar
        self.progress.setMaximumWidth(220)
        self.progress.setVisible(False)
        self.progress_label = QLabel()
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel_ocr)
        status.addWidget(self.progress_label, 1)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.cancel_button)

    def _build_actions(self) -> None:
        self.undo_group = QUndoGroup(self)
        self._undo_stacks: dict[int, QUndoStack] = {}
        self.window_actions = WindowActions(self, self.undo_group)
        self.window_actions.build_menus(self.menuBar())
        self.act_export = {fmt: getattr(self, f"act_export_{fmt}") for fmt in export_formats()}
        self._fill_recent_menu()
        self.act_boxes.setChecked(True)
        self.act_fast.setIconText(tr("Fast"))  # the toolbar is full already (issue 17)

        toolbar = self.toolbar = self.window_actions.build_toolbar()
        self.page_box = QSpinBox()
        self.page_box.setToolTip(tr("The page shown: type a number and press Enter to go there ({0})").format(
            keys("goto")))
        self.page_box.setKeyboardTracking(False)  # a page is shown when the number is complete, not per digit
        self.page_box.setRange(0, 0)
        self.page_box.valueChanged.connect(lambda number: self.show_page(number - 1) if number else None)
        self.page_count_label = QLabel(tr(" of 0 "))
        toolbar.addWidget(self.page_box)
        toolbar.addWidget(self.page_count_label)
        self.addToolBar(toolbar)
        self.window_actions.apply_icons(toolbar)

    def context_menu(self, kind: str):
        """The right-click menu ``kind`` ("page", "line" or "thumbnail"), of the declared actions."""
        return self.window_actions.context_menu(kind, self)

    def _popup(self, kind: str, widget: QWidget, at: QPoint) -> None:
        menu = self.context_menu(kind)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(widget.mapToGlobal(at))
        self.contextMenuShown.emit(kind, menu)

    def _on_view_context_menu(self, at: QPoint) -> None:
        """On a line's box: that line's menu (the line selected); elsewhere on the page: the page's."""
        index = self.view.line_at(at)
        if index is not None:
            self.text_panel.select_line(index)
            self.view.select_line(index)
        self._popup("line" if index is not None else "page", self.view.viewport(), at)

    def _on_text_context_menu(self, at: QPoint) -> None:
        item = self.text_panel.itemAt(at)
        if item is None:
            return
        if not item.isSelected():
            self.text_panel.select_line(self.text_panel.row(item))
            self.view.select_line(self.text_panel.row(item))
        self._popup("line", self.text_panel.viewport(), at)

    def _on_thumbnail_context_menu(self, at: QPoint) -> None:
        """On a thumbnail: its page is shown, and the menu acts on it."""
        index = self.thumb_view.indexAt(at)
        if not index.isValid():
            return
        self.show_page(index.row())
        self._popup("thumbnail", self.thumb_view.viewport(), at)

    # The actions' methods that are not elsewhere (actions.py names them; others are the controllers').
    def next_page(self) -> None:
        self.show_page(self.current_page + 1)

    def previous_page(self) -> None:
        self.show_page(self.current_page - 1)

    def edit_selected_line(self) -> None:
        """Correct the selected line in the text panel (as double-click or F2 does there)."""
        item = self.text_panel.currentItem()
        if item is not None:
            self.text_panel.setFocus()
            self.text_panel.editItem(item)

    def recognise_selected_line(self) -> None:
        """Recognise again the part of the page under the selected line (a region: the rest stays)."""
        result, row = self._current_result(), self._selected_line()
        doc = self.current_doc
        if doc is None or result is None or row is None or not 0 <= row < len(result.lines) or self.model.busy:
            return
        left, top, right, bottom = result.lines[row].bbox
        margin = (bottom - top) * LINE_MARGIN
        width, height = self.view.page_size
        scale = width / result.width if result.width else 1.0  # the result's pixels -> the page's scene units
        rect = QRectF(max(0.0, (left - margin) * scale), max(0.0, (top - margin) * scale),
                      (right - left + 2 * margin) * scale, (bottom - top + 2 * margin) * scale)
        self._on_region_selected(rect.intersected(QRectF(0, 0, width, height)))

    def _selected_line(self) -> int | None:
        rows = [self.text_panel.row(item) for item in self.text_panel.selectedItems()]
        return rows[0] if rows else None

    def _say(self, message: str, timeout_ms: int) -> None:
        self.statusBar().showMessage(message, timeout_ms)

    def _start_workers(self, store) -> None:
        documents = self.documents = DocumentsController(self.model, self)
        documents.opened.connect(self._on_opened)
        documents.openFailed.connect(self._on_open_failed)
        documents.rendered.connect(self._on_rendered)
        documents.renderFailed.connect(self._on_render_failed)
        documents.exported.connect(self._on_exported)
        documents.exportFailed.connect(lambda message: self._error(tr("Export failed"), message))
        self.thumbnails.thumbnailWanted.connect(self._request_thumbnail)

        self.keeper = WorkKeeper(self.model, documents.worker, self)
        self.keeper.saved.connect(self._on_saved)
        self.keeper.failed.connect(lambda key, message: self._error(tr("Not saved"), message))
        self.keeper.readyToClose.connect(lambda: QTimer.singleShot(0, self.close))

        recognition = self.recognition = RecognitionController(self.model, self.settings.engine_config(), store, self)
        self.engine_status = EngineStatus(recognition, self.model, self.settings, self.message_bar, self.act_fast,
                                          self.open_models, self.open_settings, self)
        self.engine_label = self.engine_status.label
        self.statusBar().addPermanentWidget(self.engine_label)
        self.engine_status.said.connect(self._say)
        self.engine_status.failed.connect(self._error)
        self.engine_status.sync_fast_action()
        recognition.engineChanged.connect(self.engineStateChanged)
        recognition.pageRecognised.connect(self.pageRecognised)
        recognition.pageFailed.connect(self._on_page_failed)
        recognition.jobEnded.connect(self._on_job_ended)
        recognition.notice.connect(lambda message: self.statusBar().showMessage(message, 15000))

        self.find = FindController(self.find_bar, lambda: (self.current_doc, self.current_page), self._selected_line,
                                   self)
        self.find.goTo.connect(self._go_to_line)
        self.find.marked.connect(self.view.mark_found)
        self.find.closed.connect(lambda had_focus: self.text_panel.setFocus() if had_focus else None)
        self.text_out = TextOutController(documents, lambda: (self.current_doc, self._current_result()),
                                          self.text_panel.selected_texts, self)
        self.text_out.said.connect(self._say)
        self.drops = DropController(documents, self)
        self.drops.openPaths.connect(self.open_paths)
        self.drops.openImage.connect(self._open_image)
        self.drops.said.connect(self._say)
        self.drops.progress.connect(self.progress_label.setText)
        self.screen_capture = CaptureController(self.model, self)
        self.screen_capture.captured.connect(lambda image, name: self.screen_capture.opened_as(
            self._open_image(image, name)))
        self.screen_capture.said.connect(self._say)
        self.screen_capture.failed.connect(self._error)
        self.printing = PrintController(documents, self)
        self.printing.progressed.connect(self._on_print_progress)
        self.printing.finished.connect(self._on_print_finished)
        self.printing.failed.connect(lambda message: self._error(tr("Print"), message))

    # The controllers' workers and state, under the names tests, benchmarks and the self-test know.
    @property
    def io_worker(self) -> IoWorker:
        return self.documents.worker

    @property
    def io_thread(self) -> WorkerThread:
        return self.documents.thread

    @property
    def ocr_worker(self) -> OcrWorker:
        return self.recognition.worker

    @property
    def ocr_thread(self) -> WorkerThread:
        return self.recognition.thread

    @property
    def engine_error(self) -> str | None:
        return self.recognition.engine_error

    @property
    def device_status(self) -> dict | None:
        return self.recognition.device_status

    def start_engine(self) -> None:
        """Load the OCR models in the background (call once the window is shown: imports stall briefly)."""
        self.recognition.start_engine()

    # ------------------------------------------------------------------------------------------ documents

    def open_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, tr("Open documents"), self.settings.get("files/last_folder"),
                                                open_filter())
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
                self._select_document(existing.key)
                opened.append(existing.key)
                continue
            opened.append(self._open_source(Source(path, name=Path(given).name)))
        return opened

    def _open_image(self, image: QImage, name: str) -> int:
        """A pasted, dropped or captured picture, opened as a document of its own."""
        return self._open_source(Source(None, None, name=name), pasted=image)

    def _open_source(self, source: Source, pasted: QImage | None = None) -> int:
        doc = self.documents.open(source, pasted)
        self.progress_label.setText(tr("Opening {0}…").format(doc.name))
        return doc.key

    def _on_opened(self, doc: DocState, warnings: list) -> None:
        if doc.saved_path:
            self.statusBar().showMessage(tr("Restored saved results from {0}").format(doc.saved_path), 8000)
        if doc.source.path:
            recent = self.settings.add_recent(doc.source.path)
            self._fill_recent_menu(recent)
        self.doc_combo.blockSignals(True)
        count = tr("{0}  (1 page)") if doc.page_count == 1 else tr("{0}  ({1} pages)")
        self.doc_combo.addItem(count.format(doc.name, doc.page_count), doc.key)
        self.doc_combo.blockSignals(False)
        self.progress_label.setText("")
        self._select_document(doc.key)
        if self.screen_capture.is_capture(doc.key):  # a screen capture is recognised at once, its text then copied
            self.recognise_current_page()
        if warnings:  # said where the eye is, without a dialog in the way (the status bar would cut it off)
            self.message_bar.show_message(f"document {doc.key}", f"{doc.name}: " + "; ".join(warnings))
        self.documentOpened.emit(doc.key)

    def _on_open_failed(self, key: int, message: str, remedy: str) -> None:
        doc = self.docs.get(key)
        if doc is None:
            return
        self.progress_label.setText("")
        if remedy == "password":
            password, ok = QInputDialog.getText(self, tr("Password"), tr("{0}\n\nPassword:").format(message),
                                                QLineEdit.EchoMode.Password)
            if ok and password:
                doc.source.password = password
                self.documents.reopen(doc)
                return
        elif remedy == "scale down":
            answer = QMessageBox.question(
                self, tr("Image too large"),
                tr("{0}\n\nOpen a copy scaled down to 100 megapixels? The file itself is not changed.").format(
                    message.replace(" Scale it down or split it first.", "")))
            if answer == QMessageBox.StandardButton.Yes:
                self.progress_label.setText(tr("Scaling {0} down…").format(doc.name))
                self.documents.open_scaled_down(doc)
                return
        self.model.remove_document(key)
        self.documentFailed.emit(message)
        self._error(tr("Cannot open the file"), message)

    def _select_document(self, key: int) -> None:
        doc = self.docs.get(key)
        if doc is None or not doc.opened:
            return
        previous = self.current_doc
        if previous is not None and previous is not doc:
            previous.zoom = self.view.zoom_state()
        self.current_key = key
        index = self.doc_combo.findData(key)
        if index >= 0 and self.doc_combo.currentIndex() != index:
            self.doc_combo.blockSignals(True)
            self.doc_combo.setCurrentIndex(index)
            self.doc_combo.blockSignals(False)
        self.thumbnails.set_document(key, doc.page_count)
        self.undo_group.setActiveStack(self._undo_stack(key))
        for index in set(doc.results) | set(doc.failed) | set(doc.unreadable):
            self.thumbnails.set_status(index, self.model.thumbnail_caption(key, index))
        self._show_drop_hint(False)
        self.current_page = -1
        self.show_page(0)
        self.view.restore_zoom(doc.zoom)  # each document its own zoom; a new one at Fit Page
        self._update_title()
        self._update_actions()

    def _on_doc_combo(self, index: int) -> None:
        key = self.doc_combo.itemData(index)
        if key is not None and key != self.current_key:
            self._select_document(int(key))

    @property
    def current_doc(self) -> DocState | None:
        return self.docs.get(self.current_key) if self.current_key is not None else None

    def show_page(self, index: int) -> None:
        doc = self.current_doc
        if doc is None or not 0 <= index < doc.page_count or index == self.current_page:
            return
        self.current_page = index
        width, height = doc.page_sizes[index]
        if doc.turn(index) in (90, 270):
            width, height = height, width
        self.view.show_page(width, height, doc.kind == "pdf")
        self._show_lines()
        self._sync_page_box()
        self._request_view_render()
        selection = self.thumb_view.selectionModel()
        if selection is not None:
            self.thumb_view.setCurrentIndex(self.thumbnails.index(index))
        self._update_actions()

    def _request_view_render(self, dpi: float | None = None) -> None:
        doc = self.current_doc
        if doc is None:
            return
        dpi = dpi if dpi is not None else self.view.needed_dpi()
        self.documents.render(doc, self.current_page, "view", self._display_dpi(dpi) if doc.kind == "pdf" else max(1.0, dpi))

    @staticmethod
    def _display_dpi(dpi: float) -> float:
        """Within what is worth rendering for the screen (very large pages are capped by pixels anyway)."""
        return max(24.0, min(1200.0, dpi))

    def _on_render_wanted(self, dpi: float) -> None:
        doc = self.current_doc
        if doc is None or not 0 <= self.current_page < doc.page_count:
            return
        width, height = doc.page_sizes[self.current_page]
        if doc.kind == "pdf" or width * height > PREVIEW_FROM_PIXELS:  # a large photo: a copy of the size shown
            self._request_view_render(dpi)

    def _request_thumbnail(self, key: int, index: int) -> None:
        doc = self.docs.get(key)
        if doc is not None:
            self.documents.render(doc, index, "thumb")

    def _on_rendered(self, key: int, index: int, purpose: str, image: QImage) -> None:
        if purpose == "thumb":
            self.thumbnails.set_thumbnail(key, index, image)
        elif purpose == "view" and key == self.current_key and index == self.current_page:
            self.view.set_image(image)
            self.pageShown.emit(key, index)

    def _on_render_failed(self, key: int, index: int, purpose: str, message: str) -> None:
        if purpose == "thumb" and key == self.current_key:
            self.thumbnails.set_status(index, self.model.thumbnail_caption(key, index))
        elif purpose == "view" and key == self.current_key and index == self.current_page:
            self.view.show_problem(message)
            self.progress_label.setText(message)
            self._update_actions()

    def _show_drop_hint(self, show: bool) -> None:
        self.drop_hint.setVisible(show)
        self._place_drop_hint()

    def _place_drop_hint(self) -> None:
        self.drop_hint.adjustSize()
        area = self.view.rect()
        self.drop_hint.move(max(0, (area.width() - self.drop_hint.width()) // 2),
                            max(0, (area.height() - self.drop_hint.height()) // 2))

    def close_current_document(self) -> None:
        doc = self.current_doc
        if doc is None:
            return
        if doc.dirty and not self._confirm_discard([doc]):
            return
        self._discard_document(doc.key)

    def _discard_document(self, key: int) -> None:
        if self.model.job is not None and self.model.job.job.key == key:
            self.cancel_ocr()
        self.printing.document_closed(key)
        self.documents.close(key)
        self.message_bar.clear(f"document {key}")
        if not self.model.last_problem:  # the closed document's job said it
            self.message_bar.clear("job")
        stack = self._undo_stacks.pop(key, None)
        if stack is not None:
            self.undo_group.removeStack(stack)
            stack.deleteLater()
        index = self.doc_combo.findData(key)
        if index >= 0:
            self.doc_combo.removeItem(index)
        if self.current_key == key:
            self.current_key = None
            remaining = [k for k, d in self.docs.items() if d.opened]
            if remaining:
                self._select_document(remaining[0])
            else:
                self.view.clear_page()
                self.text_panel.set_lines([])
                self.text_panel.set_placeholder(no_document_text())
                self.progress_label.setText(self.model.status_text())  # the closed document's timing is gone
                self.thumbnails.set_document(-1, 0)
                self._show_drop_hint(True)
                self._sync_page_box()
        self._update_title()
        self._update_actions()

    # -------------------------------------------------------------------------------------------- lines

    def _current_result(self) -> PageResult | None:
        doc = self.current_doc
        return doc.results.get(self.current_page) if doc else None

    def _show_lines(self) -> None:
        self._show_page_lines()
        if self.find.active:
            self.find.mark()

    def _show_page_lines(self) -> None:
        result = self._current_result()
        placeholder = self.model.placeholder(self.current_key, self.current_page)
        if placeholder is not None:
            self.text_panel.set_placeholder(placeholder)
        if result is None:
            self.view.set_lines([], 0)
            self.text_panel.set_lines([])
            return
        self.view.set_lines(result.lines, result.width)
        self.text_panel.set_lines(result.lines)

    def _on_box_clicked(self, index: int) -> None:
        self.text_panel.select_line(index)

    def _on_text_line_selected(self, index: int) -> None:
        self.view.select_line(index)

    def _on_line_edited(self, index: int, text: str) -> None:
        result = self._current_result()
        doc = self.current_doc
        if result is None or doc is None or not 0 <= index < len(result.lines):
            return
        line = result.lines[index]
        if line.text == text:
            return
        self._undo_stack(doc.key).push(CorrectLine(self, doc.key, self.current_page, index, line,
                                                   (line.text, line.edited), (text, True)))

    def _undo_stack(self, key: int) -> QUndoStack:
        stack = self._undo_stacks.get(key)
        if stack is None:
            stack = self._undo_stacks[key] = QUndoStack(self.undo_group)
        return stack

    def _apply_line(self, command: CorrectLine, text: str, edited: bool) -> None:
        """A correction (or its undoing): the line's text, the page shown where it is, the document's state."""
        if not self.model.set_line(command.key, command.page, command.index, command.line, text, edited):
            return  # the page was recognised again since: that line is gone
        if command.key == self.current_key and command.page != self.current_page:
            self.show_page(command.page)
        elif command.key == self.current_key:
            self.view.refresh_line(command.index)
            self.text_panel.update_line(command.index, command.line)
        if command.key == self.current_key:
            self.text_panel.select_line(command.index)
            self.view.select_line(command.index)

    def _go_to_line(self, page: int, index: int) -> None:
        """Show line ``index`` of page ``page``, selected on the page and in the text panel (Find went there)."""
        self.show_page(page)
        self.text_panel.select_line(index)
        self.view.select_line(index)

    # ---------------------------------------------------------------------------------------- page box

    def _sync_page_box(self) -> None:
        doc = self.current_doc
        count = doc.page_count if doc else 0
        self.page_box.blockSignals(True)
        self.page_box.setRange(1 if count else 0, count)
        self.page_box.setValue(self.current_page + 1 if doc and self.current_page >= 0 else 0)
        self.page_box.setEnabled(count > 1)
        self.page_box.blockSignals(False)
        self.page_count_label.setText(tr(" of {0} ").format(count))

    def focus_page_box(self) -> None:
        self.page_box.setFocus()
        self.page_box.selectAll()

    # ---------------------------------------------------------------------------------------------- OCR

    def recognise_current_page(self) -> None:
        doc = self.current_doc
        if doc is None:
            return
        if self.current_page in doc.unreadable:
            self.statusBar().showMessage(tr("This page cannot be recognised: {0}").format(doc.unreadable[self.current_page]),
                                         8000)
            return
        self._start_job(doc, [self.current_page])

    def recognise_all_pages(self) -> None:
        doc = self.current_doc
        if doc is None:
            return
        pages = [i for i in range(doc.page_count) if i not in doc.results and i not in doc.unreadable]
        if not pages and len(doc.unreadable) == doc.page_count:
            self.statusBar().showMessage(tr("No page of this document can be read."), 8000)
            return
        if not pages:
            if doc.corrected and QMessageBox.question(
                    self, tr("Recognise again?"), tr("Every page is recognised already. Recognising again replaces "
                                                     "your corrections. Go on?")) != QMessageBox.StandardButton.Yes:
                return
            pages = list(range(doc.page_count))
        self._start_job(doc, pages)

    def toggle_region_mode(self, checked: bool) -> None:
        self.view.set_region_mode(bool(checked))
        if checked:
            self.statusBar().showMessage(tr("Drag a rectangle over the part of the page to recognise ({0} to stop)")
                                         .format(keys("cancel")), 8000)
        self._update_actions()

    def turn_page(self, degrees: int) -> None:
        """Turn the page shown by hand, a quarter at a time: the picture, its boxes (the recognised text
        stays on its words) and, once saved, the saved work; recognising it again reads it this way up."""
        doc = self.current_doc
        if doc is None:
            return
        job = self.model.job
        if job is not None and job.job.key == doc.key and self.current_page in job.job.pages:
            self.statusBar().showMessage(tr("This page is being recognised: turn it once that is done."), 5000)
            return
        index = self.current_page
        self.model.turn_page(doc.key, index, degrees)
        self.current_page = -1
        self.show_page(index)
        self._request_thumbnail(doc.key, index)
        if index in doc.results:  # its text was read the old way up: the boxes moved, the words did not
            self.statusBar().showMessage(tr("Page turned. Recognise it again ({0}) to read it this way up.").format(
                keys("ocr_page")), 8000)

    def _on_region_selected(self, rect: QRectF) -> None:
        doc = self.current_doc
        self.act_ocr_region.setChecked(False)
        self.view.set_region_mode(False)
        if doc is None:
            return
        scale = self._ocr_dpi() / 72.0 if doc.kind == "pdf" else 1.0
        region = (rect.left() * scale, rect.top() * scale, rect.right() * scale, rect.bottom() * scale)
        self._start_job(doc, [self.current_page], region=region)

    def _ocr_dpi(self) -> float:
        return float(self.settings.get("render/dpi"))

    def _start_job(self, doc: DocState, pages: list[int], region=None) -> None:
        if self.recognition.recognise(doc, pages, self._ocr_dpi(), self.settings.get("ocr/mode"), region):
            self.progress.setRange(0, len(pages))
            self.progress.setValue(0)
            # "3 of 250 pages", not "0%" with 1 of 250 done
            self.progress.setFormat(tr("%v of %m pages") if len(pages) > 1 else "%p%")

    def cancel_ocr(self) -> None:
        if self.view.region_mode:
            self.act_ocr_region.setChecked(False)
            self.view.set_region_mode(False)
            self._update_actions()
        self.recognition.cancel()

    def _on_page_failed(self, key: int, index: int, error: str) -> None:
        if key == self.current_key and index == self.current_page:
            self.view.show_problem(error)

    def _on_page_changed(self, key: int, index: int) -> None:
        """A page's result or status changed in the model: its thumbnail's caption, and the page if shown."""
        if key != self.current_key:
            return
        self.thumbnails.set_status(index, self.model.thumbnail_caption(key, index))
        if index == self.current_page:
            self._show_lines()

    def _on_job_changed(self) -> None:
        """The job started, moved on, is cancelling or ended: the status bar says so, from the model."""
        progress = self.model.job
        busy = progress is not None
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy and progress.state is JobState.RUNNING)
        if busy:
            self.progress.setValue(progress.done)
            self.message_bar.clear("job")
        elif self.model.last_problem:  # the pages it could not recognise, and why: too long for the status line
            self.message_bar.show_message("job", self.model.last_problem)
        self.progress_label.setText(self.model.status_text())
        self.engine_status.show_state()
        self._update_actions()

    def _on_job_ended(self, key: int, cancelled: bool) -> None:
        self.screen_capture.job_ended(key, cancelled)
        self.ocrFinished.emit(key, cancelled)

    # ------------------------------------------------------------------------------------------- engine

    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.device_status, self, store=self.ocr_worker.store,
                                open_models=self.open_models)
        accepted = dialog.exec()
        if accepted and dialog.engine_changed:
            self.apply_engine_config()
        if accepted and dialog.language_changed:
            self.statusBar().showMessage(tr("The new language is used when DocScan starts again."), 10000)
        self.engine_status.sync_fast_action()

    def open_models(self) -> None:
        from .model_manager_dialog import ModelsDialog

        dialog = ModelsDialog(self.ocr_worker.store, self)
        dialog.changed.connect(self.apply_engine_config)  # a model came or went: check the engine again
        dialog.exec()

    def apply_engine_config(self) -> None:
        self.engine_status.apply_config()

    # ------------------------------------------------------------------------------------------- print

    def print_dialog(self) -> None:
        """The document's pages through the system's print dialog (the pages chosen there)."""
        doc = self.current_doc
        if doc is None or self.printing.busy:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(doc.name)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, doc.page_count)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        pages = None
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            pages = list(range(printer.fromPage() - 1, printer.toPage()))
        elif printer.printRange() == QPrinter.PrintRange.CurrentPage:
            pages = [self.current_page]
        self.print_to(printer, pages)

    def print_to(self, printer: QPrinter, pages: list[int] | None = None) -> bool:
        """Print the shown document's ``pages`` (0-based; all when None) on ``printer``, without a dialog;
        ``printing.finished`` says when it is done."""
        doc = self.current_doc
        return doc is not None and self.printing.start(doc, printer, pages)

    def _on_print_progress(self, done: int, total: int) -> None:
        self.message_bar.show_message("print", tr("Printing page {0} of {1}…").format(min(done + 1, total), total),
                                      [(tr("Cancel"), self.printing.cancel)], warning=False)

    def _on_print_finished(self, cancelled: bool) -> None:
        self.message_bar.clear("print")
        self._say(tr("Printing cancelled.") if cancelled else tr("Printed."), 6000)

    # ----------------------------------------------------------------------------------- keep the work

    def save_current(self) -> None:
        self._save_current(choose_target=False)

    def save_current_as(self) -> None:
        self._save_current(choose_target=True)

    def _save_current(self, choose_target: bool) -> None:
        doc = self.current_doc
        if doc is None:
            return
        if doc.source.path is None:  # a pasted image has no place of its own: export its results
            self.text_out.export_dialog("json")
            return
        target = ""
        if choose_target:
            target, _ = QFileDialog.getSaveFileName(self, tr("Save results"), doc.source.path + ".docscan.json",
                                                    tr("DocScan results (*.json)"))
            if not target:
                return
        self._save(doc, target)

    def _save(self, doc: DocState, target: str) -> None:
        self.keeper.save(doc, target)

    def _on_exported(self, path: str) -> None:
        self.statusBar().showMessage(tr("Exported to {0}").format(path), 6000)
        self.fileWritten.emit(path)

    def _on_saved(self, key: int, path: str) -> None:
        self.statusBar().showMessage(tr("Saved to {0}").format(path), 6000)
        self.fileWritten.emit(path)

    def _confirm_discard(self, docs: list[DocState]) -> bool:
        """Ask about unsaved work; returns True when the caller may go on (saved later, or discarded)."""
        names = ", ".join(d.name for d in docs)
        corrected = any(d.corrected for d in docs)
        what = "corrections" if corrected else "recognised text"
        said = tr("The corrections in {0} are not saved.") if corrected else tr("The recognised text in {0} is not saved.")
        box = QMessageBox(QMessageBox.Icon.Warning, tr("Unsaved work"), said.format(names), parent=self)
        box.setInformativeText(tr("Save before closing?"))
        box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                               | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Discard:
            return True
        if answer == QMessageBox.StandardButton.Save:
            for doc in docs:
                if doc.source.path is None:
                    self.current_key = doc.key
                    if not self.text_out.export_dialog("json"):  # cancelled: the window stays open with the work
                        self.keeper.give_up_closing()
                        return False
                    doc.dirty = False
                else:
                    self.keeper.save_then_close(doc)
            return not self.keeper.closing
        return False

    # ------------------------------------------------------------------------------------------ misc UI

    def _fill_recent_menu(self, recent: list[str] | None = None) -> None:
        self.recent_menu.clear()
        recent = recent if recent is not None else self.settings.recent()
        for path in recent:
            action = self.recent_menu.addAction(path.replace("&", "&&"))  # "R&D" is not an accelerator
            action.triggered.connect(lambda checked=False, p=path: self.open_paths([p]))
        self.recent_menu.setEnabled(bool(recent))

    def _update_title(self) -> None:
        doc = self.current_doc
        self.setWindowTitle(f"{doc.name}[*] — DocScan" if doc else "DocScan[*]")  # names: not translated
        self.setWindowModified(bool(doc and doc.dirty))

    def _update_actions(self) -> None:
        doc = self.current_doc
        has_doc = doc is not None
        busy = self.model.busy
        has_results = bool(doc and doc.results)
        for action in (self.act_ocr_page, self.act_ocr_all, self.act_ocr_region):
            action.setEnabled(has_doc and not busy)
        self.act_cancel.setEnabled(busy or self.view.region_mode)
        for action in (self.act_save, self.act_save_as, self.act_copy_all, *self.act_export.values()):
            action.setEnabled(has_results)
        for action in (self.act_close_doc, self.act_zoom_in, self.act_zoom_out, self.act_fit_page, self.act_fit_width,
                       self.act_actual, self.act_copy, self.act_copy_page, self.act_turn_left, self.act_turn_right):
            action.setEnabled(has_doc)
        self.act_next.setEnabled(has_doc and self.current_page + 1 < doc.page_count)
        self.act_prev.setEnabled(has_doc and self.current_page > 0)

    def _error(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, message)

    @staticmethod
    def shortcut_list() -> list[tuple[str, str]]:
        """(what, keys) for every action with keys, and the gestures: from the declared actions (actions.py)."""
        return shortcut_rows()

    def show_shortcuts(self) -> None:
        from html import escape

        rows = "".join(f"<tr><td>{escape(what)}</td><td><b>{escape(how)}</b></td></tr>"
                       for what, how in self.shortcut_list())
        box = QMessageBox(QMessageBox.Icon.NoIcon, tr("Keyboard Shortcuts"), f"<table cellspacing='6'>{rows}</table>",
                          parent=self)
        box.setModal(False)
        box.show()
        self._shortcuts_box = box  # for a look in tests

    def show_about(self) -> None:
        import importlib.metadata as metadata

        def version(dist: str) -> str:
            try:
                return metadata.version(dist)
            except metadata.PackageNotFoundError:
                return "not installed"

        models = self.recognition.engine_models or {}
        config = self.settings.engine_config()
        QMessageBox.about(self, tr("About DocScan"), (
            f"<h3>DocScan {__version__}</h3><p>{tr('A document scanner: OCR of images and PDFs, locally.')}</p>"
            "<p>" + tr("Engine: PaddleOCR {0} on {1} {2}, {3}").format(
                version('paddleocr'), config.backend,
                version('onnxruntime') if config.backend == 'onnxruntime' else version('paddlepaddle'),
                config.device.upper()) + "</p>"
            "<p>" + tr("Models: {0}: {1}").format(config.label, ', '.join(models.values()) or tr('not loaded yet'))
            + "</p>"
            f"<p>PyMuPDF {version('PyMuPDF')}, Pillow {version('Pillow')}, PySide6 {version('PySide6-Essentials')}</p>"))

    # -------------------------------------------------------------------------------------- drag & drop

    @staticmethod
    def drop_hint_text() -> str:
        return tr("Drop images or PDFs here\n\nor open them with {0} ({1}),\nor paste an image ({2})").format(
            menu_path("open"), keys("open"), keys("paste"))

    def dragEnterEvent(self, event):
        intent = drop_intent(event.mimeData())
        if intent is None:
            event.ignore()
            return
        event.acceptProposedAction()
        # where it will land, and what it will do, while dragging (issue 17)
        self.drop_hint.setText(intent[1])
        self._show_drop_hint(True)

    def dragLeaveEvent(self, event):
        self._end_drag()

    def _end_drag(self) -> None:
        self.drop_hint.setText(self.drop_hint_text())
        self._show_drop_hint(self.current_doc is None)

    def dropEvent(self, event):
        self._end_drag()
        if self.drops.drop(event.mimeData()):
            event.acceptProposedAction()

    # ------------------------------------------------------------------------------------------ closing

    def closeEvent(self, event):
        dirty = [d for d in self.docs.values() if d.dirty]
        if dirty and not self.keeper.closing and not self._confirm_discard(dirty):
            event.ignore()
            return
        if self.keeper.closing:
            event.ignore()  # closes again once the saves are written
            return
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Stop the workers: cancel recognition, let the current page finish, end both threads."""
        if self._shut_down:
            return
        self._shut_down = True
        self.printing.cancel()
        self.screen_capture.shutdown()
        self.recognition.shutdown()  # an engine process still loading or on a page is stopped, not waited for
        self.settings.sync()
        for timer in self.findChildren(QTimer):  # the view's re-render debounce, status-bar messages
            timer.stop()
        self.documents.shutdown()
