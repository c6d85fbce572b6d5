"""File → Scan in the real window, with a FakeScanner (core.scanning) standing in for the hardware: pages
appear in a document as they arrive and are recognised; Cancel stops the scanner and keeps what came; a
jam or an empty feeder is said in words; the dialog remembers what was chosen per scanner. (SANE and a
network scanner are driven end to end by tests/test_scanning*.py through `docscan scan`.)"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialogButtonBox

from docscan.core.scanning import FakeScanner, ScannerInfo, ScanSettings
from docscan.gui.scan_dialog import network_scanner_id
from helpers import similarity, text_image
from test_gui import OCR_TIMEOUT, make_window, messages, window  # noqa: F401 (fixtures)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

PAGES = [["Invoice 4471", "Total due 129.50"], ["Delivery note", "Three boxes of paper"],
         ["Receipt", "Paid in full"]]


def fake_scanners(window, scanner: FakeScanner) -> FakeScanner:
    """The window's scanner worker uses ``scanner`` (listed as its only scanner)."""
    window.scans.worker.use_scanners(lambda scanner_id: scanner, lambda network_timeout=0.0: [scanner.info])
    return scanner


def page_images(dpi: int = 200):
    return [text_image(lines, fontsize=18, dpi=dpi) for lines in PAGES]


def wait_for_scan_end(qtbot, window, timeout=30_000):
    with qtbot.waitSignal(window.scans.scanEnded, timeout=timeout) as blocker:
        pass
    return blocker.args


def test_feeder_pages_arrive_in_a_new_document_and_are_recognised_as_they_come(qtbot, window, tmp_path):
    scanner = fake_scanners(window, FakeScanner(page_images(), delay=0.2))
    with qtbot.waitSignal(window.scans.scanEnded, timeout=60_000) as ended:
        assert window.scans.start(scanner.info.id, ScanSettings(source="feeder", dpi=200))
        assert window.act_scan.isEnabled() is False  # one scan at a time
    assert ended.args == [3, ""]
    doc = window.current_doc
    assert doc is not None
    qtbot.waitUntil(lambda: doc.page_count == 3, timeout=10_000)  # the last page is read in by the I/O worker
    qtbot.waitUntil(lambda: len(doc.results) == 3 and not window.model.busy, timeout=OCR_TIMEOUT)
    for index, lines in enumerate(PAGES):
        got = " ".join(line.text for line in doc.results[index].lines)
        assert similarity(" ".join(lines), got) > 0.9, (index, got)
    # each page is a file under the per-user scans folder from the moment it arrived
    folders = list((window.scans.last.folder,))
    assert len(list(__import__("pathlib").Path(folders[0]).glob("page-*.jpg"))) == 3
    assert window.act_scan.isEnabled() and window.act_scan_next.isEnabled()


def test_scan_next_page_adds_the_glass_page_to_the_same_document(qtbot, window):
    scanner = fake_scanners(window, FakeScanner(page_images()))
    with qtbot.waitSignals([window.scans.scanEnded, window.scans.pageArrived], timeout=30_000):
        window.scans.start(scanner.info.id, ScanSettings(source="glass", dpi=200))
    key = window.current_key
    assert window.docs[key].page_count == 1
    with qtbot.waitSignal(window.scans.pageArrived, timeout=30_000) as arrived:
        window.act_scan_next.trigger()
    assert arrived.args == [key, 1]
    assert window.docs[key].page_count == 2 and len(window.docs) == 1


def test_cancel_stops_the_scanner_and_keeps_the_pages_that_came(qtbot, window):
    scanner = fake_scanners(window, FakeScanner(page_images() * 3, delay=0.6))
    arrived = []
    window.scans.pageArrived.connect(lambda key, index: (arrived.append(index), window.scans.cancel())
                                     if not arrived else arrived.append(index))
    with qtbot.waitSignal(window.scans.scanEnded, timeout=30_000) as ended:
        window.scans.start(scanner.info.id, ScanSettings(source="feeder", dpi=200))
    pages, kind = ended.args
    assert kind == "cancelled" and 1 <= pages < 9
    qtbot.waitUntil(lambda: window.current_doc.page_count == pages, timeout=10_000)
    assert len(window.docs) == 1
    assert "cancelled" in window.statusBar().currentMessage()


@pytest.mark.parametrize("fault, words", [("jammed", "jammed"), ("feeder-empty", "feeder is empty"),
                                          ("offline", "does not answer")])
def test_a_scanner_fault_is_said_in_words_and_pages_before_it_are_kept(qtbot, window, fault, words):
    scanner = fake_scanners(window, FakeScanner(page_images(), fault=fault, fault_after=1))
    with qtbot.waitSignal(window.scans.scanEnded, timeout=30_000) as ended:
        window.scans.start(scanner.info.id, ScanSettings(source="feeder", dpi=200))
    assert ended.args[1] == fault, window.message_bar.text("scan")
    assert words in window.message_bar.text("scan")
    qtbot.waitUntil(lambda: window.current_doc is not None and window.current_doc.page_count == 1, timeout=10_000)


def test_the_dialog_lists_the_scanner_offers_its_sources_and_remembers_the_choice(qtbot, window):
    scanner = fake_scanners(window, FakeScanner(page_images(), sources=("glass", "feeder")))
    window.settings.remember_scanner(scanner.info.id, {"source": "feeder", "dpi": 150, "color": "gray",
                                                       "page_size": "letter"})

    def choose_and_scan():
        dialog = window.scans.dialog
        qtbot.waitUntil(lambda: dialog.scanner_id() == scanner.info.id and dialog.source.count() == 2,
                        timeout=10_000)
        assert [dialog.source.itemData(i) for i in range(dialog.source.count())] == ["glass", "feeder"]
        assert dialog.settings() == ScanSettings(source="feeder", dpi=150, color="gray", page_size="letter")
        dialog.source.setCurrentIndex(dialog.source.findData("glass"))
        dialog.scan_button.click()

    QTimer.singleShot(0, choose_and_scan)
    with qtbot.waitSignals([window.scans.scanEnded, window.scans.pageArrived, window.pageShown], timeout=30_000):
        window.act_scan.trigger()
    assert window.current_doc.page_count == 1
    assert window.settings.scanner_choices()[scanner.info.id]["source"] == "glass"
    assert window.settings.get("scan/last_scanner") == scanner.info.id


def test_a_network_scanner_is_added_by_its_address():
    assert network_scanner_id("192.168.1.20") == "escl:192.168.1.20:80"
    assert network_scanner_id("http://scanner.local:8080/eSCL") == "escl:scanner.local:8080"
    assert network_scanner_id("not an address!") is None
    assert network_scanner_id("host:99999") is None
