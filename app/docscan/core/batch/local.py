"""Worker processes on this machine, each with its own engine, fed one shard at a time over a pipe.

Why processes and not threads: the engine is not thread-safe and holds the GIL in places, a page that
crashes an inference library must not take the job with it, a hung page must be stoppable (a thread
cannot be killed), and a process that has grown can be replaced. Each worker gets
``cores // workers`` ONNX Runtime threads so that the workers together use the cores once.

The parent is the only writer of results: a worker sends each page's row as it finishes, and the parent
hands it to the sink. When a worker dies or overruns ``page_timeout`` on a page, that page counts an
attempt (a failures row after ``retries`` more), the rest of its shard goes back to the front of the
queue, and a new worker takes the slot. Workers retire themselves after ``recycle_pages`` pages or above
``max_rss_mb`` (between shards), which keeps a long run's memory flat whatever the libraries leak.
"""

from __future__ import annotations

import collections
import multiprocessing
import os
import signal
import time
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from typing import Callable, Protocol

from ..errors import Cancelled, DocScanError, DocumentError, EngineUnavailable, ModelError, first_line
from .job import Shard, display_path, failure_row
from .shard import EngineFactory, ShardRecogniser


def cpu_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class BatchOptions:
    workers: int = 0  # 0: one per core
    threads: int | None = None  # ONNX Runtime threads per worker; None: cores // workers
    page_timeout: float = 600.0  # seconds one page may take before its worker is stopped
    retries: int = 2  # more tries for a failed page
    recycle_pages: int = 1000  # a worker retires after this many pages (0: never)
    max_rss_mb: float = 4096.0  # ... or when it has grown past this (0: no limit)
    shard_pages: int = 8

    def resolved(self) -> "BatchOptions":
        workers = self.workers or cpu_cores()
        return replace(self, workers=workers, threads=self.threads or max(1, cpu_cores() // workers))


class Sink(Protocol):
    def page(self, row: dict) -> None: ...
    def failure(self, row: dict) -> None: ...


class CancelToken(Protocol):
    def is_set(self) -> bool: ...


def rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def _worker_main(conn: Connection, settings: dict, models: dict, threads: int | None,
                 engine_factory: EngineFactory | None, password: str | None, retries: int,
                 recycle_pages: int, max_rss_mb: float, stop_event=None) -> None:
    """A worker process: load the engine, then recognise what the parent sends until told to stop, the
    parent goes away, or it is time to retire: ("shard", Shard) from a batch, answered with a row per
    page; ("document", {data, pages, dpi}) from the service, answered with one DocumentResult dict."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    if stop_event is not None:
        from .. import interrupt

        interrupt.install(stop_event.is_set)
    if not os.environ.get("DOCSCAN_VERBOSE"):
        from ..engine import quiet_libraries

        quiet_libraries()
    try:
        try:
            recogniser = ShardRecogniser(settings, models, threads=threads, engine_factory=engine_factory,
                                         password=password, retries=retries)
        except (ModelError, EngineUnavailable) as exc:
            conn.send(("fatal", str(exc)))
            return
        except Exception as exc:  # the engine could not start: a message, not a traceback
            conn.send(("fatal", f"the engine could not start: {first_line(exc)}"))
            return
        pdf = _OpenPdf()  # before "ready": PyMuPDF's import (0.6 s here) is part of starting, not of a first page
        conn.send(("ready", {"worker": recogniser.worker, "pages": 0, "rss_mb": rss_mb()}))
        pages = 0
        while True:
            try:
                message = conn.recv()
            except EOFError:
                return
            if message[0] == "document":
                request = message[1]
                try:
                    result = recogniser.recognise_document(request["data"], request["pages"], request["dpi"])
                except DocScanError as exc:
                    conn.send(("error", {"message": str(exc), "engine": isinstance(exc, (ModelError, EngineUnavailable))}))
                else:
                    conn.send(("result", result.to_dict()))
                    pages += len(result.pages)
            elif message[0] == "image":  # a page (RGB, turned upright here) or a crop (BGR) of the window's,
                # or a page of a PDF file rendered here (ProcessEngine.recognize_pdf_page)
                conn.send(_recognise_image(recogniser.engine, message[1], pdf))
            elif message[0] == "shard":
                shard: Shard = message[1]
                for row in recogniser.recognise(shard, on_start=lambda page: conn.send(("start", page))):
                    conn.send(("row", row))
                    pages += 1
            else:
                return
            memory = rss_mb()
            if recycle_pages and pages >= recycle_pages:
                conn.send(("retire", {"reason": f"{pages} pages done", "pages": pages, "rss_mb": memory}))
                return
            if max_rss_mb and memory > max_rss_mb:
                conn.send(("retire", {"reason": f"{memory:.0f} MB resident", "pages": pages, "rss_mb": memory}))
                return
            conn.send(("idle", {"pages": pages, "rss_mb": memory}))
    except (BrokenPipeError, ConnectionResetError, EOFError):
        return  # the parent is gone


class _OpenPdf:
    """The PDF file whose pages the window's engine process renders, kept open from page to page (a file
    changed on disk since is opened again)."""

    def __init__(self):
        import pymupdf  # noqa: F401

        self._key = None
        self._document = None

    def get(self, path: str, password: str | None, name: str):
        from ..documents import open_document

        stat = os.stat(path)
        key = (path, password, name, stat.st_mtime_ns, stat.st_size)
        if key != self._key:
            self.close()
            self._document = open_document(path, password=password, name=name)
            self._key = key
        return self._document

    def close(self) -> None:
        if self._document is not None:
            self._document.close()
        self._key = self._document = None


def _recognise_pdf_page(engine, request: dict, pdf: _OpenPdf):
    """Render a page of a PDF file here, turn it as the person turned it, and recognise it: the window's
    process never renders the pages it recognises, so its main thread does not wait on MuPDF, which
    holds the GIL while it draws (ADR 0010)."""
    from ..document_run import turn_image

    document = pdf.get(request["path"], request["password"], request["name"])
    known = len(document.warnings)
    rendered = document.page(request["index"]).render(request["dpi"])
    image = turn_image(rendered.image, request["turn"]) if request["turn"] % 360 else rendered.image
    ocr, rotation = engine.recognize_image(image)
    return ocr, rotation, {"width": image.width, "height": image.height, "dpi": rendered.dpi,
                           "warnings": document.warnings[known:]}


def start_worker(settings: dict, models: dict, options: BatchOptions, *, name: str,
                 engine_factory: EngineFactory | None = None, password: str | None = None,
                 stop_event=None) -> tuple[multiprocessing.Process, Connection]:
    """One worker process (spawned: fork would copy a loaded engine and its threads) and the parent's end
    of its pipe. It answers ("ready", ...) once its engine is loaded, or ("fatal", message).
    ``stop_event`` (a spawn-context Event): set by the parent, it stops the image in progress at its next
    step (core/interrupt.py), answered ("cancelled", {}); the worker and its engine stay."""
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe(duplex=True)
    process = context.Process(target=_worker_main, name=name, daemon=True,
                              args=(child, settings, models, options.threads, engine_factory, password,
                                    options.retries, options.recycle_pages, options.max_rss_mb, stop_event))
    process.start()
    child.close()
    return process, parent


def exit_reason(process: multiprocessing.Process) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        return f"the worker process was killed ({signal.Signals(-code).name})"
    return f"the worker process stopped (exit code {code})"


def _recognise_image(engine, request: dict, pdf: _OpenPdf) -> tuple[str, dict]:
    rendered = {}
    try:
        if request["mode"] == "pdf_page":
            try:
                ocr, rotation, rendered = _recognise_pdf_page(engine, request, pdf)
            except (DocumentError, OSError) as exc:  # the page (or the file) cannot be read: the page's error
                return "page_error", {"message": str(exc) if isinstance(exc, DocumentError) else
                                      f"{request['name']} cannot be read ({exc.strerror or exc})."}
        elif request["mode"] == "page":
            from PIL import Image

            ocr, rotation = engine.recognize_image(Image.fromarray(request["pixels"]))
        else:
            ocr, rotation = engine.recognize(request["pixels"]), 0
    except Cancelled:  # the parent asked to stop this image (its stop event): the engine stays loaded
        return "cancelled", {}
    except DocScanError as exc:
        return "error", {"message": str(exc), "engine": isinstance(exc, (ModelError, EngineUnavailable))}
    except Exception as exc:  # one image the engine chokes on: its error, and the worker goes on
        return "error", {"message": first_line(exc), "engine": False}
    return "ocr", {"lines": [line.to_dict() for line in ocr.lines], "seconds": ocr.seconds, "rotation": rotation,
                   **rendered}


@dataclass
class _Slot:
    process: multiprocessing.Process
    conn: Connection
    number: int
    ready: bool = False
    worker: str = ""
    shard: Shard | None = None
    remaining: list[int] = field(default_factory=list)
    current: int | None = None
    started: float = 0.0
    pages: int = 0


@dataclass
class WorkerReport:
    """What happened to worker processes during the run (for the summary and the benchmark)."""

    started: int = 0
    replaced: list[str] = field(default_factory=list)  # why each was replaced
    rss_mb: dict[str, list[tuple[int, float]]] = field(default_factory=dict)  # worker -> (pages, RSS) per shard


class LocalExecutor:
    """Runs shards on ``options.workers`` local processes. ``on_event`` hears one line per notable event
    (a worker replaced, a page timed out) for the user."""

    def __init__(self, settings: dict, models: dict, options: BatchOptions, *,
                 engine_factory: EngineFactory | None = None, password: str | None = None,
                 on_event: Callable[[str], None] | None = None):
        self.settings = settings
        self.models = models
        self.options = options.resolved()
        self.engine_factory = engine_factory
        self.password = password
        self.on_event = on_event or (lambda message: None)
        self.report = WorkerReport()
        self._slots: list[_Slot] = []
        self._numbers = 0
        self._start_failures = 0

    @property
    def worker_pids(self) -> list[int]:
        return [slot.process.pid for slot in self._slots if slot.process.pid]

    def _spawn(self) -> _Slot:
        self._numbers += 1
        process, conn = start_worker(self.settings, self.models, self.options, name=f"docscan-batch-{self._numbers}",
                                     engine_factory=self.engine_factory, password=self.password)
        self.report.started += 1
        return _Slot(process, conn, self._numbers)

    def run(self, shards: list[Shard], sink: Sink, cancel: CancelToken | None = None) -> bool:
        """Do every page of ``shards``; False when cancelled (what was finished is in the sink)."""
        queue = collections.deque(shards)
        attempts: collections.Counter = collections.Counter()
        workers = min(self.options.workers, max(1, sum(len(s.pages) for s in shards)))
        try:
            while queue or self._slots:
                if cancel is not None and cancel.is_set():
                    return False
                while queue and len(self._slots) < workers:  # at the start, and for a worker lost or retired
                    self._slots.append(self._spawn())
                for slot in list(self._slots):
                    if slot.ready and slot.shard is None:
                        if queue:
                            self._assign(slot, queue.popleft())
                        else:
                            self._retire(slot)
                if not self._slots:
                    continue
                waitables = [s.conn for s in self._slots] + [s.process.sentinel for s in self._slots]
                for ready in wait(waitables, timeout=0.5):
                    slot = next((s for s in self._slots if ready in (s.conn, s.process.sentinel)), None)
                    if slot is None:
                        continue
                    self._service(slot, queue, attempts, sink)
                now = time.monotonic()
                for slot in list(self._slots):
                    if slot.current is not None and now - slot.started > self.options.page_timeout:
                        self._lost(slot, queue, attempts, sink,
                                   f"timed out: no result after {self.options.page_timeout:.0f} s")
            return True
        finally:
            for slot in self._slots:
                self._stop(slot)
            self._slots = []

    def _assign(self, slot: _Slot, shard: Shard) -> None:
        slot.shard, slot.remaining, slot.current = shard, list(shard.pages), None
        try:
            slot.conn.send(("shard", shard))
        except OSError:
            # the worker died since it said it was idle: _service sees its death and redoes this shard
            # (raised here, BrokenPipeError ended the whole job)
            pass

    def _service(self, slot: _Slot, queue, attempts, sink) -> None:
        try:
            while slot.conn.poll():
                kind, payload = slot.conn.recv()
                self._message(slot, kind, payload, sink)
                if slot not in self._slots:
                    return
        except (EOFError, OSError):
            pass
        if not slot.process.is_alive() and slot in self._slots:
            slot.process.join(1)
            if slot.shard is not None or not slot.ready:
                self._lost(slot, queue, attempts, sink, exit_reason(slot.process))
            else:
                self._retire(slot)

    def _message(self, slot: _Slot, kind: str, payload, sink) -> None:
        if kind == "ready":
            slot.ready, slot.worker = True, payload["worker"]
            self._start_failures = 0
            self.report.rss_mb.setdefault(slot.worker, []).append((0, payload["rss_mb"]))
        elif kind == "fatal":
            raise (ModelError if "model" in payload.lower() else EngineUnavailable)(payload)
        elif kind == "start":
            slot.current, slot.started = payload, time.monotonic()
        elif kind == "row":
            slot.current = None
            if payload["page"] in slot.remaining:
                slot.remaining.remove(payload["page"])
            slot.pages += 1
            (sink.failure if payload["error"] else sink.page)(payload)
        elif kind in ("idle", "retire"):
            self.report.rss_mb.setdefault(slot.worker, []).append((payload["pages"], payload["rss_mb"]))
            slot.shard, slot.remaining = None, []
            if kind == "retire":
                self.report.replaced.append(f"{slot.worker} retired: {payload['reason']}")
                self._retire(slot)

    def _lost(self, slot: _Slot, queue, attempts, sink, why: str) -> None:
        """The worker died or hung: charge the page it was on, put the rest of its shard back, replace it."""
        if not slot.ready:
            self._start_failures += 1
            if self._start_failures >= 3:
                raise EngineUnavailable(f"worker processes could not start the engine ({why}, three times).")
        shard, current = slot.shard, slot.current
        if shard is not None:
            rest = [p for p in slot.remaining if p != current]
            if rest:
                queue.appendleft(Shard(shard.sha256, shard.path, shard.size, shard.mtime_ns, tuple(rest)))
            if current is not None:
                key = (shard.sha256, current)
                attempts[key] += 1
                if attempts[key] > self.options.retries:
                    sink.failure(failure_row(shard.sha256, shard.path, current, f"{why} ({attempts[key]} attempts)",
                                             attempts=attempts[key], worker=slot.worker))
                else:
                    queue.append(Shard(shard.sha256, shard.path, shard.size, shard.mtime_ns, (current,)))
        self.on_event(f"{slot.worker or 'a worker'}: {why}"
                      + (f" on {display_path(shard.path)} page {current}" if current else "") + "; starting another")
        self.report.replaced.append(why)
        self._retire(slot, kill=True)

    def _retire(self, slot: _Slot, kill: bool = False) -> None:
        """Stop the worker and free its slot (the run loop starts another while there is work)."""
        self._stop(slot, kill=kill)
        self._slots.remove(slot)

    @staticmethod
    def _stop(slot: _Slot, kill: bool = False) -> None:
        if not kill and slot.process.is_alive():
            try:
                slot.conn.send(("stop", None))
            except OSError:
                pass
            slot.process.join(5)
        if slot.process.is_alive():
            slot.process.kill()
            slot.process.join(5)
        slot.conn.close()
