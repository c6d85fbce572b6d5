"""The searchable PDF's text layer on tilted and vertical lines (issue 24 item 4): Poppler (pdftotext, which
Evince and desktop search use) and MuPDF read each recognised line whole, its words apart and in order, and
the invisible characters lie over the letters in the picture, not across the upright box around a tilted
line."""

from __future__ import annotations

import re
import shutil
import subprocess

import pymupdf
import pytest
from PIL import Image

from docscan.core.documents import MUPDF_LOCK, open_document
from docscan.core.document_run import run_document
from docscan.core.results import TextLine
from docscan.core.searchable_pdf import add_invisible_line, write_searchable_pdf
from helpers import similarity, squash

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="pdftotext (poppler-utils) is not installed")

PARAGRAPH = ["The committee will meet on Tuesday morning.",
             "All software was installed by the office staff.",
             "Bookkeeping needs three careful passes.",
             "Letters arrive at the small village office.",
             "Please keep all the coffee cups in the kitchen."]
# Columns of vertical Chinese, read top to bottom, the right-hand column first.
COLUMNS = ["春眠不觉晓处处闻啼鸟", "夜来风雨声花落知多少", "床前明月光疑是地上霜"]


def photo_of(lines: list[str], degrees: float) -> Image.Image:
    """The lines set close as in a book (18 pt, 24 pt apart) at 150 dpi, the page then turned ``degrees``
    anticlockwise, as a phone photo or a skewed scan shows it."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=72 + 24 * len(lines) + 48)
    for row, line in enumerate(lines):
        page.insert_text((60, 72 + 24 * row), line, fontname="helv", fontsize=18)
    pixmap = page.get_pixmap(dpi=150, alpha=False)
    image = Image.frombytes("RGB", (pixmap.width, pixmap.height), pixmap.samples)
    return image.rotate(degrees, expand=True, fillcolor="white", resample=Image.Resampling.BICUBIC)


def vertical_page(columns: list[str]) -> Image.Image:
    """Chinese set in columns, each character upright below the one before, the first column on the right."""
    doc = pymupdf.open()
    page = doc.new_page(width=300, height=72 + 30 * max(map(len, columns)) + 36)
    for number, column in enumerate(columns):
        for row, char in enumerate(column):
            page.insert_text((220 - 70 * number, 72 + 30 * row), char, fontname="china-s", fontsize=26)
    pixmap = page.get_pixmap(dpi=150, alpha=False)
    return Image.frombytes("RGB", (pixmap.width, pixmap.height), pixmap.samples)


def searchable(tmp_path, image: Image.Image, engine, name: str):
    path = tmp_path / f"{name}.png"
    image.save(path)
    with open_document(path) as document:
        result = run_document(document, engine, path=str(path))
        target = write_searchable_pdf(document, result, tmp_path / f"{name}.pdf")
    return result.pages[0], target


def pdftotext(path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True).stdout


def words(text: str) -> list[str]:
    return text.split()


def line_polygon(line: TextLine, page: "pymupdf.Page", recognised) -> "pymupdf.Quad":
    sx, sy = page.rect.width / recognised.width, page.rect.height / recognised.height
    p0, p1, p2, p3 = (pymupdf.Point(x * sx, y * sy) for x, y in line.box)
    return pymupdf.Quad(p0, p1, p3, p2)  # upper left, upper right, lower left, lower right


def centre(quad: "pymupdf.Quad") -> "pymupdf.Point":
    return (quad.ul + quad.ur + quad.ll + quad.lr) / 4


def inside(point: "pymupdf.Point", quad: "pymupdf.Quad") -> bool:
    """``point`` lies within the convex quadrilateral ``quad`` (on the same side of its four edges)."""
    corners = [quad.ul, quad.ur, quad.lr, quad.ll]
    sides = [(b.x - a.x) * (point.y - a.y) - (b.y - a.y) * (point.x - a.x)
             for a, b in zip(corners, corners[1:] + corners[:1])]
    return all(s >= 0 for s in sides) or all(s <= 0 for s in sides)


@needs_pdftotext
@pytest.mark.parametrize("degrees", [8, -11, 0])
def test_tilted_lines_read_whole_and_in_order_and_lie_over_their_letters(tmp_path, engine, degrees):
    """Lines 8° and 11° off level, close together as on a photographed page (and a level page, which reads
    as well as before): pdftotext gives every line, in order, with its words apart ("will", "installed",
    not "wil", "instal ed", nor letters of neighbouring lines woven together); MuPDF finds words with
    doubled letters; and each word's characters lie inside its line's tilted box."""
    recognised, pdf = searchable(tmp_path, photo_of(PARAGRAPH, degrees), engine, "photo")
    # top to bottom as they start at the left margin (the result's own order is reading_order's business)
    lines = sorted(recognised.lines, key=lambda line: line.box[0][1] + line.box[3][1])
    assert len(lines) == len(PARAGRAPH)
    assert similarity(" ".join(PARAGRAPH), " ".join(line.text for line in lines)) > 0.95
    expected = words(" ".join(line.text for line in lines))
    assert "will" in expected and "installed" in expected

    assert words(pdftotext(pdf)) == expected
    layout = [row.split() for row in pdftotext(pdf, "-layout").splitlines() if row.strip()]
    assert layout == [line.text.split() for line in lines]  # one row a line, in order

    with pymupdf.open(pdf) as doc:
        page = doc[0]
        assert words(page.get_text()) == words(recognised.text)  # MuPDF: in the order they were written
        for line in recognised.lines:
            polygon = line_polygon(line, page, recognised)
            for word in ("will", "installed", "committee", "coffee", "kitchen."):
                if word in line.text.split():
                    hits = page.search_for(word, quads=True)
                    assert len(hits) == 1, word
                    assert inside(centre(hits[0]), polygon), (word, hits[0], polygon)
    if degrees == 0:  # a level line keeps Poppler's own words (the tilted ones are marked as whole lines)
        assert re.findall(r"<word [^>]*>([^<]*)</word>", pdftotext(pdf, "-bbox")) == expected


@needs_pdftotext
def test_vertical_chinese_columns_read_top_to_bottom(tmp_path, engine):
    """A column of vertical Chinese is written down the column, not as a line squeezed across it:
    pdftotext and MuPDF give each column's characters in order, and a word found lies in its column."""
    recognised, pdf = searchable(tmp_path, vertical_page(COLUMNS), engine, "vertical")
    columns = sorted(recognised.lines, key=lambda line: -line.bbox[0])  # right to left
    assert [similarity(text, line.text) > 0.8 for text, line in zip(COLUMNS, columns)] == [True] * 3
    assert all(line.bbox[3] - line.bbox[1] > 4 * (line.bbox[2] - line.bbox[0]) for line in columns)

    rows = [row.strip() for row in pdftotext(pdf).splitlines() if row.strip()]
    assert rows == [line.text for line in columns]  # each column whole, right to left as it is read
    with pymupdf.open(pdf) as doc:
        page = doc[0]
        text = squash(page.get_text())
        for line in columns:
            assert squash(line.text) in text
            middle = line.text[4:6]
            hits = page.search_for(middle, quads=True)
            assert hits and inside(centre(hits[0]), line_polygon(line, page, recognised)), middle
            assert hits[0].rect.height > hits[0].rect.width  # down the column


def test_a_line_set_in_the_cjk_font_fills_its_box(tmp_path):
    """Latin text with a full-width bracket (as the Chinese recogniser writes it) is set in the CJK font,
    whose every glyph is 1 em wide in the PDF: the line is fitted to that width, not to the narrower one
    of the font that measures it, so it ends where the line ends instead of running past it."""
    box = [(40.0, 80.0), (240.0, 80.0), (240.0, 100.0), (40.0, 100.0)]
    with MUPDF_LOCK:
        doc = pymupdf.open()
        page = doc.new_page(width=400, height=200)
        add_invisible_line(page, TextLine(box, "Qty（s） 2 x 9.90", 0.9), 1.0, 1.0)
        doc.save(tmp_path / "cjk.pdf")
    with pymupdf.open(tmp_path / "cjk.pdf") as written:
        spans = [span for block in written[0].get_text("dict")["blocks"] for line in block["lines"]
                 for span in line["spans"]]
    assert [span["text"] for span in spans] == ["Qty（s） 2 x 9.90"]
    x0, _, x1, _ = spans[0]["bbox"]
    assert x0 == pytest.approx(40, abs=1) and x1 == pytest.approx(240, abs=2)
