"""HTML: one HTML5 file (UTF-8) that a browser or a word processor opens: a heading per document (``h1``)
and per page (``h2``), the page's headings (``h3``), paragraphs (lines of one paragraph ``<br>`` apart) and
tables with their spans (``rowspan`` / ``colspan``, ``Table.html``), all in reading order
(``page_pieces``); every text escaped. Several documents in one file follow one another, each under its
own ``h1``."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Sequence

from ..results import DocumentResult
from .base import TextFormat
from .page_pieces import pieces

_STYLE = ("body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em;line-height:1.4}"
          "table{border-collapse:collapse;margin:1em 0}td{border:1px solid #999;padding:.2em .5em;vertical-align:top}"
          "tr:first-child td{font-weight:bold}.margin{font-size:small;color:#666}.error{font-style:italic}")


def _text(text: str) -> str:
    # a file name that is not UTF-8 reaches here with lone surrogates, which no UTF-8 file can hold
    return escape(text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"), quote=False)


def _page_html(page) -> list[str]:
    out = []
    for piece in pieces(page):
        if piece.kind == "table":
            if piece.table is not None and piece.table.rows:
                out.append(piece.table.html())
        elif piece.kind == "heading":
            out.append(f"<h3>{_text(piece.paragraphs[0].text)}</h3>")
        else:
            margin = all(block.kind in ("header", "footer") for block in piece.paragraphs)
            lines = "<br>\n".join(_text(block.text) for block in piece.paragraphs)
            out.append(f'<p class="margin">{lines}</p>' if margin else f"<p>{lines}</p>")
    return out


def to_html(results: Sequence[DocumentResult]) -> str:
    names = [Path(result.path or "document").name for result in results]
    title = names[0] if len(names) == 1 else f"{len(names)} documents"
    out = ["<!DOCTYPE html>", '<html>', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{_text(title)}</title>", f"<style>{_STYLE}</style>", "</head>", "<body>"]
    for result, name in zip(results, names):
        out.append(f"<h1>{_text(name)}</h1>")
        if result.error:
            out.append(f'<p class="error">Could not be read: {_text(result.error)}</p>')
        for page in result.pages:
            if len(result.pages) > 1 or page.page != 1:
                out.append(f"<h2>Page {page.page}</h2>")
            if page.error:
                out.append(f'<p class="error">Page not recognised: {_text(page.error)}</p>')
            elif page.lines or page.tables:
                out.extend(_page_html(page))
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


HTML = TextFormat("html", ".html", title="HTML", kind="HTML", file_suffixes=(".html", ".htm"), render=to_html)
