"""DocScan: OCR of images and PDFs with PaddleOCR's PP-OCR models (PP-OCRv6, v5, v4), locally.

The small public API::

    import docscan
    result = docscan.ocr("scan.pdf", pages=[1, 2])     # a path, the bytes of an image or PDF, or an image
    print(result.text)
    for page in result.pages:
        for line in page.lines:
            print(line.text, line.confidence, line.box)
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Sequence, Union

import numpy as np

from .core.engine import EngineConfig, OcrEngine
from .core.errors import DocScanError, DocumentError, EngineUnavailable, ModelError, PasswordRequired
from .core.results import DocumentResult, PageResult, TextLine

from .core.version import VERSION as __version__
__all__ = ["ocr", "DocumentResult", "PageResult", "TextLine", "EngineConfig", "DocScanError", "DocumentError",
           "PasswordRequired", "ModelError", "EngineUnavailable", "__version__"]

_engines: dict[tuple, OcrEngine] = {}
_engines_lock = threading.Lock()


def _engine_for(config: EngineConfig) -> OcrEngine:
    """One engine per configuration and model store, kept for the next call (loading takes seconds)."""
    from .core.model_store import ModelStore

    store = ModelStore()
    key = (config, str(store.root))
    with _engines_lock:
        if key not in _engines:
            _engines[key] = OcrEngine(config, store)
        return _engines[key]


def ocr(source: Union[str, Path, bytes, np.ndarray, "PIL.Image.Image"], *, pages: Sequence[int] | None = None,
        dpi: float | None = None, password: str | None = None, ocr_mode: str = "auto",
        flatten_photos: bool = True, **engine_options) -> DocumentResult:
    """Recognise the text of a file path, the bytes of an image or PDF, or an image (NumPy RGB/grey array
    or PIL image). ``pages`` counts from 1. ``ocr_mode``: ``auto`` takes a PDF page's own text layer where it
    is good (each page's ``source`` says which), ``always`` recognises every page, ``never`` only reads text
    layers. ``flatten_photos``: a photo of a page is found, flattened and straightened first (its boxes are
    in the corrected page's pixels; core.page_photo). ``engine_options`` are EngineConfig's fields (``family="PP-OCRv4"``, ``tier="tiny"``,
    ``variant="server"``, ``device="gpu"``, ``lang="fr"``, ...). Raises DocumentError for input that cannot be
    read, ValueError for an option the family lacks, and ModelError or EngineUnavailable when the engine
    cannot run."""
    from .core.documents import open_document
    from .core.document_run import run_document
    from .core.options import RunOptions

    engine = _engine_for(EngineConfig(**engine_options))
    if isinstance(source, np.ndarray) or _is_pil_image(source):
        image = _image_from_array(source)
        if flatten_photos:
            from .core.page_photo import correct_photo

            image = correct_photo(image).image
        page_ocr, rotation = engine.recognize_image(image)
        return DocumentResult(None, [PageResult(1, image.width, image.height, None, page_ocr.lines,
                                                page_ocr.seconds, rotation=rotation, tables=page_ocr.tables,
                                                regions=page_ocr.regions)], models=engine.models)
    with open_document(source, password=password, flatten_photos=flatten_photos) as document:
        path = None if isinstance(source, (bytes, bytearray, memoryview)) else str(source)
        options = RunOptions(pages=pages, dpi=dpi, password=password, ocr_mode=ocr_mode, flatten_photos=flatten_photos)
        return run_document(document, engine, options, path=path)


def _is_pil_image(value) -> bool:
    from PIL import Image

    return isinstance(value, Image.Image)


def _image_from_array(source):
    from PIL import Image

    from .core.documents import to_rgb

    if isinstance(source, Image.Image):
        return to_rgb(source)
    array = np.asarray(source)
    if array.dtype != np.uint8:
        raise DocumentError("An image array must be uint8 (H x W grey, or H x W x 3 RGB, or H x W x 4 RGBA).")
    if array.ndim == 2 or (array.ndim == 3 and array.shape[2] in (3, 4)):
        return to_rgb(Image.fromarray(array))
    raise DocumentError(f"An image array must be H x W, H x W x 3 or H x W x 4, not {array.shape}.")
