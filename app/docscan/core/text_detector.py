"""Text detection on any backend (core/backends.py): PaddleX's pre- and post-processing of the PP-OCR DB
detectors (core/db_geometry.py, ported from PaddleX 3.7 and configured from the model's ``inference.yml``
as PaddleX's TextDetection predictor configures them), around a model the backend loaded. PaddleX's
predictor runs models only on its own runners (Paddle, ONNX Runtime), not on OpenVINO; this keeps its
processing and lets DocScan choose what runs the network. Same boxes as PaddleX's predictor on the same
backend (tests/test_backends.py compares them).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .backends import load_model
from .db_geometry import db_boxes, normalise, resize_for_detection

MAX_SIDE_LIMIT = 4000  # PaddleX's default cap on the detector's input side


def _model_config(model_dir: str | Path) -> tuple[dict, dict, dict]:
    """A model's ``inference.yml``: (the whole of it, its preprocessing steps by name, the NormalizeImage
    arguments ``normalise`` takes)."""
    import yaml

    with open(Path(model_dir) / "inference.yml", encoding="utf-8") as handle:
        config = yaml.safe_load(handle)
    steps = {name: args or {} for op in config["PreProcess"]["transform_ops"] for name, args in op.items()}
    normal = steps.get("NormalizeImage", {})
    return config, steps, dict(mean=normal.get("mean"), std=normal.get("std"), scale=normal.get("scale"))


class TextDetector:
    def __init__(self, model_dir: str | Path, *, backend: str, device: str = "cpu", threads: int | None = None,
                 limit_side_len: int, limit_type: str, thresh: float, box_thresh: float, unclip_ratio: float):
        config, steps, self._normal = _model_config(model_dir)
        self._to_rgb = steps.get("DecodeImage", {}).get("img_mode", "BGR") == "RGB"
        self._limits = dict(limit_side_len=limit_side_len, limit_type=limit_type, max_side_limit=MAX_SIDE_LIMIT)
        order = steps.get("NormalizeImage", {}).get("order", "hwc")
        if order not in ("", "hwc"):
            raise ValueError(f"{model_dir}: NormalizeImage order {order!r} is not hwc")
        post = config["PostProcess"]
        if post.get("name") != "DBPostProcess":
            raise ValueError(f"{model_dir}: {post.get('name')} is not a DB text detector")
        if post.get("use_dilation") or post.get("score_mode", "fast") != "fast" or post.get("box_type", "quad") != "quad":
            raise ValueError(f"{model_dir}: DocScan reads DB detectors with quad boxes, the fast score and no dilation")
        self._post = dict(thresh=thresh, box_thresh=box_thresh, unclip_ratio=unclip_ratio,
                          max_candidates=post.get("max_candidates", 1000))
        # float32 whatever the CPU could do faster: bfloat16 moves which boxes pass the threshold (ADR 0018)
        self._model = load_model(backend, model_dir, device, threads, exact=True)

    def polygons(self, image_bgr: np.ndarray) -> np.ndarray:
        """The text boxes found on a page image (H x W x 3 BGR uint8), as quadrilaterals on the image given,
        in the detector's order (N x 4 x 2)."""
        image = np.ascontiguousarray(image_bgr[:, :, ::-1]) if self._to_rgb else image_bgr
        resized, shape = resize_for_detection(image, **self._limits)
        batch = np.ascontiguousarray(normalise(resized, **self._normal).transpose(2, 0, 1)[None], dtype=np.float32)
        probability = self._model(batch)[0]
        self._model.release()  # a page's buffers are the largest the engine holds: not kept for the next
        return db_boxes(probability[0, 0], shape, **self._post)


class TextLineOrientation:
    """The text-line orientation classifier (``--angle``: 0 or 180 degrees) on any backend, with PaddleX's
    preprocessing for it (its ImageClassification predictor: RGB, resized to the model's size, normalised
    as its ``inference.yml`` says) and the top class."""

    def __init__(self, model_dir: str | Path, *, backend: str, device: str = "cpu", threads: int | None = None):
        _, steps, self._normal = _model_config(model_dir)
        self._size = tuple(steps["ResizeImage"]["size"])  # width, height
        self._model = load_model(backend, model_dir, device, threads)

    def upside_down(self, crops: list[np.ndarray]) -> list[bool]:
        """Whether each line image (BGR) reads upside down."""
        import cv2

        if not crops:
            return []
        batch = np.stack([normalise(cv2.resize(np.ascontiguousarray(crop[:, :, ::-1]), self._size), **self._normal)
                          .transpose(2, 0, 1) for crop in crops]).astype(np.float32)
        return [int(label) == 1 for label in self._model(batch)[0].argmax(axis=1)]
