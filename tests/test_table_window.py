"""Tables in the window (issue 25), on the real window with a fake engine: a page's tables are drawn as a
grid over it (outline and cells) and follow a turn; right-click inside a table offers Copy Table and Export
Tables (outside it does not); Copy Table puts TSV and HTML on the clipboard; Edit → Copy Table copies the
selected line's table, else the page's first, and is off on a page without tables; Export Tables writes
the document's tables through the I/O worker; File → Export offers the new formats in the window's words
and writes a binary format, or one that names several files, as it does the others.

No OCR: the tables and lines of a result are made here, at the places where the page image has them
(the table finder that fills them from real pixels is the core's, tested there)."""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf
import pytest
from PIL import Image
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from docscan.core import formats
from docscan.core.formats.base import OutputFormat
from docscan.core.results import PageResult, TextLine
from docscan.core.tables import Table, TableCell
from docscan.gui.actions import export_formats
from docscan.gui.main_window import MainWindow
from docscan.gui.settings import Settings
from docscan.gui.table_controller import TableController, clipboard_html
from helpers import NoTextEngine

DPI = 150
PX = DPI / 72  # pixels per point


# Two ruled tables in points: (x0, y0, column widths, row height, rows of (text, col_span))
TABLES = [
    (72, 110, (120, 120, 80), 30, [[("Product", 2), ("Qty", 1)], [("Widget", 1), ("blue", 1), ("12", 1)],
                                   [("Gadget", 1), ("red", 1), ("7", 1)]]),
    (72, 250, (110, 130), 30, [[("Code", 1), ("Price", 1)], [("007", 1), ("1,234.50", 1)]]),
]
TITLE = ("Quarterly figures", 72, 70)


