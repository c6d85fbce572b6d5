"""File → Scan: the dialog, the scanner's worker on its own thread, and the pages as they arrive: each one
goes into a document (a new one, or the current one after the page shown) the moment it is on disk and is
recognised as it arrives (one recognition job at a time: pages that arrive while one runs wait for it).
Scan Next Page scans once more with the same choices into the same document (a flatbed's next sheet).
Cancel stops the scanner; the pages already scanned stay.

It owns no page widget: the window gives it the documents controller (new_arranged_document, insert_pages),
a function that starts recognition, and the message bar; it says what happens through signals."""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass
from typing import Callable

from PySide6.QtCore import QObject, Signal

from ..core.arranged import PageRef
from ..core.scanning import FAULT_WORDS, ScanSettings
from .i18n import tr
from .scan_dialog import ScanDialog, no_scanner_text
from .scan_worker import ScanWorker, new_scan_folder
from .settings import Settings
from .threads import WorkerThread
from .window_model import WindowModel


@dataclass
class ScanInProgress:
    scan_id: int
    scanner_id: str
    settings: ScanSettings
    folder: str
    key: int | None  # the document the pages go into (None until the first page makes a new one)
    at: int  # where the next page goes in it
    name: str
    pages: int = 0


def fault_text(kind: str, message: str, scanner_id: str) -> str:
    """What went wrong, in the window's words (the core's message when it says more than the kind)."""
    words = {
        "feeder-empty": tr("The feeder is empty: put the pages in the feeder, then scan again."),
        "jammed": tr("The paper is jammed in the scanner: open it, take the sheet out, then scan again."),
        "cover-open": tr("The scanner's cover is open: close it, then scan again."),
        "busy": tr("The scanner is busy with another job: wait until it is done, then scan again."),
        "offline": tr("The scanner {0} does not answer: check that it is switched on and connected "
                      "(its cable, or the network), then scan again.").format(scanner_id),
        "not-found": no_scanner_text(),
    }
    said = words.get(kind, tr("The scan failed."))
    says_more = message and kind != "not-found" and message != FAULT_WORDS.get(kind)  # not the kind's stock words again
    return f"{said} ({message})" if says_more else said


