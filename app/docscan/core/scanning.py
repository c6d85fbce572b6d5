"""Scanning paper: the one module that speaks to scanners (through scanlib), with a small interface the
window, the CLI and the tests use, and a fake scanner for the tests (ADR 0013).

    list_scanners()                 SANE's devices (test:0, airscan:e0:NAME, USB scanners), fast; network
                                    (mDNS) scanners too when asked to wait for them
    open_scanner(id) -> Scanner     scanlib's ids; a network scanner by address: escl:HOST:PORT
    scanner.abilities()             sources (glass, feeder, duplex), resolutions, colours
    scanner.scan(settings)          a generator of ScannedPage, as the pages arrive
    scanner.cancel()                from any thread
    ScanFault                       what went wrong, in words, and its kind

Every call blocks (the window calls from a worker thread). scanlib's traps and how each is met:
``list_scanners`` waits its whole timeout for mDNS and leaves out SANE's network devices (SANE is asked
here, network discovery only on request); a scan area carries over to later scans (every scan passes one);
an eSCL job is left on the scanner when a scan is stopped early or cancelled (it is deleted here, on a
connection of its own when the cancel comes from another thread); SANE's "jammed" comes back as an abort
(told apart from a cancel here). No Qt here.
"""

from __future__ import annotations

import io
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterator

if TYPE_CHECKING:
    from PIL import Image

SOURCES = ("glass", "feeder", "duplex")  # words people and the CLI use
COLORS = ("color", "gray")
PAGE_SIZES = {"a4": (210.0, 297.0), "letter": (215.9, 279.4), "legal": (215.9, 355.6)}  # mm; "max": the whole area
PAGE_SIZE_NAMES = (*PAGE_SIZES, "max")
DEFAULT_SCAN_DPI = 300
JPEG_QUALITY = 90
FAULT_KINDS = ("not-found", "offline", "busy", "feeder-empty", "jammed", "cover-open", "cancelled", "failed")
SANE_LIST_TIMEOUT = 10.0  # seconds SANE may take to list its devices (sane-airscan's discovery: ~3 s)
# Seconds a driver may take to stop a scan (SANE's sane_cancel) before the scan ends without it: SANE's own
# test backend deadlocks now and then in sane_cancel after "no documents" (its reader thread, cancelled while
# it held a malloc lock, never exits; seen in about 1 run in 20 here), which hung `docscan scan` for good.
STOP_TIMEOUT = 10.0


@dataclass(frozen=True)
class ScannerInfo:
    id: str  # scanlib's: "test:0", "airscan:e0:NAME", "escl:HOST:PORT", a WIA or ImageCaptureCore id
    name: str  # for people: "Noname frontend-tester", "HP OfficeJet 8010"


@dataclass(frozen=True)
class ScannerAbilities:
    sources: tuple[str, ...]  # of SOURCES, in the scanner's order (glass first when it has one)
    resolutions: tuple[int, ...]  # DPIs every offered source can scan at, ascending
    colors: tuple[str, ...]  # of COLORS

    @property
    def default_dpi(self) -> int:
        """DEFAULT_SCAN_DPI when offered, else the offered DPI nearest to it."""
        if not self.resolutions or DEFAULT_SCAN_DPI in self.resolutions:
            return DEFAULT_SCAN_DPI
        return min(self.resolutions, key=lambda dpi: (abs(dpi - DEFAULT_SCAN_DPI), -dpi))


@dataclass(frozen=True)
class ScanSettings:
    source: str = "glass"
    dpi: int = DEFAULT_SCAN_DPI
    color: str = "color"
    page_size: str = "a4"  # a key of PAGE_SIZES, or "max": the scanner's whole area
    max_pages: int | None = None  # feeder and duplex: stop after this many; None: until the feeder is empty


@dataclass
class ScannedPage:
    number: int  # from 1, within one scan
    image: "Image.Image"  # RGB
    dpi: int
    jpeg: bytes  # the page as a JPEG file (quality 90), its DPI stated in it


class ScanFault(Exception):
    """A scan (or opening a scanner) that went wrong. ``str(fault)`` says, for a person, what happened and
    what to check; ``kind`` is one of FAULT_KINDS."""

    def __init__(self, kind: str, message: str | None = None):
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown scan fault kind {kind!r}")
        self.kind = kind
        super().__init__(message or FAULT_WORDS[kind])


