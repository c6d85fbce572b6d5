"""A batch from start to end: open (or create) the job, scan the sources, plan, execute, compact; the
status of a job; exports from its results. The CLI prints; this module decides."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Protocol, Sequence

from .. import formats
from ..documents import Document, open_document, unreadable_pages
from ..engine import EngineConfig
from ..errors import DocScanError, DocumentError
from ..output_files import InputGuard, WrittenOutputs, cannot_write, output_paths
from ..model_store import sha256_file
from ..results import DocumentResult, PageResult
from .job import Job, Plan, ResultStore, RowWriter, SourceFile, find_sources, make_plan, scan_sources
from ..workers.engines import EngineFactory, default_engine, engine_fingerprint, run_settings
from ..workers.shard_work import display_path, failure_row, page_from_row


class Executor(Protocol):
    def run(self, shards, sink, cancel=None) -> bool: ...


@dataclass
class PreparedJob:
    job: Job
    key: str
    settings: dict
    models: dict
    plan: Plan
    problems: list[str] = field(default_factory=list)  # sources given that do not exist, empty folders


def prepare(job: Job | str | Path, sources: Sequence[str], config: EngineConfig, *, dpi: float | None = None,
            ocr_mode: str = "auto", password: str | None = None, retry_failed: bool = False, flatten_photos: bool = True,
            shard_pages: int = 8, engine_factory: EngineFactory | None = None,
            on_scan: Callable[[int, int], None] | None = None, dry_run: bool = False) -> PreparedJob:
    """Everything before the first page: the engine's model files checked (ModelError before any work),
    the job folder, the sources hashed, what is done and what is left. ``dry_run`` writes nothing: the
    job's current result set and its manifest stay as they were."""
    settings = run_settings(config, dpi, ocr_mode, flatten_photos)
    engine = None if ocr_mode == "never" else (engine_factory or default_engine)(config)
    models = engine_fingerprint(engine)
    if not isinstance(job, Job):
        job = Job.open(job, create=True)
    key = job.use_run(settings, models, save=not dry_run)
    found, problems = find_sources(sources)
    scanned = scan_sources(found, job.read_manifest(), password=password, progress=on_scan)
    store = job.results(key)
    done, failed = store.states()
    if not dry_run:
        job.write_manifest(scanned)
        _record_unreadable(store, scanned, failed)
    plan = make_plan(scanned, done, failed, retry_failed=retry_failed, shard_pages=shard_pages)
    return PreparedJob(job, key, settings, models, plan, problems)


def _unreadable_key(source: SourceFile) -> tuple[str, int]:
    return (source.sha256 or f"path:{display_path(source.path)}", 0)


def _record_unreadable(store: ResultStore, sources: Sequence[SourceFile], failed: dict) -> None:
    """A file that cannot be opened is a failures row (page 0), so that the failures table lists it."""
    rows = [failure_row(_unreadable_key(s)[0], s.path, 0, s.error, attempts=1)
            for s in sources if s.error is not None and failed.get(_unreadable_key(s)) != s.error]
    store.write(rows, "failures")


class _Counting:
    """The sink the executors write into: the job's RowWriter, plus a callback per finished page."""

    def __init__(self, writer: RowWriter, on_row: Callable[[dict], None] | None):
        self.writer = writer
        self.on_row = on_row

    def page(self, row: dict) -> None:
        self.writer.page(row)
        if self.on_row:
            self.on_row(row)

    def failure(self, row: dict) -> None:
        self.writer.failure(row)
        if self.on_row:
            self.on_row(row)


@dataclass
class RunOutcome:
    pages: int  # recognised in this run
    failures: int  # failed in this run after their retries
    seconds: float
    finished: bool  # False: cancelled or interrupted


def execute(prepared: PreparedJob, executor: Executor, *, on_row: Callable[[dict], None] | None = None,
            cancel=None, mode: str = "local", workers: int = 1) -> RunOutcome:
    job, key = prepared.job, prepared.key
    store = job.results(key)
    writer = RowWriter(store)
    written_before = set(store.files("pages"))
    session = job.start_session(key, mode=mode, workers=workers)
    started = time.monotonic()
    finished = False
    try:
        finished = executor.run(prepared.plan.shards, _Counting(writer, on_row), cancel)
    finally:
        writer.flush()  # also on Ctrl+C and on errors: every finished page is kept
        job.end_session(session, writer.pages + writer.failures)
        if finished:
            store.compact("pages", [f for f in store.files("pages") if f not in written_before])
    return RunOutcome(writer.pages, writer.failures, time.monotonic() - started, finished)


# ---------------------------------------------------------------------------------------------- status


@dataclass
class JobStatus:
    folder: str
    key: str
    settings: dict
    plan: Plan
    failures: list[dict]  # {path, page, error}
    pages_per_second: float | None  # over the latest session that recognised pages
    seconds_left: float | None

    def to_dict(self) -> dict:
        plan = self.plan
        return {"folder": self.folder, "result_set": self.key, "settings": self.settings,
                "files": plan.files, "duplicates": plan.duplicates, "unreadable": len(plan.unreadable),
                "pages": plan.pages, "done": plan.done, "to_do": plan.to_do, "failed": plan.failed,
                "pages_per_second": self.pages_per_second, "seconds_left": self.seconds_left,
                "failures": self.failures}


def job_status(folder: str | Path) -> JobStatus:
    job = Job.open(folder)
    run = job.run()
    store = job.results()
    sources = job.read_manifest()
    done, failed = store.states()
    plan = make_plan(sources, done, failed)
    paths = {s.sha256: s.path for s in sorted(sources, key=lambda s: os.fsencode(s.path)) if s.sha256}
    failures = [{"path": display_path(paths.get(sha, sha.removeprefix("path:"))), "page": page, "error": error}
                for (sha, page), error in sorted(failed.items())]
    rate = _rate(store, run.get("sessions", []))
    left = plan.to_do / rate if rate and plan.to_do else (0.0 if not plan.to_do else None)
    return JobStatus(str(job.folder), job.current, run["settings"], plan, failures, rate, left)


