"""Files in and out of the window: Open Recent keeps absolute paths, once each (issue 24 item 10); the Export
dialog names each file type with its extension (issue 24 item 13)."""

from __future__ import annotations

import os

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from docscan.core.results import PageResult, TextLine
from docscan.gui.main_window import MainWindow
from docscan.gui.settings import Settings
from helpers import text_image


@pytest.fixture
def window(qtbot, tmp_path, store, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append((title, text)))
    window = MainWindow(Settings(tmp_path / "settings.ini"), store)
    window.shown_messages = shown
    qtbot.addWidget(window)
    window.show()
    yield window
    for doc in window.docs.values():
        doc.dirty = False
    window.close()


def test_open_recent_keeps_absolute_paths_once_and_opens_them_from_anywhere(qtbot, window, tmp_path, monkeypatch):
    folder = tmp_path / "photos"
    folder.mkdir()
    text_image(["A photo of a page"], fontsize=22).save(folder / "photo.jpg")
    monkeypatch.chdir(folder)
    with qtbot.waitSignal(window.documentOpened, timeout=20_000):
        window.open_paths(["photo.jpg"])  # as `docscan photo.jpg` gives it, typed in that folder
    assert window.current_doc.source.path == str(folder / "photo.jpg")
    assert window.settings.recent() == [str(folder / "photo.jpg")]
    assert window.open_paths(["./photo.jpg"]) == [window.current_key]  # the same file: not opened twice
    assert len(window.docs) == 1
    window.close_current_document()

    monkeypatch.chdir(tmp_path)  # DocScan started again from another folder
    entries = [action for action in window.recent_menu.actions()]
    assert [action.text() for action in entries] == [str(folder / "photo.jpg")]
    with qtbot.waitSignal(window.documentOpened, timeout=20_000):
        entries[0].trigger()
    assert window.current_doc.name == "photo.jpg" and not window.shown_messages


def test_recent_entries_stored_as_typed_or_twice_are_cleaned_when_read(tmp_path):
    settings = Settings(tmp_path / "settings.ini")
    absolute = str(tmp_path / "scan.pdf")
    settings.set("files/recent", ["photo.jpg", absolute, absolute, str(tmp_path / "x" / ".." / "scan.pdf"),
                                  str(tmp_path / "R&D.pdf")])
    assert settings.recent() == [absolute, str(tmp_path / "R&D.pdf")]
    assert settings.add_recent(os.path.relpath(tmp_path / "new.pdf")) == [str(tmp_path / "new.pdf"), absolute,
                                                                         str(tmp_path / "R&D.pdf")]
    assert Settings(tmp_path / "settings.ini").get("files/recent")[0] == str(tmp_path / "new.pdf")


def test_a_recent_path_with_an_ampersand_is_shown_as_it_is(qtbot, window, tmp_path):
    path = str(tmp_path / "R&D" / "plan.pdf")
    window.refresh_recent_menu([path])
    action = window.recent_menu.actions()[0]
    assert QKeySequence.mnemonic(action.text()).isEmpty()  # "&D" is not taken for an accelerator (Alt+D)...
    assert action.text().replace("&&", "&") == path  # ...and the "&" is shown


def test_the_export_dialog_names_each_file_type_with_its_extension(qtbot, window, tmp_path, monkeypatch):
    image = tmp_path / "note.png"
    text_image(["A short note"], fontsize=22).save(image)
    with qtbot.waitSignal(window.pageShown, timeout=20_000):
        window.open_paths([str(image)])
    window.current_doc.results[0] = PageResult(1, 100, 40, 0, [TextLine([(0, 0), (9, 0), (9, 9), (0, 9)], "A", 1.0)])
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda parent, title, start, filters, *a: asked.append((start, filters)) or ("", ""))
    for fmt in ("pdf", "txt", "md", "json", "hocr"):
        window.text_out.export_dialog(fmt)  # File → Export → each
    assert [filters for _start, filters in asked] == ["Searchable PDF (*.pdf)", "Text (*.txt)", "Markdown (*.md)",
                                                      "JSON (*.json)", "hOCR (*.hocr)"]
    assert [os.path.basename(start) for start, _filters in asked] == [
        "note.png.ocr.pdf", "note.png.txt", "note.png.md", "note.png.json", "note.png.hocr"]  # as docscan ocr names them
