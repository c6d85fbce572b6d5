"""Plain text: each page's paragraphs in reading order; several documents in one file follow one another,
each headed by its path, a form feed between every two pages (``PAGE_BREAK``)."""

from __future__ import annotations

from typing import Sequence

from ..layout import paragraphs
from ..page_structure import blocks
from ..results import DocumentResult
from .base import TextFormat


def page_text(page) -> str:
    """One page's text as the txt export writes it (rows of cells on one line, paragraphs joined): what
    Copy Page puts on the clipboard. Paragraphs with a blank line between blocks, a newline between lines
    of one block. A table the finder found stands at its place as tab-separated rows, empty cells kept
    (``Table.tsv``), so its columns stay in place when pasted into a spreadsheet."""
    if not page.tables:
        parts = [(paragraph.text, paragraph.new_block) for paragraph in paragraphs(page.lines)]
    else:
        parts = [(block.table.tsv() if block.kind == "table" else block.text, block.new_block)
                 for block in blocks(page) if block.kind != "table" or block.table.rows]
    out = []
    for number, (text, new_block) in enumerate(parts):
        if number:
            out.append("\n\n" if new_block else "\n")
        out.append(text)
    return "".join(out)


PAGE_BREAK = "\f\n"  # between two pages of a txt export, also of two files: a form feed, as pdftotext writes


def to_text(results: Sequence[DocumentResult]) -> str:
    """Each page's text in reading order, wrapped lines joined into paragraphs, a blank line where the
    page has a gap. A form feed (and a newline) between two pages, as pdftotext separates them: what
    ``less`` shows as ^L and ``text.split("\\f")`` splits into pages; nothing is added that could be read
    as the page's own text. Files, when there are several, are headed by their path, their first page
    after a form feed too, so that every page of the text is one piece between form feeds."""
    parts = []
    for result in results:
        pages = PAGE_BREAK.join(page_text(page) + "\n" if page.lines else "" for page in result.pages)
        if len(results) > 1:
            pages = f"==> {result.path} <==\n{pages}"
        parts.append(pages)
    return PAGE_BREAK.join(parts)


TXT = TextFormat("txt", ".txt", title="Text", kind="text", file_suffixes=(".txt",), render=to_text)
