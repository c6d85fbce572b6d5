"""The one page function of every worker: an engine loaded once, then a shard of pages -> rows (a batch,
in our worker processes or in Ray actors) or a document sent as bytes -> its result (the service)."""

from __future__ import annotations

import os
import socket
from dataclasses import replace
from typing import Callable, Iterator

from .shard_work import Shard, display_path, failure_row, page_row
from ..document_run import recognize_page, run_document
from ..documents import open_document
from ..engine import EngineConfig
from ..options import RunOptions
from ..errors import DocumentError, EngineUnavailable, ModelError, PasswordRequired
from ..results import DocumentResult
from .engines import EngineFactory, ModelMismatch, compare_fingerprints, default_engine, engine_fingerprint


class ShardRecogniser:
    """Loads the engine the job names, checks its model files against the job's, and recognises shards.

    A page that comes back with an error (a page that cannot be rendered, an engine exception) is tried
    again here, up to ``retries`` more times; a page that kills or hangs the process is the pool's to
    retry, since nothing in this process survives it."""

    def __init__(self, settings: dict, expected_models: dict, *, threads: int | None = None,
                 engine_factory: EngineFactory | None = None, password: str | None = None, retries: int = 2):
        self.settings = settings
        self.password = password
        self.retries = retries
        self.worker = f"{socket.gethostname()}:{os.getpid()}"
        self.engine = None
        if settings["ocr_mode"] != "never":
            config = EngineConfig(**settings["engine"], cpu_threads=threads)
            self.engine = (engine_factory or default_engine)(config)
            problem = compare_fingerprints(expected_models, engine_fingerprint(self.engine))
            if problem:
                raise ModelMismatch(f"the model files on {socket.gethostname()} are not the ones this job was "
                                    f"started with: {problem}. Install the same DocScan and models on every "
                                    "worker, or start a new job folder.")
            self.engine.load()

    def recognise(self, shard: Shard, on_start: Callable[[int], None] | None = None) -> Iterator[dict]:
        """One row per page of the shard, in order; a file that cannot be opened gives an error row per page."""
        try:
            status = os.stat(shard.path)
            if (status.st_size, status.st_mtime_ns) != (shard.size, shard.mtime_ns):
                raise DocumentError(f"{display_path(shard.path)} changed since the job read it; run the batch "
                                    "again to have it read afresh.")
            document = open_document(shard.path, password=self.password, name=display_path(shard.path),
                                     flatten_photos=self.settings.get("flatten_photos", True))
        except (DocumentError, OSError) as exc:
            message = str(exc) if isinstance(exc, DocumentError) else f"cannot be read ({exc.strerror or exc})"
            if isinstance(exc, PasswordRequired) and not self.password:
                message = message.rstrip(".") + " (--password)."
            for page in shard.pages:
                yield failure_row(shard.sha256, shard.path, page, message, attempts=1, worker=self.worker)
            return
        with document:
            for page in shard.pages:
                if on_start:
                    on_start(page)
                for attempt in range(1, self.retries + 2):
                    try:
                        result = recognize_page(document, page - 1, self.engine, self.settings["dpi"],
                                                self.settings["ocr_mode"])
                    except (ModelError, EngineUnavailable):
                        raise
                    if result.error is None or attempt > self.retries:
                        break
                yield page_row(shard.sha256, shard.path, result, attempts=attempt, worker=self.worker)

    def recognise_document(self, data: bytes, options: RunOptions) -> DocumentResult:
        """The pages ``options`` names of an image or PDF sent as bytes (the service's requests), at its dpi
        or else the worker's, in the worker's OCR mode."""
        with open_document(data, flatten_photos=options.flatten_photos) as document:
            return run_document(document, self.engine, replace(options, dpi=options.dpi or self.settings["dpi"],
                                                               ocr_mode=self.settings["ocr_mode"]))

    def close(self) -> None:
        if self.engine is not None:
            self.engine.close()
