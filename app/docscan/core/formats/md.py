"""Markdown: a heading per file (``#``) and per page (``##``), the page's headings (titles the layout model
found) as ``###``, paragraphs as in the text export, found tables and rows whose cells line up in columns
as Markdown tables; Markdown's special characters escaped. Markdown tables have no spans: a spanning cell's
text is written in the first cell of its span and the rest of the span is left empty (``Table.grid``).
Several documents in one file follow one another, each under its own heading."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

from ..results import DocumentResult
from .base import TextFormat
from .page_pieces import pieces

def _markdown_table(table) -> str:
    """A Markdown table of ``table.grid()`` (its first row the header). Markdown has no spans: a spanning
    cell's text is in the first cell of its span, the others empty."""
    cells = [[markdown_escape(cell).replace("\n", " ") for cell in row] for row in table.grid()]
    out = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * len(cells[0])]
    out += ["| " + " | ".join(row) + " |" for row in cells[1:]]
    return "\n".join(out)


def _markdown_page(page) -> str:
    """Headings as ``###``; paragraphs as in text exports (lines of one paragraph two spaces and a newline
    apart); tables (found ones, and rows whose cells line up in columns) as Markdown tables."""
    out: list[str] = []
    for piece in pieces(page):
        if piece.kind == "table":
            if piece.table is not None and piece.table.rows:
                out.append(_markdown_table(piece.table))
        elif piece.kind == "heading":
            out.append("### " + markdown_escape(piece.paragraphs[0].text))
        else:
            out.append("  \n".join(markdown_escape(block.text) for block in piece.paragraphs))
    return "\n\n".join(out)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|])")
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([#>+\-=])")
# "1. " or "1) " starts a numbered list; the escape goes before the punctuation (a backslash before a
# digit is not an escape in Markdown and would show). "9.53" is not a list and is left alone.
_MARKDOWN_NUMBERED = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")


def markdown_escape(text: str) -> str:
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = _MARKDOWN_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return _MARKDOWN_NUMBERED.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def to_markdown(results: Sequence[DocumentResult]) -> str:
    """A heading per file and per page; the text as paragraphs (wrapped lines joined), with Markdown's
    special characters escaped so the text reads as it was recognised."""
    out = []
    for result in results:
        out.append(f"# {markdown_escape(Path(result.path or 'document').name)}\n")
        if result.error:
            out.append(f"*Could not be read: {markdown_escape(result.error)}*\n")
        for page in result.pages:
            if len(result.pages) > 1 or page.page != 1:
                out.append(f"## Page {page.page}\n")
            if page.error:
                out.append(f"*Page not recognised: {markdown_escape(page.error)}*\n")
            elif page.lines:
                out.append(_markdown_page(page) + "\n")
    return "\n".join(out)


MD = TextFormat("md", ".md", title="Markdown", kind="Markdown", file_suffixes=(".md", ".markdown"), render=to_markdown)
