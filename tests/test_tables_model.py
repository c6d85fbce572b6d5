"""Tables and regions in a page's result: spans flattened, HTML and TSV, JSON round trip, turned pages, and
where a table stands among the page's paragraphs (core.page_structure). No OCR: results built by hand."""

from docscan.core.page_structure import blocks
from docscan.core.results import PageResult, results_from_json, results_to_json, DocumentResult, turn_page_result
from docscan.core.tables import Region, Table, TableCell
from docscan.core.text_line import TextLine


def line(text, x0, y0, x1, y1):
    return TextLine([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], text, 0.99)


def spanning_table():
    # | Name (2 cols)      | Qty |
    # | a        | b       | 3   |
    return Table((100, 200, 400, 260), [
        TableCell(0, 0, 1, 2, (100, 200, 300, 230), "Name"),
        TableCell(0, 2, 1, 1, (300, 200, 400, 230), "Qty"),
        TableCell(1, 0, 1, 1, (100, 230, 200, 260), "a\tx"),
        TableCell(1, 1, 1, 1, (200, 230, 300, 260), "b & c"),
        TableCell(1, 2, 1, 1, (300, 230, 400, 260), "3"),
    ], ruled=True)


def test_grid_flattens_spans_into_the_top_left_cell():
    table = spanning_table()
    assert (table.rows, table.cols) == (2, 3)
    assert table.grid() == [["Name", "", "Qty"], ["a\tx", "b & c", "3"]]
    assert table.tsv() == "Name\t\tQty\na x\tb & c\t3"
    assert table.html() == ('<table><tr><td colspan="2">Name</td><td>Qty</td></tr>'
                            "<tr><td>a\tx</td><td>b &amp; c</td><td>3</td></tr></table>")


def test_tables_and_regions_survive_json():
    page = PageResult(1, 1000, 800, 150.0, [line("Title", 100, 50, 300, 80)], tables=[spanning_table()],
                      regions=[Region("title", (90, 40, 310, 90), 0.91)])
    data = results_to_json([DocumentResult("a.png", [page])])
    saved = data["files"][0]["pages"][0]
    assert saved["tables"][0]["cells"][0] == {"row": 0, "col": 0, "row_span": 1, "col_span": 2,
                                              "box": [100.0, 200.0, 300.0, 230.0], "text": "Name"}
    assert saved["tables"][0]["html"].startswith('<table><tr><td colspan="2">')
    assert saved["regions"] == [{"kind": "title", "box": [90.0, 40.0, 310.0, 90.0], "score": 0.91}]
    back = results_from_json(data)[0].pages[0]
    assert back.tables[0].grid() == spanning_table().grid() and back.tables[0].ruled
    assert back.regions[0].kind == "title"


def test_a_turned_page_turns_its_tables():
    page = PageResult(1, 1000, 800, None, [], tables=[spanning_table()])
    turn_page_result(page, 90)  # clockwise: (x, y) -> (height - y, x)
    assert page.tables[0].box == (540, 100, 600, 400)
    assert page.tables[0].grid()[0] == ["Name", "", "Qty"]


def test_blocks_put_the_table_at_its_place_and_titles_as_headings():
    lines = [line("Annual report", 100, 50, 400, 90),
             line("Some running text above the table, long enough.", 100, 120, 700, 140),
             line("Name", 110, 205, 200, 225), line("Qty", 310, 205, 380, 225),
             line("a", 110, 235, 130, 255), line("b & c", 210, 235, 280, 255), line("3", 310, 235, 330, 255),
             line("Text below the table.", 100, 300, 500, 320)]
    page = PageResult(1, 1000, 800, None, lines, tables=[spanning_table()],
                      regions=[Region("title", (90, 40, 410, 100))])
    kinds = [(b.kind, b.text) for b in blocks(page)]
    assert kinds == [("heading", "Annual report"),
                     ("paragraph", "Some running text above the table, long enough."),
                     ("table", ""), ("paragraph", "Text below the table.")]


def test_a_table_without_lines_of_its_own_comes_by_its_top_edge():
    lines = [line("Above", 100, 100, 200, 120), line("Below", 100, 400, 200, 420)]
    empty = Table((100, 200, 400, 260), [TableCell(0, 0, box=(100, 200, 400, 260))])
    page = PageResult(1, 1000, 800, None, lines, tables=[empty])
    assert [b.kind for b in blocks(page)] == ["paragraph", "table", "paragraph"]
