"""``docscan scan`` end to end, in child processes with a private SANE configuration (SANE reads it once per
process): a fake network scanner on 127.0.0.1 by address and through sane-airscan, SANE's test device,
faults in words with their exit codes, Ctrl+C half-way, ``--list``. The pages carry real text, and the
searchable PDF's text (pdftotext) must read it back."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pymupdf
import pytest

from docscan.cli import main
from helpers import similarity

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scanner_fixtures import FakeEsclScanner, sane_config, sane_env, text_page  # noqa: E402

APP = Path(__file__).resolve().parent.parent / "app"
PAGE_WORDS = [["Invoice 4711 from Anna Schmidt", "Harbour Street 12 Bremen"],
              ["Delivery note for twelve chairs", "Signed on the third of May"],
              ["Total amount due 318.40 EUR", "Thank you for your order"]]


def pages() -> list:
    return [text_page(lines, dpi=100, point_size=16) for lines in PAGE_WORDS]


def docscan(args, env: dict, timeout: float = 300) -> subprocess.CompletedProcess:
    env = dict(env)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(APP), env.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-m", "docscan", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


def pdf_pages(path: Path) -> list[str]:
    """Each page's text as pdftotext reads the PDF (the invisible layer a search or a copy finds)."""
    with pymupdf.open(path) as pdf:
        count = pdf.page_count
    return [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(path), "-"], capture_output=True,
                           text=True, check=True).stdout for n in range(1, count + 1)]


def assert_reads_back(path: Path) -> None:
    texts = pdf_pages(path)
    assert len(texts) == 3
    for lines, text in zip(PAGE_WORDS, texts):
        assert similarity(" ".join(lines), text) > 0.9, (lines, text)


@pytest.fixture
def network_scanner():
    with FakeEsclScanner(pages(), page_dpi=100) as fake:
        yield fake


@pytest.fixture
def sane_folder(tmp_path, network_scanner) -> Path:
    return sane_config(tmp_path / "sane", network_scanner.url)


def test_three_feeder_pages_from_a_network_scanner_by_address_become_a_searchable_pdf(tmp_path, network_scanner,
                                                                                       sane_folder):
    out = tmp_path / "letter.pdf"
    done = docscan(["scan", "--device", network_scanner.scanner_id, "--source", "feeder", "--dpi", "100",
                    "--page-size", "a4", "-o", str(out), "--save-pages", str(tmp_path / "pages")], sane_env(sane_folder))
    assert done.returncode == 0, done.stderr
    assert_reads_back(out)
    assert sorted(p.name for p in (tmp_path / "pages").iterdir()) == ["page-001.jpg", "page-002.jpg", "page-003.jpg"]
    assert not network_scanner.active_jobs


def test_the_same_through_sane_airscan(tmp_path, network_scanner, sane_folder):
    out = tmp_path / "letter.pdf"
    done = docscan(["scan", "--device", "airscan:e0:Fake", "--source", "feeder", "--dpi", "100", "-o", str(out)],
                   sane_env(sane_folder))
    assert done.returncode == 0, done.stderr
    assert_reads_back(out)
    assert "<pwg:InputSource>Feeder</pwg:InputSource>" in network_scanner.settings[0]  # sane-airscan's words


def test_sane_test_device_max_pages_three(tmp_path, sane_folder):
    out = tmp_path / "pattern.pdf"
    done = docscan(["scan", "--device", "test:0", "--source", "feeder", "--max-pages", "3", "--dpi", "75",
                    "-o", str(out)], sane_env(sane_folder))
    assert done.returncode == 0, done.stderr
    with pymupdf.open(out) as pdf:
        assert pdf.page_count == 3
        width_mm = pdf[0].rect.width / 72 * 25.4
    assert 190 < width_mm < 211  # A4's width, within the test device's 200 mm


def test_list_shows_the_test_device_and_the_network_scanner_sane_knows(sane_folder):
    done = docscan(["scan", "--list"], sane_env(sane_folder), timeout=60)
    assert done.returncode == 0, done.stderr
    ids = [line.split("\t")[0] for line in done.stdout.splitlines()]
    assert "test:0" in ids and "airscan:e0:Fake" in ids


@pytest.mark.parametrize("status, kind_words", [
    ("SANE_STATUS_NO_DOCS", "put paper in the feeder"),
    ("SANE_STATUS_JAMMED", "Paper is jammed"),
    ("SANE_STATUS_COVER_OPEN", "cover or the feeder's door is open"),
])
def test_sane_faults_in_words(tmp_path, status, kind_words):
    folder = sane_config(tmp_path / "sane", test_options={"read-status-code": status})
    out = tmp_path / "nothing.pdf"
    args = ["scan", "--device", "test:0", "--source", "feeder", "--dpi", "75", "-o", str(out), "--ocr-mode", "never"]
    try:
        done = docscan(args, sane_env(folder), timeout=60)
    except subprocess.TimeoutExpired:
        # SANE's own `test` driver now and then deadlocks in its reader thread after a status it was told to
        # give (ADR 0013: a malloc lock, ~1 run in 20; once in a fresh clone's CI for JAMMED): the second try
        # checks the words. A driver that hangs every time still fails here.
        done = docscan(args, sane_env(folder), timeout=60)
    assert done.returncode == 1, done.stderr
    assert kind_words in done.stderr and "Traceback" not in done.stderr
    assert f"Nothing was written to {out}" in done.stderr and not out.exists()


