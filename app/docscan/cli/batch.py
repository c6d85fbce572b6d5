"""``docscan batch``: archives, resumable, on every local core or a Ray cluster.

    docscan batch SRC... --out DIR [--workers N] [--retry-failed] [--dry-run] [--ray ADDRESS] [engine options]
    docscan batch status DIR [--failures] [--json]
    docscan batch export DIR --format txt|md|json|hocr|pdf|html|csv|xlsx|docx [--table N] --to FOLDER

Exit codes as ``docscan ocr``: 0 every page done; 1 some page or file failed (the rest is kept); 2 usage;
3 model or engine unavailable (also: a worker's model files differ from the job's).
"""

from __future__ import annotations

import json
import sys
from typing import Sequence

from ..core import documents, formats
from ..core.errors import DocScanError
from .common import (EXIT_ENGINE, EXIT_INPUT, EXIT_OK, CliParser, UsageError, add_engine_options, add_export_options,
                     add_run_options, engine_config, export_options, report, run_options)

NO_PYARROW = ("docscan batch needs pyarrow, which the desktop bundle leaves out: install DocScan with pip "
              "(README, 'Archives: docscan batch')")


def run_parser() -> CliParser:
    from ..core.batch.local import BatchOptions

    defaults = BatchOptions()
    parser = CliParser(prog="docscan batch", description=(
        "Recognise an archive into a job folder that a rerun resumes: pages already done are skipped, "
        "failed pages are kept in a failures table (--retry-failed redoes them). SRC: files, folders "
        "(recursively) or text files listing paths (.txt/.lst, one a line). Also: 'docscan batch status DIR', "
        "'docscan batch export DIR --format txt --to FOLDER'."))
    parser.add_argument("sources", nargs="+", metavar="SRC")
    parser.add_argument("--out", "-o", required=True, metavar="DIR", help="the job folder (new, empty, or a job's)")
    parser.add_argument("--workers", "-j", type=int, default=0,
                        help="worker processes, each with its own engine (default: one per core)")
    parser.add_argument("--threads", type=int, default=None,
                        help="ONNX Runtime threads per worker (default: cores / workers)")
    parser.add_argument("--retry-failed", action="store_true", help="redo only the pages that failed before")
    parser.add_argument("--dry-run", action="store_true", help="say what a run would do, and do nothing")
    add_run_options(parser, ("dpi", "password", "ocr_mode", "flatten_photos"), notes={"password": "not stored in the job"})
    parser.add_argument("--page-timeout", type=float, default=defaults.page_timeout, metavar="SECONDS",
                        help=f"stop a worker that spends longer on one page (default {defaults.page_timeout:.0f})")
    parser.add_argument("--retries", type=int, default=defaults.retries,
                        help=f"more tries for a page that fails (default {defaults.retries})")
    parser.add_argument("--recycle-after", type=int, default=defaults.recycle_pages, metavar="PAGES",
                        help=f"replace a worker after this many pages (default {defaults.recycle_pages}; 0: never)")
    parser.add_argument("--max-rss-mb", type=float, default=defaults.max_rss_mb, metavar="MB",
                        help=f"replace a worker that grew past this (default {defaults.max_rss_mb:.0f}; 0: no limit)")
    parser.add_argument("--shard-pages", type=int, default=defaults.shard_pages, metavar="N",
                        help=f"pages a worker takes at a time (default {defaults.shard_pages})")
    parser.add_argument("--ray", metavar="ADDRESS",
                        help="run on a Ray cluster (its address, or 'auto'); needs pip install 'docscan[ray]'")
    parser.add_argument("--gpus-per-worker", type=float, default=0.0, metavar="F",
                        help="with --ray: GPUs per worker (fractions share one GPU, e.g. 0.25)")
    parser.add_argument("--quiet", "-q", action="store_true", help="print only errors")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    parser.add_argument("-v", "--verbose", action="store_true", help="also show what the OCR libraries log")
    add_engine_options(parser)
    return parser


def status_parser() -> CliParser:
    parser = CliParser(prog="docscan batch status", description="What a job has done, what is left, what failed.")
    parser.add_argument("folder", metavar="DIR")
    parser.add_argument("--failures", action="store_true", help="list every failure (default: the first 10)")
    parser.add_argument("--json", action="store_true")
    return parser


def export_parser() -> CliParser:
    parser = CliParser(prog="docscan batch export", description="Write each document's results (no OCR is run); "
                                                              "documents with pages still to do are skipped.")
    parser.add_argument("folder", metavar="DIR")
    parser.add_argument("--format", "-f", choices=tuple(formats.FORMATS), default="txt")
    add_export_options(parser)
    parser.add_argument("--to", required=True, metavar="FOLDER")
    return parser


