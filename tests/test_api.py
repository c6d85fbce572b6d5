"""docscan.ocr(): paths, bytes of images and PDFs, NumPy and PIL images."""

from __future__ import annotations

import io

import numpy as np
import pytest

import docscan
from helpers import similarity, squash, text_image, text_pdf


def test_path_to_a_pdf_with_pages(tmp_path):
    path = text_pdf(tmp_path / "api.pdf", [["First page"], ["Second page"]], scanned=True)
    result = docscan.ocr(path, pages=[2])
    assert isinstance(result, docscan.DocumentResult)
    assert result.path == str(path)
    assert [p.page for p in result.pages] == [2] and squash(result.text) == "secondpage"


def test_pdf_bytes(tmp_path):
    data = text_pdf(tmp_path / "b.pdf", [["Bytes of a PDF"]], scanned=True).read_bytes()
    result = docscan.ocr(data)
    assert result.path is None and squash(result.text) == "bytesofapdf"


def test_image_bytes():
    buffer = io.BytesIO()
    text_image(["Image bytes"], fontsize=22).save(buffer, format="JPEG", quality=90)
    assert squash(docscan.ocr(buffer.getvalue()).text) == "imagebytes"


def test_numpy_and_pil_images():
    image = text_image(["Array input works"], fontsize=22)
    from_array = docscan.ocr(np.asarray(image))
    from_grey = docscan.ocr(np.asarray(image.convert("L")))
    from_pil = docscan.ocr(image)
    for result in (from_array, from_grey, from_pil):
        assert similarity("Array input works", result.text) > 0.9
        assert result.pages[0].width == image.width and result.pages[0].dpi is None


def test_bad_inputs_raise_document_error():
    with pytest.raises(docscan.DocumentError, match="is empty"):
        docscan.ocr(b"")
    with pytest.raises(docscan.DocumentError, match="must be uint8"):
        docscan.ocr(np.zeros((10, 10), dtype=np.float32))
    with pytest.raises(docscan.DocumentError, match="H x W"):
        docscan.ocr(np.zeros((10, 10, 2), dtype=np.uint8))


def test_missing_models_raise_model_error(empty_home):
    with pytest.raises(docscan.ModelError, match="docscan models setup"):
        docscan.ocr(np.asarray(text_image(["x"])))
