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


def _natural_width(text: str, fontname: str, fontsize: float) -> float:
    """How wide ``text`` is at 100 % horizontal scaling in the font as the PDF declares it: Helvetica's
    widths; the CJK font PyMuPDF writes declares none, so there every glyph takes the default 1 em (in every
    reader), whatever width the font that PyMuPDF measures with gives it."""
    if fontname == "helv":
        return _font(fontname).text_length(text, fontsize=fontsize)
    return fontsize * len(text)


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
    natural = _natural_width(text, fontname, fontsize)
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
    by_page = {page.page: page for page in result.pages if not page.error}
    target = Path(target)
    with MUPDF_LOCK:  # the whole build: the output document, the font cache, the source's pages
        out = pymupdf.open()
        try:
            if document.kind == "pdf":
                document.copy_pages_into(out)
                pages = []
                for index in range(out.page_count):
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
            with replacing(target) as temporary:
                if utf8_path(temporary):
                    out.save(temporary, garbage=3, deflate=True)
                else:  # MuPDF takes UTF-8 file names only
                    Path(temporary).write_bytes(out.tobytes(garbage=3, deflate=True))
        finally:
            out.close()
    return target