def run_batch(argv: Sequence[str]) -> int:
    argv = list(argv)
    if argv[:1] in (["status"], ["export"]):  # -v means nothing there (nothing is recognised)
        argv = [a for a in argv if a not in ("-v", "--verbose")]
    try:
        if argv[:1] == ["status"]:
            return batch_status(status_parser().parse_args(argv[1:]))
        if argv[:1] == ["export"]:
            return batch_export(export_parser().parse_args(argv[1:]))
        return batch_run(run_parser().parse_args(argv))
    except (UsageError, DocScanError) as exc:
        return report(exc, "docscan batch")
    except ImportError as exc:
        # Job folders keep their pages in Parquet (core/batch/job.py): the desktop bundle leaves pyarrow out
        # (docs/adr/0005, issue 28), and a pip install without it is broken the same way.
        if (exc.name or "").partition(".")[0] != "pyarrow":
            raise
        print(NO_PYARROW, file=sys.stderr)
        return EXIT_ENGINE


def _say(args, message: str) -> None:
    if not args.quiet:
        print(f"docscan batch: {message}", file=sys.stderr)


def batch_run(args) -> int:
    import os

    from ..core.batch import run as batch
    from ..core.batch.local import BatchOptions, LocalExecutor

    if args.verbose:
        os.environ["DOCSCAN_VERBOSE"] = "1"
    else:
        from ..core.engine import quiet_libraries

        quiet_libraries()
    given = run_options(args)  # --dpi in its range
    for name in ("workers", "retries", "recycle_after", "shard_pages"):
        if getattr(args, name) < (1 if name == "shard_pages" else 0):
            raise UsageError(f"--{name.replace('_', '-')} must be {'at least 1' if name == 'shard_pages' else '0 or more'}")
    if args.page_timeout <= 0:
        raise UsageError("--page-timeout must be more than 0 seconds")
    config = engine_config(args)
    options = BatchOptions(workers=args.workers, threads=args.threads, page_timeout=args.page_timeout,
                           retries=args.retries, recycle_pages=args.recycle_after, max_rss_mb=args.max_rss_mb,
                           shard_pages=args.shard_pages).resolved()
    from ..core.batch.job import Job

    job = Job.open(args.out, create=True)
    lock = job.lock()
    try:
        scan_bar = _bar(args, "reading sources", "file")
        prepared = batch.prepare(job, args.sources, config, dpi=given.dpi, ocr_mode=given.ocr_mode,
                                 flatten_photos=given.flatten_photos,
                                 password=given.password, retry_failed=args.retry_failed, shard_pages=args.shard_pages,
                                 dry_run=args.dry_run,
                                 on_scan=(lambda done, total: _advance(scan_bar, done, total)) if scan_bar else None)
        if scan_bar:
            scan_bar.close()
        for problem in prepared.problems:
            print(f"docscan batch: {problem}", file=sys.stderr)
        for source in prepared.plan.unreadable:
            print(f"docscan batch: {source.error}", file=sys.stderr)
        plan = prepared.plan
        _say(args, plan.summary())
        if args.dry_run or not plan.shards:
            return _exit_code(prepared, plan.failed)
        if args.ray:
            from ..core.batch.ray_cluster import RayExecutor

            executor = RayExecutor(args.ray, prepared.settings, prepared.models, options,
                                   gpus_per_worker=args.gpus_per_worker, password=given.password)
            mode = "ray"
        else:
            executor = LocalExecutor(prepared.settings, prepared.models, options, password=given.password,
                                     on_event=lambda message: _say(args, message))
            mode = "local"
        workers = min(options.workers, plan.work)
        _say(args, f"{workers} worker{'s' if workers != 1 else ''} ({mode}), {options.threads} thread"
                   f"{'s' if options.threads != 1 else ''} each, {config.label}")
        bar = _bar(args, "recognising", "page", total=plan.work)
        failures = 0

        def on_row(row):
            nonlocal failures
            if row["error"]:
                failures += 1
                if bar is None:
                    for line in documents.unreadable_pages(row["source_path"], [(row["page"], row["error"])]):
                        print(f"docscan batch: {line}", file=sys.stderr)
            if bar is not None:
                bar.update(1)
                if failures:
                    bar.set_postfix_str(f"{failures} failed")

        try:
            outcome = batch.execute(prepared, executor, on_row=on_row, mode=mode, workers=workers)
        except KeyboardInterrupt:
            if bar is not None:
                bar.close()
            print(f"docscan batch: interrupted; the pages finished are kept in {args.out}: run the same command "
                  "to go on.", file=sys.stderr)
            return EXIT_INPUT
        finally:
            if bar is not None:
                bar.close()
        after = batch.job_status(args.out).plan
        rate = outcome.pages / outcome.seconds if outcome.seconds else 0.0
        _say(args, f"{outcome.pages} page{'s' if outcome.pages != 1 else ''} done in {outcome.seconds:.0f} s "
                   f"({rate:.2f} pages/s), {outcome.failures} failed; in all {after.done} done, {after.to_do} to do, "
                   f"{after.failed} failed" + (f" (docscan batch status {args.out} --failures)" if after.failed else ""))
        return _exit_code(prepared, after.failed)
    finally:
        lock.release()