class ScanController(QObject):
    said = Signal(str, int)  # a status-bar message and how long it stays (ms)
    scanningChanged = Signal()  # a scan started or ended (the actions' state follows)
    pageArrived = Signal(int, int)  # document key, page index: a scanned page is in the document
    scanEnded = Signal(int, str)  # pages scanned, fault kind ("" when all went well, "cancelled")

    _list = Signal(float)
    _describe = Signal(str)
    _scan = Signal(int, str, object, str)

    def __init__(self, model: WindowModel, documents, recognise: Callable[[int, list[int]], bool],
                 settings: Settings, message_bar, current_page: Callable[[], tuple[int | None, int]],
                 dialog_parent=None):
        super().__init__(dialog_parent)
        self.model, self.documents, self.settings, self.message_bar = model, documents, settings, message_bar
        self._recognise = recognise
        self._current_page = current_page  # () -> (key of the document shown or None, page index shown)
        self._dialog_parent = dialog_parent
        self.worker = ScanWorker()
        self.thread = WorkerThread(self.worker, "docscan-scan")
        self._list.connect(self.worker.list_scanners)
        self._describe.connect(self.worker.describe)
        self._scan.connect(self.worker.scan)
        self.worker.pageScanned.connect(self._on_page_scanned)
        self.worker.pageProgress.connect(self._on_page_progress)
        self.worker.scanEnded.connect(self._on_scan_ended)
        self.thread.start()
        self._ids = itertools.count(1)
        self._names = itertools.count(1)
        self.scan: ScanInProgress | None = None  # the scan running now
        self.last: ScanInProgress | None = None  # the last scan, for Scan Next Page
        self.dialog: ScanDialog | None = None  # while File → Scan's dialog is open (for tests: public)
        self._waiting: dict[int, set[str]] = {}  # document key -> files of scanned pages not recognised yet
        self._announced: set[tuple[int, str]] = set()  # (key, file) of the pages pageArrived told of
        model.documentOpened.connect(self._on_pages_changed)
        model.arranged.connect(self._on_pages_changed)

    @property
    def scanning(self) -> bool:
        return self.scan is not None

    # ---------------------------------------------------------------------------------------------- dialog

    def open_dialog(self) -> None:
        """File → Scan…: choose, then scan (the dialog is modal; the scanners are listed behind it)."""
        if self.scanning:
            self.said.emit(tr("A scan is in progress: wait for it or cancel it first."), 6000)
            return
        key, _page = self._current_page()
        dialog = ScanDialog(self.settings.scanner_choices(), self.settings.get("scan/last_scanner"),
                            can_insert=key is not None, parent=self._dialog_parent)
        dialog.wantScanners.connect(self._list)
        dialog.wantAbilities.connect(self._describe)
        self.worker.scannersListed.connect(dialog.set_scanners)
        self.worker.scannerDescribed.connect(dialog.set_abilities)
        self.dialog = dialog
        dialog.start()
        try:
            accepted = dialog.exec() == ScanDialog.DialogCode.Accepted
        finally:
            self.worker.scannersListed.disconnect(dialog.set_scanners)
            self.worker.scannerDescribed.disconnect(dialog.set_abilities)
            self.dialog = None
        if accepted and dialog.scanner_id():
            self.start(dialog.scanner_id(), dialog.settings(), into_current=dialog.into_current_document())
        dialog.deleteLater()

    # ---------------------------------------------------------------------------------------------- scans

    def start(self, scanner_id: str, settings: ScanSettings, *, into_current: bool = False) -> bool:
        """Scan with ``settings`` into a new document, or into the current one after the page shown."""
        if self.scanning:
            return False
        self.settings.remember_scanner(scanner_id, asdict(settings))
        key, page = self._current_page() if into_current else (None, 0)
        try:
            folder = str(new_scan_folder())
        except OSError as exc:
            self.message_bar.show_message("scan", tr("The scan cannot start: {0}").format(exc))
            return False
        name = tr("Scan {0}").format(next(self._names))
        return self._start(ScanInProgress(next(self._ids), scanner_id, settings, folder, key,
                                          page + 1 if key is not None else 0, name))

    def scan_next_page(self) -> bool:
        """Scan Next Page: the same scanner and choices, the page added at the end of the same document."""
        last = self.last
        if self.scanning or last is None:
            return False
        doc = self.model.docs.get(last.key) if last.key is not None else None
        key = doc.key if doc is not None else None
        at = doc.page_count if doc is not None else 0
        return self._start(ScanInProgress(next(self._ids), last.scanner_id, last.settings, last.folder, key, at,
                                          last.name))

    def _start(self, scan: ScanInProgress) -> bool:
        self.scan = self.last = scan
        self.message_bar.clear("scan")
        self._say_scanning(1, 0)
        self.scanningChanged.emit()
        self._scan.emit(scan.scan_id, scan.scanner_id, scan.settings, scan.folder)
        return True

    def cancel(self) -> None:
        if self.scan is not None:
            self.worker.cancel(self.scan.scan_id)
            self.message_bar.show_message("scan", tr("Stopping the scanner…"), warning=False)

    def _say_scanning(self, number: int, percent: int) -> None:
        text = tr("Scanning page {0}…").format(number) + (f" {percent}%" if percent else "")
        self.message_bar.show_message("scan", text, buttons=[(tr("Cancel"), self.cancel)], warning=False)

    def _on_page_progress(self, scan_id: int, number: int, percent: int) -> None:
        if self.scan is not None and scan_id == self.scan.scan_id and percent < 100:
            self._say_scanning(self.scan.pages + 1, percent)

    def _on_page_scanned(self, scan_id: int, path: str, number: int) -> None:
        scan = self.scan
        if scan is None or scan_id != scan.scan_id:
            return
        ref = PageRef(path, 0)
        if scan.key is None or scan.key not in self.model.docs:
            scan.key = self.documents.new_arranged_document(scan.name, [ref])
            scan.at = 1
        else:  # read by the I/O worker, then in the document (model.arranged): recognised from there
            self.documents.insert_pages(scan.key, scan.at, [ref])
            scan.at += 1
        scan.pages += 1
        self._say_scanning(scan.pages + 1, 0)
        self._waiting.setdefault(scan.key, set()).add(path)

    def _on_pages_changed(self, key: int) -> None:
        """Document ``key`` opened or was arranged: the scanned pages now in it are announced and recognised."""
        doc = self.model.docs.get(key)
        waiting = self._waiting.get(key)
        if doc is None or not waiting or not doc.opened:
            return
        for index, ref in enumerate(doc.refs()):
            if ref.path in waiting and (key, ref.path) not in self._announced:
                self._announced.add((key, ref.path))
                self.pageArrived.emit(key, index)
        self.recognise_waiting()

    def recognise_waiting(self) -> None:
        """Start recognising the scanned pages in their documents that are not read yet, if no job runs
        (called again as pages come in and when a job ends)."""
        if self.model.busy:
            return
        for key, waiting in list(self._waiting.items()):
            doc = self.model.docs.get(key)
            if doc is None:
                self._waiting.pop(key)
                continue
            if not doc.opened:
                continue
            refs = doc.refs()
            pages = [index for index, ref in enumerate(refs) if ref.path in waiting]
            if not pages:
                continue  # not in the document yet (the I/O worker is reading them), or moved elsewhere
            waiting.difference_update(refs[index].path for index in pages)
            pages = [index for index in pages if index not in doc.results and index not in doc.unreadable]
            if pages and self._recognise(key, pages):
                return

    def _on_scan_ended(self, scan_id: int, pages: int, kind: str, message: str) -> None:
        scan = self.scan
        if scan is None or scan_id != scan.scan_id:
            return
        self.scan = None
        self.message_bar.clear("scan")
        if kind == "cancelled":
            self.said.emit(tr("Scan cancelled; {0} scanned page(s) kept.").format(pages), 8000)
        elif kind:
            self.message_bar.show_message("scan", fault_text(kind, message, scan.scanner_id),
                                          buttons=[(tr("Scan Again"), self.scan_next_page)] if scan.key else [])
        elif pages == 0:
            self.message_bar.show_message("scan", tr("The scanner sent no page."))
        else:
            self.said.emit(tr("Scanned {0} page(s) into {1}.").format(
                pages, self.model.docs[scan.key].name if scan.key in self.model.docs else scan.name), 8000)
        self.scanningChanged.emit()
        self.scanEnded.emit(pages, kind)
        self.recognise_waiting()

    def shutdown(self) -> None:
        """Stop a scan in progress and the scanner's thread (the worker lets the scanner go in its thread)."""
        if self.scan is not None:
            self.worker.cancel(self.scan.scan_id)
        self.thread.stop()


def attach_scanning(window) -> ScanController:
    """File → Scan in the main window: a ScanController over its documents, its recognition (pages
    recognised as they arrive, with the window's progress bar), its message bar and status bar, and the
    state of its Scan actions."""
    def recognise(key: int, pages: list[int]) -> bool:
        window.ocr.start(window.docs[key], pages)
        return window.model.busy

    def enable() -> None:
        window.act_scan.setEnabled(not scans.scanning)
        window.act_scan_next.setEnabled(not scans.scanning and scans.last is not None)

    scans = ScanController(window.model, window.documents, recognise, window.settings, window.message_bar,
                           lambda: (window.current_key, window.current_page), window)
    scans.said.connect(lambda text, ms: window.statusBar().showMessage(text, ms))
    scans.scanningChanged.connect(enable)
    window.recognition.jobEnded.connect(lambda key, cancelled: scans.recognise_waiting())
    enable()
    return scans
