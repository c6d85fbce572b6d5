"""The real main window, driven with pytest-qt: open, recognise, see boxes, copy, export, correct, save,
cancel, drop, paste. Each test fails if the window leaves a worker thread or a timer running."""

from __future__ import annotations

import io
import json

import pytest
from PySide6.QtCore import QMimeData, QPointF, QRectF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent, QImage
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from docscan.core.model_store import ModelStore
from docscan.core.results import PageResult, TextLine
from docscan.gui.main_window import MainWindow
from docscan.gui.settings import Settings
from docscan.gui.job_types import Source
from helpers import similarity, squash, text_image, text_pdf

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
OCR_TIMEOUT = 120_000


@pytest.fixture
def messages(monkeypatch):
    """Message boxes are recorded instead of shown (a modal box would wait for a click forever)."""
    shown = []

    def record(kind):
        def show(parent, title, text, *args, **kwargs):
            shown.append((kind, title, text))
            return QMessageBox.StandardButton.Ok
        return show

    monkeypatch.setattr(QMessageBox, "warning", record("warning"))
    monkeypatch.setattr(QMessageBox, "critical", record("critical"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return shown


def make_window(qtbot, tmp_path, store) -> MainWindow:
    window = MainWindow(Settings(tmp_path / "settings.ini"), store)
    qtbot.addWidget(window, before_close_func=_forget_unsaved)
    window.show()
    qtbot.waitExposed(window)
    return window


def _forget_unsaved(window: MainWindow) -> None:
    for doc in window.docs.values():
        doc.dirty = False


@pytest.fixture
def window(qtbot, tmp_path, store, messages):
    window = make_window(qtbot, tmp_path, store)
    yield window
    _forget_unsaved(window)
    window.close()
    assert not window.io_thread.isRunning() and not window.ocr_thread.isRunning(), "a worker thread outlived the test"
    running = [t for t in window.findChildren(QTimer) if t.isActive()]
    assert not running, f"timers still running: {running}"


def open_and_wait(qtbot, window, path) -> int:
    with qtbot.waitSignal(window.pageShown, timeout=20_000):
        window.open_paths([str(path)])
    return window.current_key


def recognise_all(qtbot, window) -> None:
    with qtbot.waitSignal(window.ocrFinished, timeout=OCR_TIMEOUT) as blocker:
        window.recognise_all_pages()
    assert blocker.args[1] is False  # not cancelled


@pytest.fixture
def letter(tmp_path):
    return text_pdf(tmp_path / "letter.pdf", [["Dear customer", "Your order 5521 has shipped"],
                                              ["Kind regards", "The warehouse team"]], fontsize=18, scanned=True)


def test_open_recognise_and_see_a_box_per_line(qtbot, window, letter):
    key = open_and_wait(qtbot, window, letter)
    assert window.windowTitle().startswith("letter.pdf")
    assert window.docs[key].page_count == 2 and window.thumbnails.rowCount() == 2
    recognise_all(qtbot, window)
    doc = window.docs[key]
    assert sorted(doc.results) == [0, 1]
    texts = [window.text_panel.item(i).text() for i in range(window.text_panel.count())]
    assert similarity("Dear customer Your order 5521 has shipped", " ".join(texts)) > 0.9
    assert len(window.view.boxes) == window.text_panel.count() == len(doc.results[0].lines) == 2
    assert window.thumbnails.status(0).startswith("✓ 2 lines")
    window.show_page(1)
    assert similarity("Kind regards The warehouse team", " ".join(b.line.text for b in window.view.boxes)) > 0.9


def test_copy_page_puts_a_form_s_rows_on_one_line_each(qtbot, window, letter):
    """Copy Page gives what the txt export writes: a label and its value on one line ("Date:  25/12/2018"),
    not one cell a line."""
    from docscan.core.results import PageResult, TextLine
    from docscan.core.layout import reading_order

    def cell(text, x0, y0, x1, y1):
        return TextLine([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], text, 0.99)

    key = open_and_wait(qtbot, window, letter)
    form = [cell("Date:", 10, 10, 60, 30), cell("25/12/2018", 120, 12, 230, 31), cell("Name:", 10, 40, 60, 60),
            cell("Ms. Example", 120, 41, 250, 59)]
    window.docs[key].results[0] = PageResult(1, 612, 792, 150, reading_order(form))
    window.show_page(0)
    window.text_out.copy_page()
    assert QApplication.clipboard().text() == "Date:  25/12/2018\nName:  Ms. Example"


def test_clipboard_and_exports_hold_the_text(qtbot, window, letter, tmp_path):
    open_and_wait(qtbot, window, letter)
    recognise_all(qtbot, window)
    window.text_out.copy_document()
    copied = QApplication.clipboard().text()
    assert similarity("Dear customer Your order 5521 has shipped Kind regards The warehouse team", copied) > 0.9
    window.text_panel.select_line(1)
    window.text_out.copy_selection()
    assert squash(QApplication.clipboard().text()) == squash(window.docs[window.current_key].results[0].lines[1].text)
    for fmt in ("txt", "md", "json"):
        target = tmp_path / f"export.{fmt}"
        with qtbot.waitSignal(window.fileWritten, timeout=10_000):
            window.text_out.export_to(fmt, str(target))
        assert "5521" in target.read_text()
    data = json.loads((tmp_path / "export.json").read_text())
    assert [p["page"] for p in data["files"][0]["pages"]] == [1, 2]
    import pymupdf

    with qtbot.waitSignal(window.fileWritten, timeout=20_000):
        window.text_out.export_to("pdf", str(tmp_path / "searchable.pdf"))
    with pymupdf.open(tmp_path / "searchable.pdf") as pdf:
        assert pdf.page_count == 2 and "5521" in pdf[0].get_text()


def test_a_correction_survives_save_and_reopen_and_reaches_exports(qtbot, window, letter, tmp_path):
    key = open_and_wait(qtbot, window, letter)
    recognise_all(qtbot, window)
    window.text_panel.item(0).setText("Dear valued customer")  # as an in-place edit commits it
    assert window.docs[key].dirty and window.isWindowModified()
    target = tmp_path / "corrected.txt"
    with qtbot.waitSignal(window.fileWritten, timeout=10_000):
        window.text_out.export_to("txt", str(target))
    assert "Dear valued customer" in target.read_text()
    with qtbot.waitSignal(window.fileWritten, timeout=10_000):
        window.save_current()
    assert not window.docs[key].dirty
    assert (tmp_path / "letter.pdf.docscan.json").exists()
    window.close_current_document()
    assert not window.docs
    open_and_wait(qtbot, window, letter)
    restored = window.docs[window.current_key]
    assert restored.results[0].lines[0].text == "Dear valued customer" and restored.results[0].lines[0].edited
    assert window.text_panel.item(0).text() == "Dear valued customer"


def test_closing_with_unsaved_corrections_asks_first(qtbot, tmp_path, store, letter, messages, monkeypatch):
    window = make_window(qtbot, tmp_path, store)
    open_and_wait(qtbot, window, letter)
    recognise_all(qtbot, window)
    window.text_panel.item(0).setText("changed by hand")
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or QMessageBox.StandardButton.Cancel)
    window.close()
    assert window.isVisible() and "corrections in letter.pdf are not saved" in asked[0]
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Save)
    with qtbot.waitSignal(window.fileWritten, timeout=10_000):
        window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert json.loads((tmp_path / "letter.pdf.docscan.json").read_text())["result"]["pages"][0]["lines"][0]["text"] == "changed by hand"
    assert not window.io_thread.isRunning() and not window.ocr_thread.isRunning()