NOT_FOUND_CHECKS = ("Check that the scanner is switched on and connected (its USB cable, or the same network as "
                    "this computer) and that its driver is installed (on Linux a SANE backend: `scanimage -L` "
                    "lists what SANE finds; sane-airscan finds most network scanners). A network scanner can "
                    "also be added by its address: escl:HOST:PORT (e.g. escl:192.168.1.20:80).")

FAULT_WORDS = {
    "not-found": "No scanner was found. " + NOT_FOUND_CHECKS,
    "offline": "The scanner does not answer: it may be switched off, asleep or disconnected. Check its power and "
               "its cable or network connection, then try again.",
    "busy": "The scanner is busy: another program or person is using it. Wait until it is free, or close the "
            "other program, then try again.",
    "feeder-empty": "The feeder is empty: put paper in the feeder (or choose the glass) and try again.",
    "jammed": "Paper is jammed in the scanner: open it, take the paper out, and scan again.",
    "cover-open": "The scanner's cover or the feeder's door is open: close it and try again.",
    "cancelled": "The scan was cancelled.",
    "failed": "The scan failed.",
}


class Scanner:
    """A scanner that can scan: scanlib's (``open_scanner``) and the fake (``FakeScanner``)."""

    info: ScannerInfo

    def abilities(self) -> ScannerAbilities:
        raise NotImplementedError

    def scan(self, settings: ScanSettings, *,
             progress: Callable[[int, float], None] | None = None) -> Iterator[ScannedPage]:
        """The pages as they arrive (a generator; nothing is scanned until it is iterated). ``progress(page
        number, fraction 0..1)`` is told along each page, in the scanning thread. The glass gives one page;
        the feeder (and duplex) every page in it, up to ``settings.max_pages``. Raises ScanFault: after a
        fault the pages already given are good. Closing the generator early stops the scanner."""
        raise NotImplementedError

    def cancel(self) -> None:
        """From any thread: the scan in progress stops soon, and the scanning thread gets ScanFault kind
        "cancelled" from the generator (pages already given are good). No effect when nothing is scanning."""
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self) -> "Scanner":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def check_settings(settings: ScanSettings, abilities: ScannerAbilities) -> None:
    """ScanFault ("failed") in words when ``settings`` ask for what the scanner does not offer."""
    if settings.source not in SOURCES:
        raise ScanFault("failed", f"Unknown source {settings.source!r}: choose {', '.join(SOURCES)}.")
    if settings.source not in abilities.sources:
        raise ScanFault("failed", f"This scanner has no {_source_words(settings.source)}; it offers "
                                  f"{_listed(abilities.sources)}.")
    if settings.color not in COLORS:
        raise ScanFault("failed", f"Unknown colour {settings.color!r}: choose {' or '.join(COLORS)}.")
    if settings.color not in abilities.colors:
        raise ScanFault("failed", f"This scanner cannot scan in {settings.color}; it offers "
                                  f"{_listed(abilities.colors)}.")
    if abilities.resolutions and settings.dpi not in abilities.resolutions:
        raise ScanFault("failed", f"This scanner cannot scan at {settings.dpi} dpi; it offers "
                                  f"{', '.join(map(str, abilities.resolutions))} dpi.")
    if settings.page_size not in PAGE_SIZE_NAMES:
        raise ScanFault("failed", f"Unknown page size {settings.page_size!r}: choose {', '.join(PAGE_SIZE_NAMES)}.")
    if settings.max_pages is not None and settings.max_pages < 1:
        raise ScanFault("failed", "The most pages to scan must be 1 or more.")


def _source_words(source: str) -> str:
    return {"glass": "glass (flatbed)", "feeder": "sheet feeder", "duplex": "two-sided (duplex) feeder"}.get(source, source)


def _listed(values) -> str:
    return ", ".join(values) if values else "nothing"


def page_from_image(number: int, image: "Image.Image", dpi: int, *, gray: bool = False) -> ScannedPage:
    """A ScannedPage of ``image``: RGB, and its JPEG (grey scans as a grey JPEG) with the DPI in it."""
    stored = image.convert("L") if gray else image.convert("RGB")
    out = io.BytesIO()
    stored.save(out, format="JPEG", quality=JPEG_QUALITY, dpi=(dpi, dpi))
    return ScannedPage(number, stored.convert("RGB") if gray else stored, dpi, out.getvalue())


