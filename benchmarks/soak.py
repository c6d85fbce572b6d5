"""Soak and hostile input (issue 15): nothing lost, nothing hung.

1. The service under load: `docscan serve` in its own process; 8 client threads send ``--requests``
   requests (default 1,000), about 5% of them bad (empty, not an image, truncated PNG, invalid base64,
   a page range past the end, a second `image` field) and a few slow clients that send their body in
   pieces with pauses. Reported: lost (no answer, or a connection error), 5xx, answers by status, RSS of
   the service after warm-up and at the end, p50/p99 latency of the good requests.
2. A generated hostile set through `docscan ocr`: truncated and repaired PDFs, an encrypted PDF, an image
   bomb, a zero-page PDF, odd names (non-UTF-8, spaces, a leading dash), a symlink loop, a dangling link,
   a FIFO, a read-only output folder. Each must end with exit 0, 1 or 2 and readable lines on stderr (no
   traceback), within 60 s.

    python benchmarks/soak.py [--requests 1000] [--clients 8] [--no-service] [--no-hostile]
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))


def page_png(text: str = "Receipt 4711  Total 18.40") -> bytes:
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=420, height=120)
    page.insert_text((30, 60), text, fontsize=20)
    return page.get_pixmap(dpi=150).tobytes("png")


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def slow_request(port: int, body: bytes, pause: float) -> int:
    """A client that sends its multipart body in three pieces with pauses (a slow link)."""
    boundary = "soakboundary"
    payload = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"p.png\"\r\n"
               "Content-Type: image/png\r\n\r\n").encode() + body + f"\r\n--{boundary}--\r\n".encode()
    head = (f"POST /ocr/v1/fast HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: multipart/form-data; "
            f"boundary={boundary}\r\nContent-Length: {len(payload)}\r\nConnection: close\r\n\r\n").encode()
    with socket.create_connection(("127.0.0.1", port), timeout=120) as sock:
        sock.sendall(head)
        third = len(payload) // 3
        for start in range(0, len(payload), third):
            sock.sendall(payload[start:start + third])
            time.sleep(pause)
        answer = sock.recv(64)
    return int(answer.split()[1])


def service_soak(total: int, clients: int) -> dict:
    from serve import start_service

    server, url = start_service()
    port = int(url.rsplit(":", 1)[1])
    try:
        good = page_png()
        bad = [("empty", lambda: requests.post(url + "/ocr/v1/fast", files={"image": b""}, timeout=120)),
               ("text", lambda: requests.post(url + "/ocr/v1/fast", files={"image": b"hello"}, timeout=120)),
               ("truncated", lambda: requests.post(url + "/ocr/v1/fast", files={"image": good[:300]}, timeout=120)),
               ("base64", lambda: requests.post(url + "/ocr", json={"file": "@@@not base64@@@"}, timeout=120)),
               ("pages", lambda: requests.post(url + "/ocr/v1/fast?pages=5-100000000", files={"image": good},
                                               timeout=120)),
               ("two files", lambda: requests.post(url + "/ocr/v1/fast", files=[("image", good), ("image", good)],
                                                   timeout=120))]
        rng = random.Random(15)
        plan = []
        for number in range(total):
            if number % 97 == 5:
                plan.append(("slow", None))
            elif rng.random() < 0.05:
                plan.append(bad[rng.randrange(len(bad))])
            else:
                plan.append(("good", None))
        statuses: dict[str, int] = {}
        lost = server_errors = 0
        latencies: list[float] = []
        lock = threading.Lock()
        warm_rss = None

        def one(item) -> None:
            nonlocal lost, server_errors
            kind, call = item
            started = time.perf_counter()
            try:
                if kind == "good":
                    status = requests.post(url + "/ocr/v1/fast", files={"image": good}, timeout=300).status_code
                elif kind == "slow":
                    status = slow_request(port, good, 1.0)
                else:
                    status = call().status_code
            except (requests.RequestException, OSError, ValueError, IndexError):
                with lock:
                    lost += 1
                return
            with lock:
                statuses[f"{kind} {status}"] = statuses.get(f"{kind} {status}", 0) + 1
                server_errors += status >= 500
                if kind == "good" and status == 200:
                    latencies.append(time.perf_counter() - started)

        with ThreadPoolExecutor(clients) as pool:
            warm = min(50, total // 10)
            list(pool.map(one, plan[:warm]))
            warm_rss = rss_mb(server.pid)
            list(pool.map(one, plan[warm:]))
        end_rss = rss_mb(server.pid)
        latencies.sort()
        pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else 0  # noqa
        return {"requests": total, "lost": lost, "5xx": server_errors, "statuses": dict(sorted(statuses.items())),
                "rss_after_warmup_mb": round(warm_rss, 1), "rss_end_mb": round(end_rss, 1),
                "rss_growth": round(end_rss / warm_rss - 1, 4) if warm_rss else None,
                "p50_ms": round(pick(0.5)), "p99_ms": round(pick(0.99))}
    finally:
        server.terminate()
        server.wait(30)


def hostile_set(folder: Path) -> list[tuple[str, list[str]]]:
    """(description, argv after `docscan ocr`) for each hostile input, made in ``folder``."""
    import pymupdf

    doc = pymupdf.open()
    for number in range(3):
        page = doc.new_page()
        page.insert_text((72, 100), f"Page {number + 1} of a report", fontsize=24)
        page.insert_image(pymupdf.Rect(72, 200, 400, 500), stream=page_png(f"Figure {number + 1}"))
    pdf = doc.tobytes(garbage=0, deflate=False)  # about 60 kB: a 3 kB cut loses most of it
    cases = []
    (folder / "cut.pdf").write_bytes(pdf[: len(pdf) // 2])
    cases.append(("PDF cut in half", ["cut.pdf", "--ocr-mode", "always"]))
    (folder / "3kb.pdf").write_bytes(pdf[:3000])
    cases.append(("PDF cut to 3 kB", ["3kb.pdf"]))
    (folder / "no-trailer.pdf").write_bytes(pdf[:-40])
    cases.append(("PDF without its trailer (repaired)", ["no-trailer.pdf"]))
    broken = pdf.replace(b"xref", b"xref\n0 9999\n", 1)
    (folder / "bad-xref.pdf").write_bytes(broken)
    cases.append(("PDF with a broken xref", ["bad-xref.pdf"]))
    doc.save(folder / "locked.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="x", owner_pw="y")
    cases.append(("encrypted PDF, no password", ["locked.pdf"]))
    (folder / "zero-pages.pdf").write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                                            b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF")
    cases.append(("PDF with no pages", ["zero-pages.pdf"]))
    (folder / "empty.png").write_bytes(b"")
    cases.append(("0-byte file", ["empty.png"]))
    png = page_png()
    (folder / "truncated.png").write_bytes(png[: len(png) // 2])
    cases.append(("truncated PNG", ["truncated.png"]))
    from PIL import Image

    Image.new("1", (40000, 40000)).save(folder / "bomb.png", optimize=True)
    cases.append(("40,000 x 40,000 pixel image", ["bomb.png"]))
    (folder / "random.bin").write_bytes(os.urandom(5000))
    cases.append(("random bytes", ["random.bin"]))
    odd = os.fsdecode(os.fsencode(str(folder)) + b"/odd\xff name.png")
    Path(odd).write_bytes(png)
    cases.append(("non-UTF-8 name, JSON out", [odd, "-f", "json", "-o", "odd.json"]))
    (folder / "-dash.png").write_bytes(png)
    cases.append(("name starting with a dash", ["--", "-dash.png"]))
    (folder / "loop").symlink_to(folder / "loop")
    cases.append(("symlink loop", ["loop"]))
    (folder / "dangling.png").symlink_to(folder / "nowhere.png")
    cases.append(("dangling link", ["dangling.png"]))
    os.mkfifo(folder / "fifo.png")
    cases.append(("a FIFO as input", ["fifo.png"]))
    (folder / "good.png").write_bytes(png)
    readonly = folder / "readonly"
    readonly.mkdir()
    readonly.chmod(0o500)
    cases.append(("read-only output folder", ["good.png", "good.png", "-o", "readonly"]))
    cases.append(("output onto the input", ["good.png", "-o", "good.png"]))
    cases.append(("output to /dev/null", ["good.png", "-o", "/dev/null"]))
    cases.append(("a page range of a billion", ["no-trailer.pdf", "--pages", "1-1000000000"]))
    return cases


def run_hostile() -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="docscan-hostile-") as tmp:
        folder = Path(tmp)
        for description, argv in hostile_set(folder):
            started = time.perf_counter()
            try:
                done = subprocess.run([sys.executable, "-m", "docscan", "ocr", "--no-progress", *argv], cwd=folder,
                                      capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
                code, err = done.returncode, done.stderr.decode("utf-8", "replace")
            except subprocess.TimeoutExpired:
                code, err = None, "hung: no answer in 60 s"
            lines = [line for line in err.splitlines() if line.strip()]
            rows.append({"input": description, "exit": code, "seconds": round(time.perf_counter() - started, 1),
                         "traceback": "Traceback" in err, "stderr": lines[-1][:110] if lines else "",
                         "ok": code in (0, 1, 2) and "Traceback" not in err and bool(lines or code == 0)})
        (folder / "readonly").chmod(0o700)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--no-service", action="store_true")
    parser.add_argument("--no-hostile", action="store_true")
    args = parser.parse_args()
    failed = False
    if not args.no_hostile:
        rows = run_hostile()
        print(f"\n{'input':36s} {'exit':>4s} {'s':>5s}  last line on stderr")
        for row in rows:
            print(f"{row['input']:36s} {str(row['exit']):>4s} {row['seconds']:5.1f}  "
                  f"{'TRACEBACK ' if row['traceback'] else ''}{row['stderr']}")
        bad = [r["input"] for r in rows if not r["ok"]]
        print(f"\nhostile set: {len(rows) - len(bad)} of {len(rows)} handled" + (f"; NOT: {', '.join(bad)}" if bad else ""))
        failed = bool(bad)
    if not args.no_service:
        figures = service_soak(args.requests, args.clients)
        print(f"\nservice soak: {figures['requests']} requests from {args.clients} clients")
        for key, value in figures.items():
            print(f"  {key}: {value}")
        failed = failed or figures["lost"] > 0 or figures["5xx"] > 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
