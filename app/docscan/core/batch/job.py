"""A batch job's folder: what to recognise, with which engine, and which pages are done.

    DIR/job.json                       DocScan version, and one "run" per result set: its settings, the
                                       sha256 of every model file, the sessions that worked on it
    DIR/manifest.parquet               the source files: path, size, mtime, content sha256, page count, error
    DIR/results/KEY/pages-*.parquet    one row a recognised page (PAGE_SCHEMA), written atomically
    DIR/results/KEY/failures-*.parquet pages (and files, page 0) that failed after their retries

A page is identified by its file's content sha256 and its page number, inside the result set KEY, which is
a hash of everything that decides a page's text (engine settings, DPI, OCR mode, the model files' sha256):
a renamed or duplicated file is not recognised twice, and a changed model or setting starts a new result
set instead of mixing old and new pages. Only the parent process writes here; each write is a new file
that appears whole (temporary name, then rename), so a killed job loses at most the rows not yet flushed,
and those are simply still "to do".
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

import pyarrow as pa
import pyarrow.parquet as pq

from ..documents import documents_in, open_document
from ..errors import DocScanError, DocumentError, PasswordRequired
from ..atomic_files import replacing, write_atomically
from ..model_store import sha256_file
from ..workers.shard_work import Shard, display_path

JOB_FORMAT = 1
JOB_FILE = "job.json"
MANIFEST_FILE = "manifest.parquet"
RESULTS_DIR = "results"
LIST_SUFFIXES = {".txt", ".lst", ".list"}  # a source with one of these names lists paths, one a line

LINE_TYPE = pa.struct([("text", pa.string()), ("confidence", pa.float32()), ("box", pa.list_(pa.float32()))])
PAGE_SCHEMA = pa.schema([
    ("sha256", pa.string()),  # of the source file's bytes
    ("page", pa.int32()),  # from 1; 0 in a failures row for a file that could not be opened at all
    ("source_path", pa.string()),  # the path it was read from (one of them, for duplicated files)
    ("source", pa.string()),  # "ocr" or "text-layer"
    ("text", pa.string()),
    ("lines", pa.list_(LINE_TYPE)),  # in reading order; box: x0, y0, ... x3, y3 in the page image's pixels
    ("width", pa.int32()),
    ("height", pa.int32()),
    ("dpi", pa.float64()),
    ("rotation", pa.int16()),
    ("seconds", pa.float64()),
    ("error", pa.string()),
    ("attempts", pa.int16()),
    ("worker", pa.string()),  # host:pid that recognised it
    ("finished_at", pa.timestamp("ms", tz="UTC")),
    # the page's tables and layout regions, as its JSON has them (core/tables.py); null: none (a job's files
    # from before these columns lack them, and read as null)
    ("tables_json", pa.string()),
    ("regions_json", pa.string()),
    ("review_json", pa.string()),
])
MANIFEST_SCHEMA = pa.schema([
    ("path", pa.binary()),  # os.fsencode(absolute path): file names that are not UTF-8 survive
    ("root", pa.binary()),  # the folder it was found in (exports keep the sub-folders below it); null: given
    ("size", pa.int64()),
    ("mtime_ns", pa.int64()),
    ("sha256", pa.string()),
    ("pages", pa.int32()),
    ("error", pa.string()),
])


class JobError(DocScanError):
    """The job folder cannot be used (not a job folder, unreadable, written by a newer DocScan)."""


def _now_iso() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


# ------------------------------------------------------------------------------------------- settings


def settings_key(settings: dict, models: dict) -> str:
    blob = json.dumps({"settings": settings, "models": models}, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(blob.encode("ascii")).hexdigest()[:16]


# ------------------------------------------------------------------------------------------------ job


class Job:
    """job.json and the folders beside it."""

    def __init__(self, folder: Path, data: dict):
        self.folder = folder
        self.data = data

    @classmethod
    def open(cls, folder: str | Path, *, create: bool = False) -> "Job":
        folder = Path(folder)
        path = folder / JOB_FILE
        if path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise JobError(f"{path} cannot be read ({exc}); it is not a job DocScan can resume.") from None
            if not isinstance(data, dict) or data.get("format", 0) > JOB_FORMAT:
                raise JobError(f"{path} was written by a newer DocScan (job format {data.get('format')}); "
                               "use that version, or another --out folder.")
            data.setdefault("runs", {})
            return cls(folder, data)
        if not create:
            raise JobError(f"{folder} is not a DocScan job folder (it has no {JOB_FILE}).")
        if folder.exists() and not folder.is_dir():
            raise JobError(f"--out {folder} is a file; the job needs a folder of its own.")
        if folder.is_dir() and any(folder.iterdir()):
            raise JobError(f"--out {folder} already holds other files and no {JOB_FILE}; choose a new or empty "
                           "folder for the job (DocScan does not mix its results with other files).")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise JobError(f"cannot create the job folder {folder}: {exc.strerror or exc}") from None
        from ..version import VERSION as __version__

        job = cls(folder, {"format": JOB_FORMAT, "created": _now_iso(), "docscan": __version__, "runs": {}})
        job.save()
        return job

    def lock(self):
        """Held while a run works on the job: a second ``docscan batch`` on the same folder is refused
        rather than doing the same pages again."""
        from filelock import FileLock, Timeout

        lock = FileLock(str(self.folder / ".lock"))
        try:
            lock.acquire(timeout=0)
        except Timeout:
            raise JobError(f"another docscan batch is working on {self.folder}; wait for it to finish, or stop it "
                           "(its results so far are kept).") from None
        return lock

    def save(self) -> None:
        try:
            write_atomically(self.folder / JOB_FILE, json.dumps(self.data, indent=1, ensure_ascii=False) + "\n")
        except OSError as exc:
            raise JobError(f"cannot write {self.folder / JOB_FILE}: {exc.strerror or exc}") from None

    @property
    def current(self) -> str | None:
        return self.data.get("current")

    def run(self, key: str | None = None) -> dict:
        key = key or self.current
        if not key or key not in self.data["runs"]:
            raise JobError(f"{self.folder} has no results yet (run docscan batch on it first).")
        return self.data["runs"][key]

    def use_run(self, settings: dict, models: dict, *, save: bool = True) -> str:
        """The result set for these settings and models (a new one when either changed); made current
        when ``save``."""
        from ..version import VERSION as __version__

        key = settings_key(settings, models)
        if not save:
            return key
        run = self.data["runs"].setdefault(key, {"created": _now_iso(), "settings": settings, "models": models,
                                                 "sessions": []})
        run["docscan"] = __version__
        self.data["current"] = key
        self.save()
        return key

    def start_session(self, key: str, **facts) -> dict:
        session = {"started": time.time(), "ended": None, "pages": 0, **facts}
        self.data["runs"][key]["sessions"].append(session)
        self.save()
        return session

    def end_session(self, session: dict, pages: int) -> None:
        session["ended"] = time.time()
        session["pages"] = pages
        self.save()

    def results(self, key: str | None = None) -> "ResultStore":
        return ResultStore(self.folder / RESULTS_DIR / (key or self.current or "none"))

    # -- the manifest

    def read_manifest(self) -> list["SourceFile"]:
        path = self.folder / MANIFEST_FILE
        if not path.is_file():
            return []
        try:
            rows = pq.read_table(path).to_pylist()
        except (OSError, pa.ArrowException) as exc:
            raise JobError(f"{path} cannot be read ({exc}); remove it to have the sources scanned again.") from None
        return [SourceFile(os.fsdecode(r["path"]), os.fsdecode(r["root"]) if r["root"] is not None else None,
                           r["size"], r["mtime_ns"], r["sha256"], r["pages"], r["error"]) for r in rows]

    def write_manifest(self, sources: Sequence["SourceFile"]) -> None:
        """The sources of every run so far: those just scanned replace their earlier entries."""
        merged = {s.path: s for s in self.read_manifest()}
        merged.update((s.path, s) for s in sources)
        rows = [{"path": os.fsencode(s.path), "root": os.fsencode(s.root) if s.root is not None else None,
                 "size": s.size, "mtime_ns": s.mtime_ns, "sha256": s.sha256, "pages": s.pages, "error": s.error}
                for s in sorted(merged.values(), key=lambda s: os.fsencode(s.path))]
        _write_parquet(self.folder / MANIFEST_FILE, pa.Table.from_pylist(rows, schema=MANIFEST_SCHEMA))


def _write_parquet(path: Path, table: pa.Table) -> None:
    """Write a table whole or not at all (atomic_files.replacing): a killed job leaves no half file."""
    try:
        with replacing(path) as temporary:
            pq.write_table(table, temporary, compression="zstd")
    except OSError as exc:
        raise JobError(f"cannot write {path}: {exc.strerror or exc}") from None


# -------------------------------------------------------------------------------------------- sources


@dataclass
class SourceFile:
    path: str  # absolute
    root: str | None  # the folder given that it was found in; None for a file given itself
    size: int = 0
    mtime_ns: int = 0
    sha256: str | None = None
    pages: int = 0
    error: str | None = None  # why it cannot be read; it then has no pages to do


def find_sources(sources: Iterable[str]) -> tuple[list[tuple[str, str | None]], list[str]]:
    """Files, folders (their images and PDFs, recursively) and lists of paths (one a line, relative to
    the list's folder) -> ([(absolute path, root folder or None)], [problems to tell the user])."""
    found: dict[str, str | None] = {}
    problems: list[str] = []

    def add(given: str, base: Path | None, depth: int = 0) -> None:
        path = Path(given).expanduser()
        if base is not None and not path.is_absolute():
            path = base / path
        absolute = os.path.abspath(path)
        if os.path.isdir(absolute):
            inside = documents_in(absolute)
            if not inside:
                problems.append(f"{given}: no images or PDFs in this folder")
            for item in inside:
                found.setdefault(os.path.abspath(item), absolute)
        elif Path(absolute).suffix.lower() in LIST_SUFFIXES and os.path.isfile(absolute) and depth == 0:
            try:
                with open(absolute, encoding="utf-8", errors="surrogateescape") as handle:
                    listed = [line.rstrip("\r\n") for line in handle]
            except OSError as exc:
                problems.append(f"{given}: cannot be read ({exc.strerror or exc})")
                return
            for line in listed:
                if line.strip() and not line.lstrip().startswith("#"):
                    add(line.strip(), Path(absolute).parent, depth + 1)
        elif not os.path.lexists(absolute):
            problems.append(f"{display_path(given)} does not exist")
        else:
            found.setdefault(absolute, None)

    for source in sources:
        add(source, None)
    return list(found.items()), problems


def scan_sources(found: Sequence[tuple[str, str | None]], known: Sequence[SourceFile], *,
                 password: str | None = None, progress: Callable[[int, int], None] | None = None) -> list[SourceFile]:
    """Each file's size, mtime, content sha256 and page count. A file whose path, size and mtime match
    the manifest is not read again."""
    by_path = {s.path: s for s in known}
    out: list[SourceFile] = []
    for number, (path, root) in enumerate(found, start=1):
        if progress:
            progress(number, len(found))
        source = SourceFile(path, root)
        out.append(source)
        try:
            status = os.stat(path)
        except OSError as exc:
            source.error = f"{display_path(path)} cannot be read ({exc.strerror or exc})."
            continue
        if not stat.S_ISREG(status.st_mode):
            source.error = f"{display_path(path)} is not a regular file (a pipe, socket or device)."
            continue
        source.size, source.mtime_ns = status.st_size, status.st_mtime_ns
        earlier = by_path.get(path)
        if earlier is not None and earlier.error is None and (earlier.size, earlier.mtime_ns) == (source.size, source.mtime_ns):
            source.sha256, source.pages = earlier.sha256, earlier.pages
            continue
        try:
            source.sha256 = sha256_file(Path(path))
            with open_document(path, password=password, name=display_path(path)) as document:
                source.pages = document.page_count
        except PasswordRequired as exc:
            source.error = str(exc).rstrip(".") + ("" if password else " (--password)") + "."
        except DocumentError as exc:
            source.error = str(exc)
        except OSError as exc:
            source.error = f"{display_path(path)} cannot be read ({exc.strerror or exc})."
    return out


# ------------------------------------------------------------------------------------------- the rows


class ResultStore:
    """The row files of one result set. Files are only added (and merged by ``compact``); when a page
    has several rows (a compaction interrupted between its write and its deletes) the newest counts."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._sequence = 0

    def files(self, kind: str) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return sorted(p for p in self.folder.glob(f"{kind}-*.parquet"))

    def write(self, rows: Sequence[dict], kind: str = "pages") -> Path | None:
        if not rows:
            return None
        self.folder.mkdir(parents=True, exist_ok=True)
        self._sequence += 1
        path = self.folder / f"{kind}-{time.time_ns():020d}-{os.getpid()}-{self._sequence:06d}.parquet"
        _write_parquet(path, pa.Table.from_pylist(list(rows), schema=PAGE_SCHEMA))
        return path

    def table(self, kind: str = "pages", columns: Sequence[str] | None = None) -> pa.Table:
        """Every row of ``kind``, one per page (the newest)."""
        wanted = list(columns) if columns else None
        if wanted is not None:
            wanted = list(dict.fromkeys(["sha256", "page", *wanted]))
        schema = PAGE_SCHEMA if wanted is None else pa.schema([PAGE_SCHEMA.field(c) for c in wanted])
        tables = []
        for path in self.files(kind):
            try:
                tables.append(_conformed(pq.read_table(path, columns=_present(path, wanted)), schema))
            except (OSError, pa.ArrowException) as exc:
                raise JobError(f"{path} cannot be read ({exc}); remove it to have its pages done again.") from None
        if not tables:
            return schema.empty_table()
        table = pa.concat_tables(tables)
        keys = list(zip(table.column("sha256").to_pylist(), table.column("page").to_pylist()))
        seen: set = set()
        newest = []
        for index in range(len(keys) - 1, -1, -1):
            if keys[index] not in seen:
                seen.add(keys[index])
                newest.append(index)
        return table.take(sorted(newest)) if len(newest) != len(keys) else table

    def states(self) -> tuple[set[tuple[str, int]], dict[tuple[str, int], str]]:
        """(pages done, {page failed and not done since: its error})."""
        done = set(zip(*[self.table("pages", ["page"]).column(c).to_pylist() for c in ("sha256", "page")]))
        failures = self.table("failures", ["error"])
        failed = {key: error for key, error in zip(zip(failures.column("sha256").to_pylist(),
                                                       failures.column("page").to_pylist()),
                                                   failures.column("error").to_pylist()) if key not in done}
        return done, failed

    def compact(self, kind: str = "pages", files: Sequence[Path] | None = None) -> None:
        """Merge small row files (by default all of ``kind``; a session passes the ones it wrote) into one:
        the merged file is written first and the old ones removed after, so a crash in between leaves
        duplicate rows, which ``table`` reads as one."""
        files = sorted(files) if files is not None else self.files(kind)
        if len(files) < 2:
            return
        merged = pa.concat_tables([_conformed(pq.read_table(path), PAGE_SCHEMA) for path in files])
        self._sequence += 1
        path = self.folder / f"{kind}-{time.time_ns():020d}-{os.getpid()}-{self._sequence:06d}.parquet"
        _write_parquet(path, merged)
        for old in files:
            try:
                old.unlink()
            except OSError:
                pass


def _present(path: Path, wanted: list[str] | None) -> list[str] | None:
    """The ``wanted`` columns that the file at ``path`` has (a file from an older DocScan lacks later ones)."""
    if wanted is None:
        return None
    names = set(pq.read_schema(path).names)
    return [name for name in wanted if name in names]


def _conformed(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """``table`` in ``schema``: columns a file from an older DocScan lacks (tables_json ...) added as nulls."""
    for field_ in schema:
        if field_.name not in table.column_names:
            table = table.append_column(field_, pa.nulls(len(table), field_.type))
    return table.select(schema.names).cast(schema)


class RowWriter:
    """Buffers finished pages and writes them in files of ``flush_rows`` or every ``flush_seconds``;
    a failure is written at once (there are few, and each must survive a crash)."""

    def __init__(self, store: ResultStore, *, flush_rows: int = 32, flush_seconds: float = 5.0):
        self.store = store
        self.flush_rows = flush_rows
        self.flush_seconds = flush_seconds
        self._rows: list[dict] = []
        self._last = time.monotonic()
        self.pages = 0
        self.failures = 0

    def page(self, row: dict) -> None:
        self._rows.append(row)
        self.pages += 1
        if len(self._rows) >= self.flush_rows or time.monotonic() - self._last >= self.flush_seconds:
            self.flush()

    def failure(self, row: dict) -> None:
        self.failures += 1
        self.store.write([row], "failures")

    def flush(self) -> None:
        rows, self._rows = self._rows, []
        self._last = time.monotonic()
        self.store.write(rows, "pages")


# --------------------------------------------------------------------------------------------- planning


@dataclass
class Plan:
    shards: list[Shard] = field(default_factory=list)
    files: int = 0  # readable source files
    duplicates: int = 0  # files whose content another file has
    unreadable: list[SourceFile] = field(default_factory=list)
    pages: int = 0  # distinct pages (by content)
    done: int = 0
    failed: int = 0  # failed, not retried in this run
    to_do: int = 0  # never tried
    retrying: bool = False  # this run does the failed pages (and leaves to_do for a plain run)

    @property
    def work(self) -> int:
        return sum(len(shard.pages) for shard in self.shards)

    def summary(self) -> str:
        count = self.files + len(self.unreadable)
        files = f"{count} file{'s' if count != 1 else ''}"
        extra = [f"{self.duplicates} duplicate{'s' if self.duplicates != 1 else ''} recognised once"] if self.duplicates else []
        if self.unreadable:
            extra.append(f"{len(self.unreadable)} unreadable")
        return (f"{self.pages} pages in {files}" + (f" ({', '.join(extra)})" if extra else "")
                + f": {self.done} done, {self.to_do} to do, {self.failed} failed"
                + (" (retrying the failed pages)" if self.retrying and self.failed else ""))


def make_plan(sources: Sequence[SourceFile], done: set, failed: dict, *, retry_failed: bool = False,
              shard_pages: int = 8) -> Plan:
    """The shards still to do. With ``retry_failed`` only the failed pages are done (and nothing new)."""
    plan = Plan()
    seen: dict[str, SourceFile] = {}
    for source in sorted(sources, key=lambda s: os.fsencode(s.path)):
        if source.error is not None:
            plan.unreadable.append(source)
            continue
        plan.files += 1
        if source.sha256 in seen:
            plan.duplicates += 1
            continue
        seen[source.sha256] = source
    for sha, source in seen.items():
        wanted = []
        for page in range(1, source.pages + 1):
            plan.pages += 1
            if (sha, page) in done:
                plan.done += 1
            elif (sha, page) in failed:
                plan.failed += 1
                if retry_failed:
                    wanted.append(page)
            else:
                plan.to_do += 1
                if not retry_failed:
                    wanted.append(page)
        for start in range(0, len(wanted), shard_pages):
            plan.shards.append(Shard(sha, source.path, source.size, source.mtime_ns,
                                     tuple(wanted[start:start + shard_pages])))
    plan.retrying = retry_failed
    return plan
