"""DocScan's main window: it builds the widgets (window_layout.py) and the actions (actions.py, read by the
menus, the toolbar, the right-click menus and the help), and wires them to the model (window_model.py) and
the controllers, each in its own module: documents (open, render, close, export), recognition, the work
kept, opening, find, text out, saving, printing, screen capture, drops and pastes, corrections, Review
mode, the engine's state. The window shows the page and reacts; it holds no work of its own.

The main thread only paints and reacts: documents are opened and rendered by the IoWorker, recognised
by the OcrWorker, each on its own thread (see threads.py).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QTimer, Signal
from PySide6.QtGui import QIcon, QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMainWindow, QMessageBox

from ..core.results import PageResult
from ..resources import resource_path
from .actions import export_formats, keys, shortcut_rows
from .arrange_controller import ArrangeController
from .capture_controller import CaptureController
from .corrections import Corrections
from .documents_controller import DocumentsController
from .drop_controller import DropController, drop_intent
from .engine_status import EngineStatus
from .find_controller import FindController
from .help_dialogs import show_about, shortcuts_box
from .i18n import tr
from .keeping import WorkKeeper
from .ocr_commands import OcrCommands, line_region
from .open_controller import OpenController
from .photo_controller import PhotoController
from .print_controller import PrintController, ask_printer
from .recognition_controller import RecognitionController
from .review_controller import ReviewController
from .save_controller import SaveController
from .scan_controller import attach_scanning
from .settings import Settings
from .table_controller import TableController
from .text_out import TextOutController
from .threads import PREVIEW_FROM_PIXELS, IoWorker, OcrWorker, WorkerThread
from .window_actions import ContextMenus, WindowActions, fill_recent_menu
from .window_layout import add_page_box, build_widgets, sync_page_box
from .window_model import DocState, WindowModel, no_document_text


def app_icon() -> QIcon:
    return QIcon(str(resource_path("icons", "docscan.svg")))


def display_dpi(dpi: float) -> float:
    """Within what is worth rendering for the screen (very large pages are capped by pixels anyway)."""
    return max(24.0, min(1200.0, dpi))


class MainWindow(QMainWindow):
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
        build_widgets(self)
        self.doc_combo.currentIndexChanged.connect(self._on_doc_combo)
        self.thumb_view.clicked.connect(lambda index: self.show_page(index.row()))
        self.view.lineClicked.connect(self.text_panel.select_line)
        self.view.renderWanted.connect(self._on_render_wanted)
        self.view.regionSelected.connect(self._on_region_selected)
        self.text_panel.lineEdited.connect(self._on_line_edited)
        self.text_panel.lineSelected.connect(self.view.select_line)
        self.cancel_button.clicked.connect(self.cancel_ocr)

    def _build_actions(self) -> None:
        self.corrections = Corrections(self.model, self)
        self.corrections.lineCorrected.connect(self._on_line_corrected)
        self.undo_group = self.corrections.undo_group
        self.window_actions = WindowActions(self, self.undo_group)
        self.window_actions.build_menus(self.menuBar())
        self.act_export = {fmt: getattr(self, f"act_export_{fmt}") for fmt in export_formats()}
        self.refresh_recent_menu()
        self.act_boxes.setChecked(True)
        self.act_fast.setIconText(tr("Fast"))  # the toolbar is full already (issue 17)

        toolbar = self.toolbar = self.window_actions.build_toolbar()
        add_page_box(self, toolbar)
        self.page_box.valueChanged.connect(lambda number: self.show_page(number - 1) if number else None)
        self.addToolBar(toolbar)
        self.window_actions.apply_icons(toolbar)
        self.context_menus = ContextMenus(self.window_actions, self.view, self.text_panel, self.thumb_view,
                                          self.show_page, self)
        self.context_menus.shown.connect(self.contextMenuShown)

    def context_menu(self, kind: str):
        """The right-click menu ``kind`` ("page", "line" or "thumbnail"), of the declared actions."""
        return self.window_actions.context_menu(kind, self)

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
        if result is not None and row is not None and 0 <= row < len(result.lines) and not self.model.busy:
            self._on_region_selected(line_region(result, row, self.view.page_size))

    def _selected_line(self) -> int | None:
        rows = [self.text_panel.row(item) for item in self.text_panel.selectedItems()]
        return rows[0] if rows else None

    def _say(self, message: str, timeout_ms: int) -> None:
        self.statusBar().showMessage(message, timeout_ms)

    def _start_workers(self, store) -> None:
        documents = self.documents = DocumentsController(self.model, self)
        documents.opened.connect(self._on_opened)
        documents.rendered.connect(self._on_rendered)
        documents.renderFailed.connect(self._on_render_failed)
        documents.exported.connect(self._on_exported)
        documents.exportFailed.connect(lambda message: self._error(tr("Export failed"), message))
        self.thumbnails.thumbnailWanted.connect(self._request_thumbnail)

        self.keeper = WorkKeeper(self.model, documents.worker, self)
        self.keeper.saved.connect(self._on_saved)
        self.keeper.failed.connect(lambda key, message: self._error(tr("Not saved"), message))
        self.keeper.readyToClose.connect(lambda: QTimer.singleShot(0, self.close))
        self.opening = OpenController(documents, self.settings, self)
        self.opening.alreadyOpen.connect(self.select_document)
        self.opening.progress.connect(self.progress_label.setText)
        self.opening.failed.connect(self._on_open_failed)

        recognition = self.recognition = RecognitionController(self.model, self.settings.engine_config(), store, self)
        self.engine_status = EngineStatus(recognition, self.model, self.settings, self.message_bar, self.act_fast,
                                          lambda: self.open_models(), lambda: self.open_settings(), self)
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
        self.ocr = OcrCommands(recognition, self.settings, self.progress, self)
        self.ocr.said.connect(self._say)
        self.scans = attach_scanning(self)  # File → Scan: pages recognised as they arrive

        self.find = FindController(self.find_bar, lambda: (self.current_doc, self.current_page), self._selected_line,
                                   self)
        self.find.goTo.connect(self._go_to_line)
        self.find.marked.connect(self.view.mark_found)
        self.find.closed.connect(lambda had_focus: self.text_panel.setFocus() if had_focus else None)
        self.text_out = TextOutController(documents, lambda: (self.current_doc, self._current_result()),
                                          self.text_panel.selected_texts, self)
        self.text_out.said.connect(self._say)
        self.saving = SaveController(self.keeper, self.text_out, self)
        self.drops = DropController(documents, self)
        self.drops.openPaths.connect(self.open_paths)
        self.drops.openImage.connect(self.opening.open_image)
        self.drops.said.connect(self._say)
        self.drops.progress.connect(self.progress_label.setText)
        self.screen_capture = CaptureController(self.model, self)
        self.screen_capture.captured.connect(lambda image, name: self.screen_capture.opened_as(
            self.opening.open_image(image, name, photo=False)))
        self.screen_capture.said.connect(self._say)
        self.screen_capture.failed.connect(self._error)
        self.printing = PrintController(documents, self)
        self.printing.progressed.connect(self._on_print_progress)
        self.printing.finished.connect(self._on_print_finished)
        self.printing.failed.connect(lambda message: self._error(tr("Print"), message))
        self.arranging = ArrangeController(self)  # moving, deleting, inserting pages; Save as PDF
        self.photos = PhotoController(self)  # Straighten Photo, Adjust Page Corners
        self.tables = TableController(self)  # Copy Table, Export Tables (the grid: the view, from the result)
        self.review = ReviewController(self)  # Review mode: the marked lines one by one (the panel: the layout's)

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

    def open_paths(self, paths) -> list[int]:
        return self.opening.open_paths(paths)

    def _on_opened(self, doc: DocState, warnings: list) -> None:
        if doc.saved_path:
            self.statusBar().showMessage(tr("Restored saved results from {0}").format(doc.saved_path), 8000)
        if doc.source.path:
            recent = self.settings.add_recent(doc.source.path)
            self.refresh_recent_menu(recent)
        self.doc_combo.blockSignals(True)
        count = tr("{0}  (1 page)") if doc.page_count == 1 else tr("{0}  ({1} pages)")
        self.doc_combo.addItem(count.format(doc.name, doc.page_count), doc.key)
        self.doc_combo.blockSignals(False)
        self.progress_label.setText("")
        self.select_document(doc.key)
        if self.screen_capture.is_capture(doc.key):  # a screen capture is recognised at once, its text then copied
            self.recognise_current_page()
        if warnings:  # said where the eye is, without a dialog in the way (the status bar would cut it off)
            self.message_bar.show_message(f"document {doc.key}", f"{doc.name}: " + "; ".join(warnings))
        self.documentOpened.emit(doc.key)

    def _on_open_failed(self, message: str) -> None:
        self.documentFailed.emit(message)
        self._error(tr("Cannot open the file"), message)

    def select_document(self, key: int) -> None:
        """Show open document ``key``: its first page at its own zoom, its thumbnails and corrections."""
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
        self.thumbnails.set_document(key, doc.page_count, doc.page_ids)
        self.corrections.show_document(key)
        for index in set(doc.results) | set(doc.failed) | set(doc.unreadable):
            self.thumbnails.set_status(index, self.model.thumbnail_caption(key, index))
        self.drop_hint.show_hint(False)
        self.current_page = -1
        self.show_page(0)
        self.view.restore_zoom(doc.zoom)  # each document its own zoom; a new one at Fit Page
        self._update_title()
        self._update_actions()

    def _on_doc_combo(self, index: int) -> None:
        key = self.doc_combo.itemData(index)
        if key is not None and key != self.current_key:
            self.select_document(int(key))

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
        self.view.show_page(width, height, doc.is_pdf_page(index))
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
        self.documents.render(doc, self.current_page, "view",
                              display_dpi(dpi) if doc.is_pdf_page(self.current_page) else max(1.0, dpi))

    def _on_render_wanted(self, dpi: float) -> None:
        doc = self.current_doc
        if doc is None or not 0 <= self.current_page < doc.page_count:
            return
        width, height = doc.page_sizes[self.current_page]
        if doc.is_pdf_page(self.current_page) or width * height > PREVIEW_FROM_PIXELS:  # a large photo: a copy of the size shown
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

    def close_current_document(self) -> None:
        doc = self.current_doc
        if doc is None:
            return
        if doc.dirty and not self.saving.confirm_discard([doc]):
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
        self.corrections.forget(key)
        index = self.doc_combo.findData(key)
        if index >= 0:
            self.doc_combo.removeItem(index)
        if self.current_key == key:
            self.current_key = None
            remaining = [k for k, d in self.docs.items() if d.opened]
            if remaining:
                self.select_document(remaining[0])
            else:
                self.view.clear_page()
                self.text_panel.set_lines([])
                self.text_panel.set_placeholder(no_document_text())
                self.progress_label.setText(self.model.status_text())  # the closed document's timing is gone
                self.thumbnails.set_document(-1, 0)
                self.drop_hint.show_hint(True)
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
        self.view.set_lines(result.lines, result.width, result.tables)
        self.text_panel.set_lines(result.lines)

    def _on_line_edited(self, index: int, text: str) -> None:
        if self.current_key is not None:
            self.corrections.correct(self.current_key, self.current_page, index, text)

    def _on_line_corrected(self, key: int, page: int, index: int, line) -> None:
        """A correction (or its undoing) is in the model: show it, on its page."""
        if key != self.current_key:
            return
        if page != self.current_page:
            self.show_page(page)
        else:
            self.view.refresh_line(index)
            self.text_panel.update_line(index, line)
        self.text_panel.select_line(index)
        self.view.select_line(index)

    def _go_to_line(self, page: int, index: int) -> None:
        """Show line ``index`` of page ``page``, selected on the page and in the text panel (Find went there)."""
        self.show_page(page)
        self.text_panel.select_line(index)
        self.view.select_line(index)

    # ---------------------------------------------------------------------------------------- page box

    def _sync_page_box(self) -> None:
        doc = self.current_doc
        sync_page_box(self.page_box, self.page_count_label, self.current_page, doc.page_count if doc else 0)

    def focus_page_box(self) -> None:
        self.page_box.setFocus()
        self.page_box.selectAll()

    # ---------------------------------------------------------------------------------------------- OCR

    def recognise_current_page(self) -> None:
        if self.current_doc is not None:
            self.ocr.recognise_page(self.current_doc, self.current_page)

    def recognise_all_pages(self) -> None:
        if self.current_doc is not None:
            self.ocr.recognise_all(self.current_doc)

    def toggle_region_mode(self, checked: bool) -> None:
        self.view.set_region_mode(bool(checked))
        if checked:
            self.statusBar().showMessage(tr("Drag a rectangle over the part of the page to recognise ({0} to stop)")
                                         .format(keys("cancel")), 8000)
        self._update_actions()

    def turn_page(self, degrees: int) -> None:
        """Turn the page shown by hand, a quarter at a time; recognising it again reads it this way up."""
        doc, index = self.current_doc, self.current_page
        if doc is not None and self.ocr.turn(doc, index, degrees):
            self.current_page = -1
            self.show_page(index)
            self._request_thumbnail(doc.key, index)

    def _on_region_selected(self, rect: QRectF) -> None:
        self.act_ocr_region.setChecked(False)
        self.view.set_region_mode(False)
        if self.current_doc is not None:
            self.ocr.recognise_region(self.current_doc, self.current_page, rect)

    def start_job(self, doc: DocState, pages: list[int], region=None) -> None:
        """Recognise ``pages`` of ``doc`` as asked, without Recognise Page's checks (an unreadable page is
        sent too): for tests and the GUI latency benchmark."""
        self.ocr.start(doc, pages, region)

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
        self.engine_status.show_job(self.progress, self.cancel_button, self.progress_label)
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
        chosen = ask_printer(self, doc, self.current_page) if doc is not None and not self.printing.busy else None
        if chosen is not None:
            self.print_to(*chosen)

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

    def save_current(self, choose_target: bool = False) -> None:
        """File → Save Results (beside the document), or Save Results As… (``choose_target``)."""
        if self.current_doc is not None:
            self.saving.save(self.current_doc, choose_target)

    def _on_exported(self, path: str) -> None:
        self.statusBar().showMessage(tr("Exported to {0}").format(path), 6000)
        self.fileWritten.emit(path)

    def _on_saved(self, key: int, path: str) -> None:
        self.statusBar().showMessage(tr("Saved to {0}").format(path), 6000)
        self.fileWritten.emit(path)

    # ------------------------------------------------------------------------------------------ misc UI

    def refresh_recent_menu(self, recent: list[str] | None = None) -> None:
        """File → Open Recent from ``recent`` (None: the settings' list)."""
        fill_recent_menu(self.recent_menu, recent if recent is not None else self.settings.recent(),
                         lambda path: self.open_paths([path]))

    def _update_title(self) -> None:
        doc = self.current_doc
        self.setWindowTitle(f"{doc.name}[*] — DocScan" if doc else "DocScan[*]")  # names: not translated
        self.setWindowModified(bool(doc and doc.dirty))

    def _update_actions(self) -> None:
        doc = self.current_doc
        self.window_actions.update(doc, self.current_page, self.model.busy, self.view.region_mode)

    def _error(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, message)

    @staticmethod
    def shortcut_list() -> list[tuple[str, str]]:
        """(what, keys) for every action with keys, and the gestures: from the declared actions (actions.py)."""
        return shortcut_rows()

    def show_shortcuts(self) -> None:
        self.shortcuts_box = shortcuts_box(self)  # kept: a box that is not modal closes when it is let go

    def show_about(self) -> None:
        show_about(self, self.settings.engine_config(), self.recognition.engine_models or {})

    def dragEnterEvent(self, event):
        intent = drop_intent(event.mimeData())
        if intent is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.drop_hint.show_hint(True, intent[1])  # where it will land, and what it will do (issue 17)

    def dragLeaveEvent(self, event):
        self._end_drag()

    def _end_drag(self) -> None:
        self.drop_hint.show_hint(self.current_doc is None)

    def dropEvent(self, event):
        self._end_drag()
        if self.drops.drop(event.mimeData()):
            event.acceptProposedAction()

    # ------------------------------------------------------------------------------------------ closing

    def closeEvent(self, event):
        dirty = [d for d in self.docs.values() if d.dirty]
        if dirty and not self.keeper.closing and not self.saving.confirm_discard(dirty):
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
        self.scans.shutdown()  # a scan in progress is stopped; the pages scanned are on disk already
        self.recognition.shutdown()  # an engine process still loading or on a page is stopped, not waited for
        self.settings.sync()
        for timer in self.findChildren(QTimer):  # the view's re-render debounce, status-bar messages
            timer.stop()
        self.documents.shutdown()
