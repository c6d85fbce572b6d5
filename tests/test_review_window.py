"""Review mode in the window (issue 26), on the real window with the keyboard alone: F7 opens it on the first
marked line, with its picture cut from the page, its reasons and "1 of N to check"; Enter accepts, a
correction typed and Enter changes the line through the same corrections as the text panel (Ctrl+Z takes it
back), Tab skips, Shift+Tab goes back, Esc leaves; the page follows; the marked boxes stand out until
checked; checked lines are kept in the saved work.

No OCR: the engine's marks are what these tests give the pages (the engine that sets them is the core's,
tested there); the pages are real, rendered here, and the lines' boxes lie over their words."""

from __future__ import annotations

import json

import pymupdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from docscan.core.results import DocumentResult, PageResult, TextLine
from docscan.core import sidecar
from docscan.gui.main_window import MainWindow
from docscan.gui.page_view import REVIEW_COLOUR
from docscan.gui.review_panel import CROP_HEIGHT, MARGIN
from docscan.gui.review_queue import ReviewQueue, reasons_text
from docscan.gui.settings import Settings
from helpers import NoTextEngine

DPI = 150
PX = DPI / 72

# Two pages of lines (text, marked with these reasons or not): five marked, in reading order over the pages.
PAGES = [
    [("Invoice 2024-117", ()), ("Total due 15.00", ("weak character",)), ("Paid by card", ()),
     ("Ref 0O1-I5", ("look-alike", "lost character"))],
    [("Delivery note", ()), ("Items: 12", ("weak character",)), ("Signed B. Olsen", ("new reason",)),
     ("Thank you 80 91", ("split amount",))],
]
MARKED = [text for page in PAGES for text, reasons in page if reasons]


def marked_pdf(path):
    """The two pages as a PDF (text drawn in Helvetica), and each page's result as the engine would give it at
    150 dpi, marks included."""
    doc = pymupdf.open()
    results = []
    for number, page_lines in enumerate(PAGES, start=1):
        page = doc.new_page(width=612, height=500)
        lines = []
        for row, (text, reasons) in enumerate(page_lines):
            x, y = 72, 80 + row * 60
            page.insert_text((x, y), text, fontname="helv", fontsize=18)
            width = pymupdf.get_text_length(text, fontname="helv", fontsize=18)
            box = [(x * PX, (y - 15) * PX), ((x + width) * PX, (y - 15) * PX), ((x + width) * PX, (y + 5) * PX),
                   (x * PX, (y + 5) * PX)]
            lines.append(TextLine(box, text, 0.93 if reasons else 0.99, review=bool(reasons),
                                  review_reasons=list(reasons)))
        results.append(PageResult(number, round(612 * PX), round(500 * PX), DPI, lines))
    doc.save(path)
    return path, results


