"""Write results as plain text, Markdown or JSON."""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import tempfile
import threading
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from .results import DocumentResult, results_to_json
from .layout import paragraphs

FORMATS = {"txt": ".txt", "md": ".md", "json": ".json", "hocr": ".hocr"}  # text formats; "pdf": searchable_pdf


def _page_text(page, escape=None, soft_break: str = "\n") -> str:
    """Paragraphs with a blank line between blocks and ``soft_break`` between lines of one block."""
    out = []
    for number, paragraph in enumerate(paragraphs(page.lines)):
        text = escape(paragraph.text) if escape else paragraph.text
        if number:
            out.append("\n\n" if paragraph.new_block else soft_break)
        out.append(text)
    return "".join(out)


def page_text(page) -> str:
    """One page's text as the txt export writes it (rows of cells on one line, paragraphs joined): what
    Copy Page puts on the clipboard."""
    return _page_text(page)


TABLE_ROW_GAP = 2.5  # line heights between two rows of one table, at most


def _column_of(cell: tuple[float, float, float, float], columns: list[tuple[float, float]]) -> int | None:
    """The column a cell sits in: one its x-range overlaps and whose left edge, right edge or centre it
    shares (within 1.5 line heights: tables align cells left, right or centred); None when there is none."""
    tolerance = 1.5 * max(1.0, cell[3] - cell[1])
    for number, (x0, x1) in enumerate(columns):
        if min(cell[2], x1) - max(cell[0], x0) <= 0:
            continue
        if (abs(cell[0] - x0) <= tolerance or abs(cell[2] - x1) <= tolerance
                or abs((cell[0] + cell[2]) / 2 - (x0 + x1) / 2) <= tolerance):
            return number
    return None


def _table(rows: list, lines) -> list[list[str]] | None:
    """The cells of consecutive row paragraphs as a grid, when their cells line up in the columns of the
    widest row (no two cells of a row in one column); None otherwise."""
    widest = max(rows, key=lambda row: len(row.lines))
    columns = [(lines[i].bbox[0], lines[i].bbox[2]) for i in widest.lines]
    if len(rows) < 2 or len(columns) < 2:
        return None
    grid = []
    for row in rows:
        cells = [""] * len(columns)
        for index in row.lines:
            column = _column_of(lines[index].bbox, columns)
            if column is None or cells[column]:
                return None
            cells[column] = lines[index].text.strip()
        grid.append(cells)
    return grid


def _table_runs(paras: list, lines) -> dict[int, tuple[int, list[list[str]]]]:
    """{index of a table's first paragraph: (index after its last, its grid)} for runs of two or more rows
    (tables, forms, receipts) whose cells line up in columns."""
    runs: dict[int, tuple[int, list[list[str]]]] = {}
    start = 0
    while start < len(paras):
        end = start
        while end < len(paras) and paras[end].kind == "row":
            if end > start:
                above, below = lines[paras[end - 1].lines[0]].bbox, lines[paras[end].lines[0]].bbox
                if below[1] - above[3] > TABLE_ROW_GAP * max(1.0, above[3] - above[1]):
                    break
            end += 1
        best = None
        for stop in range(end, start + 1, -1):  # the longest run from ``start`` that lines up
            grid = _table(paras[start:stop], lines)
            if grid is not None:
                best = (stop, grid)
                break
        if best is not None:
            runs[start] = best
            start = best[0]
        else:
            start += 1
    return runs


def _markdown_page(page) -> str:
    """Paragraphs as in text exports (lines of one paragraph two spaces and a newline apart), and rows whose
    cells line up in columns as a Markdown table (its first row the header)."""
    paras = paragraphs(page.lines)
    runs = _table_runs(paras, page.lines)
    out: list[str] = []
    index = 0
    while index < len(paras):
        if index in runs:
            stop, grid = runs[index]
            cells = [[_markdown_escape(cell) for cell in row] for row in grid]
            table = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * len(cells[0])]
            table += ["| " + " | ".join(row) + " |" for row in cells[1:]]
            out.append(("\n\n" if out else "") + "\n".join(table))
            out.append("\n\n")
            index = stop
            continue
        paragraph = paras[index]
        if out and not out[-1].endswith("\n\n"):
            out.append("\n\n" if paragraph.new_block else "  \n")
        out.append(_markdown_escape(paragraph.text))
        index += 1
    return "".join(out).rstrip("\n")


PAGE_BREAK = "\f\n"  # between two pages of a txt export, also of two files: a form feed, as pdftotext writes


