"""Open images and PDFs as documents of pages that render lazily.

``open_document(source)`` takes a path or the bytes of a file and recognises the kind by its content, not
its name. PDF pages render at a chosen DPI only when asked (PyMuPDF); image pages (Pillow; every frame of
a TIFF) come with their EXIF rotation applied. Anything that cannot be read raises ``DocumentError`` with
a message a person understands.
"""

from __future__ import annotations

import io
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence, Union

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from . import page_photo
from .errors import DocumentError, PasswordRequired, TooManyPixels, first_line
from .page_photo import Corners, PhotoGeometry

# 150 dpi: measured on the born-digital PDFs of ../shared/eval (benchmarks/render_dpi.py, docs/adr/0002):
# 100 dpi loses small print, 200 and 300 dpi are slower with no better text.
DEFAULT_DPI = 150
MIN_DPI, MAX_DPI = 50, 600  # for OCR (the --dpi option); pages may be rendered for display outside this
RENDER_DPI_RANGE = (5, 2400)

# An image this large (or a PDF page rendered this large) is refused or rendered at a lower DPI: at
# 3 bytes a pixel, 100 megapixels is 300 MB before OCR starts, and text detection works on at most
# 4,000 pixels a side anyway.
MAX_IMAGE_PIXELS = 100_000_000
MAX_RENDER_PIXELS = 40_000_000

IMAGE_FORMATS = {"PNG", "JPEG", "MPO", "TIFF", "BMP", "DIB", "WEBP", "GIF", "PPM"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".jpe", ".tif", ".tiff", ".bmp", ".dib", ".webp", ".gif",
                  ".ppm", ".pgm", ".pbm"}
DOCUMENT_SUFFIXES = IMAGE_SUFFIXES | {".pdf"}
READABLE = "PNG, JPEG, TIFF, BMP, WebP or PDF"


def documents_in(folder: str | Path) -> list[Path]:
    """The images and PDFs anywhere under ``folder``, sorted; sub-folders that cannot be read are skipped
    (a dropped or given folder may hold a few of those)."""
    found = []
    for root, _dirs, files in os.walk(folder):  # os.walk skips unreadable folders (onerror=None)
        found.extend(Path(root) / name for name in files if Path(name).suffix.lower() in DOCUMENT_SUFFIXES)
    return sorted(path for path in found if path.is_file())


def expand_folders(paths) -> tuple[list[tuple[str, Path | None]], list[str]]:
    """Files as given and the documents inside given folders: ([(path, the folder it was found in, or None
    for a file given)], [folders given that hold no images or PDFs])."""
    found: list[tuple[str, Path | None]] = []
    empty: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = documents_in(path)
            found.extend((str(p), path) for p in inside)
            if not inside:
                empty.append(str(given))
        else:
            found.append((str(given), None))
    return found, empty

Source = Union[str, Path, bytes, bytearray, memoryview]

# Pillow's own guard would raise DecompressionBombError with a developer's message; ours comes first.
Image.MAX_IMAGE_PIXELS = None


@dataclass
class Page:
    """One page of a document. ``number`` counts from 1."""

    document: "Document"
    index: int

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def is_pdf(self) -> bool:
        return self.document.kind == "pdf"

    def render(self, dpi: float | None = None) -> "RenderedPage":
        return self.document._render(self.index, dpi)

    def text_layer(self) -> str:
        """The page's own text (PDF text layer); empty for images and for scanned PDF pages."""
        return self.document._text_layer(self.index)


@dataclass
class RenderedPage:
    image: Image.Image  # RGB
    dpi: float | None  # None for image files; for PDF pages the DPI actually used

    @property
    def width(self) -> int:
        return self.image.width

    @property
    def height(self) -> int:
        return self.image.height

    def to_bgr(self) -> np.ndarray:
        """The pixels as a contiguous BGR array, the layout PaddleOCR takes."""
        return np.ascontiguousarray(np.asarray(self.image)[:, :, ::-1])


# PyMuPDF is not thread-safe ("may cause incorrect behaviour or even crash Python"): every MuPDF call in
# the process holds this lock, whichever document or thread it is for (documents, searchable PDFs, the
# window's thumbnails beside its OCR worker, the service's upload checks beside its engines).
MUPDF_LOCK = threading.RLock()


