"""Scanning (issue 29's "Show"): three pages from a network scanner's feeder, by address and through SANE
(sane-airscan), become a 3-page searchable PDF whose text layer should have at most 1.2x the character
errors of `docscan ocr` on the same images; SANE's test device with --max-pages 3 gives a 3-page PDF.

The network scanner is the tests' fake eSCL scanner (tests/scanner_fixtures.py) on 127.0.0.1, serving
three real pages of ../shared/eval (their truth in its manifest.jsonl). Each `docscan scan` keeps the
scanned JPEGs (--save-pages); `docscan ocr -f json` then reads those same JPEGs. Both are scored as
../shared/eval/score.py scores (cer_ns in row order and in the exported order), the text layer's lines
taken from the PDF (PyMuPDF) with their boxes in the scan's pixels.

    python benchmarks/scanning.py [--dpi 150] [--pages ID,ID,ID] [--page-size letter]
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
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from eval_set import EVAL_DIR, REPO, docscan_json_to_records, score, write_predictions  # noqa: E402
from scanner_fixtures import FakeEsclScanner, sane_config, sane_env  # noqa: E402

# Letter pages at 150 dpi (rendered from pdfplumber's test PDFs): tables, small print, numbers.
PAGES = ("pdfplumber-chelsea_pdta", "pdfplumber-cupertino_usd_4-6-16", "pdfplumber-150109DSP-Milw-505-90D")
PAGE_DPI = 150  # the eval images' own resolution


def docscan(args: list[str], env: dict) -> tuple[float, subprocess.CompletedProcess]:
    env = dict(env)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "app"), env.get("PYTHONPATH")]))
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "docscan", *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"docscan {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return time.perf_counter() - started, done


def text_layer_records(pdf: Path, ids: list[str], dpi: int, scale: float) -> list[dict]:
    """The searchable PDF's invisible lines as scorer records, boxes in the truth's pixels."""
    import pymupdf

    records = []
    with pymupdf.open(pdf) as document:
        assert document.page_count == len(ids), f"{pdf} has {document.page_count} pages, not {len(ids)}"
        for page, page_id in zip(document, ids):
            lines = []
            for block in page.get_text("dict", flags=pymupdf.TEXTFLAGS_TEXT)["blocks"]:
                for line in block.get("lines", ()):
                    text = "".join(span["text"] for span in line["spans"]).strip()
                    if text:
                        x0, y0, x1, y1 = line["bbox"]
                        factor = dpi / 72.0 * scale
                        lines.append({"text": text, "box": [x0 * factor, y0 * factor, x1 * factor, y1 * factor]})
            records.append({"id": page_id, "lines": lines})
    return records


def ocr_records(folder: Path, ids: list[str], work: Path, env: dict, scale: float) -> tuple[float, list[dict]]:
    images = sorted(folder.glob("page-*.jpg"))
    out = work / f"{folder.name}.json"
    seconds, _ = docscan(["ocr", *map(str, images), "-f", "json", "-o", str(out), "--no-progress"], env)
    data = json.loads(out.read_text(encoding="utf-8"))
    if "files" not in data:
        data = {"files": [data]}
    records = docscan_json_to_records(data, scale)
    by_name = {image.stem: page_id for image, page_id in zip(images, ids)}
    for record in records:
        record["id"] = by_name[record["id"]]
    return seconds, records


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dpi", type=int, default=PAGE_DPI, help="scan resolution (default 150: the pages' own)")
    parser.add_argument("--pages", default=",".join(PAGES), help="three eval page ids")
    parser.add_argument("--page-size", default="letter", help="the area scanned (letter: the default pages'; a4 for "
                                                                "debref-zh-*)")
    args = parser.parse_args()
    ids = args.pages.split(",")
    from PIL import Image

    originals = [Image.open(EVAL_DIR / "images" / f"{page_id}.png").convert("RGB") for page_id in ids]
    scale = PAGE_DPI / args.dpi  # scan pixels -> the truth's pixels
    work = Path(tempfile.mkdtemp(prefix="docscan-scan-bench-"))
    rows = []
    with FakeEsclScanner(originals, page_dpi=PAGE_DPI) as fake:
        env = sane_env(sane_config(work / "sane", fake.url))
        for label, device in (("network scanner by address", fake.scanner_id), ("sane-airscan", "airscan:e0:Fake")):
            fake.load()
            pdf, folder = work / f"{device.split(':')[0]}.pdf", work / device.split(":")[0]
            scan_seconds, _ = docscan(["scan", "--device", device, "--source", "feeder", "--dpi", str(args.dpi),
                                       "--page-size", args.page_size, "-o", str(pdf), "--save-pages", str(folder)], env)
            scanned = work / f"{folder.name}-scan.jsonl"
            write_predictions(scanned, text_layer_records(pdf, ids, args.dpi, scale))
            ocr_seconds, records = ocr_records(folder, ids, work, env, scale)
            ocr = work / f"{folder.name}-ocr.jsonl"
            write_predictions(ocr, records)
            figures = {}
            for order, keep in (("row", False), ("kept", True)):
                a = score(scanned, keep_order=keep, only=set(ids))["ALL"]
                b = score(ocr, keep_order=keep, only=set(ids))["ALL"]
                figures[order] = (a["cer_ns"], b["cer_ns"])
            rows.append((label, device, scan_seconds, ocr_seconds, figures))
        test_pdf = work / "test.pdf"
        test_seconds, _ = docscan(["scan", "--device", "test:0", "--source", "feeder", "--max-pages", "3",
                                   "--dpi", str(args.dpi), "-o", str(test_pdf)], env)
        import pymupdf

        with pymupdf.open(test_pdf) as document:
            test_pages = document.page_count

    print(f"pages: {', '.join(ids)}; scanned at {args.dpi} dpi; work files in {work}\n")
    print("| path | `docscan scan` s (scan + OCR) | `docscan ocr` s | cer_ns scan PDF | cer_ns `docscan ocr` | ratio |"
          " keep-order scan | keep-order ocr | ratio |")
    print("|---|---|---|---|---|---|---|---|---|")
    for label, device, scan_seconds, ocr_seconds, figures in rows:
        (rs, ro), (ks, ko) = figures["row"], figures["kept"]
        print(f"| {label} (`{device}`) | {scan_seconds:.1f} | {ocr_seconds:.1f} | {rs:.4f} | {ro:.4f} | "
              f"{rs / ro if ro else float('nan'):.2f}x | {ks:.4f} | {ko:.4f} | {ks / ko if ko else float('nan'):.2f}x |")
    print(f"| SANE test device (`test:0`, --max-pages 3) | {test_seconds:.1f} | - | {test_pages} pages in the PDF |"
          " | | | | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
