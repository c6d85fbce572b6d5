"""Reading a page the way a person does (issue 16), on rendered pages recognised by the real default engine:
columns under a headline, a running header and footer, a form's label/value rows."""

from __future__ import annotations

import json

import pymupdf

from docscan.core.documents import open_document
from docscan.core.formats import render, to_text
from docscan.core.document_run import recognize_page
from docscan.core.results import DocumentResult, PageResult
from docscan.core.layout import paragraphs

from helpers import squash


def recognise(engine, draw, width=612, height=792):
    doc = pymupdf.open()
    page = doc.new_page(width=width, height=height)
    draw(page)
    png = page.get_pixmap(dpi=150).tobytes("png")
    with open_document(png) as document:
        result = recognize_page(document, 0, engine, None)
    return DocumentResult("page.png", [result])


def positions(text: str, needles: list[str]) -> list[int]:
    """Where each needle starts in ``text`` (whitespace and case ignored); fails the test when one is missing."""
    flat = squash(text)
    found = [flat.find(squash(needle)) for needle in needles]
    assert all(at >= 0 for at in found), [n for n, at in zip(needles, found) if at < 0]
    return found


LEFT = ["Reading order matters most on pages", "set in two columns, where a reader", "finishes the left column before the",
        "right one begins at the top again."]
RIGHT = ["The right column starts here and", "carries on with its own sentences", "until it reaches the bottom of the",
         "page, just above the running footer."]


def test_two_columns_with_a_running_header_and_footer(engine):
    def draw(page):
        page.insert_text((54, 40), "Journal of Layout Studies", fontsize=10)
        page.insert_text((500, 40), "Page 12", fontsize=10)
        page.insert_text((54, 100), "Two Columns and a Running Header", fontsize=18)
        for i, (left, right) in enumerate(zip(LEFT, RIGHT)):
            page.insert_text((54, 150 + 16 * i), left, fontsize=12)
            page.insert_text((320, 150 + 16 * i), right, fontsize=12)
        page.insert_text((54, 760), "Printed for testing", fontsize=10)
        page.insert_text((520, 760), "12", fontsize=10)

    result = recognise(engine, draw)
    text = to_text([result])
    # header first, then the headline, the whole left column, the whole right column, the footer last
    # (before: the footer's page number made a third column and both columns were read across in rows)
    order = positions(text, ["Journal of Layout Studies", "Two Columns and", LEFT[0], LEFT[-1], RIGHT[0], RIGHT[-1],
                             "Printed for testing"])
    assert order == sorted(order)
    assert text.rstrip().endswith("12")
    assert squash(" ".join(LEFT)) in squash(text) and squash(" ".join(RIGHT)) in squash(text)
    blocks = json.loads(render([result], "json"))["files"][0]["pages"][0]["blocks"]
    lines = result.pages[0].lines
    kinds = [(b["kind"], squash(" ".join(lines[i].text for i in b["lines"]))) for b in blocks]
    assert kinds[0] == ("header", squash("Journal of Layout Studies Page 12"))
    assert kinds[-1] == ("footer", squash("Printed for testing 12"))
    assert all(kind == "paragraph" for kind, _ in kinds[1:-1])


def test_three_columns_under_a_headline_across_them(engine):
    columns = [["A headline spans all three of the", "columns below it, and each column", "is read to its end before the",
                "next one to its right begins."],
               ["The middle column is the second", "one a reader takes, from its top", "line down to its last line, and",
                "only then moves to the right."],
               ["The third column comes last and", "its lines are never mixed with", "those of its neighbours on the",
                "same rows of the printed page."]]

    def draw(page):
        page.insert_text((40, 70), "Three Columns Under One Headline", fontsize=22)
        for c, column in enumerate(columns):
            for r, text in enumerate(column):
                page.insert_text((40 + 182 * c, 130 + 15 * r), text, fontsize=9.5)

    text = to_text([recognise(engine, draw)])
    flat = squash(text)
    assert flat.startswith(squash("Three Columns Under One Headline"))
    order = positions(text, [column[0] for column in columns] + [column[-1] for column in columns])
    starts, ends = order[:3], order[3:]
    assert starts[0] < ends[0] < starts[1] < ends[1] < starts[2] < ends[2]


