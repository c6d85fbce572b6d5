"""The HTTP service (FastAPI on uvicorn).

Three protocols over the same engines:
- DocScan's own, the PaddleOCR server workflow: ``POST /ocr/v1/accurate`` (the family's server tier) and
  ``POST /ocr/v1/fast`` (mobile), multipart field ``image`` (or ``file``); the reply is a JSON list, one
  item per line: ``data``, ``confidence``, ``text_region`` (4 points), ``page``. Errors: ``{"error": ...}``.
- PaddleHub serving (PaddleOCR 2.x): ``POST /predict/ocr_system`` with ``{"images": [base64, ...]}``;
  reply ``{"msg", "results": [[{text, confidence, text_region}]], "status": "000"}``; errors keep that
  envelope (status "101").
- PaddleOCR 3.x serving: ``POST /ocr`` with ``{"file": base64, "fileType": 0|1|null, ...}``; reply
  ``{"logId", "errorCode": 0, "errorMsg": "Success", "result": {"ocrResults", "dataInfo"}}`` (each page's
  ``prunedResult`` also holds DocScan's ``tables`` and ``regions``); errors in the same envelope with the
  HTTP status as ``errorCode``.

Each endpoint runs its tier or, when that is not installed, the nearest installed one (a fresh install
has no PP-OCRv6 medium: /ocr/v1/accurate answers with small); the start-up log says which and how to
install the rest, and every answer names its models in ``X-DocScan-Models``. The two compatible protocols
name no model: they run /ocr/v1/accurate's (``--variant server``, the default) or /ocr/v1/fast's.

Files come only in the request (bytes, or a URL when the operator allowed fetching): nothing in a
request names a path on this machine. Sizes are limited (upload, pages, pixels: 413), the queue is
bounded (503 with Retry-After), and the status codes are the same in every protocol.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import ipaddress
import json
import logging
import uuid
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, Literal, Optional

from fastapi import Depends, FastAPI, File, Form, Query, Request, Response, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ..core.version import VERSION as __version__
from ..core.documents import PageRanges, open_document
from ..core.engine import EngineConfig, OcrEngine
from ..core.errors import DocScanError, DocumentError, EngineUnavailable, ModelError, TooLarge, first_line
from ..core.model_store import (FAMILIES, VARIANTS, ModelStore, install_command, installed_tiers, missing_models,
                           tier_for, tiers_in_order)
from ..core.document_run import select_pages
from ..core.options import OptionError, RunOptions
from ..core.options import parse_pages as parse_page_option
from ..core.results import DocumentResult
from .engine_queue import Busy, EngineWorker, OcrRequest, ProcessEngineWorker, Stopping, WorkerLost
from .service_settings import ServiceSettings

VARIANT_OF_ENDPOINT = {"accurate": "server", "fast": "mobile"}
PATH_OF_VARIANT = {"server": "/ocr/v1/accurate", "mobile": "/ocr/v1/fast"}
MODELS_HEADER = "X-DocScan-Models"  # the family and tier that answered: "PP-OCRv6 small"
log = logging.getLogger("uvicorn.error")  # docscan serve's own lines among uvicorn's, in its format


class ServiceError(Exception):
    def __init__(self, status: int, message: str, retry_after: int | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class Route:
    """The models behind one variant's endpoint (server: /ocr/v1/accurate, mobile: /ocr/v1/fast): the
    variant's own tier when it can run, else the nearest installed one (``models.installed_tiers``)."""

    variant: str
    family: str
    preferred: str  # the variant's own tier (PP-OCRv6: medium for server, small for mobile)
    config: EngineConfig | None = None  # the tier that answers; None when none can
    worker: "EngineWorker | ProcessEngineWorker | None" = None  # shared with the other route on the same tier
    install: str | None = None  # how to install the preferred tier, when it is not installed
    problem: str | None = None  # why the preferred tier cannot run though installed; with no config, why none can

    @property
    def label(self) -> str | None:
        return self.config.label if self.config is not None else None

    @property
    def note(self) -> str | None:
        """Why the preferred tier does not answer and what to do; None when it does."""
        if self.config is None:
            return self.problem
        if self.config.resolved_tier == self.preferred:
            return None
        preferred = FAMILIES[self.family].label(self.preferred)
        return f"{preferred} is not installed: {self.install}" if self.install else \
            f"{preferred} cannot be used: {self.problem}"

    def log_line(self) -> str:
        path = PATH_OF_VARIANT[self.variant]
        if self.config is None:
            return f"{path} answers 503: {self.problem}"
        if self.install:
            return (f"{path} uses {self.label} until {FAMILIES[self.family].label(self.preferred)} is installed: "
                    f"{self.install}")
        return f"{path} uses {self.label}" + (f": {self.note}" if self.note else "")