class Document:
    """Base of ImageDocument and PdfDocument. Use as a context manager, or call close()."""

    kind = ""

    def __init__(self, name: str, page_count: int):
        self.name = name
        self.page_count = page_count
        # What a person should know about the file although it could be read (a damaged PDF that was
        # repaired, a page drawn only in part); shown on stderr, in the JSON, the window and the service.
        self.warnings: list[str] = []
        self.file_path: Path | None = None  # a PDF opened from a file (PdfDocument), which another process can open
        self.password: str | None = None

    def warn(self, warning: str) -> None:
        """Add ``warning`` to what a person should know, once."""
        if warning not in self.warnings:
            self.warnings.append(warning)

    def page(self, index: int) -> Page:
        if not 0 <= index < self.page_count:
            raise DocumentError(f"Page {index + 1} is out of range: {self.name} has {pages_phrase(self.page_count)}.")
        return Page(self, index)

    @property
    def pages(self) -> list[Page]:
        return [Page(self, i) for i in range(self.page_count)]

    def page_size(self, index: int) -> tuple[float, float]:
        """The page's size as shown: PDF points for PDF pages (rotation applied), pixels for images
        (EXIF rotation applied). Cheap: nothing is rendered."""
        raise NotImplementedError

    def correction(self, index: int) -> "PhotoGeometry | None":
        """What was done to a photographed page to show it straight (core.page_photo); None: shown as it is."""
        return None

    def close(self) -> None:
        pass

    def __enter__(self) -> "Document":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _render(self, index: int, dpi: float | None) -> RenderedPage:
        raise NotImplementedError

    def _text_layer(self, index: int) -> str:
        return ""


def pages_phrase(n: int) -> str:
    return "1 page" if n == 1 else f"{n} pages"


