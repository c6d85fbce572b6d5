"""Reading a page the way a person does (issue 16), on rendered pages recognised by the real default engine:
columns under a headline, a running header and footer, a form's label/value rows."""

from __future__ import annotations

import json

import pymupdf

from docscan.core.documents import open_document
from docscan.core.export import render, to_text
from docscan.core.pipeline import recognize_page
from docscan.core.results import DocumentResult

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

