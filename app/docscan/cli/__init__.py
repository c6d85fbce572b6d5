"""The command line: ``docscan`` with no command opens the window; ``docscan ocr|scan|batch|models|doctor|serve``.

    docscan [FILE...]                       the window (window.py)
    docscan ocr PATH... [--pages 1-3,7] [--format txt|json|md|hocr|pdf] [-o OUT] [--family PP-OCRv6|v5|v4]
                        [--variant mobile|server] [--tier NAME] [--device cpu|gpu] [--backend onnxruntime|paddle]
                        [--angle] [--lang auto|CODE] [--dpi N] [--password P]                (ocr.py)
    docscan scan --device ID [--source glass|feeder|duplex] [--dpi N] [--color color|gray]
                 [--page-size a4|letter|legal|max] [--max-pages N] -o OUT   (OUT.pdf: searchable)   (scan.py)
    docscan scan --list [--network-timeout S]
    docscan batch SRC... --out DIR [--workers N] [--retry-failed]                           (batch.py)
    docscan batch status DIR | export DIR --format txt --to FOLDER
    docscan models list | setup | install | import | remove                                 (models.py)
    docscan serve [--host 127.0.0.1] [--port 8868] [--variant mobile|server] ...            (serve.py)
    docscan doctor                                                                          (doctor.py)

One module per command; what they share (exit codes, the parser, the engine's and a run's options as
flags, ``report``) is in common.py, and no command's module imports another's. Exit codes: common.py.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

from ..core.errors import DocScanError
from ..core.version import VERSION as __version__
from . import doctor, models, ocr, scan, serve
from .common import EXIT_ENGINE, EXIT_INPUT, EXIT_OK, EXIT_USAGE, CliParser, UsageError, report
from .window import run_window

__all__ = ["main", "build_parser", "EXIT_OK", "EXIT_INPUT", "EXIT_USAGE", "EXIT_ENGINE"]

COMMANDS = ("ocr", "scan", "batch", "models", "doctor", "serve")


def build_parser() -> argparse.ArgumentParser:
    parser = CliParser(prog="docscan", description="Document scanner: OCR of images and PDFs with PaddleOCR's PP-OCR "
                                                   "models (PP-OCRv6, v5, v4).")
    parser.add_argument("--version", action="version", version=f"docscan {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="also show what PaddleOCR and PaddleX log (model creation, their warnings)")
    parser.add_argument("--self-test", action="store_true",
                        help="recognise the bundled sample offscreen and compare it with its known text")
    commands = parser.add_subparsers(dest="command", parser_class=CliParser)
    ocr.add_parser(commands)
    scan.add_parser(commands)
    models.add_parser(commands)
    commands.add_parser("batch", help="recognise an archive into a resumable job folder (docscan batch --help)",
                        add_help=False)
    doctor.add_parser(commands)
    serve.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--self-test"]:
        from ..gui.self_test import run as self_test

        return self_test()
    if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
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
            return ocr.run_ocr(args)
        if args.command == "scan":
            return scan.run_scan(args)
        if args.command == "models":
            return models.run_models(args)
        if args.command == "doctor":
            return doctor.run_doctor()
        if args.command == "serve":
            return serve.run_serve(args)
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
