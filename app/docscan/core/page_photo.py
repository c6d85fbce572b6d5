"""Photos of pages made straight: find the page, flatten its perspective, even out the light, straighten.

A phone photo of a page shows the sheet lying on something darker, turned, seen at an angle and lit
unevenly; read as it is, its lines are slanted and rows and columns fall apart. ``correct_photo`` finds the
page's four corners inside the frame (the largest bright, four-sided region whose sides are seen whole),
maps that quadrilateral onto a rectangle (sides as long as the quadrilateral's, on average), crops to it,
divides the light out (the paper's own brightness, estimated with the text closed over) and turns what is
left by the small angle its text lines give (in the same resampling as the flattening). An image without a
page inside it (a scan, whose paper runs to the frame's edges; a picture of anything else) is left as it
is.

The analysis runs on a copy of at most ``ANALYSIS_SIDE`` pixels a side; ``PhotoGeometry`` holds what it
found in the original's pixels and ``apply_geometry`` makes the corrected page at full resolution, so a
document can ask for a page's size without making the page. docs/adr/0014 has the method and its figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

ANALYSIS_SIDE = 1000  # pixels: the page's edges and the lines' angle need no more, and a 12 MP photo costs 40 ms
MIN_PAGE_SHARE = 0.10  # of the frame: a smaller bright quadrilateral is a label or a picture, not the page
MAX_ANGLE = 8.0  # degrees: straightening is for what flattening leaves and for a page fed in askew
# the rows turned by the angle found must be this much sharper than level: a word or two is as sharp over a
# few degrees either way (on ../shared/eval's scans, pages level to the eye score 1.00-1.03 at their best angle)
MIN_SHARPER = 1.02
MIN_ANGLE = 0.2  # degrees: less moves a line by under one pixel in 300; turning would only blur it

Corners = tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class PhotoGeometry:
    """What makes the corrected page from the original: the page's corners in the original's pixels
    (top-left, top-right, bottom-right, bottom-left; None: no page found, nothing cropped), the angle the
    flattened page is turned by (degrees, counter-clockwise) and the corrected page's size."""

    corners: Corners | None
    angle: float
    size: tuple[int, int]  # width, height

    @property
    def changes(self) -> bool:
        return self.corners is not None or self.angle != 0.0


@dataclass(frozen=True)
class PhotoCorrection:
    corners: Corners | None
    angle: float
    image: Image.Image  # RGB; the original itself when nothing was changed


def _gray_array(image: Image.Image | np.ndarray) -> np.ndarray:
    if isinstance(image, np.ndarray):
        array = image if image.ndim == 2 else image[..., :3].mean(axis=2)
        return array.astype(np.uint8)
    return np.asarray(image.convert("L"))


def _shrunk(gray: np.ndarray, side: int = ANALYSIS_SIDE) -> tuple[np.ndarray, float]:
    import cv2

    scale = min(1.0, side / float(max(gray.shape)))
    if scale < 1.0:
        gray = cv2.resize(gray, (max(1, round(gray.shape[1] * scale)), max(1, round(gray.shape[0] * scale))),
                          interpolation=cv2.INTER_AREA)
    return gray, scale


def _order(points: np.ndarray) -> np.ndarray:
    """Four points as top-left, top-right, bottom-right, bottom-left (by their angle about the centre,
    starting from the one nearest the top-left)."""
    centre = points.mean(axis=0)
    angles = np.arctan2(points[:, 1] - centre[1], points[:, 0] - centre[0])
    ring = points[np.argsort(angles)]  # clockwise on screen (y grows downwards), from the left
    start = int(np.argmin(ring.sum(axis=1)))
    return np.roll(ring, -start, axis=0)


