"""Shared by the benchmarks: the evaluation set in ../shared/eval and its scorer.

The set is for measuring only; nothing from it goes into the product."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EVAL_DIR = Path(os.environ.get("DOCSCAN_EVAL_DIR", REPO.parent / "shared" / "eval"))


def manifest() -> list[dict]:
    with open(EVAL_DIR / "manifest.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def page_id(image_path: str | Path) -> str:
    return Path(image_path).stem


def bbox(polygon) -> list[float]:
    xs = [float(p[0]) for p in polygon]
    ys = [float(p[1]) for p in polygon]
    return [min(xs), min(ys), max(xs), max(ys)]


def write_predictions(path: Path, records: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def docscan_json_to_records(data: dict, scale: float = 1.0) -> list[dict]:
    """`docscan ocr --format json` output -> scorer records (boxes scaled into the manifest's pixels)."""
    records = []
    for item in data["files"]:
        for page in item["pages"]:
            records.append({"id": page_id(item["path"]), "seconds": page["seconds"],
                            "lines": [{"text": line["text"], "box": [v * scale for v in bbox(line["box"])]}
                                      for line in page["lines"]]})
    return records


def _scorer():
    spec = importlib.util.spec_from_file_location("eval_score", EVAL_DIR / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(predictions: Path, by: str = "source", keep_order: bool = False, only: set[str] | None = None) -> dict:
    """{group: {"pages", "cer_ns", "cer_ws", "word_f1", "s_page"}} with an "ALL" group, as score.py
    computes them. ``only``: score these page ids alone (the others are left out, not counted as missing)."""
    module = _scorer()
    set_dir = EVAL_DIR
    if only is not None:
        import tempfile

        temporary = Path(tempfile.mkdtemp(prefix="docscan-eval-"))
        (temporary / "manifest.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in manifest() if r["id"] in only), encoding="utf-8")
        set_dir = temporary
    groups, missing = module.score(str(set_dir), str(predictions), by, keep_order)
    out = {}
    for key, acc in groups.items():
        out[key] = {"pages": acc[4], "cer_ns": acc[0] / max(1, acc[1]), "cer_ws": acc[2] / max(1, acc[3]),
                    "word_f1": acc[6] / max(1, acc[4]), "s_page": acc[5] / max(1, acc[4])}
    out["ALL"]["missing"] = missing
    return out


CLASSES = ("space", "digit", "punct", "letter")


def char_class(char: str) -> str:
    import unicodedata

    if char.isspace():
        return "space"
    if char.isdigit():
        return "digit"
    if unicodedata.category(char)[0] in "PS":
        return "punct"
    return "letter"


def error_classes(predictions: Path, only: set[str] | None = None) -> dict[str, dict[str, int]]:
    """Character errors of a run by the kind of character involved, with whitespace kept (as cer_ws): for
    each class, how many of the truth's characters were deleted or replaced, and how many were inserted.
    A lever that wins spaces and loses decimal points shows here, not in the totals."""
    from rapidfuzz.distance import Levenshtein

    module = _scorer()
    predicted = {}
    for line in Path(predictions).read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            predicted[record["id"]] = record
    out = {"ALL": {f"{c}_{k}": 0 for c in CLASSES for k in ("lost", "added", "truth")}}
    for truth in manifest():
        if only is not None and truth["id"] not in only:
            continue
        texts = module.page_texts(truth, predicted.get(truth["id"], {"lines": []}))
        if texts is None:
            continue
        import re

        gt, pt = (re.sub(r"\s+", " ", t).strip() for t in texts)
        group = out.setdefault(truth["id"].split("-")[0], {key: 0 for key in out["ALL"]})
        for char in gt:
            for target in (group, out["ALL"]):
                target[f"{char_class(char)}_truth"] += 1
        for op in Levenshtein.editops(gt, pt):
            kind, where = (("added", pt[op.dest_pos]) if op.tag == "insert" else ("lost", gt[op.src_pos]))
            for target in (group, out["ALL"]):
                target[f"{char_class(where)}_{kind}"] += 1
    return out