@pytest.fixture
def window(qtbot, tmp_path, store, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    window = MainWindow(Settings(tmp_path / "settings.ini"), store)
    window.ocr_worker.use_engine(NoTextEngine())
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    yield window
    for doc in window.docs.values():
        doc.dirty = False
    window.close()


def open_marked(qtbot, window, tmp_path):
    path, results = marked_pdf(tmp_path / "marked.pdf")
    with qtbot.waitSignal(window.documentOpened, timeout=20_000):
        window.open_paths([str(path)])
    doc = window.current_doc
    for index, result in enumerate(results):
        doc.results[index] = result
        window.model.pageChanged.emit(doc.key, index)
    window.model.jobChanged.emit()
    return doc


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    """A key pressed where the focus is (as a person would: no widget named)."""
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def shown(window) -> tuple[int, str]:
    """(page shown, the panel's text field)."""
    return window.current_page, window.review_panel.editor.text()


def dark_share(image) -> float:
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    dark = sum(1 for y in range(gray.height()) for x in range(gray.width()) if gray.pixelColor(x, y).value() < 128)
    return dark / (gray.width() * gray.height())


def start_review(qtbot, window):
    window.text_panel.setFocus()
    press(qtbot, window, Qt.Key.Key_F7)  # Recognise → Review's key
    panel = window.review_panel
    assert panel.isVisible() and panel.editor.hasFocus()
    qtbot.waitUntil(lambda: panel.crop() is not None, timeout=10_000)
    return panel


def test_review_steps_through_the_marked_lines_with_the_keyboard_alone(qtbot, window, tmp_path):
    doc = open_marked(qtbot, window, tmp_path)
    panel = start_review(qtbot, window)
    first = doc.results[0].lines[1]
    assert shown(window) == (0, "Total due 15.00")
    assert panel.progress.text() == "1 of 5 to check · 0 checked"
    assert "unsure" in panel.reasons.text()  # "weak character", in words
    # the picture is the line's, cut from the page (with a margin) and shown at a readable height
    crop = panel.crop()
    x0, y0, x1, y1 = first.bbox
    margin = (y1 - y0) * MARGIN
    assert crop.width() / crop.height() == pytest.approx((x1 - x0 + 2 * margin) / (y1 - y0 + 2 * margin), rel=0.05)
    assert dark_share(crop) > 0.05  # the words' ink, not white paper
    assert panel.picture.pixmap().height() == CROP_HEIGHT
    assert window.view.boxes[1].isSelected()  # the page follows: the line's box selected
    assert window.text_panel.currentRow() == 1

    press(qtbot, window, Qt.Key.Key_Return)  # Enter: accepted as it reads
    assert first.reviewed and not first.edited and first.text == "Total due 15.00"
    assert shown(window) == (0, "Ref 0O1-I5")
    assert "digit belongs" in panel.reasons.text() and "missing" in panel.reasons.text()  # both reasons, in words
    assert panel.progress.text() == "2 of 5 to check · 1 checked"

    press(qtbot, window, Qt.Key.Key_Tab)  # Tab: skipped, still to check; on to page 2
    ref = doc.results[0].lines[3]
    assert not ref.reviewed
    assert shown(window) == (1, "Items: 12")
    qtbot.waitUntil(lambda: panel.crop() is not None, timeout=10_000)  # page 2's picture
    assert window.view.boxes[1].isSelected()

    press(qtbot, window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # Shift+Tab: back
    assert shown(window) == (0, "Ref 0O1-I5")
    press(qtbot, window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert shown(window) == (0, "Total due 15.00") and "Checked already" in panel.reasons.text()
    press(qtbot, window, Qt.Key.Key_Escape)  # Esc: Review ends, the text panel has the focus
    assert not panel.isVisible() and window.text_panel.hasFocus()
    assert not window.review.active


def test_a_correction_typed_in_review_is_the_text_panels_correction_and_undo_takes_it_back(qtbot, window, tmp_path):
    doc = open_marked(qtbot, window, tmp_path)
    panel = start_review(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Return)
    ref = doc.results[0].lines[3]
    assert shown(window) == (0, "Ref 0O1-I5")
    press(qtbot, window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # select all, type over
    qtbot.keyClicks(panel.editor, "Ref 001-15")
    press(qtbot, window, Qt.Key.Key_Return)
    assert ref.text == "Ref 001-15" and ref.edited and ref.reviewed
    assert doc.dirty and doc.corrected
    assert shown(window) == (1, "Items: 12")
    press(qtbot, window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # back: the page shows the correction
    assert shown(window) == (0, "Ref 001-15") and window.text_panel.item(3).text() == "Ref 001-15"
    press(qtbot, window, Qt.Key.Key_Tab)
    assert shown(window) == (1, "Items: 12")

    # Ctrl+Z in the field, with nothing typed there: the window's Undo, the correction taken back
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ref.text == "Ref 0O1-I5" and not ref.edited and not ref.reviewed
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # and the check before it
    assert not doc.results[0].lines[1].reviewed
    assert "0 checked" in panel.progress.text()
    window.act_redo.trigger()
    window.act_redo.trigger()
    assert ref.text == "Ref 001-15" and ref.reviewed

    # typing in the field, Ctrl+Z undoes the typing there (not a correction)
    panel.editor.setFocus()
    qtbot.keyClicks(panel.editor, "x")
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.editor.text() == "Items: 12" and ref.text == "Ref 001-15"


def test_all_checked_says_so_and_enter_closes(qtbot, window, tmp_path):
    doc = open_marked(qtbot, window, tmp_path)
    panel = start_review(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Tab)  # the first skipped: it comes round again at the end
    for _ in range(4):
        press(qtbot, window, Qt.Key.Key_Return)
    assert shown(window)[1] == "Total due 15.00" and panel.progress.text() == "1 of 5 to check · 4 checked"
    press(qtbot, window, Qt.Key.Key_Return)
    assert panel.message() == "All marked lines checked" and panel.progress.text() == "5 checked"
    assert all(line.reviewed for page in doc.results.values() for line in page.lines if line.review)
    assert panel.done_button.hasFocus()
    press(qtbot, window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # back from the end: the last line
    assert shown(window) == (1, "Thank you 80 91") and "Checked already" in panel.reasons.text()
    press(qtbot, window, Qt.Key.Key_Return)  # checked already: on to the end again
    assert panel.message() == "All marked lines checked" and panel.done_button.hasFocus()
    press(qtbot, window, Qt.Key.Key_Return)
    assert not panel.isVisible()

    press(qtbot, window, Qt.Key.Key_F7)  # again: nothing left, said, and Esc leaves
    assert panel.isVisible() and panel.message() == "All marked lines checked"
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not panel.isVisible()


def test_the_marked_boxes_stand_out_until_checked_and_the_text_panel_marks_them(qtbot, window, tmp_path):
    open_marked(qtbot, window, tmp_path)
    boxes = window.view.boxes
    marked = [box for box in boxes if box.marked]
    assert [box.line.text for box in marked] == ["Total due 15.00", "Ref 0O1-I5"]
    plain = boxes[0]
    for box in marked:
        assert box.pen().color() == REVIEW_COLOUR and box.pen().style() == Qt.PenStyle.DashLine
        assert box.pen().widthF() > plain.pen().widthF()
    assert plain.pen().style() == Qt.PenStyle.SolidLine and plain.pen().color() != REVIEW_COLOUR
    assert "To check" in boxes[1].toolTip() and "To check" not in boxes[0].toolTip()
    icons = [window.text_panel.item(i).icon().pixmap(12, 12).toImage() for i in range(4)]
    assert icons[1] != icons[0] and icons[1] == icons[3]  # the marked rows' dot has a ring

    start_review(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Return)
    box = window.view.boxes[1]  # drawn again, checked: back to its confidence colour
    assert not box.marked and box.pen().style() == Qt.PenStyle.SolidLine and box.pen().color() != REVIEW_COLOUR
    assert "Checked" in box.toolTip()


def test_checked_lines_are_kept_in_the_saved_work_and_the_json(qtbot, window, tmp_path):
    doc = open_marked(qtbot, window, tmp_path)
    start_review(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Return)
    result = doc.document_result()
    data = json.loads(json.dumps(result.to_dict()))
    first = data["pages"][0]["lines"][1]
    assert first["reviewed"] is True and first["review"] is True and first["review_reasons"] == ["weak character"]
    assert "reviewed" not in data["pages"][0]["lines"][3]

    assert DocumentResult.from_dict(data).pages[0].lines[1].reviewed

    # File → Save Results (Ctrl+S, from the Review field), the document closed and opened again: still checked
    with qtbot.waitSignal(window.fileWritten, timeout=10_000):
        press(qtbot, window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not doc.dirty
    saved = sidecar.load(tmp_path / "marked.pdf").result.pages[0].lines
    assert saved[1].reviewed and saved[1].review and not saved[3].reviewed
    assert saved[3].review_reasons == ["look-alike", "lost character"]
    window.close_current_document()
    assert not window.review.active and not window.review_panel.isVisible()
    with qtbot.waitSignal(window.documentOpened, timeout=20_000):
        window.open_paths([str(tmp_path / "marked.pdf")])
    lines = window.current_doc.results[0].lines
    assert lines[1].reviewed and not lines[3].reviewed and lines[3].review
    assert not window.view.boxes[1].marked and window.view.boxes[3].marked
    press(qtbot, window, Qt.Key.Key_F7)  # Review again: the line checked before is not asked about
    assert shown(window) == (0, "Ref 0O1-I5") and window.review_panel.progress.text() == "1 of 4 to check · 0 checked"


def test_the_queue_keeps_its_lines_as_pages_are_recognised_again_and_without_marks_says_so(qtbot, window, tmp_path):
    doc = open_marked(qtbot, window, tmp_path)
    queue = ReviewQueue(doc)
    assert [line.text for line in queue.lines] == MARKED and queue.position == 1
    queue.advance()
    queue.advance()
    assert queue.current.line.text == "Items: 12" and queue.current.page == 1
    replaced = PageResult(2, doc.results[1].width, doc.results[1].height, DPI, [doc.results[1].lines[0]])
    doc.results[1] = replaced  # page 2 recognised again: its marked lines are gone
    queue.refresh()
    assert [line.text for line in queue.lines] == MARKED[:2] and queue.position == 2
    assert reasons_text(["new reason"]) == "new reason"  # a reason the window has no words for: as written

    path, _results = marked_pdf(tmp_path / "plain.pdf")
    with qtbot.waitSignal(window.documentOpened, timeout=20_000):
        window.open_paths([str(path)])
    plain = window.current_doc
    plain.results[0] = PageResult(1, 100, 100, DPI, [TextLine([(1, 1), (9, 1), (9, 9), (1, 9)], "fine", 0.99)])
    window.model.jobChanged.emit()
    press(qtbot, window, Qt.Key.Key_F7)
    assert window.review_panel.message() == "No line of this document is marked to check"
