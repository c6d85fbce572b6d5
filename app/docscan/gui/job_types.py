"""The window's value types: where a document comes from (``Source``), what the I/O worker learned when it
opened one (``OpenedInfo``), a recognition job (``OcrJob``) and a region's result (``RegionResult``).
Plain dataclasses without Qt, shared by the model, the controllers and the workers (gui/threads.py)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from ..core.arranged import ArrangedDocument, PageRef
from ..core.documents import Document, open_document
from ..core.options import RunOptions
from ..core.results import DocumentResult, PageResult


@dataclass
class Source:
    """What the window knows about where a document comes from."""

    path: str | None  # None for an image pasted from the clipboard
    data: bytes | None = None  # the bytes of a pasted image
    password: str | None = None
    name: str = ""
    flatten_photos: bool = True  # a photo of a page shown corrected (the setting when it was opened)
    # an arranged document (pages moved, deleted, inserted or brought from other files): its pages; it has
    # no file (``path`` None) until it is saved as a PDF
    parts: tuple[PageRef, ...] | None = None

    def open_options(self) -> dict:
        """open_document's keywords for this document's files (an arranged document's files are opened so)."""
        return {"flatten_photos": self.flatten_photos}

    def open(self) -> Document:
        if self.parts is not None:
            return ArrangedDocument(self.parts, self.name or "arranged document", **self.open_options())
        if self.path is not None:
            return open_document(self.path, password=self.password, **self.open_options())
        return open_document(self.data, password=self.password, name=self.name or "pasted image",
                             **self.open_options())


@dataclass
class OpenedInfo:
    key: int
    kind: str
    page_sizes: list[tuple[float, float]]
    saved: DocumentResult | None
    saved_path: str | None
    source: Source | None = None  # what was opened (a pasted image's bytes are made in the worker)
    warnings: list[str] = field(default_factory=list)  # read, but a person should know (a repaired PDF)
    page_kinds: list[str] = field(default_factory=list)  # "pdf" or "image", page by page


_job_ids = itertools.count(1)


@dataclass
class OcrJob:
    key: int
    source: Source
    pages: list[int]  # 0-based indices, in the order to recognise them
    dpi: float
    region: tuple[float, float, float, float] | None = None  # in page-image pixels at ``dpi``, one page
    ocr_mode: str = "auto"
    turns: dict[int, int] = field(default_factory=dict)  # page index -> degrees turned by hand (clockwise)
    job_id: int = field(default_factory=lambda: next(_job_ids))

    @property
    def run_options(self) -> RunOptions:
        """The job as the core's run options (pages counted from 1)."""
        return RunOptions(dpi=self.dpi, ocr_mode=self.ocr_mode, pages=[index + 1 for index in self.pages],
                          turns=self.turns)


@dataclass
class RegionResult:
    page: PageResult  # the region's lines, in the page's pixels
    region: tuple[float, float, float, float]
