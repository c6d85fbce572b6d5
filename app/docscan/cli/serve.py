"""``docscan serve``: the local OCR service (server/http_service.py); its flags' defaults are the service's
own (server/service_settings.py)."""

from __future__ import annotations

import argparse
import sys

from ..core.catalogue import VARIANTS
from ..server.service_settings import ServiceSettings
from .common import EXIT_ENGINE, UsageError, add_engine_options, add_run_options, check_run_option, engine_config

DEFAULTS = ServiceSettings()


def add_parser(commands) -> argparse.ArgumentParser:
    serve = commands.add_parser("serve", help=f"the local OCR service (PaddleOCR server workflow, port {DEFAULTS.port})",
                                description="Serve OCR over HTTP: /ocr/v1/accurate and /ocr/v1/fast (multipart "
                                            "'image'), PaddleHub's /predict/ocr_system, PaddleOCR 3.x's /ocr.")
    serve.add_argument("--host", default=DEFAULTS.host, help="address to listen on (default: this machine only)")
    serve.add_argument("--port", type=int, default=DEFAULTS.port)
    serve.add_argument("--variant", choices=VARIANTS, default=DEFAULTS.variant,
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
    serve.add_argument("--max-upload-mb", type=float, default=DEFAULTS.max_upload_mb)
    serve.add_argument("--max-pages", type=int, default=DEFAULTS.max_pages, help="pages a request may ask for")
    serve.add_argument("--max-megapixels", type=float, default=DEFAULTS.max_megapixels,
                       help="pixels a page may have")
    serve.add_argument("--queue", type=int, default=DEFAULTS.queue_size, help="requests waiting per engine before 503")
    serve.add_argument("--workers", type=int, default=DEFAULTS.workers,
                       help="engine worker processes (the same as docscan batch's) per model variant, so that "
                            "requests use every core (default 1: one engine inside the service's process)")
    add_run_options(serve, ("dpi", "flatten_photos"))
    return serve


def run_serve(args) -> int:
    try:
        from ..server.http_service import serve
    except ImportError as exc:
        print(f"docscan: the service cannot start ({exc}). Reinstall DocScan.", file=sys.stderr)
        return EXIT_ENGINE
    if not 0 < args.port < 65536:
        raise UsageError("--port must be between 1 and 65535")
    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    check_run_option("dpi", args.dpi)
    settings = ServiceSettings(host=args.host, port=args.port, variant=args.variant,
                               engine=engine_config(args, variant="mobile"), token=args.token,
                               allow_origins=tuple(o.rstrip("/") for o in args.allow_origin),
                               allow_urls=args.allow_urls, max_upload_mb=args.max_upload_mb,
                               max_pages=args.max_pages, max_megapixels=args.max_megapixels,
                               queue_size=max(1, args.queue), dpi=args.dpi or DEFAULTS.dpi, workers=args.workers,
                               flatten_photos=args.flatten_photos)
    return serve(settings)