def _line_through(points: np.ndarray) -> np.ndarray:
    """The line a·x + b·y = c best through ``points`` (a total least-squares fit), as (a, b, c)."""
    import cv2

    vx, vy, x0, y0 = cv2.fitLine(points.astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
    a, b = -vy, vx
    return np.array([a, b, a * x0 + b * y0], dtype=np.float64)


def _intersection(first: np.ndarray, second: np.ndarray) -> np.ndarray | None:
    matrix = np.array([first[:2], second[:2]])
    if abs(np.linalg.det(matrix)) < 1e-9:
        return None
    return np.linalg.solve(matrix, np.array([first[2], second[2]]))


def _refine(outline: np.ndarray, rough: np.ndarray) -> np.ndarray:
    """The corners as the crossings of lines fitted to each side's outline points (away from the rough
    corners, which blur and round): sub-pixel corners from hundreds of points rather than four."""
    sides = []
    for k in range(4):
        start, end = rough[k], rough[(k + 1) % 4]
        direction = end - start
        length = float(np.hypot(*direction))
        if length < 8:
            return rough
        normal = np.array([-direction[1], direction[0]]) / length
        along = (outline - start) @ direction / length ** 2
        across = np.abs((outline - start) @ normal)
        near = outline[(along > 0.1) & (along < 0.9) & (across < max(3.0, 0.02 * length))]
        if len(near) < 10:
            return rough
        sides.append(_line_through(near))
    refined = [_intersection(sides[k - 1], sides[k]) for k in range(4)]
    if any(point is None for point in refined):
        return rough
    refined = np.array(refined)
    if np.abs(refined - rough).max() > 0.05 * max(np.ptp(rough[:, 0]), np.ptp(rough[:, 1])):
        return rough  # the fit went astray (a side that is not straight): keep what the outline gave
    return refined


def _quadrilateral(contour: np.ndarray) -> np.ndarray | None:
    """The four corners of a contour that is (nearly) a quadrilateral, ordered; None when it is not one."""
    import cv2

    hull = cv2.convexHull(contour)
    perimeter = cv2.arcLength(hull, True)
    for fraction in (0.01, 0.02, 0.03, 0.05):
        approx = cv2.approxPolyDP(hull, fraction * perimeter, True)
        if len(approx) == 4:
            break
    else:
        return None
    corners = _order(approx.reshape(4, 2).astype(np.float64))
    # the contour must fill its quadrilateral: a blob with bites out of it or a rounded shape is no page
    if cv2.contourArea(contour) < 0.9 * cv2.contourArea(corners.astype(np.float32)):
        return None
    return _refine(contour.reshape(-1, 2).astype(np.float64), corners)


def _closed(gray: np.ndarray) -> np.ndarray:
    """The image with its text closed over and smoothed: paper, desk and light, without the print."""
    import cv2

    side = max(gray.shape)
    closing = max(3, int(side * 0.02) | 1)  # wider than a text stroke, narrower than the page's margins
    closed = cv2.morphologyEx(gray, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (closing, closing)))
    return cv2.GaussianBlur(closed, (0, 0), max(1.0, side / 400))


def _thresholds(smooth: np.ndarray) -> list[float]:
    """Brightness levels that may part paper from what it lies on: Otsu's, and a sweep between the dark
    and the bright class's medians (a shadow on the page or a lamp on the desk moves the right level from
    place to place; each candidate is judged by the edges its quadrilateral sits on)."""
    import cv2

    otsu, _ = cv2.threshold(smooth, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    dark, bright = smooth[smooth <= otsu], smooth[smooth > otsu]
    if not dark.size or not bright.size:
        return [float(otsu)]
    low, high = float(np.median(dark)), float(np.median(bright))
    return [float(otsu)] + [low + f * (high - low) for f in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)]


def _mask(smooth: np.ndarray, level: float) -> np.ndarray:
    import cv2

    mask = (smooth > level).astype(np.uint8) * 255
    opening = max(3, int(max(smooth.shape) * 0.01) | 1)
    return cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (opening, opening)))


def _inside_frame(corners: np.ndarray, width: int, height: int) -> bool:
    """Every corner inside the frame, clear of its edges: a page cut by the frame (or a scan's paper,
    which runs to the edges) has no four corners of its own to flatten by."""
    margin = 0.005 * max(width, height)
    return bool(np.all(corners[:, 0] > margin) and np.all(corners[:, 0] < width - 1 - margin)
                and np.all(corners[:, 1] > margin) and np.all(corners[:, 1] < height - 1 - margin))