def test_cancel_stops_within_one_page_and_keeps_what_was_done(qtbot, window, tmp_path):
    pdf = text_pdf(tmp_path / "long.pdf", [[f"Page number {n}"] for n in range(1, 7)], fontsize=20, scanned=True)
    key = open_and_wait(qtbot, window, pdf)
    with qtbot.waitSignal(window.ocrFinished, timeout=OCR_TIMEOUT) as blocker:
        with qtbot.waitSignal(window.pageRecognised, timeout=OCR_TIMEOUT):
            window.recognise_all_pages()
        window.cancel_ocr()  # as the Cancel button does, while page 2 is being recognised
    assert blocker.args[1] is True  # cancelled
    done = window.docs[key].results
    assert 1 <= len(done) <= 2, "cancel takes effect before the next page"
    assert squash(done[0].text) == "pagenumber1"
    assert "Cancelled" in window.progress_label.text() and "kept" in window.progress_label.text()
    assert window.act_ocr_all.isEnabled()


def test_clicking_a_box_selects_its_line_and_back(qtbot, window, letter):
    open_and_wait(qtbot, window, letter)
    recognise_all(qtbot, window)
    window.view.boxes[1].setSelected(True)
    assert window.text_panel.currentRow() == 1
    window.text_panel.setCurrentRow(0)
    assert window.view.boxes[0].isSelected() and not window.view.boxes[1].isSelected()
    assert "confidence" in window.view.boxes[0].toolTip()


def test_region_recognises_only_the_dragged_part(qtbot, window, tmp_path):
    image = tmp_path / "two-lines.png"
    text_image(["Upper line text", "Lower line text"], fontsize=24).save(image)
    open_and_wait(qtbot, window, image)
    width, height = window.view.page_size
    with qtbot.waitSignal(window.ocrFinished, timeout=OCR_TIMEOUT):
        window.view.regionSelected.emit(QRectF(0, height * 0.38, width, height * 0.62))  # below line 1
    lines = window.docs[window.current_key].results[0].lines
    assert [squash(l.text) for l in lines] == ["lowerlinetext"]
    # the status bar speaks of the region, not of "1 page"
    assert window.progress_label.text().startswith("Recognised the region on page 1: 1 line in ")


def test_dropping_files_opens_them(qtbot, window, letter, tmp_path):
    image = tmp_path / "dropped.png"
    text_image(["dropped"]).save(image)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(letter)), QUrl.fromLocalFile(str(image))])
    event = QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignals([window.documentOpened, window.documentOpened], timeout=20_000):
        window.dropEvent(event)
    assert sorted(d.name for d in window.docs.values()) == ["dropped.png", "letter.pdf"]
    assert window.doc_combo.count() == 2


def test_dropping_a_folder_opens_the_documents_inside_it(qtbot, window, tmp_path):
    folder = tmp_path / "scans"
    (folder / "2026" / "march").mkdir(parents=True)
    text_image(["nested"]).save(folder / "2026" / "march" / "receipt.png")
    text_image(["top"]).save(folder / "cover.jpg")
    (folder / "notes.txt").write_text("not a document")
    (tmp_path / "empty").mkdir()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder)), QUrl.fromLocalFile(str(tmp_path / "empty"))])
    event = QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignals([window.documentOpened, window.documentOpened], timeout=20_000):
        window.dropEvent(event)
    assert sorted(d.name for d in window.docs.values()) == ["cover.jpg", "receipt.png"]
    assert "No images or PDFs in" in window.statusBar().currentMessage()
    assert str(tmp_path / "empty") in window.statusBar().currentMessage()


def test_dropping_a_huge_folder_opens_a_bounded_number_and_says_so(qtbot, window, tmp_path, monkeypatch):
    from docscan.gui import drop_controller

    monkeypatch.setattr(drop_controller, "MAX_DROPPED_DOCUMENTS", 2)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    for name in ("a.png", "b.png", "c.png"):
        text_image([name]).save(tmp_path / name)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path))])
    event = QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignals([window.documentOpened, window.documentOpened], timeout=20_000):
        window.dropEvent(event)
    assert sorted(d.name for d in window.docs.values()) == ["a.png", "b.png"]
    assert len(told) == 1 and "3 images and PDFs" in told[0] and "docscan ocr" in told[0]


def paste_and_recognise(qtbot, window, lines: list[str]) -> None:
    """Put an image of ``lines`` on the clipboard, paste it into the window (Ctrl+V) and recognise it."""
    image = text_image(lines, fontsize=22)
    QApplication.clipboard().setImage(QImage(image.tobytes(), image.width, image.height, image.width * 3,
                                             QImage.Format.Format_RGB888).copy())
    with qtbot.waitSignal(window.pageShown, timeout=20_000):
        window.drops.paste()
    recognise_all(qtbot, window)


def test_pasting_an_image_opens_it(qtbot, window):
    paste_and_recognise(qtbot, window, ["Pasted from clipboard"])
    assert window.docs[window.current_key].name == "Pasted image 1"
    assert similarity("Pasted from clipboard", window.docs[window.current_key].results[0].text) > 0.9


