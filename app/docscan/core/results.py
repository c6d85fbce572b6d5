"""Recognised text with its place on the page, in reading order, to and from JSON.

The JSON shape is the one ``docscan ocr --format json`` prints (other tools read it: keys may be added,
never renamed):

    {"files": [{"path": "<as given>", "error": null,
                "pages": [{"page": 1, "width": W, "height": H, "dpi": D or null, "seconds": S,
                           "lines": [{"text": ..., "confidence": 0.97, "box": [[x, y] x 4]}]}]}]}

Coordinates are float pixels in the page image that was recognised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

Point = tuple[float, float]


@dataclass
class TextLine:
    box: list[Point]  # 4 corners, clockwise from top-left as the detector gives them
    text: str
    confidence: float
    edited: bool = False  # corrected by hand; the confidence is then the recogniser's, for the old text

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        xs = [p[0] for p in self.box]
        ys = [p[1] for p in self.box]
        return min(xs), min(ys), max(xs), max(ys)

    def to_dict(self) -> dict:
        data = {"text": self.text, "confidence": round(float(self.confidence), 4),
                "box": [[round(float(x), 2), round(float(y), 2)] for x, y in self.box]}
        if self.edited:
            data["edited"] = True
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "TextLine":
        box = [(float(x), float(y)) for x, y in data["box"]]
        if len(box) != 4:
            raise ValueError("a line's box has 4 points")
        return cls(box, str(data["text"]), float(data.get("confidence", 0.0)), bool(data.get("edited", False)))


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

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def to_dict(self) -> dict:
        data = {"page": self.page, "width": self.width, "height": self.height, "dpi": self.dpi,
                "seconds": round(self.seconds, 3), "source": self.source,
                "lines": [line.to_dict() for line in self.lines]}
        if self.error is not None:
            data["error"] = self.error
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "PageResult":
        return cls(int(data["page"]), int(data["width"]), int(data["height"]), data.get("dpi"),
                   [TextLine.from_dict(line) for line in data.get("lines", [])],
                   float(data.get("seconds", 0.0)), data.get("error"), data.get("source", "ocr"))


@dataclass
class DocumentResult:
    path: str | None
    pages: list[PageResult] = field(default_factory=list)
    error: str | None = None  # set when the file could not be read at all
    cancelled: bool = False
    models: dict[str, str] = field(default_factory=dict)  # role -> real model name used

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
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "DocumentResult":
        return cls(data.get("path"), [PageResult.from_dict(p) for p in data.get("pages", [])],
                   data.get("error"), bool(data.get("cancelled", False)), dict(data.get("models", {})))


def results_to_json(results: Iterable[DocumentResult]) -> dict:
    return {"files": [result.to_dict() for result in results]}


def results_from_json(data: dict) -> list[DocumentResult]:
    return [DocumentResult.from_dict(item) for item in data["files"]]


def reading_order(lines: Sequence[TextLine]) -> list[TextLine]:
    """Top to bottom, and left to right within a row.

    Lines whose vertical centres lie within half a line height of each other form a row (a table row,
    a label and its value). Column-aware ordering of multi-column pages is layout analysis, done on top
    of this (docs/adr)."""
    items = sorted(lines, key=lambda line: (line.bbox[1] + line.bbox[3]) / 2)
    rows: list[list[TextLine]] = []
    row_centre = row_height = 0.0
    for line in items:
        x0, y0, x1, y1 = line.bbox
        centre, height = (y0 + y1) / 2, max(1.0, y1 - y0)
        if rows and abs(centre - row_centre) < 0.5 * min(height, row_height):
            rows[-1].append(line)
        else:
            rows.append([line])
            row_centre, row_height = centre, height
    return [line for row in rows for line in sorted(row, key=lambda line: line.bbox[0])]
