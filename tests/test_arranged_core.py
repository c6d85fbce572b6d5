"""Arranged documents in the core (issue 29, Arrange): pages of a PDF and of images in one document, in any
order; each page rendered and recognised as the page of its file; saved as one searchable PDF, photos as
JPEG, text-only pages compact, with the text layer of each page's result."""

from __future__ import annotations

import subprocess

import numpy as np
import pymupdf
import pytest
from PIL import Image

from docscan.core.arranged import ArrangedDocument, PageRef
from docscan.core.document_run import run_document
from docscan.core.documents import open_document
from docscan.core.errors import DocumentError
from docscan.core.searchable_pdf import page_image_bytes, write_searchable_pdf
from helpers import similarity, text_image, text_pdf


def photo_of(lines, seed: int = 1) -> Image.Image:
    """A page of text with continuous tones around it, as a camera sees it: noise and a shaded edge."""
    image = np.asarray(text_image(lines, fontsize=22), dtype=np.float64)
    rng = np.random.default_rng(seed)
    image = image * np.linspace(0.8, 1.0, image.shape[1])[None, :, None] + rng.normal(0, 6, image.shape)
    return Image.fromarray(np.clip(image, 0, 255).astype(np.uint8))


@pytest.fixture
def files(tmp_path):
    pdf = text_pdf(tmp_path / "letter.pdf", [["First PDF page"], ["Second PDF page"], ["Third PDF page"]],
                   fontsize=22)
    photo = tmp_path / "photo.jpg"
    photo_of(["Camera photo page"]).save(photo, quality=90)
    note = tmp_path / "note.png"
    text_image(["Plain text note"], fontsize=22).save(note)
    return pdf, photo, note


def test_an_arranged_document_renders_each_page_as_the_page_of_its_file(files):
    pdf, photo, note = files
    parts = [PageRef(str(note), 0), PageRef(str(pdf), 2), PageRef(str(photo), 0), PageRef(str(pdf), 0)]
    with ArrangedDocument(parts, "arranged") as arranged, open_document(pdf) as original:
        assert arranged.page_count == 4 and arranged.kind == "mixed"
        assert [arranged.page_kind(i) for i in range(4)] == ["image", "pdf", "image", "pdf"]
        assert [page.is_pdf for page in arranged.pages] == [False, True, False, True]
        assert arranged.page(1).text_layer().strip() == "Third PDF page"
        assert np.array_equal(np.asarray(arranged.page(1).render(72).image),
                              np.asarray(original.page(2).render(72).image))
        with Image.open(note) as image:
            assert arranged.page_size(0) == image.size
            assert np.array_equal(np.asarray(arranged.page(0).render().image), np.asarray(image.convert("RGB")))
        assert arranged.page_size(3) == original.page_size(0)
        arranged.set_parts(parts[1:2])  # the images' files are let go
        assert arranged.page_count == 1 and arranged.kind == "pdf"


def test_a_page_that_is_not_there_or_a_file_gone_is_said_in_words(files, tmp_path):
    pdf, _, _ = files
    with pytest.raises(DocumentError, match="has 3 pages: it has no page 9"):
        ArrangedDocument([PageRef(str(pdf), 8)])
    with pytest.raises(DocumentError, match="does not exist"):
        ArrangedDocument([PageRef(str(tmp_path / "gone.png"), 0)])


class RendersPdfPagesItself:
    """An engine in another process (ProcessEngine's face): PDF files' pages are sent by path and index."""

    models: dict = {}

    def __init__(self, engine):
        self.engine, self.asked = engine, []

    def recognize_image(self, image):
        return self.engine.recognize_image(image)

    def recognize_pdf_page(self, document, index, dpi, turn=0):
        self.asked.append((str(document.file_path), index))
        rendered = document.page(index).render(dpi)
        ocr, rotation = self.engine.recognize_image(rendered.image)
        return ocr, rotation, {"width": rendered.width, "height": rendered.height, "dpi": rendered.dpi,
                               "warnings": []}


def test_recognition_of_an_arranged_page_goes_to_the_page_of_its_file(files, engine):
    pdf, photo, note = files
    scanned = text_pdf(pdf.with_name("scanned.pdf"), [["Scanned page one"], ["Scanned page two"]], fontsize=22,
                       scanned=True)
    parts = [PageRef(str(scanned), 1), PageRef(str(note), 0)]
    elsewhere = RendersPdfPagesItself(engine)
    with ArrangedDocument(parts) as arranged:
        result = run_document(arranged, elsewhere)
    assert elsewhere.asked == [(str(scanned), 1)]  # the PDF page by its file; the image page here
    assert [page.page for page in result.pages] == [1, 2]
    assert similarity("Scanned page two", result.pages[0].text) > 0.9
    assert similarity("Plain text note", result.pages[1].text) > 0.9


def test_an_arranged_document_saves_as_one_searchable_pdf_in_its_order(files, engine, tmp_path):
    pdf, photo, note = files
    parts = [PageRef(str(photo), 0), PageRef(str(pdf), 2), PageRef(str(note), 0), PageRef(str(pdf), 0)]
    with ArrangedDocument(parts) as arranged:
        result = run_document(arranged, engine)
        target = write_searchable_pdf(arranged, result, tmp_path / "arranged.pdf")
    expected = ["Camera photo page", "Third PDF page", "Plain text note", "First PDF page"]
    with pymupdf.open(target) as out:
        assert out.page_count == 4
        filters = [[out.xref_get_key(image[0], "Filter")[1] for image in out[i].get_images()] for i in range(4)]
    assert filters[0] == ["/DCTDecode"]  # the photo: JPEG (its own bytes)
    assert filters[1] == [] and filters[3] == []  # PDF pages copied with their content, no image made
    assert filters[2] == ["/FlateDecode"]  # the text-only image: lossless and compact
    for number, text in enumerate(expected, start=1):
        layer = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(target), "-"],
                               capture_output=True, text=True, check=True).stdout
        assert similarity(text, layer) > 0.9, (number, layer)


def test_photos_go_in_as_jpeg_and_text_pages_compact():
    photo = photo_of(["A photographed page of text"])
    text = text_image(["A page of plain text"], fontsize=22)
    bilevel = text.convert("L").point(lambda v: 255 if v > 128 else 0).convert("RGB")
    photo_bytes, photo_kind = page_image_bytes(photo)
    text_bytes, text_kind = page_image_bytes(text)
    bilevel_bytes, bilevel_kind = page_image_bytes(bilevel)
    assert (photo_kind, text_kind, bilevel_kind) == ("JPEG", "PNG", "PNG")
    import io

    lossless = io.BytesIO()
    text.save(lossless, format="PNG")
    assert len(text_bytes) < len(lossless.getvalue())  # a palette, not 24 bits a pixel
    with Image.open(io.BytesIO(bilevel_bytes)) as stored:
        assert stored.mode == "1" and np.array_equal(np.asarray(stored.convert("RGB")), np.asarray(bilevel))
    assert len(bilevel_bytes) < len(text_bytes)


def test_a_pasted_image_is_a_page_by_its_bytes(tmp_path):
    import io

    buffer = io.BytesIO()
    text_image(["Pasted"], fontsize=22).save(buffer, format="PNG")
    data = buffer.getvalue()
    with ArrangedDocument([PageRef(None, 0, data=data, name="pasted image")]) as arranged:
        assert arranged.kind == "image" and arranged.page_size(0) == Image.open(io.BytesIO(data)).size
