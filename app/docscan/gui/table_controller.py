"""Tables in the window (issue 25): Copy Table puts one table of the page on the clipboard as cells (TSV
and HTML in one QMimeData, so a spreadsheet pastes rows and columns, not one line of text), and Export
Tables… writes the document's tables (only them) to a file of a table format, through the I/O worker as
File → Export does. The grid itself is drawn by the page view (page_view.TableGrid) from the page's result.

Which table Copy Table copies: the one right-clicked (the view's chosen table), else the selected line's,
else the page's first."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QMimeData, QObject
from PySide6.QtWidgets import QApplication, QFileDialog

from ..core.formats import FORMATS, OUTPUT_SUFFIXES
from ..core.page_structure import table_of_line
from ..core.results import DocumentResult, PageResult
from ..core.tables import Table
from .actions import export_formats
from .i18n import tr
from .text_out import TextOutController

# The formats Export Tables… offers, in this order, where the core has them (core.formats.FORMATS); JSON
# (each table's cells with their boxes) is always there, last.
TABLE_FORMATS = ("xlsx", "csv", "html", "json")


def table_formats() -> list[str]:
    return [name for name in TABLE_FORMATS if name in FORMATS]


def extension(fmt: str) -> str:
    """The end of a file name of ``fmt``: ".xlsx" (OUTPUT_SUFFIXES may say more: ".ocr.pdf")."""
    return "." + OUTPUT_SUFFIXES[fmt].rpartition(".")[2]


def clipboard_html(table: Table) -> str:
    """The table as the text/html a spreadsheet pastes as cells: a whole (small) HTML document."""
    return f'<html><head><meta charset="utf-8"></head><body>{table.html()}</body></html>'


def tables_only(result: DocumentResult) -> DocumentResult:
    """The document's pages that hold tables, with their tables and nothing else (no lines, no regions):
    what Export Tables writes, so a spreadsheet or an HTML file has the tables and not the running text."""
    pages = [dataclasses.replace(page, lines=[], regions=[], tables=list(page.tables))
             for page in result.pages if page.tables]
    return dataclasses.replace(result, pages=pages, warnings=list(result.warnings), turns=dict(result.turns))


class TableController(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window

    # ------------------------------------------------------------------------------------------- which

    def _shown_result(self) -> PageResult | None:
        doc = self.window.current_doc
        return doc.results.get(self.window.current_page) if doc is not None else None

    def target_table(self) -> Table | None:
        """The table Copy Table copies on the page shown (see the module's docstring), or None."""
        result = self._shown_result()
        if result is None or not result.tables:
            return None
        chosen = self.window.view.chosen_table
        if chosen is not None and chosen < len(result.tables):
            return result.tables[chosen]
        rows = [self.window.text_panel.row(item) for item in self.window.text_panel.selectedItems()]
        if rows and 0 <= rows[0] < len(result.lines):
            number = table_of_line(result, rows[0])
            if number is not None:
                return result.tables[number]
        return result.tables[0]

    def update_actions(self, doc, page: int, _busy: bool) -> None:
        result = doc.results.get(page) if doc is not None else None
        self.window.act_copy_table.setEnabled(bool(result is not None and result.tables))
        self.window.act_export_tables.setEnabled(
            bool(doc is not None and any(r.tables for r in doc.results.values())))

    # ------------------------------------------------------------------------------------------ copy

    def copy_table(self) -> None:
        table = self.target_table()
        if table is None:
            self.window._say(tr("This page has no table to copy."), 4000)
            return
        mime = QMimeData()
        mime.setText(table.tsv())
        mime.setHtml(clipboard_html(table))
        QApplication.clipboard().setMimeData(mime)
        self.window._say(tr("Copied a table of {0} rows and {1} columns").format(table.rows, table.cols), 4000)

    # ---------------------------------------------------------------------------------------- export

    @staticmethod
    def file_types() -> list[tuple[str, str]]:
        """(format, the save dialog's filter) for each format offered: "Spreadsheet (*.xlsx)"."""
        words = export_formats()
        return [(fmt, f"{words[fmt][1]} (*{extension(fmt)})") for fmt in table_formats()]

    @staticmethod
    def chosen_format(target: str, chosen_filter: str, types: list[tuple[str, str]]) -> tuple[str, str]:
        """(format, file) from the name typed and the file type chosen: a name that ends as one of the
        formats' files do is that format; else the chosen type's, its ending added."""
        for fmt, _filter in types:
            if target.lower().endswith(extension(fmt)):
                return fmt, target
        fmt = next((fmt for fmt, name in types if name == chosen_filter), types[0][0])
        return fmt, target + extension(fmt)

    def export_dialog(self) -> bool:
        """Ask where to write the shown document's tables, and in which format; False when nothing was
        exported (no tables, or the dialog cancelled). The I/O worker writes the file (``documents.exported``
        or ``exportFailed`` says how it went)."""
        doc = self.window.current_doc
        result = tables_only(doc.document_result()) if doc is not None else None
        if result is None or not result.pages:
            self.window._say(tr("This document has no tables to export."), 4000)
            return False
        types = self.file_types()
        base, _kind = TextOutController.suggested_target(doc, types[0][0])
        target, chosen = QFileDialog.getSaveFileName(self.window, tr("Export Tables"), str(base),
                                                     ";;".join(name for _fmt, name in types), types[0][1])
        if not target:
            return False
        fmt, target = self.chosen_format(target, chosen, types)
        self.window.documents.export(doc, fmt, target, result)
        return True