# ---------------------------------------------------------------------------------------------------------
# Finding and opening scanners (scanlib)
# ---------------------------------------------------------------------------------------------------------

def list_scanners(*, network_timeout: float = 0.0) -> list[ScannerInfo]:
    """The scanners this computer can reach: SANE's devices on Linux (USB, and the network scanners SANE's
    backends know: ``airscan:``, ``escl:``), WIA's on Windows, ImageCaptureCore's on macOS; and, when
    ``network_timeout`` > 0, the eSCL scanners that answer mDNS within that many seconds. Never raises:
    no driver is an empty list. List before or between scans, not during one: SANE's backends are not
    made to be asked two things at once."""
    import sys

    found: list[ScannerInfo] = []
    if sys.platform == "linux":
        found.extend(_sane_devices())
    else:
        found.extend(_platform_devices(max(network_timeout, 3.0)))
    if network_timeout > 0:
        known = {info.id for info in found}
        found.extend(info for info in _network_devices(network_timeout) if info.id not in known)
    _KNOWN_NAMES.update((info.id, info.name) for info in found)
    return found


_KNOWN_NAMES: dict[str, str] = {}  # id -> name, of the scanners listed so far (scanlib opens by id, nameless)


def _within(call: Callable[[], object], timeout: float, name: str) -> bool:
    """Run ``call`` on a thread of its own and wait at most ``timeout`` seconds: whether it ended (a driver
    call that never returns is left behind on its daemon thread instead of taking its caller with it)."""
    def run() -> None:
        try:
            call()
        except Exception:  # stopping a scanner that already failed: nothing more to say
            pass

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    thread.join(timeout)
    return not thread.is_alive()


def _sane_devices(timeout: float = SANE_LIST_TIMEOUT) -> list[ScannerInfo]:
    """SANE's devices, network backends included (scanlib asks SANE for local ones only), in a thread so
    that a backend that hangs costs at most ``timeout``."""
    box: list[list[ScannerInfo]] = [[]]

    def ask() -> None:
        try:
            box[0] = _ask_sane()
        except Exception:  # no libsane, a backend that fails: no SANE scanners
            box[0] = []

    thread = threading.Thread(target=ask, name="docscan-sane-devices", daemon=True)
    thread.start()
    thread.join(timeout)
    return [] if thread.is_alive() else box[0]


def _ask_sane() -> list[ScannerInfo]:
    import ctypes

    import scanlib
    from scanlib.backends import _sane

    scanlib._get_backend()  # sane_init, once per process (scanlib keeps its backend)
    if _sane._lib is None:
        return []
    devices = ctypes.POINTER(ctypes.POINTER(_sane._SANE_Device))()
    if _sane._lib.sane_get_devices(ctypes.byref(devices), ctypes.c_int(0)) != _sane._STATUS_GOOD:
        return []
    found = []
    index = 0
    while devices[index]:
        device = devices[index].contents
        text = [(value or b"").decode("utf-8", "replace") for value in (device.name, device.vendor, device.model)]
        index += 1
        if not text[0] or text[0].startswith("v4l:"):  # video cameras are no scanners
            continue
        vendor, model = text[1].strip(), text[2].strip()
        name = f"{vendor} {model}".strip() if vendor.lower() not in ("", "noname") else model or text[0]
        found.append(ScannerInfo(text[0], name or text[0]))
    return found


def _platform_devices(timeout: float) -> list[ScannerInfo]:
    try:
        import scanlib

        backend = scanlib._get_backend()
        platform = getattr(backend, "_platform", backend)
        return [ScannerInfo(s.id, str(s)) for s in platform.list_scanners(timeout=timeout)]
    except Exception:
        return []


def _network_devices(timeout: float) -> list[ScannerInfo]:
    try:
        from scanlib.backends._escl import EsclBackend

        return [ScannerInfo(s.id, str(s)) for s in EsclBackend().list_scanners(timeout=timeout)]
    except Exception:
        return []