def test_bad_file_gives_a_message_not_a_traceback(qtbot, window, messages, tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with qtbot.waitSignal(window.documentFailed, timeout=10_000):
        window.open_paths([str(empty)])
    assert messages == [("warning", "Cannot open the file", f"{empty} is empty (0 bytes).")]
    assert not window.docs and window.drop_hint.isVisible()


def test_missing_models_are_explained_and_lead_to_the_models_dialog(qtbot, tmp_path, messages, letter, monkeypatch):
    window = make_window(qtbot, tmp_path, ModelStore(tmp_path / "no-models"))
    with qtbot.waitSignal(window.engineStateChanged, timeout=30_000, check_params_cb=lambda s: s == "failed"):
        window.start_engine()
    assert "docscan models setup" in window.engine_error  # the core's words, for the command line
    said = "⚠ OCR cannot start. PP-OCRv6 small is not installed. Install it in Recognise → Models…"
    assert window.message_bar.text("engine") == said  # the window's, above the page
    open_and_wait(qtbot, window, letter)
    window.message_bar.clear("engine")  # put away: recognising says it again
    window.recognise_current_page()
    assert window.message_bar.text("engine") == said and not messages and window.model.job is None
    assert "the message above the page" in window.statusBar().currentMessage()
    opened = []
    monkeypatch.setattr(window, "open_models", lambda: opened.append(True))
    models = next(b for b in window.message_bar.buttons("engine") if b.text() == "Models…")
    models.click()
    assert opened == [True]  # the message's button leads to the Models dialog, where Install is
    window.close()


def test_zoom_re_renders_the_page_sharper(qtbot, window, letter):
    open_and_wait(qtbot, window, letter)
    window.view.fit_page()
    before = window.view.scene().items()[-1]

    def widest() -> int:
        return max(item.pixmap().width() for item in window.view.scene().items() if hasattr(item, "pixmap"))

    small = widest()
    window.view.set_scale(window.view.scale_factor * 3)
    # wait for the sharper render itself: under load a pageShown from an earlier render could come first
    qtbot.waitUntil(lambda: widest() > 2.5 * small, timeout=10_000)
    assert before is not None


def test_a_250_page_pdf_opens_at_once_and_thumbnails_fill_lazily(qtbot, window, tmp_path):
    import pymupdf

    doc = pymupdf.open()
    for n in range(250):
        doc.new_page(width=612, height=792).insert_text((72, 72), f"Page {n + 1}", fontsize=24)
    path = tmp_path / "big.pdf"
    doc.save(path)
    key = open_and_wait(qtbot, window, path)
    assert window.docs[key].page_count == 250
    qtbot.wait(300)
    requested = window.thumbnails.requested
    assert 0 < len(requested) < 40, "only the thumbnails on screen are rendered"


def test_settings_persist_reset_and_gpu_is_explained(qtbot, tmp_path, window):
    from docscan.gui.settings_dialog import SettingsDialog

    settings = Settings(tmp_path / "s.ini")
    settings.set("ocr/variant", "server")
    settings.set("render/dpi", 200)
    settings.sync()
    again = Settings(tmp_path / "s.ini")
    assert again.engine_config().variant == "server" and again.get("render/dpi") == 200
    again.reset()
    assert again.engine_config().variant == "mobile" and again.get("render/dpi") == 150

    window.recognition.probe_devices()
    qtbot.waitUntil(lambda: window.device_status is not None, timeout=30_000)
    dialog = SettingsDialog(window.settings, window.device_status, window)
    qtbot.addWidget(dialog)
    gpu_item = dialog.device.model().item(1)
    assert not gpu_item.isEnabled() and "onnxruntime-gpu" in gpu_item.toolTip()
    assert dialog.rotate.isChecked()  # pages scanned sideways are turned unless switched off
    labels = [dialog.models.itemText(i) for i in range(dialog.models.count())]
    assert labels[0].startswith("PP-OCRv6 tiny (fastest)")  # every family and tier, from the catalogue
    assert any(label.startswith("PP-OCRv6 medium") and "not installed" in label for label in labels)
    assert dialog.chosen_models() == ("PP-OCRv6", "small")
    dialog.models.setCurrentIndex(dialog.models.findData("PP-OCRv6:tiny"))
    languages = [dialog.lang.itemData(i) for i in range(dialog.lang.count())]
    assert "fr" in languages and "japan" not in languages  # what the tiny tier reads
    dialog.models.setCurrentIndex(dialog.models.findData("PP-OCRv4:mobile"))
    assert {dialog.lang.itemData(i) for i in range(dialog.lang.count())} == {"auto", "ch", "en"}
    dialog.rotate.setChecked(False)
    dialog.accept()
    config = window.settings.engine_config()
    assert dialog.engine_changed and (config.family, config.resolved_tier) == ("PP-OCRv4", "mobile")
    assert config.rotate is False


def test_models_dialog_downloads_with_progress_and_reports_failures(qtbot, tmp_path, store, monkeypatch, messages):
    import hashlib

    from docscan.core.model_store import CATALOGUE, Download, ModelSpec
    from docscan.gui.model_manager_dialog import ModelsDialog
    from test_model_install import ArchiveServer, tar_of

    archive = tar_of("test_tiny_det_infer",
                     {"inference.onnx": (store.folder("PP-OCRv4_mobile_det", "onnx") / "inference.onnx").read_bytes()})
    monkeypatch.setitem(CATALOGUE, "test_tiny_det", ModelSpec(
        "test_tiny_det", "det", "test-only", paddlex_name="PP-OCRv4_mobile_det",
        downloads=(Download("https://models.invalid/test_tiny_det_infer.tar", "onnx",
                            sha256=hashlib.sha256(archive).hexdigest()),)))
    target = ModelStore(tmp_path / "models")
    with ArchiveServer() as server:
        server.files["test_tiny_det_infer.tar"] = archive
        monkeypatch.setenv("DOCSCAN_MODEL_MIRROR", server.url)
        dialog = ModelsDialog(target)
        qtbot.addWidget(dialog)
        row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == "test_tiny_det")
        dialog.table.selectRow(row)
        assert dialog.install_button.isEnabled()
        progress = []
        dialog.task.progress.connect(lambda *args: progress.append(args))
        with qtbot.waitSignal(dialog.changed, timeout=30_000):
            dialog.install_button.click()
        assert "Installed test_tiny_det" in dialog.status.text()
        assert dialog.table.item(row, 2).text() == "onnx"
        assert progress and progress[-1][1] == len(archive)
        del server.files["test_tiny_det_infer.tar"]
        target.remove("test_tiny_det")
        dialog.refresh()
        dialog.table.selectRow(row)
        dialog.install_button.click()
        qtbot.waitUntil(lambda: "404" in dialog.status.text(), timeout=30_000)
        dialog.close()
    assert not dialog.thread.isRunning()


def test_a_page_that_cannot_be_decoded_says_so_and_is_never_recognised_or_unsaved(qtbot, window, tmp_path):
    jpeg = io.BytesIO()
    text_image(["A scan cut short"], fontsize=22).save(jpeg, format="JPEG")
    broken = tmp_path / "cut.jpg"
    broken.write_bytes(jpeg.getvalue()[: len(jpeg.getvalue()) // 2])  # the header says its size; the pixels end
    window.open_paths([str(broken)])
    qtbot.waitUntil(lambda: window.current_doc is not None and 0 in window.current_doc.unreadable, timeout=20_000)
    doc = window.current_doc
    assert "cannot be decoded" in window.progress_label.text()
    window.recognise_current_page()
    assert window.model.job is None  # nothing was started for it
    window.start_job(doc, [0])  # the OCR worker meets the damage itself (as when the render came late)
    qtbot.waitUntil(lambda: window.model.job is None, timeout=OCR_TIMEOUT)
    assert window.progress_label.text().startswith("Not recognised:")  # was "Recognised 1 page in 0.0 s"
    assert not doc.dirty and not doc.results and not window.act_save.isEnabled()
    assert not window.isWindowModified()


def test_cancelling_the_save_of_a_pasted_image_keeps_the_window_and_the_work(qtbot, tmp_path, store, messages,
                                                                             monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    window = make_window(qtbot, tmp_path, store)
    paste_and_recognise(qtbot, window, ["Pasted work to keep"])
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Save)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))  # the person cancels
    window.close()
    assert window.isVisible() and window.current_doc.dirty  # was closed, and the text lost
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Discard)
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)


