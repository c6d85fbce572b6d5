"""Run a document through the engine page by page, with progress and cancellation.

Cancellation is checked before each page: the page in progress finishes, the pages done are kept, and
the result says it was cancelled. A page that cannot be rendered or recognised gets its error and the
next page goes on; only an engine that cannot run at all (ModelError, EngineUnavailable) stops the run.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Protocol, Sequence

from .documents import Document
from .engine import OcrEngine
from .errors import DocumentError, EngineUnavailable, ModelError, first_line
from .results import DocumentResult, PageResult


class CancelToken(Protocol):
    def is_set(self) -> bool: ...


@dataclass
class Progress:
    done: int  # pages finished so far in this run
    total: int  # pages in this run
    page: PageResult | None  # the page just finished (None for the report before the first page)


ProgressCallback = Callable[[Progress], None]


def select_pages(document: Document, page_numbers: Sequence[int] | None) -> list[int]:
    """Page numbers (from 1) -> 0-based indices; every page when None. Out of range is a DocumentError."""
    if page_numbers is None:
        return list(range(document.page_count))
    outside = [n for n in page_numbers if not 1 <= n <= document.page_count]
    if outside:
        listed = ", ".join(str(n) for n in outside[:5]) + ("..." if len(outside) > 5 else "")
        word = "Page" if len(outside) == 1 else "Pages"
        count = "1 page" if document.page_count == 1 else f"{document.page_count} pages"
        raise DocumentError(f"{word} {listed} out of range: {document.name} has {count}.")
    return [n - 1 for n in page_numbers]


def recognize_page(document: Document, index: int, engine: OcrEngine, dpi: float | None) -> PageResult:
    """Render and recognise one page; a page that cannot be read is returned with its error."""
    started = time.perf_counter()
    try:
        rendered = document.page(index).render(dpi)
    except DocumentError as exc:
        return PageResult(index + 1, 0, 0, None, [], time.perf_counter() - started, str(exc))
    try:
        ocr = engine.recognize(rendered.to_bgr())
    except (ModelError, EngineUnavailable):
        raise
    except Exception as exc:  # one page the engine chokes on must not stop the document
        return PageResult(index + 1, rendered.width, rendered.height, rendered.dpi, [],
                          time.perf_counter() - started, f"recognition failed: {first_line(exc)}")
    return PageResult(index + 1, rendered.width, rendered.height, rendered.dpi, ocr.lines,
                      time.perf_counter() - started)


def run_document(document: Document, engine: OcrEngine, *, pages: Sequence[int] | None = None,
                 dpi: float | None = None, progress: ProgressCallback | None = None,
                 cancel: CancelToken | None = None, path: str | None = None) -> DocumentResult:
    """Recognise the pages (numbers from 1; all when None) of an open document. ``path`` is what the
    result records as the document's path (None for bytes that came without one)."""
    indices = select_pages(document, pages)
    result = DocumentResult(path, models=engine.models)
    if progress:
        progress(Progress(0, len(indices), None))
    for done, index in enumerate(indices, start=1):
        if cancel is not None and cancel.is_set():
            result.cancelled = True
            break
        page = recognize_page(document, index, engine, dpi)
        result.pages.append(page)
        if progress:
            progress(Progress(done, len(indices), page))
    return result