def open_scanner(scanner_id: str) -> Scanner:
    """Open the scanner ``scanner_id`` (from ``list_scanners``, or ``escl:HOST:PORT`` for a network scanner
    by address). Raises ScanFault: "not-found" (no such scanner, no driver), "offline", "busy"."""
    import scanlib

    scanner_id = scanner_id.strip()
    if not scanner_id:
        raise ScanFault("not-found", "No scanner was named. " + NOT_FOUND_CHECKS)
    if scanner_id.startswith("escl:"):
        from scanlib.backends._escl import _parse_escl_id

        if _parse_escl_id(scanner_id) is None:
            raise ScanFault("not-found", f"{scanner_id!r} is not a network scanner's address: write "
                                         "escl:HOST:PORT (e.g. escl:192.168.1.20:80).")
    try:
        opened = scanlib.open_scanner(scanner_id)
    except BaseException as exc:  # noqa: BLE001 - every scanlib and OS error becomes words
        raise _open_fault(exc, scanner_id) from exc
    return _ScanlibScanner(opened, scanner_id)


def _open_fault(exc: BaseException, scanner_id: str) -> ScanFault:
    import scanlib

    if isinstance(exc, ScanFault):
        return exc
    if isinstance(exc, KeyboardInterrupt):
        return ScanFault("cancelled")
    fault = _fault_of(exc)
    if fault.kind == "offline":
        return ScanFault("offline", f"The scanner {scanner_id} does not answer: it may be switched off, asleep or "
                                    "disconnected. Check its power and its cable or network connection (and, for a "
                                    "network scanner, its address), then try again.")
    if fault.kind in ("busy",):
        return fault
    status = getattr(exc, "sane_status", None)
    unavailable = isinstance(exc, (scanlib.BackendNotAvailableError, scanlib.NoScannerFoundError)) \
        or "libsane not found" in str(exc) or status == 4  # SANE_STATUS_INVAL: no such device
    if unavailable or fault.kind == "failed":
        access = status == 11  # SANE_STATUS_ACCESS_DENIED
        if access:
            return ScanFault("not-found", f"The scanner {scanner_id} cannot be opened: permission denied. On Linux, "
                                          "add yourself to the 'scanner' (or 'lp') group and log in again.")
        return ScanFault("not-found", f"The scanner {scanner_id} was not found. " + NOT_FOUND_CHECKS)
    return fault


def _fault_of(exc: BaseException, *, cancelled: bool = False) -> ScanFault:
    """The ScanFault a scanlib (or socket) error means."""
    import scanlib

    if isinstance(exc, ScanFault):
        return exc
    status = getattr(exc, "sane_status", None)
    cause = exc.__cause__
    if status is None and cause is not None:
        status = getattr(cause, "sane_status", None)
    said = str(exc).lower()
    if status == 6 or "jammed" in said:  # SANE_STATUS_JAMMED (scanlib raises it as ScanAborted)
        return ScanFault("jammed")
    if status == 8 or "cover open" in said:
        return ScanFault("cover-open")
    if status == 7 or isinstance(exc, scanlib.FeederEmptyError):
        return ScanFault("feeder-empty")
    if cancelled or isinstance(exc, scanlib.ScanAborted):
        return ScanFault("cancelled") if cancelled else ScanFault("cancelled", "The scan was cancelled at the scanner.")
    if isinstance(exc, scanlib.ScannerBusyError) or status == 3:
        return ScanFault("busy")
    if isinstance(exc, (scanlib.ScannerUnavailableError, OSError)) or status == 9:
        return ScanFault("offline")
    if status == 11:
        return ScanFault("failed", "The scanner refused access (permission denied). On Linux, add yourself to the "
                                   "'scanner' (or 'lp') group and log in again.")
    detail = str(exc).strip() or type(exc).__name__
    return ScanFault("failed", f"The scan failed: {detail}.".replace("..", "."))


# ---------------------------------------------------------------------------------------------------------
# scanlib's scanners
# ---------------------------------------------------------------------------------------------------------

