"""Reading order, JSON round trip and the text/Markdown/JSON exports."""

from __future__ import annotations

import json

import pytest

from docscan.core.atomic_files import write_atomically
from docscan.core.formats import render, to_markdown, to_text
from docscan.core.results import DocumentResult, PageResult, TextLine, results_from_json, results_to_json
from docscan.core.layout import reading_order


def line(text, x0, y0, x1, y1, confidence=0.9):
    return TextLine([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], text, confidence)


def test_reading_order_rows_top_to_bottom_then_left_to_right():
    lines = [line("total", 300, 102, 400, 120), line("body", 10, 200, 300, 220),
             line("label", 10, 100, 100, 121), line("title", 10, 10, 300, 40)]
    assert [l.text for l in reading_order(lines)] == ["title", "label", "total", "body"]


def test_reading_order_keeps_separate_rows_apart():
    # Two lines whose centres are more than half a line height apart are two rows, whatever their x.
    lines = [line("second", 0, 30, 100, 50), line("first", 200, 0, 300, 20)]
    assert [l.text for l in reading_order(lines)] == ["first", "second"]


def sample_results():
    page1 = PageResult(1, 100, 200, 150, [line("Hello", 1, 2, 30, 12, 0.98765), line("# not a heading *", 1, 20, 30, 30)], 1.23456)
    page2 = PageResult(2, 100, 200, 150, [], 0.5, error="page 2 cannot be rendered")
    return [DocumentResult("scan.pdf", [page1, page2], models={"det": "PP-OCRv4_mobile_det"}),
            DocumentResult("gone.png", error="gone.png does not exist.")]


def test_json_round_trip():
    data = json.loads(render(sample_results(), "json"))
    again = results_from_json(data)
    assert results_to_json(again) == data
    assert data["files"][0]["pages"][0]["lines"][0] == {"text": "Hello", "confidence": 0.9877,
                                                         "box": [[1.0, 2.0], [30.0, 2.0], [30.0, 12.0], [1.0, 12.0]],
                                                         "review": False, "review_reasons": []}
    assert data["files"][1] == {"path": "gone.png", "error": "gone.png does not exist.", "pages": [], "warnings": []}


def test_json_keeps_text_that_looks_like_json():
    tricky = DocumentResult("x.png", [PageResult(1, 10, 10, None, [line('[\n 1,\n 2\n] "quoted"', 0, 0, 5, 5)])])
    assert json.loads(render([tricky], "json"))["files"][0]["pages"][0]["lines"][0]["text"] == '[\n 1,\n 2\n] "quoted"'


def test_text_export():
    text = to_text(sample_results()[:1])
    assert text == "Hello\n# not a heading *\n\f\n"
    both = to_text(sample_results())
    assert both.startswith("==> scan.pdf <==\nHello") and "==> gone.png <==" in both


def test_text_export_has_a_form_feed_between_every_two_pages_also_of_two_files():
    """A txt export's pages are what lies between form feeds (as pdftotext writes), when several files
    are in one export too (``docscan ocr a.png b.pdf -o all.txt``; issue 24 item 13)."""
    letter = DocumentResult("letter.pdf", [PageResult(1, 100, 200, 150, [line("Dear reader", 1, 2, 30, 12)]),
                                           PageResult(2, 100, 200, 150, [line("Kind regards", 1, 2, 30, 12)])])
    note = DocumentResult("note.png", [PageResult(1, 100, 200, None, [line("Remember the milk", 1, 2, 30, 12)])])
    pages = to_text([letter, note]).split("\f")
    assert [[row for row in page.splitlines() if row] for page in pages] == [
        ["==> letter.pdf <==", "Dear reader"], ["Kind regards"], ["==> note.png <==", "Remember the milk"]]


def test_markdown_export_escapes_and_reports_errors():
    md = to_markdown(sample_results())
    assert md.startswith("# scan.pdf\n")
    assert "## Page 1" in md and "\\# not a heading \\*" in md
    assert "*Page not recognised: page 2 cannot be rendered*" in md
    assert "*Could not be read: gone.png does not exist.*" in md


def test_markdown_escapes_list_markers_where_markdown_would_see_them():
    from docscan.core.formats import markdown_escape as _markdown_escape

    assert _markdown_escape("1. First item") == "1\\. First item"  # else a numbered list
    assert _markdown_escape("12) Twelfth") == "12\\) Twelfth"
    assert _markdown_escape("9.53万吨、产值75亿元") == "9.53万吨、产值75亿元"  # an amount, not a list
    assert _markdown_escape("- 0.01") == "\\- 0.01"
    assert "\\9" not in _markdown_escape("9. 53")  # a backslash before a digit would be shown