@dataclass
class Service:
    """The engines and limits behind the endpoints."""

    settings: ServiceSettings
    routes: dict[str, Route] = field(default_factory=dict)  # variant -> the models behind its endpoint
    default_variant: str = "server"  # whose models /predict/ocr_system and /ocr run

    @property
    def workers(self) -> dict[str, "EngineWorker | ProcessEngineWorker"]:
        return {variant: route.worker for variant, route in self.routes.items() if route.worker is not None}

    def start(self) -> None:
        """Find what each endpoint runs and start its engine; one engine for both when they land on the
        same tier (a fresh install: PP-OCRv6 small), so it is not in memory twice."""
        store = ModelStore(self.settings.store_root) if self.settings.store_root else ModelStore()
        engines: dict[str, tuple[EngineConfig, EngineWorker | ProcessEngineWorker] | str] = {}  # tier -> or why not
        for variant in VARIANTS:
            self.routes[variant] = self._route(store, variant, engines)
        self.default_variant = self.settings.variant or "server"
        self._log_routes()

    def _route(self, store: ModelStore, variant: str, engines: dict) -> Route:
        """The first of the variant's installed tiers (nearest first) whose engine starts, and why it is
        not the variant's own tier. ``engines``: the tiers started or refused so far."""
        family, lang = self.settings.engine.family, self.settings.engine.lang
        route = Route(variant, family, tier_for(family, variant, None))
        refused = []
        for tier in installed_tiers(store, family, variant, lang):
            if tier not in engines:
                engines[tier] = self._start_engine(store, variant, tier)
            if isinstance(engines[tier], str):
                refused.append(engines[tier])
                continue
            route.config, route.worker = engines[tier]
            break
        if route.config is None:
            route.problem = refused[0] if refused else nothing_installed(store, family, variant, lang)
        elif route.config.resolved_tier != route.preferred:
            if isinstance(engines.get(route.preferred), str):  # installed, but it failed its check
                route.problem = engines[route.preferred]
            else:
                try:
                    route.install = install_commands(store, family, route.preferred, lang)
                except ValueError as exc:  # the preferred tier does not read lang
                    route.problem = str(exc)
        return route

    def _log_routes(self) -> None:
        for variant in ("server", "mobile"):
            route = self.routes[variant]
            (log.info if route.note is None else log.warning if route.config else log.error)(route.log_line())
        route, path = self.routes[self.default_variant], PATH_OF_VARIANT[self.default_variant]
        log.info(f"/predict/ocr_system and /ocr use {route.label} (--variant {self.default_variant}: {path}'s)"
                 if route.config else f"/predict/ocr_system and /ocr answer 503 as {path} does "
                                      f"(--variant {self.default_variant})")

    def _start_engine(self, store: ModelStore, variant: str, tier: str):
        """The tier's engine checked and its worker started (loading it), or why it cannot run (a model
        damaged, a backend missing...)."""
        engine = OcrEngine(self.settings.engine_config(variant, tier), store)
        try:
            engine.check()
        except (ModelError, EngineUnavailable) as exc:
            return str(exc)
        if self.settings.workers > 1:
            return engine.config, ProcessEngineWorker(engine, self.settings.workers, self.settings.queue_size,
                                                      dpi=self.settings.dpi, store_root=self.settings.store_root)
        return engine.config, EngineWorker(engine, self.settings.queue_size)

    def stop(self) -> None:
        for worker in {id(w): w for w in self.workers.values()}.values():
            worker.shutdown()

    def worker(self, variant: str) -> "EngineWorker | ProcessEngineWorker":
        route = self.routes[variant]
        if route.worker is None:
            raise ServiceError(503, route.problem)
        if route.worker.load_error:
            raise ServiceError(503, f"The {route.label} engine could not start: {route.worker.load_error}")
        return route.worker

    # ------------------------------------------------------------------------------------------ work

    def check_input(self, data: bytes, pages, kind: str | None = None) -> dict:
        """Refuse what cannot or must not be recognised, before it takes a place in the queue: empty, over
        a limit (413), damaged, not the ``kind`` ("pdf"/"image") the request declared. Returns the data
        info (kind, page sizes in the pixels that would be recognised) with the open ``document``, which
        the engine's worker recognises and closes: the file is opened once a request."""
        if not data:
            raise ServiceError(400, "No file was sent (it is empty).")
        if len(data) > self.settings.max_upload_bytes:
            raise ServiceError(413, too_large_message(self.settings))
        try:
            document = open_document(data, flatten_photos=self.settings.flatten_photos)
        except DocumentError as exc:
            raise refused(exc) from None
        try:
            return self._check_document(document, pages, kind)
        except DocumentError as exc:
            document.close()
            raise refused(exc) from None
        except BaseException:
            document.close()
            raise

    def _check_document(self, document, pages, kind: str | None) -> dict:
        indices = select_pages(document, pages)
        if len(indices) > self.settings.max_pages:
            raise ServiceError(413, f"The request asks for {len(indices)} pages; this service recognises up to "
                                    f"{self.settings.max_pages} a request (--max-pages). "
                                    "Send fewer pages (pages=1-50).")
        sizes = []
        for index in indices:
            width, height = document.page_size(index)
            if document.kind == "pdf":
                width, height = width * self.settings.dpi / 72, height * self.settings.dpi / 72
            if width * height > self.settings.max_megapixels * 1e6:
                raise ServiceError(413, f"Page {index + 1} is {width:,.0f} x {height:,.0f} pixels; this service "
                                        f"takes pages up to {self.settings.max_megapixels:g} megapixels "
                                        "(--max-megapixels).")
            sizes.append((int(round(width)), int(round(height))))
        if kind is not None and kind != document.kind:
            raise ServiceError(400, f"fileType says {'PDF' if kind == 'pdf' else 'image'}, but the file "
                                    f"is {'a PDF' if document.kind == 'pdf' else 'an image'}.")
        return {"kind": document.kind, "page_count": document.page_count, "sizes": sizes, "pages": len(indices),
                "document": document}

    def recognise(self, variant: str, data: bytes, pages, info: dict | None = None) -> tuple[DocumentResult, dict]:
        """``info``: check_input's answer when the caller checked already (several files in one request)."""
        try:
            worker = self.worker(variant)
        except ServiceError:
            if info is not None:
                info["document"].close()
            raise
        info = info or self.check_input(data, pages)
        try:
            options = RunOptions(dpi=self.settings.dpi, pages=pages, flatten_photos=self.settings.flatten_photos)
            future = worker.submit(OcrRequest(info["document"], options, data))
        except Busy:
            info["document"].close()
            raise ServiceError(503, "The service is busy: its queue is full. Try again in a moment.",
                               retry_after=max(1, worker.queued)) from None
        except Stopping:
            info["document"].close()
            raise ServiceError(503, "The service is shutting down.", retry_after=5) from None
        try:
            result = future.result(timeout=self.settings.request_timeout)
        except Stopping:
            raise ServiceError(503, "The service is shutting down.", retry_after=5) from None
        except WorkerLost as exc:
            raise ServiceError(503, str(exc), retry_after=1) from None
        except DocScanError as exc:
            raise ServiceError(400, str(exc)) from None
        except TimeoutError:
            raise ServiceError(503, "The recognition took too long.", retry_after=10) from None
        failed = [p for p in result.pages if p.error]
        if failed and len(failed) == len(result.pages):
            raise ServiceError(400, failed[0].error)
        return result, info