class _ScanlibScanner(Scanner):
    """A scanner opened through scanlib (SANE, WIA, ImageCaptureCore, or its eSCL client)."""

    def __init__(self, opened, scanner_id: str):
        self._scanner = opened
        self._is_escl = scanner_id.startswith("escl:")
        self.info = ScannerInfo(scanner_id, _KNOWN_NAMES.get(scanner_id) or str(opened) or scanner_id)
        self._cancelled = threading.Event()
        self._scanning = threading.Lock()
        self._stuck = False  # its driver did not stop the last scan within STOP_TIMEOUT
        self._duplex_source = self._find_duplex_source()

    # -- what it offers --

    def _source_infos(self) -> dict[str, object]:
        from scanlib import ScanSource

        infos: dict[str, object] = {}
        for info in self._scanner.sources:
            word = "glass" if info.type == ScanSource.FLATBED else "feeder"
            infos.setdefault(word, info)
        if self._duplex_source is not None and "feeder" in infos:
            infos["duplex"] = infos["feeder"]
        return infos

    def abilities(self) -> ScannerAbilities:
        from scanlib import ColorMode

        infos = self._source_infos()
        if not infos:  # a scanner that says nothing of its sources: scanlib scans its default one
            return ScannerAbilities(("glass",), (), COLORS)
        resolution_sets = [set(info.resolutions) for info in infos.values() if info.resolutions]
        common = set.intersection(*resolution_sets) if resolution_sets else set()
        modes = set().union(*(set(info.color_modes) for info in infos.values()))
        colors = tuple(word for word, mode in (("color", ColorMode.COLOR), ("gray", ColorMode.GRAY))
                       if mode in modes or (word == "gray" and ColorMode.COLOR in modes) or not modes)
        order = [word for word in SOURCES if word in infos]
        return ScannerAbilities(tuple(order), tuple(sorted(common)), colors)

    def _find_duplex_source(self) -> str | None:
        """SANE's name for the feeder's two-sided source ("ADF Duplex"), when the device has one. scanlib
        knows flatbed and feeder only; duplex is its feeder with SANE's source option set to this."""
        if self._scanner.backend != "sane":
            return None
        try:
            from scanlib.backends import _sane

            device = self._scanner._backend_impl._handles[self._scanner.name]
            for option in _sane._get_options(device):
                if option[0] == "source" and isinstance(option[7], (list, tuple)):
                    return next((str(value) for value in option[7] if "duplex" in str(value).lower()), None)
        except Exception:
            return None
        return None

    # -- scanning --

    def scan(self, settings: ScanSettings, *,
             progress: Callable[[int, float], None] | None = None) -> Iterator[ScannedPage]:
        check_settings(settings, self.abilities())
        self._cancelled.clear()  # here, not in the generator: a cancel before its first step counts
        return self._pages(settings, progress)

    def _scan_area(self, settings: ScanSettings, info) -> object:
        """The area to scan in 1/10 mm: the page size, within the source's whole area. Always one: scanlib
        would otherwise keep the last scan's area."""
        from scanlib import ScanArea

        whole = getattr(info, "max_scan_area", None)
        if settings.page_size == "max" or settings.page_size not in PAGE_SIZES:
            if whole is not None:
                return ScanArea(0, 0, whole.width, whole.height)
            width, height = PAGE_SIZES["a4"]
        else:
            width, height = PAGE_SIZES[settings.page_size]
        width, height = round(width * 10), round(height * 10)
        if whole is not None:
            width, height = min(width, whole.width), min(height, whole.height)
        return ScanArea(0, 0, width, height)

    def _pages(self, settings: ScanSettings, progress) -> Iterator[ScannedPage]:
        from scanlib import ColorMode, ScanSource

        if not self._scanning.acquire(blocking=False):
            raise ScanFault("busy", "This scanner is already scanning: wait for that scan to end, or cancel it.")
        if self._stuck:
            self._scanning.release()
            raise ScanFault("offline", f"The scanner {self.info.id} did not stop after the last scan and does not "
                                       "answer: switch it off and on again, then scan again.")
        infos = self._source_infos()
        info = infos.get(settings.source)
        source = None if not infos else (ScanSource.FLATBED if settings.source == "glass" else ScanSource.FEEDER)
        modes = set(getattr(info, "color_modes", ()) or ())
        gray = settings.color == "gray"
        mode = ColorMode.GRAY if gray and (ColorMode.GRAY in modes or not modes) else ColorMode.COLOR
        done = 0

        def told(percent: int) -> bool:
            if self._cancelled.is_set():
                return False
            if progress is not None:
                progress(done + 1, max(0.0, min(1.0, percent / 100.0)))
            return True

        restore = self._use_duplex(settings.source == "duplex")
        pages = None
        try:
            pages = self._scanner.scan_pages(dpi=settings.dpi, color_mode=mode, scan_area=self._scan_area(settings, info),
                                             source=source, progress=told)
            for raw in pages:
                if self._cancelled.is_set():
                    raise ScanFault("cancelled")
                done += 1
                yield page_from_image(done, _to_image(raw), settings.dpi, gray=gray)
                if settings.source == "glass" or (settings.max_pages is not None and done >= settings.max_pages):
                    break
            if self._cancelled.is_set():  # an eSCL job deleted from another thread can end the pages quietly
                raise ScanFault("cancelled")
            if self._is_escl and settings.source != "glass" and pages is not None:
                # scanlib ends a feeder job quietly on any error after its first page: a jam looks like the
                # last page. The scanner's status tells them apart.
                fault = self._escl_fault(None)
                if fault is not None and fault.kind != "feeder-empty":
                    raise fault
        except ScanFault:
            raise
        except GeneratorExit:
            raise
        except BaseException as exc:  # noqa: BLE001 - scanlib, socket and SANE errors become words
            fault = _fault_of(exc, cancelled=self._cancelled.is_set())
            if self._is_escl and fault.kind == "failed":
                fault = self._escl_fault(fault)
            if fault.kind == "feeder-empty" and settings.source == "glass":
                fault = ScanFault("feeder-empty", "The scanner found no paper: put the page on the glass (or, if "
                                                  "it scans from its feeder, in the feeder) and try again.")
            raise fault from exc
        finally:
            if pages is not None:
                # stops the scanner (SANE: sane_cancel) when the pages end early; a driver that hangs in it
                # costs at most STOP_TIMEOUT, not the scan (the scanner is then closed and opened anew)
                if not _within(pages.close, STOP_TIMEOUT, "docscan-scan-stop"):
                    self._stuck = True
            self._delete_escl_job()
            restore()
            self._scanning.release()

    def _use_duplex(self, duplex: bool) -> Callable[[], None]:
        """Point scanlib's feeder at SANE's duplex source for this scan; what puts it back."""
        if not duplex or self._duplex_source is None:
            return lambda: None
        from scanlib import ScanSource

        device = self._scanner._backend_impl._handles[self._scanner.name]
        names = device._sane_source_names
        before = names.get(ScanSource.FEEDER)
        names[ScanSource.FEEDER] = self._duplex_source

        def restore() -> None:
            if before is None:
                names.pop(ScanSource.FEEDER, None)
            else:
                names[ScanSource.FEEDER] = before
        return restore

    def _escl_connection(self):
        try:
            return self._scanner._backend_impl._connections.get(self._scanner.id)
        except AttributeError:
            return None

    def _delete_escl_job(self) -> None:
        """A job left on a network scanner (a scan stopped early, cancelled, or failed) is deleted: scanlib
        leaves it when its generator is closed, and a scanner with a job left is busy for everyone."""
        if not self._is_escl:
            return
        connection = self._escl_connection()
        if connection is not None and connection._current_job:
            connection.delete_job(connection._current_job)

    def _escl_fault(self, fault: ScanFault | None) -> ScanFault | None:
        """What a network scanner's status says went wrong (a jam, an open door, an empty feeder), else
        ``fault``."""
        connection = self._escl_connection()
        if connection is None:
            return fault
        try:
            state = _escl_request(connection, "GET", f"{connection.base_path}/ScannerStatus")[1]
        except Exception:
            return fault
        text = state.decode("utf-8", "replace")
        for marker, kind in (("ScannerAdfJam", "jammed"), ("ScannerAdfDoorOpen", "cover-open"),
                             ("ScannerAdfHatchOpen", "cover-open"), ("ScannerAdfEmpty", "feeder-empty")):
            if marker in text:
                return ScanFault(kind)
        return fault

    def cancel(self) -> None:
        self._cancelled.set()
        if self._is_escl:
            # Not scanlib's abort(): it would send the job's DELETE on the connection the scanning thread is
            # using. A connection of its own, on a thread of its own (the caller may be the window's).
            self._scanner._abort_event.set()
            connection = self._escl_connection()
            job = connection._current_job if connection is not None else None
            if job:
                threading.Thread(target=_delete_quietly, args=(connection, job), name="docscan-escl-cancel",
                                 daemon=True).start()
        else:
            try:
                self._scanner.abort()  # SANE: sane_cancel, which SANE allows from another thread
            except Exception:
                pass

    def close(self) -> None:
        _within(self._scanner.close, STOP_TIMEOUT, "docscan-scan-close")  # a stuck driver may hang here too


