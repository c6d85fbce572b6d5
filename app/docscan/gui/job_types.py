"""The window's value types: where a document comes from (``Source``), what the I/O worker learned when it
opened one (``OpenedInfo``), a recognition job (``OcrJob``) and a region's result (``RegionResult``).
Plain dataclasses without Qt, shared by the model, the controllers and the workers (gui/threads.py)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

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
    # a photo's page corners a person set (page index -> four corners in the original's pixels, or None: the
    # page as stored); an image file's pages only, applied whenever the document is opened (Page menu)
    corners: tuple[tuple[int, tuple | None], ...] = ()

    def straightened(self, index: int) -> bool:
        """Page ``index`` is shown corrected when it is a photo of a page (not undone by a person)."""
        return self.flatten_photos and dict(self.corners).get(index, ()) is not None

    def with_corners(self, index: int, corners) -> "Source":
        """This Source with page ``index``'s corners: four (x, y), None (the page as stored) or "found" (as
        the correction finds them: the default)."""
        placed = dict(self.corners)
        placed.pop(index, None)
        if corners != "found":
            placed[index] = corners
        return replace(self, corners=tuple(sorted(placed.items())))

    def place_corners(self, document: Document) -> Document:
        """``document`` with the corners a person set (an image file's; an arranged document has none)."""
        for index, corners in self.corners:
            if hasattr(document, "set_corners") and index < document.page_count:
                document.set_corners(index, corners)
        return document

    def open_options(self) -> dict:
        """open_document's keywords for this document's files (an arranged document's files are opened so)."""
        return {"flatten_photos": self.flatten_photos}

    def open(self) -> Document:
        if self.parts is not None:
            return ArrangedDocument(self.parts, self.name or "arranged document", **self.open_options())
        if self.path is not None:
            return self.place_corners(open_document(self.path, password=self.password, **self.open_options()))
        return self.place_corners(open_document(self.data, password=self.password, name=self.name or "pasted image",
                                                **self.open_options()))


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
    photo_pages: list[int] = field(default_factory=list)  # the pages shown corrected (photos of pages)


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