def test_offline_and_unknown_scanners_in_words(tmp_path, sane_folder):
    with FakeEsclScanner([]) as gone:
        address = gone.scanner_id
    done = docscan(["scan", "--device", address, "-o", str(tmp_path / "a.pdf")], sane_env(sane_folder), timeout=120)
    assert done.returncode == 1 and "does not answer" in done.stderr and "Traceback" not in done.stderr
    done = docscan(["scan", "--device", "nosuch:0", "-o", str(tmp_path / "a.pdf")], sane_env(sane_folder), timeout=120)
    assert done.returncode == 1 and "was not found" in done.stderr and "escl:HOST:PORT" in done.stderr


def test_a_jam_half_way_keeps_the_pages_scanned(tmp_path, network_scanner, sane_folder):
    network_scanner.jam_after = 2
    out = tmp_path / "half.txt"
    done = docscan(["scan", "--device", network_scanner.scanner_id, "--source", "feeder", "--dpi", "100",
                    "-o", str(out)], sane_env(sane_folder))
    assert done.returncode == 1
    assert "stopped after 2 pages" in done.stderr and "jammed" in done.stderr and "written to" in done.stderr
    text = out.read_text()
    assert similarity(" ".join(PAGE_WORDS[0] + PAGE_WORDS[1]), text) > 0.9, text
    assert not network_scanner.active_jobs


def test_ctrl_c_half_way_stops_the_scanner_and_writes_the_pages_scanned(tmp_path, network_scanner, sane_folder):
    network_scanner.delay = 1.5
    out = tmp_path / "stopped.pdf"
    env = sane_env(sane_folder)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(APP), env.get("PYTHONPATH")]))
    child = subprocess.Popen([sys.executable, "-m", "docscan", "scan", "--device", network_scanner.scanner_id,
                              "--source", "feeder", "--dpi", "100", "--ocr-mode", "never", "-o", str(out)],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while network_scanner.served < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)  # the second page is on its way
        child.send_signal(signal.SIGINT)
        _, stderr = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 1, stderr
    assert "interrupted" in stderr and "stopped after 1 page" in stderr and "Traceback" not in stderr
    assert "could not be read" not in stderr
    with pymupdf.open(out) as pdf:
        assert pdf.page_count == 1
    assert not network_scanner.active_jobs and network_scanner.served == 1


def test_usage_errors_come_before_any_paper_is_scanned(tmp_path, capsys):
    assert main(["scan", "-o", str(tmp_path / "a.pdf")]) == 2
    assert "--device ID" in capsys.readouterr().err
    assert main(["scan", "--device", "test:0", "-o", str(tmp_path / "a.png")]) == 2
    assert "must end in the format" in capsys.readouterr().err
    assert main(["scan", "--device", "test:0", "-o", str(tmp_path / "missing" / "a.pdf")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["scan", "--device", "test:0", "--max-pages", "0", "-o", str(tmp_path / "a.pdf")]) == 2
    assert main(["scan", "--device", "test:0", "--ocr-mode", "never", "-o", str(tmp_path / "a.txt")]) == 2
    assert "without text: give -o OUT.pdf" in capsys.readouterr().err


def test_duplex_where_sane_offers_it(tmp_path):
    with FakeEsclScanner(pages(), page_dpi=100, duplex=True) as fake:
        folder = sane_config(tmp_path / "sane", fake.url)
        out = tmp_path / "both-sides.pdf"
        done = docscan(["scan", "--device", "airscan:e0:Fake", "--source", "duplex", "--dpi", "100",
                        "--ocr-mode", "never", "-o", str(out)], sane_env(folder))
        assert done.returncode == 0, done.stderr
        assert re.search(r"<(\w+:)?Duplex>true</", fake.settings[0]), fake.settings[0]
    with pymupdf.open(out) as pdf:
        assert pdf.page_count == 3


# In this process, with the fake scanner standing in for scanlib's (core.scanning.FakeScanner).

@pytest.fixture
def fake_scanner(monkeypatch):
    from docscan.core import scanning

    made = []

    def open_fake(scanner_id, **kw):
        made.append(scanning.FakeScanner(pages(), **kw) if not made else made[-1])
        return made[-1]

    monkeypatch.setattr(scanning, "open_scanner", open_fake)
    return made


def test_pages_that_cannot_be_written_are_kept_as_jpegs(tmp_path, fake_scanner, monkeypatch, capsys):
    from docscan.cli import scan as scan_command

    def full_disk(*args, **kw):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(scan_command, "write_output", full_disk)
    out = tmp_path / "letter.pdf"
    assert main(["scan", "--device", "fake:0", "--source", "feeder", "--ocr-mode", "never", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"cannot write {out}: No space left on device" in err
    kept = Path(re.search(r"the scanned pages are kept in (\S+)", err).group(1))
    try:
        assert sorted(p.name for p in kept.iterdir()) == ["page-001.jpg", "page-002.jpg", "page-003.jpg"]
    finally:
        for page in kept.iterdir():
            page.unlink()
        kept.rmdir()


def test_ctrl_c_while_recognising_writes_every_page_with_the_text_of_those_done(tmp_path, fake_scanner,
                                                                                 monkeypatch, capsys):
    from docscan.core import document_run

    real = document_run.run_document

    def stopped_after_the_first_page(document, engine, options, progress=None, **kw):
        first = real(document, engine, options, pages=[1])
        progress(document_run.Progress(1, document.page_count, first.pages[0]))
        raise KeyboardInterrupt

    monkeypatch.setattr(document_run, "run_document", stopped_after_the_first_page)
    out = tmp_path / "letter.pdf"
    assert main(["scan", "--device", "fake:0", "--source", "feeder", "--dpi", "100", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "interrupted while recognising" in err and "2 pages without recognised text" in err
    texts = pdf_pages(out)
    assert len(texts) == 3 and not texts[1].strip() and not texts[2].strip()
    assert similarity(" ".join(PAGE_WORDS[0]), texts[0]) > 0.9, texts[0]