def test_a_form_s_labels_and_values_come_out_as_rows(engine):
    pairs = [("Date:", "25/12/2018"), ("Invoice no.:", "INV-0042"), ("TOTAL:", "RM 86.00")]

    def draw(page):
        page.insert_text((72, 60), "Customer form", fontsize=16)
        for i, (label, value) in enumerate(pairs):
            page.insert_text((72, 110 + 30 * i), label, fontsize=13)
            page.insert_text((330, 110 + 30 * i), value, fontsize=13)

    text = to_text([recognise(engine, draw, height=260)])
    rows = [squash(line) for line in text.splitlines() if line.strip()]
    for label, value in pairs:
        assert squash(label + value) in rows, (label, value, text)
    assert "  " in [line for line in text.splitlines() if "25/12/2018" in line][0]  # the cells stay apart



def test_low_confidence_text_on_a_photo_is_read_after_the_page_s_text():
    """A photo's fragments (omni-11's "宝", "剑果") are read after the text instead of inside a column's
    sentence; text on paper or on an even coloured banner, or read confidently, stays where it is."""
    import numpy as np

    from docscan.core.pictures import mark_lines_on_pictures
    from docscan.core.results import TextLine
    from docscan.core.layout import reading_order

    def at(text, x0, y0, x1, y1, confidence):
        return TextLine([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], text, confidence)

    rng = np.random.default_rng(3)
    image = np.full((600, 800, 3), 245, dtype=np.uint8)  # paper
    image[200:400, 100:500] = rng.integers(0, 200, (200, 400, 3), dtype=np.uint8)  # a photo
    image[450:520, 100:700] = (200, 120, 40)  # an even banner
    column = [at(f"line {n} of the column's running text", 100, 20 + 20 * n, 500, 36 + 20 * n, 0.98) for n in range(8)]
    column += [at(f"line {n} of the column's running text", 100, 410 + 20 * (n - 8), 500, 426 + 20 * (n - 8), 0.98)
               for n in (8,)]
    fragment = at("宝", 280, 290, 310, 306, 0.55)
    sure = at("SALE", 200, 240, 300, 260, 0.99)
    on_paper = at("faint", 600, 100, 660, 116, 0.5)
    banner = at("Banner", 300, 478, 420, 494, 0.6)
    lines = column + [fragment, sure, on_paper, banner]
    assert mark_lines_on_pictures(image, lines) == 1
    assert fragment.on_picture and not (sure.on_picture or on_paper.on_picture or banner.on_picture)
    ordered = reading_order(lines)
    # after the page's text; the banner, the page's last row set apart, is its footer and comes last
    assert ordered[-2:] == [fragment, banner]
    assert [l.text for l in ordered if "column" in l.text] == [l.text for l in column]
    page = PageResult(1, 800, 600, None, ordered)
    data = json.loads(render([DocumentResult("p.png", [page])], "json"))["files"][0]["pages"][0]
    assert data["lines"][-2].get("picture") is True and [b["kind"] for b in data["blocks"]][-2:] == ["picture", "footer"]


# Vertical Chinese (issue 24 item 5): columns read right to left, each top to bottom; a vertical page's title is
# its rightmost column. One character a row, in PyMuPDF's built-in Chinese font, as vertical text is set.
TITLE = "岳阳楼记"
VERTICAL = ["庆历四年春滕子京谪守巴陵郡", "越明年政通人和百废具兴", "乃重修岳阳楼增其旧制", "刻唐贤今人诗赋于其上",
            "属予作文以记之"]


def vertical_column(page, x: float, top: float, text: str, size: float) -> None:
    for i, char in enumerate(text):
        page.insert_text((x, top + size * (1 + 1.1 * i)), char, fontname="china-s", fontsize=size)


def test_vertical_chinese_columns_are_read_right_to_left_title_first(engine):
    def draw(page):
        vertical_column(page, 530, 60, TITLE, 24)
        for c, column in enumerate(VERTICAL):
            vertical_column(page, 480 - 30 * c, 60, column, 16)

    result = recognise(engine, draw, height=420)
    lines = result.pages[0].lines
    # every line whole and in order: the title, then the columns from the right; each column top to bottom
    # (before: left to right, the title last)
    assert [squash(line.text) for line in lines] == [squash(t) for t in [TITLE, *VERTICAL]]
    for fmt in ("txt", "md", "json"):
        text = render([result], fmt)
        order = positions(text, [TITLE, *VERTICAL])
        assert order == sorted(order), fmt
    blocks = json.loads(render([result], "json"))["files"][0]["pages"][0]["blocks"]
    assert squash(" ".join(lines[i].text for i in blocks[0]["lines"])) == squash(TITLE)


