"""CSV: tables only, one table a file (CSV has no sheets), cells as ``Table.grid`` gives them: a spanning
cell's text in the first cell of its span, the rest of the span empty.

The tables are the ones the table finder found (``page_pieces.found_tables``), counted from 1 through
every page of every document, in order. With one table (or one chosen: ``ExportOptions.table``,
``--table N``) the target is that table. With several, each goes to a file of its own beside the target,
``<target stem>-<n>.csv`` (``out.csv`` -> ``out-1.csv``, ``out-2.csv``), and the target itself is not
written; ``write_files`` / ``OutputWriter.save_files`` answer every file written (``write`` the first), so
a caller can say which they are. Several files are written all or none: each to a temporary file, and
renamed only once every one is complete. Results without a table (or a table number past the last) write
nothing and raise ``NothingToExport``, in words. On stdout (``render``) one table is written, without the
byte order mark. Cells are written as read: a cell beginning with "=" is a formula to a spreadsheet that
opens the file (the xlsx export keeps every cell text).
"""

from __future__ import annotations

import csv
import io
from contextlib import ExitStack
from pathlib import Path
from typing import Sequence

from ..atomic_files import replacing
from ..results import DocumentResult
from ..tables import Table
from .base import DocumentSource, ExportOptions, NothingToExport, OutputWriter, TextFormat
from .page_pieces import found_tables

# Excel reads a CSV file without a byte order mark in the computer's legacy code page (Windows-1252 and
# the like), which turns every accented or non-Latin letter into mojibake; with UTF-8's BOM it reads UTF-8.
# LibreOffice, Python's csv (encoding="utf-8-sig") and pandas take the BOM as well.
BOM = "\ufeff"


def tables_of(results: Sequence[DocumentResult]) -> list[tuple[DocumentResult, int, Table]]:
    """Every found table of the results, in order: (its document, its page number, the table)."""
    return [(result, page.page, table) for result in results for page in result.pages if not page.error
            for table in found_tables(page)]


def _names(results: Sequence[DocumentResult]) -> str:
    names = [Path(result.path).name for result in results if result.path] or ["the document"]
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def chosen_tables(results: Sequence[DocumentResult], options: ExportOptions | None) -> list[Table]:
    """The tables a CSV export writes: the chosen one, or every one; NothingToExport when there is none."""
    tables = [table for _, _, table in tables_of(results)]
    failed = [result for result in results if result.error]
    if not tables:
        why = f"no table was found in {_names(results)}"
        if failed and len(failed) == len(results):
            why = f"{_names(results)} could not be read ({failed[0].error.rstrip('.')})"
        raise NothingToExport(f"{why}: a CSV file holds a table. The text can be exported as txt, md, html, "
                              "docx or xlsx.")
    number = options.table if options is not None else None
    if number is None:
        return tables
    if not 1 <= number <= len(tables):
        raise NothingToExport(f"there is no table {number}: {_names(results)} "
                              f"{'has' if len(results) == 1 else 'have'} {len(tables)} "
                              f"table{'s' if len(tables) != 1 else ''} (--table 1"
                              + (f" to {len(tables)})" if len(tables) > 1 else ")"))
    return [tables[number - 1]]


def table_csv(table: Table) -> str:
    """The table's rows as CSV (RFC 4180: commas, quotes where needed, CRLF line ends, as Excel writes)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in table.grid():
        writer.writerow(row)
    return out.getvalue()


def numbered_path(target: Path, number: int) -> Path:
    """Where table ``number`` of several goes: ``out.csv`` -> ``out-2.csv`` (``scan.png.csv`` -> ``scan.png-2.csv``)."""
    return target.with_name(f"{target.stem}-{number}{target.suffix or '.csv'}")


def render_csv(results: Sequence[DocumentResult], options: ExportOptions | None = None) -> str:
    tables = chosen_tables(results, options)
    if len(tables) > 1:
        raise NothingToExport(f"{_names(results)} {'has' if len(results) == 1 else 'have'} {len(tables)} tables "
                              f"and one CSV holds one: choose one with --table 1 to {len(tables)}, or write "
                              "them to files with -o (one file per table)")
    return table_csv(tables[0])


class CsvWriter(OutputWriter):
    def __init__(self, options: ExportOptions | None):
        self._options = options
        self._results: list[DocumentResult] = []

    @property
    def empty(self) -> bool:
        return not tables_of(self._results)

    def add(self, result: DocumentResult, source: DocumentSource | None = None) -> None:
        self._results.append(result)

    def save(self, target: Path) -> Path:
        return self.save_files(target)[0]

    def save_files(self, target: Path) -> list[Path]:
        target = Path(target)
        tables = chosen_tables(self._results, self._options)
        paths = [target] if len(tables) == 1 else [numbered_path(target, n) for n in range(1, len(tables) + 1)]
        with ExitStack() as stack:  # every file complete before any is renamed into place
            for path, table in zip(paths, tables):
                temporary = stack.enter_context(replacing(path))
                with open(temporary, "w", encoding="utf-8", errors="backslashreplace", newline="") as stream:
                    stream.write(BOM + table_csv(table))
        return paths


class CsvFormat(TextFormat):
    def text(self, results: Sequence[DocumentResult], options: ExportOptions | None = None) -> str:
        return render_csv(results, options)

    def writer(self, options: ExportOptions | None = None) -> OutputWriter:
        return CsvWriter(options)


CSV = CsvFormat("csv", ".csv", title="CSV (tables)", kind="CSV", file_suffixes=(".csv",), render=render_csv)
