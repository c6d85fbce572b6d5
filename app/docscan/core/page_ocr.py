"""DocScan's page OCR: text detection, then DocScan's own line recognition, on any backend (core/backends.py).

Detection (the family's DB detector with PaddleX's pre- and post-processing, run with the settings the
family declares in catalogue.py: core/text_detector.py), box sorting and cropping are PaddleX's, ported
(core/db_geometry.py).
Recognition is ``line_recognizer.LineRecognizer`` (no 320-pixel floor, batches by width, long lines cut at
gaps). The backend runs the detector, the recogniser and the text-line classifier; it does not change how a
page is read. Where the family declares a Latin recogniser (PP-OCRv4's English one, which exists only as
ONNX) ``lang="auto"`` reads Latin-script pages and lines with it, on the engine's backend where that reads
ONNX and otherwise on ONNX Runtime (a DocScan step, as the page orientation classifier is):

- a sample of the page's lines is read with the Chinese recogniser; a page where it finds (almost) no CJK
  characters is read with the English recogniser, which keeps spaces between words and knows
  no CJK characters to confuse Latin letters with;
- on other pages every line is read with the Chinese recogniser, and lines that came out with Latin letters
  and no CJK character are read again with the English recogniser, whose reading is kept unless it is
  clearly less sure (mixed Chinese/English pages, code in a Chinese manual).

docs/adr/0007 has the figures behind each choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import interrupt
from .backends import BACKENDS
from .catalogue import PIPELINE_DETECTION
from .db_geometry import crop_line, sort_boxes
from .line_recognizer import HEIGHT, LineRecognizer, Recognised
from .layout import is_cjk_script
LANGUAGE_SAMPLE = 12  # at most this many lines read with the Chinese recogniser to tell a Latin-script page
SAMPLE_CHUNK = 4  # ... this many at a time
SAMPLE_LETTERS = 24  # ... until they hold this many letters or CJK characters
SAMPLE_MIN_RATIO = 4  # ... preferring lines at least this many times as wide as high (a few characters)
LATIN_PAGE_MAX_CJK = 0.02  # share of CJK characters in the sample below which a page is Latin script
MIN_LATIN_LETTERS = 3  # a line of a CJK page is re-read in English from this many Latin letters
ENGLISH_MARGIN = 0.05  # the English reading of such a line is kept unless this much less sure


@dataclass
class LineResult:
    polygon: np.ndarray  # 4 x 2, on the image given
    text: str
    score: float
    reading: Recognised | None = None  # the recogniser's reading: its characters' probabilities (core/review.py)


def read_characters(model_dir: str | Path) -> list[str]:
    """A recogniser's character list, from the ``inference.yml`` beside its weights."""
    import yaml

    with open(Path(model_dir) / "inference.yml", encoding="utf-8") as handle:
        config = yaml.safe_load(handle)
    characters = (config.get("PostProcess") or {}).get("character_dict")
    if not characters:
        raise ValueError(f"{model_dir}: inference.yml has no PostProcess.character_dict")
    return [str(c) for c in characters]


def cjk_count(text: str) -> int:
    return sum(is_cjk_script(c) for c in text)


def latin_count(text: str) -> int:
    return sum(c.isascii() and c.isalpha() for c in text)


