"""Layout analysis of recognised lines: reading order (columns, rows, vertical CJK writing), paragraphs and
table-like rows for the exports, running headers and footers. Works on lines alone (their boxes and text),
never on pixels."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from .text_line import TextLine

def is_cjk_script(char: str) -> bool:
    """Han, kana or hangul: letters of a CJK script (not the full-width punctuation the Chinese
    recogniser also gives Latin text, as in "Qty（s）")."""
    code = ord(char)
    return (0x2E80 <= code <= 0x2FFF or 0x3040 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF
            or 0xAC00 <= code <= 0xD7AF or 0x20000 <= code <= 0x2FFFF)


def is_cjk(char: str) -> bool:
    """A CJK letter or CJK/full-width punctuation: text that is not spaced like Latin text."""
    code = ord(char)
    return is_cjk_script(char) or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF


# A line at least this many times as tall as wide is read as a vertical line: PaddleX's cropper (CropByPolys,
# the one both pipelines use) turns such a crop a quarter turn counter-clockwise before recognition, so its
# text comes out top to bottom; with at least VERTICAL_MIN_CJK CJK characters it is vertical writing (CJK
# characters are about square: a horizontal line of two is twice as wide as tall). A Latin word set sideways
# (a spine, a margin note turned 90 degrees) is not: it is read along its baseline, not top to bottom.
VERTICAL_RATIO = 1.5
VERTICAL_MIN_CJK = 2


def is_vertical(line: TextLine) -> bool:
    """A line of vertical CJK writing: clearly taller than wide, holding several CJK characters."""
    x0, y0, x1, y1 = line.bbox
    return (y1 - y0 >= VERTICAL_RATIO * max(1.0, x1 - x0)
            and sum(is_cjk_script(c) for c in line.text) >= VERTICAL_MIN_CJK)


def _turned(line: TextLine) -> TextLine:
    """The line with its box turned a quarter turn counter-clockwise ((x, y) -> (y, -x)), as the recogniser
    turns a vertical line's crop: vertical writing, so turned, is horizontal writing (a column's top is a
    line's start, the rightmost column the top line), and the rules for horizontal text apply to it."""
    x0, y0, x1, y1 = line.bbox
    return TextLine([(y0, -x1), (y1, -x1), (y1, -x0), (y0, -x0)], line.text, line.confidence)


@dataclass
class Paragraph:
    text: str
    new_block: bool  # separated from what comes before by a vertical gap (or a move to another column)
    lines: list[int] = field(default_factory=list)  # indices of its lines in the list given to paragraphs()
    # "paragraph" (running text), "row" (the cells of a table, form or receipt row), or "header" / "footer"
    # (a running header or footer: the page's first or last row, set apart; see running_header_and_footer),
    # or "picture" (text on a photo, read after the page's text: core/pictures.py)
    kind: str = "paragraph"

    def box(self, lines: Sequence[TextLine]) -> list[float]:
        """[x0, y0, x1, y1] around its lines (``lines``: the list paragraphs() was given)."""
        boxes = [lines[i].bbox for i in self.lines]
        return [round(float(v), 2) for v in (min(b[0] for b in boxes), min(b[1] for b in boxes),
                                             max(b[2] for b in boxes), max(b[3] for b in boxes))]


