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
from dataclasses import dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..core.arranged import PageRef, refs_of
from ..core.documents import page_ranges
from ..core.results import DocumentResult, PageResult, TextLine, merge_region, turn_page_result
from .actions import keys
from .i18n import tr
from .job_types import OcrJob, OpenedInfo, Source

TURNS = (0, 90, 180, 270)  # a page turned by hand, degrees clockwise as shown
_page_ids = itertools.count(1)  # every page the window shows has its own, kept as it moves


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
    page_kinds: list[str] = field(default_factory=list)  # "pdf" (sizes in points) or "image" (pixels), page by page
    page_ids: list[int] = field(default_factory=list)  # who each page is, whatever its place (arranging)
    version: int = 0  # counts arrangements: a thumbnail asked for before one is of another page

    @property
    def page_count(self) -> int:
        return len(self.page_sizes)

    def is_pdf_page(self, index: int) -> bool:
        """Page ``index`` is a PDF page (its size in points, rendered at a DPI), not an image's (pixels)."""
        if 0 <= index < len(self.page_kinds):
            return self.page_kinds[index] == "pdf"
        return self.kind == "pdf"

    def refs(self) -> list[PageRef]:
        """The pages as page references (an arranged document's own; a file's pages in order)."""
        if self.source.parts is not None:
            return list(self.source.parts)
        return refs_of(self.source.path, self.page_count, self.source.password, self.source.data,
                       self.source.name or self.name)

    def turn(self, index: int) -> int:
        return self.turns.get(index, 0)

    def document_result(self) -> DocumentResult:
        result = DocumentResult(self.source.path or self.name, [self.results[i] for i in sorted(self.results)])
        result.turns = {i + 1: t for i, t in sorted(self.turns.items()) if t}
        return result


@dataclass
class PageEntry:
    """One page of a document with everything the window keeps about it, as it moves (arranging)."""

    id: int
    ref: PageRef
    size: tuple[float, float]
    kind: str
    result: PageResult | None = None
    unreadable: str | None = None
    failed: str | None = None
    turn: int = 0


def page_entries(doc: DocState) -> list[PageEntry]:
    return [PageEntry(doc.page_ids[i], ref, doc.page_sizes[i], doc.page_kinds[i], doc.results.get(i),
                      doc.unreadable.get(i), doc.failed.get(i), doc.turn(i))
            for i, ref in enumerate(doc.refs())]


def set_page_entries(doc: DocState, entries: list[PageEntry]) -> None:
    """``doc`` is now ``entries``, in this order: an arranged document (its pages' references), its results,
    turns and marks renumbered with their pages; unsaved."""
    # a file's pages become an arrangement of them: no file of its own until it is saved as a PDF (a new
    # Source: a job or the I/O worker may hold the old one)
    doc.source = replace(doc.source, path=None, data=None, password=None, name=doc.name,
                         parts=tuple(entry.ref for entry in entries))
    doc.page_ids = [entry.id for entry in entries]
    doc.page_sizes = [entry.size for entry in entries]
    doc.page_kinds = [entry.kind for entry in entries]
    doc.results, doc.unreadable, doc.failed, doc.turns = {}, {}, {}, {}
    for index, entry in enumerate(entries):
        if entry.result is not None:
            entry.result.page = index + 1  # in place: the undo history holds its lines
            doc.results[index] = entry.result
        if entry.unreadable is not None:
            doc.unreadable[index] = entry.unreadable
        if entry.failed is not None:
            doc.failed[index] = entry.failed
        if entry.turn:
            doc.turns[index] = entry.turn
    kinds = set(doc.page_kinds)
    doc.kind = kinds.pop() if len(kinds) == 1 else ("mixed" if kinds else "image")
    doc.version += 1
    doc.dirty = True
    doc.corrected = any(line.edited for page in doc.results.values() for line in page.lines)
    doc.saved_path = None