# --------------------------------------------------------------------------------------------- helpers


def install_commands(store: ModelStore, family: str, tier: str, lang: str) -> str:
    """How to install what a tier lacks: "docscan models install PP-OCRv6-medium ..."."""
    return ", ".join(dict.fromkeys(install_command(name) for name in missing_models(store, family, tier, lang)))


def nothing_installed(store: ModelStore, family: str, variant: str, lang: str) -> str:
    """The 503 of an endpoint with no model at all: what installs each tier, the endpoint's first."""
    tiers_by_command: dict[str, list[str]] = {}
    for tier in tiers_in_order(family, variant):
        try:
            tiers_by_command.setdefault(install_commands(store, family, tier, lang), []).append(tier)
        except ValueError:  # the tier does not read lang
            continue
    return (f"No {family} model is installed in {store.root}. "
            + "; ".join(f"{family} {' and '.join(tiers)}: {command}" for command, tiers in tiers_by_command.items())
            + ".")


def _points(box) -> list[list[int]]:
    return [[int(round(x)), int(round(y))] for x, y in box]


def lines_reply(result: DocumentResult) -> list[dict]:
    return [{"data": line.text, "confidence": round(line.confidence, 4), "text_region": _points(line.box),
             "page": page.page, "review": line.review, "review_reasons": list(line.review_reasons)}
            for page in result.pages for line in page.lines]


