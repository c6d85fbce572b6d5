"""Recognised text with its place on the page, in reading order, to and from JSON.

The JSON shape is the one ``docscan ocr --format json`` prints (other tools read it: keys may be added,
never renamed):

    {"files": [{"path": "<as given>", "error": null,
                "pages": [{"page": 1, "width": W, "height": H, "dpi": D or null, "seconds": S,
                           "lines": [{"text": ..., "confidence": 0.97, "box": [[x, y] x 4]}],
                           "tables": [...], "regions": [...]}]}]}

(``tables`` and ``regions``: core/tables.py.)

Coordinates are float pixels in the page image that was recognised.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable

from .layout import paragraphs, reading_order
from .tables import Region, Table, centre_inside, corners_moved, moved_regions, moved_tables
from .text_line import TextLine


@dataclass
class PageResult:
    page: int  # from 1
    width: int
    height: int
    dpi: float | None  # None for image files
    lines: list[TextLine] = field(default_factory=list)
    seconds: float = 0.0
    error: str | None = None  # set when this page could not be recognised
    source: str = "ocr"  # "ocr", or "text-layer" when the PDF's own text was good and used instead
    rotation: int = 0  # degrees (clockwise) the page's content was found turned, and turned back for OCR
    tables: list[Table] = field(default_factory=list)  # the page's tables, their cells filled from the lines
    regions: list[Region] = field(default_factory=list)  # titles, figures, captions ... the layout model found

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def to_dict(self) -> dict:
        data = {"page": self.page, "width": self.width, "height": self.height, "dpi": self.dpi,
                "seconds": round(self.seconds, 3), "source": self.source,
                "lines": [line.to_dict() for line in self.lines],
                # derived from the lines (never read back): paragraphs of running text and rows of cells
                "blocks": [{"kind": p.kind, "box": p.box(self.lines), "lines": p.lines}
                           for p in paragraphs(self.lines)],
                "tables": [table.to_dict() for table in self.tables],
                "regions": [region.to_dict() for region in self.regions]}
        if self.error is not None:
            data["error"] = self.error
        if self.rotation:
            data["rotation"] = self.rotation
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "PageResult":
        return cls(int(data["page"]), int(data["width"]), int(data["height"]), data.get("dpi"),
                   [TextLine.from_dict(line) for line in data.get("lines", [])],
                   float(data.get("seconds", 0.0)), data.get("error"), data.get("source", "ocr"),
                   int(data.get("rotation", 0)), [Table.from_dict(t) for t in data.get("tables", [])],
                   [Region.from_dict(r) for r in data.get("regions", [])])


@dataclass
class DocumentResult:
    path: str | None
    pages: list[PageResult] = field(default_factory=list)
    error: str | None = None  # set when the file could not be read at all
    cancelled: bool = False
    models: dict[str, str] = field(default_factory=dict)  # role -> real model name used
    warnings: list[str] = field(default_factory=list)  # read, but a person should know (a repaired PDF)
    # page number -> degrees (clockwise) a person turned the page by hand; its result is of the page so turned
    turns: dict[int, int] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n\n".join(page.text for page in self.pages)

    @property
    def failed_pages(self) -> list[PageResult]:
        return [page for page in self.pages if page.error]

    def to_dict(self) -> dict:
        data = {"path": self.path, "error": self.error, "pages": [page.to_dict() for page in self.pages]}
        if self.models:
            data["models"] = dict(self.models)
        if self.cancelled:
            data["cancelled"] = True
        data["warnings"] = list(self.warnings)
        if self.turns:
            data["turns"] = {str(page): degrees for page, degrees in sorted(self.turns.items())}
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "DocumentResult":
        return cls(data.get("path"), [PageResult.from_dict(p) for p in data.get("pages", [])],
                   data.get("error"), bool(data.get("cancelled", False)), dict(data.get("models", {})),
                   [str(w) for w in data.get("warnings", [])],
                   {int(page): int(degrees) % 360 for page, degrees in dict(data.get("turns", {})).items()
                    if int(degrees) % 90 == 0 and int(degrees) % 360})


def merge_region(existing: PageResult | None, region_page: PageResult,
                 region: tuple[float, float, float, float]) -> PageResult:
    """A page's result after a region of it was recognised again: the lines whose centre lies in the
    region are replaced by the region's lines (both scaled to ``existing``'s pixels)."""
    if existing is None or existing.error:
        return region_page
    factor = existing.width / region_page.width if region_page.width else 1.0
    x0, y0, x1, y1 = (v * factor for v in region)

    def inside(line: TextLine) -> bool:
        bx0, by0, bx1, by1 = line.bbox
        return x0 <= (bx0 + bx1) / 2 <= x1 and y0 <= (by0 + by1) / 2 <= y1

    kept = [line for line in existing.lines if not inside(line)]
    added = [replace(line, box=[(x * factor, y * factor) for x, y in line.box]) for line in region_page.lines]
    # a table of the region's own replaces the tables in the region (their cells held the old text)
    region_box = (x0, y0, x1, y1)
    def grow(box):
        return tuple(v * factor for v in box)

    tables = [t for t in existing.tables if not centre_inside(t.box, region_box)]
    tables += moved_tables(region_page.tables, grow)
    regions = [r for r in existing.regions if not centre_inside(r.box, region_box)]
    regions += moved_regions(region_page.regions, grow)
    return PageResult(existing.page, existing.width, existing.height, existing.dpi, reading_order(kept + added),
                      existing.seconds + region_page.seconds, source=existing.source, tables=tables,
                      regions=regions)


def turn_points(points, degrees: int, width: float, height: float) -> list[tuple[float, float]]:
    """Points on a ``width`` x ``height`` page, on the same page turned ``degrees`` clockwise (a multiple of 90)."""
    degrees %= 360
    if degrees == 90:
        return [(height - y, x) for x, y in points]
    if degrees == 180:
        return [(width - x, height - y) for x, y in points]
    if degrees == 270:
        return [(y, width - x) for x, y in points]
    return [(x, y) for x, y in points]


def turn_page_result(page: PageResult, degrees: int) -> PageResult:
    """Turn a page's result by hand ``degrees`` clockwise more, in place, and return it: every box goes
    where its words are on the turned page (the text and its order stay; recognising again reads it the
    new way up). In place because the window's undo history holds these very line objects."""
    degrees %= 360
    if not degrees:
        return page
    for line in page.lines:
        line.box = turn_points(line.box, degrees, page.width, page.height)

    turn_box = corners_moved(lambda points: turn_points(points, degrees, page.width, page.height))
    page.tables = moved_tables(page.tables, turn_box)
    page.regions = moved_regions(page.regions, turn_box)
    if degrees % 180:
        page.width, page.height = page.height, page.width
    return page


def results_to_json(results: Iterable[DocumentResult]) -> dict:
    return {"files": [result.to_dict() for result in results]}


def results_from_json(data: dict) -> list[DocumentResult]:
    return [DocumentResult.from_dict(item) for item in data["files"]]

