"""Markdown: a heading per file and per page, paragraphs as in the text export, rows whose cells line up in
columns as tables; Markdown's special characters escaped. Several documents in one file follow one another,
each under its own heading."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

from ..layout import paragraphs
from ..results import DocumentResult
from .base import TextFormat

TABLE_ROW_GAP = 2.5  # line heights between two rows of one table, at most


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


def _table(rows: list, lines) -> list[list[str]] | None:
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


def _table_runs(paras: list, lines) -> dict[int, tuple[int, list[list[str]]]]:
    """{index of a table's first paragraph: (index after its last, its grid)} for runs of two or more rows
    (tables, forms, receipts) whose cells line up in columns."""
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
            grid = _table(paras[start:stop], lines)
            if grid is not None:
                best = (stop, grid)
                break
        if best is not None:
            runs[start] = best
            start = best[0]
        else:
            start += 1
    return runs


def _markdown_page(page) -> str:
    """Paragraphs as in text exports (lines of one paragraph two spaces and a newline apart), and rows whose
    cells line up in columns as a Markdown table (its first row the header)."""
    paras = paragraphs(page.lines)
    runs = _table_runs(paras, page.lines)
    out: list[str] = []
    index = 0
    while index < len(paras):
        if index in runs:
            stop, grid = runs[index]
            cells = [[markdown_escape(cell) for cell in row] for row in grid]
            table = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * len(cells[0])]
            table += ["| " + " | ".join(row) + " |" for row in cells[1:]]
            out.append(("\n\n" if out else "") + "\n".join(table))
            out.append("\n\n")
            index = stop
            continue
        paragraph = paras[index]
        if out and not out[-1].endswith("\n\n"):
            out.append("\n\n" if paragraph.new_block else "  \n")
        out.append(markdown_escape(paragraph.text))
        index += 1
    return "".join(out).rstrip("\n")


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|])")
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([#>+\-=])")
# "1. " or "1) " starts a numbered list; the escape goes before the punctuation (a backslash before a
# digit is not an escape in Markdown and would show). "9.53" is not a list and is left alone.
_MARKDOWN_NUMBERED = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")


def markdown_escape(text: str) -> str:
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = _MARKDOWN_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return _MARKDOWN_NUMBERED.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def to_markdown(results: Sequence[DocumentResult]) -> str:
    """A heading per file and per page; the text as paragraphs (wrapped lines joined), with Markdown's
    special characters escaped so the text reads as it was recognised."""
    out = []
    for result in results:
        out.append(f"# {markdown_escape(Path(result.path or 'document').name)}\n")
        if result.error:
            out.append(f"*Could not be read: {markdown_escape(result.error)}*\n")
        for page in result.pages:
            if len(result.pages) > 1 or page.page != 1:
                out.append(f"## Page {page.page}\n")
            if page.error:
                out.append(f"*Page not recognised: {markdown_escape(page.error)}*\n")
            elif page.lines:
                out.append(_markdown_page(page) + "\n")
    return "\n".join(out)


MD = TextFormat("md", ".md", title="Markdown", kind="Markdown", file_suffixes=(".md", ".markdown"), render=to_markdown)