def to_rgb(image: Image.Image) -> Image.Image:
    """Any Pillow mode to RGB; transparency over white (a transparent screenshot has black text on
    transparent black, which would otherwise vanish); 16-bit and float greys scaled to 8 bits."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        values = np.asarray(image, dtype=np.float64)
        low, high = float(values.min()), float(values.max())
        scaled = (values - low) * (255.0 / (high - low)) if high > low else np.zeros_like(values)
        image = Image.fromarray(scaled.astype(np.uint8), "L")
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return image.convert("RGB") if image.mode != "RGB" else image


class ImageDocument(Document):
    """An image file's frames as pages. With ``flatten_photos`` (the default) a page that is a photo of a
    page is shown corrected (core.page_photo: found, flattened, cropped, its light evened out,
    straightened); the file is never changed, and ``original`` gives the page as stored. The correction is
    worked out once per page, on a small copy, when the page's size or pixels are first asked for."""

    kind = "image"

    def __init__(self, name: str, data: bytes, *, flatten_photos: bool = True):
        self._data = data
        self._lock = threading.Lock()
        try:
            with Image.open(io.BytesIO(data)) as image:
                fmt = image.format
                if fmt not in IMAGE_FORMATS:
                    raise DocumentError(f"{name} is a {fmt} image, which DocScan does not read ({READABLE}).")
                frames = getattr(image, "n_frames", 1) if fmt in ("TIFF", "GIF", "WEBP") else 1
                width, height = image.size
        except DocumentError:
            raise
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
            raise DocumentError(f"{name} is not an image or PDF DocScan can read ({READABLE}).") from exc
        _check_pixels(name, width, height)
        self.format = fmt
        self.flatten_photos = flatten_photos
        self._geometries: dict[int, PhotoGeometry] = {}  # page index -> its correction, once worked out
        self._placed: dict[int, Corners | None] = {}  # page index -> corners a person placed (None: undone)
        super().__init__(name, frames)

    def _stored_size(self, index: int) -> tuple[int, int]:
        with self._lock:
            try:
                with Image.open(io.BytesIO(self._data)) as image:
                    if index:
                        image.seek(index)
                    width, height = image.size
                    orientation = image.getexif().get(0x0112, 1)
            except (OSError, ValueError, SyntaxError, EOFError) as exc:
                raise DocumentError(f"{self.name}: page {index + 1} cannot be read ({exc}).") from exc
        return (height, width) if orientation in (5, 6, 7, 8) else (width, height)

    def page_size(self, index: int) -> tuple[float, float]:
        geometry = self.correction(index)
        return geometry.size if geometry is not None else self._stored_size(index)

    def correction(self, index: int) -> PhotoGeometry | None:
        """How the page is corrected (its corners in the original's pixels, the angle it is turned by and
        the corrected size); None when it is shown as stored (nothing to correct, undone, or the option off)."""
        if not self.flatten_photos:
            return None
        with self._lock:
            geometry = self._geometries.get(index)
        if geometry is None:
            try:
                geometry = self._work_out(index)
            except DocumentError:  # a page that cannot be decoded: shown (and failing) as stored, when rendered
                geometry = PhotoGeometry(None, 0.0, (0, 0))
            with self._lock:
                self._geometries[index] = geometry
        return geometry if geometry.changes else None

    def set_corners(self, index: int, corners: Corners | None) -> None:
        """A person's corners for the page (in the original's pixels): the page is flattened by them and
        straightened again; None undoes the correction (the page as stored)."""
        self.page(index)  # DocumentError when out of range
        with self._lock:
            self._placed[index] = corners
            self._geometries.pop(index, None)

    def _work_out(self, index: int) -> PhotoGeometry:
        with self._lock:
            placed = self._placed.get(index, ...)
        full = self._stored_size(index)
        if placed is None:
            return PhotoGeometry(None, 0.0, full)
        small = self._small_copy(index)
        factor = full[0] / float(small.width)
        corners = None if placed is ... else tuple((x / factor, y / factor) for x, y in placed)
        return page_photo.scaled(page_photo.analyse(small, corners), factor, full)  # type: ignore[arg-type]

    def _small_copy(self, index: int) -> Image.Image:
        """The page as shown (EXIF turn applied), decoded small where the format allows (a JPEG at 1/2 to
        1/8 of its size: a tenth of the time of decoding it whole), to look for the page in it."""
        side = page_photo.ANALYSIS_SIDE
        small = self._decoded(index, draft_side=side)
        if max(small.size) > 2 * side:
            small.thumbnail((2 * side, 2 * side), Image.Resampling.BILINEAR)
        return small

    def _decoded(self, index: int, draft_side: int | None = None) -> Image.Image:
        """Page ``index`` as stored, EXIF turn applied, in RGB; with ``draft_side`` a JPEG is decoded at the
        smallest of 1/2 to 1/8 of its size that keeps that many pixels a side."""
        with self._lock:
            try:
                with Image.open(io.BytesIO(self._data)) as image:
                    if index:
                        image.seek(index)
                    _check_pixels(f"{self.name} page {index + 1}", *image.size)
                    if draft_side is not None and image.format == "JPEG":
                        image.draft("RGB", (draft_side, draft_side))
                    image.load()
                    return to_rgb(ImageOps.exif_transpose(image))
            except DocumentError:
                raise
            except (OSError, ValueError, SyntaxError, EOFError) as exc:
                raise DocumentError(f"{self.name}: page {index + 1} cannot be decoded; the image file is "
                                    f"damaged or cut short ({exc}).") from exc

    def embeddable(self, index: int) -> tuple[bytes | None, float | None]:
        """For a searchable PDF: the file's own bytes when they can go into a PDF unchanged (a single JPEG
        or PNG frame shown as stored: no EXIF turn, no correction), else None; and the DPI the file states
        (None if none)."""
        corrected = self.correction(index) is not None
        with self._lock:
            try:
                with Image.open(io.BytesIO(self._data)) as image:
                    if index:
                        image.seek(index)
                    dpi = image.info.get("dpi")
                    orientation = image.getexif().get(0x0112, 1)
                    plain = image.format in ("JPEG", "PNG") and self.page_count == 1 and orientation == 1
            except (OSError, ValueError, SyntaxError, EOFError) as exc:
                raise DocumentError(f"{self.name}: page {index + 1} cannot be read ({exc}).") from exc
        stated = float(dpi[0]) if isinstance(dpi, tuple) and dpi and MIN_DPI <= float(dpi[0]) <= 2400 else None
        return (self._data if plain and not corrected else None), stated

    def original(self, index: int) -> RenderedPage:
        """The page as stored (EXIF turn applied), without the photo correction."""
        return RenderedPage(self._decoded(index), None)

    def _render(self, index: int, dpi: float | None) -> RenderedPage:
        page = self.original(index)
        geometry = self.correction(index)
        if geometry is None:
            return page
        return RenderedPage(page_photo.apply_geometry(page.image, geometry), None)