def table_page(path):
    """A page image with a title and the two ruled tables drawn (150 dpi), and the result a finder would
    give for it: a line per text, and the tables with their cells' boxes, in the image's pixels."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=400)
    lines = [TextLine([(TITLE[1] * PX, (TITLE[2] - 14) * PX), (260 * PX, (TITLE[2] - 14) * PX),
                       (260 * PX, (TITLE[2] + 4) * PX), (TITLE[1] * PX, (TITLE[2] + 4) * PX)], TITLE[0], 0.99)]
    page.insert_text((TITLE[1], TITLE[2]), TITLE[0], fontname="helv", fontsize=16)
    tables = []
    for x0, y0, widths, height, rows in TABLES:
        cells = []
        edges = [x0 + sum(widths[:i]) for i in range(len(widths) + 1)]
        for r, row in enumerate(rows):
            col = 0
            for text, span in row:
                left, right, top = edges[col], edges[col + span], y0 + r * height
                page.draw_rect(pymupdf.Rect(left, top, right, top + height), color=(0, 0, 0), width=0.8)
                page.insert_text((left + 6, top + 20), text, fontname="helv", fontsize=12)
                cells.append(TableCell(r, col, 1, span, (left * PX, top * PX, right * PX, (top + height) * PX), text))
                width = pymupdf.get_text_length(text, fontname="helv", fontsize=12)
                lines.append(TextLine([((left + 6) * PX, (top + 9) * PX), ((left + 6 + width) * PX, (top + 9) * PX),
                                       ((left + 6 + width) * PX, (top + 23) * PX), ((left + 6) * PX, (top + 23) * PX)],
                                      text, 0.98))
                col += span
        tables.append(Table((x0 * PX, y0 * PX, edges[-1] * PX, (y0 + len(rows) * height) * PX), cells, ruled=True))
    pixmap = page.get_pixmap(dpi=DPI, alpha=False)
    Image.frombytes("RGB", (pixmap.width, pixmap.height), pixmap.samples).save(path)
    return path, PageResult(1, pixmap.width, pixmap.height, None, lines, tables=tables)


@pytest.fixture
def window(qtbot, tmp_path, store, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append((title, text)))
    window = MainWindow(Settings(tmp_path / "settings.ini"), store)
    window.shown_messages = shown
    window.ocr_worker.use_engine(NoTextEngine())
    window.show()
    yield window
    for doc in window.docs.values():
        doc.dirty = False
    window.close()


def open_with_tables(qtbot, window, tmp_path, name="tables.png"):
    """Open the table page and give it its result (as a recognition job ends: the model says the page
    changed), shown; returns the document and the result."""
    path, result = table_page(tmp_path / name)
    with qtbot.waitSignal(window.documentOpened, timeout=20_000):
        window.open_paths([str(path)])
    doc = window.current_doc
    doc.results[0] = result
    window.model.pageChanged.emit(doc.key, 0)
    window.model.jobChanged.emit()
    return doc, result


def scene_point(window, x, y):
    """The viewport point over page pixel (x, y) of the shown image page (scene units are its pixels)."""
    return window.view.mapFromScene(x, y)


def right_click(window, at: QPoint):
    shown = []
    window.contextMenuShown.connect(lambda kind, menu: shown.append((kind, menu.actions())) or menu.close())
    window.view.customContextMenuRequested.emit(at)
    window.contextMenuShown.disconnect()
    return shown[-1]


def test_the_tables_are_drawn_as_a_grid_over_the_page_and_turn_with_it(qtbot, window, tmp_path):
    doc, result = open_with_tables(qtbot, window, tmp_path)
    grids = window.view.grids
    assert [len(grid.cells) for grid in grids] == [len(t.cells) for t in result.tables] == [8, 4]
    first = grids[0]
    assert first.rect().getCoords() == pytest.approx(result.tables[0].box)  # scene units: the image's pixels
    assert [cell.rect().getCoords() for cell in first.cells] == [pytest.approx(c.box) for c in result.tables[0].cells]
    assert first.zValue() < min(box.zValue() for box in window.view.boxes)  # under the line boxes
    assert first.pen().color() != window.view.boxes[0].pen().color()

    window.act_boxes.trigger()  # Show Boxes off: the grid goes with the boxes
    assert not any(grid.isVisible() for grid in window.view.grids)
    window.act_boxes.trigger()
    assert all(grid.isVisible() for grid in window.view.grids)

    height = result.height
    window.turn_page(90)  # clockwise: (x, y) -> (height - y, x)
    x0, y0, x1, y1 = TABLES[0][0] * PX, TABLES[0][1] * PX, 392 * PX, 200 * PX
    assert window.view.grids[0].rect().getCoords() == pytest.approx((height - y1, x0, height - y0, x1))
    assert len(window.view.grids[0].cells) == 8


def test_right_click_in_a_table_copies_it_as_tsv_and_html_and_outside_offers_no_table(qtbot, window, tmp_path):
    doc, result = open_with_tables(qtbot, window, tmp_path)
    empty_cell = result.tables[0].cells[0].box  # "Product": its right part holds no line
    kind, actions = right_click(window, scene_point(window, empty_cell[2] - 20, empty_cell[1] + 10))
    assert kind == "table"
    named = [a for a in actions if not a.isSeparator()]
    assert named[:2] == [window.act_copy_table, window.act_export_tables]
    assert window.act_ocr_page in named  # then the page's menu
    assert window.act_copy_table.isEnabled() and window.act_export_tables.isEnabled()
    QApplication.clipboard().clear()
    window.act_copy_table.trigger()
    mime = QApplication.clipboard().mimeData()
    assert mime.text() == "Product\t\tQty\nWidget\tblue\t12\nGadget\tred\t7"
    assert mime.hasHtml() and '<td colspan="2">Product</td>' in mime.html()
    assert mime.html() == clipboard_html(result.tables[0])
    assert window.statusBar().currentMessage() == "Copied a table of 3 rows and 3 columns"

    price = result.lines[-1]  # "1,234.50": a line inside the second table: its menu, and the line selected
    kind, actions = right_click(window, scene_point(window, *price.box[0]) + QPoint(4, 4))
    assert kind == "table" and window.act_copy in actions and window.act_edit_line in actions
    assert window.text_panel.selected_texts() == ["1,234.50"]
    window.act_copy_table.trigger()
    assert QApplication.clipboard().mimeData().text() == "Code\tPrice\n007\t1,234.50"

    kind, actions = right_click(window, scene_point(window, 1000, 700))  # below and beside both tables
    assert kind == "page" and window.act_copy_table not in actions
    title = result.lines[0]
    kind, actions = right_click(window, scene_point(window, *title.box[0]) + QPoint(4, 4))
    assert kind == "line" and window.act_copy_table not in actions


def test_edit_copy_table_takes_the_selected_lines_table_else_the_first_and_is_off_without_tables(
        qtbot, window, tmp_path):
    doc, result = open_with_tables(qtbot, window, tmp_path)
    assert window.act_copy_table.isEnabled()
    window.text_panel.select_line(len(result.lines) - 2)  # "007", in the second table
    window.view.select_line(len(result.lines) - 2)
    window.act_copy_table.trigger()
    assert QApplication.clipboard().mimeData().text() == "Code\tPrice\n007\t1,234.50"
    window.text_panel.select_line(None)
    window.act_copy_table.trigger()
    assert QApplication.clipboard().mimeData().text().startswith("Product\t\tQty")

    path, _ = table_page(tmp_path / "plain.png")
    with qtbot.waitSignal(window.documentOpened, timeout=20_000):
        window.open_paths([str(path)])
    plain = window.current_doc
    plain.results[0] = PageResult(1, 1275, 833, None, [TextLine([(10, 10), (90, 10), (90, 30), (10, 30)], "x", 0.9)])
    window.model.pageChanged.emit(plain.key, 0)
    window.model.jobChanged.emit()
    assert not window.view.grids
    assert not window.act_copy_table.isEnabled() and not window.act_export_tables.isEnabled()
    window.tables.copy_table()  # the action is off; called anyway, it says why
    assert window.statusBar().currentMessage() == "This page has no table to copy."


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx", "html"])
def test_export_tables_writes_the_documents_tables_through_the_io_worker(qtbot, window, tmp_path, monkeypatch, fmt):
    if fmt not in formats.FORMATS:
        pytest.skip(f"the {fmt} format is not in core.formats yet (another part of issue 25)")
    doc, result = open_with_tables(qtbot, window, tmp_path)
    asked = []

    def save_dialog(parent, title, base, filters, chosen):
        asked.append((title, base, filters, chosen))
        name = next(f for f in filters.split(";;") if f.endswith(f"(*.{fmt})"))
        return str(tmp_path / "out" / "tables"), name  # no ending typed: the chosen type's is added

    (tmp_path / "out").mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    with qtbot.waitSignal(window.fileWritten, timeout=20_000) as written:
        assert window.tables.export_dialog()
    title, base, filters, chosen = asked[0]
    assert title == "Export Tables" and filters.split(";;")[-1] == "JSON (*.json)"
    assert [f.rpartition("(*.")[2].rstrip(")") for f in filters.split(";;")] == [
        f for f in ("xlsx", "csv", "html", "json") if f in formats.FORMATS]
    target = tmp_path / "out" / f"tables.{fmt}"
    path = written.args[0]
    assert path == str(target) or (fmt == "csv" and path.startswith(str(tmp_path / "out" / "tables")))
    if fmt == "json":  # the tables alone: their cells, no running text
        page = json.loads(target.read_text(encoding="utf-8"))["files"][0]["pages"][0]
        assert page["lines"] == [] and [len(t["cells"]) for t in page["tables"]] == [8, 4]
        assert page["tables"][1]["cells"][3]["text"] == "1,234.50"
    elif fmt == "csv":
        import csv

        with open(path, encoding="utf-8-sig", newline="") as handle:
            assert list(csv.reader(handle))[1] == ["Widget", "blue", "12"]
    elif fmt == "xlsx":
        import openpyxl

        values = [cell for sheet in openpyxl.load_workbook(target).worksheets
                  for row in sheet.iter_rows(values_only=True) for cell in row]
        assert "Widget" in values and "Quarterly figures" not in values
    else:
        text = target.read_text(encoding="utf-8")
        assert 'colspan="2"' in text and "Widget" in text and "Quarterly figures" not in text


def test_an_export_that_cannot_be_written_is_said_in_words(qtbot, window, tmp_path, monkeypatch):
    open_with_tables(qtbot, window, tmp_path)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a: (str(tmp_path / "no such folder" / "tables.json"), "JSON (*.json)"))
    with qtbot.waitSignal(window.documents.exportFailed, timeout=20_000):
        window.tables.export_dialog()
    assert window.shown_messages[-1][0] == "Export failed" and "could not be written" in window.shown_messages[-1][1]


class FakeBinary(OutputFormat):
    """A stand-in for a binary format ("xlsx", "docx": a few bytes of a zip) and for one that writes several
    files ("csv": a file per table beside the target, answering the first, as core.formats' csv does)."""

    def write(self, results, target, sources=None, options=None):
        target = Path(target)
        if self.name != "csv":
            target.write_bytes(b"PK\x03\x04\x00\xff")
            return target
        tables = [t for r in results for p in r.pages for t in p.tables]
        names = [target.with_name(f"{target.stem}-{n}{target.suffix}") for n in range(1, len(tables) + 1)]
        for name, table in zip(names, tables):
            name.write_bytes(table.tsv().encode())
        return names[0]


def test_file_export_offers_the_new_formats_in_the_windows_words_and_writes_binary_and_several_files(
        qtbot, tmp_path, store, monkeypatch):
    for name, suffix in (("xlsx", ".xlsx"), ("docx", ".docx"), ("csv", ".csv")):
        if name not in formats.FORMATS or name == "csv":  # a csv stand-in names its first file
            monkeypatch.setitem(formats.FORMATS, name, FakeBinary(name, suffix, name.upper(), name, (suffix,)))
            monkeypatch.setitem(formats.OUTPUT_SUFFIXES, name, suffix)
    words = export_formats()
    assert words["xlsx"] == ("&Spreadsheet (.xlsx)…", "Spreadsheet")
    assert words["docx"] == ("&Word Document (.docx)…", "Word document")
    assert words["csv"] == ("Table as &CSV…", "CSV")
    window = MainWindow(Settings(tmp_path / "settings.ini"), store)
    try:
        window.ocr_worker.use_engine(NoTextEngine())
        assert {"&Spreadsheet (.xlsx)…", "&Word Document (.docx)…", "Table as &CSV…"} <= {
            a.text() for a in window.export_menu.actions()}
        doc, _result = open_with_tables(qtbot, window, tmp_path)
        for fmt in ("xlsx", "csv"):
            target = tmp_path / f"out.{fmt}"
            monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, t=target: (str(t), ""))
            with qtbot.waitSignal(window.fileWritten, timeout=20_000) as written:
                getattr(window, f"act_export_{fmt}").trigger()
            if fmt == "csv" and isinstance(formats.FORMATS["csv"], FakeBinary):
                assert written.args == [str(tmp_path / "out-1.csv")] and (tmp_path / "out-2.csv").exists()
                assert window.statusBar().currentMessage() == f"Exported to {tmp_path / 'out-1.csv'}"
            else:
                assert written.args == [str(target)] and target.read_bytes()[:2] == b"PK"  # a zip: xlsx
    finally:
        for doc in window.docs.values():
            doc.dirty = False
        window.close()


def test_the_format_of_a_name_typed_wins_over_the_type_chosen():
    types = [("json", "JSON (*.json)")]
    assert TableController.chosen_format("/x/t.JSON", "", types) == ("json", "/x/t.JSON")
    assert TableController.chosen_format("/x/t", "JSON (*.json)", types) == ("json", "/x/t.json")
