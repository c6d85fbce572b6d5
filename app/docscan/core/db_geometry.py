"""The geometry around PP-OCR's DB text detector, as PaddleX 3.7 does it: the page resized for the detector,
boxes taken from its probability map, sorted, and each line cut out of the page. Ported from PaddleX
(Apache-2.0; ``paddlex/inference/models/text_detection/processors.py``: DetResizeForTest type 0,
NormalizeImage, DBPostProcess with quad boxes and the fast score; ``pipelines/components/common``:
SortQuadBoxes, CropByPolys quad), keeping its arithmetic line for line, so that the boxes and crops are
PaddleX's (tests/test_backends.py compares them with PaddleX's own on real pages).

Why not import them: importing any of PaddleX imports all of it (its model registry, pandas, modelscope,
requests): 1 s and 140 MB in every process that recognises, and ~50 MB of the desktop bundle, for these
two hundred lines (ADR 0018). PaddleX is still imported for the text-line orientation classifier (--angle).
"""

from __future__ import annotations

import math

import cv2
import numpy as np

MIN_SIZE = 3  # DBPostProcess.min_size


def resize_for_detection(image: np.ndarray, limit_side_len: int, limit_type: str,
                         max_side_limit: int) -> tuple[np.ndarray, tuple[int, int, float, float]]:
    """The image resized to sides that are multiples of 32 under the family's limits (DetResizeForTest,
    type 0), and (source height, source width, height ratio, width ratio)."""
    src_h, src_w = image.shape[:2]
    if src_h + src_w < 64:  # image_padding
        padded = np.zeros((max(32, src_h), max(32, src_w), image.shape[2]), np.uint8)
        padded[:src_h, :src_w] = image
        image = padded
    h, w = image.shape[:2]
    if limit_type == "max":
        ratio = float(limit_side_len) / max(h, w) if max(h, w) > limit_side_len else 1.0
    elif limit_type == "min":
        ratio = float(limit_side_len) / min(h, w) if min(h, w) < limit_side_len else 1.0
    elif limit_type == "resize_long":
        ratio = float(limit_side_len) / max(h, w)
    else:
        raise ValueError(f"limit type {limit_type!r} is not one of max, min, resize_long")
    resize_h, resize_w = int(h * ratio), int(w * ratio)
    if max(resize_h, resize_w) > max_side_limit:
        ratio = float(max_side_limit) / max(resize_h, resize_w)
        resize_h, resize_w = int(resize_h * ratio), int(resize_w * ratio)
    resize_h = max(int(round(resize_h / 32) * 32), 32)
    resize_w = max(int(round(resize_w / 32) * 32), 32)
    if resize_h == h and resize_w == w:
        return image, (src_h, src_w, 1.0, 1.0)
    resized = cv2.resize(image, (int(resize_w), int(resize_h)))
    return resized, (src_h, src_w, resize_h / float(h), resize_w / float(w))


def normalise(image: np.ndarray, mean, std, scale) -> np.ndarray:
    """(pixel * scale - mean) / std per channel, as float32 H x W x C (NormalizeImage, hwc)."""
    if isinstance(scale, str):  # inference.yml writes "1./255."
        numerator, _, denominator = scale.partition("/")
        scale = float(numerator) / float(denominator) if denominator else float(numerator)
    scale = 1.0 / 255.0 if scale is None else float(scale)
    mean = mean if mean is not None else [0.485, 0.456, 0.406]
    std = std if std is not None else [0.229, 0.224, 0.225]
    channels = list(cv2.split(image))
    for c in range(image.shape[2]):
        channels[c] = channels[c].astype(np.float32)
        channels[c] *= scale / std[c]
        channels[c] += -mean[c] / std[c]
    return cv2.merge(channels)


def _mini_box(contour) -> tuple[list, float]:
    bounding_box = cv2.minAreaRect(contour)
    points = sorted(list(cv2.boxPoints(bounding_box)), key=lambda x: x[0])
    first, fourth = (0, 1) if points[1][1] > points[0][1] else (1, 0)
    second, third = (2, 3) if points[3][1] > points[2][1] else (3, 2)
    return [points[first], points[second], points[third], points[fourth]], min(bounding_box[1])