def to_text(results: Sequence[DocumentResult]) -> str:
    """Each page's text in reading order, wrapped lines joined into paragraphs, a blank line where the
    page has a gap. A form feed (and a newline) between two pages, as pdftotext separates them: what
    ``less`` shows as ^L and ``text.split("\\f")`` splits into pages; nothing is added that could be read
    as the page's own text. Files, when there are several, are headed by their path, their first page
    after a form feed too, so that every page of the text is one piece between form feeds."""
    parts = []
    for result in results:
        pages = PAGE_BREAK.join(_page_text(page) + "\n" if page.lines else "" for page in result.pages)
        if len(results) > 1:
            pages = f"==> {result.path} <==\n{pages}"
        parts.append(pages)
    return PAGE_BREAK.join(parts)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|])")
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([#>+\-=])")
# "1. " or "1) " starts a numbered list; the escape goes before the punctuation (a backslash before a
# digit is not an escape in Markdown and would show). "9.53" is not a list and is left alone.
_MARKDOWN_NUMBERED = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")


def _markdown_escape(text: str) -> str:
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = _MARKDOWN_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return _MARKDOWN_NUMBERED.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def to_markdown(results: Sequence[DocumentResult]) -> str:
    """A heading per file and per page; the text as paragraphs (wrapped lines joined), with Markdown's
    special characters escaped so the text reads as it was recognised."""
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
                out.append(_markdown_page(page) + "\n")
    return "\n".join(out)


_NUMBER = r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?"
_NUMBERS = re.compile(rf"\[\n\s*({_NUMBER}(?:,\n\s*{_NUMBER})*)\n\s*\]")  # an array of numbers only
_BOX = re.compile(r"\[\n\s*(\[[^\[\]\n]*\]),\n\s*(\[[^\[\]\n]*\]),\n\s*(\[[^\[\]\n]*\]),\n\s*(\[[^\[\]\n]*\])\n\s*\]")


_SURROGATE = re.compile("[\ud800-\udfff]")


def to_json(results: Sequence[DocumentResult]) -> str:
    """Indented JSON with each box on one line. (Only arrays that span lines are joined, and JSON
    strings never contain a raw newline, so recognised text is never touched.)"""
    text = json.dumps(results_to_json(results), ensure_ascii=False, indent=1)
    # A file name that is not valid UTF-8 reaches here as os.fsdecode gives it: its undecodable bytes as
    # lone surrogates (U+DC80-U+DCFF), which no UTF-8 file can hold. They are written as JSON escapes
    # ("x\udcff.png"): valid JSON, readable, and json.loads + os.fsencode give back the exact bytes.
    text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    text = _NUMBERS.sub(lambda m: "[" + re.sub(r",\n\s*", ", ", m.group(1)) + "]", text)
    return _BOX.sub(r"[\1, \2, \3, \4]", text) + "\n"


def _models_of(results: Sequence[DocumentResult]) -> str:
    """The detection and recognition models that made these results, as hOCR's ocr-system names them."""
    names = dict.fromkeys(name for result in results for role, name in result.models.items()
                          if role in ("det", "rec", "latin_rec"))
    return ", ".join(names) or "PP-OCR"


def to_hocr(results: Sequence[DocumentResult]) -> str:
    """hOCR 1.2, the interchange format of OCR tools: pages, lines (with confidence) and words. Word boxes
    are the line's box divided in proportion to the characters (the recogniser gives lines)."""
    from html import escape

    from .version import VERSION as __version__

    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
           '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
           '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">',
           "<head>", "<title></title>", '<meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>',
           f'<meta name="ocr-system" content="DocScan {__version__} (PaddleOCR {escape(_models_of(results))})"/>',
           '<meta name="ocr-capabilities" content="ocr_page ocr_line ocrx_word"/>', "</head>", "<body>"]
    for file_number, result in enumerate(results, start=1):
        source = escape(result.path or "", quote=True)
        for page in result.pages:
            page_id = f"{file_number}_{page.page}"
            out.append(f'<div class="ocr_page" id="page_{page_id}" title="image &quot;{source}&quot;; '
                       f'bbox 0 0 {page.width} {page.height}; ppageno {page.page - 1}">')
            for line_number, line in enumerate(page.lines, start=1):
                x0, y0, x1, y1 = (int(round(v)) for v in line.bbox)
                confidence = int(round(line.confidence * 100))
                out.append(f'<span class="ocr_line" id="line_{page_id}_{line_number}" '
                           f'title="bbox {x0} {y0} {x1} {y1}; x_wconf {confidence}">')
                words = line.text.split()
                total = max(1, len(line.text))
                cursor = 0
                for word_number, word in enumerate(words, start=1):
                    start = line.text.index(word, cursor)
                    cursor = start + len(word)
                    wx0 = x0 + (x1 - x0) * start // total
                    wx1 = x0 + (x1 - x0) * cursor // total
                    out.append(f'<span class="ocrx_word" id="word_{page_id}_{line_number}_{word_number}" '
                               f'title="bbox {wx0} {y0} {wx1} {y1}; x_wconf {confidence}">{escape(word)}</span>')
                out.append("</span>")
            out.append("</div>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def render(results: Sequence[DocumentResult], fmt: str) -> str:
    if fmt == "hocr":
        return to_hocr(results)
    if fmt == "txt":
        return to_text(results)
    if fmt == "md":
        return to_markdown(results)
    if fmt == "json":
        return to_json(results)
    raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")


_umask_lock = threading.Lock()


def _umask() -> int:
    with _umask_lock:  # os.umask can only be read by setting it
        current = os.umask(0o022)
        os.umask(current)
    return current


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A file to write that becomes ``path`` only when the block succeeds, so a crash or a full disk never
    leaves half a file behind. What is at ``path`` decides how:

    - a symbolic link is written through: its target is replaced, the link stays;
    - a FIFO or a character device (``/dev/null``, ``/dev/stdout``, a terminal) is written directly (it
      cannot be replaced, and must not be turned into a regular file);
    - a folder or a block device is refused (OSError);
    - otherwise a temporary file beside it replaces it, with the mode a new file gets from the umask (or
      the replaced file's own mode), not the temporary file's 0600."""
    path = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    try:
        status = os.stat(path)
    except FileNotFoundError:
        status = None
    if status is not None:
        if stat.S_ISFIFO(status.st_mode) or stat.S_ISCHR(status.st_mode):
            yield path
            return
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(errno.EISDIR, "it is a folder, not a file", str(path))
        if not stat.S_ISREG(status.st_mode):
            raise OSError(errno.EINVAL, "it is a device, not a file", str(path))
    mode = stat.S_IMODE(status.st_mode) if status is not None else 0o666 & ~_umask()
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)
    try:
        yield Path(temporary)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def write_atomically(path: Path, text: str) -> None:
    """Write the whole file or nothing."""
    with replacing(path) as temporary:
        # errors: a non-UTF-8 file name in a txt/md heading is written with \udcXX escapes, not a crash
        with open(temporary, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as stream:
            stream.write(text)


# What each format's file name ends with. An output is named after its input's whole name, for every format
# (scan.png -> scan.png.txt, scan.png.ocr.pdf; letter.pdf -> letter.pdf.ocr.pdf): inputs of different names
# never share an output, and an output's name does not depend on what else a run reads (a rerun, or a
# batch export after more files were added, replaces the same file instead of writing a second one).
OUTPUT_SUFFIXES = {**FORMATS, "pdf": ".ocr.pdf"}


def output_path_for(path: str, folder: "Path | str | None", out_dir: Path, fmt: str, copy: int = 1) -> Path:
    """``scan.png`` -> ``OUT/scan.png.txt`` (``OUT/scan.png.ocr.pdf`` for a searchable PDF); files found in a
    folder keep their sub-folders. ``copy`` 2, 3...: ``OUT/scan.png (2).txt``, for a second input whose
    output would otherwise land on the first one's (``output_paths``)."""
    relative = Path(path).relative_to(folder) if folder is not None else Path(Path(path).name)
    mark = f" ({copy})" if copy > 1 else ""
    return out_dir / relative.with_name(relative.name + mark + OUTPUT_SUFFIXES[fmt])


@dataclass(frozen=True)
class OutputName:
    path: Path
    moved_for: str | None = None  # the input whose output has the name this one would have had


def _name_key(path: Path) -> str:
    # Case and Unicode normalisation folded: one file on case-insensitive file systems (macOS, Windows, a
    # FAT or exFAT stick an output folder is copied to) and on macOS's NFD names.
    return unicodedata.normalize("NFC", os.fsdecode(path)).casefold()


def output_paths(inputs: Sequence[tuple[str, "Path | str | None"]], out_dir: Path, fmt: str) -> list[OutputName]:
    """Where each input's output goes when a run writes one file per input into ``out_dir``: its
    ``output_path_for`` name, unless an earlier input has that name (the same file name given from two
    folders, or names that differ only in case): then the first free ``name (2).fmt``, ``name (3).fmt``...
    Decided from the list alone, before anything is written, so that no output of a run replaces
    another; the same inputs always get the same names."""
    natural = [output_path_for(path, folder, out_dir, fmt) for path, folder in inputs]
    owner: dict[str, int] = {}
    for number, target in enumerate(natural):
        owner.setdefault(_name_key(target), number)
    taken = set(owner)
    names = []
    for number, ((path, folder), target) in enumerate(zip(inputs, natural)):
        first = owner[_name_key(target)]
        if first == number:
            names.append(OutputName(target))
            continue
        copy = 2
        while _name_key(target := output_path_for(path, folder, out_dir, fmt, copy)) in taken:
            copy += 1
        taken.add(_name_key(target))
        names.append(OutputName(target, moved_for=inputs[first][0]))
    return names


class WrittenOutputs:
    """The files one run has written. ``check`` refuses a target that is already one of them by another way
    (a link, a spelling the file system takes for the same name): an output never replaces another of
    the same run, whatever ``output_paths`` could not foresee."""

    def __init__(self) -> None:
        self._files: dict[tuple[int, int], Path] = {}

    def check(self, target: Path) -> None:
        earlier = self._files.get(file_identity(target))  # type: ignore[arg-type]
        if earlier is not None:
            raise FileExistsError(errno.EEXIST, f"that file is {earlier}, already written by this run", str(target))

    def add(self, target: Path) -> None:
        identity = file_identity(target)
        if identity is not None:
            self._files[identity] = Path(target)


def file_identity(path) -> tuple[int, int] | None:
    """(device, inode) of the file at ``path``, through links (a link to a file is that file); None when
    there is none."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino
