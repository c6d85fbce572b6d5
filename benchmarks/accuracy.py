"""Accuracy and speed of `docscan ocr` against the untouched PaddleOCR pipeline, in the same run.

Both run as separate processes (same mobile models, CPU, onnxruntime; the untouched one with PaddleOCR's
default parameters) over the pages of ../shared/eval, alternating, ``--runs`` times each. Reported, per
source and overall, with ../shared/eval/score.py: cer_ns, cer_ws, word_f1 and seconds per page. The
overall seconds per page is the median whole-process wall time (start-up included) over the pages; the
per-source figure is each page's own time as the process measured it (DocScan: the whole page, from
reading the file to ordered lines; untouched: its predict() call, which reads the file too).
Goals (issue 8): cer_ns, cer_ws and s/page each at most 0.8x the untouched pipeline's.

    python benchmarks/accuracy.py [--runs 3] [--limit N] [--json OUT] [-- DOCSCAN OCR OPTIONS...]
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
from eval_set import EVAL_DIR, REPO, docscan_json_to_records, manifest, score, write_predictions  # noqa: E402


def run_docscan(images: list[str], work: Path, options: list[str]) -> tuple[float, Path]:
    out = work / "docscan.json"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "docscan", "ocr", *images, "--format", "json", "-o", str(out), *options],
                   check=True, cwd=REPO, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    predictions = work / "docscan.jsonl"
    data = {"files": []}
    for path in sorted(out.iterdir()):
        data["files"].extend(json.loads(path.read_text(encoding="utf-8"))["files"])
    write_predictions(predictions, docscan_json_to_records(data))
    return wall, predictions


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
    parser.add_argument("options", nargs="*", help="options for `docscan ocr` (after --), to measure a lever")
    args = parser.parse_args()

    pages = manifest()[: args.limit]
    images = [str(EVAL_DIR / page["image"]) for page in pages]
    ids = {page["id"] for page in pages}
    runners = {"untouched": run_untouched, "docscan": run_docscan}
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
          f"docscan ocr {' '.join(args.options) or '(defaults)'}\n")
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