def _box_score(bitmap: np.ndarray, box: np.ndarray) -> float:
    h, w = bitmap.shape[:2]
    box = box.copy()
    xmin = max(0, min(math.floor(box[:, 0].min()), w - 1))
    xmax = max(0, min(math.ceil(box[:, 0].max()), w - 1))
    ymin = max(0, min(math.floor(box[:, 1].min()), h - 1))
    ymax = max(0, min(math.ceil(box[:, 1].max()), h - 1))
    mask = np.zeros((ymax - ymin + 1, xmax - xmin + 1), dtype=np.uint8)
    box[:, 0] = box[:, 0] - xmin
    box[:, 1] = box[:, 1] - ymin
    cv2.fillPoly(mask, box.reshape(1, -1, 2).astype(np.int32), 1)
    return cv2.mean(bitmap[ymin:ymax + 1, xmin:xmax + 1], mask)[0]


def _unclip(box, unclip_ratio: float) -> np.ndarray:
    import pyclipper

    distance = cv2.contourArea(box) * unclip_ratio / cv2.arcLength(box, True)
    offset = pyclipper.PyclipperOffset()
    offset.AddPath(box, pyclipper.JT_ROUND, pyclipper.ET_CLOSEDPOLYGON)
    try:
        return np.array(offset.Execute(distance))
    except ValueError:
        return np.array(offset.Execute(distance)[0])


def db_boxes(probability: np.ndarray, shape: tuple[int, int, float, float], *, thresh: float, box_thresh: float,
             unclip_ratio: float, max_candidates: int = 1000) -> np.ndarray:
    """Quadrilaterals (N x 4 x 2, int16, on the source image) from the detector's map (H x W) for one image
    (DBPostProcess.boxes_from_bitmap, fast score, no dilation)."""
    # float64 as in PaddleX (its shape is an ndarray): a float32 corner times a Python float stays float32
    # (NumPy 2), and its rounding would move a corner by a pixel now and then
    src_h, src_w = np.float64(shape[0]), np.float64(shape[1])
    bitmap = probability > thresh
    height, width = bitmap.shape
    width_scale, height_scale = src_w / width, src_h / height
    contours, _ = cv2.findContours((bitmap * 255).astype(np.uint8), cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    boxes = []
    for contour in contours[:max_candidates]:
        points, side = _mini_box(contour)
        if side < MIN_SIZE:
            continue
        points = np.array(points)
        if box_thresh > _box_score(probability, points.reshape(-1, 2)):
            continue
        box, side = _mini_box(_unclip(points, unclip_ratio).reshape(-1, 1, 2))
        if side < MIN_SIZE + 2:
            continue
        box = np.array(box)
        for i in range(box.shape[0]):
            box[i, 0] = max(0, min(round(box[i, 0] * width_scale), src_w))
            box[i, 1] = max(0, min(round(box[i, 1] * height_scale), src_h))
        boxes.append(box.astype(np.int16))
    return np.array(boxes, dtype=np.int16)


def sort_boxes(boxes) -> list[np.ndarray]:
    """Top to bottom, then left to right within 10 pixels of height (SortQuadBoxes)."""
    ordered = sorted(np.array(boxes), key=lambda x: (x[0][1], x[0][0]))
    for i in range(len(ordered) - 1):
        for j in range(i, -1, -1):
            if abs(ordered[j + 1][0][1] - ordered[j][0][1]) < 10 and ordered[j + 1][0][0] < ordered[j][0][0]:
                ordered[j], ordered[j + 1] = ordered[j + 1], ordered[j]
            else:
                break
    return ordered


def crop_line(image: np.ndarray, box: np.ndarray) -> np.ndarray:
    """The line inside ``box`` cut out along its smallest enclosing rectangle and straightened; a line
    half again as high as wide is turned a quarter (CropByPolys, quad)."""
    corners, _ = _mini_box(np.array(box).astype(np.int32))
    points = np.array(corners)
    width = int(max(np.linalg.norm(points[0] - points[1]), np.linalg.norm(points[2] - points[3])))
    height = int(max(np.linalg.norm(points[0] - points[3]), np.linalg.norm(points[1] - points[2])))
    target = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    crop = cv2.warpPerspective(image, cv2.getPerspectiveTransform(points, target), (width, height),
                               borderMode=cv2.BORDER_REPLICATE, flags=cv2.INTER_CUBIC)
    if crop.shape[0] * 1.0 / crop.shape[1] >= 1.5:
        crop = np.rot90(crop)
    return crop
