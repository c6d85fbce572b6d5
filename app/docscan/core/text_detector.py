"""Text detection on any backend (core/backends.py): PaddleX's own pre- and post-processing of the PP-OCR DB
detectors (its ``DetResizeForTest``, ``NormalizeImage`` and ``DBPostProcess``, configured from the model's
``inference.yml`` exactly as PaddleX's TextDetection predictor configures them), around a model the
backend loaded. PaddleX's predictor runs models only on its own runners (Paddle, ONNX Runtime), not on
OpenVINO; this keeps its processing and lets DocScan choose what runs the network. Same boxes as PaddleX's
predictor on the same backend (tests/test_backends.py compares them).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .backends import load_model

MAX_SIDE_LIMIT = 4000  # PaddleX's default cap on the detector's input side


class TextDetector:
    def __init__(self, model_dir: str | Path, *, backend: str, device: str = "cpu", threads: int | None = None,
                 limit_side_len: int, limit_type: str, thresh: float, box_thresh: float, unclip_ratio: float):
        import cv2
        import yaml
        from paddlex.inference.models.text_detection.processors import (DBPostProcess, DetResizeForTest,
                                                                         NormalizeImage)

        with open(Path(model_dir) / "inference.yml", encoding="utf-8") as handle:
            config = yaml.safe_load(handle)
        steps = {name: args or {} for op in config["PreProcess"]["transform_ops"] for name, args in op.items()}
        self._to_rgb = steps.get("DecodeImage", {}).get("img_mode", "BGR") == "RGB"
        resize_args = {k: v for k, v in steps.get("DetResizeForTest", {}).items()
                       if k not in ("limit_side_len", "limit_type")}
        self._resize = DetResizeForTest(limit_side_len=limit_side_len, limit_type=limit_type, **resize_args)
        self._limits = dict(limit_side_len=limit_side_len, limit_type=limit_type, max_side_limit=MAX_SIDE_LIMIT)
        normal = steps.get("NormalizeImage", {})
        self._normalize = NormalizeImage(mean=normal.get("mean"), std=normal.get("std"), scale=normal.get("scale"),
                                         order=normal.get("order", ""))
        post = config["PostProcess"]
        if post.get("name") != "DBPostProcess":
            raise ValueError(f"{model_dir}: {post.get('name')} is not a DB text detector")
        self._post = DBPostProcess(thresh=thresh, box_thresh=box_thresh, unclip_ratio=unclip_ratio,
                                   max_candidates=post.get("max_candidates", 1000),
                                   use_dilation=post.get("use_dilation", False),
                                   score_mode=post.get("score_mode", "fast"), box_type=post.get("box_type", "quad"))
        self._cv2 = cv2
        # float32 whatever the CPU could do faster: bfloat16 moves which boxes pass the threshold (ADR 0018)
        self._model = load_model(backend, model_dir, device, threads, exact=True)

    def polygons(self, image_bgr: np.ndarray) -> np.ndarray:
        """The text boxes found on a page image (H x W x 3 BGR uint8), as quadrilaterals on the image given,
        in the detector's order (N x 4 x 2)."""
        image = self._cv2.cvtColor(image_bgr, self._cv2.COLOR_BGR2RGB) if self._to_rgb else image_bgr
        resized, shapes = self._resize(imgs=[image], **self._limits)
        normalised = self._normalize(imgs=resized)
        batch = np.stack([img.transpose(2, 0, 1) for img in normalised]).astype(np.float32, copy=False)
        outputs = self._model(batch)
        self._model.release()  # a page's buffers are the largest the engine holds: not kept for the next
        polygons, _scores = self._post(outputs, shapes)
        return polygons[0]