def paragraphs(lines: Sequence[TextLine]) -> list[Paragraph]:
    """Lines (in reading order) joined into paragraphs, for text and Markdown exports.

    A line continues the previous one when it starts just below it (a gap under 0.6 line heights), in the
    same column (left edges within two line heights, boxes overlapping sideways), at a similar size, and
    the previous line is long (≥ 12 characters) and reaches near the right edge of the pair: a wrapped
    line, not a list item, a table row or a label. A line indented by about an em under a paragraph of two
    or more lines starts a new paragraph (a first-line indent, as Chinese text and books set them); under
    a paragraph's first line it continues it (a list item's hanging indent). Joining: a space between Latin
    words; nothing between Chinese characters; a hyphen at a line end is dropped when a lower-case letter
    follows (a word broken by hyphenation, "infor-" + "mation").

    Lines that share a row (a form's label and value, a receipt's item and price, a table's cells: reading
    order keeps those regions row by row) are joined on one line, ROW_SEPARATOR apart ("TOTAL  RM 86.00");
    columns of running text are read one after the other, so their lines never meet in a row.

    Vertical writing (``is_vertical``) follows the same rules turned a quarter: a column continues the
    previous one when it starts at the same height just to its left and the previous one runs to the bottom."""
    out: list[Paragraph] = []
    previous: TextLine | None = None
    lines_in_paragraph = 0
    # the same header and footer reading_order() found (it leaves text on a photo out of that too)
    header, _, footer = running_header_and_footer([l for l in lines if not l.on_picture])
    margin = ({id(l): "header" for l in header} | {id(l): "footer" for l in footer}
              | {id(l): "picture" for l in lines if l.on_picture})
    for index, line in enumerate(lines):
        text = line.text.strip()
        if not text:
            continue
        if previous is not None and margin.get(id(previous)) != margin.get(id(line)):
            previous = None  # a running header or footer, or text on a photo, is never joined with the text
        # two vertical lines are compared turned a quarter (_turned), as horizontal lines: a column that runs
        # on into the next one to its left continues a paragraph, one set lower starts one (an indent)
        before, this = ((_turned(previous), _turned(line)) if previous is not None and is_vertical(previous)
                        and is_vertical(line) else (previous, line))
        if previous is not None and out and _same_row(before, this):
            out[-1].text += ROW_SEPARATOR + text
            out[-1].kind = "row" if out[-1].kind == "paragraph" else out[-1].kind
            out[-1].lines.append(index)
        elif (previous is not None and out and _continues(before, this)
                and not (lines_in_paragraph >= 2 and _indented(before, this))):
            lines_in_paragraph += 1
            out[-1].lines.append(index)
            joined = out[-1].text
            if len(joined) >= 2 and joined.endswith("-") and joined[-2].isalpha() and text[0].islower():
                out[-1].text = joined[:-1] + text
            elif is_cjk(joined[-1]) and is_cjk(text[0]):
                out[-1].text = joined + text
            else:
                out[-1].text = joined + " " + text
        else:
            out.append(Paragraph(text, bool(out) and (previous is None or _new_block(before, this)), [index],
                                 margin.get(id(line), "paragraph")))
            lines_in_paragraph = 1
        previous = line
    return out


ROW_SEPARATOR = "  "  # between the cells of a row in txt/md: more than a word space, so the cells stay apart


def _same_row(previous: TextLine, line: TextLine) -> bool:
    """``line`` is the next cell of ``previous``'s row: its vertical centre within half a line height of
    ``previous``'s, and it starts right of where ``previous`` ends."""
    px0, py0, px1, py1 = previous.bbox
    x0, y0, x1, y1 = line.bbox
    height = min(max(1.0, py1 - py0), max(1.0, y1 - y0))
    return abs((y0 + y1) / 2 - (py0 + py1) / 2) < 0.5 * height and x0 >= px1 - 0.2 * height


def _indented(previous: TextLine, line: TextLine) -> bool:
    """``line`` starts at least about an em (0.8 line heights) right of ``previous``."""
    return line.bbox[0] - previous.bbox[0] >= 0.8 * max(1.0, previous.bbox[3] - previous.bbox[1])


def _new_block(previous: TextLine, line: TextLine) -> bool:
    """A blank line's worth of space above ``line``, or ``line`` starts higher up (a new column)."""
    prev_height = max(1.0, previous.bbox[3] - previous.bbox[1])
    gap = line.bbox[1] - previous.bbox[3]
    return gap > 0.8 * prev_height or line.bbox[3] < previous.bbox[1]


def _continues(previous: TextLine, line: TextLine) -> bool:
    px0, py0, px1, py1 = previous.bbox
    x0, y0, x1, y1 = line.bbox
    height, prev_height = max(1.0, y1 - y0), max(1.0, py1 - py0)
    if not 0.75 <= height / prev_height <= 1.33:
        return False
    gap = y0 - py1
    if gap < -0.3 * prev_height or gap > 0.6 * prev_height:
        return False
    if abs(x0 - px0) > 2 * prev_height or min(x1, px1) - max(x0, px0) <= 0:
        return False
    if len(previous.text.strip()) < 12:
        return False
    return px1 >= max(px1, x1) - 1.5 * prev_height


