"""Word (.docx, written with python-docx): each document's name as its Title, then per page, in reading
order (``page_pieces``): the page's headings (titles the layout model found) as Word headings ("Heading
1"), paragraphs (lines of one paragraph as line breaks inside it), and tables as Word tables (grid lines,
a spanning cell merged over its span, the first row bold); a page break between every two pages (and
documents). Running headers and footers are kept, as small grey text where they stand, not in Word's own
page header: the recognised page is not the Word page. A document or page that could not be read is
said in italics ("Could not be read: ..."). Several documents go into one file, each under its Title.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..results import DocumentResult
from ..tables import Table
from .base import BuiltFormat
from .page_pieces import pieces, spans_to_merge
from .xlsx import cell_text

MARGIN_KINDS = ("header", "footer")
MARGIN_POINTS = 8  # the size of a running header's or footer's text


def _table(document, table: Table) -> None:
    word_table = document.add_table(rows=table.rows, cols=table.cols)
    word_table.style = "Table Grid"
    for cell in spans_to_merge(table):  # merged first: merging joins the texts of the cells it takes in
        word_table.cell(cell.row, cell.col).merge(
            word_table.cell(min(table.rows, cell.row + cell.row_span) - 1, min(table.cols, cell.col + cell.col_span) - 1))
    for cell in table.cells:
        if cell.text:
            run = word_table.cell(cell.row, cell.col).paragraphs[0].add_run(cell_text(cell.text))
            run.bold = cell.row == 0


def _page(document, page) -> None:
    from docx.shared import Pt, RGBColor

    for piece in pieces(page):
        if piece.kind == "table":
            if piece.table is not None and piece.table.rows:
                _table(document, piece.table)
                document.add_paragraph()  # Word joins two tables that follow each other into one
        elif piece.kind == "heading":
            document.add_heading(cell_text(piece.paragraphs[0].text), level=1)
        else:
            paragraph = document.add_paragraph()
            for number, block in enumerate(piece.paragraphs):
                run = paragraph.add_run(cell_text(block.text))
                if number < len(piece.paragraphs) - 1:
                    run.add_break()
                if block.kind in MARGIN_KINDS:
                    run.font.size = Pt(MARGIN_POINTS)
                    run.font.color.rgb = RGBColor(0x66, 0x66, 0x66)


def _said(document, text: str) -> None:
    document.add_paragraph().add_run(cell_text(text)).italic = True


def word_document(results: Sequence[DocumentResult]):
    """The python-docx Document of ``results`` (the module's layout)."""
    from docx import Document

    document = Document()
    first = True
    for result in results:
        if not first:
            document.add_page_break()
        first = False
        document.add_heading(cell_text(Path(result.path or "document").name), level=0)
        if result.error:
            _said(document, f"Could not be read: {result.error}")
        for number, page in enumerate(result.pages):
            if number:
                document.add_page_break()
            if page.error:
                _said(document, f"Page {page.page} not recognised: {page.error}")
            else:
                _page(document, page)
    return document


DOCX = BuiltFormat("docx", ".docx", title="Word (.docx)", kind="Word", file_suffixes=(".docx",),
                   build=word_document)
