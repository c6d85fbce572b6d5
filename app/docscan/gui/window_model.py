"""The window's state without its widgets: the open documents, their pages' results and corrections, the
recognition job and what is unsaved.

The model owns no widget and reads nothing back from one: the window (and tests, without a window) call its
methods, and it says what changed through signals. Every text the window shows about a job or a page (the
status line, a thumbnail's caption, the text panel's placeholder) is derived here from the state, so
that no code has to compare display strings to find out what is going on.
"""

from __future__ import annotations

import enum
import itertools
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..core.documents import page_ranges
from ..core.results import DocumentResult, PageResult, TextLine, merge_region, turn_page_result
from .actions import keys
from .i18n import tr
from .job_types import OcrJob, OpenedInfo, Source

TURNS = (0, 90, 180, 270)  # a page turned by hand, degrees clockwise as shown


@dataclass
class DocState:
    key: int
    source: Source
    name: str
    kind: str = ""
    page_sizes: list[tuple[float, float]] = field(default_factory=list)
    results: dict[int, PageResult] = field(default_factory=dict)  # page index -> result (none that failed)
    unreadable: dict[int, str] = field(default_factory=dict)  # page index -> why it cannot be decoded
    failed: dict[int, str] = field(default_factory=dict)  # page index -> why its last recognition failed
    turns: dict[int, int] = field(default_factory=dict)  # page index -> degrees turned by hand (clockwise)
    opened: bool = False
    dirty: bool = False  # results, corrections or turns not saved
    corrected: bool = False
    saved_path: str | None = None
    zoom: tuple[str | None, float] | None = None  # the view's zoom when another document was shown

    @property
    def page_count(self) -> int:
        return len(self.page_sizes)

    def turn(self, index: int) -> int:
        return self.turns.get(index, 0)

    def document_result(self) -> DocumentResult:
        result = DocumentResult(self.source.path or self.name, [self.results[i] for i in sorted(self.results)])
        result.turns = {i + 1: t for i, t in sorted(self.turns.items()) if t}
        return result


class JobState(enum.Enum):
    IDLE = "idle"
    RUNNING = "running"
    CANCELLING = "cancelling"


class PageStatus(enum.Enum):
    NOT_RECOGNISED = "not recognised"
    QUEUED = "queued"
    RECOGNISING = "recognising"
    RECOGNISED = "recognised"
    FAILED = "failed"
    UNREADABLE = "unreadable"


@dataclass
class JobProgress:
    job: OcrJob
    started: float = field(default_factory=time.perf_counter)
    done: int = 0  # pages finished (recognised or failed)
    failed: dict[int, str] = field(default_factory=dict)  # page index -> why it failed
    region_lines: int = 0  # lines found in the region (a region job has one page)
    in_progress: int | None = None  # page index being recognised
    state: JobState = JobState.RUNNING
    first_started: bool = False  # timing counts from then: waiting for the models to load is not a page's

    @property
    def total(self) -> int:
        return len(self.job.pages)

    def rate_text(self, now: float | None = None) -> str:
        """" · 1.4 s/page · about 6 min left" once a page of the job is done."""
        if not self.done:
            return ""
        per_page = ((now or time.perf_counter()) - self.started) / self.done
        left = per_page * (self.total - self.done)
        if left <= 0:
            return tr(" · {0:.1f} s/page").format(per_page)
        when = tr("{0:.0f} s").format(left) if left < 90 else tr("{0:.0f} min").format(left / 60)
        return tr(" · {0:.1f} s/page · about {1} left").format(per_page, when)


class JobRefused(Exception):
    """A job that cannot start now; its message says why, for the status bar."""