def row_order(lines: Sequence[TextLine]) -> list[TextLine]:
    """Top to bottom, and left to right within a row: lines whose vertical centres lie within half a line
    height of each other form a row (a table row, a label and its value)."""
    items = sorted(lines, key=lambda line: (line.bbox[1] + line.bbox[3]) / 2)
    rows: list[list[TextLine]] = []
    row_centre = row_height = row_top = row_bottom = 0.0
    for line in items:
        x0, y0, x1, y1 = line.bbox
        centre, height = (y0 + y1) / 2, max(1.0, y1 - y0)
        if rows and (abs(centre - row_centre) < 0.5 * min(height, row_height)
                     or _inside_row(y0, y1, row_top, row_bottom)):
            rows[-1].append(line)
        else:
            rows.append([line])
            row_centre, row_height, row_top, row_bottom = centre, height, y0, y1
    return [line for row in rows for line in sorted(row, key=lambda line: line.bbox[0])]


def _inside_row(top: float, bottom: float, row_top: float, row_bottom: float) -> bool:
    """One box lies within the other's height, the taller at most 2.5 times the shorter: a large initial
    or number beside a title ("2" beside "Unit" and "Poems"), whose centres differ by more than half a
    line."""
    height, row_height = max(1.0, bottom - top), max(1.0, row_bottom - row_top)
    inner, outer = sorted(((top, bottom), (row_top, row_bottom)), key=lambda span: span[1] - span[0])
    return (max(height, row_height) <= 2.5 * min(height, row_height)
            and inner[0] >= outer[0] - 0.1 * (inner[1] - inner[0]) and inner[1] <= outer[1] + 0.1 * (inner[1] - inner[0]))


# Columns are read one after the other only when both sides look like running text: at least this many
# lines, of at least this many characters on average, most of them filling the column's width (typeset
# text is justified or nearly). Tables, forms and receipts (cells of varying width side by side) keep row
# order, which is how a person reads them.
COLUMN_MIN_LINES = 3
COLUMN_MIN_CHARS = 12
COLUMN_FILL = 0.75
COLUMN_LONG = 15  # columns this long (a newspaper's) are text even where their lines happen to share rows
# Two columns of at least COLUMN_LONG lines whose widths differ by less than this are read as the two halves
# of a page when fewer than HALVES_SHARED_ROWS of the shorter one's lines share a row with the other (a
# worksheet: 0.33 to 0.55; a receipt printed in two equal halves: 0.71; docs/adr/0004).
HALVES_WIDTH = 0.85
HALVES_SHARED_ROWS = 0.6
# A gutter is any vertical strip this many median line heights wide that no line crosses. Detected boxes are
# grown around the ink (the detector's unclip), so a newspaper's one-em gutter shows as about half a box
# height between boxes; whether the sides are read as columns is decided by _are_text_columns, not by the
# gutter's width (measured in docs/adr/0004: any width from 0.1 to 0.45 gives the same order on the set).
GUTTER_MIN = 0.4


def _gaps(intervals: list[tuple[float, float]], min_gap: float) -> list[tuple[float, float]]:
    """Empty stretches of at least ``min_gap`` between the covered intervals (sorted, merged)."""
    out = []
    intervals = sorted(intervals)
    end = intervals[0][1]
    for start, stop in intervals[1:]:
        if start - end >= min_gap:
            out.append((end, start))
        end = max(end, stop)
    return out


def _split(lines: list[TextLine], axis: int, at: list[tuple[float, float]]) -> list[list[TextLine]]:
    parts: list[list[TextLine]] = [[] for _ in range(len(at) + 1)]
    for line in lines:
        low = line.bbox[axis]
        parts[sum(1 for gap_start, _ in at if low >= gap_start)].append(line)
    return [part for part in parts if part]