def test_fast_is_one_click_away_and_back(qtbot, window):
    assert window.act_fast.isEnabled() and not window.act_fast.isChecked()
    assert "PP-OCRv6 tiny" in window.act_fast.toolTip()
    with qtbot.waitSignal(window.engineStateChanged, timeout=60_000, check_params_cb=lambda s: s == "ready"):
        window.act_fast.trigger()
    assert window.settings.engine_config().model_names["rec"] == "PP-OCRv6_tiny_rec"
    assert window.act_fast.isChecked() and "PP-OCRv6 tiny" in window.engine_label.text()
    with qtbot.waitSignal(window.engineStateChanged, timeout=60_000, check_params_cb=lambda s: s == "ready"):
        window.act_fast.trigger()
    assert window.settings.engine_config().resolved_tier == "small" and not window.act_fast.isChecked()
    window.settings.set_engine_config(window.settings.engine_config().with_changes(family="PP-OCRv4", tier=None))
    window.engine_status.sync_fast_action()
    assert not window.act_fast.isEnabled()  # PP-OCRv4's default is its fastest tier already


def test_a_long_line_is_readable_whole_in_the_text_panel(qtbot):
    from PySide6.QtGui import QFontMetrics

    from docscan.core.results import TextLine
    from docscan.gui.panels import TextPanel

    panel = TextPanel()
    qtbot.addWidget(panel)
    panel.resize(220, 400)
    panel.show()
    long_text = "A very long recognised line of a receipt footer that goes on and on " * 4
    panel.set_lines([TextLine([(0, 0), (1, 0), (1, 1), (0, 1)], long_text, 0.95)])
    qtbot.wait(50)
    rows = panel.visualItemRect(panel.item(0)).height() / QFontMetrics(panel.font()).lineSpacing()
    assert rows >= 8, rows  # was two rows and "…"
    panel.resize(600, 400)
    qtbot.waitUntil(lambda: panel.visualItemRect(panel.item(0)).height() / QFontMetrics(panel.font()).lineSpacing()
                    < rows, timeout=3000)  # laid out again for the new width


def test_each_document_keeps_its_zoom_and_a_new_one_opens_at_fit(qtbot, window, letter, tmp_path):
    open_and_wait(qtbot, window, letter)
    fitted = window.view.scale_factor
    window.act_zoom_in.trigger()
    window.act_zoom_in.trigger()
    zoomed = window.view.scale_factor
    assert zoomed > fitted * 1.4
    other = text_pdf(tmp_path / "other.pdf", [["Another document"]], scanned=True)
    first = window.current_key
    open_and_wait(qtbot, window, other)
    assert abs(window.view.scale_factor - fitted) / fitted < 0.05  # at Fit, not at the first one's zoom
    window.select_document(first)
    assert abs(window.view.scale_factor - zoomed) / zoomed < 0.01


def test_progress_says_pages_and_time_left_and_closing_the_last_document_clears_it(qtbot, window, tmp_path):
    pdf = text_pdf(tmp_path / "three.pdf", [[f"Page number {n}"] for n in range(1, 4)], fontsize=20, scanned=True)
    open_and_wait(qtbot, window, pdf)
    with qtbot.waitSignal(window.engineStateChanged, timeout=60_000, check_params_cb=lambda s: s == "ready"):
        window.start_engine()
    seen = []
    window.pageRecognised.connect(lambda key, index: seen.append((window.progress.text(), window.engine_label.text(),
                                                                  window.progress_label.text())))
    recognise_all(qtbot, window)
    assert seen[0][0] == "1 of 3 pages"  # was "33%"... and "0%" with 1 of 250 done
    assert seen[0][1].startswith("Recognising: PP-OCRv6 small")  # was "Ready" while busy
    assert "Ready: PP-OCRv6 small" in window.engine_label.text()
    _forget_unsaved(window)  # no "Save before closing?" box
    window.close_current_document()
    assert window.progress_label.text() == ""  # the closed document's timing is gone
    assert "No document open" in window.text_panel.placeholder()


