"""Searchable PDF: every page keeps its original look, with invisible text laid over each recognised line,
so selecting and searching work in any PDF viewer.

- A PDF keeps its own pages (vector content, images, annotations); a rotated page is first given
  rotation 0 with the same appearance, so the text goes exactly where the line is shown. A page turned
  by hand in the window (``DocumentResult.turns``) is turned the same way in the output.
- An image becomes a page of its own size (its DPI, or 150 dpi when the file does not say), with the
  image as shown (EXIF rotation applied) and the invisible text over it: a JPEG file's own bytes where they
  can go in unchanged (no turn), so a JPEG is not re-encoded; else an image of few colours (a text page, a
  bilevel scan) as PNG, compact and sharp, and one of continuous tones (a photo) as JPEG.
- An arranged document (core/arranged.py) mixes both: each page is copied from its PDF or embedded from
  its image file, in the arranged order.
- Every MuPDF call holds documents.MUPDF_LOCK (PyMuPDF is not thread-safe), and the document already open
  is used: the file is not opened a second time.
- Several documents can make one PDF, their pages in the order added (``SearchablePdf``): the pages of a
  letter scanned one image at a time.
- Each line's text is set in Helvetica (or a CJK font for Chinese) in render mode 3 (invisible), along
  the line's own baseline (tilted with a photographed page, down a vertical Chinese column), as high as
  its letters and fitted to its length with horizontal scaling; a tilted line carries its text as
  ActualText too, so that Poppler (pdftotext, Evince) reads it whole instead of as scattered letters.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import pymupdf
from PIL import Image

from .documents import MUPDF_LOCK, Document, Source, open_document, utf8_path
from .atomic_files import replacing
from .results import DocumentResult, TextLine

IMAGE_DPI_FALLBACK = 150.0


def _font_for(text: str) -> str:
    return "helv" if all(ord(c) < 256 for c in text) else "china-s"


_FONTS: dict[str, pymupdf.Font] = {}


def _font(name: str) -> pymupdf.Font:
    if name not in _FONTS:
        _FONTS[name] = pymupdf.Font(name)
    return _FONTS[name]


def _written(text: str, fontname: str) -> str:
    """The characters of ``text`` the font can carry: all of them in Helvetica (_font_for chose it for text
    below U+0100); in the CJK font, whose encoding is 2-byte UTF-16, those of the Basic Multilingual Plane."""
    return text if fontname == "helv" else "".join(c for c in text if ord(c) <= 0xFFFF)


def _encoded(written: str, fontname: str) -> str:
    """``written`` as the hex string a Tj shows: one WinAnsi byte a character in Helvetica, UTF-16 in the
    CJK font."""
    return written.encode("latin-1").hex() if fontname == "helv" else written.encode("utf-16-be").hex()


def _natural_width(written: str, fontname: str, fontsize: float) -> float:
    """How wide ``written`` is at 100 % horizontal scaling in the font as the PDF declares it: Helvetica's
    widths; the CJK font PyMuPDF writes declares none, so there every glyph takes the default 1 em (in every
    reader), whatever width the font that PyMuPDF measures with gives it."""
    if fontname == "helv":
        return _font(fontname).text_length(written, fontsize=fontsize)
    return fontsize * len(written)


# The detector's box holds a line's letters with a margin: the font size is this share of the box's height
# (across the line), and the baseline lies this share of that height above the box's lower edge.
FONT_SHARE = 0.8
BASELINE_RISE = 0.18
# PaddleX's crop (CropByPolys) turns a line image at least this much taller than wide a quarter before it is
# recognised: its text was read from the top of the box down.
TALL = 1.5
# A line whose baseline leaves the nearest axis by at most this share of its height over its whole length
# is written exactly level (or upright): the difference cannot be seen, and it needs no ActualText.
LEVEL = 0.1


@dataclass(frozen=True)
class LineFrame:
    """Where a line's text goes on the page (points, y down): from ``origin`` on the baseline along
    ``direction`` (a unit vector) for ``length``, letters ``height`` high with their tops towards ``up``."""
    origin: pymupdf.Point
    direction: pymupdf.Point
    up: pymupdf.Point
    length: float
    height: float

    @property
    def tilted(self) -> bool:
        """Off every axis (a line of a photo or a skewed scan)."""
        return bool(self.direction.x and self.direction.y)


def line_frame(box: Sequence[tuple[float, float]], scale_x: float = 1.0, scale_y: float = 1.0) -> LineFrame | None:
    """A line's frame from its 4-point box (pixels; clockwise from the top-left corner of its text, as the
    detector gives it and a turn by hand keeps it) scaled by ``scale_x``, ``scale_y`` (points per pixel), or
    None when the box is degenerate.

    The text runs along the box's top and bottom edges (their mean), or down its sides for a box TALL times
    taller than wide, which the recogniser read from the top down (a vertical CJK column). Its height is
    measured across that direction: a tilted line gets its letters' height, not that of the upright box
    around it. A line within LEVEL of an axis is laid exactly on it, through the middle of the box."""
    pixels = [pymupdf.Point(x, y) for x, y in box]
    wide = max(abs(pixels[1] - pixels[0]), abs(pixels[2] - pixels[3]))
    high = max(abs(pixels[3] - pixels[0]), abs(pixels[2] - pixels[1]))
    p0, p1, p2, p3 = (pymupdf.Point(p.x * scale_x, p.y * scale_y) for p in pixels)
    across = (p1 - p0 + p2 - p3) / 2
    down = (p3 - p0 + p2 - p1) / 2
    along, side = (down, across) if wide > 0 and high >= TALL * wide else (across, down)
    length = abs(along)
    if length <= 0:
        return None
    direction = along / length
    up = pymupdf.Point(direction.y, -direction.x)  # a quarter turn anticlockwise, as the page shows it
    height = abs(side.x * up.x + side.y * up.y)
    if height <= 0:
        return None
    axis = max((pymupdf.Point(1, 0), pymupdf.Point(0, 1), pymupdf.Point(-1, 0), pymupdf.Point(0, -1)),
               key=lambda a: a.x * direction.x + a.y * direction.y)
    if abs(along.x * axis.y - along.y * axis.x) <= LEVEL * height:  # how far the line strays from the axis
        direction, up = axis, pymupdf.Point(axis.y, -axis.x)
        length = abs(along.x * axis.x + along.y * axis.y)
    centre = (p0 + p1 + p2 + p3) / 4
    origin = centre - direction * (length / 2) - up * (height / 2 - BASELINE_RISE * height)
    return LineFrame(origin, direction, up, length, height)


def add_invisible_line(page: "pymupdf.Page", line: TextLine, scale_x: float, scale_y: float) -> None:
    """Lay ``line`` (pixel box) over ``page`` (points), scaled by points-per-pixel: invisible text (render
    mode 3) along the line's own baseline (line_frame), as high as its letters, fitted to its length with
    horizontal scaling (Tz), so each character sits over its letter and the lines of a tilted photo do not
    run into each other.

    A tilted line is also marked with its text as ActualText. Poppler (pdftotext, Evince, desktop search)
    starts a new word wherever a glyph's baseline is half a point off the previous one's, and a new line
    where it is half the font size off the line's first word, so it reads a tilted line as scattered letters
    woven with the next line's; it takes a marked line whole, in order, as one piece of text. MuPDF and
    PDFium read the glyphs along their baseline either way."""
    text = line.text.strip()
    frame = line_frame(line.box, scale_x, scale_y) if text else None
    if frame is None:
        return
    fontname = _font_for(text)
    written = _written(text, fontname)
    fontsize = max(1.0, frame.height * FONT_SHARE)
    natural = _natural_width(written, fontname, fontsize)
    if natural <= 0:
        return
    to_pdf = ~page.transformation_matrix  # from the page as shown (y down) to the content stream's space
    origin = frame.origin * to_pdf
    direction = frame.direction * to_pdf - pymupdf.Point(0, 0) * to_pdf
    up = frame.up * to_pdf - pymupdf.Point(0, 0) * to_pdf
    page.insert_font(fontname=fontname)
    content = (f"BT /{fontname} {fontsize:.3f} Tf 3 Tr {100 * frame.length / natural:.3f} Tz "
               f"{direction.x:.6f} {direction.y:.6f} {up.x:.6f} {up.y:.6f} {origin.x:.3f} {origin.y:.3f} Tm "
               f"<{_encoded(written, fontname)}> Tj ET")
    if frame.tilted:
        content = f"/Span <</ActualText <feff{text.encode('utf-16-be').hex()}>>> BDC {content} EMC"
    shape = page.new_shape()
    shape.text_cont += f"q {content} Q\n"
    shape.commit()


# An image page with at most this many colours (a bilevel scan, a screenshot, a rendered page of text) goes
# in losslessly as PNG, where it is sharp and small; one with continuous tones (a photo, a grey or colour
# scan) as JPEG, where PNG would be many times larger. Pillow counts colours in C (getcolors stops early).
FEW_COLOURS = 256
JPEG_QUALITY = 90


def page_image_bytes(image, original: bytes | None = None, original_format: str = "") -> tuple[bytes, str]:
    """How an image page is stored in the PDF: (the bytes, "JPEG" or "PNG"). A JPEG file's own bytes go in as
    they are (never encoded twice); an image of few colours as PNG (1 bit a pixel when it is black and white,
    a palette otherwise; a PNG file's own bytes when they are that already); any other as JPEG."""
    if original is not None and original_format in ("JPEG", "MPO"):
        return original, "JPEG"
    colours = image.getcolors(maxcolors=FEW_COLOURS)
    buffer = io.BytesIO()
    if colours is None:
        image.convert("RGB").save(buffer, format="JPEG", quality=JPEG_QUALITY)
        return buffer.getvalue(), "JPEG"
    if original is not None and original_format == "PNG":
        return original, "PNG"
    values = {value for _count, value in colours}
    if values <= {(0, 0, 0), (255, 255, 255), 0, 255}:
        image.convert("1", dither=None).save(buffer, format="PNG", optimize=True)
    else:
        image.convert("RGB").quantize(colors=len(values), method=Image.Quantize.MEDIANCUT,
                                      dither=Image.Dither.NONE).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue(), "PNG"


def _image_page(out: "pymupdf.Document", document: Document, index: int) -> "pymupdf.Page":
    original, stated_dpi = document.embeddable(index)
    image = document.page(index).render().image
    dpi = stated_dpi or IMAGE_DPI_FALLBACK
    page_width, page_height = image.width * 72.0 / dpi, image.height * 72.0 / dpi
    stored, _kind = page_image_bytes(image, original, getattr(document, "format", "") if original else "")
    page = out.new_page(width=page_width, height=page_height)
    page.insert_image(page.rect, stream=stored)
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


def _upright(page: "pymupdf.Page") -> "pymupdf.Page":
    if page.rotation:
        page.remove_rotation()  # same look, rotation 0: text goes where the line is shown
    return page


def _add_document(out: "pymupdf.Document", document: Document, result: DocumentResult) -> None:
    """Append ``document``'s pages to ``out`` with the invisible text of ``result``; on an error, none."""
    by_page = {page.page: page for page in result.pages if not page.error}
    with MUPDF_LOCK:  # the whole build: the output document, the font cache, the source's pages
        first = out.page_count
        try:
            page_source = getattr(document, "page_source", None)  # an arranged document: pages of files
            if document.kind == "pdf" and page_source is None:
                document.copy_pages_into(out)
            else:
                for index in range(document.page_count):
                    owner, at = page_source(index) if page_source is not None else (document, index)
                    if owner.kind == "pdf":
                        owner.copy_pages_into(out, at)
                    else:
                        _image_page(out, owner, at)
            # taken once all are in: inserting a PDF's page lets go of the Page objects taken before
            pages = [_upright(out[index]) for index in range(first, out.page_count)]
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