def test_write_atomically_replaces_whole_files(tmp_path):
    target = tmp_path / "out.txt"
    write_atomically(target, "first")
    write_atomically(target, "second")
    assert target.read_text() == "second"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_every_format_is_written_through_the_registry_as_it_renders(tmp_path):
    """One entry point for every format: a text format's file is its ``render`` text, byte for byte; a
    format made from the source document refuses results without one."""
    from docscan.core import formats

    results = sample_results()
    for name, fmt in formats.FORMATS.items():
        assert formats.OUTPUT_SUFFIXES[name] == fmt.suffix and fmt.title
        if fmt.needs_source:
            with pytest.raises(ValueError):
                formats.write(name, results, tmp_path / ("all" + fmt.suffix))
            continue
        if name == "csv":  # tables only, and these results have none: said, nothing written
            with pytest.raises(formats.NothingToExport, match="no table"):
                formats.write(name, results, tmp_path / ("all" + fmt.suffix))
            assert not (tmp_path / ("all" + fmt.suffix)).exists()
            continue
        target = formats.write(name, results, tmp_path / ("all" + fmt.suffix))
        if not fmt.is_text:  # xlsx, docx: zip files (read back in test_table_exports.py)
            assert target.read_bytes()[:2] == b"PK"
            continue
        assert target.read_bytes() == render(results, name).encode("utf-8", "backslashreplace")
        with formats.writer(name) as out:
            for result in results:
                out.add(result)
            out.save(tmp_path / ("one by one" + fmt.suffix))
        assert (tmp_path / ("one by one" + fmt.suffix)).read_bytes() == target.read_bytes()


def test_an_output_onto_an_input_is_refused_also_through_a_link(tmp_path):
    from docscan.core.output_files import InputGuard, refuse_outputs_onto_inputs

    scan = tmp_path / "scan.png"
    scan.write_bytes(b"not really a PNG")
    (tmp_path / "link.txt").symlink_to(scan)
    guard = InputGuard([str(scan)])
    assert guard.input_at(tmp_path / "link.txt") == str(scan) and guard.input_at(tmp_path / "other.txt") is None
    with pytest.raises(ValueError) as refused:
        refuse_outputs_onto_inputs([(str(scan), None)], [(tmp_path / "link.txt", "")])
    assert str(refused.value) == (f"-o: writing {tmp_path / 'link.txt'} would replace the input {scan}, which "
                                  "DocScan is reading. Choose another output name or folder.")


def column_page():
    """A heading across the page, then two columns of running text with a paragraph break in each."""
    lines = [line("A heading that spans both columns of the page", 10, 10, 600, 30)]
    for i in range(4):
        lines.append(line(f"left column line {i} with running text", 10, 50 + 25 * i, 290, 70 + 25 * i))
        lines.append(line(f"right column line {i} with running text", 320, 52 + 25 * i, 600, 72 + 25 * i))
    for i in range(4, 7):  # after a paragraph break at the same height in both columns
        lines.append(line(f"left column line {i} with running text", 10, 80 + 25 * i, 290, 100 + 25 * i))
        lines.append(line(f"right column line {i} with running text", 320, 82 + 25 * i, 600, 102 + 25 * i))
    lines.append(line("A footer across the whole page, below both columns", 10, 300, 600, 320))
    return lines


def test_two_columns_are_read_column_by_column():
    texts = [l.text for l in reading_order(column_page())]
    assert texts[0].startswith("A heading") and texts[-1].startswith("A footer")
    assert texts[1:8] == [f"left column line {i} with running text" for i in range(7)]
    assert texts[8:15] == [f"right column line {i} with running text" for i in range(7)]


def test_newspaper_columns_with_narrow_gutters_are_read_column_by_column():
    """A newspaper sets its columns about one em apart; the detector's boxes grow around the ink, so
    between the boxes only about half a line height is left (omni-11 in ../shared/eval: 7 px gutters, 13 px
    lines, every column's lines on the same rows)."""
    lines = [line("财政助农：福建茶农迎来又一春", 50, 10, 560, 50)]
    for column in range(3):
        left = column * 190
        for row in range(16):
            lines.append(line(f"第{column}栏第{row}行的正文文字排得很满很满", left, 60 + 13 * row, left + 183, 73 + 13 * row))
    texts = [l.text for l in reading_order(lines)]
    assert texts[0].startswith("财政助农")
    assert texts[1:] == [f"第{c}栏第{r}行的正文文字排得很满很满" for c in range(3) for r in range(16)]


