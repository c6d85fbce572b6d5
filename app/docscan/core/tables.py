"""Tables found on a page and the regions a layout model marks (titles, figures, captions ...): what a page's
result holds about them, in the page's pixels, to and from JSON. No pixels or models here: finding them is
``core.table_finder``; the exports read them through ``core.page_structure``.

JSON (keys added to a page of ``docscan ocr --format json``):

    "tables": [{"box": [x0, y0, x1, y1], "rows": R, "cols": C, "ruled": true, "html": "<table>...</table>",
                "cells": [{"row": 0, "col": 0, "row_span": 1, "col_span": 2, "box": [...], "text": "..."}]}]
    "regions": [{"kind": "title", "box": [x0, y0, x1, y1], "score": 0.93}]

A spanning cell is one cell (its ``row_span`` / ``col_span``); ``grid()`` flattens it as spreadsheets and
the usual table truth do: its text in the top-left grid cell of the span, the others empty.
"""

from __future__ import annotations

import html as html_escape
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

Box = tuple[float, float, float, float]

# What the layout model (CDLA classes) calls a region, as DocScan names it.
REGION_KINDS = ("text", "title", "figure", "figure_caption", "table", "table_caption", "header", "footer",
                "reference", "equation")


def _box(values: Iterable[float]) -> Box:
    x0, y0, x1, y1 = (float(v) for v in values)
    return (x0, y0, x1, y1)


def _rounded(box: Box) -> list[float]:
    return [round(float(v), 2) for v in box]


@dataclass
class TableCell:
    row: int  # from 0, the top row of the cell
    col: int  # from 0, the left column
    row_span: int = 1
    col_span: int = 1
    box: Box = (0.0, 0.0, 0.0, 0.0)
    text: str = ""

    def to_dict(self) -> dict:
        return {"row": self.row, "col": self.col, "row_span": self.row_span, "col_span": self.col_span,
                "box": _rounded(self.box), "text": self.text}

    @classmethod
    def from_dict(cls, data: dict) -> "TableCell":
        return cls(int(data["row"]), int(data["col"]), int(data.get("row_span", 1)), int(data.get("col_span", 1)),
                   _box(data.get("box", (0, 0, 0, 0))), str(data.get("text", "")))


@dataclass
class Table:
    box: Box
    cells: list[TableCell] = field(default_factory=list)
    ruled: bool = False  # its grid came from the rules printed on the page (else from the structure model)

    @property
    def rows(self) -> int:
        return max((cell.row + cell.row_span for cell in self.cells), default=0)

    @property
    def cols(self) -> int:
        return max((cell.col + cell.col_span for cell in self.cells), default=0)

    def grid(self) -> list[list[str]]:
        """The cells' texts, row by row, ``cols`` each; a spanning cell's text in the top-left cell of its
        span and the rest of the span empty."""
        out = [["" for _ in range(self.cols)] for _ in range(self.rows)]
        for cell in self.cells:
            out[cell.row][cell.col] = cell.text
        return out

    def html(self) -> str:
        """``<table>`` with one ``<tr>`` per row and ``<td>`` per cell, spans as ``rowspan`` / ``colspan``."""
        by_row: dict[int, list[TableCell]] = {}
        for cell in self.cells:
            by_row.setdefault(cell.row, []).append(cell)
        rows = []
        for row in range(self.rows):
            cells = []
            for cell in sorted(by_row.get(row, []), key=lambda c: c.col):
                spans = (f' rowspan="{cell.row_span}"' if cell.row_span > 1 else "") + (
                    f' colspan="{cell.col_span}"' if cell.col_span > 1 else "")
                cells.append(f"<td{spans}>{html_escape.escape(cell.text, quote=False)}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        return "<table>" + "".join(rows) + "</table>"

    def tsv(self) -> str:
        """Tab-separated rows (``grid``), as spreadsheets paste them: tabs and newlines inside a cell become
        spaces."""
        return "\n".join("\t".join(re.sub(r"[\t\r\n]+", " ", text) for text in row) for row in self.grid())

    def to_dict(self) -> dict:
        return {"box": _rounded(self.box), "rows": self.rows, "cols": self.cols, "ruled": self.ruled,
                "html": self.html(), "cells": [cell.to_dict() for cell in self.cells]}

    @classmethod
    def from_dict(cls, data: dict) -> "Table":
        return cls(_box(data["box"]), [TableCell.from_dict(c) for c in data.get("cells", [])],
                   bool(data.get("ruled", False)))


@dataclass
class Region:
    kind: str  # one of REGION_KINDS
    box: Box
    score: float = 1.0

    def to_dict(self) -> dict:
        return {"kind": self.kind, "box": _rounded(self.box), "score": round(float(self.score), 3)}

    @classmethod
    def from_dict(cls, data: dict) -> "Region":
        return cls(str(data["kind"]), _box(data["box"]), float(data.get("score", 1.0)))


def centre_inside(bbox: Box, box: Box, margin: float = 0.0) -> bool:
    """Whether the centre of ``bbox`` lies inside ``box`` (grown by ``margin`` on every side)."""
    cx, cy = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
    return box[0] - margin <= cx <= box[2] + margin and box[1] - margin <= cy <= box[3] + margin


def bounding(points: Iterable[tuple[float, float]]) -> Box:
    """The box around ``points``."""
    xs, ys = zip(*points)
    return (min(xs), min(ys), max(xs), max(ys))


def corners_moved(move_points: Callable[[list[tuple[float, float]]], list[tuple[float, float]]]
                  ) -> Callable[[Box], Box]:
    """A box -> box move made from a move of points (a page turned by hand or found turned): the box
    around where two opposite corners go."""
    return lambda box: bounding(move_points([(box[0], box[1]), (box[2], box[3])]))


def moved_tables(tables: Sequence[Table], move: Callable[[Box], Box]) -> list[Table]:
    """The tables with every box (each table's and its cells') where ``move`` puts it: scaled, shifted or
    turned with its page; the rows and cells stay what they are (a turned table's rows are still its rows)."""
    return [Table(move(t.box), [TableCell(c.row, c.col, c.row_span, c.col_span, move(c.box), c.text)
                                for c in t.cells], t.ruled) for t in tables]


def moved_regions(regions: Sequence[Region], move: Callable[[Box], Box]) -> list[Region]:
    return [Region(r.kind, move(r.box), r.score) for r in regions]