class OcrPipeline:
    """Detection + recognition of one page image at a time. Not thread-safe: OcrEngine serialises calls."""

    def __init__(self, *, det_dir: str, rec_dir: str, latin_rec_dir: str | None = None,
                 textline_dir: str | None = None, device: str = "cpu",
                 backend: str = "onnxruntime", threads: int | None = None, detection: dict | None = None,
                 rec_height: int = HEIGHT, narrow_tall_lines: bool = True):
        from .text_detector import TextDetector

        self._detector = TextDetector(det_dir, backend=backend, device=device, threads=threads,
                                      **{**PIPELINE_DETECTION, **(detection or {})})
        reading = dict(threads=threads, height=rec_height, narrow_tall_lines=narrow_tall_lines)
        self._rec = LineRecognizer(rec_dir, read_characters(rec_dir), backend=backend, device=device, **reading)
        self._latin = None
        if latin_rec_dir:
            # an ONNX step (engine.ONNX_STEPS): on the engine's backend where it reads ONNX, else on the CPU
            # through ONNX Runtime, as the page orientation classifier
            onnx_backend = backend if BACKENDS[backend].reads_onnx else "onnxruntime"
            self._latin = LineRecognizer(latin_rec_dir, read_characters(latin_rec_dir), backend=onnx_backend,
                                         device=device if onnx_backend == backend else "cpu", **reading)
        self._textline = None
        if textline_dir:
            from .text_detector import TextLineOrientation

            self._textline = TextLineOrientation(textline_dir, backend=backend, device=device, threads=threads)

    def predict(self, image_bgr: np.ndarray) -> list[LineResult]:
        polygons = sort_boxes(self._detector.polygons(image_bgr))
        interrupt.check()  # cancelled while the page's text was being found
        if len(polygons) == 0:
            return []
        crops = [crop_line(image_bgr, polygon) for polygon in polygons]
        kept = [(poly, crop) for poly, crop in zip(polygons, crops) if crop.size and min(crop.shape[:2]) > 0]
        polygons, crops = [p for p, _ in kept], [c for _, c in kept]
        if self._textline is not None and crops:
            crops = [np.ascontiguousarray(c[::-1, ::-1]) if turned else c
                     for c, turned in zip(crops, self._textline.upside_down(crops))]
        readings = self._read(crops)
        for recognizer in filter(None, (self._rec, self._latin)):
            recognizer.release()
        return [LineResult(np.asarray(p, dtype=np.float32).reshape(4, 2), r.text, r.score, r)
                for p, r in zip(polygons, readings)]

    def _read(self, crops: list[np.ndarray]) -> list[Recognised]:
        if self._latin is None or not crops:
            return self._rec.recognize(crops)
        sampled = self._language_sample(crops)
        cjk = sum(cjk_count(r.text) for r in sampled.values())
        latin = sum(latin_count(r.text) for r in sampled.values())
        if cjk <= LATIN_PAGE_MAX_CJK * max(1, cjk + latin):
            return self._latin.recognize(crops)
        rest = [i for i in range(len(crops)) if i not in sampled]
        readings = dict(sampled)
        readings.update(zip(rest, self._rec.recognize([crops[i] for i in rest])))
        latin_lines = [i for i, r in readings.items()
                       if not cjk_count(r.text) and latin_count(r.text) >= MIN_LATIN_LETTERS]
        if latin_lines:
            for i, english in zip(latin_lines, self._latin.recognize([crops[i] for i in latin_lines])):
                if english.score >= readings[i].score - ENGLISH_MARGIN:
                    readings[i] = english
        return [readings[i] for i in range(len(crops))]

    def _language_sample(self, crops: list[np.ndarray]) -> dict[int, Recognised]:
        """The Chinese recogniser's reading of a few lines, enough to tell the page's script: the narrowest
        lines that still hold a few characters (reading costs about the same per pixel of width), a few
        at a time until they hold SAMPLE_LETTERS letters or CJK characters."""
        widths = [self._rec.scaled_width(crop) for crop in crops]
        # worded lines first, each group narrowest first
        candidates = sorted(range(len(crops)),
                            key=lambda i: (widths[i] < SAMPLE_MIN_RATIO * self._rec.height, widths[i]))
        sampled: dict[int, Recognised] = {}
        while candidates and len(sampled) < LANGUAGE_SAMPLE:
            chunk, candidates = candidates[:SAMPLE_CHUNK], candidates[SAMPLE_CHUNK:]
            sampled.update(zip(chunk, self._rec.recognize([crops[i] for i in chunk])))
            if sum(cjk_count(r.text) + latin_count(r.text) for r in sampled.values()) >= SAMPLE_LETTERS:
                break
        return sampled
