"""Run a document through the engine page by page, with progress and cancellation.

Cancellation is checked before each page: the page in progress finishes, the pages done are kept, and
the result says it was cancelled. A page that cannot be rendered or recognised gets its error and the
next page goes on; only an engine that cannot run at all (ModelError, EngineUnavailable) stops the run.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import Callable, Protocol, Sequence

from .documents import DEFAULT_DPI, Document, PageRanges, RenderedPage, pages_phrase
from .engine import OcrEngine
from .errors import Cancelled, DocumentError, EngineUnavailable, ModelError, first_line
from .results import DocumentResult, PageResult, TextLine, turn_page_result
from .tables import Table, moved_tables
from .layout import reading_order
from .options import RunOptions

# PIL's transposes that turn an image clockwise by so many degrees
_CLOCKWISE = {90: "ROTATE_270", 180: "ROTATE_180", 270: "ROTATE_90"}


def turn_image(image, degrees: int):
    """``image`` turned ``degrees`` clockwise (a multiple of 90): a page a person turned by hand."""
    degrees %= 360
    if not degrees:
        return image
    from PIL import Image

    return image.transpose(getattr(Image.Transpose, _CLOCKWISE[degrees]))


class CancelToken(Protocol):
    def is_set(self) -> bool: ...


@dataclass
class Progress:
    done: int  # pages finished so far in this run
    total: int  # pages in this run
    page: PageResult | None  # the page just finished (None for the report before the first page)


ProgressCallback = Callable[[Progress], None]


def select_pages(document: Document, page_numbers: PageRanges | Sequence[int] | None) -> list[int]:
    """Page ranges or numbers (from 1) -> 0-based indices; every page when None. A page or range wholly
    outside the document is a DocumentError; a range that runs past its end stops there."""
    if page_numbers is None:
        return list(range(document.page_count))
    if not isinstance(page_numbers, PageRanges):
        page_numbers = PageRanges(tuple((int(n), int(n)) for n in page_numbers))
    try:
        return page_numbers.indices(document.page_count)
    except ValueError as exc:
        raise DocumentError(f"{exc}: {document.name} has {pages_phrase(document.page_count)}.") from None


def text_layer_quality(lines: list[tuple[tuple[float, float, float, float], str]], image_share: float,
                       page_height: float) -> str | None:
    """Why a PDF page's own text layer is not good enough to use instead of OCR; None when it is.

    Not good: (almost) empty; garbage (replacement, control or private-use characters, as fonts without a
    usable Unicode mapping produce); or a scanned page (one image over most of it) whose text covers only
    part of it, such as a stamp or a header added to the scan."""
    text = "".join(t for _, t in lines)
    characters = [c for c in text if not c.isspace()]
    if len(characters) < 10:
        return "empty"
    bad = sum(1 for c in characters if c == "\ufffd" or ord(c) < 32 or 0xE000 <= ord(c) <= 0xF8FF)
    if bad / len(characters) > 0.05:
        return "garbage"
    if image_share >= 0.5:
        top = min(box[1] for box, _ in lines)
        bottom = max(box[3] for box, _ in lines)
        if len(lines) < 5 or (bottom - top) < 0.5 * page_height:
            return "covers only part of a scanned page"
    return None


def text_layer_page(document: Document, index: int, dpi: float | None, *, require_good: bool) -> PageResult | None:
    """The page's own text as a PageResult in the pixels of a ``dpi`` render; None when not good enough."""
    if document.kind != "pdf":
        return None
    started = time.perf_counter()
    lines, image_share = document.text_layer_lines(index)
    width_pt, height_pt = document.page_size(index)
    if require_good and text_layer_quality(lines, image_share, height_pt) is not None:
        return None
    dpi = float(dpi or DEFAULT_DPI)
    scale = dpi / 72.0
    text_lines = [TextLine([(x0 * scale, y0 * scale), (x1 * scale, y0 * scale), (x1 * scale, y1 * scale),
                            (x0 * scale, y1 * scale)], text, 1.0)
                  for (x0, y0, x1, y1), text in lines]
    return PageResult(index + 1, int(round(width_pt * scale)), int(round(height_pt * scale)), dpi,
                      reading_order(text_lines), time.perf_counter() - started, source="text-layer")


def recognize_page(document: Document, index: int, engine: OcrEngine | None, dpi: float | None,
                   ocr_mode: str = "auto", turn: int = 0) -> PageResult:
    """One page's text: its own text layer where that is good (``auto``) or always (``never``), else OCR.
    A page that cannot be read is returned with its error. ``turn``: degrees clockwise a person turned the
    page by hand; the result is of the page so turned."""
    page_source = getattr(document, "page_source", None)  # an arranged document: its page is a page of a file
    if page_source is not None:
        owner, at = page_source(index)
        return replace(recognize_page(owner, at, engine, dpi, ocr_mode, turn), page=index + 1)
    if ocr_mode != "always" and document.kind == "pdf":
        try:
            from_layer = text_layer_page(document, index, dpi, require_good=ocr_mode == "auto")
        except DocumentError as exc:
            return PageResult(index + 1, 0, 0, None, [], 0.0, str(exc))
        if from_layer is not None and (from_layer.lines or ocr_mode == "auto"):
            return turn_page_result(from_layer, turn)
    if ocr_mode == "never" or engine is None:
        return PageResult(index + 1, 0, 0, None, [], 0.0, "no text layer, and OCR is off (--ocr-mode never)")
    started = time.perf_counter()
    renders_itself = getattr(engine, "recognize_pdf_page", None)  # an engine in another process (ProcessEngine)
    if renders_itself is not None and document.file_path is not None:
        return _recognize_pdf_page_elsewhere(renders_itself, document, index, dpi, turn, started)
    try:
        rendered = document.page(index).render(dpi)
    except DocumentError as exc:
        return PageResult(index + 1, 0, 0, None, [], time.perf_counter() - started, str(exc))
    if turn % 360:
        rendered = RenderedPage(turn_image(rendered.image, turn), rendered.dpi)
    try:
        ocr, rotation = engine.recognize_image(rendered.image)
    except (ModelError, EngineUnavailable, Cancelled):
        raise
    except Exception as exc:  # one page the engine chokes on must not stop the document
        return PageResult(index + 1, rendered.width, rendered.height, rendered.dpi, [],
                          time.perf_counter() - started, f"recognition failed: {first_line(exc)}")
    return PageResult(index + 1, rendered.width, rendered.height, rendered.dpi, ocr.lines,
                      time.perf_counter() - started, rotation=rotation, tables=ocr.tables, regions=ocr.regions)


