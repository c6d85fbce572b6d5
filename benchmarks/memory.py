"""Peak resident memory of `docscan ocr` over scanned PDFs (issue 28): a 40-page and a 300-page PDF of
receipts and forms from ../shared/eval, each placed on an A4 page as a scanner at 300 dpi would have
delivered it (a JPEG image filling the page), read at the default render DPI.

The peak is the most the process tree held at once (`docscan ocr` and any process it starts), sampled
every 50 ms with psutil; /proc's VmHWM of the main process is reported beside it.

    python benchmarks/memory.py [--pages 40,300] [--backend onnxruntime,openvino] [-- OPTIONS...]
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_set import EVAL_DIR, REPO, manifest  # noqa: E402

A4_POINTS = (595.0, 842.0)
SCAN_DPI = 300


def scanned_pdf(path: Path, pages: int) -> Path:
    """``pages`` A4 pages, each one receipt or form of the eval set scaled into the page as a 300-dpi JPEG
    (grey paper around it), cycling through the set."""
    import pymupdf
    from PIL import Image

    sources = [EVAL_DIR / page["image"] for page in manifest() if page["id"].split("-")[0] in ("sroie", "funsd")]
    page_px = (round(A4_POINTS[0] / 72 * SCAN_DPI), round(A4_POINTS[1] / 72 * SCAN_DPI))
    jpegs = []
    for source in sources:
        sheet = Image.new("RGB", page_px, (244, 242, 238))
        picture = Image.open(source).convert("RGB")
        scale = min((page_px[0] - 200) / picture.width, (page_px[1] - 200) / picture.height, 2.0)
        picture = picture.resize((round(picture.width * scale), round(picture.height * scale)))
        sheet.paste(picture, ((page_px[0] - picture.width) // 2, 100))
        buffer = io.BytesIO()
        sheet.save(buffer, "JPEG", quality=80)
        jpegs.append(buffer.getvalue())
    doc = pymupdf.open()
    for number in range(pages):
        page = doc.new_page(width=A4_POINTS[0], height=A4_POINTS[1])
        page.insert_image(page.rect, stream=jpegs[number % len(jpegs)])
    doc.save(path, garbage=3, deflate=True)
    doc.close()
    return path


class TreePeak:
    """The most resident memory a process and its children held at once, sampled every 50 ms on a thread of
    its own while the ``with`` block runs (``peak_mb``), and the process's own high-water mark (VmHWM)."""

    def __init__(self, process: psutil.Process):
        self.process = process
        self.peak_mb = 0.0
        self.hwm_mb = 0.0
        self._done = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._done.is_set():
            try:
                tree = [self.process, *self.process.children(recursive=True)]
                self.peak_mb = max(self.peak_mb, sum(p.memory_info().rss for p in tree if p.is_running()) / 2 ** 20)
                with open(f"/proc/{self.process.pid}/status") as status:
                    for line in status:
                        if line.startswith("VmHWM:"):
                            self.hwm_mb = max(self.hwm_mb, int(line.split()[1]) / 1024)
            except (psutil.Error, OSError):
                pass
            self._done.wait(0.05)

    def __enter__(self) -> "TreePeak":
        self._sampler.start()
        return self

    def __exit__(self, *exc) -> None:
        self._done.set()
        self._sampler.join()


def peak_rss_mb(command: list[str]) -> tuple[float, float, float]:
    """(peak resident MB of the process tree, the main process's VmHWM in MB, wall seconds)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with TreePeak(psutil.Process(process.pid)) as peak:
        _, stderr = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{stderr.decode(errors='replace')[-2000:]}")
    return peak.peak_mb, peak.hwm_mb, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="40,300")
    parser.add_argument("--backend", default="onnxruntime,openvino")
    parser.add_argument("--json", type=Path)
    parser.add_argument("options", nargs="*")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="docscan-memory-") as tmp:
        for pages in (int(p) for p in args.pages.split(",")):
            pdf = scanned_pdf(Path(tmp) / f"scanned-{pages}.pdf", pages)
            for backend in filter(None, args.backend.split(",")):
                out = Path(tmp) / f"out-{pages}-{backend}.json"
                peak, hwm, wall = peak_rss_mb([sys.executable, "-m", "docscan", "ocr", str(pdf), "--format", "json",
                                               "-o", str(out), "--no-progress", "--backend", backend, *args.options])
                data = json.loads(out.read_text())
                lines = sum(len(p["lines"]) for d in data["files"] for p in d["pages"])
                rows.append({"pages": pages, "backend": backend, "peak_mb": round(peak), "vmhwm_mb": round(hwm),
                             "s_page": round(wall / pages, 2), "lines": lines})
                print(f"{pages:4d} pages {backend:12s} peak {peak:6.0f} MB (VmHWM {hwm:6.0f}) "
                      f"{wall / pages:5.2f} s/page {lines} lines", file=sys.stderr, flush=True)
    print("\n| pages | backend | peak resident MB (process tree) | VmHWM MB | s/page | lines |\n|---|---|---|---|---|---|")
    for row in rows:
        print(f"| {row['pages']} | {row['backend']} | {row['peak_mb']} | {row['vmhwm_mb']} | {row['s_page']} | {row['lines']} |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