def test_a_column_that_ends_lower_than_its_neighbour_stays_a_column():
    """A band where only one column has text (its paragraph runs on; omni-11 with PP-OCRv6's tighter boxes:
    the right column's 9 px gutter was under one line height) continues the columns above it instead of
    starting a region read on its own, between the columns."""
    lines = [line("A headline set across both columns of the page", 10, 0, 600, 30)]
    for row in range(6):
        lines.append(line(f"left column line {row} with running text", 10, 40 + 14 * row, 290, 50 + 14 * row))
        lines.append(line(f"right column line {row} with running text", 300, 40 + 14 * row, 600, 50 + 14 * row))
    # a blank line in both, then the right column goes on alone for two lines, then both again
    lines += [line(f"right column line {row} with running text", 300, 40 + 14 * row, 600, 50 + 14 * row) for row in (7, 8)]
    for row in (10, 11, 12):
        lines.append(line(f"left column line {row} with running text", 10, 40 + 14 * row, 290, 50 + 14 * row))
        lines.append(line(f"right column line {row} with running text", 300, 40 + 14 * row, 600, 50 + 14 * row))
    texts = [l.text for l in reading_order(lines)]
    left = [t for t in texts if t.startswith("left")]
    assert texts[0].startswith("A headline")
    assert texts[1:1 + len(left)] == left and texts[1 + len(left):] == [t for t in texts if t.startswith("right")]
    assert [t.split()[3] for t in texts[1 + len(left):]] == ["0", "1", "2", "3", "4", "5", "7", "8", "10", "11", "12"]


def test_a_page_in_two_halves_of_short_items_is_read_half_by_half():
    """A worksheet set in two columns of questions and short answer choices (omni-7): too little text a
    line for the running-text tests, but two long columns of the same width whose rows rarely line up."""
    def column(x, name, spacing):
        out, y = [], 0
        for question in range(4):
            out.append(line(f"{name}{question}. A question?", x, y, x + 280, y + 20))
            y += 30
            for choice in "ABCD":
                out.append(line(f"{name}{question}{choice}", x + 20, y, x + 80, y + 20))
                y += spacing  # the two columns' spacing differs, so their rows drift apart
        return out
    left, right = column(0, "L", 23), column(320, "R", 31)
    texts = [l.text for l in reading_order(left + right)]
    assert texts == [l.text for l in left] + [l.text for l in right]


def test_a_big_number_beside_a_title_is_on_the_title_s_row():
    """'Unit 2 Poems' (omni-9): the '2' is twice as tall as the words, so the centres differ by more than
    half a line height, yet its height holds theirs: one row, left to right."""
    lines = [line("Poems", 300, 100, 500, 200), line("2", 200, 0, 280, 200), line("Unit", 10, 100, 190, 200),
             line("Warming up", 10, 260, 200, 300)]
    assert [l.text for l in reading_order(lines)] == ["Unit", "2", "Poems", "Warming up"]


def test_a_table_with_narrow_gaps_keeps_row_order():
    rows = [("Leidos", "El Segundo", "72"), ("Alphatec Spine", "Carlsbad", "99"), ("Symantec Corporation", "Mountain View", "60"),
            ("KLA-Tencor Corporation", "Milpitas", "213")]
    table = []
    for i, cells in enumerate(rows):
        for j, cell in enumerate(cells):
            table.append(line(cell, 10 + 190 * j, 10 + 14 * i, 10 + 190 * j + 9 * len(cell), 23 + 14 * i))
    assert [l.text for l in reading_order(table)] == [cell for cells in rows for cell in cells]


def test_tables_and_receipts_keep_row_order():
    receipt = []
    for i, (item, price) in enumerate([("Milk", "1.20"), ("Bread", "2.50"), ("Eggs", "3.10"), ("Tea", "4.00")]):
        receipt.append(line(item, 10, 10 + 30 * i, 80, 30 + 30 * i))
        receipt.append(line(price, 300, 10 + 30 * i, 340, 30 + 30 * i))
    assert [l.text for l in reading_order(receipt)] == ["Milk", "1.20", "Bread", "2.50", "Eggs", "3.10", "Tea", "4.00"]