def _rate(store: ResultStore, sessions: list[dict]) -> float | None:
    """Pages per second of the latest session that finished pages: from the rows' times, so that it
    also answers while the job is running."""
    table = store.table("pages", ["finished_at"])
    if not len(table) or not sessions:
        return None
    times = [t.timestamp() for t in table.column("finished_at").to_pylist() if t is not None]
    for session in reversed(sessions):
        inside = [t for t in times if t >= session["started"]]
        if inside:
            elapsed = max(inside) - session["started"]
            return len(inside) / elapsed if elapsed > 0 else None
    return None


# ---------------------------------------------------------------------------------------------- export


@dataclass
class ExportReport:
    written: list[Path] = field(default_factory=list)
    incomplete: list[str] = field(default_factory=list)  # "path: 3 of 10 pages done"
    # why, by name: a document not exported (it cannot be read, or none of its pages could), or exported
    # without the pages that could not be read
    failed: list[str] = field(default_factory=list)
    not_exported: list[str] = field(default_factory=list)  # the paths of the documents not exported for that
    nothing_to_write: list[str] = field(default_factory=list)  # read, but without what the format writes (csv: a table)
    renamed: list[str] = field(default_factory=list)  # "path: written as OUT/x (2).txt, since ... has the same name"
    problems: list[str] = field(default_factory=list)


def export_job(folder: str | Path, fmt: str, to: str | Path,
               options: formats.ExportOptions | None = None) -> ExportReport:
    """One output per source file (duplicates too) from the results, without recognising anything, named
    as ``docscan ocr -o FOLDER`` names them (output_files.output_paths). A document is exported once each of its
    pages is done or has failed for good; one that cannot be read, or none of whose pages could be, is not
    (no empty file): it is in ``failed``, as is one with nothing the format writes (a CSV of a document
    without a table). A searchable PDF needs its source file, unchanged. ``written`` lists every file (a
    CSV of several tables: one per table, ``NAME-1.csv`` ...)."""
    job = Job.open(folder)
    run = job.run()
    store = job.results()
    to = Path(to)
    report = ExportReport()
    pages_by_sha: dict[str, dict[int, PageResult]] = {}
    for row in store.table("pages").to_pylist():
        pages_by_sha.setdefault(row["sha256"], {})[row["page"]] = page_from_row(row)
    for row in store.table("failures").to_pylist():
        if row["page"] > 0:
            pages_by_sha.setdefault(row["sha256"], {}).setdefault(row["page"], page_from_row(row))
    models = {role: entry.get("name") for role, entry in run.get("models", {}).items()}
    sources = sorted(job.read_manifest(), key=lambda s: os.fsencode(s.path))
    guard = InputGuard(s.path for s in sources)
    # named over every source of the job, written or not, so that a name does not change with what is done
    names = output_paths([(s.path, s.root) for s in sources], to, fmt)
    written = WrittenOutputs()
    for source, name in zip(sources, names):
        label = display_path(source.path)
        if source.error is not None:
            report.failed.append(f"not exported: {source.error}")
            report.not_exported.append(label)
            continue
        got = pages_by_sha.get(source.sha256, {})
        if len(got) < source.pages:
            report.incomplete.append(f"{label}: {len(got)} of {source.pages} pages done")
            continue
        result = DocumentResult(label, [got[n] for n in sorted(got)], models=models)
        unreadable = unreadable_pages(label, [(page.page, page.error) for page in result.failed_pages])
        if len(result.failed_pages) == len(result.pages):
            report.failed.extend(f"not exported: {line}" for line in unreadable)
            report.not_exported.append(label)
            continue
        target = name.path
        if guard.input_at(target) is not None:
            report.problems.append(f"{target} is one of the job's sources; not overwritten")
            continue
        # the pages as they were recognised: flattened or not as the job's settings say (a job from before the
        # option: not flattened)
        flatten = run["settings"].get("flatten_photos", False)
        files: list[Path] = []
        try:
            written.write(target, lambda t: files.extend(
                formats.write_files(fmt, [result], t, [_unchanged_source(source, flatten)], options)))
        except formats.NothingToExport as exc:
            report.failed.append(f"not exported: {label}: {exc}")
            report.nothing_to_write.append(label)
            continue
        except (OSError, DocScanError) as exc:
            report.problems.append(cannot_write(target, exc))
            continue
        for path in files:
            written.add(path)
        report.written.extend(files)
        report.failed.extend(f"{line} (the other pages are exported)" for line in unreadable)
        if name.moved_for is not None:
            report.renamed.append(f"{label}: written as {target}, since {display_path(name.moved_for)} has the "
                                  "same name")
    return report


def _unchanged_source(source: SourceFile, flatten_photos: bool = True) -> Callable[[], Document]:
    """What opens ``source`` for a format made from it (a searchable PDF): the file as it was recognised,
    or DocumentError."""

    def open_unchanged() -> Document:
        try:
            unchanged = sha256_file(Path(source.path)) == source.sha256
        except OSError as exc:
            raise DocumentError(f"its source {display_path(source.path)} cannot be read ({exc.strerror or exc})") from None
        if not unchanged:
            raise DocumentError(f"its source {display_path(source.path)} changed since it was recognised; run the "
                                "batch again first")
        return open_document(source.path, name=display_path(source.path), flatten_photos=flatten_photos)

    return open_unchanged
