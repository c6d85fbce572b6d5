"""hOCR 1.2, the interchange format of OCR tools: pages, lines (with confidence) and words. Several
documents in one file are its pages, one after another."""

from __future__ import annotations

from typing import Sequence

from ..results import DocumentResult
from .base import TextFormat

def _models_of(results: Sequence[DocumentResult]) -> str:
    """The detection and recognition models that made these results, as hOCR's ocr-system names them."""
    names = dict.fromkeys(name for result in results for role, name in result.models.items()
                          if role in ("det", "rec", "latin_rec"))
    return ", ".join(names) or "PP-OCR"


def to_hocr(results: Sequence[DocumentResult]) -> str:
    """hOCR 1.2, the interchange format of OCR tools: pages, lines (with confidence) and words. Word boxes
    are the line's box divided in proportion to the characters (the recogniser gives lines)."""
    from html import escape

    from ..version import VERSION as __version__

    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
           '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
           '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">',
           "<head>", "<title></title>", '<meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>',
           f'<meta name="ocr-system" content="DocScan {__version__} (PaddleOCR {escape(_models_of(results))})"/>',
           '<meta name="ocr-capabilities" content="ocr_page ocr_line ocrx_word"/>', "</head>", "<body>"]
    for file_number, result in enumerate(results, start=1):
        source = escape(result.path or "", quote=True)
        for page in result.pages:
            page_id = f"{file_number}_{page.page}"
            out.append(f'<div class="ocr_page" id="page_{page_id}" title="image &quot;{source}&quot;; '
                       f'bbox 0 0 {page.width} {page.height}; ppageno {page.page - 1}">')
            for line_number, line in enumerate(page.lines, start=1):
                x0, y0, x1, y1 = (int(round(v)) for v in line.bbox)
                confidence = int(round(line.confidence * 100))
                out.append(f'<span class="ocr_line" id="line_{page_id}_{line_number}" '
                           f'title="bbox {x0} {y0} {x1} {y1}; x_wconf {confidence}">')
                words = line.text.split()
                total = max(1, len(line.text))
                cursor = 0
                for word_number, word in enumerate(words, start=1):
                    start = line.text.index(word, cursor)
                    cursor = start + len(word)
                    wx0 = x0 + (x1 - x0) * start // total
                    wx1 = x0 + (x1 - x0) * cursor // total
                    out.append(f'<span class="ocrx_word" id="word_{page_id}_{line_number}_{word_number}" '
                               f'title="bbox {wx0} {y0} {wx1} {y1}; x_wconf {confidence}">{escape(word)}</span>')
                out.append("</span>")
            out.append("</div>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


HOCR = TextFormat("hocr", ".hocr", title="hOCR", kind="hOCR", file_suffixes=(".hocr", ".html", ".htm"), render=to_hocr)
