"""core.scanning: the fake scanner, and scanlib's eSCL client against a fake network scanner on 127.0.0.1
(in this process: eSCL needs no SANE). SANE's scans run in child processes (test_scanning_cli.py and the
cancel test here): SANE reads its configuration once per process."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from docscan.core import scanning
from docscan.core.documents import ImagesDocument, open_document
from docscan.core.errors import DocumentError
from docscan.core.scanning import FakeScanner, ScanFault, ScanSettings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scanner_fixtures import FakeEsclScanner, sane_config, sane_env, text_page  # noqa: E402

WORDS = ["Invoice 4711 from Anna Schmidt", "Harbour Street 12", "Total amount 318.40"]


def pages_of(count: int, dpi: int = 100) -> list[Image.Image]:
    return [text_page([f"Page {n}: {line}" for line in WORDS], dpi=dpi) for n in range(1, count + 1)]


def drain(scanner, settings, **kw):
    """(pages, fault or None)."""
    got = []
    try:
        for page in scanner.scan(settings, **kw):
            got.append(page)
    except ScanFault as fault:
        return got, fault
    return got, None


# ---------------------------------------------------------------------------------------------------------
# FakeScanner
# ---------------------------------------------------------------------------------------------------------

def test_fake_scanner_gives_one_page_from_the_glass_and_every_page_from_the_feeder():
    originals = [Image.new("RGB", (60, 80), color) for color in ("red", "green", "blue")]
    scanner = FakeScanner(originals)
    first, second = (list(scanner.scan(ScanSettings(source="glass", dpi=150))) for _ in range(2))
    assert [len(first), len(second)] == [1, 1]
    assert first[0].image.getpixel((5, 5))[0] > 200 and second[0].image.getpixel((5, 5))[1] > 100  # in turn
    fed = list(scanner.scan(ScanSettings(source="feeder", dpi=150)))
    assert [page.number for page in fed] == [1, 2, 3]
    assert [page.image.mode for page in fed] == ["RGB"] * 3
    assert len(list(scanner.scan(ScanSettings(source="duplex", dpi=150, max_pages=2)))) == 2
    jpeg = Image.open(__import__("io").BytesIO(fed[2].jpeg))
    assert jpeg.format == "JPEG" and round(jpeg.info["dpi"][0]) == 150 and jpeg.getpixel((30, 40))[2] > 200
    gray = list(scanner.scan(ScanSettings(source="glass", color="gray")))[0]
    assert Image.open(__import__("io").BytesIO(gray.jpeg)).mode == "L" and gray.image.mode == "RGB"


def test_fake_scanner_faults_after_the_pages_it_was_told():
    scanner = FakeScanner(pages_of(3, dpi=30), fault="jammed", fault_after=2)
    got, fault = drain(scanner, ScanSettings(source="feeder"))
    assert len(got) == 2 and fault.kind == "jammed" and "jammed" in str(fault)
    empty, fault = drain(FakeScanner([]), ScanSettings(source="feeder"))
    assert not empty and fault.kind == "feeder-empty" and "put paper in the feeder" in str(fault)
    assert drain(FakeScanner(pages_of(1, dpi=30), fault="offline"), ScanSettings())[1].kind == "offline"


def test_fake_scanner_cancel_from_another_thread_ends_the_scan_soon():
    scanner = FakeScanner(pages_of(5, dpi=30), delay=0.3)
    seen = []
    threading.Timer(0.45, scanner.cancel).start()
    started = time.monotonic()
    got, fault = drain(scanner, ScanSettings(source="feeder"), progress=lambda n, f: seen.append((n, f)))
    assert fault is not None and fault.kind == "cancelled"
    assert len(got) == 1 and time.monotonic() - started < 1.5
    assert (1, 0.0) in seen and (1, 1.0) in seen
    assert len(list(scanner.scan(ScanSettings(source="glass")))) == 1  # usable again


def test_settings_the_scanner_does_not_offer_are_refused_in_words():
    scanner = FakeScanner(pages_of(1, dpi=30), sources=("glass",), resolutions=(150, 300))
    with pytest.raises(ScanFault, match="no sheet feeder; it offers glass"):
        scanner.scan(ScanSettings(source="feeder"))
    with pytest.raises(ScanFault, match="cannot scan at 200 dpi; it offers 150, 300 dpi"):
        scanner.scan(ScanSettings(dpi=200))
    assert scanner.abilities().default_dpi == 300
    assert scanning.ScannerAbilities(("glass",), (100, 200, 600), ("color",)).default_dpi == 200


# ---------------------------------------------------------------------------------------------------------
# A network scanner by address (scanlib's eSCL client)
# ---------------------------------------------------------------------------------------------------------

def test_three_feeder_pages_from_a_network_scanner_by_address():
    originals = pages_of(3)
    with FakeEsclScanner(originals, page_dpi=100) as fake:
        with scanning.open_scanner(fake.scanner_id) as scanner:
            assert scanner.info.id == fake.scanner_id
            abilities = scanner.abilities()
            assert abilities.sources == ("glass", "feeder") and 300 in abilities.resolutions
            assert abilities.colors == ("color", "gray")
            told = []
            got, fault = drain(scanner, ScanSettings(source="feeder", dpi=100, page_size="a4"),
                               progress=lambda n, f: told.append(n))
        assert fault is None and [page.number for page in got] == [1, 2, 3]
        assert got[1].image.size == originals[1].size and got[1].dpi == 100
        difference = np.abs(np.asarray(got[1].image.convert("L"), dtype=float)
                            - np.asarray(originals[1].convert("L"), dtype=float))
        assert difference.mean() < 3  # the page, through JPEG
        assert set(told) >= {1, 2, 3}
        assert fake.jobs_created == fake.jobs_deleted and not fake.active_jobs
        assert "<scan:Width>2480</scan:Width>" in fake.settings[0]  # A4 asked for: 210 mm in 1/300 inch


def test_a_scan_stopped_early_or_cancelled_leaves_no_job_and_the_scanner_usable():
    with FakeEsclScanner(pages_of(5, dpi=50), page_dpi=50) as fake:
        with scanning.open_scanner(fake.scanner_id) as scanner:
            got, fault = drain(scanner, ScanSettings(source="feeder", dpi=75, max_pages=2))
            assert len(got) == 2 and fault is None
            assert not fake.active_jobs and len(fake.feeder) == 3  # the job deleted: the rest stay in the feeder

            fake.load()
            fake.delay = 0.6
            got = []
            timer = threading.Timer(0.9, scanner.cancel)  # while the second page is on its way
            timer.start()
            started = time.monotonic()
            got, fault = drain(scanner, ScanSettings(source="feeder", dpi=75))
            assert fault is not None and fault.kind == "cancelled", fault
            assert len(got) == 1 and time.monotonic() - started < 1.5
            deadline = time.monotonic() + 5
            while fake.active_jobs and time.monotonic() < deadline:
                time.sleep(0.02)
            assert not fake.active_jobs and fake.jobs_created == fake.jobs_deleted

            fake.delay = 0.0
            fake.load()
            assert len(drain(scanner, ScanSettings(source="feeder", dpi=75))[0]) == 5  # usable again


def test_feeder_empty_jam_and_offline_in_words():
    with FakeEsclScanner(pages_of(3, dpi=50), page_dpi=50, jam_after=2) as fake:
        address = fake.scanner_id
        with scanning.open_scanner(address) as scanner:
            got, fault = drain(scanner, ScanSettings(source="feeder", dpi=75))
            assert len(got) == 2 and fault.kind == "jammed" and "take the paper out" in str(fault)
            fake.load([])
            got, fault = drain(scanner, ScanSettings(source="feeder", dpi=75))
            assert not got and fault.kind == "feeder-empty" and "put paper in the feeder" in str(fault)
        assert not fake.active_jobs
    with pytest.raises(ScanFault) as offline:  # nothing listens there any more
        scanning.open_scanner(address)
    assert offline.value.kind == "offline" and "does not answer" in str(offline.value)
    assert address in str(offline.value)


def test_a_scanner_that_is_not_there_says_what_to_check():
    for wrong in ("escl:no-port", ""):
        with pytest.raises(ScanFault) as missing:
            scanning.open_scanner(wrong)
        assert missing.value.kind == "not-found" and "escl:HOST:PORT" in str(missing.value)


# ---------------------------------------------------------------------------------------------------------
# SANE (a child process: SANE reads its configuration once per process)
# ---------------------------------------------------------------------------------------------------------

SANE_CANCEL = """
import sys, threading, time
from docscan.core import scanning
scanner = scanning.open_scanner("test:0")
threading.Timer(0.5, scanner.cancel).start()
started = time.monotonic()
got = []
try:
    for page in scanner.scan(scanning.ScanSettings(source="feeder", dpi=150, page_size="max")):
        got.append(page)
    print("not cancelled", len(got))
