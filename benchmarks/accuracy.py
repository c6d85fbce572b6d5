"""Accuracy and speed of `docscan ocr` against the untouched PaddleOCR pipeline, in the same run.

Both run as separate processes (same mobile models, CPU, onnxruntime; the untouched one with PaddleOCR's
default parameters) over the pages of ../shared/eval, alternating, ``--runs`` times each. Reported, per
source and overall, with ../shared/eval/score.py: cer_ns, cer_ws, word_f1 and seconds per page. The
overall seconds per page is the median whole-process wall time (start-up included) over the pages; the
per-source figure is each page's own time as the process measured it (DocScan: the whole page, from
reading the file to ordered lines; untouched: its predict() call, which reads the file too).
Goals (issue 8): cer_ns, cer_ws and s/page each at most 0.8x the untouched pipeline's.

With ``--source-pdfs``, DocScan is given the source PDF of each page that has one in ../shared/eval/pdfs
(page 1; the pdfplumber pages) instead of its rendering, as a user who drops the PDF would: it reads a good
text layer rather than running OCR (``--ocr-mode auto``). The untouched pipeline still gets the image (it
would OCR a rendering of the PDF either way). A separate figure, not the like-for-like comparison.

    python benchmarks/accuracy.py [--runs 3] [--limit N] [--source-pdfs] [--json OUT] [-- DOCSCAN OCR OPTIONS...]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_set import EVAL_DIR, REPO, docscan_json_to_records, manifest, page_id, score, write_predictions  # noqa: E402


def run_docscan(images: list[str], work: Path, options: list[str],
                inputs: dict[str, tuple[str, float]] | None = None) -> tuple[float, Path]:
    """``inputs``: page id -> (file DocScan reads instead of the image, factor from its page's pixels to the
    image's), for the source PDFs."""
    inputs = inputs or {}
    files = [inputs.get(page_id(image), (image, 1.0))[0] for image in images]
    out = work / "docscan.json"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "docscan", "ocr", *files, "--format", "json", "-o", str(out), *options,
                    *(["--pages", "1"] if inputs else [])], check=True, cwd=REPO, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    predictions = work / "docscan.jsonl"
    records = []
    by_file = {file: page_id(image) for file, image in zip(files, images)}
    for path in sorted(out.iterdir()):
        for item in json.loads(path.read_text(encoding="utf-8"))["files"]:
            identity = by_file[item["path"]]
            scale = inputs.get(identity, ("", 1.0))[1]
            for record in docscan_json_to_records({"files": [item]}, scale):
                records.append({**record, "id": identity})
    write_predictions(predictions, records)
    return wall, predictions


def source_pdfs(pages: list[dict]) -> dict[str, tuple[str, float]]:
    """The eval pages that have their source PDF in the set: id -> (PDF, the image's width over the width
    DocScan renders the PDF's page 1 at, to put its boxes in the image's pixels)."""
    import pymupdf
    from PIL import Image

    from docscan.core.documents import DEFAULT_DPI

    found = {}
    for page in pages:
        _source, _, stem = page["id"].partition("-")
        pdf = EVAL_DIR / "pdfs" / f"{stem}.pdf"
        if not pdf.exists():
            continue
        with Image.open(EVAL_DIR / page["image"]) as image, pymupdf.open(pdf) as document:
            rendered_width = document[0].rect.width * DEFAULT_DPI / 72
            found[page["id"]] = (str(pdf), image.width / rendered_width)
    return found


def run_untouched(images: list[str], work: Path, options: list[str]) -> tuple[float, Path]:
    from docscan.core.models import ModelStore

    store = ModelStore()
    predictions = work / "untouched.jsonl"
    started = time.perf_counter()
    subprocess.run([sys.executable, str(Path(__file__).parent / "untouched_paddleocr.py"),
                    str(store.folder("PP-OCRv4_mobile_det", "onnx")), str(store.folder("PP-OCRv4_mobile_rec", "onnx")),
                    str(predictions), *images], check=True, cwd=REPO, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started, predictions


GOAL = 0.8


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages (a quick look)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--source-pdfs", action="store_true",
                        help="give DocScan the source PDFs where the set has them (text-layer reuse)")
    parser.add_argument("options", nargs="*", help="options for `docscan ocr` (after --), to measure a lever")
    args = parser.parse_args()

    pages = manifest()[: args.limit]
    images = [str(EVAL_DIR / page["image"]) for page in pages]
    ids = {page["id"] for page in pages}
    inputs = source_pdfs(pages) if args.source_pdfs else {}
    runners = {"untouched": run_untouched,
               "docscan": lambda images, work, options: run_docscan(images, work, options, inputs)}
    walls = {name: [] for name in runners}
    scores = {}
    with tempfile.TemporaryDirectory(prefix="docscan-accuracy-") as tmp:
        for run in range(args.runs):
            for name, runner in runners.items():  # alternate, so drift in the machine hits both alike
                work = Path(tmp) / f"{name}-{run}"
                work.mkdir()
                wall, predictions = runner(images, work, args.options)
                walls[name].append(wall)
                scores[name] = score(predictions, only=ids)  # the text is the same run to run
                print(f"run {run + 1}/{args.runs} {name:9s} {wall:7.1f} s", file=sys.stderr)

    median = {name: statistics.median(values) for name, values in walls.items()}
    print(f"\n{len(images)} pages of {EVAL_DIR}; {args.runs} alternating runs each; "
          f"docscan ocr {' '.join(args.options) or '(defaults)'}"
          + (f"; DocScan given the source PDFs of {len(inputs)} pages" if args.source_pdfs else "") + "\n")
    print(f"{'source':11s} {'pages':>5s} | {'cer_ns':>15s} | {'cer_ws':>15s} | {'word_f1':>13s} | {'s/page':>11s}")
    print(f"{'':11s} {'':5s} | {'untouched  ds':>15s} | {'untouched  ds':>15s} | {'untch    ds':>13s} | {'untch   ds':>11s}")
    for group in scores["untouched"]:
        u, d = scores["untouched"][group], scores["docscan"][group]
        u_s = median["untouched"] / len(images) if group == "ALL" else u["s_page"]
        d_s = median["docscan"] / len(images) if group == "ALL" else d["s_page"]
        print(f"{group:11s} {u['pages']:5d} | {u['cer_ns']:7.4f} {d['cer_ns']:7.4f} | {u['cer_ws']:7.4f} {d['cer_ws']:7.4f} | "
              f"{u['word_f1']:6.3f} {d['word_f1']:6.3f} | {u_s:5.2f} {d_s:5.2f}")
    u, d = scores["untouched"]["ALL"], scores["docscan"]["ALL"]
    ratios = {"cer_ns": d["cer_ns"] / u["cer_ns"], "cer_ws": d["cer_ws"] / u["cer_ws"],
              "s_page": median["docscan"] / median["untouched"]}
    print("\nratios docscan/untouched (goal <= %.1f): " % GOAL
          + ", ".join(f"{k} {v:.3f} ({'met' if v <= GOAL else 'not met'})" for k, v in ratios.items()))
    print("whole-process walls, s: " + "; ".join(f"{k} {', '.join(f'{w:.1f}' for w in v)}" for k, v in walls.items()))
    if args.json:
        args.json.write_text(json.dumps({"pages": len(images), "options": args.options, "walls": walls,
                                         "median": median, "ratios": ratios, "scores": scores}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
