"""The worker process's side: load the engine, answer requests until told to stop, the parent goes away,
or it is time to retire. Runs in a spawned process (process.py starts it)."""

from __future__ import annotations

import os
import signal
from typing import Callable

from ..errors import DocScanError, DocumentError, EngineUnavailable, ModelError, first_line
from .carried_errors import CarriedError
from .messages import (IMAGE_REQUESTS, DocumentDone, Failed, Fatal, Idle, ImageDone, PageRow, PageStarted, Ready,
                       RecogniseDocument, RecognisePage, RecognisePdfPage, RecogniseShard, Retiring)
from .shard_recogniser import ShardRecogniser


def rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def worker_main(conn, spec, stop_event=None) -> None:
    """``spec``: a WorkerSpec. ``stop_event``: set by the parent, it stops the image in progress at its next
    step (core/interrupt.py), answered Failed(Cancelled); the worker and its engine stay."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    if stop_event is not None:
        from .. import interrupt

        interrupt.install(stop_event.is_set)
    if not os.environ.get("DOCSCAN_VERBOSE"):
        from ..engine import quiet_libraries

        quiet_libraries()
    try:
        try:
            recogniser = ShardRecogniser(spec.settings, spec.models, threads=spec.threads,
                                         engine_factory=spec.engine_factory, password=spec.password,
                                         retries=spec.retries)
        except Exception as exc:
            conn.send(Fatal(_start_error(exc)))
            return
        pdf = OpenPdf()  # before Ready: PyMuPDF's import (0.6 s here) is part of starting, not of a first page
        conn.send(Ready(recogniser.worker, rss_mb()))
        pages = 0
        while True:
            try:
                request = conn.recv()
            except EOFError:
                return
            answer = None  # a document's or an image's answer, sent right before what the worker does next
            if isinstance(request, RecogniseShard):
                pages += _recognise_shard(recogniser, request, conn.send)
            elif isinstance(request, RecogniseDocument):
                answer, done = _recognise_document(recogniser, request)
                pages += done
            elif isinstance(request, IMAGE_REQUESTS):
                answer = _recognise_image(recogniser.engine, request, pdf)
            else:  # Stop
                return
            # The answer and Idle (or Retiring) go back to back, the memory measured before either: the parent
            # frees the worker on Idle, and one that had to wait for a second message between the two took a
            # few percent off the service's throughput with several workers.
            memory = rss_mb()
            if spec.recycle_pages and pages >= spec.recycle_pages:
                after = Retiring(f"{pages} pages done", pages, memory)
            elif spec.max_rss_mb and memory > spec.max_rss_mb:
                after = Retiring(f"{memory:.0f} MB resident", pages, memory)
            else:
                after = Idle(pages, memory)
            if answer is not None:
                conn.send(answer)
            conn.send(after)
            if isinstance(after, Retiring):
                return
    except (BrokenPipeError, ConnectionResetError, EOFError):
        return  # the parent is gone


def _start_error(exc: Exception) -> CarriedError:
    if isinstance(exc, (ModelError, EngineUnavailable)):
        return CarriedError.of(exc)
    # the engine could not start for another reason: a message, not a traceback
    return CarriedError("EngineUnavailable", f"the engine could not start: {first_line(exc)}")


def _recognise_shard(recogniser: ShardRecogniser, request: RecogniseShard, send: Callable) -> int:
    pages = 0
    for row in recogniser.recognise(request.shard, on_start=lambda page: send(PageStarted(page))):
        send(PageRow(row))
        pages += 1
    return pages


def _recognise_document(recogniser: ShardRecogniser,
                        request: RecogniseDocument) -> tuple[DocumentDone | Failed, int]:
    """The answer to a document request, and how many pages it recognised."""
    try:
        result = recogniser.recognise_document(request.data, request.options)
    except DocScanError as exc:
        return Failed(CarriedError.of(exc)), 0
    return DocumentDone(result.to_dict()), len(result.pages)


class OpenPdf:
    """The PDF file whose pages the window's engine process renders, kept open from page to page (a file
    changed on disk since is opened again)."""

    def __init__(self):
        import pymupdf  # noqa: F401

        self._key = None
        self._document = None

    def get(self, path: str, password: str | None, name: str):
        from ..documents import open_document

        stat = os.stat(path)
        key = (path, password, name, stat.st_mtime_ns, stat.st_size)
        if key != self._key:
            self.close()
            self._document = open_document(path, password=password, name=name)
            self._key = key
        return self._document

    def close(self) -> None:
        if self._document is not None:
            self._document.close()
        self._key = self._document = None


def recognise_pdf_page(engine, request: RecognisePdfPage, pdf: OpenPdf):
    """Render a page of a PDF file here, turn it as the person turned it, and recognise it: the window's
    process never renders the pages it recognises, so its main thread does not wait on MuPDF, which
    holds the GIL while it draws (ADR 0010)."""
    from ..document_run import turn_image

    document = pdf.get(request.path, request.password, request.name)
    known = len(document.warnings)
    rendered = document.page(request.index).render(request.dpi)
    image = turn_image(rendered.image, request.turn) if request.turn % 360 else rendered.image
    ocr, rotation = engine.recognize_image(image)
    return ocr, rotation, {"width": image.width, "height": image.height, "dpi": rendered.dpi,
                           "warnings": document.warnings[known:]}


def _recognise_image(engine, request, pdf: OpenPdf) -> ImageDone | Failed:
    """A page (RGB, turned upright here) or a crop (BGR) of the window's, or a page of a PDF file rendered
    here. Every error is the request's (the worker goes on); a cancel is Failed(Cancelled) and the engine
    stays loaded."""
    rendered = {}
    try:
        if isinstance(request, RecognisePdfPage):
            try:
                ocr, rotation, rendered = recognise_pdf_page(engine, request, pdf)
            except (DocumentError, OSError) as exc:  # the page (or the file) cannot be read: the page's error
                if isinstance(exc, DocumentError):
                    return Failed(CarriedError.of(exc))
                return Failed(CarriedError("DocumentError", f"{request.name} cannot be read ({exc.strerror or exc})."))
        elif isinstance(request, RecognisePage):
            from PIL import Image

            ocr, rotation = engine.recognize_image(Image.fromarray(request.pixels))
        else:
            ocr, rotation = engine.recognize(request.pixels), 0
    except Exception as exc:  # DocScanError (Cancelled included) by its class; another: RuntimeError
        return Failed(CarriedError.of(exc))
    return ImageDone([line.to_dict() for line in ocr.lines], ocr.seconds, rotation, rendered,
                     [table.to_dict() for table in ocr.tables], [region.to_dict() for region in ocr.regions])