def _side_contrast(smooth: np.ndarray, corners: np.ndarray) -> float:
    """How clearly the quadrilateral's weakest side is an edge of paper on something darker: for each side,
    the median brightness just inside it less the median just outside it (the text closed over), the
    smallest of the four. A side cut through the paper by a shadow, or through a picture, scores low."""
    height, width = smooth.shape
    offset = max(2.0, 0.012 * max(height, width))
    centre = corners.mean(axis=0)
    weakest = np.inf
    for k in range(4):
        start, end = corners[k], corners[(k + 1) % 4]
        direction = end - start
        length = float(np.hypot(*direction))
        if length < 8:
            return 0.0
        normal = np.array([-direction[1], direction[0]]) / length
        if (centre - start) @ normal < 0:
            normal = -normal  # pointing into the quadrilateral
        along = start + np.outer(np.linspace(0.1, 0.9, 60), direction)
        values = []
        for sign in (1.0, -1.0):
            points = np.round(along + sign * offset * normal).astype(int)
            points[:, 0] = np.clip(points[:, 0], 0, width - 1)
            points[:, 1] = np.clip(points[:, 1], 0, height - 1)
            values.append(float(np.median(smooth[points[:, 1], points[:, 0]])))
        weakest = min(weakest, values[0] - values[1])
    return float(weakest)


MIN_SIDE_CONTRAST = 20.0  # grey levels: paper against a desk differs by far more; a fold or a shade by less
# A page lies on something darker: at most this share of what is outside it may be nearly as bright as the
# page (within PAPER_LIKE of its median). A scan's own margins are (a bright text column between a dark
# picture and a dark band of a printed page is not a photographed page); measured on the photos of
# ../shared/eval: at most 0.1%.
MAX_PAPER_OUTSIDE = 0.05
PAPER_LIKE = 0.8


def _alone_on_darker(smooth: np.ndarray, corners: np.ndarray) -> bool:
    import cv2

    inside = np.zeros(smooth.shape, np.uint8)
    cv2.fillPoly(inside, [corners.reshape(-1, 1, 2).round().astype(np.int32)], 255)
    page = float(np.median(smooth[inside > 0]))
    outside = smooth[inside == 0]
    return not outside.size or float((outside > PAPER_LIKE * page).mean()) <= MAX_PAPER_OUTSIDE


def find_page_corners(image: Image.Image | np.ndarray) -> Corners | None:
    """The page's four corners in ``image``'s pixels (top-left, top-right, bottom-right, bottom-left), or
    None when no page lies wholly inside the frame."""
    import cv2

    gray, scale = _shrunk(_gray_array(image))
    height, width = gray.shape
    smooth = _closed(gray)
    best, best_score = None, MIN_SIDE_CONTRAST
    for level in _thresholds(smooth):
        contours, _ = cv2.findContours(_mask(smooth, level), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
        for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:2]:
            if cv2.contourArea(contour) < MIN_PAGE_SHARE * width * height:
                break
            corners = _quadrilateral(contour)
            if corners is None or not _inside_frame(corners, width, height):
                continue
            if not cv2.isContourConvex(corners.reshape(-1, 1, 2).astype(np.float32)):
                continue
            score = _side_contrast(smooth, corners)
            if score > best_score and _alone_on_darker(smooth, corners):
                best, best_score = corners, score
    if best is None:
        return None
    full = best / scale
    return tuple((float(x), float(y)) for x, y in full)  # type: ignore[return-value]


def flat_size(corners: Corners) -> tuple[int, int]:
    """The flattened page's width and height: the quadrilateral's opposite sides' mean lengths (the side
    nearer the camera looks longer, the farther shorter; their mean is close to the page's)."""
    tl, tr, br, bl = (np.asarray(p, dtype=np.float64) for p in corners)
    width = (np.hypot(*(tr - tl)) + np.hypot(*(br - bl))) / 2
    height = (np.hypot(*(bl - tl)) + np.hypot(*(br - tr))) / 2
    return max(1, int(round(width))), max(1, int(round(height)))


