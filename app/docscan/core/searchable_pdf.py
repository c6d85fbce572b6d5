"""Searchable PDF: every page keeps its original look, with invisible text laid over each recognised line,
so selecting and searching work in any PDF viewer.

- A PDF keeps its own pages (vector content, images, annotations); a rotated page is first given
  rotation 0 with the same appearance, so the text goes exactly where the line is shown. A page turned
  by hand in the window (``DocumentResult.turns``) is turned the same way in the output.
- An image becomes a page of its own size (its DPI, or 150 dpi when the file does not say), with the
  image as shown (EXIF rotation applied) and the invisible text over it: the file's own bytes where they
  can go in unchanged (a JPEG or PNG needing no turn), so a JPEG is not re-encoded.
- Every MuPDF call holds documents.MUPDF_LOCK (PyMuPDF is not thread-safe), and the document already open
  is used: the file is not opened a second time.
- Several documents can make one PDF, their pages in the order added (``SearchablePdf``): the pages of a
  letter scanned one image at a time.
- Each line's text is set in Helvetica (or a CJK font for Chinese), sized to the box's height and
  stretched to its width, in render mode 3 (invisible).
"""

from __future__ import annotations

import io
from pathlib import Path

import pymupdf

from .documents import MUPDF_LOCK, Document, Source, open_document, utf8_path
from .export import replacing
from .results import DocumentResult, TextLine

IMAGE_DPI_FALLBACK = 150.0


def _font_for(text: str) -> str:
    return "helv" if all(ord(c) < 256 for c in text) else "china-s"


_FONTS: dict[str, pymupdf.Font] = {}


def _font(name: str) -> pymupdf.Font:
    if name not in _FONTS:
        _FONTS[name] = pymupdf.Font(name)
    return _FONTS[name]


def add_invisible_line(page: "pymupdf.Page", line: TextLine, scale_x: float, scale_y: float) -> None:
    """Lay ``line`` (pixel box) over ``page`` (points), scaled by points-per-pixel."""
    text = line.text.strip()
    if not text:
        return
    x0, y0, x1, y1 = line.bbox
    x0, x1, y0, y1 = x0 * scale_x, x1 * scale_x, y0 * scale_y, y1 * scale_y
    height, width = y1 - y0, x1 - x0
    if height <= 0 or width <= 0:
        return
    fontname = _font_for(text)
    fontsize = max(1.0, height * 0.8)
    natural = _font(fontname).text_length(text, fontsize=fontsize)
    baseline = pymupdf.Point(x0, y1 - height * 0.18)
    stretch = width / natural if natural > 0 else 1.0
    page.insert_text(baseline, text, fontsize=fontsize, fontname=fontname, render_mode=3,
                     morph=(baseline, pymupdf.Matrix(stretch, 1)))


def _image_page(out: "pymupdf.Document", document: Document, index: int) -> "pymupdf.Page":
    original, stated_dpi = document.embeddable(index)
    image = document.page(index).render().image
    dpi = stated_dpi or IMAGE_DPI_FALLBACK
    page_width, page_height = image.width * 72.0 / dpi, image.height * 72.0 / dpi
    if original is None:
        buffer = io.BytesIO()
        if getattr(document, "format", "") in ("JPEG", "MPO"):
            image.save(buffer, format="JPEG", quality=92)
        else:
            image.save(buffer, format="PNG", optimize=False)
        original = buffer.getvalue()
    page = out.new_page(width=page_width, height=page_height)
    page.insert_image(page.rect, stream=original)
    return page


def write_searchable_pdf(source: Source | Document, result: DocumentResult, target: Path, *,
                         password: str | None = None) -> Path:
    """Write ``target``: the document's pages with the recognised text of ``result`` made searchable.
    Pages without a result are kept as they are. ``source``: the open Document (preferred), or a path or
    bytes to open."""
    if isinstance(source, Document):
        return _write(source, result, target)
    with open_document(source, password=password) as document:
        return _write(document, result, target)


def _write(document: Document, result: DocumentResult, target: Path) -> Path:
    with SearchablePdf() as pdf:
        pdf.add(document, result)
        return pdf.save(target)


class SearchablePdf:
    """A searchable PDF built from one document or several, in the order added: ``add`` appends a
    document's pages with its result's invisible text, ``save`` writes the whole file (or nothing). Several
    scans of a letter, one page each, become one PDF. Each document is read while its caller has it open
    (nothing is opened a second time); the pages built so far are kept in memory until ``save``."""

    def __init__(self) -> None:
        with MUPDF_LOCK:
            self._out = pymupdf.open()

    @property
    def page_count(self) -> int:
        with MUPDF_LOCK:
            return self._out.page_count

    def add(self, document: Document, result: DocumentResult) -> None:
        """Append every page of ``document``; a page without a result (or whose result is an error) goes in
        as it is. A document that cannot be added (DocumentError: an image page that cannot be decoded)
        leaves none of its pages behind: what was added before it stays as it was."""
        _add_document(self._out, document, result)

    def save(self, target: Path) -> Path:
        target = Path(target)
        with MUPDF_LOCK:
            with replacing(target) as temporary:
                if utf8_path(temporary):
                    self._out.save(temporary, garbage=3, deflate=True)
                else:  # MuPDF takes UTF-8 file names only
                    Path(temporary).write_bytes(self._out.tobytes(garbage=3, deflate=True))
        return target

    def close(self) -> None:
        with MUPDF_LOCK:
            self._out.close()

    def __enter__(self) -> "SearchablePdf":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _add_document(out: "pymupdf.Document", document: Document, result: DocumentResult) -> None:
    """Append ``document``'s pages to ``out`` with the invisible text of ``result``; on an error, none."""
    by_page = {page.page: page for page in result.pages if not page.error}
    with MUPDF_LOCK:  # the whole build: the output document, the font cache, the source's pages
        first = out.page_count
        try:
            if document.kind == "pdf":
                document.copy_pages_into(out)
                pages = []
                for index in range(first, out.page_count):
                    page = out[index]
                    if page.rotation:
                        page.remove_rotation()  # same look, rotation 0: text goes where the line is shown
                    pages.append(page)
            else:
                pages = [_image_page(out, document, index) for index in range(document.page_count)]
            for index, page in enumerate(pages):
                turn = result.turns.get(index + 1, 0)
                if turn:  # turned by hand in the window: the page is turned, and the lines are of it so
                    page.set_rotation((page.rotation + turn) % 360)
                    page.remove_rotation()
                recognised = by_page.get(index + 1)
                if recognised is None or not recognised.lines:
                    continue
                scale_x = page.rect.width / recognised.width
                scale_y = page.rect.height / recognised.height
                for line in recognised.lines:
                    add_invisible_line(page, line, scale_x, scale_y)
        except BaseException:
            if out.page_count > first:  # none of this document's pages: the PDF stays as it was before it
                out.delete_pages(first, out.page_count - 1)
            raise
