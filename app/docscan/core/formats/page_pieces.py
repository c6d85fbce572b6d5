"""A page as the exports that keep structure (Markdown, HTML, Word) lay it out: headings, runs of text,
and tables, in reading order (``core.page_structure.blocks``).

Two kinds of table come out as tables: those the table finder found (``page.tables``: their cells and
spans as found) and runs of two or more row paragraphs whose cells line up in the columns of the widest row
(a table, form or receipt the finder did not mark; one cell per grid place, no spans). CSV and the
spreadsheet write only the found tables (``found_tables``): the aligned rows are a presentation of text,
not a table a person asked for.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..page_structure import Block, blocks
from ..results import PageResult
from ..tables import Table, TableCell

TABLE_ROW_GAP = 2.5  # line heights between two rows of one table, at most


@dataclass
class Piece:
    # "heading": ``paragraphs`` holds it; "text": paragraphs that follow one another without a gap (the
    # first may start after one), each a Block of kind "paragraph", "row", "header", "footer" or "picture";
    # "table": ``table``
    kind: str
    paragraphs: list[Block] = field(default_factory=list)
    table: Table | None = None
    found: bool = True  # a table the finder found (else: rows whose cells line up)


def _column_of(cell: tuple[float, float, float, float], columns: list[tuple[float, float]]) -> int | None:
    """The column a cell sits in: one its x-range overlaps and whose left edge, right edge or centre it
    shares (within 1.5 line heights: tables align cells left, right or centred); None when there is none."""
    tolerance = 1.5 * max(1.0, cell[3] - cell[1])
    for number, (x0, x1) in enumerate(columns):
        if min(cell[2], x1) - max(cell[0], x0) <= 0:
            continue
        if (abs(cell[0] - x0) <= tolerance or abs(cell[2] - x1) <= tolerance
                or abs((cell[0] + cell[2]) / 2 - (x0 + x1) / 2) <= tolerance):
            return number
    return None


def _aligned_grid(rows: list, lines) -> list[list[str]] | None:
    """The cells of consecutive row paragraphs as a grid, when their cells line up in the columns of the
    widest row (no two cells of a row in one column); None otherwise."""
    widest = max(rows, key=lambda row: len(row.lines))
    columns = [(lines[i].bbox[0], lines[i].bbox[2]) for i in widest.lines]
    if len(rows) < 2 or len(columns) < 2:
        return None
    grid = []
    for row in rows:
        cells = [""] * len(columns)
        for index in row.lines:
            column = _column_of(lines[index].bbox, columns)
            if column is None or cells[column]:
                return None
            cells[column] = lines[index].text.strip()
        grid.append(cells)
    return grid


def aligned_row_runs(paras: list, lines) -> dict[int, tuple[int, list[list[str]]]]:
    """{index of a table's first paragraph: (index after its last, its grid)} for runs of two or more rows
    (tables, forms, receipts) whose cells line up in columns. ``paras``: paragraphs or blocks (``kind``,
    ``lines`` as indices into ``lines``)."""
    runs: dict[int, tuple[int, list[list[str]]]] = {}
    start = 0
    while start < len(paras):
        end = start
        while end < len(paras) and paras[end].kind == "row":
            if end > start:
                above, below = lines[paras[end - 1].lines[0]].bbox, lines[paras[end].lines[0]].bbox
                if below[1] - above[3] > TABLE_ROW_GAP * max(1.0, above[3] - above[1]):
                    break
            end += 1
        best = None
        for stop in range(end, start + 1, -1):  # the longest run from ``start`` that lines up
            grid = _aligned_grid(paras[start:stop], lines)
            if grid is not None:
                best = (stop, grid)
                break
        if best is not None:
            runs[start] = best
            start = best[0]
        else:
            start += 1
    return runs


def spans_to_merge(table: Table) -> list[TableCell]:
    """The spanning cells whose span a spreadsheet or Word can merge: inside the grid, and over no place
    an earlier cell holds (a table whose cells overlap would make a file that Excel repairs, or that
    python-docx refuses)."""
    taken: set[tuple[int, int]] = set()
    out = []
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        places = {(r, c) for r in range(cell.row, min(table.rows, cell.row + cell.row_span))
                  for c in range(cell.col, min(table.cols, cell.col + cell.col_span))}
        if places & taken:
            continue
        taken |= places
        if len(places) > 1:
            out.append(cell)
    return out


def grid_table(grid: list[list[str]]) -> Table:
    """A table of one cell per grid place (rows that line up carry no spans and no boxes)."""
    return Table((0.0, 0.0, 0.0, 0.0), [TableCell(r, c, text=text) for r, row in enumerate(grid)
                                        for c, text in enumerate(row)])


def pieces(page: PageResult) -> list[Piece]:
    """The page's headings, runs of text and tables in reading order. A paragraph set apart from the one
    before (``new_block``), or following a heading or a table, starts a new run of text."""
    found = blocks(page)
    runs = aligned_row_runs(found, page.lines)
    out: list[Piece] = []
    index = 0
    while index < len(found):
        if index in runs:
            stop, grid = runs[index]
            out.append(Piece("table", table=grid_table(grid), found=False))
            index = stop
            continue
        block = found[index]
        index += 1
        if block.kind == "table":
            out.append(Piece("table", table=block.table))
        elif block.kind == "heading":
            out.append(Piece("heading", [block]))
        elif out and out[-1].kind == "text" and not block.new_block:
            out[-1].paragraphs.append(block)
        else:
            out.append(Piece("text", [block]))
    return out


def found_tables(page: PageResult) -> list[Table]:
    """The page's found tables in reading order (where each stands among the page's text)."""
    return [block.table for block in blocks(page) if block.kind == "table" and block.table is not None]