def test_a_horizontal_heading_over_vertical_columns_stays_first_and_the_page_number_last(engine):
    def draw(page):
        page.insert_text((200, 50), "范仲淹文选", fontname="china-s", fontsize=22)
        for c, column in enumerate(VERTICAL):
            vertical_column(page, 480 - 30 * c, 80, column, 16)
        page.insert_text((300, 400), "12", fontsize=10)

    result = recognise(engine, draw, height=420)
    text = to_text([result])
    order = positions(text, ["范仲淹文选", *VERTICAL])
    assert order == sorted(order)
    assert text.rstrip().endswith("12")
    # the page number is the page's footer: set apart by the text's size, which for vertical lines is their
    # width (their height, a column's length, made every gap on the page too small to set anything apart)
    blocks = json.loads(render([result], "json"))["files"][0]["pages"][0]["blocks"]
    assert blocks[-1]["kind"] == "footer" and [result.pages[0].lines[i].text for i in blocks[-1]["lines"]] == ["12"]


def test_a_vertical_headline_beside_two_columns_of_horizontal_text(engine):
    """A newspaper's vertical headline at the right of its article (omni-11 has one): read before the
    article, whose two columns are still read one after the other (before: the headline made a one-line
    column, the region failed the column tests and both columns were read across in rows, the headline
    among them)."""
    left = ["山东省农业信息化建设取得了长足发展", "突出亮点是创新性地引入云计算技术", "建立了金农工程一期省级信息平台系统",
            "该系统由省农业厅与国内厂商共同建设"]
    right = ["据悉该工程是我国农业信息化领域里首次", "引入云计算技术为全国农业信息化建设", "提供了新的思路也带动了农民增加收入",
             "截至目前已有四百多万农民直接受益了"]
    headline = "金农工程率先引入云计算"

    def draw(page):
        for r, (a, b) in enumerate(zip(left, right)):
            page.insert_text((40, 80 + 20 * r), a, fontname="china-s", fontsize=13)
            page.insert_text((290, 80 + 20 * r), b, fontname="china-s", fontsize=13)
        vertical_column(page, 550, 60, headline, 22)

    text = to_text([recognise(engine, draw, height=360)])
    order = positions(text, [headline, left[0], left[-1], right[0], right[-1]])
    assert order == sorted(order)
    assert squash("".join(left)) in squash(text) and squash("".join(right)) in squash(text)


def test_vertical_text_in_tiers_is_read_tier_by_tier():
    """Two tiers of vertical columns (as newspapers set long vertical text) whose gaps line up: the top tier
    right to left, then the bottom one; horizontal columns with the same gutters would be one region."""
    from docscan.core.results import TextLine
    from docscan.core.layout import reading_order

    def column(text, x, y):
        return TextLine([(x, y), (x + 30, y), (x + 30, y + 30 * len(text)), (x, y + 30 * len(text))], text, 0.99)

    top = [column(text, 500 - 50 * c, 40) for c, text in enumerate(VERTICAL)]
    bottom = [column(text[::-1], 500 - 50 * c, 480) for c, text in enumerate(VERTICAL)]
    assert reading_order(bottom[::-1] + top[::-1]) == top + bottom


def test_a_vertical_paragraph_wrapped_over_columns_is_one_paragraph_in_the_exports(engine):
    """Columns of one paragraph join as wrapped lines do (nothing between Chinese characters); a column set
    two characters lower starts the next paragraph (the first-line indent); the title stands apart."""
    first = "庆历四年春滕子京谪守巴陵郡越明年政通人和百废具兴乃重修岳阳楼增其旧制刻唐贤今人诗赋于其上"
    second = "予观夫巴陵胜状在洞庭一湖衔远山吞长江浩浩汤汤横无际涯朝晖夕阴气象万千"
    rows = 16

    def draw(page):
        vertical_column(page, 540, 60, TITLE, 24)
        x = 490
        for paragraph in (first, second):
            columns = [paragraph[:rows - 2]] + [paragraph[i:i + rows] for i in range(rows - 2, len(paragraph), rows)]
            for c, column in enumerate(columns):
                vertical_column(page, x, 60 + (2 * 16 * 1.1 if c == 0 else 0), column, 16)
                x -= 26

    result = recognise(engine, draw, height=420)
    paras = [squash(p.text) for p in paragraphs(result.pages[0].lines)]
    assert paras == [squash(TITLE), squash(first), squash(second)]  # before: one paragraph per column
    text = to_text([result])
    assert text.startswith(TITLE + "\n\n")
