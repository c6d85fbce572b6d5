"""Arranging pages in the window (issue 29, Arrange), on the real window with a fake engine (the logic needs
no OCR): thumbnails dropped before another page move the page and its result; Delete deletes the selected
pages and Undo brings them back with their results; pages move to another document; three images open as
one document; a page inserted from a PDF is a PDF page among image pages; Save as PDF writes the pages as
arranged with their text, and the PDF is the document's home from then on."""

from __future__ import annotations

import subprocess

import pymupdf
import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from docscan.core.engine import PageOcr
from docscan.core.results import TextLine
from docscan.gui.main_window import MainWindow
from docscan.gui.settings import Settings
from helpers import text_image, text_pdf


class SizeReader:
    """Reads every page as one line naming its size in pixels: which page is which, without OCR."""

    models = {"det": "fake-det", "rec": "fake-rec"}
    backend, notice = "fake", None

    def load(self) -> None:
        pass

    def recognize_image(self, image):
        return PageOcr([TextLine([(10, 10), (300, 10), (300, 40), (10, 40)], f"size {image.width}x{image.height}",
                                 0.99)], 0.01), 0

    def close(self) -> None:
        pass


@pytest.fixture
def window(qtbot, tmp_path, store, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append((title, text)))
    window = MainWindow(Settings(tmp_path / "settings.ini"), store)
    window.shown_messages = shown
    window.ocr_worker.use_engine(SizeReader())
    window.show()  # closed here, not by qtbot: pytest-qt closes its widgets before this fixture's teardown, and
    # an arranged document is unsaved work (closing would ask)
    yield window
    for doc in window.docs.values():
        doc.dirty = False
    window.close()


@pytest.fixture
def images(tmp_path):
    """Three images of different widths (so each page is known by its size)."""
    paths = []
    for number, width in ((1, 400), (2, 500), (3, 600)):
        path = tmp_path / f"page{number}.png"
        text_image([f"Page {number}"], fontsize=22, width=width).save(path)
        paths.append(path)
    return paths


def texts(doc) -> list[str]:
    return [doc.results[i].text if i in doc.results else "" for i in range(doc.page_count)]


def open_as_one(qtbot, window, paths):
    with qtbot.waitSignal(window.model.arranged, timeout=20_000):
        key = window.arranging.open_as_one([str(p) for p in paths])
    return window.docs[key]


def recognise_all(qtbot, window, doc):
    with qtbot.waitSignal(window.ocrFinished, timeout=30_000):
        window.start_job(doc, list(range(doc.page_count)))


def test_three_images_open_as_one_document_and_a_dropped_page_takes_its_result_along(qtbot, window, images):
    doc = open_as_one(qtbot, window, images)
    assert window.current_doc is doc and doc.page_count == 3 and doc.source.parts is not None
    assert window.thumbnails.rowCount() == 3 and doc.dirty
    recognise_all(qtbot, window, doc)
    sizes = [r.text for r in (doc.results[0], doc.results[1], doc.results[2])]
    assert [s.split("x")[0] for s in sizes] == ["size 834", "size 1042", "size 1250"]  # 400, 500, 600 pt at 150 dpi

    strip = window.thumb_view
    mime = window.thumbnails.mimeData([window.thumbnails.index(2)])  # page 3 dragged...
    first = strip.visualRect(window.thumbnails.index(0))
    drop = QDropEvent(first.topLeft() + QPoint(4, 4), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)  # ...onto the upper half of page 1: before it
    with qtbot.waitSignal(window.model.arranged, timeout=5_000):
        strip.dropEvent(drop)
    assert texts(doc) == [sizes[2], sizes[0], sizes[1]]
    assert [doc.results[i].page for i in range(3)] == [1, 2, 3]
    assert window.thumbnails.rowCount() == 3 and window.thumbnails.page_ids == doc.page_ids
    assert [window.thumbnails.status(i) for i in range(3)] == [window.model.thumbnail_caption(doc.key, i)
                                                               for i in range(3)]
    # the I/O worker's document follows: page 1 is now the widest image
    window.current_page = -1
    with qtbot.waitSignal(window.pageShown, timeout=20_000):
        window.show_page(0)
    assert window.view.page_size[0] == 1250

    # undone: the first order, results with their pages
    window.act_undo.trigger()
    assert texts(doc) == sizes


def test_delete_key_deletes_the_selected_pages_and_undo_brings_them_back_with_their_results(qtbot, window, images):
    doc = open_as_one(qtbot, window, images)
    recognise_all(qtbot, window, doc)
    before = texts(doc)
    window.show_page(1)
    window.thumb_view.setFocus()
    with qtbot.waitSignal(window.model.arranged, timeout=5_000):
        qtbot.keyClick(window.thumb_view, Qt.Key.Key_Delete)
    assert texts(doc) == [before[0], before[2]] and window.thumbnails.rowCount() == 2
    assert window.doc_combo.currentText().endswith("(2 pages)")
    with qtbot.waitSignal(window.model.arranged, timeout=5_000):
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert texts(doc) == before and window.thumbnails.rowCount() == 3
    window.act_redo.trigger()
    assert texts(doc) == [before[0], before[2]]
    # the last page is not deleted: the document is closed instead
    window.thumb_view.selectAll()
    window.act_delete_pages.trigger()
    assert doc.page_count == 2 and "close it instead" in window.statusBar().currentMessage()