def test_a_damaged_pdf_names_its_unreadable_pages_in_one_message(qtbot, window, tmp_path):
    """Pages 4–6 of a PDF cut in half cannot be read: the window says so once, above the page, not a line per
    page nor only the first one's (issue 24 item 13)."""
    import pymupdf

    pdf = pymupdf.open()
    for number in range(6):
        pdf.new_page().insert_text((72, 100), f"Page number {number + 1} of the report", fontsize=24)
    data = pdf.tobytes(garbage=0, deflate=False)
    cut = tmp_path / "half.pdf"
    cut.write_bytes(data[: len(data) // 2])
    open_and_wait(qtbot, window, cut)
    assert "damaged" in window.message_bar.text(f"document {window.current_key}")  # repaired to be read
    recognise_all(qtbot, window)  # pages 1-3 from their text layer; 4-6 cannot be rendered
    assert window.progress_label.text().endswith("; not recognised: pages 4–6")
    said = window.message_bar.text("job")
    assert said.startswith("⚠ half.pdf: Pages 4–6 could not be read; the file is damaged (")
    assert said.count("could not be read") == 1 and "Page 5" not in said  # once for the three pages, not per page
    window.recognise_current_page()  # page 1: a new job puts the old one's message away
    assert window.message_bar.text("job") is None
    qtbot.waitUntil(lambda: window.model.job is None, timeout=OCR_TIMEOUT)


def test_help_lists_the_shortcuts_and_the_dialogs_have_no_stray_gaps(qtbot, window, store):
    from docscan.gui.settings_dialog import SettingsDialog
    from docscan.gui.model_manager_dialog import ModelsDialog

    shortcuts = dict(window.shortcut_list())
    assert shortcuts["Recognise This Page"] == "Ctrl+R" and shortcuts["Fast Models"] == "Ctrl+Shift+F"
    assert shortcuts["Keyboard Shortcuts"] == "F1"
    usable = {"onnxruntime": type("S", (), {"usable": True, "reason": "CUDA"})(),
              "paddle": type("S", (), {"usable": True, "reason": "CUDA"})()}
    dialog = SettingsDialog(window.settings, usable, window)
    qtbot.addWidget(dialog)
    assert dialog.gpu_note.isHidden()  # no empty row under the device when there is nothing to say
    models = ModelsDialog(store, window)
    qtbot.addWidget(models)
    assert not models.table.verticalHeader().isVisible()  # no row numbers
    models.close()


def test_corrections_undo_and_redo_across_pages(qtbot, window, letter):
    key = open_and_wait(qtbot, window, letter)
    recognise_all(qtbot, window)
    doc = window.docs[key]
    first = doc.results[0].lines[0].text
    window.text_panel.item(0).setText("Dear valued customer")
    window.show_page(1)
    window.text_panel.item(1).setText("The shipping team")
    assert window.act_undo.isEnabled() and window.act_undo.text().startswith("&Undo correction of line 2 on page 2")
    window.act_undo.trigger()
    assert window.current_page == 1 and doc.results[1].lines[1].text != "The shipping team"
    assert not doc.results[1].lines[1].edited and window.text_panel.item(1).text() == doc.results[1].lines[1].text
    window.act_undo.trigger()  # the first correction: the window goes back to its page
    assert window.current_page == 0 and doc.results[0].lines[0].text == first and not doc.corrected
    assert window.text_panel.item(0).text() == first and window.text_panel.currentRow() == 0
    window.act_redo.trigger()
    assert doc.results[0].lines[0].text == "Dear valued customer" and doc.results[0].lines[0].edited and doc.corrected
    assert window.view.boxes[0].toolTip().startswith("Dear valued customer")
    assert window.act_redo.isEnabled()  # the second correction can be redone too
    _forget_unsaved(window)
    window.close_current_document()  # its undo history goes with it
    assert not window.act_undo.isEnabled() and not window.act_redo.isEnabled()


def test_find_steps_through_the_pages_and_marks_the_boxes(qtbot, window, tmp_path):
    pdf = text_pdf(tmp_path / "orders.pdf", [["Order 7001 shipped", "Invoice 12"], ["Nothing here"],
                                             ["Invoice 13", "Order 7002 shipped"]], fontsize=18, scanned=True)
    open_and_wait(qtbot, window, pdf)
    recognise_all(qtbot, window)
    window.act_find.trigger()
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_edit, "ORDER")  # case does not matter
    assert window.find_status.text() == "2 found"
    assert [b.found for b in window.view.boxes] == [True, False]
    window.act_find_next.trigger()
    assert (window.current_page, window.text_panel.currentRow()) == (0, 0) and window.find_status.text() == "1 of 2"
    window.act_find_next.trigger()
    assert window.current_page == 2 and window.text_panel.currentRow() == 1 and window.find_status.text() == "2 of 2"
    assert [b.found for b in window.view.boxes] == [False, True] and window.view.boxes[1].isSelected()
    window.act_find_next.trigger()  # wraps round to the first
    assert window.current_page == 0
    window.act_find_prev.trigger()
    assert window.current_page == 2
    window.find_edit.setText("parcel")
    assert window.find_status.text() == "not found"
    window.find.close()
    assert not any(b.found for b in window.view.boxes)


def test_the_page_box_jumps_and_boxes_can_be_hidden(qtbot, window, tmp_path):
    pdf = text_pdf(tmp_path / "five.pdf", [[f"Page {n} text"] for n in range(1, 6)], fontsize=18)
    open_and_wait(qtbot, window, pdf)
    assert (window.page_box.value(), window.page_box.maximum(), window.page_count_label.text()) == (1, 5, " of 5 ")
    window.act_goto.trigger()
    window.page_box.lineEdit().selectAll()
    qtbot.keyClicks(window.page_box, "4")
    qtbot.keyClick(window.page_box, Qt.Key.Key_Return)
    assert window.current_page == 3
    window.act_next.trigger()
    assert window.page_box.value() == 5
    with qtbot.waitSignal(window.ocrFinished, timeout=OCR_TIMEOUT):
        window.recognise_current_page()
    assert window.view.boxes and all(box.isVisible() for box in window.view.boxes)
    window.act_boxes.trigger()
    assert not any(box.isVisible() for box in window.view.boxes)
    window.show_page(0)
    window.show_page(4)  # the choice holds for the pages shown after it
    assert not any(box.isVisible() for box in window.view.boxes)
    window.act_boxes.trigger()
    assert all(box.isVisible() for box in window.view.boxes)


def test_a_dark_theme_gets_a_dark_drop_hint_and_placeholder(qtbot, tmp_path, store, messages):
    from PySide6.QtGui import QColor, QPalette

    app = QApplication.instance()
    light = app.palette()
    dark = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#202124"), (QPalette.ColorRole.Base, "#181818"),
                         (QPalette.ColorRole.AlternateBase, "#2a2a2a"), (QPalette.ColorRole.Text, "#e8e8e8"),
                         (QPalette.ColorRole.WindowText, "#e8e8e8"), (QPalette.ColorRole.Mid, "#606060"),
                         (QPalette.ColorRole.PlaceholderText, "#9a9a9a")):
        dark.setColor(role, QColor(colour))
    app.setPalette(dark)
    try:
        window = make_window(qtbot, tmp_path, store)
        hint = window.drop_hint.grab().toImage()
        background = hint.pixelColor(hint.width() - 20, hint.height() // 2)
        assert background.lightness() < 80, background.name()  # was #f4f4f4 whatever the theme
        assert window.text_panel.palette().placeholderText().color().name() == "#9a9a9a"
        window.close()
    finally:
        app.setPalette(light)


def test_a_crash_in_the_engine_process_fails_one_page_and_the_next_recognition_works(qtbot, window, tmp_path):
    import os
    import signal

    pdf = text_pdf(tmp_path / "three.pdf", [[f"Parcel number {n}"] for n in range(1, 4)], fontsize=20, scanned=True)
    key = open_and_wait(qtbot, window, pdf)
    with qtbot.waitSignal(window.ocrFinished, timeout=OCR_TIMEOUT):
        window.recognise_current_page()  # the engine process is started and warm
    engine = window.ocr_worker.engine
    first_pid = engine.pid
    window.show_page(1)
    with qtbot.waitSignal(window.ocrFinished, timeout=OCR_TIMEOUT):
        window.recognise_current_page()
        qtbot.waitUntil(lambda: engine.busy, timeout=OCR_TIMEOUT)
        os.kill(first_pid, signal.SIGKILL)  # as a segfault in an inference library would end it
    assert 1 not in window.docs[key].results  # that page failed, and says why on its thumbnail
    assert window.progress_label.text() == "Not recognised: page 2"
    assert "Page 2: recognition failed: the OCR engine process stopped" in window.message_bar.text("job")  # why
    assert window.isVisible()
    with qtbot.waitSignal(window.ocrFinished, timeout=OCR_TIMEOUT):
        window.recognise_current_page()
    assert squash(window.docs[key].results[1].text) == "parcelnumber2" and engine.pid != first_pid


def drag_event(kind, mime):
    from PySide6.QtGui import QDragEnterEvent

    if kind == "enter":
        return QDragEnterEvent(QPointF(100, 100).toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                               Qt.KeyboardModifier.NoModifier)
    return QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)


