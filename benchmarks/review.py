"""The review queue (issue 26) over ../shared/eval: how many lines are marked and what share of the wrong
lines they hold, overall and per source, for the plain confidence threshold (the baseline), for each signal
core/review.py could use, and for the review DocScan ships; and the accuracy with and without a second
reading (PP-OCRv6 tiny's) choosing per differing stretch of characters the better-probability one, with the
time per page. All from one in-process run of the default engine (one reading of each page).

Lines are matched to the truth as ../shared/eval/review_recall.py matches them (its ``differs``, ``overlap``
and ``norm``): a recognised line against the stretch of the truth line under it; FUNSD (word truth) and
partial pages are left out there. The accuracy table scores every page with ../shared/eval/score.py.

    python benchmarks/review.py [--limit N] [--second PP-OCRv6_tiny_rec] [--json OUT]
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_set import CLASSES, EVAL_DIR, bbox, error_classes, manifest, score, write_predictions  # noqa: E402


def _review_recall():
    spec = importlib.util.spec_from_file_location("review_recall", EVAL_DIR / "review_recall.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def nospace(text: str) -> str:
    return "".join(text.split())


def disputed(main, second) -> list[tuple[float, float]]:
    """(main's, second's) weakest probability over each stretch where the two readings differ, spaces
    ignored (an empty side takes the characters beside the gap)."""
    def visible(reading):
        keep = [i for i, c in enumerate(reading.text) if not c.isspace()]
        return "".join(reading.text[i] for i in keep), [reading.char_scores[i] for i in keep]

    a, pa = visible(main)
    b, pb = visible(second)
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            out.append((min(pa[i1:i2] or pa[max(0, i1 - 1):i1 + 1] or [1.0]),
                        min(pb[j1:j2] or pb[max(0, j1 - 1):j1 + 1] or [1.0])))
    return out


SECOND_MARGIN = 0.2  # the second reading's stretch replaces the first's when this much surer


def choose(main, second) -> str:
    """The second reading as a fixer: per differing stretch (spaces kept), the second's characters where
    it is SECOND_MARGIN surer of them than the first is of its own; stretches one side lacks stay as read."""
    a, b = main.text, second.text
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "replace" and min(second.char_scores[j1:j2]) > min(main.char_scores[i1:i2]) + SECOND_MARGIN:
            out.append(b[j1:j2])
        elif tag != "insert":
            out.append(a[i1:i2])
    return "".join(out)


def collect(pages: list[dict], second_name: str | None) -> list[dict]:
    """Each page read by the default engine: its lines' boxes (as shown), readings (the engine's
    ``LineResult.reading``), marks as the engine set them, and the second reading of the same crops."""
    from PIL import Image

    from docscan.core.engine import EngineConfig, OcrEngine
    from docscan.core.line_recognizer import LineRecognizer
    from docscan.core.model_store import ModelStore
    from docscan.core.orientation import box_to_shown
    from docscan.core.page_ocr import read_characters

    engine = OcrEngine(EngineConfig())
    engine.load()
    pipeline = engine.pipeline
    second = None
    if second_name:
        folder = ModelStore().folder(second_name, "onnx")
        second = LineRecognizer(folder, read_characters(folder), height=pipeline._rec.height,
                                narrow_tall_lines=pipeline._rec.narrow_tall_lines)
    captured: dict = {}
    read, predict = pipeline._read, pipeline.predict

    def read_and_second(crops):
        readings = read(crops)
        started = time.perf_counter()
        captured["second"] = second.recognize(crops) if second is not None and crops else [None] * len(crops)
        captured["second_seconds"] = time.perf_counter() - started
        return readings

    def predict_and_keep(image):
        captured["second"], captured["second_seconds"] = [], 0.0
        captured["found"] = predict(image)
        return captured["found"]

    pipeline._read, pipeline.predict = read_and_second, predict_and_keep
    out = []
    for number, page in enumerate(pages, 1):
        with Image.open(EVAL_DIR / page["image"]) as image:
            image.load()
            page_ocr, degrees = engine.recognize_image(image.convert("RGB"))
            width, height = image.size
        marks = {(line.text, round(line.confidence, 5)): line for line in page_ocr.lines}
        lines = []
        for found, again in zip(captured["found"], captured["second"]):
            if not found.text.strip():
                continue
            polygon = [(float(x), float(y)) for x, y in found.polygon]
            if degrees:
                polygon = box_to_shown(polygon, degrees, width, height)
            line = marks.get((found.text, round(float(found.score), 5)))
            lines.append({"box": bbox(polygon), "reading": found.reading, "second": again,
                          "review": line.review_reasons if line is not None else None})
        out.append({"id": page["id"], "size": (width, height), "seconds": page_ocr.seconds,
                    "second_seconds": captured["second_seconds"], "lines": lines})
        print(f"{number}/{len(pages)} {page['id']}: {len(lines)} lines, {page_ocr.seconds:.2f} s "
              f"+ {captured['second_seconds']:.2f} s second reading", file=sys.stderr)
    engine.close()
    return out


def matched_lines(read: list[dict], rr) -> list[dict]:
    """The recognised lines matched to a truth line (review_recall.py's rule), with ``wrong`` set."""
    truths = {page["id"]: page for page in manifest()}
    rows = []
    for page in read:
        truth_page = truths[page["id"]]
        if not truth_page.get("lines") or page["id"].startswith("funsd") or truth_page.get("partial"):
            continue
        fold = page["id"].startswith("sroie")
        truth = [(line["box"], rr.norm(line["text"], fold)) for line in truth_page["lines"]]
        heights = sorted(line["box"][3] - line["box"][1] for line in page["lines"])
        median_height = heights[len(heights) // 2] if heights else 0.0
        for line in page["lines"]:
            best = max(truth, key=lambda t: rr.overlap(line["box"], t[0]), default=None)
            if best is None or rr.overlap(line["box"], best[0]) < 0.5:
                continue
            rows.append({**line, "source": page["id"].split("-")[0], "page": page,
                         "wrong": rr.differs(rr.norm(line["reading"].text, fold), best[1]),
                         "median_height": median_height})
    return rows


def cut_by_edge(row: dict) -> bool:
    x0, y0, x1, y1 = row["box"]
    width, height = row["page"]["size"]
    return x0 <= 2 or y0 <= 2 or x1 >= width - 3 or y1 >= height - 3


def odd_height(row: dict) -> bool:
    h = row["box"][3] - row["box"][1]
    return bool(row["median_height"]) and not 0.5 <= h / row["median_height"] <= 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages (a quick look)")
    parser.add_argument("--second", default="PP-OCRv6_tiny_rec", help="the second reader's model ('' for none)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    from docscan.core.review import DEFAULT_THRESHOLD, has_lookalike, review_reasons

    rr = _review_recall()
    pages = manifest()[: args.limit]
    read = collect(pages, args.second or None)
    rows = matched_lines(read, rr)
    threshold = DEFAULT_THRESHOLD

    def readings_differ(row, level=threshold):
        # the second reading differs where the first is less sure than half the doubt the threshold allows
        return row["second"] is not None and any(p < (1 + level) / 2 for p, _ in disputed(row["reading"], row["second"]))

    rules = {
        **{f"confidence < {t}": (lambda row, t=t: row["reading"].score < t) for t in (0.90, 0.95, 0.97)},
        **{f"weakest character < {t}": (lambda row, t=t: row["reading"].weakest < t) for t in (0.5, 0.6, 0.7, 0.8)},
        f"lost character > {1 - threshold:.1f}": lambda row: row["reading"].missed > 1 - threshold,
        "look-alike": lambda row: has_lookalike(row["reading"].text),
        "cut by the page edge": cut_by_edge,
        "height off the page's median (x0.5, x2)": odd_height,
        "second reading differs (any)": lambda row: row["second"] is not None
                                                    and nospace(row["second"].text) != nospace(row["reading"].text),
        f"second reading differs where first < {(1 + threshold) / 2:.2f}": readings_differ,
        **{f"review score, threshold {t}": (lambda row, t=t: bool(review_reasons(row["reading"], t)))
           for t in (0.5, 0.7)},
        f"review score + second reading differs, {threshold}": lambda row: bool(review_reasons(row["reading"], threshold))
                                                                      or readings_differ(row),
        f"review score + cut by edge, {threshold}": lambda row: bool(review_reasons(row["reading"], threshold))
                                                            or cut_by_edge(row),
        f"DocScan's review (default, threshold {threshold})": lambda row: bool(row["review"]),
    }
    sources = sorted({row["source"] for row in rows})
    figures: dict = {"lines": len(rows), "wrong": sum(r["wrong"] for r in rows), "review": {}, "accuracy": {}}
    print(f"\n{len(read)} pages of {EVAL_DIR}; {len(rows)} recognised lines matched to truth (FUNSD and partial "
          f"pages left out), {figures['wrong']} wrong ({figures['wrong'] / max(1, len(rows)):.3f})")
    print("per source: " + ", ".join(f"{s} {sum(r['wrong'] for r in rows if r['source'] == s)}/"
                                      f"{sum(1 for r in rows if r['source'] == s)} wrong" for s in sources))
    print(f"\n{'a line is marked when':58s} {'marked':>7s} {'recall':>7s}" + "".join(f" {s + ' m/r':>14s}" for s in sources))
    for name, rule in rules.items():
        groups = defaultdict(lambda: [0, 0, 0, 0])  # lines, wrong, marked, wrong among the marked
        for row in rows:
            flag = bool(rule(row))
            for key in ("ALL", row["source"]):
                g = groups[key]
                g[0] += 1
                g[1] += row["wrong"]
                g[2] += flag
                g[3] += flag and row["wrong"]
        figures["review"][name] = {k: {"marked": g[2] / max(1, g[0]), "recall": g[3] / max(1, g[1])}
                                   for k, g in groups.items()}
        a = groups["ALL"]
        print(f"{name:58s} {a[2] / a[0]:7.3f} {a[3] / max(1, a[1]):7.3f}"
              + "".join(f" {groups[s][2] / groups[s][0]:6.3f}/{groups[s][3] / max(1, groups[s][1]):<6.3f}" for s in sources))

    if args.second:
        ids = {page["id"] for page in read}
        with tempfile.TemporaryDirectory(prefix="docscan-review-") as tmp:
            for name, text in (("one reading (default)", lambda line: line["reading"].text),
                               (f"second reading chooses (+{SECOND_MARGIN})",
                                lambda line: choose(line["reading"], line["second"]) if line["second"] else line["reading"].text)):
                path = Path(tmp) / "predictions.jsonl"
                write_predictions(path, [{"id": page["id"], "seconds": page["seconds"],
                                          "lines": [{"text": text(line), "box": line["box"]} for line in page["lines"]]}
                                         for page in read])
                figures["accuracy"][name] = {"scores": score(path, only=ids), "classes": error_classes(path, only=ids)}
        engine_seconds = statistics.mean(page["seconds"] for page in read)
        second_seconds = statistics.mean(page["second_seconds"] for page in read)
        figures["seconds"] = {"engine": engine_seconds, "second": second_seconds}
        print(f"\naccuracy, all {len(read)} pages; the engine's seconds per page {engine_seconds:.2f}, with the second "
              f"reading {engine_seconds + second_seconds:.2f} ({(engine_seconds + second_seconds) / engine_seconds:.2f}x)")
        print(f"{'run':38s} {'source':11s} {'cer_ns':>7s} {'cer_ws':>7s} {'word_f1':>7s}"
              + "".join(f"{c + ' lost/added':>18s}" for c in CLASSES))
        for name, result in figures["accuracy"].items():
            for source in ["ALL", *sorted(k for k in result["scores"] if k != "ALL")]:
                f, c = result["scores"][source], result["classes"].get(source, {})
                print(f"{name if source == 'ALL' else '':38s} {source:11s} {f['cer_ns']:7.4f} {f['cer_ws']:7.4f} "
                      f"{f['word_f1']:7.3f}" + "".join(f"{c.get(k + '_lost', 0):>11d}/{c.get(k + '_added', 0):<6d}"
                                                       for k in CLASSES))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
