"""Throughput of `docscan batch` with 1, 2 (and N) local workers, and on a local Ray cluster with 2
workers, against one `docscan ocr` process on the same pages, in the same run; and each worker's
resident memory over the run.

The pages are generated: scanned-looking A4 pages of invoice-like text (12 lines each, 8 pages a PDF),
so every run recognises the same pixels with the default models. `docscan ocr` runs as its own process
(what a user runs today); the batch runs go through the same executor the CLI uses, in this process,
so that the workers' memory reports can be read; each gets a fresh job folder.

    python benchmarks/batch.py [--pages 200] [--workers 1,2] [--no-ray]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

WORDS = ("invoice", "delivery", "account", "total", "amount", "order", "customer", "payment", "reference",
         "quantity", "description", "discount", "service", "period", "balance", "address")


def make_archive(folder: Path, pages: int, per_file: int = 8) -> Path:
    from helpers import text_pdf

    folder.mkdir(parents=True, exist_ok=True)
    for number in range(0, pages, per_file):
        content = []
        for page in range(number, min(pages, number + per_file)):
            lines = [f"Page {page + 1}: {WORDS[page % len(WORDS)].title()} {1000 + page * 7}"]
            for row in range(11):
                words = " ".join(WORDS[(page * 3 + row + k) % len(WORDS)] for k in range(5))
                lines.append(f"{row + 1}. {words} {(page * 13 + row * 7) % 97}.{row}0")
            content.append(lines)
        text_pdf(folder / f"archive-{number // per_file:03d}.pdf", content, fontsize=11, scanned=True)
    return folder


def run_ocr_process(source: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "docscan", "ocr", str(source), "--format", "json", "-o", str(out),
                    "--no-progress"], check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def run_local(source: Path, job: Path, workers: int):
    from docscan.core.batch import run as batch
    from docscan.core.batch.local import BatchOptions, LocalExecutor
    from docscan.core.engine import EngineConfig

    started = time.perf_counter()
    prepared = batch.prepare(job, [str(source)], EngineConfig())
    executor = LocalExecutor(prepared.settings, prepared.models, BatchOptions(workers=workers))
    outcome = batch.execute(prepared, executor, workers=workers)
    return time.perf_counter() - started, outcome, executor.report


def run_ray(source: Path, job: Path, workers: int, address: str):
    from docscan.core.batch import run as batch
    from docscan.core.batch.local import BatchOptions
    from docscan.core.batch.ray_cluster import RayExecutor
    from docscan.core.engine import EngineConfig

    started = time.perf_counter()
    prepared = batch.prepare(job, [str(source)], EngineConfig())
    executor = RayExecutor(address, prepared.settings, prepared.models, BatchOptions(workers=workers))
    outcome = batch.execute(prepared, executor, mode="ray", workers=workers)
    return time.perf_counter() - started, outcome, executor.report


def memory_growth(report) -> str:
    """Per worker: RSS after its first shard past 50 pages, at its end, and the growth between."""
    parts = []
    for worker, series in report.rss_mb.items():
        late = [(pages, rss) for pages, rss in series if pages >= 50]
        if len(late) >= 2:
            first, last = late[0][1], late[-1][1]
            parts.append(f"{max(r for _, r in series):.0f} MB peak, {100 * (last - first) / first:+.1f}% after 50 pages")
        elif series:
            parts.append(f"{max(r for _, r in series):.0f} MB peak")
    return "; ".join(parts) or "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--workers", default="1,2", help="local worker counts to measure")
    parser.add_argument("--no-ray", action="store_true")
    args = parser.parse_args()
    from docscan.core.batch.local import cpu_cores

    counts = sorted({int(n) for n in args.workers.split(",")} | {cpu_cores()})
    with tempfile.TemporaryDirectory(prefix="docscan-batch-bench-") as scratch:
        scratch = Path(scratch)
        source = make_archive(scratch / "archive", args.pages)
        print(f"{args.pages} generated pages, {cpu_cores()} cores, default models; same run", flush=True)
        reference = run_ocr_process(source, scratch / "ocr-out")
        rows = [("docscan ocr, one process", reference, args.pages, 1.0, "-")]
        print(f"  docscan ocr: {reference:.1f} s", flush=True)
        local_times = {}
        for workers in counts:
            seconds, outcome, report = run_local(source, scratch / f"job-{workers}", workers)
            assert outcome.pages == args.pages and outcome.failures == 0, outcome
            local_times[workers] = seconds
            rows.append((f"docscan batch --workers {workers}", seconds, outcome.pages, reference / seconds,
                         memory_growth(report)))
            print(f"  --workers {workers}: {seconds:.1f} s", flush=True)
        if not args.no_ray:
            try:
                import ray  # noqa: F401
            except ImportError:
                print("  Ray: not installed (pip install 'docscan[ray]'); skipped")
            else:
                import ray as ray_module

                ray_module.init(num_cpus=cpu_cores(), include_dashboard=False, log_to_driver=False)
                try:
                    seconds, outcome, report = run_ray(source, scratch / "job-ray", 2, "local")
                finally:
                    ray_module.shutdown()
                assert outcome.pages == args.pages and outcome.failures == 0, outcome
                rows.append(("docscan batch --ray (2 workers)", seconds, outcome.pages, reference / seconds,
                             memory_growth(report)))
                if 2 in local_times:
                    rows[-1] = rows[-1][:4] + (rows[-1][4] + f"; {local_times[2] / seconds:.2f}x local 2 workers",)
    print(f"\n{'run':34s} {'seconds':>8s} {'pages/s':>8s} {'vs ocr':>7s}  worker memory")
    for name, seconds, pages, ratio, memory in rows:
        print(f"{name:34s} {seconds:8.1f} {pages / seconds:8.2f} {ratio:6.2f}x  {memory}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