def test_a_drag_says_what_it_will_do_and_browser_images_and_links_are_handled(qtbot, window, letter):
    files = QMimeData()
    files.setUrls([QUrl.fromLocalFile(str(letter))])
    enter = drag_event("enter", files)
    window.dragEnterEvent(enter)
    assert enter.isAccepted() and window.drop_hint.isVisible()
    assert window.drop_hint.text() == "Release to open 1 file"
    window.dragLeaveEvent(None)
    assert window.drop_hint.text().startswith("Drop images or PDFs here")

    dragged_image = QMimeData()  # what a browser puts on a drag of a picture: the pixels (and often its URL)
    dragged_image.setImageData(text_image(["Dragged from a browser"], fontsize=22).toqimage())
    dragged_image.setUrls([QUrl("https://example.com/receipt.png")])
    window.dragEnterEvent(drag_event("enter", dragged_image))
    assert window.drop_hint.text() == "Release to open the image"
    with qtbot.waitSignal(window.documentOpened, timeout=20_000):
        window.dropEvent(drag_event("drop", dragged_image))
    assert window.docs[window.current_key].name == "Dropped image 1"
    assert not window.drop_hint.isVisible()  # a document is shown

    link = QMimeData()
    link.setUrls([QUrl("https://example.com/scan.pdf")])
    window.dragEnterEvent(drag_event("enter", link))
    assert "does not download from the web" in window.drop_hint.text()
    window.dropEvent(drag_event("drop", link))
    assert "does not download from the web" in window.progress_label.text() and len(window.docs) == 1
    assert not window.drop_hint.isVisible()


def test_toolbar_actions_have_icons_that_look_disabled_when_disabled(window):
    from PySide6.QtGui import QIcon

    from docscan.gui.icons import ACTION_ICONS

    assert all(not getattr(window, name).icon().isNull() for name in ACTION_ICONS)
    style = window.toolbar.widgetForAction(window.act_zoom_in).toolButtonStyle()
    assert style == Qt.ToolButtonStyle.ToolButtonIconOnly  # the toolbar fits without "»"
    assert window.toolbar.widgetForAction(window.act_open).toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    icon = window.act_cancel.icon()
    normal = icon.pixmap(32, 32, QIcon.Mode.Normal).toImage()
    disabled = icon.pixmap(32, 32, QIcon.Mode.Disabled).toImage()
    assert normal != disabled  # greyed when disabled (they looked enabled before)


def test_a_small_window_shrinks_the_page_not_the_text_panel(qtbot, window, letter):
    from docscan.gui.window_layout import TEXT_PANEL_MIN_WIDTH

    open_and_wait(qtbot, window, letter)
    window.resize(760, 500)
    qtbot.waitUntil(lambda: window.width() <= 800, timeout=5000)
    left, view, right = window.splitter.sizes()
    assert right >= TEXT_PANEL_MIN_WIDTH  # it shrank to 125 px while the thumbnails kept 195
    assert left >= window.thumb_view.minimumWidth() and view > 0