def test_a_correction_undone_after_its_page_moved_goes_to_that_page(qtbot, window, images):
    doc = open_as_one(qtbot, window, images)
    recognise_all(qtbot, window, doc)
    line = doc.results[0].lines[0]
    window.corrections.correct(doc.key, 0, 0, "corrected")
    window.model.move_pages(doc.key, [0], 3)  # page 1 to the end
    assert doc.results[2].lines[0] is line and line.text == "corrected"
    window.act_undo.trigger()  # the move
    window.act_undo.trigger()  # the correction
    assert doc.results[0].lines[0] is line and line.text.startswith("size ")


def test_pages_move_to_another_document_with_their_results(qtbot, window, images, tmp_path):
    first = open_as_one(qtbot, window, images[:2])
    recognise_all(qtbot, window, first)
    moved = first.results[1].text
    with qtbot.waitSignal(window.documentOpened, timeout=20_000):
        window.open_paths([str(images[2])])
    second = window.current_doc
    window.select_document(first.key)
    window.show_page(1)
    window.thumb_view.selectionModel().select(window.thumbnails.index(1), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    window.arranging.fill_move_menu()
    names = [action.text() for action in window.move_to_menu.actions()]
    assert names == [second.name]
    with qtbot.waitSignal(window.model.arranged, timeout=5_000):
        window.move_to_menu.actions()[0].trigger()
    assert first.page_count == 1 and second.page_count == 2
    assert second.results[1].text == moved and second.results[1].page == 2
    assert second.source.parts is not None and second.source.path is None and second.dirty
    window.act_undo.trigger()  # in the document it was moved from: both go back
    assert first.page_count == 2 and second.page_count == 1 and first.results[1].text == moved


def test_a_pdf_page_inserted_among_images_is_a_pdf_page_and_saves_as_one_searchable_pdf(qtbot, window, images,
                                                                                       tmp_path, monkeypatch):
    doc = open_as_one(qtbot, window, images[:2])
    letter = text_pdf(tmp_path / "letter.pdf", [["Letter page one"], ["Letter page two"]], fontsize=22)
    with qtbot.waitSignal(window.model.arranged, timeout=20_000):
        window.arranging.insert_files(doc.key, 1, [str(letter)])  # both pages, after page 1
    assert doc.page_count == 4 and doc.page_kinds == ["image", "pdf", "pdf", "image"] and doc.kind == "mixed"
    assert doc.page_sizes[1] == (612.0, 792.0)  # points: the view scales it as a PDF page
    recognise_all(qtbot, window, doc)
    assert doc.results[1].source == "text-layer" and doc.results[1].text == "Letter page one"
    expected = texts(doc)

    target = tmp_path / "arranged.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)"))
    with qtbot.waitSignal(window.fileWritten, timeout=30_000):
        window.act_save_pdf.trigger()
    assert doc.source.path == str(target) and doc.source.parts is None and not doc.dirty
    assert doc.page_kinds == ["pdf"] * 4 and texts(doc) == expected  # the results stay with their pages
    with pymupdf.open(target) as saved:
        assert saved.page_count == 4
        assert [round(page.rect.width) for page in saved] == [400, 612, 612, 500]  # images at 150 dpi: their width
    for number, text in enumerate(expected, start=1):
        layer = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(target), "-"],
                               capture_output=True, text=True, check=True).stdout
        assert text in layer
    # the document is that file now: shown from it, and opened again it is the same document
    window.current_page = -1
    with qtbot.waitSignal(window.pageShown, timeout=20_000):
        window.show_page(3)
    assert window.open_paths([str(target)]) == [doc.key]


def test_pages_that_cannot_be_inserted_are_said_and_the_document_stays(qtbot, window, images, tmp_path):
    doc = open_as_one(qtbot, window, images[:1])
    window.arranging.insert_files(doc.key, 1, [str(tmp_path / "gone.pdf")])
    qtbot.waitUntil(lambda: bool(window.shown_messages), timeout=10_000)
    assert "does not exist" in window.shown_messages[-1][1] and doc.page_count == 1


def test_files_that_cannot_be_opened_as_one_document_leave_no_empty_document(qtbot, window, tmp_path):
    (tmp_path / "empty.png").write_bytes(b"")
    key = window.arranging.open_as_one([str(tmp_path / "empty.png")])
    qtbot.waitUntil(lambda: bool(window.shown_messages), timeout=10_000)
    assert "empty" in window.shown_messages[-1][1] and key not in window.docs and window.doc_combo.count() == 0