def flatten(image: Image.Image, corners: Corners, angle: float = 0.0) -> Image.Image:
    """The quadrilateral ``corners`` of ``image`` mapped onto an upright rectangle (perspective undone),
    cropped to it, and turned ``angle`` degrees counter-clockwise in the same resampling (each resampling
    softens small print), grown to hold the whole page."""
    import cv2

    width, height = flat_size(corners)
    target = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    matrix = cv2.getPerspectiveTransform(np.float32(corners), target)
    size = _turned_size(width, height, angle)
    pixels = np.asarray(image.convert("RGB"))
    if not angle:
        return Image.fromarray(cv2.warpPerspective(pixels, matrix, size, flags=cv2.INTER_CUBIC,
                                                   borderMode=cv2.BORDER_REPLICATE))
    turning = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    turning[0, 2] += (size[0] - width) / 2
    turning[1, 2] += (size[1] - height) / 2
    flat = cv2.warpPerspective(pixels, np.vstack([turning, [0, 0, 1]]) @ matrix, size, flags=cv2.INTER_CUBIC,
                               borderMode=cv2.BORDER_REPLICATE)
    # the corners the turn uncovers would show the desk: they get the paper's colour along the page's edge
    page = cv2.warpAffine(np.full((height, width), 255, np.uint8), turning, size, flags=cv2.INTER_NEAREST) > 0
    inner = [cv2.erode(page.astype(np.uint8), np.ones((k, k), np.uint8)).astype(bool) for k in (15, 31)]
    edge = inner[0] & ~inner[1]  # a band just inside the page, clear of its very edge
    flat[~page] = np.median(flat[edge], axis=0).astype(np.uint8) if edge.any() else 255
    return Image.fromarray(flat)


def even_light(image: Image.Image) -> Image.Image:
    """The page's light evened out: each colour divided by the paper's own brightness there (the image
    with its text closed over, smoothed), so a shadow or a lamp's falloff no longer darkens the paper."""
    import cv2

    pixels = np.asarray(image.convert("RGB"))
    small, _scale = _shrunk(pixels.max(axis=2), 600)
    side = max(small.shape)
    closing = max(3, int(side * 0.03) | 1)
    paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (closing, closing)))
    paper = cv2.GaussianBlur(paper.astype(np.float32), (0, 0), side / 200)
    white = float(np.percentile(paper, 95))
    gain_small = np.clip(white / np.maximum(paper, 1.0), 1.0, 3.0)  # never darker; a deep shadow at most 3x
    height, width = pixels.shape[:2]
    out = np.empty_like(pixels)
    rows = max(1, (64 << 20) // (width * 16))  # a strip at a time: a 100-megapixel photo needs no gigabytes
    for top in range(0, height, rows):
        bottom = min(height, top + rows)
        # the small gain map's rows for this strip, resized to full width and the strip's height
        y0, y1 = top * gain_small.shape[0] / height, bottom * gain_small.shape[0] / height
        map_y = np.linspace(y0, y1, bottom - top, endpoint=False, dtype=np.float32) - 0.5 + 0.5 * (y1 - y0) / max(1, bottom - top)
        map_x = (np.arange(width, dtype=np.float32) + 0.5) * gain_small.shape[1] / width - 0.5
        gain = cv2.remap(gain_small, *np.meshgrid(map_x, map_y), interpolation=cv2.INTER_LINEAR,
                         borderMode=cv2.BORDER_REPLICATE)
        out[top:bottom] = np.clip(pixels[top:bottom].astype(np.float32) * gain[..., None], 0, 255)
    return Image.fromarray(out)


def straighten_angle(image: Image.Image | np.ndarray) -> float:
    """The angle (degrees, counter-clockwise) that makes the text lines level, within ±MAX_ANGLE; 0.0 when
    the page has too little text to tell or is level already. The text's dark pixels are projected onto
    the vertical at each angle: lines lying level pile up into the sharpest rows (the largest sum of
    squares). Used on flattened photos, where the turn rides on the flattening's resampling; a scan is not
    turned by it: on ../shared/eval's receipts the extra resampling lost more small print than level rows
    won (sroie row-order cer_ns 0.053 -> 0.072, ADR 0014)."""
    import cv2

    gray, _scale = _shrunk(_gray_array(image))
    side = max(gray.shape)
    block = max(15, int(side * 0.03) | 1)
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 15)
    ys, xs = np.nonzero(ink)
    if len(xs) < 200:
        return 0.0
    if len(xs) > 200_000:
        keep = np.random.default_rng(0).choice(len(xs), 200_000, replace=False)
        xs, ys = xs[keep], ys[keep]
    xs = xs.astype(np.float64) - gray.shape[1] / 2
    ys = ys.astype(np.float64) - gray.shape[0] / 2

    def sharpness(first: np.ndarray, second: np.ndarray, degrees: float) -> float:
        theta = np.deg2rad(degrees)
        projected = second * np.cos(theta) - first * np.sin(theta)
        counts = np.bincount(np.round(projected - projected.min()).astype(np.int64))
        return float((counts.astype(np.float64) ** 2).sum())

    # rows only: a page lying sideways is turned upright later (core/orientation.py), unstraightened
    coarse = np.arange(-MAX_ANGLE, MAX_ANGLE + 1e-9, 0.5)
    scores = np.array([sharpness(xs, ys, a) for a in coarse])
    centre = float(coarse[int(np.argmax(scores))])
    fine = np.arange(centre - 0.5, centre + 0.5 + 1e-9, 0.05)
    fine_scores = np.array([sharpness(xs, ys, a) for a in fine])
    best_angle = float(fine[int(np.argmax(fine_scores))])
    best_gain = float(fine_scores.max()) / max(1.0, float(np.median(scores)))  # clear rows at all
    best_level = float(fine_scores.max()) / max(1.0, sharpness(xs, ys, 0.0))  # clearer turned than level
    if best_gain < 1.1 or best_level < MIN_SHARPER or abs(best_angle) < MIN_ANGLE or abs(best_angle) >= MAX_ANGLE:
        return 0.0  # no clear lines, no clearer turned than level (a word or two), level, or not a small slant
    # the rows are sharpest with the points turned by the angle found: the image is turned as much
    return best_angle