class ImagesDocument(Document):
    """Several separate image files as one document, their pages in order (the pages of a scan, each a
    JPEG): what one ImageDocument is for one file. Each file is checked as ImageDocument checks it."""

    kind = "image"

    def __init__(self, name: str, images: Sequence[bytes]):
        if not images:
            raise DocumentError(f"{name} has no pages.")
        parts = [ImageDocument(f"{name} image {number}", bytes(data)) for number, data in enumerate(images, start=1)]
        self._pages = [(part, frame) for part in parts for frame in range(part.page_count)]
        formats = {part.format for part in parts}
        self.format = formats.pop() if len(formats) == 1 else ""
        super().__init__(name, len(self._pages))

    def page_size(self, index: int) -> tuple[float, float]:
        part, frame = self._pages[index]
        return part.page_size(frame)

    def embeddable(self, index: int) -> tuple[bytes | None, float | None]:
        part, frame = self._pages[index]
        return part.embeddable(frame)

    def _render(self, index: int, dpi: float | None) -> RenderedPage:
        part, frame = self._pages[index]
        return part._render(frame, dpi)


def _check_pixels(name: str, width: int, height: int) -> None:
    if width * height > MAX_IMAGE_PIXELS:
        raise TooManyPixels(
            f"{name} is {width:,} x {height:,} pixels ({width * height / 1e6:,.0f} megapixels); DocScan reads "
            f"images up to {MAX_IMAGE_PIXELS / 1e6:,.0f} megapixels. Scale it down or split it first.")
    if width == 0 or height == 0:
        raise DocumentError(f"{name} has no pixels ({width} x {height}).")


def scaled_down_image(source: Source, max_pixels: int | None = None) -> tuple[bytes, float]:
    """An image over the pixel limit, scaled down to fit it (a JPEG decoded at 1/2, 1/4 or 1/8 size
    first, then a smooth resize), as PNG bytes; and the scale used. For opening a photo too large to
    read as it is, once a person agreed."""
    max_pixels = max_pixels or MAX_IMAGE_PIXELS
    data = bytes(source) if isinstance(source, (bytes, bytearray, memoryview)) else Path(source).read_bytes()
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            scale = min(1.0, (max_pixels / float(image.width * image.height)) ** 0.5) * 0.999
            if image.format == "JPEG":  # far less memory and time than decoding it whole
                image.draft("RGB", (int(image.width * scale), int(image.height * scale)))
            image.load()
            shown = ImageOps.exif_transpose(image)
            turned = shown.size != image.size and shown.size == (image.height, image.width)
            small = to_rgb(shown)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise DocumentError(f"The image cannot be decoded to scale it down ({exc}).") from exc
    fit = min(1.0, (max_pixels / float(small.width * small.height)) ** 0.5) * 0.999
    if fit < 1.0:
        small = small.resize((max(1, int(small.width * fit)), max(1, int(small.height * fit))),
                             Image.Resampling.LANCZOS)
    out = io.BytesIO()
    small.save(out, format="PNG", compress_level=1)
    return out.getvalue(), small.width / float(height if turned else width)


