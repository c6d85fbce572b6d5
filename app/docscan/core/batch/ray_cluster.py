"""The same shards on a Ray cluster, with Ray Data: one block per shard (so that Ray does not merge the
small inputs into one long task), ``map_batches`` over them with a pool of actors that each load the
engine once (core/workers' ``ShardRecogniser``, as a local worker does), ``num_cpus``/``num_gpus`` per actor
(fractional GPUs allowed).

The parent streams the rows back and is still the only writer of the job folder. Ray restarts an actor
whose process died and runs its shard again; a shard's rows reach the parent only when the whole shard
is done, and the parent drops a row for a page it already has, so every page is written exactly once.
What Ray does not give: a per-page timeout (a task cannot be stopped from outside without losing its
actor; ``--page-timeout`` applies to local workers) and retirement after N pages.

A model mismatch on a worker (other files than the job's sha256s) comes back as a "fatal" row carrying the
error's class (core/workers' CarriedError, in the row's worker field), and the job stops with exit 3,
rather than Ray retrying an actor whose constructor would fail each time.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Callable

from ..errors import EngineUnavailable, ModelError
from ..workers.carried_errors import CarriedError
from .job import PAGE_SCHEMA
from ..workers.shard_work import Shard, failure_row
from .local import BatchOptions, WorkerReport

FATAL = "__fatal__"


class ShardActor:
    """A Ray Data callable class: the constructor loads the engine, each call recognises the shards of
    its batch (one, as the dataset is built) and returns their rows as one Arrow table."""

    def __init__(self, settings: dict, models: dict, threads: int | None, password: str | None, retries: int):
        from ..engine import quiet_libraries
        from ..workers.shard_recogniser import ShardRecogniser

        quiet_libraries()
        self.fatal = None
        try:
            self.recogniser = ShardRecogniser(settings, models, threads=threads, password=password, retries=retries)
        except (ModelError, EngineUnavailable) as exc:
            self.fatal = CarriedError.of(exc)

    def __call__(self, batch):
        import pyarrow as pa

        rows = []
        for encoded in batch.column("shard").to_pylist():
            fields = json.loads(encoded)
            shard = Shard(**{**fields, "pages": tuple(fields["pages"])})
            if self.fatal is not None:
                rows.append(failure_row(FATAL, shard.path, 0, self.fatal.message, attempts=1, worker=self.fatal.kind))
                continue
            rows.extend(self.recogniser.recognise(shard))
        return pa.Table.from_pylist(rows, schema=PAGE_SCHEMA)


class RayExecutor:
    def __init__(self, address: str, settings: dict, models: dict, options: BatchOptions, *,
                 gpus_per_worker: float = 0.0, password: str | None = None,
                 on_event: Callable[[str], None] | None = None):
        try:
            import ray  # noqa: F401
            import ray.data  # noqa: F401
        except ImportError:
            raise EngineUnavailable("Ray is not installed: pip install 'docscan[ray]' (on this machine and on "
                                    "every worker of the cluster).") from None
        self.address = address
        self.settings = settings
        self.models = models
        self.options = options.resolved()
        self.gpus_per_worker = gpus_per_worker
        self.password = password
        self.on_event = on_event or (lambda message: None)
        self.report = WorkerReport()

    def _connect(self) -> None:
        import logging
        import os

        import ray
        import ray.data

        verbose = bool(os.environ.get("DOCSCAN_VERBOSE"))
        if not verbose:  # Ray Data reports every 10 s on stderr; DocScan's own progress bar says it better
            for name in ("ray", "ray.data"):
                logging.getLogger(name).setLevel(logging.WARNING)
            context = ray.data.DataContext.get_current()
            context.enable_progress_bars = False
            context.print_on_execution_start = False
        if ray.is_initialized():
            return
        options = dict(include_dashboard=False, log_to_driver=verbose,
                       logging_level=logging.INFO if verbose else logging.WARNING)
        try:
            if self.address == "local":
                ray.init(**options)
            else:
                ray.init(address=self.address, **options)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise EngineUnavailable(f"cannot reach the Ray cluster at {self.address}: {exc}") from None

    def run(self, shards: list[Shard], sink, cancel=None) -> bool:
        import ray
        import ray.data

        self._connect()
        if not shards:
            return True
        items = [{"shard": json.dumps({**asdict(shard), "pages": list(shard.pages)})} for shard in shards]
        dataset = ray.data.from_items(items, override_num_blocks=len(items))
        rows = dataset.map_batches(
            ShardActor, batch_size=1, batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=min(self.options.workers, len(items))),
            num_cpus=self.options.threads, num_gpus=self.gpus_per_worker or None,
            fn_constructor_kwargs=dict(settings=self.settings, models=self.models, threads=self.options.threads,
                                       password=self.password, retries=self.options.retries))
        # Ray Data's actor pools restart a dead actor and retry its tasks by default (max_restarts=-1,
        # max_task_retries=-1), which is what a killed worker needs
        seen: set[tuple[str, int]] = set()
        workers: set[str] = set()
        for batch in rows.iter_batches(batch_size=None, batch_format="pyarrow"):
            for row in batch.to_pylist():
                if row["sha256"] == FATAL:
                    raise CarriedError(row["worker"], row["error"]).exception()
                key = (row["sha256"], row["page"])
                if key in seen:
                    continue
                seen.add(key)
                workers.add(row["worker"])
                (sink.failure if row["error"] else sink.page)(row)
            if cancel is not None and cancel.is_set():
                return False
        self.report.started = len(workers)
        return True
