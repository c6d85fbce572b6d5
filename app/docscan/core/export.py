"""Write results as plain text, Markdown or JSON."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Sequence

from .results import DocumentResult, results_to_json

FORMATS = {"txt": ".txt", "md": ".md", "json": ".json"}


def to_text(results: Sequence[DocumentResult]) -> str:
    """Each page's lines in reading order; pages separated by a form feed (as pdftotext does), and files,
    when there are several, headed by their path."""
    parts = []
    for result in results:
        pages = "\f\n".join(page.text + "\n" if page.lines else "" for page in result.pages)
        if len(results) > 1:
            pages = f"==> {result.path} <==\n{pages}"
        parts.append(pages)
    return "\n".join(parts)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|])")
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


def _markdown_escape(text: str) -> str:
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _MARKDOWN_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def to_markdown(results: Sequence[DocumentResult]) -> str:
    """A heading per file and per page; each recognised line kept as a line (hard line breaks), with
    Markdown's special characters escaped so the text reads as it was recognised."""
    out = []
    for result in results:
        out.append(f"# {_markdown_escape(Path(result.path or 'document').name)}\n")
        if result.error:
            out.append(f"*Could not be read: {_markdown_escape(result.error)}*\n")
        for page in result.pages:
            if len(result.pages) > 1 or page.page != 1:
                out.append(f"## Page {page.page}\n")
            if page.error:
                out.append(f"*Page not recognised: {_markdown_escape(page.error)}*\n")
            elif page.lines:
                out.append("  \n".join(_markdown_escape(line.text) for line in page.lines) + "\n")
    return "\n".join(out)


_NUMBER = r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?"
_POINT = re.compile(rf"\[\n\s*({_NUMBER}),\n\s*({_NUMBER})\n\s*\]")
_BOX = re.compile(r"\[\n\s*(\[[^\[\]\n]*\]),\n\s*(\[[^\[\]\n]*\]),\n\s*(\[[^\[\]\n]*\]),\n\s*(\[[^\[\]\n]*\])\n\s*\]")


def to_json(results: Sequence[DocumentResult]) -> str:
    """Indented JSON with each box on one line. (Only arrays that span lines are joined, and JSON
    strings never contain a raw newline, so recognised text is never touched.)"""
    text = json.dumps(results_to_json(results), ensure_ascii=False, indent=1)
    text = _POINT.sub(r"[\1, \2]", text)
    return _BOX.sub(r"[\1, \2, \3, \4]", text) + "\n"


def render(results: Sequence[DocumentResult], fmt: str) -> str:
    if fmt == "txt":
        return to_text(results)
    if fmt == "md":
        return to_markdown(results)
    if fmt == "json":
        return to_json(results)
    raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")


def write_atomically(path: Path, text: str) -> None:
    """Write the whole file or nothing: a crash or a full disk never leaves half an export behind."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
