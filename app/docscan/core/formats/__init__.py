"""The output formats, one module each, and the one way every caller (the CLI, the batch, the window)
writes them: ``write(fmt, results, target, sources=...)`` for one file, ``writer(fmt)`` for several
documents into one file. A new format is a module that declares an ``OutputFormat`` (``base``), listed in
``FORMATS`` below. ``ExportOptions`` carries what a person chose beyond the format (``--table N``); a format
with nothing to write (a CSV of results without a table) raises ``NothingToExport``, in words, and writes
nothing. Where outputs are named and what they may not replace: ``core.output_files``."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..results import DocumentResult
from .base import DocumentSource, ExportOptions, NothingToExport, OutputFormat, OutputWriter, TextFormat
from .csv import CSV
from .docx import DOCX
from .hocr import HOCR, to_hocr
from .html import HTML, to_html
from .json import JSON, to_json
from .md import MD, markdown_escape, to_markdown
from .pdf import PDF
from .txt import PAGE_BREAK, TXT, page_text, to_text
from .xlsx import XLSX

FORMATS: dict[str, OutputFormat] = {fmt.name: fmt for fmt in (TXT, MD, JSON, HOCR, PDF,
                                                                HTML, CSV, XLSX, DOCX)}

# What each format's file name ends with. An output is named after its input's whole name, for every format
# (scan.png -> scan.png.txt, scan.png.ocr.pdf; letter.pdf -> letter.pdf.ocr.pdf): inputs of different names
# never share an output, and an output's name does not depend on what else a run reads (a rerun, or a
# batch export after more files were added, replaces the same file instead of writing a second one).
OUTPUT_SUFFIXES = {name: fmt.suffix for name, fmt in FORMATS.items()}


def get(name: str) -> OutputFormat:
    try:
        return FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}: choose one of {', '.join(FORMATS)}") from None


def render(results: Sequence[DocumentResult], fmt: str, options: ExportOptions | None = None) -> str:
    """The text of a text format (what stdout shows): every document's results in one."""
    chosen = FORMATS.get(fmt)
    if not isinstance(chosen, TextFormat):
        text_formats = ", ".join(name for name, known in FORMATS.items() if known.is_text)
        raise ValueError(f"unknown format {fmt!r}: choose one of {text_formats}")
    return chosen.text(results, options)


def write(fmt: str, results: Sequence[DocumentResult], target: Path,
          sources: Sequence[DocumentSource] | None = None, options: ExportOptions | None = None) -> Path:
    """Write ``results`` as ``fmt`` to ``target``, the whole file or nothing; ``sources``: each result's
    document (open, or a function that opens it), read only by a format that ``needs_source``. Answers
    the file written; csv, which may write one file per table beside ``target``: the first
    (``write_files``: all). NothingToExport (a ValueError, in words) when there is nothing of its kind
    to write (a CSV of results without a table)."""
    return get(fmt).write(results, target, sources, options)


def write_files(fmt: str, results: Sequence[DocumentResult], target: Path,
                sources: Sequence[DocumentSource] | None = None, options: ExportOptions | None = None) -> list[Path]:
    """``write``, answering every file written (``[target]``, or a CSV's one file per table)."""
    return get(fmt).write_files(results, target, sources, options)


def writer(fmt: str, options: ExportOptions | None = None) -> OutputWriter:
    """A writer of one ``fmt`` file from several documents, added one by one (each while its caller has it
    open): ``with writer(fmt) as out: out.add(result, document) ... out.save(target)`` (``save_files``:
    every file written)."""
    return get(fmt).writer(options)


__all__ = ["FORMATS", "OUTPUT_SUFFIXES", "PAGE_BREAK", "DocumentSource", "ExportOptions", "NothingToExport",
           "OutputFormat", "OutputWriter", "TextFormat", "get", "markdown_escape", "page_text", "render", "to_hocr",
           "to_html", "to_json", "to_markdown", "to_text", "write", "write_files", "writer", "CSV", "DOCX", "HOCR",
           "HTML", "JSON", "MD", "PDF", "TXT", "XLSX"]
