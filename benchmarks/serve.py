"""Throughput and latency of `docscan serve` for one-page images, against calling the engine directly
in one process, in the same run.

The service runs as `docscan serve` in its own process on a free loopback port; clients in this process
send the same PNG page with `requests`, one at a time and from 4 threads. The direct figure is `open_document` +
`run_document` on the same bytes with one engine. The difference is what HTTP, multipart, the queue
and the JSON reply cost.

    python benchmarks/serve.py [--requests 60]
"""

from __future__ import annotations

import argparse
import io
import signal
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))


def page_png() -> bytes:
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=420, height=200)
    page.insert_text((30, 60), "Receipt 4711", fontsize=22)
    page.insert_text((30, 110), "Total due: 18.40 EUR", fontsize=18)
    page.insert_text((30, 150), "Thank you for shopping", fontsize=14)
    return page.get_pixmap(dpi=150).tobytes("png")


def start_service(*options: str, timeout: float = 180, processes: int = 1) -> tuple[subprocess.Popen, str]:
    """`docscan serve` in its own process on a free loopback port, once its mobile engine is ready."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "docscan", "serve", "--port", str(port), "--queue", "64", *options],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            mobile = requests.get(url + "/health", timeout=2).json()["engines"]["mobile"]
            if mobile["ready"] and mobile.get("processes", 1) >= processes:
                return server, url
        except requests.ConnectionError:
            pass
        time.sleep(0.1)
    server.terminate()
    raise RuntimeError("docscan serve did not start")


def percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000  # noqa: E731
    return f"p50 {pick(0.5):6.0f} ms  p90 {pick(0.9):6.0f} ms  p99 {pick(0.99):6.0f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--workers-only", action="store_true", help="only the --workers 1 / 2 comparison")
    args = parser.parse_args()
    if args.workers_only:
        return compare_workers(args.requests)

    from docscan.core.documents import open_document
    from docscan.core.engine import EngineConfig, OcrEngine
    from docscan.core.document_run import run_document

    image = page_png()
    server, url = start_service()

    def call(_=None) -> float:
        started = time.perf_counter()
        response = requests.post(url + "/ocr/v1/fast", files={"image": image}, timeout=120)
        response.raise_for_status()
        return time.perf_counter() - started

    for _ in range(3):
        call()  # warm up
    started = time.perf_counter()
    sequential = [call() for _ in range(args.requests)]
    sequential_rate = args.requests / (time.perf_counter() - started)
    started = time.perf_counter()
    with ThreadPoolExecutor(4) as pool:
        concurrent = list(pool.map(call, range(args.requests)))
    concurrent_rate = args.requests / (time.perf_counter() - started)
    server.send_signal(signal.SIGINT)  # as Ctrl+C
    server.wait(60)

    engine = OcrEngine(EngineConfig())
    engine.load()
    for _ in range(3):
        with open_document(image) as document:
            run_document(document, engine)
    direct = []
    for _ in range(args.requests):
        started = time.perf_counter()
        with open_document(image) as document:
            run_document(document, engine)
        direct.append(time.perf_counter() - started)
    engine.close()

    direct_rate = 1 / statistics.mean(direct)
    print(f"\none-page PNG ({len(image) // 1024} KB, 3 lines), mobile models, {args.requests} requests each\n")
    print(f"direct engine call          {direct_rate:6.2f} pages/s   {percentiles(direct)}")
    print(f"HTTP, one client            {sequential_rate:6.2f} req/s     {percentiles(sequential)}")
    print(f"HTTP, 4 clients             {concurrent_rate:6.2f} req/s     {percentiles(concurrent)}")
    print(f"\nHTTP one client / direct: {sequential_rate / direct_rate:.2f} of the throughput "
          f"(+{(statistics.median(sequential) - statistics.median(direct)) * 1000:.0f} ms median per request)")
    return compare_workers(args.requests)


def compare_workers(count: int, clients: int = 8) -> int:
    """`docscan serve --workers 1` (one engine in the service's process) against `--workers 2` (two engine
    processes), each under ``clients`` concurrent clients, in the same run."""
    image = page_png()
    rates = {}
    for workers in (1, 2):
        server, url = start_service("--workers", str(workers), processes=workers)

        def call(_=None) -> float:
            started = time.perf_counter()
            response = requests.post(url + "/ocr/v1/fast", files={"image": image}, timeout=300)
            response.raise_for_status()
            return time.perf_counter() - started

        try:
            with ThreadPoolExecutor(clients) as pool:
                list(pool.map(call, range(2 * clients)))  # warm up every engine
                started = time.perf_counter()
                latencies = list(pool.map(call, range(count)))
            rates[workers] = count / (time.perf_counter() - started)
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(60)
        print(f"--workers {workers}, {clients} clients   {rates[workers]:6.2f} req/s     {percentiles(latencies)}", flush=True)
    print(f"\n--workers 2 / --workers 1: {rates[2] / rates[1]:.2f}x the requests per second")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