def _escl_request(connection, method: str, path: str, timeout: float = 5.0) -> tuple[int, bytes]:
    """One request to a network scanner on a connection of its own."""
    import http.client
    import ssl

    if connection.tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # scanners' certificates are their own
        http_connection = http.client.HTTPSConnection(connection.ip, connection.port, timeout=timeout, context=context)
    else:
        http_connection = http.client.HTTPConnection(connection.ip, connection.port, timeout=timeout)
    try:
        http_connection.request(method, path)
        response = http_connection.getresponse()
        return response.status, response.read()
    finally:
        http_connection.close()


def _delete_quietly(connection, job: str) -> None:
    try:
        _escl_request(connection, "DELETE", job)
    except Exception:
        pass


def _to_image(raw) -> "Image.Image":
    from PIL import Image
    from scanlib import ColorMode

    if raw.color_mode == ColorMode.COLOR:
        return Image.frombytes("RGB", (raw.width, raw.height), raw.data)
    if raw.color_mode == ColorMode.GRAY:
        return Image.frombytes("L", (raw.width, raw.height), raw.data).convert("RGB")
    return Image.frombytes("1", (raw.width, raw.height), raw.data).convert("RGB")


# ---------------------------------------------------------------------------------------------------------
# The fake
# ---------------------------------------------------------------------------------------------------------