def test_a_page_says_it_is_loading_until_its_image_arrives(qtbot, window, letter):
    open_and_wait(qtbot, window, letter)
    assert not window.view.loading  # the first page's image is there
    window.view.show_page(612, 792, True)  # as for a page whose image is still being decoded
    loading = [item for item in window.view.scene().items() if hasattr(item, "toPlainText")]
    assert window.view.loading and [item.toPlainText() for item in loading] == ["Loading page…"]
    image = QImage(200, 260, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    window.view.set_image(image)
    assert not window.view.loading
    assert not [item for item in window.view.scene().items() if hasattr(item, "toPlainText")]


def test_a_page_turned_by_hand_is_shown_read_saved_and_exported_that_way_up(qtbot, window, tmp_path):
    """A photo taken sideways: Rotate Right turns the picture and its page box; recognising reads it
    upright, the boxes are on the turned page, and the turn comes back with the saved work and reaches the
    searchable PDF (issue 17)."""
    import pymupdf
    from PIL import Image

    upright = text_image(["Turned by hand", "Invoice 4471"], fontsize=22)
    sideways = tmp_path / "sideways.png"
    upright.transpose(Image.Transpose.ROTATE_90).save(sideways)  # turned a quarter anticlockwise
    key = open_and_wait(qtbot, window, sideways)
    assert window.view.page_size == (upright.height, upright.width)
    with qtbot.waitSignal(window.pageShown, timeout=20_000):
        window.act_turn_right.trigger()
    assert window.view.page_size == (upright.width, upright.height)
    qtbot.waitUntil(lambda: window.view.image_size() == (upright.width, upright.height), timeout=10_000)
    with qtbot.waitSignal(window.ocrFinished, timeout=OCR_TIMEOUT):
        window.recognise_current_page()
    result = window.docs[key].results[0]
    assert [squash(line.text) for line in result.lines] == ["turnedbyhand", "invoice4471"]
    assert (result.width, result.height) == (upright.width, upright.height)
    first = result.lines[0].bbox
    assert first[1] < upright.height / 2 and first[0] < upright.width / 2  # the heading sits top-left

    with qtbot.waitSignal(window.fileWritten, timeout=20_000):
        window.text_out.export_to("pdf", str(tmp_path / "turned.pdf"))
    with pymupdf.open(tmp_path / "turned.pdf") as pdf:
        assert pdf[0].rect.height == pytest.approx(pdf[0].rect.width * upright.height / upright.width, rel=0.01)
        words = pdf[0].get_text("words")
        heading = [w for w in words if w[4].lower().startswith("turned")]
        assert heading and heading[0][1] < pdf[0].rect.height / 2  # the text layer is on the turned page
    with qtbot.waitSignal(window.fileWritten, timeout=10_000):
        window.save_current()
    window.close_current_document()
    open_and_wait(qtbot, window, sideways)
    restored = window.docs[window.current_key]
    assert restored.turn(0) == 90 and window.view.page_size == (upright.width, upright.height)
    assert squash(restored.results[0].lines[0].text) == "turnedbyhand"
    window.act_turn_left.trigger()  # a recognised page turned: its words were read the old way up
    assert "Recognise it again (Ctrl+R)" in window.statusBar().currentMessage()


def test_an_image_over_the_pixel_limit_opens_scaled_down_when_asked_and_is_drawn_smoothly(qtbot, window, tmp_path,
                                                                                          monkeypatch):
    """A photo over the limit is offered scaled down instead of refused; a large photo at Fit is drawn from
    a smooth copy of the size shown, and at 100% from its own pixels (issue 17). The limits are lowered
    here so that the test needs megapixels, not a hundred of them."""
    from docscan.core import documents
    from docscan.gui import main_window, threads as workers

    monkeypatch.setattr(documents, "MAX_IMAGE_PIXELS", 2_000_000)
    monkeypatch.setattr(workers, "PREVIEW_FROM_PIXELS", 500_000)
    monkeypatch.setattr(main_window, "PREVIEW_FROM_PIXELS", 500_000)
    big = tmp_path / "big.png"
    text_image(["A photo too large", "Scaled down kindly"], fontsize=30, dpi=300, width=612, height=520).save(big)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *a, **k: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(window.pageShown, timeout=30_000):
        window.open_paths([str(big)])
    assert asked and "Open a copy scaled down" in asked[0]
    doc = window.current_doc
    width, height = doc.page_sizes[0]
    assert width * height <= 2_000_000 and doc.name.startswith("big.png (") and doc.source.path is None
    assert window.view.scale_factor < 0.75
    shown = window.view.image_size()
    assert shown[0] < width * 0.8  # a copy of about the size on screen
    with qtbot.waitSignal(window.pageShown, timeout=20_000):
        window.act_actual.trigger()
    qtbot.waitUntil(lambda: window.view.image_size() == (int(width), int(height)), timeout=10_000)
    with qtbot.waitSignal(window.ocrFinished, timeout=OCR_TIMEOUT):
        window.recognise_current_page()
    assert similarity("A photo too large Scaled down kindly", doc.results[0].text) > 0.9


def _known_text_on_screen(qtbot, text: str):
    """A window of its own showing ``text`` large, black on white, where the screen can be grabbed."""
    from PySide6.QtGui import QFont

    label = QLabel(text)
    font = QFont()
    font.setPointSize(26)
    label.setFont(font)
    label.setStyleSheet("background: white; color: black; padding: 24px")
    label.setWindowFlags(Qt.WindowType.FramelessWindowHint)
    label.move(40, 60)
    label.resize(label.fontMetrics().horizontalAdvance(text) + 120, label.fontMetrics().height() + 60)
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    return label


def test_screen_capture_recognises_the_dragged_rectangle_and_copies_its_text(qtbot, window):
    """Capture Screen hides the window, shows the screen's picture to drag on, and the rectangle over a
    window showing known text becomes a document whose text is recognised and on the clipboard (issue 17).
    Runs on Qt's offscreen platform in `make test`, and under Xvfb (QT_QPA_PLATFORM=xcb)."""
    label = _known_text_on_screen(qtbot, "Captured from the screen 4271")
    QApplication.clipboard().clear()
    window.act_capture.trigger()
    assert not window.isVisible()
    qtbot.waitUntil(lambda: isinstance(window.screen_capture.overlay, QWidget) and window.screen_capture.overlay.isVisible(), timeout=5_000)
    overlay = window.screen_capture.overlay
    with qtbot.waitSignal(window.ocrFinished, timeout=OCR_TIMEOUT):
        overlay.take(label.frameGeometry().translated(-overlay.geometry().topLeft()))
    assert window.isVisible() and window.screen_capture.overlay is None
    doc = window.current_doc
    assert doc.name == "Screen capture 1" and squash(doc.results[0].text) == "capturedfromthescreen4271"
    assert doc.source.flatten_photos is False  # a screen capture is never a photo of a page to crop to
    assert squash(QApplication.clipboard().text()) == "capturedfromthescreen4271"
    assert window.statusBar().currentMessage() == "Copied the captured text (1 line)"
    # the job loaded the engine (this window was never told start_engine()): the status bar says so
    assert window.engine_label.text().startswith("Ready: PP-OCRv6")
    assert window.thumbnails.status(0).startswith("✓ 1 line, ")


def test_a_cancelled_capture_brings_the_window_back_and_opens_nothing(qtbot, window):
    window.screen_capture.start()
    qtbot.waitUntil(lambda: isinstance(window.screen_capture.overlay, QWidget) and window.screen_capture.overlay.isVisible(), timeout=5_000)
    qtbot.keyClick(window.screen_capture.overlay, Qt.Key.Key_Escape)
    qtbot.waitUntil(window.isVisible, timeout=5_000)
    assert window.screen_capture.overlay is None and not window.docs


def test_where_the_screen_cannot_be_read_the_capture_says_what_to_do_instead(qtbot, window, messages, monkeypatch):
    from PySide6.QtGui import QGuiApplication

    monkeypatch.setattr(QGuiApplication, "platformName", staticmethod(lambda: "wayland"))
    window.screen_capture.start()
    qtbot.waitUntil(lambda: bool(messages), timeout=5_000)
    assert window.isVisible() and window.screen_capture.overlay is None and not window.docs
    assert messages[-1][1] == "Screen capture" and "paste it into DocScan (Ctrl+V)" in messages[-1][2]


def test_thumbnail_captions_fit_under_their_page_whole(qtbot, window, letter):
    """The longest captions a page gets (many lines, a text layer, a correction; a failure; in Chinese)
    wrap inside the thumbnail's cell instead of being cut off (issue 17)."""
    from PySide6.QtCore import QRect

    open_and_wait(qtbot, window, letter)
    view = window.thumb_view
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)  # a desktop with large fonts
    view.setFont(font)
    grid = view.gridSize()
    captions = ["✓ 1248 lines, text layer ✎", "✓ 312 lines, 104.3 s ✎", "⚠ cannot be read", "✓ 1248 行，文字层 ✎"]
    for caption in captions:
        window.thumbnails.set_status(1, caption)
        QApplication.processEvents()
        text = window.thumbnails.data(window.thumbnails.index(1))
        needed = view.fontMetrics().boundingRect(QRect(0, 0, grid.width() - 8, 10_000),
                                                 int(Qt.TextFlag.TextWordWrap), text)
        assert needed.width() <= grid.width() - 8
        assert view.iconSize().height() + needed.height() <= grid.height() - 6, caption
        # and the cell Qt really paints is that big (it measured the first caption, "1", once)
        cell = view.visualRect(window.thumbnails.index(1))
        assert cell.width() >= needed.width() and cell.height() >= view.iconSize().height() + needed.height(), caption


def test_cancel_is_offered_exactly_while_a_region_is_being_chosen_or_a_job_runs(qtbot, window, letter):
    open_and_wait(qtbot, window, letter)
    assert not window.act_cancel.isEnabled()
    window.act_ocr_region.trigger()  # choosing a region: Esc / Cancel leaves that mode
    assert window.view.region_mode and window.act_cancel.isEnabled()
    window.act_cancel.trigger()
    assert not window.view.region_mode and not window.act_ocr_region.isChecked()
    assert not window.act_cancel.isEnabled()
    with qtbot.waitSignal(window.ocrFinished, timeout=OCR_TIMEOUT):
        window.recognise_current_page()
        assert window.act_cancel.isEnabled() and not window.act_ocr_region.isEnabled()
    assert not window.act_cancel.isEnabled() and window.act_ocr_region.isEnabled()