def pruned_result(page, threshold: float, from_pdf: bool, textline_orientation: bool) -> dict:
    """One page of a PaddleOCR 3.x ``/ocr`` answer: its lines at or above ``threshold``, as PaddleOCR names
    them; DocScan adds the page's ``tables`` and layout ``regions`` (as its JSON export has them,
    core/tables.py) and, beside ``rec_texts``, whether each line should be checked and why (``rec_review``,
    ``rec_review_reasons``: core/review.py), keys that PaddleOCR's clients pass over."""
    lines = [line for line in page.lines if line.confidence >= threshold]
    polys = [_points(line.box) for line in lines]
    return {
        "page_index": page.page - 1 if from_pdf else None,
        "model_settings": {"use_doc_preprocessor": False, "use_textline_orientation": textline_orientation},
        "text_type": "general",
        "text_rec_score_thresh": threshold,
        "dt_polys": polys,
        "rec_texts": [line.text for line in lines],
        "rec_scores": [round(line.confidence, 4) for line in lines],
        "rec_polys": polys,
        "rec_boxes": [[min(p[0] for p in poly), min(p[1] for p in poly), max(p[0] for p in poly),
                       max(p[1] for p in poly)] for poly in polys],
        "rec_review": [line.review for line in lines],
        "rec_review_reasons": [list(line.review_reasons) for line in lines],
        "tables": [table.to_dict() for table in page.tables],
        "regions": [region.to_dict() for region in page.regions],
    }


def decode_base64(value: str, what: str) -> bytes:
    if "," in value[:100] and value.startswith("data:"):
        value = value.split(",", 1)[1]  # a data: URL
    value = "".join(value.split())  # line breaks and spaces, as base64 tools write them
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise ServiceError(400, f"{what} is not valid base64.") from None


def refused(exc: DocumentError) -> "ServiceError":
    """A file DocScan cannot read as the request's answer: 413 when it is over a size limit, else 400."""
    return ServiceError(413 if isinstance(exc, TooLarge) else 400, str(exc).replace("the uploaded file", "The file"))


def too_large_message(settings: "ServiceSettings") -> str:
    return (f"The file is larger than the {settings.max_upload_mb:g} MB this service takes a file "
            "(--max-upload-mb).")


def fetch_url(url: str, limit: int, timeout: float = 15.0) -> bytes:
    """Fetch an http(s) URL the operator allowed (--allow-urls), at most ``limit`` bytes."""
    import urllib.error
    import urllib.request

    if not url.lower().startswith(("http://", "https://")):
        raise ServiceError(400, "Only http and https URLs can be fetched.")
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - scheme checked above
            data = response.read(limit + 1)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise ServiceError(400, f"The file could not be fetched from {url}: {first_line(exc)}") from None
    if len(data) > limit:
        raise ServiceError(413, f"The file at {url} is larger than this service takes.")
    return data


def _is_url(value: str) -> bool:
    return value[:8].lower().startswith(("http://", "https://"))


# ---------------------------------------------------------------------------------------- request bodies


class HubRequest(BaseModel):
    images: list[str] = Field(..., description="base64 of each image (or PDF)")


class PaddleOcrRequest(BaseModel):
    file: str = Field(..., description="base64 of the file, or an http(s) URL when the service allows fetching")
    fileType: Optional[Literal[0, 1]] = Field(None, description="0: PDF, 1: image, null: recognised from the content")
    useDocOrientationClassify: Optional[bool] = None
    useDocUnwarping: Optional[bool] = None
    useTextlineOrientation: Optional[bool] = None
    textDetLimitSideLen: Optional[int] = None
    textDetLimitType: Optional[str] = None
    textDetThresh: Optional[float] = None
    textDetBoxThresh: Optional[float] = None
    textDetUnclipRatio: Optional[float] = None
    textRecScoreThresh: Optional[float] = None
    returnWordBox: Optional[bool] = None
    visualize: Optional[bool] = None
    logId: Optional[str] = None