def test_merge_region_replaces_only_the_lines_inside_it():
    from docscan.core.results import merge_region

    existing = PageResult(1, 1000, 500, 150, [line("keep me", 10, 10, 200, 30), line("old guess", 10, 300, 200, 330)])
    # The region was recognised at half the resolution: its coordinates are scaled back.
    region_page = PageResult(1, 500, 250, 75, [line("new reading", 5, 150, 100, 165)], 0.2)
    merged = merge_region(existing, region_page, (0, 125, 250, 250))
    assert [l.text for l in merged.lines] == ["keep me", "new reading"]
    assert merged.lines[1].bbox == (10, 300, 200, 330)
    assert merge_region(None, region_page, (0, 0, 1, 1)) is region_page


def test_wrapped_lines_become_paragraphs_and_hyphenated_words_are_joined():
    from docscan.core.layout import paragraphs

    prose = [line("DocScan reads scanned pages and gives back their", 10, 10, 400, 30),
             line("text in the order a person reads it, with infor-", 10, 34, 398, 54),
             line("mation kept together across line ends.", 10, 58, 300, 78),
             line("A new paragraph starts after a blank line.", 10, 110, 380, 130)]
    assert [p.text for p in paragraphs(prose)] == ["DocScan reads scanned pages and gives back their text in the order a person "
                                 "reads it, with information kept together across line ends.",
                                 "A new paragraph starts after a blank line."]
    page = PageResult(1, 500, 200, 150, prose)
    assert to_text([DocumentResult("p.png", [page])]).count("\n\n") == 1  # one gap, one blank line
    chinese = [line("这是一个很长的中文句子需要在这里换行继续写下", 10, 10, 400, 30), line("去直到结束。", 10, 34, 120, 54)]
    assert [p.text for p in paragraphs(chinese)] == ["这是一个很长的中文句子需要在这里换行继续写下去直到结束。"]


def test_first_line_indents_start_paragraphs_and_hanging_indents_do_not():
    from docscan.core.layout import paragraphs

    # Chinese paragraphs begin two characters in, with no space between them (the detector's boxes on omni-11)
    chinese = [line("最近三年，可以说是一年一个新台阶，这个", 16, 259, 174, 272),
               line("发展速度，主要得益于中央财政资金的杠杆效", 0, 271, 175, 284),
               line("应。谈起茶产业，福建省农业厅相关负责人。", 0, 282, 174, 295),
               line("在中央财政资金的杠杆作用下，促进了福建", 15, 294, 174, 307),
               line("茶园生态和茶叶品种更加优化。", 0, 306, 120, 319)]
    assert [p.text for p in paragraphs(chinese)] == [
        "最近三年，可以说是一年一个新台阶，这个发展速度，主要得益于中央财政资金的杠杆效应。谈起茶产业，福建省农业厅相关负责人。",
        "在中央财政资金的杠杆作用下，促进了福建茶园生态和茶叶品种更加优化。"]
    # a reference whose wrapped lines hang under its first line stays one paragraph
    hanging = [line("[12] Kuzmin, S.V. and McKeon, D.G.C., Physics Letters", 10, 10, 500, 30),
               line("B 596 (2004) 301-305, on the constraints of the", 40, 34, 500, 54),
               line("Cremmer-Scherk model and its gauge symmetries.", 40, 58, 420, 78)]
    assert len(paragraphs(hanging)) == 1


def test_receipt_rows_stay_rows_and_lists_and_short_lines_are_not_joined():
    from docscan.core.layout import paragraphs

    receipt = [line("Milk", 10, 10, 80, 30), line("1.20", 300, 10, 340, 30), line("Bread", 10, 34, 90, 54),
               line("2.50", 300, 34, 340, 54)]
    # a row's cells on one line (was one cell a line: "Milk" / "1.20"), rows never run together
    assert [p.text for p in paragraphs(reading_order(receipt))] == ["Milk  1.20", "Bread  2.50"]
    assert to_text([DocumentResult("r.png", [PageResult(1, 400, 100, None, reading_order(receipt))])]) == \
        "Milk  1.20\nBread  2.50\n"
    form = [line("Date:", 10, 10, 60, 30), line("25/12/2018", 120, 12, 230, 31), line("Name:", 10, 40, 60, 60),
            line("Ms. Example", 120, 41, 250, 59)]
    assert [p.text for p in paragraphs(reading_order(form))] == ["Date:  25/12/2018", "Name:  Ms. Example"]
    items = [line("- first item of a short list", 10, 10, 250, 30), line("- second item, longer than it", 10, 34, 400, 54)]
    assert [p.text for p in paragraphs(items)] == ["- first item of a short list", "- second item, longer than it"]