def analyse(image: Image.Image, corners: Corners | None = None) -> PhotoGeometry:
    """Where the page is (``corners`` when a person placed them, else found) and how much it is turned,
    without making the corrected page: the look is taken at most ``ANALYSIS_SIDE`` pixels a side."""
    import cv2

    if corners is None:
        corners = find_page_corners(image)
    if corners is None:  # a scan, or no page in sight: left as it is (see straighten_angle's note)
        return PhotoGeometry(None, 0.0, image.size)
    width, height = flat_size(corners)
    gray, scale = _shrunk(_gray_array(image))
    target = np.float32([[0, 0], [width, 0], [width, height], [0, height]]) * scale
    matrix = cv2.getPerspectiveTransform(np.float32(corners) * scale, target)
    small = cv2.warpPerspective(gray, matrix, (max(1, round(width * scale)), max(1, round(height * scale))),
                                flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    angle = straighten_angle(small)
    return PhotoGeometry(corners, angle, _turned_size(width, height, angle))


def scaled(geometry: PhotoGeometry, factor: float, original_size: tuple[int, int]) -> PhotoGeometry:
    """``geometry`` found on a copy of the image scaled by 1/``factor``, for the image itself (of
    ``original_size``): corners and the corrected page's size in its pixels."""
    if geometry.corners is None:
        return PhotoGeometry(None, 0.0, original_size)
    corners = tuple((x * factor, y * factor) for x, y in geometry.corners)
    return PhotoGeometry(corners, geometry.angle, _turned_size(*flat_size(corners), geometry.angle))  # type: ignore[arg-type]


def _turned_size(width: int, height: int, angle: float) -> tuple[int, int]:
    if not angle:
        return width, height
    theta = np.deg2rad(abs(angle))
    return (int(round(width * np.cos(theta) + height * np.sin(theta))),
            int(round(width * np.sin(theta) + height * np.cos(theta))))


def apply_geometry(image: Image.Image, geometry: PhotoGeometry) -> Image.Image:
    """The corrected page: flattened, cropped and turned level in one resampling, its light evened out;
    the image itself when no page was found."""
    if geometry.corners is None:
        return image
    page = even_light(flatten(image, geometry.corners, geometry.angle))
    if page.size != geometry.size:  # never, but the size promised is the size given
        page = page.resize(geometry.size, Image.Resampling.BICUBIC)
    return page


def correct_photo(image: Image.Image) -> PhotoCorrection:
    """``image`` corrected: see the module's description. The original is returned as it is when there was
    nothing to correct."""
    geometry = analyse(image)
    if not geometry.changes:
        return PhotoCorrection(None, 0.0, image)
    return PhotoCorrection(geometry.corners, geometry.angle, apply_geometry(image, geometry))