# ---------------------------------------------------------------------------------------------- guard


LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
EXPOSED_HEADERS = f"{MODELS_HEADER}, X-DocScan-Warnings".encode("ascii")  # a page's script may read them


def host_allowed(host_header: str, listening_on: str) -> bool:
    """A service on loopback answers only requests addressed to loopback names: a web page whose own name
    was pointed at 127.0.0.1 (DNS rebinding) sends its own name as Host, and is refused."""
    if not is_loopback(listening_on):
        return True
    host = host_header.strip().lower()
    if host.startswith("["):  # [::1]:8868
        host = host[1:].split("]", 1)[0]
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host in LOOPBACK_HOSTS


class RequestGuard:
    """Before an endpoint runs: the Host check, browsers' cross-origin requests (only for --allow-origin
    origins; an allowed origin gets its CORS headers and preflight answer), the upload limit counted as the
    body arrives (a chunked upload stops at the limit instead of being buffered whole), and a timeout
    between two pieces of the body, so a slow or stalled client cannot hold a connection for ever."""

    def __init__(self, app, settings: "ServiceSettings", error_response):
        self.app = app
        self.settings = settings
        self.error_response = error_response
        # Multipart and base64 add overhead: a third more than the file limit, and room for the form.
        self.limit = settings.max_upload_bytes * 4 // 3 + 65536

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        import asyncio

        request = Request(scope)
        origin = request.headers.get("origin")
        refused = None
        if not host_allowed(request.headers.get("host", ""), self.settings.host):
            refused = (400, "This service answers requests to localhost only (the Host header names another "
                            "machine); start it with --host to serve other names.")
        elif origin and origin not in self.settings.allow_origins:
            refused = (403, f"Web pages from {origin} may not use this service (start it with "
                            f"--allow-origin {origin} to allow them).")
        elif (request.headers.get("content-length") or "0").isdigit() and \
                int(request.headers.get("content-length") or 0) > self.limit:
            refused = (413, too_large_message(self.settings))
        if refused is not None:
            return await self.error_response(request, *refused)(scope, receive, send)
        if origin and request.method == "OPTIONS":  # a preflight from an allowed origin
            headers = {"access-control-allow-origin": origin, "access-control-allow-methods": "GET, POST",
                       "access-control-allow-headers": "authorization, content-type", "vary": "Origin"}
            from starlette.responses import Response

            return await Response(status_code=204, headers=headers)(scope, receive, send)

        received = 0
        finished = False

        async def guarded_receive():
            nonlocal received, finished
            if finished:
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), timeout=self.settings.body_timeout)
            except asyncio.TimeoutError:
                raise ServiceError(408, f"The request body stopped arriving for {self.settings.body_timeout:g} s; "
                                        "the request was dropped.") from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                finished = not message.get("more_body", False)
                if received > self.limit:
                    raise ServiceError(413, too_large_message(self.settings))
            return message

        async def send_with_cors(message):
            if origin and message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []),
                                                  (b"access-control-allow-origin", origin.encode("latin-1")),
                                                  (b"access-control-expose-headers", EXPOSED_HEADERS),
                                                  (b"vary", b"Origin")]}
            await send(message)

        await self.app(scope, guarded_receive, send_with_cors)


# ------------------------------------------------------------------------------------------------- app


