"""Where the exports' names were imported from before output formats became a registry (``core.formats``),
output naming and its guards a module of their own (``core.output_files``) and the atomic replace another
(``core.atomic_files``). Kept only for the modules not yet moved to those (the CLI's ``ocr`` command, the
window's Copy and Export dialog); new code imports from them directly."""

from __future__ import annotations

from .atomic_files import replacing, write_atomically
from .formats import OUTPUT_SUFFIXES, PAGE_BREAK, page_text, render, to_hocr, to_json, to_markdown, to_text
from .output_files import OutputName, WrittenOutputs, file_identity, output_path_for, output_paths

__all__ = ["OUTPUT_SUFFIXES", "PAGE_BREAK", "OutputName", "WrittenOutputs", "file_identity", "output_path_for",
           "output_paths", "page_text", "render", "replacing", "to_hocr", "to_json", "to_markdown", "to_text",
           "write_atomically"]
