"""Tables found on real pixels: a ruled table with a spanning header and a table without rules, typeset,
rendered at 150 dpi and recognised with the real models; their cells come out in the page's result and its
JSON. The grid reading (rules, open sides, stacked numbers) and the text grid are also checked without OCR."""

from __future__ import annotations

import numpy as np
import pymupdf
import pytest
from PIL import Image

from docscan.core.documents import open_document
from docscan.core.document_run import run_document
from docscan.core.results import results_from_json, results_to_json
from docscan.core.table_finder import TableStructure, _cells_of_tokens, ruled_grids, text_grid
from docscan.core.text_line import TextLine

from helpers import as_bgr

RULED = [["Item", "Warehouse", "", "Price"], ["", "North", "South", ""], ["Bolts", "1,250", "980", "0.12"],
         ["Washers", "4,400", "3,150", "0.03"], ["Hinges", "310", "95", "2.40"]]
UNRULED = [["Code", "Colour", "Stock"], ["A-10", "Red", "12"], ["B-20", "Blue", "7"], ["C-30", "Green", "45"]]


def table_page(path) -> Image.Image:
    """A page with a title, a sentence, a ruled table ('Warehouse' over two columns, 'Item' and 'Price'
    over two rows) and a table without rules; saved as a PNG at ``path`` and returned."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((60, 70), "Stock report", fontname="hebo", fontsize=20)
    page.insert_text((60, 105), "Counted on the last working day of the month.", fontname="helv", fontsize=11)
    xs, ys = [60, 170, 260, 350, 440], [130, 152, 174, 196, 218, 240]
    for x in xs:
        page.draw_line((x, ys[0]), (x, ys[-1]), width=0.8)
    for y in ys:
        page.draw_line((xs[0], y), (xs[-1], y), width=0.8)
    # the spans: cover the rules that are not printed with white
    page.draw_rect(pymupdf.Rect(xs[0] + 1, ys[1] - 1, xs[1] - 1, ys[1] + 1), color=(1, 1, 1), fill=(1, 1, 1))
    page.draw_rect(pymupdf.Rect(xs[3] + 1, ys[1] - 1, xs[4] - 1, ys[1] + 1), color=(1, 1, 1), fill=(1, 1, 1))
    page.draw_rect(pymupdf.Rect(xs[2] - 1, ys[0] + 1, xs[2] + 1, ys[1] - 1), color=(1, 1, 1), fill=(1, 1, 1))
    places = {(0, 0): (0, 1), (0, 1): (0, 0), (0, 3): (0, 1)}  # (row, col) -> rows down, 0 = own row
    for r, row in enumerate(RULED):
        for c, text in enumerate(row):
            if text:
                down = places.get((r, c), (0, 0))[0]
                y = (ys[r] + ys[r + 1 + down]) / 2 + 4
                page.insert_text((xs[c] + 6, y), text, fontname="helv", fontsize=11)
    for r, row in enumerate(UNRULED):
        for c, text in enumerate(row):
            page.insert_text((60 + c * 120, 320 + r * 22), text, fontname="helv", fontsize=11)
    pixmap = page.get_pixmap(dpi=150, alpha=False)
    image = Image.frombytes("RGB", (pixmap.width, pixmap.height), pixmap.samples)
    image.save(path)
    return image


def test_ruled_grid_is_read_off_its_rules_with_spans(tmp_path):
    grids = ruled_grids(as_bgr(table_page(tmp_path / "page.png")))
    assert len(grids) == 1
    cells = {(c.row, c.col): (c.row_span, c.col_span) for c in grids[0].cells}
    assert cells[(0, 0)] == (2, 1) and cells[(0, 1)] == (1, 2) and cells[(0, 3)] == (2, 1)
    assert cells[(1, 1)] == (1, 1) and cells[(4, 3)] == (1, 1) and len(cells) == 3 + 2 + 3 * 4


def test_an_open_sided_table_gets_its_outer_columns():
    image = np.full((300, 600, 3), 255, np.uint8)
    for y in (50, 100, 150, 200):
        image[y:y + 2, 40:560] = 0  # rules right across
    for x in (200, 400):
        image[50:202, x:x + 2] = 0  # but vertical rules only inside
    (grid,) = ruled_grids(image)
    assert max(c.col + c.col_span for c in grid.cells) == 3 and max(c.row + c.row_span for c in grid.cells) == 3
    assert grid.box[0] < 45 and grid.box[2] > 555


def line(text, x0, y0, x1, y1):
    return TextLine([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], text, 0.99)


def test_text_grid_columns_where_the_gaps_run_down_and_a_heading_spans():
    lines = [line("Summary of the year", 100, 100, 400, 120),
             line("Name", 100, 130, 160, 150), line("Qty", 300, 130, 340, 150), line("Price", 500, 130, 560, 150)]
    for row in range(10):  # one heading across a gap among 11 rows: the gap still runs down the table
        y = 160 + 30 * row
        lines += [line(f"Fruit {row}", 100, y, 180, y + 20), line(str(row), 300, y, 312, y + 20),
                  line("1.20", 500, y, 550, y + 20)]
    cells = text_grid((90, 90, 600, 470), lines)
    assert max(c.col + c.col_span for c in cells) == 3
    heading = [c for c in cells if c.row == 0]
    assert len(heading) == 2 and heading[0].col_span == 2  # across the first gap only, then the empty last column


def test_structure_tokens_place_spanning_cells():
    tokens = ["<tr>", "<td", ' rowspan="2"', ">", "</td>", "<td", ' colspan="2"', ">", "</td>", "</tr>",
              "<tr>", "<td></td>", "<td></td>", "</tr>"]
    cells = _cells_of_tokens(tokens, [(0, 0, 1, 1)] * 4)
    assert [(c.row, c.col, c.row_span, c.col_span) for c in cells] == [(0, 0, 2, 1), (0, 1, 1, 2), (1, 1, 1, 1),
                                                                         (1, 2, 1, 1)]


@pytest.mark.slow
def test_tables_on_a_rendered_page_come_out_with_their_cells(tmp_path, engine):
    table_page(tmp_path / "page.png")
    with open_document(tmp_path / "page.png") as document:
        result = run_document(document, engine)
    page = result.pages[0]
    assert len(page.tables) == 2, [t.grid() for t in page.tables]
    ruled, unruled = page.tables
    assert ruled.ruled and not unruled.ruled
    assert ruled.grid() == RULED
    assert unruled.grid() == UNRULED
    assert "colspan=\"2\"" in ruled.html() and "rowspan=\"2\"" in ruled.html()
    # the title is a title region; JSON keeps the cells
    assert any(r.kind == "title" for r in page.regions)
    back = results_from_json(results_to_json([result]))[0].pages[0]
    assert [t.grid() for t in back.tables] == [RULED, UNRULED]


@pytest.mark.slow
def test_a_page_scanned_sideways_has_its_tables_where_they_are_shown(tmp_path, engine):
    """The engine turns a sideways page upright to read it; its tables come back on the page as shown,
    each cell's box around the line read in it."""
    sideways = table_page(tmp_path / "page.png").rotate(90, expand=True)
    page, degrees = engine.recognize_image(sideways)
    assert degrees == 270 and [t.grid() for t in page.tables] == [RULED, UNRULED]
    bolts = next(line for line in page.lines if line.text == "Bolts")
    cell = next(c for c in page.tables[0].cells if c.text == "Bolts")
    x0, y0, x1, y1 = bolts.bbox
    assert cell.box[0] <= x0 and cell.box[1] <= y0 and x1 <= cell.box[2] and y1 <= cell.box[3]
    assert all(0 <= t.box[0] < t.box[2] <= sideways.width and 0 <= t.box[1] < t.box[3] <= sideways.height
               for t in page.tables)


def test_slanet_reads_a_table_crop_with_its_spans(tmp_path, store):
    """SLANet-plus (the table structure model, for a table whose text shows no columns), on the real
    model: the ruled table's crop comes back as 5 rows of 4 columns with its three spanning header cells."""
    image = as_bgr(table_page(tmp_path / "page.png"))
    structure = TableStructure(store.require("SLANet_plus", ["onnx"]).path / "inference.onnx")
    cells = structure.cells(image[255:510, 110:930])
    assert max(c.row + c.row_span for c in cells) == 5 and max(c.col + c.col_span for c in cells) == 4
    spans = {(c.row, c.col): (c.row_span, c.col_span) for c in cells}
    assert spans[(0, 0)] == (2, 1) and spans[(0, 1)] == (1, 2) and spans[(0, 3)] == (2, 1)
    assert all(0 <= c.box[0] < c.box[2] <= 820 and 0 <= c.box[1] < c.box[3] <= 255 for c in cells)