def create_app(settings: ServiceSettings | None = None, service: Service | None = None) -> FastAPI:
    settings = settings or ServiceSettings()
    service = service or Service(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        service.start()
        app.state.service = service
        yield
        service.stop()

    app = FastAPI(title="DocScan OCR service", version=__version__, lifespan=lifespan,
                  description=f"Local OCR with {settings.engine.family}: DocScan's endpoints, PaddleHub's "
                              "/predict/ocr_system and PaddleOCR 3.x's /ocr.")
    app.state.service = service

    def require_token(request: Request) -> None:
        if not settings.token:
            return
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip(), settings.token):
            raise ServiceError(401, "This service needs a token: send 'Authorization: Bearer <token>'.")

    def protocol_of(request: Request) -> str:
        path = request.url.path
        if path.startswith("/predict/"):
            return "hub"
        if path == "/ocr":
            return "paddlex"
        return "docscan"

    def error_response(request: Request, status: int, message: str, retry_after: int | None = None,
                       log_id: str | None = None) -> JSONResponse:
        headers = {"Retry-After": str(retry_after)} if retry_after else None
        protocol = protocol_of(request)
        if protocol == "hub":
            body: dict[str, Any] = {"msg": message, "results": "", "status": "101" if status < 500 else "111"}
        elif protocol == "paddlex":
            body = {"logId": log_id or uuid.uuid4().hex, "errorCode": status, "errorMsg": message}
        else:
            body = {"error": message}
        if status == 401:
            headers = {**(headers or {}), "WWW-Authenticate": "Bearer"}
        return JSONResponse(body, status_code=status, headers=headers)

    @app.exception_handler(ServiceError)
    async def _service_error(request: Request, exc: ServiceError):
        return error_response(request, exc.status, exc.message, exc.retry_after)

    from fastapi.exceptions import RequestValidationError
    from starlette.exceptions import HTTPException as StarletteHTTPException

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'body'}: {e.get('msg')}"
                             for e in exc.errors()[:3])
        if protocol_of(request) == "docscan" and "image" in problems:
            problems = "No file was sent: post it as the multipart field 'image' (or 'file')."
        return error_response(request, 400, f"Bad request: {problems}")

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        """404, 405, a malformed body: the protocol's own envelope, never FastAPI's {"detail"}. A limit hit
        while FastAPI read the body arrives wrapped in its 400 "error parsing the body"."""
        cause = exc.__cause__
        if isinstance(cause, ServiceError):
            return error_response(request, cause.status, cause.message, cause.retry_after)
        messages = {404: f"There is no {request.url.path} here (see /openapi.json for the endpoints).",
                    405: f"{request.method} is not allowed on {request.url.path}."}
        message = messages.get(exc.status_code) or (
            "The request body is malformed: send the file as multipart form data (field 'image')"
            if exc.status_code == 400 and protocol_of(request) == "docscan" else f"Bad request: {exc.detail}")
        return error_response(request, exc.status_code, message)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        return error_response(request, 500, f"Internal error: {first_line(exc)}")

    app.add_middleware(RequestGuard, settings=settings, error_response=error_response)

    # --------------------------------------------------------------------------------------- endpoints

    @app.get("/health", summary="Is the service up, and which engines are ready")
    def health() -> dict:
        engines = {}
        for variant, route in service.routes.items():
            worker = route.worker
            if worker is None:
                engines[variant] = {"ready": False, "models": None, "reason": route.problem}
            else:
                engines[variant] = {"ready": worker.ready, "models": route.label, "processes": worker.ready_processes,
                                    "reason": worker.load_error, "queued": worker.queued, "busy": worker.busy}
        return {"status": "ok", "errorCode": 0, "errorMsg": "Healthy", "logId": uuid.uuid4().hex,
                "version": __version__, "default_variant": service.default_variant, "engines": engines}

    @app.get("/ocr/v1/models", summary="The models behind each endpoint", dependencies=[Depends(require_token)],
             description="`tier`: the tier that answers (null when none can); `preferred_tier`: the endpoint's own, "
                         "and `reason` why it does not answer and how to install it. /predict/ocr_system and /ocr "
                         "run the `default_variant`'s models.")
    def models() -> dict:
        out = {}
        for endpoint, variant in VARIANT_OF_ENDPOINT.items():
            route = service.routes[variant]
            engine = route.worker.engine if route.worker is not None else None
            out[endpoint] = {"variant": variant, "family": route.family,
                             "tier": route.config.resolved_tier if route.config else None,
                             "preferred_tier": route.preferred, "label": route.label,
                             "models": engine.models if engine else {}, "device": settings.engine.device,
                             "backend": engine.backend if engine else settings.engine.backend,
                             "available": engine is not None and not route.worker.load_error,
                             "reason": route.note}
        return {"endpoints": out, "default_variant": service.default_variant}

    def parse_pages(pages: str | None) -> PageRanges | None:
        try:
            return parse_page_option(pages)
        except OptionError as exc:
            raise ServiceError(400, exc.named("pages")) from None

    def ocr_upload(endpoint: str, image: list[UploadFile] | None, file: list[UploadFile] | None,
                   pages: str | None) -> JSONResponse:
        uploads = [*(image or []), *(file or [])]
        if not uploads:
            raise ServiceError(400, "No file was sent: post it as the multipart field 'image' (or 'file').")
        if len(uploads) > 1:
            raise ServiceError(400, f"{len(uploads)} files were sent; this endpoint recognises one a request "
                                    "(one multipart field 'image').")
        data = uploads[0].file.read(settings.max_upload_bytes + 1)
        variant = VARIANT_OF_ENDPOINT[endpoint]
        result, _ = service.recognise(variant, data, parse_pages(pages))
        # The reply stays the seed's plain list; which models answered, and what a person should know about
        # the file, go in headers.
        headers = {MODELS_HEADER: service.routes[variant].label}
        if result.warnings:
            headers["X-DocScan-Warnings"] = json.dumps(result.warnings)
        return JSONResponse(lines_reply(result), headers=headers)

    upload_doc = ("The image or PDF as multipart field `image` (or `file`); recognised by its content, so "
                  "no file name or content type is needed. `pages` (e.g. `1-3,7`) picks PDF pages. Warnings "
                  "about the file (a repaired PDF) come in the `X-DocScan-Warnings` header, a JSON list; the "
                  f"models that answered in `{MODELS_HEADER}` (\"PP-OCRv6 small\").")

    @app.post("/ocr/v1/accurate", summary="Recognise with the family's server (accurate) tier, else the most "
                                          "accurate installed",
              description=upload_doc, dependencies=[Depends(require_token)])
    def ocr_accurate(image: list[UploadFile] | None = File(None), file: list[UploadFile] | None = File(None),
                     pages: str | None = Form(None), pages_query: str | None = Query(None, alias="pages")) -> list:
        return ocr_upload("accurate", image, file, pages or pages_query)

    @app.post("/ocr/v1/fast", summary="Recognise with the family's mobile (default) tier, else the nearest "
                                      "installed", description=upload_doc,
              dependencies=[Depends(require_token)])
    def ocr_fast(image: list[UploadFile] | None = File(None), file: list[UploadFile] | None = File(None),
                 pages: str | None = Form(None), pages_query: str | None = Query(None, alias="pages")) -> list:
        return ocr_upload("fast", image, file, pages or pages_query)

    @app.post("/predict/ocr_system", summary="PaddleHub serving protocol (PaddleOCR 2.x)",
              dependencies=[Depends(require_token)])
    def hub_ocr_system(body: HubRequest, response: Response) -> dict:
        if not body.images:
            raise ServiceError(400, "'images' is empty: send a list of base64-encoded images.")
        if len(body.images) > settings.max_pages:
            raise ServiceError(413, f"The request has {len(body.images)} images; this service recognises up to "
                                    f"{settings.max_pages} pages a request (--max-pages).")
        # Every image is decoded and checked before any is recognised: the page limit counts across them.
        checked = []
        try:
            for number, encoded in enumerate(body.images, start=1):
                data = decode_base64(encoded, f"Image {number}")
                checked.append((data, service.check_input(data, None)))
            total = sum(info["pages"] for _, info in checked)
            if total > settings.max_pages:
                raise ServiceError(413, f"The request holds {total} pages; this service recognises up to "
                                        f"{settings.max_pages} a request (--max-pages).")
            results, warnings = [], []
            while checked:
                data, info = checked.pop(0)  # from here the worker owns (and closes) the document
                result, _ = service.recognise(service.default_variant, data, None, info)
                warnings += [f"image {len(results) + 1}: {w}" for w in result.warnings]
                results.append([{"text": line["data"], "confidence": line["confidence"],
                                 "text_region": line["text_region"]} for line in lines_reply(result)])
        finally:
            for _, info in checked:  # refused or failed before their turn: nothing else will close them
                info["document"].close()
        response.headers[MODELS_HEADER] = service.routes[service.default_variant].label
        return {"msg": "; ".join(warnings), "results": results, "status": "000"}

    @app.post("/ocr", summary="PaddleOCR 3.x serving protocol", dependencies=[Depends(require_token)])
    def paddlex_ocr(body: PaddleOcrRequest, response: Response) -> dict:
        log_id = body.logId or uuid.uuid4().hex
        if _is_url(body.file):
            if not settings.allow_urls:
                raise ServiceError(400, "This service does not fetch URLs (start it with --allow-urls to "
                                        "allow that); send the file's bytes as base64.")
            data = fetch_url(body.file, settings.max_upload_bytes)
        else:
            data = decode_base64(body.file, "'file'")
        kind = None if body.fileType is None else ("pdf" if body.fileType == 0 else "image")
        info = service.check_input(data, None, kind)  # fileType is checked before any recognition
        result, info = service.recognise(service.default_variant, data, None, info)
        response.headers[MODELS_HEADER] = service.routes[service.default_variant].label
        threshold = body.textRecScoreThresh or 0.0
        ocr_results = [{"prunedResult": pruned_result(page, threshold, info["kind"] == "pdf", settings.engine.angle),
                        "ocrImage": None, "docPreprocessingImage": None, "inputImage": None}
                       for page in result.pages]
        if info["kind"] == "pdf":
            data_info = {"type": "pdf", "numPages": info["page_count"],
                         "pages": [{"width": p.width, "height": p.height} for p in result.pages]}
        else:
            data_info = {"type": "image", "width": result.pages[0].width, "height": result.pages[0].height}
        return {"logId": log_id, "errorCode": 0, "errorMsg": "Success",
                "result": {"ocrResults": ocr_results, "dataInfo": data_info, "warnings": result.warnings}}

    return app


