"""What the parent and a worker process say to each other: one dataclass per request and per answer.

A worker answers each request, then reports ``Idle`` (or ``Retiring``, and ends). Every answer that is an
error is ``Failed`` with a CarriedError (a cancel too: ``Failed`` carrying Cancelled)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .carried_errors import CarriedError

if TYPE_CHECKING:
    import numpy as np

    from ..options import RunOptions
    from .shard_work import Shard

# ------------------------------------------------------------------------------ requests (parent -> worker)


@dataclass(frozen=True)
class RecogniseShard:
    """Pages of one file (a batch): answered PageStarted and PageRow per page."""

    shard: "Shard"


@dataclass(frozen=True)
class RecogniseDocument:
    """An image or PDF sent as bytes (the service): answered DocumentDone or Failed."""

    data: bytes
    options: "RunOptions"  # pages and dpi as the request gave them (core/options.py)


@dataclass(frozen=True)
class RecognisePage:
    """A page's RGB pixels, turned upright by the engine (the window): answered ImageDone or Failed."""

    pixels: "np.ndarray"


@dataclass(frozen=True)
class RecogniseCrop:
    """A region's BGR pixels, recognised as they are (the window): answered ImageDone or Failed."""

    pixels: "np.ndarray"


@dataclass(frozen=True)
class RecognisePdfPage:
    """A page of a PDF file, rendered and turned in the worker (ADR 0010): answered ImageDone (with the
    page's size as rendered) or Failed (DocumentError: the page or the file cannot be read)."""

    path: str
    password: str | None
    name: str
    index: int
    dpi: float | None
    turn: int = 0


@dataclass(frozen=True)
class Stop:
    """End politely (the worker also ends when the parent's end of the pipe closes)."""


IMAGE_REQUESTS = (RecognisePage, RecogniseCrop, RecognisePdfPage)

# ------------------------------------------------------------------------------- answers (worker -> parent)


@dataclass(frozen=True)
class Ready:
    """The engine is loaded; ``worker`` is host:pid, as in the rows."""

    worker: str
    rss_mb: float


@dataclass(frozen=True)
class Fatal:
    """The engine could not start; the worker has ended."""

    error: CarriedError


@dataclass(frozen=True)
class PageStarted:
    page: int  # from 1


@dataclass(frozen=True)
class PageRow:
    row: dict  # a row of the job's PAGE_SCHEMA (an error row for a page that failed)


@dataclass(frozen=True)
class DocumentDone:
    result: dict  # DocumentResult.to_dict()


@dataclass(frozen=True)
class ImageDone:
    lines: list[dict]  # TextLine.to_dict() each
    seconds: float
    rotation: int
    rendered: dict = field(default_factory=dict)  # a PDF page's "width", "height", "dpi", "warnings"
    tables: list[dict] = field(default_factory=list)  # Table.to_dict() each
    regions: list[dict] = field(default_factory=list)  # Region.to_dict() each


@dataclass(frozen=True)
class Failed:
    error: CarriedError


@dataclass(frozen=True)
class Idle:
    """Sent after each answer: ready for the next request."""

    pages: int  # done since the worker started
    rss_mb: float


@dataclass(frozen=True)
class Retiring:
    """Sent instead of Idle after ``recycle_pages`` pages or above ``max_rss_mb``; the worker then ends."""

    reason: str
    pages: int
    rss_mb: float
