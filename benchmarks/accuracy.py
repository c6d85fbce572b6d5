"""Whole-process time and accuracy of `docscan ocr` against the untouched PaddleOCR pipeline.

Both run as separate processes over the pages of ../shared/eval, alternating, at least three times
each; the table reports the median wall time of each, their ratio, and the CER of each run's output
(../shared/eval/score.py). Goal (issue 2): DocScan at most 1.05x the time, CER no worse.

    python benchmarks/speed.py [--runs 3] [--limit N] [--json OUT]
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


def run_docscan(images: list[str], work: Path) -> tuple[float, Path]:
    out = work / "docscan.json"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "docscan", "ocr", *images, "--format", "json", "-o", str(out)],
                   check=True, cwd=REPO, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    predictions = work / "docscan.jsonl"
    data = {"files": []}
    for path in sorted(out.iterdir()):
        data["files"].extend(json.loads(path.read_text(encoding="utf-8"))["files"])
    write_predictions(predictions, docscan_json_to_records(data))
    return wall, predictions


def run_untouched(images: list[str], work: Path) -> tuple[float, Path]:
    from docscan.core.models import ModelStore

    store = ModelStore()
    predictions = work / "untouched.jsonl"
    started = time.perf_counter()
    subprocess.run([sys.executable, str(Path(__file__).parent / "untouched_paddleocr.py"),
                    str(store.folder("PP-OCRv4_mobile_det", "onnx")), str(store.folder("PP-OCRv4_mobile_rec", "onnx")),
                    str(predictions), *images], check=True, cwd=REPO, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started, predictions


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages (a quick look)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    pages = manifest()[: args.limit]
    images = [str(EVAL_DIR / page["image"]) for page in pages]
    ids = {page["id"] for page in pages}
    runners = {"untouched": run_untouched, "docscan": run_docscan}
    walls = {name: [] for name in runners}
    scores = {}
    with tempfile.TemporaryDirectory(prefix="docscan-speed-") as tmp:
        for run in range(args.runs):
            for name, runner in runners.items():  # alternate, so drift in the machine hits both alike
                work = Path(tmp) / f"{name}-{run}"
                work.mkdir()
                wall, predictions = runner(images, work)
                walls[name].append(wall)
                scores.setdefault(name, []).append(score(predictions, only=ids)["ALL"])
                print(f"run {run + 1}/{args.runs} {name:9s} {wall:7.1f} s", file=sys.stderr)

    median = {name: statistics.median(values) for name, values in walls.items()}
    print(f"\n{len(images)} pages of {EVAL_DIR}, {args.runs} alternating runs each, whole process\n")
    print(f"{'':10s} {'median s':>9s} {'s/page':>7s} {'cer_ns':>7s} {'cer_ws':>7s} {'word_f1':>8s}")
    for name in runners:
        last = scores[name][-1]
        print(f"{name:10s} {median[name]:9.1f} {median[name] / len(images):7.2f} {last['cer_ns']:7.4f} "
              f"{last['cer_ws']:7.4f} {last['word_f1']:8.4f}")
    ratio = median["docscan"] / median["untouched"]
    cer_ok = scores["docscan"][-1]["cer_ns"] <= scores["untouched"][-1]["cer_ns"] + 1e-9
    print(f"\ntime ratio docscan/untouched: {ratio:.3f} (goal <= 1.05: {'met' if ratio <= 1.05 else 'NOT met'}); "
          f"CER no worse: {'yes' if cer_ok else 'NO'}")
    if args.json:
        args.json.write_text(json.dumps({"pages": len(images), "walls": walls, "median": median, "ratio": ratio,
                                         "scores": scores}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