def _towards(current: list[PageEntry], start: list[PageEntry], end: list[PageEntry]) -> list[PageEntry]:
    """A step of arranging done again or undone: the pages as they were at ``end``, from ``current`` where
    the step left them at ``start``. When something changed the document since (pages moved in from another
    document), the step's own pages are taken out or put back where they were, and the rest stay. Each page
    keeps what it has now (a result that came after the step)."""
    now = {entry.id: entry for entry in current}
    if [entry.id for entry in current] == [entry.id for entry in start]:
        return [now.get(entry.id, entry) for entry in end]
    start_ids, end_ids = {e.id for e in start}, {e.id for e in end}
    pages = [entry for entry in current if entry.id in end_ids or entry.id not in start_ids]
    for at, entry in enumerate(end):
        if entry.id not in start_ids and entry.id not in now:
            pages.insert(min(at, len(pages)), entry)
    return pages


@dataclass
class ArrangementStep:
    """One thing arranging did, to one document or two (pages moved from one to another): their pages
    before and after."""

    before: dict[int, list[PageEntry]]
    after: dict[int, list[PageEntry]]


class ArrangementRefused(Exception):
    """Pages that cannot be arranged now; the message says why, for the status bar."""


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
    # the job's page indices -> the pages' ids: pages arranged while it runs get their results where they are
    page_ids: dict[int, int] = field(default_factory=dict)

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
    arranged = Signal(int)  # key: its pages were moved, deleted, inserted (or that was undone)
    arrangementRecorded = Signal(int)  # key: a step of arranging went into its history (undo takes it back)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.docs: dict[int, DocState] = {}
        self._keys = itertools.count(1)
        self.job: JobProgress | None = None
        self.last_summary = ""  # what the last job did, until the next starts or its document closes
        self.last_problem = ""  # which pages the last job could not recognise and why (too long for the status line)
        self._summary_key: int | None = None
        self._arrangements: dict[int, list[ArrangementStep]] = {}  # key -> steps to undo, last last
        self._undone: dict[int, list[ArrangementStep]] = {}  # key -> steps to redo

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
        doc.page_kinds = list(info.page_kinds) or [info.kind] * len(info.page_sizes)
        doc.page_ids = [next(_page_ids) for _ in info.page_sizes]
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
        self.forget_arrangements(key)
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

    def set_line(self, key: int, page: int, index: int, line: TextLine, text: str, edited: bool,
                 reviewed: bool | None = None) -> bool:
        """A correction or a check in Review mode (or its undoing) of ``line`` (``reviewed``: None leaves it
        as it is); False when the page was recognised again since and the line is gone."""
        doc = self.docs.get(key)
        if doc is None:
            return False
        result = doc.results.get(page)
        if result is None or index >= len(result.lines) or result.lines[index] is not line:
            return False
        line.text, line.edited = text, edited
        if reviewed is not None:
            line.reviewed = reviewed
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

    def reshape_page(self, key: int, index: int, size: tuple[float, float]) -> None:
        """Page ``index`` shows other pixels now (a photo's corners were moved or the correction undone): its
        new size; its result, of the old pixels, is dropped, so that the page is recognised again."""
        doc = self.docs.get(key)
        if doc is None or not 0 <= index < doc.page_count:
            return
        doc.page_sizes[index] = (float(size[0]), float(size[1]))
        doc.failed.pop(index, None)
        if doc.results.pop(index, None) is not None:
            doc.dirty = True
            doc.corrected = any(line.edited for page in doc.results.values() for line in page.lines)
        self.pageChanged.emit(key, index)
        self.documentChanged.emit(key)

    # ----------------------------------------------------------------------------------------- arranging

    def _arrangeable(self, *doc_keys: int) -> list[DocState]:
        docs = []
        for key in doc_keys:
            doc = self.docs.get(key)
            if doc is None or not doc.opened:
                raise ArrangementRefused(tr("That document is not open (yet)."))
            docs.append(doc)
        return docs

    def _arrange(self, changes: dict[int, list[PageEntry]], history_key: int) -> None:
        """Make the documents of ``changes`` these pages, as one step of ``history_key``'s history."""
        before = {key: page_entries(self.docs[key]) for key in changes}
        for key, entries in changes.items():
            set_page_entries(self.docs[key], entries)
        self._arrangements.setdefault(history_key, []).append(ArrangementStep(before, dict(changes)))
        self._undone.pop(history_key, None)
        for key in changes:
            self._announce_arranged(key)
        self.arrangementRecorded.emit(history_key)

    def _announce_arranged(self, key: int) -> None:
        self.arranged.emit(key)
        self.documentChanged.emit(key)

    def move_pages(self, key: int, rows, to_row: int) -> list[int]:
        """Move the pages at ``rows`` (kept in their order) to before the page now at ``to_row`` (the page
        count: to the end). Returns where they are now."""
        doc, = self._arrangeable(key)
        chosen = sorted({row for row in rows if 0 <= row < doc.page_count})
        if not chosen:
            return []
        entries = page_entries(doc)
        moving = [entries[row] for row in chosen]
        rest = [entry for row, entry in enumerate(entries) if row not in chosen]
        at = sum(1 for row in range(min(max(0, to_row), doc.page_count)) if row not in chosen)
        pages = rest[:at] + moving + rest[at:]
        if [entry.id for entry in pages] != doc.page_ids:
            self._arrange({key: pages}, key)
        return list(range(at, at + len(moving)))

    def delete_pages(self, key: int, rows) -> list[int]:
        """Delete the pages at ``rows`` (with their results: undo brings them back). Returns the rows deleted.
        The last page is not deleted: the document is closed instead."""
        doc, = self._arrangeable(key)
        chosen = sorted({row for row in rows if 0 <= row < doc.page_count})
        if not chosen:
            return []
        if len(chosen) == doc.page_count:
            raise ArrangementRefused(tr("A document keeps at least one page: close it instead ({0}).").format(
                keys("close_doc")))
        self._arrange({key: [e for row, e in enumerate(page_entries(doc)) if row not in chosen]}, key)
        return chosen

    def move_pages_to(self, key: int, rows, other_key: int, at: int) -> list[int]:
        """Move the pages at ``rows`` of one document to ``other_key``'s, before its page ``at`` (its page
        count: to its end), with their results and turns. Returns where they are there."""
        if other_key == key:
            return self.move_pages(key, rows, at)
        doc, other = self._arrangeable(key, other_key)
        chosen = sorted({row for row in rows if 0 <= row < doc.page_count})
        if not chosen:
            return []
        entries = page_entries(doc)
        moving = [entries[row] for row in chosen]
        at = min(max(0, at), other.page_count)
        target = page_entries(other)
        self._arrange({key: [e for row, e in enumerate(entries) if row not in chosen],
                       other_key: target[:at] + moving + target[at:]}, key)
        return list(range(at, at + len(moving)))

    def insert_pages(self, key: int, at: int, refs: list[PageRef], sizes: list[tuple[float, float]],
                     kinds: list[str]) -> list[int]:
        """Insert pages of files (their sizes and kinds read by the I/O worker) before page ``at`` (past the
        end: at the end). Returns where they are."""
        doc, = self._arrangeable(key)
        at = min(max(0, at), doc.page_count)
        new = [PageEntry(next(_page_ids), ref, size, kind) for ref, size, kind in zip(refs, sizes, kinds)]
        if new:
            entries = page_entries(doc)
            self._arrange({key: entries[:at] + new + entries[at:]}, key)
        return list(range(at, at + len(new)))

    def undo_arrangement(self, key: int) -> bool:
        """Undo the last step of arranging done in ``key`` (a move to another document: in both)."""
        return self._step_back_or_forth(key, self._arrangements, self._undone, undo=True)

    def redo_arrangement(self, key: int) -> bool:
        return self._step_back_or_forth(key, self._undone, self._arrangements, undo=False)

    def can_undo_arrangement(self, key: int) -> bool:
        return bool(self._arrangements.get(key))

    def _step_back_or_forth(self, key: int, source: dict, target: dict, undo: bool) -> bool:
        steps = source.get(key)
        if not steps:
            return False
        step = steps.pop()
        target.setdefault(key, []).append(step)
        start, end = (step.after, step.before) if undo else (step.before, step.after)
        for doc_key in end:
            doc = self.docs.get(doc_key)
            if doc is not None:  # a document closed since: the rest is still put back
                set_page_entries(doc, _towards(page_entries(doc), start[doc_key], end[doc_key]))
                self._announce_arranged(doc_key)
        return True

    def forget_arrangements(self, key: int) -> None:
        """``key`` is closed or saved as a file of its own: its history of arranging goes."""
        self._arrangements.pop(key, None)
        self._undone.pop(key, None)

    def saved_as_pdf(self, key: int, path: str, sizes: list[tuple[float, float]]) -> None:
        """``key`` was saved as the PDF ``path``, which is its home from now on: a plain PDF document, its
        pages turned by hand turned in the file (their results are of the page so turned already)."""
        doc = self.docs.get(key)
        if doc is None:
            return
        doc.source = Source(path, name=Path(path).name)
        doc.name = Path(path).name
        doc.kind, doc.page_kinds, doc.page_sizes = "pdf", ["pdf"] * len(sizes), list(sizes)
        doc.turns = {}
        doc.version += 1
        self.forget_arrangements(key)
        self._announce_arranged(key)

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
        self.job = JobProgress(job, page_ids={index: doc.page_ids[index] for index in pages
                                              if index < len(doc.page_ids)})
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
        index = self.page_now(progress, key, index)
        if index is not None:
            self.pageChanged.emit(key, index)
        self.jobChanged.emit()

    def page_now(self, progress: JobProgress | None, key: int, index: int) -> int | None:
        """Where page ``index`` of the job is now (pages arranged while it runs); None: it was deleted."""
        doc = self.docs.get(key)
        page_id = progress.page_ids.get(index) if progress is not None else None
        if doc is None or page_id is None:
            return index
        return doc.page_ids.index(page_id) if page_id in doc.page_ids else None

    def page_done(self, job_id: int, key: int, page: PageResult) -> None:
        progress = self._job(job_id)
        doc = self.docs.get(key)
        index = self.page_now(progress, key, page.page - 1)
        if index is None:  # the page was deleted meanwhile: nothing to keep
            self._count(progress, key, None)
            return
        page.page = index + 1
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
        index = self.page_now(progress, key, index)
        if index is None:
            self._count(progress, key, None)
            return
        region.page.page = index + 1
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

    def _count(self, progress: JobProgress | None, key: int, index: int | None) -> None:
        if progress is not None:
            progress.done += 1
            progress.in_progress = None
        if index is not None:
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
            now = self.page_now(progress, progress.job.key, index)
            if now is not None:
                self.pageChanged.emit(progress.job.key, now)
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
            job_index = self._job_index(progress, doc, index)
            if progress.in_progress is not None and progress.in_progress == job_index:
                return PageStatus.RECOGNISING
            if job_index in progress.job.pages and index not in doc.results and index not in doc.failed \
                    and progress.state is JobState.RUNNING:
                return PageStatus.QUEUED
        if index in doc.unreadable:
            return PageStatus.UNREADABLE
        if index in doc.failed:
            return PageStatus.FAILED
        if index in doc.results:
            return PageStatus.FAILED if doc.results[index].error else PageStatus.RECOGNISED
        return PageStatus.NOT_RECOGNISED

    @staticmethod
    def _job_index(progress: JobProgress, doc: DocState, index: int) -> int | None:
        """The job's index of the page now at ``index`` (None: not a page of the job)."""
        if not progress.page_ids or not 0 <= index < len(doc.page_ids):
            return index
        page_id = doc.page_ids[index]
        return next((job_index for job_index, pid in progress.page_ids.items() if pid == page_id), None)

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
