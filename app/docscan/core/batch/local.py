"""Worker processes on this machine, each with its own engine, fed one shard at a time (a WorkerPool of
core/workers).

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
from dataclasses import dataclass, field, replace
from typing import Callable, Protocol

from ..errors import EngineUnavailable
from ..workers.engines import EngineFactory
from ..workers.messages import Fatal, Idle, PageRow, Ready, RecogniseShard, Retiring
from ..workers.pool import Lost, Slot, WorkerPool
from ..workers.process import WorkerSpec, cpu_cores
from ..workers.shard_work import Shard, display_path, failure_row

__all__ = ["BatchOptions", "LocalExecutor", "WorkerReport", "cpu_cores"]


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


@dataclass
class WorkerReport:
    """What happened to worker processes during the run (for the summary and the benchmark)."""

    started: int = 0
    replaced: list[str] = field(default_factory=list)  # why each was replaced
    rss_mb: dict[str, list[tuple[int, float]]] = field(default_factory=dict)  # worker -> (pages, RSS) per shard


@dataclass
class _ShardTask:
    shard: Shard
    remaining: list[int]  # its pages not yet answered


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
        self._pool: WorkerPool | None = None
        self._start_failures = 0

    @property
    def pool(self) -> WorkerPool | None:
        """The worker processes of the run in progress (or of the last run); None before the first."""
        return self._pool

    @property
    def worker_pids(self) -> list[int]:
        return self._pool.pids if self._pool is not None else []

    def _new_pool(self) -> WorkerPool:
        spec = WorkerSpec(self.settings, self.models, threads=self.options.threads,
                          engine_factory=self.engine_factory, password=self.password, retries=self.options.retries,
                          recycle_pages=self.options.recycle_pages, max_rss_mb=self.options.max_rss_mb)
        return WorkerPool(spec, name="docscan-batch-{number}", page_timeout=self.options.page_timeout)

    def run(self, shards: list[Shard], sink: Sink, cancel: CancelToken | None = None) -> bool:
        """Do every page of ``shards``; False when cancelled (what was finished is in the sink)."""
        queue = collections.deque(shards)
        attempts: collections.Counter = collections.Counter()
        workers = min(self.options.workers, max(1, sum(len(s.pages) for s in shards)))
        pool = self._pool = self._new_pool()
        try:
            while queue or pool.slots:
                if cancel is not None and cancel.is_set():
                    return False
                if queue:  # at the start, and for a worker lost or retired
                    self.report.started += pool.grow(workers)
                for slot in pool.idle():
                    if queue:
                        shard = queue.popleft()
                        pool.assign(slot, _ShardTask(shard, list(shard.pages)), RecogniseShard(shard))
                    else:
                        pool.retire(slot)
                if not pool.slots:
                    continue
                for slot, answer in pool.answers(timeout=0.5):
                    self._answer(slot, answer, queue, attempts, sink)
            return True
        finally:
            pool.close()

    def _answer(self, slot: Slot, answer, queue, attempts, sink) -> None:
        if isinstance(answer, Ready):
            self._start_failures = 0
            self.report.rss_mb.setdefault(slot.name, []).append((0, answer.rss_mb))
        elif isinstance(answer, Fatal):
            raise answer.error.exception()
        elif isinstance(answer, PageRow):
            row, task = answer.row, slot.task
            if task is not None and row["page"] in task.remaining:
                task.remaining.remove(row["page"])
            (sink.failure if row["error"] else sink.page)(row)
        elif isinstance(answer, (Idle, Retiring)):
            self.report.rss_mb.setdefault(slot.name, []).append((answer.pages, answer.rss_mb))
            if isinstance(answer, Retiring):
                self.report.replaced.append(f"{slot.name} retired: {answer.reason}")
        elif isinstance(answer, Lost) and (slot.task is not None or not slot.ready):
            self._lost(slot, queue, attempts, sink, answer.reason)

    def _lost(self, slot: Slot, queue, attempts, sink, why: str) -> None:
        """The worker died or hung (the pool has removed it): charge the page it was on, put the rest of its
        shard back; the run loop starts another."""
        if not slot.ready:
            self._start_failures += 1
            if self._start_failures >= 3:
                raise EngineUnavailable(f"worker processes could not start the engine ({why}, three times).")
        task, current = slot.task, slot.page
        shard = task.shard if task is not None else None
        if shard is not None:
            rest = [p for p in task.remaining if p != current]
            if rest:
                queue.appendleft(Shard(shard.sha256, shard.path, shard.size, shard.mtime_ns, tuple(rest)))
            if current is not None:
                key = (shard.sha256, current)
                attempts[key] += 1
                if attempts[key] > self.options.retries:
                    sink.failure(failure_row(shard.sha256, shard.path, current, f"{why} ({attempts[key]} attempts)",
                                             attempts=attempts[key], worker=slot.name))
                else:
                    queue.append(Shard(shard.sha256, shard.path, shard.size, shard.mtime_ns, (current,)))
        self.on_event(f"{slot.name or 'a worker'}: {why}"
                      + (f" on {display_path(shard.path)} page {current}" if current else "") + "; starting another")
        self.report.replaced.append(why)