except scanning.ScanFault as fault:
    print(fault.kind, len(got), round(time.monotonic() - started, 2))
after = list(scanner.scan(scanning.ScanSettings(source="feeder", dpi=50, max_pages=2)))
print("after", len(after))
scanner.close()
"""


def test_a_sane_scan_cancelled_from_another_thread(tmp_path):
    # read-delay: 20 ms after each 32 KiB, ~6 s for one 150-dpi page: the cancel comes in its middle
    folder = sane_config(tmp_path / "sane", test_options={"read-delay": "true", "read-delay-duration": "20000"})
    done = subprocess.run([sys.executable, "-c", SANE_CANCEL], env=sane_env(folder), capture_output=True,
                          text=True, timeout=120)
    lines = done.stdout.split("\n")
    kind, pages, seconds = lines[0].split()
    assert kind == "cancelled" and float(seconds) < 3.0, done.stdout + done.stderr
    assert lines[1] == "after 2", done.stdout + done.stderr


# ---------------------------------------------------------------------------------------------------------
# A scan's pages as one document
# ---------------------------------------------------------------------------------------------------------

def test_images_document_is_the_scanned_jpegs_in_order():
    scanned = list(FakeScanner(pages_of(3, dpi=40)).scan(ScanSettings(source="feeder", dpi=75)))
    with ImagesDocument("the scan", [page.jpeg for page in scanned]) as document:
        assert document.page_count == 3 and document.kind == "image" and document.format == "JPEG"
        assert document.page_size(2) == scanned[2].image.size
        data, dpi = document.embeddable(1)
        assert data == scanned[1].jpeg and dpi == 75
        assert document.page(0).render().image.size == scanned[0].image.size
    with pytest.raises(DocumentError, match="has no pages"):
        ImagesDocument("the scan", [])
    with pytest.raises(DocumentError, match="image 2"):
        ImagesDocument("the scan", [scanned[0].jpeg, b"not an image"])
    assert open_document(scanned[0].jpeg).page_count == 1


class _HangingDriver:
    """A scanlib scanner whose driver fails the scan and then never returns from stopping it (as SANE's test
    backend now and then does in sane_cancel)."""

    backend = "sane-like"
    sources = ()

    def __init__(self):
        self.release = threading.Event()

    def __str__(self):
        return "hanging driver"

    def close(self):
        self.release.wait(30)


class _HangingPages:
    def __init__(self, release):
        self.release = release

    def __iter__(self):
        return self

    def __next__(self):
        raise RuntimeError("Document feeder out of documents")

    def close(self):  # sane_cancel that never returns
        self.release.wait(30)


def test_a_driver_that_hangs_while_stopping_costs_seconds_not_the_scan(monkeypatch):
    from docscan.core import scanning

    driver = _HangingDriver()
    driver.scan_pages = lambda **_options: _HangingPages(driver.release)  # scanlib's generator of pages
    monkeypatch.setattr(scanning, "STOP_TIMEOUT", 0.5)
    scanner = scanning._ScanlibScanner(driver, "hanging:0")
    started = time.monotonic()
    with pytest.raises(ScanFault):
        list(scanner.scan(ScanSettings(source="glass", dpi=300)))
    assert time.monotonic() - started < 10
    with pytest.raises(ScanFault) as next_scan:  # the stuck scanner says so instead of hanging the next scan
        list(scanner.scan(ScanSettings(source="glass", dpi=300)))
    assert next_scan.value.kind == "offline" and "switch it off and on" in str(next_scan.value)
    scanner.close()  # its close may hang too: bounded
    assert time.monotonic() - started < 10
    driver.release.set()
