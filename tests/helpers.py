"""Test helpers: documents with text the tests know, made with PyMuPDF's built-in fonts."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Sequence

import numpy as np
import pymupdf
from PIL import Image
from rapidfuzz.distance import Levenshtein


def squash(text: str) -> str:
    """Text without whitespace, NFKC-folded and case-folded: what a comparison of OCR text should see."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def similarity(expected: str, got: str) -> float:
    """1 - character error rate of ``got`` against ``expected`` (whitespace and case ignored)."""
    a, b = squash(expected), squash(got)
    return 1.0 - Levenshtein.distance(a, b) / max(1, len(a))


def _typeset(page, lines: Sequence[str], fontsize: float, top: float = 72) -> None:
    y = top
    for line in lines:
        font = "china-s" if any(ord(c) > 0x2E80 for c in line) else "helv"
        page.insert_text((72, y), line, fontname=font, fontsize=fontsize)
        y += fontsize * 2.4


def text_pdf(path: Path, pages: Sequence[Sequence[str]], *, fontsize: float = 16, scanned: bool = False,
             password: str | None = None, rotate: int = 0) -> Path:
    """A PDF with one page per list of lines. ``scanned``: each page is only an image (no text layer)."""
    doc = pymupdf.open()
    for lines in pages:
        page = doc.new_page(width=612, height=792)
        _typeset(page, lines, fontsize)
        if scanned:
            pixmap = page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
            doc.delete_page(-1)
            page = doc.new_page(width=612, height=792)
            page.insert_image(page.rect, stream=pixmap.tobytes("jpg", jpg_quality=90))
        if rotate:
            page.set_rotation(rotate)
    options = {}
    if password:
        options = dict(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw=password, owner_pw=password + "-owner")
    doc.save(path, **options)
    return path


def text_image(lines: Sequence[str], *, fontsize: float = 16, dpi: int = 150, width: float = 612,
               height: float | None = None) -> Image.Image:
    """An RGB image of the lines, black on white, as a 150-dpi scan of a printed page would show them."""
    height = height or 72 + fontsize * 2.4 * len(lines) + 36
    doc = pymupdf.open()
    page = doc.new_page(width=width, height=height)
    _typeset(page, lines, fontsize, top=36 + fontsize)
    pixmap = page.get_pixmap(dpi=dpi, alpha=False)
    return Image.frombytes("RGB", (pixmap.width, pixmap.height), pixmap.samples)


def save_image(image: Image.Image, path: Path, **options) -> Path:
    image.save(path, **options)
    return path


def as_bgr(image: Image.Image) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(image.convert("RGB"))[:, :, ::-1])


class NoTextEngine:
    """An engine for the window that reads nothing: a test gives its pages their results itself (tables,
    review marks)."""

    models = {"det": "fake-det", "rec": "fake-rec"}
    backend, notice = "fake", None

    def load(self) -> None:
        pass

    def recognize_image(self, image):
        from docscan.core.engine import PageOcr

        return PageOcr([], 0.01), 0

    def close(self) -> None:
        pass