def header_timeout_protocol(seconds: float):
    """uvicorn's HTTP/1.1 protocol with a limit on how long a client may take to send a request's headers
    (uvicorn has none: a client that sends half a request line holds its connection for ever). The clock
    starts when the connection opens and again when a response is done; a request whose headers are not
    complete by then has its connection closed."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class HeaderTimeoutProtocol(H11Protocol):
        _header_timer = None

        def connection_made(self, transport) -> None:
            super().connection_made(transport)
            self._arm_header_timer()

        def handle_events(self) -> None:
            super().handle_events()
            if self.cycle is not None and not self.cycle.response_complete:
                self._cancel_header_timer()  # the headers are in: the body has its own timeout

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._arm_header_timer()

        def connection_lost(self, exc) -> None:
            self._cancel_header_timer()
            super().connection_lost(exc)

        def _arm_header_timer(self) -> None:
            self._cancel_header_timer()
            self._header_timer = self.loop.call_later(seconds, self._headers_too_slow)

        def _cancel_header_timer(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _headers_too_slow(self) -> None:
            self._header_timer = None
            if (self.cycle is None or self.cycle.response_complete) and not self.transport.is_closing():
                self.transport.close()

    return HeaderTimeoutProtocol


def uvicorn_config(app, settings: ServiceSettings, **options):
    """How DocScan runs its app on uvicorn (``docscan serve`` and the tests): the header timeout, a graceful
    shutdown that lets the requests in progress finish."""
    import uvicorn

    return uvicorn.Config(app, host=settings.host, port=settings.port,
                          http=header_timeout_protocol(settings.header_timeout), timeout_graceful_shutdown=30,
                          **{"log_level": "info", **options})


def serve(settings: ServiceSettings) -> int:
    """Run the service until Ctrl+C (which finishes the requests in progress, then stops)."""
    import socket
    import sys

    import uvicorn

    try:  # a clear message for a port in use, before any model is loaded
        family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((settings.host, settings.port))
    except OSError as exc:
        import errno

        if exc.errno == errno.EADDRINUSE:
            why = "Another program (or another docscan serve) is using the port; choose another with --port."
        else:  # a name that does not resolve, an address this machine does not have
            why = (f"Is '{settings.host}' an address of this machine? (--host; the default 127.0.0.1 is this "
                   "machine only)")
        print(f"docscan serve: cannot listen on {settings.host}:{settings.port}: {exc.strerror or exc}. {why}",
              file=sys.stderr)
        return 1
    if not is_loopback(settings.host):
        print(f"docscan serve: WARNING: listening on {settings.host}, not only this machine: anyone who can "
              "reach it can use this service" + ("." if settings.token else
                                                 "; pass --token to require a bearer token."), file=sys.stderr)
    server = uvicorn.Server(uvicorn_config(create_app(settings), settings))
    server.run()
    return 0 if server.started else 1
