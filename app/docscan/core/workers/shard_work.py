"""The batch's unit of work and its answer: a shard (pages of one file) that a worker recognises, and the
row per page it sends back (the shape the job's result store keeps, core/batch/job.py's PAGE_SCHEMA). Here,
not in core/batch, because the worker makes them and the batch only plans shards and stores rows."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from ..results import PageResult, TextLine
from ..tables import Region, Table


@dataclass(frozen=True)
class Shard:
    """Pages of one file for one worker to do in one go (the file is opened once for them)."""

    sha256: str
    path: str
    size: int
    mtime_ns: int
    pages: tuple[int, ...]  # from 1


def display_path(path: str) -> str:
    """A path as text that can be printed and stored as UTF-8 (undecodable bytes as \\xNN)."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def page_row(sha256: str, source_path: str, page: PageResult, *, attempts: int, worker: str) -> dict:
    return {"sha256": sha256, "page": page.page, "source_path": display_path(source_path), "source": page.source,
            "text": page.text,
            "lines": [{"text": line.text, "confidence": float(line.confidence),
                       "box": [float(v) for point in line.box for v in point]} for line in page.lines],
            "width": page.width, "height": page.height, "dpi": page.dpi, "rotation": page.rotation,
            "seconds": float(page.seconds), "error": page.error, "attempts": attempts, "worker": worker,
            "finished_at": datetime.datetime.now(datetime.timezone.utc),
            # as the page's JSON has them (core/tables.py); null when there are none, as in a job's rows from
            # before tables were found
            "tables_json": _json([table.to_dict() for table in page.tables]),
            "regions_json": _json([region.to_dict() for region in page.regions]),
            # the lines the engine doubts (core/review.py): [line index, [reasons]] each
            "review_json": _json([[number, list(line.review_reasons)] for number, line in enumerate(page.lines)
                                  if line.review])}


def _json(items: list[dict]) -> str | None:
    return json.dumps(items, ensure_ascii=False) if items else None


def failure_row(sha256: str | None, source_path: str, page: int, error: str, *, attempts: int, worker: str = "") -> dict:
    return page_row(sha256 or "", source_path, PageResult(page, 0, 0, None, [], 0.0, error),
                    attempts=attempts, worker=worker)


def page_from_row(row: dict) -> PageResult:
    lines = []
    for line in row.get("lines") or []:
        box = line["box"]
        lines.append(TextLine([(box[i], box[i + 1]) for i in range(0, 8, 2)], line["text"], line["confidence"]))
    for number, reasons in json.loads(row.get("review_json") or "[]"):
        if 0 <= number < len(lines):
            lines[number].review, lines[number].review_reasons = True, [str(reason) for reason in reasons]
    return PageResult(int(row["page"]), int(row["width"] or 0), int(row["height"] or 0), row.get("dpi"), lines,
                      float(row.get("seconds") or 0.0), row.get("error"), row.get("source") or "ocr",
                      int(row.get("rotation") or 0),
                      [Table.from_dict(item) for item in json.loads(row.get("tables_json") or "[]")],
                      [Region.from_dict(item) for item in json.loads(row.get("regions_json") or "[]")])
