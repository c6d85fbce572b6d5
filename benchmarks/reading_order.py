"""Reading order: text exported in order, scored with ``score.py --keep-order`` (neither side re-sorted).

Every page of ../shared/eval is recognised once by the PaddleOCR pipeline (same models, onnxruntime); the
same lines are then put in each order: the untouched pipeline's own, DocScan's previous row order,
DocScan's reading order (columns, docs/adr/0004), and for comparison the two maintained reading-order
methods: PaddleX's ``xycut_enhanced`` (PP-StructureV3's, here over the lines as text blocks) and XY-Cut++
(``xycutppy``'s Apache-2.0 "datalab" backend, when it is installed: ``pip install xycutppy``). "DocScan as shipped" is `docscan ocr` itself with its
defaults (its own recognition, language choice and page orientation, then the same reading order). Tesseract 5 (Debian's tesseract-ocr with chi_sim), with
its own layout analysis, is run on the same pages in the same run when it is installed.

``--baseline APP`` also orders the same lines with another checkout's reading order (``APP``: its ``app``
folder, e.g. the main checkout's, to measure a change before and after in one run): the pipeline's lines, and
the lines `docscan ocr` recognised (as shipped, re-ordered by the baseline: recognition does not depend on the
order, so this is what the baseline would have shipped).

    python benchmarks/reading_order.py [--no-tesseract] [--no-docscan] [--limit N] [--per-page] [--baseline APP]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_set import EVAL_DIR, bbox, manifest, score, write_predictions  # noqa: E402

os.environ.setdefault("PADDLE_PDX_DISABLE_MODEL_SOURCE_CHECK", "True")


def tesseract_lines(image: Path, lang: str) -> list[dict]:
    done = subprocess.run(["tesseract", str(image), "stdout", "-l", "chi_sim+eng" if lang == "zh" else "eng",
                           "tsv"], capture_output=True, text=True, timeout=300)
    lines: dict[tuple, dict] = {}
    for row in done.stdout.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        key = tuple(int(c) for c in cols[1:5])
        x, y, w, h = (float(c) for c in cols[6:10])
        entry = lines.setdefault(key, {"words": [], "box": [x, y, x + w, y + h]})
        entry["words"].append(cols[11])
        entry["box"] = [min(entry["box"][0], x), min(entry["box"][1], y), max(entry["box"][2], x + w),
                        max(entry["box"][3], y + h)]
    return [{"text": " ".join(e["words"]), "box": e["box"]} for _, e in sorted(lines.items())]


# Pages of the set laid out in columns (looked at): a newspaper in four to six columns, a worksheet in two
# halves, a book page with its text beside a photo. "multi-column" figures are on these alone.
MULTI_COLUMN = {"omni-3", "omni-7", "omni-11"}


def paddlex_xycut_enhanced(lines, width: int, height: int):
    """PP-StructureV3's block ordering (PaddleX, a dependency already) with every line a "text" block."""
    from paddlex.inference.pipelines.layout_parsing.layout_objects import LayoutBlock, LayoutRegion
    from paddlex.inference.pipelines.layout_parsing.xycut_enhanced import xycut_enhanced

    blocks = []
    for index, text_line in enumerate(lines):
        block = LayoutBlock("text", [int(v) for v in text_line.bbox], content=text_line.text)
        block.text_line_height, block.text_line_width = max(1, block.height), max(1, block.width)
        block.seg_start_coordinate, block.seg_end_coordinate = block.bbox[0], block.bbox[2]
        block.line_index = index
        blocks.append(block)
    return [lines[block.line_index] for block in xycut_enhanced(LayoutRegion(bbox=[0, 0, width, height], blocks=blocks))]


def xycut_plus_plus(lines, width: int, height: int):
    import xycutppy

    elements = [{"id": i, "x1": l.bbox[0], "y1": l.bbox[1], "x2": l.bbox[2], "y2": l.bbox[3],
                 "label": xycutppy.SemanticLabel.Regular} for i, l in enumerate(lines)]
    return [lines[int(i)] for i in xycutppy.compute_order(elements, (0.0, 0.0, float(width), float(height)),
                                                          backend="datalab")]