class WindowModel(QObject):
    documentAdded = Signal(int)  # key: opening has started
    documentOpened = Signal(int)  # key: its pages are known
    documentRemoved = Signal(int)
    documentChanged = Signal(int)  # key: dirty, corrected or saved changed
    pageChanged = Signal(int, int)  # key, page index: its result or status changed
    jobChanged = Signal()  # started, progressed, cancelling or ended (status_text() says how)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.docs: dict[int, DocState] = {}
        self._keys = itertools.count(1)
        self.job: JobProgress | None = None
        self.last_summary = ""  # what the last job did, until the next starts or its document closes
        self.last_problem = ""  # which pages the last job could not recognise and why (too long for the status line)
        self._summary_key: int | None = None

    # ---------------------------------------------------------------------------------------- documents

    def add_document(self, source: Source) -> DocState:
        key = next(self._keys)
        doc = self.docs[key] = DocState(key, source, source.name or Path(source.path or "document").name)
        self.documentAdded.emit(key)
        return doc

    def find_path(self, path: str) -> DocState | None:
        return next((d for d in self.docs.values() if d.source.path == path), None)

    def document_opened(self, info: OpenedInfo) -> DocState | None:
        """The I/O worker opened it: its pages and, when there were some, the saved results come in."""
        doc = self.docs.get(info.key)
        if doc is None:
            return None
        doc.kind, doc.page_sizes, doc.opened = info.kind, info.page_sizes, True
        if info.source is not None:
            doc.source = info.source
            if info.source.path is None and info.source.name:  # a scaled-down copy says so in its name
                doc.name = info.source.name
        saved = info.saved
        if saved is not None and (saved.pages or getattr(saved, "turns", None)):
            doc.results = {page.page - 1: page for page in saved.pages if 0 < page.page <= doc.page_count}
            doc.turns = {n - 1: t for n, t in getattr(saved, "turns", {}).items()
                         if 0 < n <= doc.page_count and t in TURNS}
            doc.corrected = any(line.edited for page in doc.results.values() for line in page.lines)
            doc.saved_path = info.saved_path
        self.documentOpened.emit(doc.key)
        return doc

    def remove_document(self, key: int) -> None:
        if self.docs.pop(key, None) is None:
            return
        if self._summary_key == key:
            self.last_summary = self.last_problem = ""  # nothing of a closed document's timing stays
            self._summary_key = None
        self.documentRemoved.emit(key)

    def opened_documents(self) -> list[DocState]:
        return [d for d in self.docs.values() if d.opened]

    def dirty_documents(self) -> list[DocState]:
        return [d for d in self.docs.values() if d.dirty]

    def mark_saved(self, key: int, path: str | None) -> None:
        doc = self.docs.get(key)
        if doc is not None:
            doc.dirty = False
            if path:
                doc.saved_path = path
            self.documentChanged.emit(key)

    # -------------------------------------------------------------------------------------- corrections

    def set_line(self, key: int, page: int, index: int, line: TextLine, text: str, edited: bool) -> bool:
        """A correction (or its undoing) of ``line``; False when the page was recognised again since and
        the line is gone."""
        doc = self.docs.get(key)
        result = doc.results.get(page) if doc else None
        if result is None or index >= len(result.lines) or result.lines[index] is not line:
            return False
        line.text, line.edited = text, edited
        doc.dirty = True
        doc.corrected = any(other.edited for p in doc.results.values() for other in p.lines)
        self.pageChanged.emit(key, page)
        self.documentChanged.emit(key)
        return True

    def turn_page(self, key: int, index: int, degrees: int) -> int:
        """Turn a page by hand by ``degrees`` (a multiple of 90) more; returns its new turn. The page's text
        (recognised the way it was shown) stays; recognising it again reads it the new way up."""
        doc = self.docs.get(key)
        if doc is None or not 0 <= index < doc.page_count:
            return 0
        turn = (doc.turn(index) + degrees) % 360
        if index in doc.results:
            turn_page_result(doc.results[index], degrees)  # in place: the undo stack holds its lines
        if turn:
            doc.turns[index] = turn
        else:
            doc.turns.pop(index, None)
        doc.dirty = True
        self.pageChanged.emit(key, index)
        self.documentChanged.emit(key)
        return turn

    # ---------------------------------------------------------------------------------------------- job

    @property
    def job_state(self) -> JobState:
        return self.job.state if self.job is not None else JobState.IDLE

    @property
    def busy(self) -> bool:
        return self.job is not None

    def start_job(self, doc: DocState, pages: list[int], dpi: float, region=None, ocr_mode: str = "auto") -> OcrJob:
        if self.job is not None:
            raise JobRefused(tr("Recognition is already running; cancel it first ({0}).").format(keys("cancel")))
        turns = {i: doc.turn(i) for i in pages if doc.turn(i)}
        job = OcrJob(doc.key, doc.source, pages, dpi, region, ocr_mode, turns=turns)
        self.job = JobProgress(job)
        self.last_summary = self.last_problem = ""
        self._summary_key = doc.key
        for index in pages:
            doc.failed.pop(index, None)
            self.pageChanged.emit(doc.key, index)
        self.jobChanged.emit()
        return job

    def _job(self, job_id: int) -> JobProgress | None:
        return self.job if self.job is not None and self.job.job.job_id == job_id else None

    def cancel_job(self) -> OcrJob | None:
        if self.job is None or self.job.state is JobState.CANCELLING:
            return None
        self.job.state = JobState.CANCELLING
        self.jobChanged.emit()
        return self.job.job

    def page_started(self, job_id: int, key: int, index: int) -> None:
        progress = self._job(job_id)
        if progress is None:
            return
        if not progress.first_started:
            # the job's time is the pages' (the thumbnail's times add up to it), not the models' loading
            progress.started, progress.first_started = time.perf_counter(), True
        progress.in_progress = index
        self.pageChanged.emit(key, index)
        self.jobChanged.emit()

    def page_done(self, job_id: int, key: int, page: PageResult) -> None:
        progress = self._job(job_id)
        doc = self.docs.get(key)
        index = page.page - 1
        if page.error:  # not work to keep: the page is marked, nothing becomes unsaved
            if doc is not None:
                # Not rendered (no size) while OCR was on: the page itself cannot be decoded, and recognising
                # it again cannot help. An engine that choked, or OCR switched off, may do better next time.
                if page.width == 0 and progress is not None and progress.job.ocr_mode != "never":
                    doc.unreadable[index] = page.error
                doc.results.pop(index, None)
                doc.failed[index] = page.error
            if progress is not None:
                progress.failed[index] = page.error
            self._count(progress, key, index)
            return
        self._store(progress, key, index, lambda existing: page)

    def region_done(self, job_id: int, key: int, index: int, region) -> None:
        progress = self._job(job_id)
        if progress is not None:
            progress.region_lines = len(region.page.lines)
        self._store(progress, key, index, lambda existing: merge_region(existing, region.page, region.region))

    def _store(self, progress: JobProgress | None, key: int, index: int, make) -> None:
        doc = self.docs.get(key)
        if doc is not None:
            doc.results[index] = make(doc.results.get(index))
            doc.failed.pop(index, None)
            doc.dirty = True
            doc.corrected = any(line.edited for page in doc.results.values() for line in page.lines)
        self._count(progress, key, index)
        if doc is not None:
            self.documentChanged.emit(key)

    def _count(self, progress: JobProgress | None, key: int, index: int) -> None:
        if progress is not None:
            progress.done += 1
            progress.in_progress = None
        self.pageChanged.emit(key, index)
        if progress is not None:
            self.jobChanged.emit()

    def job_ended(self, job_id: int, cancelled: bool, failure: str | None = None) -> JobProgress | None:
        """The job is over (finished, cancelled or failed); returns it, or None when it was not this one."""
        progress = self._job(job_id)
        if progress is None:
            return None
        self.job = None
        self.last_summary = tr("Recognition failed.") if failure is not None else self._summary(progress, cancelled)
        doc = self.docs.get(progress.job.key)
        self.last_problem = "" if not progress.failed or failure is not None else \
            f"{doc.name if doc else ''}: {failed_pages_text(progress.failed)}"
        for index in progress.job.pages:
            self.pageChanged.emit(progress.job.key, index)
        self.jobChanged.emit()
        return progress

    @staticmethod
    def _summary(progress: JobProgress, cancelled: bool) -> str:
        failed = progress.failed
        done, seconds, total = progress.done - len(failed), time.perf_counter() - progress.started, progress.total
        if cancelled:
            return tr("Cancelled: {0} of {1} pages recognised and kept.").format(done, total)
        if failed and not done:  # which pages: the status line; why: last_problem (the window's message bar)
            return tr("Not recognised: {0}").format(pages_text(failed))
        if progress.job.region is not None and done:
            # a region is part of a page: say what was read there, not "1 page" (the page's thumbnail keeps
            # the time of all its recognition)
            said = (tr("Recognised the region on page {0}: 1 line in {2:.1f} s") if progress.region_lines == 1 else
                    tr("Recognised the region on page {0}: {1} lines in {2:.1f} s"))
            return said.format(progress.job.pages[0] + 1, progress.region_lines, seconds)
        said = tr("Recognised 1 page in {1:.1f} s") if done == 1 else tr("Recognised {0} pages in {1:.1f} s")
        text = said.format(done, seconds)
        if done:
            text += tr(" ({0:.1f} s/page)").format(seconds / done)
        if failed:
            text += tr("; not recognised: {0}").format(pages_text(failed))
        return text

    # ------------------------------------------------------------------------------------ derived texts

    def status_text(self) -> str:
        """The status line's words for the job: what it does now, or what the last one did."""
        progress = self.job
        if progress is None:
            return self.last_summary
        if progress.state is JobState.CANCELLING:
            return tr("Cancelling…")
        name = self.docs[progress.job.key].name if progress.job.key in self.docs else ""
        if progress.in_progress is None:
            return tr("Recognising {0}…").format(name)
        return (tr("Page {0}: {1} of {2}").format(progress.in_progress + 1, progress.done + 1, progress.total)
                + progress.rate_text())

    def page_status(self, key: int, index: int) -> PageStatus:
        doc = self.docs.get(key)
        if doc is None:
            return PageStatus.NOT_RECOGNISED
        progress = self.job
        if progress is not None and progress.job.key == key:
            if progress.in_progress == index:
                return PageStatus.RECOGNISING
            if index in progress.job.pages and index not in doc.results and index not in doc.failed \
                    and progress.state is JobState.RUNNING:
                return PageStatus.QUEUED
        if index in doc.unreadable:
            return PageStatus.UNREADABLE
        if index in doc.failed:
            return PageStatus.FAILED
        if index in doc.results:
            return PageStatus.FAILED if doc.results[index].error else PageStatus.RECOGNISED
        return PageStatus.NOT_RECOGNISED

    def thumbnail_caption(self, key: int, index: int) -> str | None:
        """The words under a page's thumbnail (None: only its number)."""
        status = self.page_status(key, index)
        if status is PageStatus.QUEUED:
            return tr("queued")
        if status is PageStatus.RECOGNISING:
            return tr("recognising…")
        if status is PageStatus.UNREADABLE:
            return tr("⚠ cannot be read")
        if status is PageStatus.FAILED:
            return tr("⚠ failed")
        if status is PageStatus.RECOGNISED:
            result = self.docs[key].results[index]
            edited = " ✎" if any(line.edited for line in result.lines) else ""
            how = tr("text layer") if result.source == "text-layer" else tr("{0:.1f} s").format(result.seconds)
            said = tr("✓ 1 line, {1}") if len(result.lines) == 1 else tr("✓ {0} lines, {1}")
            return said.format(len(result.lines), how) + edited
        return None

    def placeholder(self, key: int | None, index: int) -> str | None:
        """What the text panel says instead of lines (None: it shows the page's lines)."""
        doc = self.docs.get(key) if key is not None else None
        if doc is None:
            return no_document_text()
        status = self.page_status(key, index)
        result = doc.results.get(index)
        if status is PageStatus.RECOGNISING:
            return tr("Recognising this page…")
        if status is PageStatus.UNREADABLE:
            return tr("This page cannot be read:\n{0}").format(doc.unreadable[index])
        if status is PageStatus.FAILED:
            error = doc.failed.get(index) or (result.error if result else "")
            return tr("This page could not be recognised:\n{0}").format(error)
        if result is None:
            return tr("No text yet.\n\nRecognise this page ({0}) or all pages ({1}).").format(keys("ocr_page"),
                                                                                              keys("ocr_all"))
        if not result.lines:
            return tr("No text was found on this page.")
        return None


