"""The scanner's side of File → Scan: listing scanners, asking one what it can do, and scanning, on a thread
of their own ("docscan-scan"), because every scanner call blocks (a network scanner's listing waits for its
timeout; a page takes seconds to come out of the feeder).

Each scanned page is written to a file (core.paths.scans_home(): one folder per scan) before the window
hears of it, so a page that came out of the scanner is on disk even if DocScan stops before the document
is saved. ``cancel()`` is called from the window's thread: it asks the scanner to stop at once (the
core's Scanner.cancel is thread-safe), it does not wait for the worker's queue.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Signal, Slot

from ..core import scanning
from ..core.paths import scans_home
from ..core.scanning import ScanFault, Scanner, ScanSettings


def new_scan_folder() -> Path:
    """A new folder for one scan's pages, named by the time it started ("2026-12-04 17-20-31")."""
    base = scans_home()
    stamp = time.strftime("%Y-%m-%d %H-%M-%S")
    for suffix in ("", *(f" ({n})" for n in range(2, 1000))):
        folder = base / f"{stamp}{suffix}"
        try:
            folder.mkdir(parents=True, exist_ok=False)
            return folder
        except FileExistsError:
            continue
    raise OSError(f"cannot make a folder for the scan in {base}")


class ScanWorker(QObject):
    """Lives on its own thread; the ScanController talks to it through queued signals."""

    scannersListed = Signal(object, str)  # [ScannerInfo], a problem in words ("" if none)
    scannerDescribed = Signal(str, object, str)  # scanner id, ScannerAbilities or None, a problem in words
    pageScanned = Signal(int, str, int)  # scan id, the page's file, its number in this scan
    pageProgress = Signal(int, int, int)  # scan id, page number, percent of the page read
    scanEnded = Signal(int, int, str, str)  # scan id, pages scanned, fault kind ("" when it ended well), message

    def __init__(self):
        super().__init__()
        self._open_scanner: Callable[[str], Scanner] = scanning.open_scanner
        self._list_scanners: Callable[..., list] = scanning.list_scanners
        self._scanner: Scanner | None = None  # the one opened last (kept open: Scan Next Page is quick)
        self._lock = threading.Lock()  # guards _scanning for cancel() from the window's thread
        self._scanning: Scanner | None = None
        self._cancelled: set[int] = set()

    def use_scanners(self, opener: Callable[[str], Scanner], lister: Callable[..., list]) -> None:
        """Scanners from elsewhere than core.scanning (tests: a FakeScanner); call before the first request."""
        self._open_scanner, self._list_scanners = opener, lister

    # ---------------------------------------------------------------------------------------- requests

    @Slot(float)
    def list_scanners(self, network_timeout: float) -> None:
        try:
            found = self._list_scanners(network_timeout=network_timeout)
        except ScanFault as fault:
            self.scannersListed.emit([], str(fault))
            return
        except Exception as exc:  # a driver's own failure: say it, list nothing
            self.scannersListed.emit([], f"Scanners could not be listed ({exc}).")
            return
        self.scannersListed.emit(list(found), "")

    @Slot(str)
    def describe(self, scanner_id: str) -> None:
        try:
            abilities = self._scanner_for(scanner_id).abilities()
        except ScanFault as fault:
            self._forget_scanner()
            self.scannerDescribed.emit(scanner_id, None, str(fault))
            return
        except Exception as exc:
            self._forget_scanner()
            self.scannerDescribed.emit(scanner_id, None, f"The scanner {scanner_id} cannot be used ({exc}).")
            return
        self.scannerDescribed.emit(scanner_id, abilities, "")

    @Slot(int, str, object, str)
    def scan(self, scan_id: int, scanner_id: str, settings: ScanSettings, folder: str) -> None:
        pages = 0
        if scan_id in self._cancelled:
            self.scanEnded.emit(scan_id, 0, "cancelled", "")
            return
        try:
            scanner = self._scanner_for(scanner_id)
            with self._lock:
                self._scanning = scanner
            if scan_id in self._cancelled:  # cancelled while the scanner was being opened
                raise ScanFault("cancelled", "The scan was cancelled.")
            folder_path = Path(folder)
            folder_path.mkdir(parents=True, exist_ok=True)
            numbering = len(list(folder_path.glob("page-*.jpg")))  # Scan Next Page adds to the same folder

            def progress(number: int, fraction: float) -> None:
                self.pageProgress.emit(scan_id, number, int(round(fraction * 100)))

            for page in scanner.scan(settings, progress=progress):
                numbering += 1
                path = folder_path / f"page-{numbering:03d}.jpg"
                path.write_bytes(page.jpeg)
                pages += 1
                self.pageScanned.emit(scan_id, str(path), page.number)
                if scan_id in self._cancelled:
                    scanner.cancel()
        except ScanFault as fault:
            kind = "cancelled" if scan_id in self._cancelled else fault.kind
            if fault.kind in ("offline", "not-found"):
                self._forget_scanner()
            self.scanEnded.emit(scan_id, pages, kind, str(fault))
            return
        except OSError as exc:  # the pages' folder: a full disk, no permission
            self.scanEnded.emit(scan_id, pages, "failed", f"A scanned page could not be saved ({exc}).")
            return
        except Exception as exc:  # a driver's own failure: the scan ends with its words, DocScan goes on
            self._forget_scanner()
            self.scanEnded.emit(scan_id, pages, "failed", f"The scanner stopped with an error ({exc}).")
            return
        finally:
            with self._lock:
                self._scanning = None
        self.scanEnded.emit(scan_id, pages, "cancelled" if scan_id in self._cancelled else "", "")

    def cancel(self, scan_id: int) -> None:
        """Stop scan ``scan_id`` (called from the window's thread): a scan waiting in the queue does not start,
        one in progress is stopped by the scanner at once."""
        self._cancelled.add(scan_id)
        with self._lock:
            scanner = self._scanning
        if scanner is not None:
            scanner.cancel()

    # ------------------------------------------------------------------------------------------- helpers

    def _scanner_for(self, scanner_id: str) -> Scanner:
        if self._scanner is not None and self._scanner.info.id == scanner_id:
            return self._scanner
        self._forget_scanner()
        self._scanner = self._open_scanner(scanner_id)
        return self._scanner

    def _forget_scanner(self) -> None:
        scanner, self._scanner = self._scanner, None
        if scanner is not None:
            try:
                scanner.close()
            except Exception:  # a scanner that went away cannot be closed politely
                pass

    def shutdown(self) -> None:
        """In the worker's thread as it ends: let the scanner go."""
        self._forget_scanner()
