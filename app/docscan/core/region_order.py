"""Reading order by regions: the layout model's blocks (paragraphs of text, titles, captions, tables,
figures) read as units, ordered among themselves by an XY-cut over their boxes, their lines in the order
``layout.reading_order`` gives them inside each block.

Why units help: a page in columns has a gutter between its blocks that lines alone blur (a caption or an
equation across it, short lines beside a figure); ordering whole blocks, a band of blocks in columns reads
each column top to bottom, and a block across the columns (a title, a wide figure, a table) cuts the page
into bands read one after the other.
"""

from __future__ import annotations

from typing import Sequence

from .layout import _median_height, reading_order, row_order, running_header_and_footer
from .tables import Box
from .text_line import TextLine

UNIT_MARGIN = 0.3  # line heights: a line whose centre is this close to a block's box belongs to it
MIN_COVERED = 0.8  # the blocks must hold this share of the page's lines, else the lines' own order is kept


def _centre_in(line: TextLine, box: Box, margin: float) -> bool:
    x0, y0, x1, y1 = line.bbox
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return box[0] - margin <= cx <= box[2] + margin and box[1] - margin <= cy <= box[3] + margin


def _gaps(spans: list[tuple[float, float]]) -> list[float]:
    """Where empty stretches lie between the covered spans (their middles)."""
    out = []
    spans = sorted(spans)
    end = spans[0][1]
    for start, stop in spans[1:]:
        if start > end:
            out.append((end + start) / 2)
        end = max(end, stop)
    return out


class _Block:
    def __init__(self, lines: list[TextLine], table: bool):
        self.lines = lines
        self.table = table
        self.box = (min(l.bbox[0] for l in lines), min(l.bbox[1] for l in lines),
                    max(l.bbox[2] for l in lines), max(l.bbox[3] for l in lines))

    def ordered(self) -> list[TextLine]:
        return row_order(self.lines) if self.table else reading_order(self.lines)


def _split(blocks: list[_Block], axis: int) -> list[list[_Block]]:
    cuts = _gaps([(b.box[axis], b.box[axis + 2]) for b in blocks])
    parts: list[list[_Block]] = [[] for _ in range(len(cuts) + 1)]
    for block in blocks:
        parts[sum(1 for cut in cuts if block.box[axis] > cut)].append(block)
    return [part for part in parts if part]


def _same_columns(upper: list[_Block], lower: list[_Block]) -> bool:
    """Two bands continue one set of columns: each splits into several columns, and their gutters line up
    (a paragraph break that happens to fall at the same height in every column)."""
    upper_cuts = _gaps([(b.box[0], b.box[2]) for b in upper])
    lower_cuts = _gaps([(b.box[0], b.box[2]) for b in lower])
    if not upper_cuts or not lower_cuts:
        return False
    upper_columns, lower_columns = _split(upper, 0), _split(lower, 0)
    spans = lambda columns: [(min(b.box[0] for b in c), max(b.box[2] for b in c)) for c in columns]  # noqa: E731
    return any(min(a1, b1) > max(a0, b0) and abs(a0 - b0) < 0.2 * (a1 - a0) for a0, a1 in spans(upper_columns)[1:]
               for b0, b1 in spans(lower_columns)[1:])


def _order(blocks: list[_Block], depth: int = 0) -> list[_Block]:
    if len(blocks) <= 1 or depth > 8:
        return sorted(blocks, key=lambda b: (b.box[1], b.box[0]))
    # bands top to bottom; neighbouring bands in the same columns are one region
    regions: list[list[_Block]] = []
    for band in _split(blocks, 1):
        if regions and _same_columns(regions[-1], band):
            regions[-1] = regions[-1] + band
        else:
            regions.append(band)
    out: list[_Block] = []
    for region in regions:
        columns = _split(region, 0)
        if len(columns) > 1:
            for column in columns:
                out.extend(_order(column, depth + 1))
        elif len(region) > 1 and len(regions) > 1:
            out.extend(_order(region, depth + 1))
        else:
            out.extend(sorted(region, key=lambda b: (b.box[1], b.box[0])))
    return out


def reading_order_by_regions(lines: Sequence[TextLine], blocks: Sequence[Box], tables: Sequence[Box] = ()
                             ) -> list[TextLine]:
    """``lines`` in reading order, the lines of each of ``blocks`` (layout regions) and ``tables`` read as a
    unit. A line in no block is a block of its own. A running header first and footer last, text on a photo
    before the footer, as ``layout.reading_order``."""
    lines = list(lines)
    pictures = [l for l in lines if l.on_picture]
    body_lines = [l for l in lines if not l.on_picture]
    if len(body_lines) < 2 or not (blocks or tables):
        return reading_order(lines)
    height = _median_height(body_lines)
    header, body, footer = running_header_and_footer(body_lines, height)
    units = [(box, True) for box in tables] + [(box, False) for box in blocks]
    # each line to the smallest unit that holds it (a caption's line inside a figure's box is the caption's)
    units.sort(key=lambda unit: (not unit[1], (unit[0][2] - unit[0][0]) * (unit[0][3] - unit[0][1])))
    grouped: dict[int, list[TextLine]] = {}
    loose: list[TextLine] = []
    for line in body:
        for number, (box, _table) in enumerate(units):
            if _centre_in(line, box, UNIT_MARGIN * height):
                grouped.setdefault(number, []).append(line)
                break
        else:
            loose.append(line)
    if len(loose) > (1 - MIN_COVERED) * len(body):
        # the model saw little of this page as blocks (a receipt, a form): ordering loose lines as blocks
        # of their own would read a form's labels and values as columns
        return reading_order(lines)
    found = [_Block(members, units[number][1]) for number, members in grouped.items()]
    found += [_Block([line], False) for line in loose]
    ordered = [line for block in _order(found) for line in block.ordered()]
    return row_order(header) + ordered + row_order(pictures) + row_order(footer)