def _fills_its_width(column: list[TextLine]) -> bool:
    left, right = min(l.bbox[0] for l in column), max(l.bbox[2] for l in column)
    widths = sorted(l.bbox[2] - l.bbox[0] for l in column)
    return widths[len(widths) // 2] >= COLUMN_FILL * (right - left)


def _aligned_share(left: list[TextLine], right: list[TextLine], line_height: float) -> float:
    """Share of the shorter column's lines that have a line of the other column on the same row."""
    fewer, more = sorted((left, right), key=len)
    centres = sorted((l.bbox[1] + l.bbox[3]) / 2 for l in more)
    import bisect

    aligned = 0
    for line in fewer:
        centre = (line.bbox[1] + line.bbox[3]) / 2
        i = bisect.bisect_left(centres, centre - 0.25 * line_height)
        aligned += i < len(centres) and centres[i] <= centre + 0.25 * line_height
    return aligned / len(fewer)


def _are_text_columns(columns: list[list[TextLine]], line_height: float) -> bool:
    """Columns of running text, not the columns of a table: each has enough text, and either every column
    is filled like typeset text, or each is long, or their lines do not sit on shared rows (a table's do).
    Two long columns of about the same width with few shared rows are a page set in two columns even where
    their lines are short (a worksheet's questions and answer choices)."""
    if _page_halves(columns, line_height):
        return True
    if not all(len(c) >= COLUMN_MIN_LINES and sum(len(l.text) for l in c) / len(c) >= COLUMN_MIN_CHARS
               for c in columns):
        return False
    if all(_fills_its_width(c) for c in columns) or all(len(c) >= COLUMN_LONG for c in columns):
        return True
    return all(_aligned_share(a, b, line_height) < 0.5 for a, b in zip(columns, columns[1:]))


def _page_halves(columns: list[list[TextLine]], line_height: float) -> bool:
    if len(columns) != 2 or not all(len(c) >= COLUMN_LONG for c in columns):
        return False
    widths = [max(l.bbox[2] for l in c) - min(l.bbox[0] for l in c) for c in columns]
    return min(widths) >= HALVES_WIDTH * max(widths) and _aligned_share(*columns, line_height) < HALVES_SHARED_ROWS


def _is_vertical_group(lines: Sequence[TextLine]) -> bool:
    """Most of its lines are vertical writing: a band or column of vertical text (a stray fragment in it, one
    character or a number set across a column, does not make it horizontal)."""
    return 2 * sum(is_vertical(l) for l in lines) > len(lines)


def _rows(lines: Sequence[TextLine]) -> list[TextLine]:
    """Row order; a group of vertical writing the same way turned a quarter (``_turned``): its columns right
    to left, each top to bottom (the rightmost column, a vertical page's title, first)."""
    if not _is_vertical_group(lines):
        return row_order(lines)
    turned = [_turned(l) for l in lines]
    back = {id(t): l for t, l in zip(turned, lines)}
    return [back[id(t)] for t in row_order(turned)]


def _column_order(lines: list[TextLine], line_height: float, depth: int) -> list[TextLine]:
    if len(lines) < 2 * COLUMN_MIN_LINES or depth > 6:
        return _rows(lines)
    # Bands: stretches of the page separated by an empty horizontal strip.
    bands = _split(lines, 1, _gaps([(l.bbox[1], l.bbox[3]) for l in lines], 0.01))
    # Neighbouring bands whose gutters line up are one multi-column region (paragraph breaks in columns).
    # A band of vertical writing stays a region of its own: its gaps are between its lines, not columns of
    # text (vertical text set in tiers, as newspapers set it, is read tier by tier).
    regions: list[list[TextLine]] = []
    for band in bands:
        if (regions and not _is_vertical_group(band) and not _is_vertical_group(regions[-1])
                and _shared_gutter(regions[-1], band, line_height)):
            regions[-1] = regions[-1] + band
        else:
            regions.append(band)
    ordered: list[TextLine] = []
    for region in regions:
        if _is_vertical_group(region):
            ordered.extend(_rows(region))
            continue
        gutters = _gaps([(l.bbox[0], l.bbox[2]) for l in region], GUTTER_MIN * line_height)
        columns = _split(region, 0, gutters) if gutters else [region]
        if len(columns) > 1 and any(_is_vertical_group(c) for c in columns):
            ordered.extend(_beside_vertical_blocks(columns, line_height, depth))
        elif len(columns) > 1 and _are_text_columns(columns, line_height):
            for column in columns:
                ordered.extend(_column_order(column, line_height, depth + 1))
        else:
            ordered.extend(row_order(region))
    return ordered


def _beside_vertical_blocks(columns: list[list[TextLine]], line_height: float, depth: int) -> list[TextLine]:
    """A region of horizontal text with blocks of vertical writing beside it (a vertical headline, a
    caption), split at gutters into ``columns``. The blocks are read first, right to left (vertical writing
    among horizontal text is display text: a headline beside its article, a label), then the rest as a
    region of its own: a one-line vertical headline taken for a column would fail the running-text tests
    and put the columns beside it in rows."""
    blocks = [column for column in columns if _is_vertical_group(column)]
    rest = [line for column in columns if not _is_vertical_group(column) for line in column]
    ordered = [line for block in reversed(blocks) for line in _rows(block)]
    return ordered + _column_order(rest, line_height, depth + 1)


def _shared_gutter(upper: list[TextLine], lower: list[TextLine], line_height: float) -> bool:
    """``lower`` continues ``upper``'s columns: their gutters overlap, or one of them has none (a column's
    paragraph that ends lower than its neighbour's, one line of one column) and crosses none of the
    other's."""
    minimum = GUTTER_MIN * line_height
    upper_gutters = _gaps([(l.bbox[0], l.bbox[2]) for l in upper], minimum)
    lower_gutters = _gaps([(l.bbox[0], l.bbox[2]) for l in lower], minimum)
    if any(min(a1, b1) - max(a0, b0) >= minimum for a0, a1 in upper_gutters for b0, b1 in lower_gutters):
        return True
    for gutters, band, band_gutters in ((upper_gutters, lower, lower_gutters), (lower_gutters, upper, upper_gutters)):
        if gutters and not band_gutters and not any(
                l.bbox[0] < g1 - minimum / 2 and l.bbox[2] > g0 + minimum / 2 for l in band for g0, g1 in gutters):
            return True
    return False


def reading_order(lines: Sequence[TextLine]) -> list[TextLine]:
    """Lines in the order a person reads them: regions top to bottom; within a region of running-text
    columns, each column top to bottom, left to right; elsewhere (tables, forms, receipts, single-column
    text) rows top to bottom, left to right. A running header comes first and a footer last, text on a photo
    just before the footer. A recursive XY-cut over the line boxes (docs/adr/0004)."""
    lines = list(lines)
    pictures = [l for l in lines if l.on_picture]
    lines = [l for l in lines if not l.on_picture]
    if len(lines) < 2:
        return lines + _rows(pictures)
    line_height = _median_height(lines)
    header, body, footer = running_header_and_footer(lines, line_height)
    return _rows(header) + _column_order(body, line_height, 0) + _rows(pictures) + _rows(footer)


def _median_height(lines: Sequence[TextLine]) -> float:
    """The median line height: the text's size (a vertical line's is its width)."""
    heights = sorted(l.bbox[2] - l.bbox[0] if is_vertical(l) else l.bbox[3] - l.bbox[1] for l in lines)
    return max(1.0, heights[len(heights) // 2]) if heights else 1.0


# A running header or footer: the page's first or last band of text, one row at most this many line heights
# tall, set off from the text by a gap of at least MARGIN_GAP line heights ("Journal of …   Page 12").
MARGIN_ROW = 1.6
MARGIN_GAP = 1.5


def running_header_and_footer(lines: Sequence[TextLine], line_height: float | None = None
                              ) -> tuple[list[TextLine], list[TextLine], list[TextLine]]:
    """(header, body, footer): a running header and footer are read before and after the page's text and
    kept out of its columns (a page number beside the last line of the right column was read as a third
    column, the header's halves with each column)."""
    lines = list(lines)
    if len(lines) < 4:
        return [], lines, []
    line_height = line_height or _median_height(lines)
    bands = _split(lines, 1, _gaps([(l.bbox[1], l.bbox[3]) for l in lines], MARGIN_GAP * line_height))
    if len(bands) < 2:
        return [], lines, []

    def is_margin(band: list[TextLine]) -> bool:
        top, bottom = min(l.bbox[1] for l in band), max(l.bbox[3] for l in band)
        return len(band) <= 4 and bottom - top <= MARGIN_ROW * max(line_height, _median_height(band))

    header = bands[0] if is_margin(bands[0]) else []
    footer = bands[-1] if is_margin(bands[-1]) and len(bands) > (2 if header else 1) else []
    body = [l for band in bands[(1 if header else 0):(len(bands) - 1 if footer else len(bands))] for l in band]
    return header, body, footer