def _exit_code(prepared, failed: int) -> int:
    return EXIT_INPUT if failed or prepared.plan.unreadable or prepared.problems else EXIT_OK


def _bar(args, description: str, unit: str, total: int | None = None):
    if args.quiet or args.no_progress or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc=description, unit=unit, file=sys.stderr, leave=False, smoothing=0.1)


def _advance(bar, done: int, total: int) -> None:
    bar.total = total
    bar.n = done
    bar.refresh()


def batch_status(args) -> int:
    from ..core.batch.run import job_status
    from ..core.engine import EngineConfig

    status = job_status(args.folder)
    if args.json:
        print(json.dumps(status.to_dict(), indent=1, ensure_ascii=False))
        return EXIT_OK
    plan, settings = status.plan, status.settings
    try:
        label = EngineConfig(**settings["engine"]).label
    except (TypeError, ValueError):
        label = settings["engine"].get("family", "?")
    print(f"Job {status.folder} (result set {status.key}: {label}, {settings['engine'].get('device')}, "
          f"{settings['dpi']:.0f} dpi, OCR {settings['ocr_mode']})")
    extra = [f"{plan.duplicates} duplicate{'s' if plan.duplicates != 1 else ''}"] if plan.duplicates else []
    if plan.unreadable:
        extra.append(f"{len(plan.unreadable)} unreadable")
    print(f"  files: {plan.files + len(plan.unreadable)}" + (f" ({', '.join(extra)})" if extra else ""))
    print(f"  pages: {plan.pages}: {plan.done} done, {plan.to_do} to do, {plan.failed} failed")
    if status.pages_per_second:
        left = f"; time left: {_duration(status.seconds_left)}" if plan.to_do and status.seconds_left else ""
        print(f"  speed: {status.pages_per_second:.2f} pages/s (latest session){left}")
    lines = _failure_lines(status.failures)
    shown = lines if args.failures else lines[:10]
    if shown:
        print("  failures:")
        for line in shown:
            print(f"    {line}")
        if len(shown) < len(lines):
            print(f"    ... {len(lines) - len(shown)} more (--failures)")
    return EXIT_OK


def _failure_lines(failures: list[dict]) -> list[str]:
    """A file that cannot be read in a line; a file's failed pages in one line per reason ("pages 3–40
    could not be read: ..."), not one line a page; in the order of the failures."""
    order: list[tuple[str, str]] = []  # ("file", its error) or ("pages", its path)
    pages: dict[str, list[tuple[int, str]]] = {}
    for failure in failures:
        if not failure["page"]:
            order.append(("file", failure["error"]))
            continue
        if failure["path"] not in pages:
            pages[failure["path"]] = []
            order.append(("pages", failure["path"]))
        pages[failure["path"]].append((failure["page"], failure["error"]))
    lines: list[str] = []
    for kind, what in order:
        lines.extend(documents.unreadable_pages(what, pages[what]) if kind == "pages" else [what])
    return lines


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def batch_export(args) -> int:
    from ..core.batch.run import export_job

    report = export_job(args.folder, args.format, args.to, export_options(args))
    for line in report.incomplete:
        print(f"docscan batch export: not exported, pages still to do: {line}", file=sys.stderr)
    for line in report.failed + report.renamed + report.problems:
        print(f"docscan batch export: {line}", file=sys.stderr)
    not_written = len(report.not_exported)
    print(f"docscan batch export: {len(report.written)} file{'s' if len(report.written) != 1 else ''} written "
          f"to {args.to}" + (f"; {not_written} document{'s' if not_written != 1 else ''} could not be read and "
                             f"{'were' if not_written != 1 else 'was'} not exported" if not_written else "")
          + (f"; {len(report.nothing_to_write)} had nothing to write as {args.format}" if report.nothing_to_write
             else ""), file=sys.stderr)
    return EXIT_INPUT if report.problems or report.incomplete or report.failed else EXIT_OK
