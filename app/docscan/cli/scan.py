"""``docscan scan``: scan paper and recognise it into one file, as ``docscan ocr`` would recognise the same
pages; ``docscan scan --list``: the scanners found, one a line, its id first.

The pages are scanned first (in a thread, so that Ctrl+C stops the scanner at once), kept in memory as the
JPEG files the scanner gave, then recognised as one document of images and written. Nothing scanned is
lost: a fault or Ctrl+C half-way still recognises and writes the pages already scanned (and says so), a
Ctrl+C while recognising writes every page with the text of those recognised so far, and pages that
cannot be written to OUT are kept as JPEG files in a folder that is named.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

from ..core import formats, scanning
from ..core.engine import ENGINE_OPTIONS
from ..core.errors import DocScanError
from ..core.output_files import cannot_write
from .common import EXIT_INPUT, EXIT_OK, UsageError, add_engine_options, add_run_options, engine_config, run_options

STOP_WAIT = 15.0  # seconds a cancelled scanner may take to stop before its pages are recognised anyway


def add_parser(commands) -> argparse.ArgumentParser:
    scan = commands.add_parser(
        "scan", help="scan paper and recognise it into a file (docscan scan --list: the scanners)",
        description="Scan paper and recognise it into OUT, in the format its name ends with (.pdf: a searchable "
                    "PDF; .txt, .md, .json, .hocr). A network scanner can be named by its address: "
                    "--device escl:HOST:PORT.")
    scan.add_argument("--list", action="store_true", help="list the scanners found, one a line, its id first")
    scan.add_argument("--network-timeout", type=float, default=0.0, metavar="S",
                      help="with --list: also look for network scanners for S seconds (default 0: SANE's, WIA's or "
                           "the Mac's scanners only, which include the network scanners their drivers know)")
    scan.add_argument("--device", dest="scanner", metavar="ID",
                      help="the scanner: an id from --list (test:0, airscan:e0:NAME) or escl:HOST:PORT")
    scan.add_argument("--source", choices=scanning.SOURCES, default="glass",
                      help="glass: one page; feeder, duplex: every page in the feeder (default glass)")
    scan.add_argument("--dpi", type=int, default=None,
                      help=f"scan resolution (default {scanning.DEFAULT_SCAN_DPI}, or the nearest the scanner offers)")
    scan.add_argument("--color", choices=scanning.COLORS, default="color", help="colour or grey (default color)")
    scan.add_argument("--page-size", choices=scanning.PAGE_SIZE_NAMES, default="a4",
                      help="the area scanned (default a4; max: the scanner's whole area)")
    scan.add_argument("--max-pages", type=int, default=None, metavar="N",
                      help="feeder, duplex: stop after N pages (default: until the feeder is empty)")
    scan.add_argument("-o", "--output", metavar="OUT",
                      help="the file to write: OUT.pdf a searchable PDF of the pages; .txt, .md, .json, .hocr")
    scan.add_argument("--save-pages", metavar="FOLDER",
                      help="also keep the scanned pages as JPEG files in FOLDER (page-001.jpg, ...)")
    add_run_options(scan, ("ocr_mode",), notes={"ocr_mode": "for a scan, never: the pages without text"})
    scan.add_argument("--no-progress", action="store_true", help="no progress lines even on a terminal")
    add_engine_options(scan, skip=("device",))
    device = next(option for option in ENGINE_OPTIONS if option.field == "device")
    scan.add_argument("--ocr-device", dest="device", choices=device.choices, default=device.default,
                      help=f"{device.help} (docscan ocr's --device; here --device is the scanner)")
    return scan


def run_scan(args) -> int:
    if args.list:
        return _list(args.network_timeout)
    if not args.scanner:
        raise UsageError("name the scanner: --device ID (docscan scan --list shows them; a network scanner: "
                         "--device escl:HOST:PORT)")
    if not args.output:
        raise UsageError("give the file to write: -o OUT.pdf (a searchable PDF), or .txt, .md, .json, .hocr")
    if args.max_pages is not None and args.max_pages < 1:
        raise UsageError("--max-pages must be 1 or more")
    options = run_options(args)
    out = Path(args.output)
    fmt = output_format(out)
    if options.ocr_mode == "never" and not formats.get(fmt).needs_source:
        raise UsageError(f"--ocr-mode never keeps the pages without text: give -o OUT.pdf, not {out.suffix}")
    save_dir = _pages_folder(args.save_pages)

    engine = None
    if options.ocr_mode != "never":  # before any paper goes through: a missing model is exit 3, nothing scanned
        from ..core.engine import OcrEngine
        from ..core.model_store import ModelStore

        engine = OcrEngine(engine_config(args), ModelStore())
        engine.check()
        if engine.notice:
            print(f"docscan: {engine.notice}", file=sys.stderr)

    try:
        scanner = scanning.open_scanner(args.scanner)
    except scanning.ScanFault as fault:
        print(f"docscan: {fault}", file=sys.stderr)
        return EXIT_INPUT
    with scanner:
        abilities = scanner.abilities()
        settings = scanning.ScanSettings(source=args.source, dpi=args.dpi or abilities.default_dpi, color=args.color,
                                         page_size=args.page_size, max_pages=args.max_pages)
        try:
            scanning.check_settings(settings, abilities)
        except scanning.ScanFault as fault:
            raise UsageError(str(fault)) from None
        show = sys.stderr.isatty() and not args.no_progress
        pages, fault, interrupted = scan_pages(scanner, settings, show=show)

    if save_dir is not None and pages:
        _save_pages(pages, save_dir)
    if not pages:
        print(f"docscan: {'interrupted: ' if interrupted else ''}{fault or 'no page was scanned.'} Nothing was "
              f"written to {out}.", file=sys.stderr)
        return EXIT_INPUT
    if fault is not None:
        said = "interrupted" if interrupted else str(fault)
        print(f"docscan: the scan stopped after {_pages(len(pages))}: {said.rstrip('.')}. "
              f"The {_pages(len(pages))} scanned {'are' if len(pages) > 1 else 'is'} recognised and written to {out}.",
              file=sys.stderr)
    written, complete = recognise_and_write(pages, engine, options, fmt, out, device=args.scanner, show=show)
    if not written and save_dir is None:
        _keep_unwritten(pages)
    return EXIT_OK if written and complete and fault is None else EXIT_INPUT


def output_format(out: Path) -> str:
    """The format OUT's name ends with; a usage error (before any paper is scanned) when it names none, or
    names a folder, or a folder that is not there."""
    suffix = out.suffix.lower()
    fmt = next((name for name, known in formats.FORMATS.items() if suffix in known.file_suffixes), None)
    if fmt is None:
        names = ", ".join(known.file_suffixes[0] for known in formats.FORMATS.values())
        raise UsageError(f"-o {out}: the name must end in the format to write ({names}; .pdf: a searchable PDF)")
    if out.is_dir():
        raise UsageError(f"-o {out} is a folder: give a file name ending in {suffix}")
    folder = out.parent
    if not folder.is_dir():
        raise UsageError(f"-o {out}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise UsageError(f"-o {out}: the folder {folder} cannot be written to (permission denied)")
    return fmt


def scan_pages(scanner: scanning.Scanner, settings: scanning.ScanSettings, *, show: bool = False):
    """Scan in a thread; Ctrl+C cancels the scanner. (pages, the fault that ended the scan or None, whether
    a person interrupted it)."""
    pages: list[scanning.ScannedPage] = []
    ended: list[scanning.ScanFault] = []

    def work() -> None:
        try:
            for page in scanner.scan(settings):
                pages.append(page)
                if show:
                    print(f"docscan: page {page.number} scanned", file=sys.stderr)
        except scanning.ScanFault as fault:
            ended.append(fault)
        except Exception as exc:  # noqa: BLE001 - never a traceback instead of the pages scanned
            ended.append(scanning.ScanFault("failed", f"The scan failed: {exc}"))

    thread = threading.Thread(target=work, name="docscan-scan", daemon=True)
    thread.start()
    interrupted = False
    deadline = None
    while thread.is_alive() and (deadline is None or time.monotonic() < deadline):
        try:
            thread.join(0.1)
        except KeyboardInterrupt:
            if interrupted:  # a second Ctrl+C: recognise what is there without waiting for the scanner
                break
            interrupted = True
            print("docscan: stopping the scanner...", file=sys.stderr)
            scanner.cancel()
            deadline = time.monotonic() + STOP_WAIT
    if interrupted and not ended:
        ended.append(scanning.ScanFault("cancelled"))
    return list(pages), (ended[0] if ended else None), interrupted


def recognise_and_write(pages, engine, options, fmt: str, out: Path, *, device: str,
                        show: bool = False) -> tuple[bool, bool]:
    """Recognise the scanned pages as one document and write OUT: (whether OUT was written, whether every
    page was recognised); stderr says what was not. Ctrl+C while recognising writes what is there: every
    page, the text of those done."""
    from ..core.document_run import run_document
    from ..core.documents import ImagesDocument
    from ..core.results import DocumentResult

    done: list = []

    def progress(step) -> None:
        if step.page is not None:
            done.append(step.page)
            if show:
                print(f"docscan: page {step.page.page} of {step.total} recognised", file=sys.stderr)

    with ImagesDocument(f"the pages scanned from {device}", [page.jpeg for page in pages]) as document:
        try:
            if options.ocr_mode == "never":  # the pages as scanned, nothing to recognise
                result = DocumentResult(None)
            else:
                result = run_document(document, engine, options, progress=progress)
        except KeyboardInterrupt:
            result = DocumentResult(None, pages=list(done), cancelled=True)
            left = len(pages) - len(done)
            print(f"docscan: interrupted while recognising: {out} gets every scanned page"
                  + (f", {_pages(left)} without recognised text" if left else "") + ".", file=sys.stderr)
        for line in _page_errors(document.name, result):
            print(f"docscan: {line}", file=sys.stderr)
        try:
            write_output(fmt, result, out, document)
        except (OSError, DocScanError) as exc:
            print(f"docscan: {cannot_write(out, exc)}", file=sys.stderr)
            return False, False
    return True, not result.failed_pages and not result.cancelled


def write_output(fmt: str, result, out: Path, document) -> None:
    """OUT in ``fmt``, whole or not at all, through the formats registry (a searchable PDF embeds each
    scanned JPEG as it is)."""
    formats.write(fmt, [result], out, [document])


def _page_errors(name: str, result) -> list[str]:
    from ..core.documents import unreadable_pages

    return unreadable_pages(name, [(page.page, page.error) for page in result.failed_pages])


def _list(network_timeout: float) -> int:
    found = scanning.list_scanners(network_timeout=max(0.0, network_timeout))
    for info in found:
        print(f"{info.id}\t{info.name}")
    if not found:
        print(f"docscan: {scanning.FAULT_WORDS['not-found']}", file=sys.stderr)
        return EXIT_INPUT
    return EXIT_OK


def _pages_folder(given: str | None) -> Path | None:
    if given is None:
        return None
    folder = Path(given)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"--save-pages {given}: the folder cannot be made ({exc.strerror or exc})") from None
    return folder


def _save_pages(pages, folder: Path) -> None:
    for page in pages:
        target = folder / f"page-{page.number:03d}.jpg"
        try:
            target.write_bytes(page.jpeg)
        except OSError as exc:
            print(f"docscan: {cannot_write(target, exc)}", file=sys.stderr)


def _keep_unwritten(pages) -> None:
    """The scanned pages, kept as JPEG files when OUT could not be written: paper is not scanned twice."""
    try:
        folder = Path(tempfile.mkdtemp(prefix="docscan-scan-"))
    except OSError:
        return
    _save_pages(pages, folder)
    print(f"docscan: the scanned pages are kept in {folder}", file=sys.stderr)


def _pages(count: int) -> str:
    return "1 page" if count == 1 else f"{count} pages"