def no_document_text() -> str:
    return tr("No document open.\n\nOpen images or PDFs ({0}), drop them here, or paste an image ({1}).").format(
        keys("open"), keys("paste"))


def pages_text(indices) -> str:
    """ "page 4" or "pages 4–6" """
    numbers = {index + 1 for index in indices}
    return (tr("page {0}") if len(numbers) == 1 else tr("pages {0}")).format(page_ranges(numbers))


def failed_pages_text(failed: dict[int, str]) -> str:
    """Pages that could not be recognised, in one message: those that failed the same way together, with
    the first one's details. The core's page errors start with the document and the page ("scan.pdf: page 4
    could not be read; the file is damaged (format error: …)."): those are said once for all ("Pages 4–6
    could not be read; the file is damaged (format error: …)."), other errors as they are ("Page 2: …")."""
    groups: dict[str, tuple[str, list[int]]] = {}  # how it failed -> (the first page's words, pages)
    for index in sorted(failed):
        error = failed[index]
        rest = re.sub(rf"^(?:.*?: )?page {index + 1}\b\s*", "", error, count=1)
        said = rest if rest != error else ": " + error  # "could not be read; …" / ": out of memory"
        how = said.split(" (", 1)[0]  # the details in brackets differ from page to page
        groups.setdefault(how, (said, []))[1].append(index)
    parts = []
    for said, indices in groups.values():
        part = pages_text(indices) + ("" if said.startswith(":") else " ") + said
        parts.append(part[:1].upper() + part[1:].rstrip(".") + ".")  # one sentence each
    return " ".join(parts)
