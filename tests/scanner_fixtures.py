"""Scanners without hardware, for the scanning tests and benchmarks/scanning.py.

``FakeEsclScanner``: a network scanner speaking eSCL (AirScan) over HTTP on 127.0.0.1, in a thread. It
serves real pages (JPEGs of pages with text) from its glass and its feeder, says when the feeder is empty
(404 on NextDocument, ``ScannerAdfEmpty``), can jam after a number of pages, can be slow (to cancel it),
and records the jobs it was asked to make and to delete.

``sane_config(folder, escl_port)``: a private SANE configuration (``SANE_CONFIG_DIR``): the ``test`` backend
(one ``test:0``) and ``airscan`` naming the fake eSCL scanner as ``"Fake"`` (``airscan:e0:Fake``) with
discovery off. SANE reads its configuration once per process: a SANE scan runs in a child process whose
environment carries it (``sane_env``).

``text_page(words)``: a page with real text rendered at a given DPI (DejaVu Sans), which OCR can read.
"""

from __future__ import annotations

import io
import itertools
import os
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_PATHS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans.ttf",
              "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")


def font(size: int) -> ImageFont.FreeTypeFont:
    for path in FONT_PATHS:
        if os.path.exists(path):
            return ImageFont.truetype(path, size)
    raise RuntimeError("no DejaVu or Noto font found for the test pages (apt-get install fonts-dejavu-core)")


def text_page(lines: list[str], *, dpi: int = 150, size_mm: tuple[float, float] = (210.0, 297.0),
              point_size: float = 14.0) -> Image.Image:
    """An RGB page of ``size_mm`` at ``dpi`` with ``lines`` of black text on white, one under the other,
    from the top left margin (25 mm)."""
    width, height = round(size_mm[0] / 25.4 * dpi), round(size_mm[1] / 25.4 * dpi)
    page = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(page)
    pixels = round(point_size / 72.0 * dpi)
    face = font(pixels)
    margin = round(25 / 25.4 * dpi)
    for row, line in enumerate(lines):
        draw.text((margin, margin + row * round(pixels * 1.8)), line, fill="black", font=face)
    return page


def jpeg_bytes(image: Image.Image, dpi: int, quality: int = 92) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, format="JPEG", quality=quality, dpi=(dpi, dpi))
    return out.getvalue()


# ---------------------------------------------------------------------------------------------------------
# The fake eSCL scanner
# ---------------------------------------------------------------------------------------------------------

SCAN_NS = "http://schemas.hp.com/imaging/escl/2011/05/03"
PWG_NS = "http://www.pwg.org/schemas/2010/12/sm"

MAX_WIDTH, MAX_HEIGHT = 2550, 4200  # 1/300 inch: 8.5 x 14 in (legal)


def _input_caps(tag: str) -> str:
    resolutions = "".join(f"<scan:DiscreteResolution><scan:XResolution>{dpi}</scan:XResolution>"
                          f"<scan:YResolution>{dpi}</scan:YResolution></scan:DiscreteResolution>"
                          for dpi in (75, 100, 150, 200, 300, 600))
    return f"""<scan:{tag}>
    <scan:MinWidth>16</scan:MinWidth><scan:MaxWidth>{MAX_WIDTH}</scan:MaxWidth>
    <scan:MinHeight>16</scan:MinHeight><scan:MaxHeight>{MAX_HEIGHT}</scan:MaxHeight>
    <scan:MaxScanRegions>1</scan:MaxScanRegions>
    <scan:SettingProfiles><scan:SettingProfile>
      <scan:ColorModes><scan:ColorMode>RGB24</scan:ColorMode><scan:ColorMode>Grayscale8</scan:ColorMode></scan:ColorModes>
      <scan:DocumentFormats><pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat>
        <scan:DocumentFormatExt>image/jpeg</scan:DocumentFormatExt></scan:DocumentFormats>
      <scan:SupportedResolutions><scan:DiscreteResolutions>{resolutions}</scan:DiscreteResolutions></scan:SupportedResolutions>
      <scan:ColorSpaces><scan:ColorSpace>RGB</scan:ColorSpace></scan:ColorSpaces>
    </scan:SettingProfile></scan:SettingProfiles>
    <scan:SupportedIntents><scan:Intent>Document</scan:Intent><scan:Intent>Photo</scan:Intent></scan:SupportedIntents>
    <scan:MaxOpticalXResolution>600</scan:MaxOpticalXResolution>
    <scan:MaxOpticalYResolution>600</scan:MaxOpticalYResolution>
  </scan:{tag}>"""