class PdfDocument(Document):
    kind = "pdf"

    def __init__(self, name: str, data: bytes | Path, password: str | None):
        import pymupdf  # PyMuPDF

        self._lock = MUPDF_LOCK
        with self._lock:
            pymupdf.TOOLS.mupdf_warnings(reset=True)
            try:
                if isinstance(data, Path) and utf8_path(data):
                    doc = pymupdf.open(data, filetype="pdf")
                elif isinstance(data, Path):  # MuPDF takes UTF-8 file names only: give it the bytes instead
                    doc = pymupdf.open(stream=data.read_bytes(), filetype="pdf")
                else:
                    doc = pymupdf.open(stream=data, filetype="pdf")
            except Exception as exc:  # PyMuPDF raises FileDataError, RuntimeError, ValueError...
                raise DocumentError(f"{name} is damaged and cannot be opened as a PDF ({first_line(exc)}).") from exc
            repaired = doc.is_repaired
            found = _mupdf_messages()
            if doc.needs_pass:
                if not password:
                    doc.close()
                    raise PasswordRequired(f"{name} is password-protected. Give its password.")
                if not doc.authenticate(password):
                    doc.close()
                    raise PasswordRequired(f"The password given for {name} is not right.")
            page_count = doc.page_count
            if page_count == 0:
                doc.close()
                raise DocumentError(f"{name} has no pages" + (" that could be read (it is damaged)." if repaired else "."))
        super().__init__(name, page_count)
        if repaired:
            self.warnings.append("the PDF is damaged (" + (found[0] if found else "broken cross-reference table")
                                 + "); it was repaired to be read, and some pages may be incomplete or blank.")
        self._doc = doc
        # what another process needs to open this PDF again (an engine process renders its pages itself)
        self.file_path = data if isinstance(data, Path) else None
        self.password = password

    def close(self) -> None:
        with self._lock:
            if self._doc is not None:
                self._doc.close()
                self._doc = None

    def copy_pages_into(self, target, index: int | None = None) -> None:
        """Append every page of this PDF (or only page ``index``), as it is, to the PyMuPDF document
        ``target`` (the searchable-PDF export builds on the original pages without opening the file a second
        time)."""
        with self._lock:
            if self._doc is None:
                raise DocumentError(f"{self.name} is closed.")
            if index is None:
                target.insert_pdf(self._doc)
            else:
                target.insert_pdf(self._doc, from_page=index, to_page=index)

    def _page(self, index: int):
        if self._doc is None:
            raise DocumentError(f"{self.name} is closed.")
        try:
            return self._doc.load_page(index)
        except Exception as exc:
            raise DocumentError(f"{self.name}: page {index + 1} is damaged ({first_line(exc)}).") from exc

    def page_size(self, index: int) -> tuple[float, float]:
        with self._lock:
            rect = self._page(index).rect  # rotation applied
            return rect.width, rect.height

    def _render(self, index: int, dpi: float | None) -> RenderedPage:
        dpi = float(dpi or DEFAULT_DPI)
        if not RENDER_DPI_RANGE[0] <= dpi <= RENDER_DPI_RANGE[1]:
            raise ValueError(f"DPI must be between {RENDER_DPI_RANGE[0]} and {RENDER_DPI_RANGE[1]}, not {dpi:g}")
        import pymupdf

        with self._lock:
            pymupdf.TOOLS.mupdf_warnings(reset=True)  # loading a damaged page warns too
            page = self._page(index)
            width_in, height_in = page.rect.width / 72.0, page.rect.height / 72.0
            if width_in * height_in * dpi * dpi > MAX_RENDER_PIXELS:
                # A poster-sized page: render it as large as the limit allows and record the real DPI.
                dpi = (MAX_RENDER_PIXELS / (width_in * height_in)) ** 0.5
            dpi = int(dpi)  # PyMuPDF takes whole DPIs
            try:
                pixmap = page.get_pixmap(dpi=dpi, alpha=False)
            except Exception as exc:
                raise DocumentError(f"{self.name}: page {index + 1} cannot be rendered ({first_line(exc)}).") from exc
            problems = _mupdf_messages()
            if problems:
                if pixmap.is_unicolor:  # nothing of the page could be drawn
                    raise DocumentError(f"{self.name}: page {index + 1} could not be read; the file is damaged "
                                        f"({problems[0]}).")
                warning = f"page {index + 1} may be incomplete; the file is damaged ({problems[0]})."
                self.warn(warning)
            if pixmap.n != 3:
                import pymupdf

                pixmap = pymupdf.Pixmap(pymupdf.csRGB, pixmap)
            image = Image.frombytes("RGB", (pixmap.width, pixmap.height), pixmap.samples)
            # MuPDF keeps what it decoded (a scanned page's full-size image) in its store, up to 256 MB,
            # and the process keeps that memory after: emptied after each page, a 40-page scan's rendering
            # holds 220 MB instead of 480 (ADR 0018). A page shown again decodes its image again (~50 ms).
            pymupdf.TOOLS.store_shrink(100)
            return RenderedPage(image, dpi)

    def _text_layer(self, index: int) -> str:
        with self._lock:
            return self._page(index).get_text("text")

    def text_layer_lines(self, index: int) -> tuple[list[tuple[tuple[float, float, float, float], str]], float]:
        """The page's own text lines as (box in points, as the page is shown; text), and the share of the
        page the largest image covers (a scanned page is one big image)."""
        import pymupdf

        with self._lock:
            page = self._page(index)
            matrix = page.rotation_matrix  # extraction gives unrotated coordinates
            lines = []
            for block in page.get_text("dict", flags=pymupdf.TEXTFLAGS_TEXT)["blocks"]:
                for line in block.get("lines", ()):
                    text = "".join(span["text"] for span in line["spans"]).strip()
                    if text:
                        rect = pymupdf.Rect(line["bbox"]) * matrix
                        lines.append(((rect.x0, rect.y0, rect.x1, rect.y1), text))
            page_area = abs(page.rect) or 1.0
            largest = max((abs(pymupdf.Rect(info["bbox"]) & page.mediabox) for info in page.get_image_info()),
                          default=0.0)
            return lines, largest / page_area