def test_unsaved_work_is_saved_beside_its_document_when_docscan_is_ended(qtbot, window, letter, tmp_path):
    """SIGTERM (a session or service manager ending DocScan) cannot ask: the work keeper writes the
    unsaved results and corrections beside their documents at once (pasted images have nowhere to go)."""
    from docscan.core import sidecar

    key = open_and_wait(qtbot, window, letter)
    doc = window.docs[key]
    doc.results[0] = PageResult(1, 1275, 1650, 150.0, [TextLine([(0, 0), (10, 0), (10, 5), (0, 5)], "Kept", 1.0, True)])
    doc.dirty = True
    pasted = window.model.add_document(Source(None, b"", name="Pasted image 1"))
    pasted.dirty = True
    assert window.keeper.save_now(window.model.dirty_documents()) == [str(tmp_path / "letter.pdf.docscan.json")]
    assert not doc.dirty and sidecar.load(letter).result.pages[0].lines[0].text == "Kept"


def test_sigterm_ends_docscan_with_its_engine_process(tmp_path, session_home, letter):
    import os
    import signal
    import subprocess
    import sys
    import time

    import psutil

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DOCSCAN_HOME": str(session_home)}
    process = subprocess.Popen([sys.executable, "-m", "docscan", str(letter)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        engine = []
        # until the engine process itself (a spawned Python, beside multiprocessing's resource tracker) has
        # started: the SIGTERM must end it with the window
        while not any(_spawned_worker(child) for child in engine) and time.monotonic() < deadline \
                and process.poll() is None:
            time.sleep(0.2)
            engine = [c for c in psutil.Process(process.pid).children(recursive=True)]
        assert engine, "the window started no engine process"
        process.send_signal(signal.SIGTERM)
        assert process.wait(60) == 0
        gone, alive = psutil.wait_procs(engine, timeout=20)
        assert not alive, f"left running: {alive}"
        assert "leaked semaphore" not in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()


def _spawned_worker(process) -> bool:
    """A process multiprocessing spawned to run a worker (its resource tracker is not one)."""
    import psutil

    try:
        return "spawn_main" in " ".join(process.cmdline())
    except psutil.Error:
        return False


def _pdf_printer(target) -> "QPrinter":
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    return printer


def test_print_puts_every_page_on_paper_rendered_off_the_main_thread(qtbot, window, letter, tmp_path):
    """File → Print without its dialog: each page rendered by the I/O worker (never the main thread), painted
    on its own printer page scaled to fit, a progress message meanwhile (issue 27)."""
    import threading

    import pymupdf

    open_and_wait(qtbot, window, letter)
    rendering_threads, progress = set(), []
    window.io_worker.rendered.connect(lambda key, index, purpose, *rest: purpose == "print" and
                                      rendering_threads.add(threading.get_ident()), Qt.ConnectionType.DirectConnection)
    window.printing.progressed.connect(lambda done, total: progress.append(window.message_bar.text("print")))
    target = tmp_path / "printed.pdf"
    with qtbot.waitSignal(window.printing.finished, timeout=60_000) as blocker:
        assert window.print_to(_pdf_printer(target))
    assert blocker.args == [False] and window.statusBar().currentMessage() == "Printed."
    assert rendering_threads and threading.get_ident() not in rendering_threads
    assert progress[0].endswith("Printing page 1 of 2…") and window.message_bar.text("print") is None
    with pymupdf.open(target) as printed:
        assert printed.page_count == 2
        for page in printed:  # the scanned words are on the paper: dark pixels on white
            pixels = page.get_pixmap(dpi=40, colorspace=pymupdf.csGRAY).samples
            assert min(pixels) < 100 and sum(1 for value in pixels if value < 128) > 50


def test_print_can_be_cancelled_between_pages(qtbot, window, letter, tmp_path):
    open_and_wait(qtbot, window, letter)
    with qtbot.waitSignal(window.printing.finished, timeout=30_000) as blocker:
        assert window.print_to(_pdf_printer(tmp_path / "cancelled.pdf"))
        buttons = window.message_bar.buttons("print")
        assert [button.text() for button in buttons] == ["Cancel"]
        buttons[0].click()
    assert blocker.args == [True] and not window.printing.busy
    assert window.statusBar().currentMessage() == "Printing cancelled."
    qtbot.wait(300)  # the page render asked for before Cancel arrives, and is not painted
    assert not window.printing.busy


def test_right_click_menus_list_actions_of_the_table_and_act_on_what_was_clicked(qtbot, window, letter):
    """The page, a line (its box or its row) and a thumbnail each have a menu of declared actions: the same
    QActions as the menu bar's (issue 27)."""
    from PySide6.QtCore import QPoint

    from docscan.gui.actions import CONTEXT_MENUS

    key = open_and_wait(qtbot, window, letter)
    for kind, names in CONTEXT_MENUS.items():
        menu = window.context_menu(kind)
        assert [a for a in menu.actions() if not a.isSeparator()] == [  # a declared submenu: the menu bar's
            getattr(window, f"act_{n}", None) or getattr(window, f"{n}_menu").menuAction() for n in names if n]
        menu.deleteLater()
    shown = []
    window.contextMenuShown.connect(lambda kind, menu: shown.append(kind) or menu.close())
    window.view.customContextMenuRequested.emit(QPoint(5, 5))
    assert shown == ["page"]
    window.thumb_view.customContextMenuRequested.emit(window.thumb_view.visualRect(window.thumbnails.index(1)).center())
    assert shown[-1] == "thumbnail" and window.current_page == 1  # the menu acts on the page right-clicked

    window.docs[key].results[1] = PageResult(2, 1275, 1650, 150.0, [
        TextLine([(100, 100), (900, 100), (900, 160), (100, 160)], "Kind regards", 0.99),
        TextLine([(100, 300), (900, 300), (900, 360), (100, 360)], "The warehouse team", 0.99)])
    window.current_page = -1
    window.show_page(1)
    assert window.act_edit_line.isEnabled() and window.act_ocr_line.isEnabled()
    box = window.view.boxes[1]
    at = window.view.mapFromScene(box.sceneBoundingRect().center())
    window.view.customContextMenuRequested.emit(at)
    assert shown[-1] == "line" and window.text_panel.selected_texts() == ["The warehouse team"]
    row = window.text_panel.visualItemRect(window.text_panel.item(0)).center()
    window.text_panel.customContextMenuRequested.emit(row)
    assert shown[-1] == "line" and window.text_panel.selected_texts() == ["Kind regards"]
    window.act_copy.trigger()
    assert QApplication.clipboard().text() == "Kind regards"