class FakeScanner(Scanner):
    """A scanner for tests (the window's too). The glass gives one page a scan, the pages in turn; the
    feeder and duplex give all of them (up to max_pages) every scan, none when ``pages`` is empty
    (ScanFault "feeder-empty"). ``fault``: a fault kind raised (ScanFault) after ``fault_after`` pages of a
    scan. ``delay``: seconds before each page, during which cancel() works (ScanFault "cancelled")."""

    def __init__(self, pages: list["Image.Image"], *, fault: str | None = None, fault_after: int = 0,
                 delay: float = 0.0, sources: tuple[str, ...] = SOURCES, scanner_id: str = "fake:0",
                 name: str = "DocScan fake scanner",
                 resolutions: tuple[int, ...] = (75, 100, 150, 200, 300, 600), colors: tuple[str, ...] = COLORS):
        if fault is not None and fault not in FAULT_KINDS:
            raise ValueError(f"unknown scan fault kind {fault!r}")
        self.pages = list(pages)
        self.fault = fault
        self.fault_after = fault_after
        self.delay = delay
        self.info = ScannerInfo(scanner_id, name)
        self._abilities = ScannerAbilities(tuple(s for s in SOURCES if s in sources), tuple(resolutions), tuple(colors))
        self._cancelled = threading.Event()
        self._glass_next = 0
        self.scans: list[ScanSettings] = []  # every scan asked for, in order
        self.closed = False

    def abilities(self) -> ScannerAbilities:
        return self._abilities

    def scan(self, settings: ScanSettings, *,
             progress: Callable[[int, float], None] | None = None) -> Iterator[ScannedPage]:
        check_settings(settings, self._abilities)
        self._cancelled.clear()
        self.scans.append(settings)
        return self._pages(settings, progress)

    def _pages(self, settings: ScanSettings, progress) -> Iterator[ScannedPage]:
        if settings.source == "glass":
            chosen = [self.pages[self._glass_next % len(self.pages)]] if self.pages else []
            self._glass_next += 1
            if not chosen:
                raise ScanFault("failed", "The scan failed: the fake scanner has no page on its glass.")
        else:
            chosen = self.pages[:settings.max_pages] if settings.max_pages else list(self.pages)
            if not chosen and self.fault is None:
                raise ScanFault("feeder-empty")
        for number, image in enumerate(chosen, start=1):
            if self.fault is not None and number > self.fault_after:
                raise ScanFault(self.fault)
            if progress is not None:
                progress(number, 0.0)
            self._wait(self.delay)
            if progress is not None:
                progress(number, 1.0)
            yield page_from_image(number, image, settings.dpi, gray=settings.color == "gray")
        if self.fault is not None and len(chosen) == self.fault_after:  # the fault comes after the last page
            raise ScanFault(self.fault)

    def _wait(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while True:
            if self._cancelled.is_set():
                raise ScanFault("cancelled")
            left = end - time.monotonic()
            if left <= 0:
                return
            self._cancelled.wait(min(left, 0.02))

    def cancel(self) -> None:
        self._cancelled.set()

    def close(self) -> None:
        self.closed = True