def test_columns_of_running_text_are_not_joined_across_the_gutter():
    from docscan.core.layout import paragraphs

    left = ["Running text in the left column goes", "on for a few lines of the same width", "and ends here at last."]
    right = ["The right column has its own text that", "is read after the left one, never", "mixed into its rows."]
    lines = [line(t, 10, 10 + 24 * n, 300, 30 + 24 * n) for n, t in enumerate(left)]
    lines += [line(t, 340, 10 + 24 * n, 630, 30 + 24 * n) for n, t in enumerate(right)]
    texts = [p.text for p in paragraphs(reading_order(lines))]
    assert texts == [" ".join(left), " ".join(right)] and not any("  " in t for t in texts)


def test_json_pages_list_their_blocks_rows_and_paragraphs():
    form = [line("Date:", 10, 10, 60, 30), line("25/12/2018", 120, 12, 230, 31),
            line("A paragraph of running text that is long enough to wrap", 10, 60, 390, 80),
            line("onto a second line.", 10, 84, 200, 104)]
    page = PageResult(1, 400, 120, None, reading_order(form))
    data = json.loads(render([DocumentResult("form.png", [page])], "json"))["files"][0]["pages"][0]
    assert data["blocks"] == [{"kind": "row", "box": [10.0, 10.0, 230.0, 31.0], "lines": [0, 1]},
                              {"kind": "paragraph", "box": [10.0, 60.0, 390.0, 104.0], "lines": [2, 3]}]
    assert [line["text"] for line in data["lines"]][:2] == ["Date:", "25/12/2018"]  # lines unchanged
    assert results_to_json(results_from_json({"files": [{"path": "f", "pages": [data]}]}))["files"][0]["pages"][0] \
        == data  # blocks are derived, never read back


def test_a_recognised_table_becomes_a_markdown_table_and_the_text_around_it_paragraphs(engine):
    import pymupdf

    from docscan.core.documents import open_document
    from docscan.core.document_run import recognize_page

    doc = pymupdf.open()
    page = doc.new_page(width=612, height=500)
    page.insert_text((72, 60), "Delivery note for the warehouse", fontsize=16)
    for row, cells in enumerate((("Item", "Qty", "Price"), ("Apples", "2", "3.00"), ("Pears", "5", "4.50"),
                                 ("Plums", "12", "9.95"))):
        for x, cell in zip((72, 260, 420), cells):
            page.insert_text((x, 130 + row * 34), cell, fontsize=16)
    page.insert_text((72, 320), "Signed on delivery", fontsize=16)
    pixmap = page.get_pixmap(dpi=150)
    with open_document(pixmap.tobytes("png")) as document:
        result = recognize_page(document, 0, engine, None)
    md = to_markdown([DocumentResult("note.png", [result])])
    lines = md.splitlines()
    header = lines.index("| Item | Qty | Price |")
    assert lines[header + 1] == "|---|---|---|"
    assert lines[header + 2:header + 5] == ["| Apples | 2 | 3.00 |", "| Pears | 5 | 4.50 |", "| Plums | 12 | 9.95 |"], md
    assert "Delivery note for the warehouse" in lines[:header] and lines[header - 1] == ""
    assert lines[header + 5] == "" and "Signed on delivery" in lines[header + 6:]
    # txt keeps the row as one line: its cells two spaces apart, or tab-separated (empty cells kept) where the
    # table finder found the table
    assert ("Item\tQty\tPrice" if result.tables else "Item  Qty  Price") in to_text([DocumentResult("note.png", [result])])


def test_rows_whose_cells_do_not_line_up_stay_lines_in_markdown():
    # a form: label/value pairs at different places on each row are not a table
    lines = [line("Name:", 10, 10, 60, 22), line("Ada Lovelace", 200, 10, 320, 22),
             line("Date: 25/12/2018", 10, 40, 160, 52), line("Cashier: 7", 330, 40, 420, 52)]
    md = to_markdown([DocumentResult("form.png", [PageResult(1, 500, 100, None, lines)])])
    assert "|" not in md and "Name:  Ada Lovelace" in md
