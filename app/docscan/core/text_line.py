"""A recognised line of text: its four corners on the page, its text and how sure the recogniser was."""

from __future__ import annotations

from dataclasses import dataclass, field

Point = tuple[float, float]


@dataclass
class TextLine:
    box: list[Point]  # 4 corners, clockwise from top-left as the detector gives them
    text: str
    confidence: float
    edited: bool = False  # corrected by hand; the confidence is then the recogniser's, for the old text
    on_picture: bool = False  # sits on a photo on the page (core/pictures.py): read after the page's text
    review: bool = False  # the engine doubts this line: a person should check it (issue 26)
    review_reasons: list[str] = field(default_factory=list)  # why, in short words ("low character", ...)
    reviewed: bool = False  # a person checked it (accepted or corrected) in Review mode

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
        if self.on_picture:
            data["picture"] = True
        data["review"] = bool(self.review)
        data["review_reasons"] = list(self.review_reasons)
        if self.reviewed:
            data["reviewed"] = True
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "TextLine":
        box = [(float(x), float(y)) for x, y in data["box"]]
        if len(box) != 4:
            raise ValueError("a line's box has 4 points")
        return cls(box, str(data["text"]), float(data.get("confidence", 0.0)), bool(data.get("edited", False)),
                   bool(data.get("picture", False)), bool(data.get("review", False)),
                   [str(reason) for reason in data.get("review_reasons", [])], bool(data.get("reviewed", False)))
