"""Page orientation: is a page scanned sideways or upside down found and turned, and is an upright page
left alone? Every page of ../shared/eval is turned 0/90/180/270 degrees and classified by DocScan's
classifier (core/orientation.py); with --ocr N, the first N pages turned 90 degrees are also recognised
with and without it, scored with score.py.

    python benchmarks/orientation.py [--ocr 8]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_set import EVAL_DIR, bbox, manifest, score, write_predictions  # noqa: E402

from PIL import Image  # noqa: E402

from docscan.core.engine import EngineConfig, OcrEngine  # noqa: E402
from docscan.core.model_store import ModelStore  # noqa: E402
from docscan.core.orientation import MIN_CONFIDENCE, MODEL, PageOrientation  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ocr", type=int, default=0)
    args = parser.parse_args()
    classifier = PageOrientation(ModelStore().require(MODEL, ["onnx"]).path)
    pages = manifest()
    counts = {turn: {"right": 0, "left alone": 0, "wrong turn": 0} for turn in (0, 90, 180, 270)}
    started = time.perf_counter()
    for page in pages:
        image = Image.open(EVAL_DIR / page["image"]).convert("RGB")
        for turn in (0, 90, 180, 270):
            _, found = classifier.upright(image.rotate(-turn, expand=True))
            key = "right" if found == turn else "left alone" if found == 0 else "wrong turn"
            counts[turn][key] += 1
    each = (time.perf_counter() - started) / (4 * len(pages))
    print(f"\n{len(pages)} pages x 4 turns, confidence threshold {MIN_CONFIDENCE}, {each * 1000:.0f} ms a page\n")
    print(f"{'page turned':>12s} {'put right':>10s} {'left alone':>11s} {'turned wrong':>13s}")
    for turn, c in counts.items():
        print(f"{turn:>12d} {c['right']:>10d} {c['left alone']:>11d} {c['wrong turn']:>13d}")
    if args.ocr:
        chosen = pages[: args.ocr]
        ids = {p["id"] for p in chosen}
        with tempfile.TemporaryDirectory() as tmp:
            for rotate in (False, True):
                engine = OcrEngine(EngineConfig(rotate=rotate))
                records = []
                for page in chosen:
                    image = Image.open(EVAL_DIR / page["image"]).convert("RGB")
                    turned = image.rotate(-90, expand=True)
                    ocr, found = engine.recognize_image(turned)
                    # back into the manifest's (upright) pixels for the scorer's row order
                    lines = [{"text": l.text, "box": bbox([(y, turned.width - x) for x, y in l.box])} for l in ocr.lines]
                    records.append({"id": page["id"], "lines": lines, "seconds": ocr.seconds})
                engine.close()
                path = Path(tmp) / f"{rotate}.jsonl"
                write_predictions(path, records)
                figures = score(path, only=ids)["ALL"]
                print(f"{args.ocr} pages turned 90 degrees, orientation {'on ' if rotate else 'off'}: "
                      f"cer_ns {figures['cer_ns']:.4f}  cer_ws {figures['cer_ws']:.4f}  s/page {figures['s_page']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