def _mupdf_messages() -> list[str]:
    """MuPDF's warnings since the last call (it keeps them process-wide: call with MUPDF_LOCK held)."""
    import pymupdf

    text = pymupdf.TOOLS.mupdf_warnings(reset=True) or ""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("...")]


def utf8_path(path: Path) -> bool:
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:  # a file name that is not valid UTF-8, kept by Python as \udcXX escapes
        return False
    return True


def is_pdf_bytes(data: bytes) -> bool:
    # The PDF header may follow some junk; readers accept it within the first 1,024 bytes.
    return b"%PDF-" in data[:1024]


def open_document(source: Source, *, password: str | None = None, name: str | None = None,
                  flatten_photos: bool = True) -> Document:
    """Open a path or the bytes of an image or PDF. The kind is recognised from the content.
    ``flatten_photos``: an image that is a photo of a page is shown corrected (ImageDocument)."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        name = name or "the uploaded file"
        if not data:
            raise DocumentError(f"{name} is empty (0 bytes).")
        if is_pdf_bytes(data):
            return PdfDocument(name, data, password)
        return ImageDocument(name, data, flatten_photos=flatten_photos)
    path = Path(source)
    name = name or str(source)
    if not path.exists():
        if path.is_symlink():
            try:
                os.stat(path)
            except OSError as exc:  # ELOOP for a loop, ENOENT for a link to nothing
                raise DocumentError(f"{name} is a link that leads nowhere ({exc.strerror}).") from None
        raise DocumentError(f"{name} does not exist.")
    if path.is_dir():
        raise DocumentError(f"{name} is a folder, not a file.")
    if not path.is_file():  # reading a FIFO without a writer would wait for ever; a device never ends
        raise DocumentError(f"{name} is not a regular file (a pipe, socket or device); save it as a file first.")
    try:
        with open(path, "rb") as handle:
            head = handle.read(1024)
            if not head:
                raise DocumentError(f"{name} is empty (0 bytes).")
            if is_pdf_bytes(head):
                # PyMuPDF reads a PDF file lazily; a 300-page scan is not loaded into memory.
                return PdfDocument(name, path, password)
            return ImageDocument(name, head + handle.read(), flatten_photos=flatten_photos)
    except PermissionError as exc:
        raise DocumentError(f"{name} cannot be read: permission denied.") from exc
    except IsADirectoryError as exc:
        raise DocumentError(f"{name} is a folder, not a file.") from exc
    except OSError as exc:
        raise DocumentError(f"{name} cannot be read ({exc.strerror or exc}).") from exc


@dataclass(frozen=True)
class PageRanges:
    """Pages as a person writes them ("1-3,7", "5-"), kept as ranges: "1-100000000" costs no more than
    "1-3" until it meets a document, whose page count clips it (``indices``)."""

    spans: tuple[tuple[int, int | None], ...]  # (first, last) from 1; last None: to the end

    def indices(self, page_count: int) -> list[int]:
        """0-based indices of the pages that exist, in the order given, without repeats. ValueError naming
        the parts that lie wholly outside the document."""
        outside = [first for first, _ in self.spans if first > page_count]
        if outside:
            listed = ", ".join(str(n) for n in outside[:5]) + ("..." if len(outside) > 5 else "")
            raise ValueError(f"{'Page' if len(outside) == 1 else 'Pages'} {listed} out of range")
        seen: set[int] = set()
        out: list[int] = []
        for first, last in self.spans:
            stop = page_count if last is None else min(last, page_count)  # clipped before anything is built
            for index in range(first - 1, stop):
                if index not in seen:
                    seen.add(index)
                    out.append(index)
        return out

    def __str__(self) -> str:
        return ",".join(str(a) if a == b else f"{a}-{'' if b is None else b}" for a, b in self.spans)


MAX_PAGE_SPEC = 1000  # characters of a page specification: more is not something a person typed


def parse_page_ranges(spec: str) -> PageRanges:
    """'1-3,7' -> pages 1 to 3 and 7; '5-' -> 5 to the end. Time is proportional to the text, whatever
    the numbers (nothing is expanded until a document's page count is known)."""
    if len(spec) > MAX_PAGE_SPEC:
        raise ValueError(f"the page list is {len(spec):,} characters long; give ranges (1-3,7), at most "
                         f"{MAX_PAGE_SPEC} characters")
    spans: list[tuple[int, int | None]] = []
    for part in spec.replace(" ", "").split(","):
        if not part:
            continue
        try:
            if "-" in part:
                first_text, last_text = part.split("-", 1)
                first, last = int(first_text), (int(last_text) if last_text else None)
            else:
                first = last = int(part)
        except ValueError:
            raise ValueError(f"'{part}' is not a page or range of pages (write e.g. 1-3,7)") from None
        if first < 1 or (last is not None and last < first):
            raise ValueError(f"'{part}' is not a valid range: pages count from 1, and a range goes upwards")
        spans.append((first, last))
    if not spans:
        raise ValueError("no pages given")
    return PageRanges(tuple(spans))


def page_ranges(numbers) -> str:
    """Page numbers as a person reads them: [1, 2, 4, 5, 6] -> "1, 2, 4–6" (sorted, each once; three or
    more in a row as a range). The CLI, the batch export and the window list pages so."""
    ordered = sorted(set(numbers))
    parts: list[str] = []
    start = 0
    while start < len(ordered):
        end = start
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        if end - start >= 2:
            parts.append(f"{ordered[start]}\u2013{ordered[end]}")
        else:
            parts.extend(str(n) for n in ordered[start:end + 1])
        start = end + 1
    return ", ".join(parts)


def page_list(numbers) -> str:
    """[1, 2, 4, 5, 6] -> "pages 1, 2, 4–6", [3] -> "page 3"."""
    return ("page " if len(set(numbers)) == 1 else "pages ") + page_ranges(numbers)


def _page_failure_reason(name: str, number: int, error: str) -> str:
    """What is wrong with a page, without the document's name and page number its message starts with
    ("scan.pdf: page 3 could not be read; the file is damaged (x)." -> "the file is damaged (x)")."""
    reason = error.strip()
    for prefix in (f"{name}: page {number}", f"{name} page {number}", f"page {number}", f"Page {number}"):
        if reason.startswith(prefix) and not reason[len(prefix):len(prefix) + 1].isdigit():
            reason = reason[len(prefix):].lstrip(" :;,")
            break
    else:
        return reason.rstrip(".")
    for lead in ("could not be read", "cannot be read", "cannot be decoded"):
        if reason.startswith(lead):
            rest = reason[len(lead):].lstrip(" :;,").rstrip(".")
            reason = rest[1:-1] if rest.startswith("(") and rest.endswith(")") else rest or reason
            break
    else:
        if reason.startswith(("is ", "cannot ", "could not ", "has ")):
            reason = "the page " + reason
    return reason.rstrip(".")


def unreadable_pages(name: str, failures) -> list[str]:
    """The pages of one document that could not be read, one line per distinct reason, the pages that share
    it listed together, in page order: "broken.pdf: pages 1, 2, 4–6 could not be read: the file is damaged
    (...)". ``failures``: (page number from 1, the page's error message) pairs."""
    by_reason: dict[str, list[int]] = {}
    for number, error in sorted(failures, key=lambda failure: failure[0]):
        by_reason.setdefault(_page_failure_reason(name, number, error), []).append(number)
    return [f"{name}: {page_list(numbers)} could not be read: {reason}" for reason, numbers in by_reason.items()]