def _recognize_pdf_page_elsewhere(recognize_pdf_page, document: Document, index: int, dpi: float | None,
                                  turn: int, started: float) -> PageResult:
    """recognize_page's OCR by an engine that renders the page in its own process; errors as recognize_page's."""
    try:
        ocr, rotation, rendered = recognize_pdf_page(document, index, dpi, turn)
    except (ModelError, EngineUnavailable, Cancelled):
        raise
    except DocumentError as exc:  # the page cannot be read: its error, as when rendered here
        return PageResult(index + 1, 0, 0, None, [], time.perf_counter() - started, str(exc))
    except Exception as exc:  # the page was read and the engine failed on it: the page has its size (a page
        # without one is a page that cannot be read, which the window does not offer to recognise again)
        used_dpi = float(dpi or DEFAULT_DPI)
        width, height = (round(side * used_dpi / 72.0) for side in document.page_size(index))
        if turn % 180:
            width, height = height, width
        return PageResult(index + 1, width, height, used_dpi, [], time.perf_counter() - started,
                          f"recognition failed: {first_line(exc)}")
    for warning in rendered["warnings"]:  # found by the engine process's copy of the document
        document.warn(warning)
    return PageResult(index + 1, rendered["width"], rendered["height"], rendered["dpi"], ocr.lines,
                      time.perf_counter() - started, rotation=rotation, tables=ocr.tables, regions=ocr.regions)


def recognize_region(document: Document, index: int, engine: OcrEngine, dpi: float | None,
                     region: tuple[float, float, float, float], turn: int = 0) -> tuple[PageResult, tuple]:
    """The lines in ``region`` (x0, y0, x1, y1 in the pixels of the page rendered at ``dpi`` and turned
    ``turn`` by hand), as a PageResult in the page's pixels, and the region clipped to the page. The
    region is read as it is shown (turned upright first when it lies sideways, like a page)."""
    started = time.perf_counter()
    rendered = document.page(index).render(dpi)
    image = turn_image(rendered.image, turn)
    x0, y0, x1, y1 = (int(round(v)) for v in region)
    x0, y0 = max(0, x0), max(0, y0)
    x1, y1 = min(image.width, x1), min(image.height, y1)
    lines: list[TextLine] = []
    tables: list[Table] = []
    if x1 - x0 >= 4 and y1 - y0 >= 4:
        ocr, _ = engine.recognize_image(image.crop((x0, y0, x1, y1)))
        lines = [replace(line, box=[(x + x0, y + y0) for x, y in line.box]) for line in ocr.lines]
        tables = moved_tables(ocr.tables, lambda box: (box[0] + x0, box[1] + y0, box[2] + x0, box[3] + y0))
    page = PageResult(index + 1, image.width, image.height, rendered.dpi, reading_order(lines),
                      time.perf_counter() - started, tables=tables)
    return page, (float(x0), float(y0), float(x1), float(y1))


def run_document(document: Document, engine: OcrEngine | None, options: RunOptions | None = None, *,
                 progress: ProgressCallback | None = None, cancel: CancelToken | None = None,
                 path: str | None = None, page_started: Callable[[int], None] | None = None,
                 pages: Sequence[int] | None = None, dpi: float | None = None, ocr_mode: str | None = None,
                 turns: dict[int, int] | None = None) -> DocumentResult:
    """Recognise an open document's pages as ``options`` say (RunOptions: pages from 1, all when None; the
    DPI; the OCR mode; ``turns``, page index -> degrees a person turned it by hand). ``path`` is what the
    result records as the document's path (None for bytes that came without one); ``page_started(index)``
    is told before each page. ``pages``, ``dpi``, ``ocr_mode`` and ``turns`` as keywords are the same
    options given one by one (they override ``options``'s)."""
    options = options or RunOptions()
    given = {name: value for name, value in (("pages", pages), ("dpi", dpi), ("ocr_mode", ocr_mode),
                                             ("turns", turns)) if value is not None}
    if given:
        options = replace(options, **given)
    indices = select_pages(document, options.pages)
    result = DocumentResult(path, models=engine.models if engine is not None else {})
    if progress:
        progress(Progress(0, len(indices), None))
    for done, index in enumerate(indices, start=1):
        if cancel is not None and cancel.is_set():
            result.cancelled = True
            break
        if page_started:
            page_started(index)
        page = recognize_page(document, index, engine, options.dpi, options.ocr_mode, options.turns.get(index, 0))
        result.pages.append(page)
        if progress:
            progress(Progress(done, len(indices), page))
    result.warnings = list(document.warnings)
    return result