def capabilities_xml(name: str, duplex: bool) -> str:
    adf = f"""<scan:Adf>{_input_caps('AdfSimplexInputCaps')}{_input_caps('AdfDuplexInputCaps') if duplex else ''}
    <scan:FeederCapacity>50</scan:FeederCapacity>
    <scan:AdfOptions><scan:AdfOption>DetectPaperLoaded</scan:AdfOption>{'<scan:AdfOption>Duplex</scan:AdfOption>' if duplex else ''}</scan:AdfOptions>
  </scan:Adf>"""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities xmlns:scan="{SCAN_NS}" xmlns:pwg="{PWG_NS}">
  <pwg:Version>2.63</pwg:Version>
  <pwg:MakeAndModel>{name}</pwg:MakeAndModel>
  <pwg:SerialNumber>DS0001</pwg:SerialNumber>
  <scan:UUID>4509a320-00a0-008f-00b6-00559a327d32</scan:UUID>
  <scan:Platen>{_input_caps('PlatenInputCaps')}</scan:Platen>
  {adf}
</scan:ScannerCapabilities>"""


class FakeEsclScanner:
    """A network scanner on 127.0.0.1 (``escl:127.0.0.1:PORT``). ``pages``: the pages (PIL images) on its
    glass (the first, every time) and in its feeder (all of them, once each per job: a feeder job takes
    them in order; ``load`` puts paper in again). ``page_dpi``: the pages' own DPI (a scan at another DPI
    scales them). ``delay``: seconds before each page is ready. ``jam_after``: the feeder jams after this
    many pages (503 and ``ScannerAdfJam``). Use as a context manager."""

    def __init__(self, pages: list[Image.Image], *, page_dpi: int = 150, name: str = "DocScan Fake Scanner",
                 delay: float = 0.0, jam_after: int | None = None, duplex: bool = False):
        self.pages = list(pages)
        self.page_dpi = page_dpi
        self.name = name
        self.delay = delay
        self.jam_after = jam_after
        self.duplex = duplex
        self.feeder: list[Image.Image] = list(pages)
        self.jammed = False
        self.jobs_created: list[str] = []
        self.jobs_deleted: list[str] = []
        self.settings: list[str] = []  # the ScanSettings XML of each job, as posted
        self.served = 0  # pages served
        self._jobs: dict[str, dict] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- life --

    def start(self) -> "FakeEsclScanner":
        handler = type("Handler", (_EsclHandler,), {"scanner": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-escl", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> "FakeEsclScanner":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "start() the fake scanner first"
        return self._server.server_address[1]

    @property
    def scanner_id(self) -> str:
        return f"escl:127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/eSCL"

    def load(self, pages: list[Image.Image] | None = None) -> None:
        """Put paper in the feeder (the scanner's own pages when none are given)."""
        with self._lock:
            self.feeder = list(self.pages if pages is None else pages)
            self.jammed = False

    @property
    def active_jobs(self) -> list[str]:
        with self._lock:
            return [job for job, state in self._jobs.items() if not state["deleted"]]

    # -- what the handler asks --

    def status_xml(self) -> str:
        with self._lock:
            adf = "ScannerAdfJam" if self.jammed else ("ScannerAdfLoaded" if self.feeder else "ScannerAdfEmpty")
            busy = any(not state["deleted"] and not state["done"] for state in self._jobs.values())
            jobs = "".join(f"<scan:JobInfo><pwg:JobUri>/eSCL/ScanJobs/{job}</pwg:JobUri>"
                           f"<pwg:JobUuid>{job}</pwg:JobUuid><pwg:JobState>"
                           f"{'Processing' if not state['done'] else 'Completed'}</pwg:JobState></scan:JobInfo>"
                           for job, state in self._jobs.items() if not state["deleted"])
        return (f'<?xml version="1.0" encoding="UTF-8"?><scan:ScannerStatus xmlns:scan="{SCAN_NS}" '
                f'xmlns:pwg="{PWG_NS}"><pwg:Version>2.63</pwg:Version><pwg:State>'
                f'{"Processing" if busy else "Idle"}</pwg:State><scan:AdfState>{adf}</scan:AdfState>'
                f'<scan:Jobs>{jobs}</scan:Jobs></scan:ScannerStatus>')

    def create_job(self, body: str) -> str:
        source = re.search(r"<(?:\w+:)?InputSource>(\w+)</", body)  # pwg: (sane-airscan) or scan: (scanlib)
        dpi = re.search(r"<(?:\w+:)?XResolution>(\d+)</", body)
        gray = "Grayscale8" in body
        job = f"{next(self._ids):04d}-fake"
        with self._lock:
            self.settings.append(body)
            self.jobs_created.append(job)
            self._jobs[job] = {"source": source.group(1) if source else "Platen", "dpi": int(dpi.group(1)) if dpi else 300,
                               "gray": gray, "served": 0, "deleted": False, "done": False}
        return job

    def next_document(self, job: str) -> tuple[int, bytes | None]:
        """(HTTP status, JPEG) for the job's next page."""
        with self._lock:
            state = self._jobs.get(job)
        if state is None or state["deleted"]:
            return 404, None
        end = time.monotonic() + self.delay
        while time.monotonic() < end:  # a slow scanner; a job deleted meanwhile ends the wait
            if state["deleted"]:
                return 404, None
            time.sleep(0.01)
        with self._lock:
            if state["deleted"]:
                return 404, None
            if state["source"] == "Platen":
                if state["served"] or not self.pages:
                    state["done"] = True
                    return 404, None
                page = self.pages[0]
            else:
                if self.jam_after is not None and self.served >= self.jam_after:
                    self.jammed = True  # until paper is put in again (load)
                    return 503, None
                if not self.feeder:
                    state["done"] = True
                    return 404, None
                page = self.feeder.pop(0)
            state["served"] += 1
            self.served += 1
            dpi, gray = state["dpi"], state["gray"]
        if dpi != self.page_dpi:
            scale = dpi / self.page_dpi
            page = page.resize((max(1, round(page.width * scale)), max(1, round(page.height * scale))),
                               Image.Resampling.LANCZOS)
        return 200, jpeg_bytes(page.convert("L") if gray else page, dpi)

    def delete_job(self, job: str) -> int:
        with self._lock:
            state = self._jobs.get(job)
            if state is None or state["deleted"]:
                return 404
            state["deleted"] = True
            self.jobs_deleted.append(job)
        return 200


class _EsclHandler(BaseHTTPRequestHandler):
    scanner: FakeEsclScanner
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes = b"", content_type: str = "text/xml", headers: dict | None = None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path.split("?")[0].rstrip("/")
        if path == "/eSCL/ScannerCapabilities":
            self._send(200, capabilities_xml(self.scanner.name, self.scanner.duplex).encode())
        elif path == "/eSCL/ScannerStatus":
            self._send(200, self.scanner.status_xml().encode())
        elif (match := re.fullmatch(r"/eSCL/ScanJobs/([\w-]+)/NextDocument", path)):
            status, page = self.scanner.next_document(match.group(1))
            self._send(status, page or b"", "image/jpeg" if page else "text/plain")
        elif re.fullmatch(r"/eSCL/ScanJobs/([\w-]+)/ScanImageInfo", path):
            self._send(404)
        else:
            self._send(404)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace")
        if self.path.rstrip("/") != "/eSCL/ScanJobs":
            self._send(404)
            return
        job = self.scanner.create_job(body)
        host = self.headers.get("Host") or f"127.0.0.1:{self.scanner.port}"
        self._send(201, headers={"Location": f"http://{host}/eSCL/ScanJobs/{job}"})

    def do_DELETE(self) -> None:
        match = re.fullmatch(r"/eSCL/ScanJobs/([\w-]+)", self.path.rstrip("/"))
        self._send(self.scanner.delete_job(match.group(1)) if match else 404)


# ---------------------------------------------------------------------------------------------------------
# A private SANE configuration
# ---------------------------------------------------------------------------------------------------------

def sane_config(folder: Path, escl_url: str | None = None, *, test_options: dict[str, str] | None = None) -> Path:
    """Write a SANE configuration into ``folder``: ``dll.conf`` (test, airscan), ``test.conf`` (one device,
    a colour pattern; ``test_options`` add or replace lines, e.g. {"read-status-code": "SANE_STATUS_JAMMED"})
    and ``airscan.conf`` naming the fake eSCL scanner at ``escl_url`` as "Fake", discovery off."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dll.conf").write_text("test\nairscan\n")
    options = {"number_of_devices": "1", "test-picture": '"Color pattern"'}
    options.update(test_options or {})
    (folder / "test.conf").write_text("".join(f"{key} {value}\n" for key, value in options.items()))
    devices = f'"Fake" = {escl_url}, eSCL\n' if escl_url else ""
    (folder / "airscan.conf").write_text(f"[devices]\n{devices}\n[options]\ndiscovery = disable\n")
    return folder


def sane_env(folder: Path, **extra: str) -> dict[str, str]:
    """The environment of a child process that should see only the private SANE configuration."""
    env = dict(os.environ)
    env["SANE_CONFIG_DIR"] = str(folder)
    env.update(extra)
    return env
