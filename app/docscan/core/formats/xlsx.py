"""Spreadsheet (.xlsx, written with openpyxl): one sheet per table the table finder found, "Table 1",
"Table 2", ... counted through every page of every document in order (as ``--table N`` counts them), then
a sheet "Text" with the rest of the text.

A table's sheet holds its cells from A1 on (``Table.grid``), a spanning cell merged over its span, the
first row bold; a cell that plainly is a number is stored as a number, shown as it was printed
(``cell_numbers``: "1,234.50", "(12)", "12%", "$3.00"), every other cell as text exactly as read ("007"
stays "007"; a text beginning with "=" is text, never a formula). Column widths follow the longest text.
The "Text" sheet has one row per paragraph in reading order (File, Page, Text), a table's place marked
"[Table N]" (its sheet), headings and running headers and footers as paragraphs, and a document or page
that could not be read as the other formats say it ("Could not be read: ..."). Results without tables
still give a valid workbook: just the Text sheet. Several documents go into one workbook.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

from ..results import DocumentResult
from ..tables import Table
from .base import BuiltFormat
from .cell_numbers import parse_number
from .page_pieces import pieces, spans_to_merge

MIN_WIDTH, MAX_WIDTH = 6, 60  # a column's width, in characters
# characters an .xlsx (XML 1.0) cannot hold: control characters other than tab, newline, carriage return
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def cell_text(text: str) -> str:
    """Text an .xlsx or .docx can hold: XML's forbidden control characters dropped, a file name's
    undecodable bytes (lone surrogates) as \\xNN."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _NOT_IN_XML.sub("", text)


def _put(sheet, row: int, column: int, text: str, numbers: bool = True):
    """One cell: a number where the text plainly is one, else the text itself (never a formula)."""
    cell = sheet.cell(row=row, column=column)
    parsed = parse_number(text) if numbers else None
    if parsed is not None:
        cell.value, cell.number_format = parsed
    else:
        cell.value = cell_text(text)
        cell.data_type = "s"  # openpyxl takes a text beginning with "=" for a formula
    return cell


def _table_sheet(book, title: str, table: Table) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    widths = [MIN_WIDTH] * table.cols
    bold = Font(bold=True)
    merged = {id(cell) for cell in spans_to_merge(table)}
    for cell in table.cells:
        written = _put(sheet, cell.row + 1, cell.col + 1, cell.text)
        if cell.row == 0:
            written.font = bold
        if id(cell) in merged:
            written.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        elif cell.col_span == 1:
            longest = max((len(part) for part in cell.text.splitlines()), default=0)
            widths[cell.col] = max(widths[cell.col], min(MAX_WIDTH, longest + 2))
    for cell in spans_to_merge(table):  # after every value: merging empties the cells a span covers
        sheet.merge_cells(start_row=cell.row + 1, start_column=cell.col + 1,
                          end_row=min(table.rows, cell.row + cell.row_span),
                          end_column=min(table.cols, cell.col + cell.col_span))
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def _text_rows(results: Sequence[DocumentResult]) -> list[tuple[str, int | None, str]]:
    """(file, page, text) for every paragraph outside the tables, a table's place as "[Table N]"."""
    rows = []
    tables = 0
    for result in results:
        name = Path(result.path or "document").name
        if result.error:
            rows.append((name, None, f"Could not be read: {result.error}"))
        for page in result.pages:
            if page.error:
                rows.append((name, page.page, f"Page not recognised: {page.error}"))
                continue
            for piece in pieces(page):
                if piece.kind != "table":
                    rows.extend((name, page.page, block.text) for block in piece.paragraphs)
                elif piece.found:
                    tables += 1
                    rows.append((name, page.page, f"[Table {tables}]"))
                else:  # rows whose cells line up: text here, as the text export writes them
                    rows.extend((name, page.page, "  ".join(c for c in row if c)) for row in piece.table.grid())
    return rows


def workbook(results: Sequence[DocumentResult]):
    """The openpyxl Workbook of ``results`` (the module's layout)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from .csv import tables_of

    book = Workbook()
    book.remove(book.active)
    for number, (_, _, table) in enumerate(tables_of(results), start=1):
        _table_sheet(book, f"Table {number}", table)
    sheet = book.create_sheet("Text")
    for column, title in enumerate(("File", "Page", "Text"), start=1):
        sheet.cell(row=1, column=column, value=title).font = Font(bold=True)
    rows = _text_rows(results)
    for row, (name, page, text) in enumerate(rows, start=2):
        _put(sheet, row, 1, name, numbers=False)
        if page is not None:
            sheet.cell(row=row, column=2, value=page)
        _put(sheet, row, 3, text, numbers=False)
    sheet.column_dimensions["A"].width = min(MAX_WIDTH, max([MIN_WIDTH] + [len(r[0]) + 2 for r in rows]))
    sheet.column_dimensions["B"].width = MIN_WIDTH
    sheet.column_dimensions["C"].width = 100
    return book


XLSX = BuiltFormat("xlsx", ".xlsx", title="Spreadsheet (.xlsx)", kind="spreadsheet", file_suffixes=(".xlsx",),
                   build=workbook)
