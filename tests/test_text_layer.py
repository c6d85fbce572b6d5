"""The searchable PDF's text layer (issue 24 item 4)."""

from __future__ import annotations

import pymupdf
import pytest

from docscan.core.documents import MUPDF_LOCK
from docscan.core.results import TextLine
from docscan.core.searchable_pdf import add_invisible_line


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
