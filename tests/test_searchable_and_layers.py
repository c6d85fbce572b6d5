"""Searchable PDF and hOCR exports, and taking a PDF's own text layer instead of OCR (--ocr-mode)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pymupdf
import pytest
from PIL import Image

from docscan.cli import main
from docscan.core.documents import open_document
from docscan.core.formats import to_hocr
from docscan.core.document_run import run_document
from docscan.core.searchable_pdf import write_searchable_pdf
from helpers import squash, text_image, text_pdf


def overlap(found: pymupdf.Rect, expected: pymupdf.Rect) -> float:
    return abs(found & expected) / abs(expected) if abs(expected) else 0.0


def assert_every_line_searchable_over_its_box(pdf_path, result):
    with pymupdf.open(pdf_path) as doc:
        assert doc.page_count == len(result.pages)
        for recognised in result.pages:
            page = doc[recognised.page - 1]
            sx, sy = page.rect.width / recognised.width, page.rect.height / recognised.height
            assert recognised.lines
            for line in recognised.lines:
                x0, y0, x1, y1 = line.bbox
                expected = pymupdf.Rect(x0 * sx, y0 * sy, x1 * sx, y1 * sy)
                hits = page.search_for(line.text)
                assert hits, f"{line.text!r} is not searchable on page {recognised.page}"
                assert max(overlap(hit, expected) for hit in hits) > 0.8, line.text


def test_searchable_pdf_keeps_pages_and_places_text_over_each_line(tmp_path, engine):
    source = text_pdf(tmp_path / "scan.pdf", [["Quarterly report 2026", "Revenue grew by 12 percent"],
                                              ["Sideways page", "Turned for printing"]], fontsize=20, scanned=True)
    with pymupdf.open(source) as doc:  # turn page 2 as a scanner feeding landscape would
        doc[1].set_rotation(90)
        doc.save(tmp_path / "scan-rotated.pdf")
    source = tmp_path / "scan-rotated.pdf"
    with open_document(source) as document:
        result = run_document(document, engine, path=str(source))
    target = write_searchable_pdf(source, result, tmp_path / "searchable.pdf")
    assert_every_line_searchable_over_its_box(target, result)
    with pymupdf.open(target) as doc, pymupdf.open(source) as original:
        # the original look: same page sizes as shown, and the scan is still the page's image
        assert [p.rect for p in doc] == [p.rect for p in original]
        assert doc[0].get_images() and "Quarterly" in doc[0].get_text()


def test_searchable_pdf_from_a_password_protected_scan(tmp_path, engine):
    source = text_pdf(tmp_path / "scan.pdf", [["Confidential payroll 2026"]], fontsize=22, scanned=True)
    with pymupdf.open(source) as doc:
        doc.save(tmp_path / "locked.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="owner", user_pw="sesame")
    locked = tmp_path / "locked.pdf"
    with open_document(locked, password="sesame") as document:
        result = run_document(document, engine, path=str(locked))
    target = write_searchable_pdf(locked, result, tmp_path / "searchable.pdf", password="sesame")
    assert_every_line_searchable_over_its_box(target, result)
    with pymupdf.open(target) as doc:
        assert doc[0].get_images()  # the scan itself, not a blank page


def test_searchable_pdf_from_a_photo(tmp_path, engine):
    upright = text_image(["Photo of a receipt", "Total 23.90"], fontsize=22)
    exif = Image.Exif()
    exif[0x0112] = 6
    photo = tmp_path / "receipt.jpg"
    upright.rotate(90, expand=True).save(photo, exif=exif, quality=92)
    with open_document(photo) as document:
        result = run_document(document, engine, path=str(photo))
    target = write_searchable_pdf(photo, result, tmp_path / "receipt.pdf")
    assert_every_line_searchable_over_its_box(target, result)
    with pymupdf.open(target) as doc:
        assert round(doc[0].rect.width / doc[0].rect.height, 2) == round(upright.width / upright.height, 2)


def test_searchable_pdf_keeps_a_jpegs_own_bytes_and_dpi(tmp_path, engine):
    photo = tmp_path / "scan.jpg"
    text_image(["Keep my bytes", "Scanned at 300 dpi"], fontsize=22).save(photo, quality=85, dpi=(300, 300))
    with open_document(photo) as document:
        result = run_document(document, engine, path=str(photo))
        target = write_searchable_pdf(document, result, tmp_path / "scan.pdf")  # the open document, not a path
    assert_every_line_searchable_over_its_box(target, result)
    with pymupdf.open(target) as doc, Image.open(photo) as image:
        assert abs(doc[0].rect.width - image.width * 72 / 300) < 0.5  # the file's DPI, not 150
        embedded = doc.extract_image(doc[0].get_images()[0][0])
        assert embedded["ext"] == "jpeg" and embedded["image"] == photo.read_bytes()  # not re-encoded


def test_cli_writes_searchable_pdfs(tmp_path, capsys):
    source = text_pdf(tmp_path / "in.pdf", [["Make me searchable"]], fontsize=22, scanned=True)
    assert main(["ocr", str(source), "-f", "pdf", "-o", str(tmp_path / "out.pdf")]) == 0
    with pymupdf.open(tmp_path / "out.pdf") as doc:
        assert doc[0].search_for("Make me searchable") or doc[0].search_for("Makemesearchable")
    assert main(["ocr", str(source), "-f", "pdf"]) == 2
    assert "give -o" in capsys.readouterr().err


def test_hocr_lines_words_and_boxes(engine):
    from docscan.core.documents import RenderedPage
    from docscan.core.results import DocumentResult, PageResult

    image = text_image(["hOCR export works", "Second line"], fontsize=22)
    page = engine.recognize(RenderedPage(image, None).to_bgr())
    result = DocumentResult("page.png", [PageResult(1, image.width, image.height, None, page.lines, page.seconds)])
    root = ET.fromstring(to_hocr([result]))
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    pages = root.findall(".//h:div[@class='ocr_page']", ns)
    assert len(pages) == 1 and f"bbox 0 0 {image.width} {image.height}" in pages[0].get("title")
    lines = root.findall(".//h:span[@class='ocr_line']", ns)
    assert len(lines) == len(page.lines)
    for element, line in zip(lines, page.lines):
        words = [w.text for w in element.findall("h:span[@class='ocrx_word']", ns)]
        assert " ".join(words) == " ".join(line.text.split())
        x0, y0, x1, y1 = (int(round(v)) for v in line.bbox)
        assert element.get("title").startswith(f"bbox {x0} {y0} {x1} {y1}; x_wconf ")


class CountingEngine:
    """The real engine, counting how often OCR runs."""

    def __init__(self, engine):
        self.engine, self.calls = engine, 0
        self.models = engine.models

    def recognize_image(self, image):
        self.calls += 1
        return self.engine.recognize_image(image)


def test_auto_mode_reads_born_digital_pages_without_ocr(tmp_path, engine):
    born_digital = text_pdf(tmp_path / "digital.pdf", [["A born digital page", "with a proper text layer",
                                                         "and several lines", "of real text", "to read back"]])
    counting = CountingEngine(engine)
    with open_document(born_digital) as document:
        result = run_document(document, counting)
    assert counting.calls == 0
    page = result.pages[0]
    assert page.source == "text-layer" and page.dpi == 150 and page.width == 1275
    assert [line.text for line in page.lines][:2] == ["A born digital page", "with a proper text layer"]
    assert all(line.confidence == 1.0 for line in page.lines)


def test_auto_mode_recognises_scanned_pages_and_says_which_per_page(tmp_path, engine):
    doc = pymupdf.open()
    doc.insert_pdf(pymupdf.open(text_pdf(tmp_path / "a.pdf", [["Scanned words here"]], fontsize=22, scanned=True)))
    doc.insert_pdf(pymupdf.open(text_pdf(tmp_path / "b.pdf", [["Typed words", "on a digital page", "three", "four",
                                                                 "five lines"]])))
    path = tmp_path / "mixed.pdf"
    doc.save(path)
    counting = CountingEngine(engine)
    with open_document(path) as document:
        result = run_document(document, counting)
    assert [p.source for p in result.pages] == ["ocr", "text-layer"]
    assert counting.calls == 1 and squash(result.pages[0].text) == "scannedwordshere"


def test_a_stamp_on_a_scan_is_not_a_good_text_layer(tmp_path, engine):
    path = text_pdf(tmp_path / "stamped.pdf", [["The scanned letter body", "continues on this line"]], fontsize=20,
                    scanned=True)
    with pymupdf.open(path) as doc:
        doc[0].insert_text((400, 40), "RECEIVED 2026-11-23", fontsize=10)  # added text over one corner
        doc.save(tmp_path / "stamped2.pdf")
    counting = CountingEngine(engine)
    with open_document(tmp_path / "stamped2.pdf") as document:
        result = run_document(document, counting)
    assert counting.calls == 1 and result.pages[0].source == "ocr"
    assert "scannedletterbody" in squash(result.pages[0].text)


def test_garbage_text_layer_is_not_used(tmp_path, engine):
    path = text_pdf(tmp_path / "glyphs.pdf", [["Readable pixels on the page"]], fontsize=22, scanned=True)
    with pymupdf.open(path) as doc:
        # A font without a Unicode mapping extracts as private-use characters, all over the page.
        for row in range(12):
            doc[0].insert_text((72, 80 + row * 50), "\ue001\ue002\ue003\ue004\ue005\ue006", fontsize=12,
                               fontname="china-s")
        doc.save(tmp_path / "glyphs2.pdf")
    counting = CountingEngine(engine)
    with open_document(tmp_path / "glyphs2.pdf") as document:
        result = run_document(document, counting)
    assert counting.calls == 1 and result.pages[0].source == "ocr"


def test_never_mode_reads_layers_only(tmp_path, capsys):
    scanned = text_pdf(tmp_path / "scan.pdf", [["No text layer here"]], scanned=True)
    digital = text_pdf(tmp_path / "digital.pdf", [["Digital text", "two", "three", "four", "five"]])
    code = main(["ocr", str(digital), str(scanned), "--ocr-mode", "never", "-f", "json"])
    out, err = capsys.readouterr()
    assert code == 1
    files = json.loads(out)["files"]
    assert files[0]["pages"][0]["source"] == "text-layer" and files[0]["pages"][0]["lines"][0]["text"] == "Digital text"
    assert "OCR is off" in err