def load_results(app: Path):
    """Another checkout's ``docscan/core/results.py`` (standard library only) as a module of its own."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("baseline_results", app / "docscan" / "core" / "results.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def order_with(module, lines):
    """``lines`` (this checkout's TextLines) in ``module``'s reading order."""
    theirs = [module.TextLine(list(l.box), l.text, l.confidence, on_picture=l.on_picture) for l in lines]
    index = {id(line): i for i, line in enumerate(theirs)}
    return [lines[index[id(line)]] for line in module.reading_order(theirs)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-tesseract", action="store_true")
    parser.add_argument("--no-docscan", action="store_true", help="leave out the `docscan ocr` run")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--cache", type=Path, help="keep the pipeline's lines here and reuse them next time "
                                                   "(for trying orderings without recognising again)")
    parser.add_argument("--per-page", action="store_true", help="also print each page's figures")
    parser.add_argument("--baseline", type=Path, help="another checkout's app folder: its reading order too")
    args = parser.parse_args()
    import json

    cache = json.loads(args.cache.read_text()) if args.cache and args.cache.exists() else {}

    from paddleocr import PaddleOCR  # noqa: F401 - imported here, where the pipeline is needed
    from PIL import Image

    from docscan.core.model_store import ModelStore
    from docscan.core.results import TextLine
    from docscan.core.layout import reading_order, row_order

    store = ModelStore()
    pipeline = None if cache else PaddleOCR(text_detection_model_dir=str(store.folder("PP-OCRv4_mobile_det", "onnx")),
                         text_detection_model_name="PP-OCRv4_mobile_det",
                         text_recognition_model_dir=str(store.folder("PP-OCRv4_mobile_rec", "onnx")),
                         text_recognition_model_name="PP-OCRv4_mobile_rec", use_doc_orientation_classify=False,
                         use_doc_unwarping=False, use_textline_orientation=False, engine="onnxruntime", device="cpu")
    pages = manifest()[: args.limit]
    # each ordering: (the pipeline's lines, page width, page height) -> the same lines in order
    orderings = {"untouched pipeline order": lambda lines, width, height: lines,
                 "DocScan rows (before)": lambda lines, width, height: row_order(lines),
                 "DocScan reading order": lambda lines, width, height: reading_order(lines),
                 "PaddleX xycut_enhanced": paddlex_xycut_enhanced}
    baseline = load_results(args.baseline) if args.baseline else None
    if baseline is not None:
        orderings["baseline reading order"] = lambda lines, width, height: order_with(baseline, lines)
    try:
        import xycutppy  # noqa: F401 - optional, for the comparison only

        orderings["XY-Cut++ (xycutppy)"] = xycut_plus_plus
    except ImportError:
        print("xycutppy is not installed: XY-Cut++ is left out", file=sys.stderr)
    runs: dict[str, list[dict]] = {name: [] for name in orderings}
    use_tesseract = not args.no_tesseract and shutil.which("tesseract")
    if use_tesseract:
        runs["Tesseract 5"] = []
    for number, page in enumerate(pages, start=1):
        image = EVAL_DIR / page["image"]
        if page["id"] not in cache:
            result = pipeline.predict(str(image))[0]
            cache[page["id"]] = [[[[float(x), float(y)] for x, y in poly], text, float(score_)]
                                 for poly, text, score_ in zip(result["rec_polys"], result["rec_texts"],
                                                               result["rec_scores"]) if text.strip()]
        raw = [TextLine([tuple(p) for p in box], text, conf) for box, text, conf in cache[page["id"]]]
        with Image.open(image) as picture:
            width, height = picture.size
        for name, order in orderings.items():
            ordered = order(raw, width, height)
            runs[name].append({"id": page["id"], "lines": [{"text": l.text, "box": bbox(l.box)} for l in ordered]})
        if use_tesseract:
            started = time.perf_counter()
            runs["Tesseract 5"].append({"id": page["id"], "lines": tesseract_lines(image, page["lang"]),
                                        "seconds": time.perf_counter() - started})
        print(f"{number}/{len(pages)} {page['id']}", file=sys.stderr)
    if args.cache:
        args.cache.write_text(json.dumps(cache, ensure_ascii=False))
    if not args.no_docscan:
        from accuracy import run_docscan

        with tempfile.TemporaryDirectory() as tmp:
            _, predictions = run_docscan([str(EVAL_DIR / page["image"]) for page in pages], Path(tmp), [])
            runs["DocScan as shipped"] = [json.loads(line) for line in predictions.read_text(encoding="utf-8").splitlines()]
            if baseline is not None:
                runs["as shipped, baseline order"] = shipped_in_order(Path(tmp) / "docscan.json", baseline)
    ids = {page["id"] for page in pages}
    if args.per_page:
        with tempfile.TemporaryDirectory() as tmp:
            for page in pages:
                row = []
                for name, records in runs.items():
                    path = Path(tmp) / "one.jsonl"
                    write_predictions(path, [r for r in records if r["id"] == page["id"]])
                    row.append(score(path, keep_order=True, only={page["id"]})["ALL"]["cer_ns"])
                print(f"{page['id']:40s}" + "".join(f"{v:8.3f}" for v in row))
    with tempfile.TemporaryDirectory() as tmp:
        table, multi, rows = {}, {}, {}
        for name, records in runs.items():
            path = Path(tmp) / f"{len(table)}.jsonl"
            write_predictions(path, records)
            table[name] = score(path, by="source", keep_order=True, only=ids)
            multi[name] = score(path, keep_order=True, only=ids & MULTI_COLUMN)["ALL"]["cer_ns"] if ids & MULTI_COLUMN else None
            rows[name] = score(path, keep_order=False, only=ids)["ALL"]["cer_ns"]
    sources = sorted(k for k in next(iter(table.values())) if k != "ALL") + ["ALL"]
    print(f"\ncer_ns with --keep-order (lower is better), {len(pages)} pages of {EVAL_DIR}; multi-column: "
          f"{', '.join(sorted(MULTI_COLUMN))}; last column: row-order cer_ns (the recognition figure)\n")
    print(f"{'':28s}" + "".join(f"{s:>12s}" for s in sources) + f"{'multi-col':>12s}{'row order':>12s}")
    for name, figures in table.items():
        print(f"{name:28s}" + "".join(f"{figures[s]['cer_ns']:12.4f}" if s in figures else f"{'-':>12s}" for s in sources)
              + (f"{multi[name]:12.4f}" if multi[name] is not None else f"{'-':>12s}") + f"{rows[name]:12.4f}")
    base = table["untouched pipeline order"]["ALL"]["cer_ns"]
    for name in ("DocScan reading order", "DocScan as shipped"):
        if name in table:
            print(f"{name} / untouched: {table[name]['ALL']['cer_ns'] / base:.3f} (goal <= 0.5)")
    if use_tesseract:
        print(f"Tesseract 5: {table['Tesseract 5']['ALL']['cer_ns']:.4f}, multi-column {multi['Tesseract 5']:.4f}")
    return 0


def shipped_in_order(folder: Path, module) -> list[dict]:
    """The pages `docscan ocr` wrote (JSON) with their lines in ``module``'s reading order. Says where this
    checkout's order of the same lines is not the one shipped (the re-ordering stands for a run of that code)."""
    import json

    from docscan.core.results import TextLine
    from docscan.core.layout import reading_order

    records = []
    for path in sorted(folder.iterdir()):
        for item in json.loads(path.read_text(encoding="utf-8"))["files"]:
            for page in item["pages"]:
                lines = [TextLine.from_dict(line) for line in page["lines"]]
                if reading_order(lines) != lines:
                    print(f"{item['path']}: ordering the shipped lines again changes their order", file=sys.stderr)
                records.append({"id": Path(item["path"]).stem,
                                "lines": [{"text": l.text, "box": bbox(l.box)} for l in order_with(module, lines)]})
    return records


if __name__ == "__main__":
    raise SystemExit(main())
