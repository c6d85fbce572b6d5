"""Take the README's screenshots of paper coming in (run under Xvfb, like make_screenshot.py):

    xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python docs/make_scan_screenshot.py docs/images

scanning.png: File → Scan from a sheet feeder, caught half-way: the pages scanned so far in the thumbnail
strip, the first recognised, "Scanning page 3…" with its Cancel button. The scanner is core.scanning's
FakeScanner handing out pages rendered from the sample letter (no scanner is needed to take it).
photo.png: a camera photo of the sample page (made as tests/test_page_photo.py makes one) opened as it
comes: shown flattened, evened out and straightened, recognised.
"""

import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtGui import QGuiApplication

from make_screenshot import wait  # beside this script (its folder is on sys.path when run as a script)


def sample_pages() -> list[Image.Image]:
    import pymupdf

    from docscan.resources import sample_document

    with pymupdf.open(sample_document()) as pdf:
        pixmaps = [pdf[i % pdf.page_count].get_pixmap(dpi=200, alpha=False) for i in range(4)]
    return [Image.frombytes("RGB", (p.width, p.height), p.samples) for p in pixmaps]


def photographed(page: Image.Image) -> Image.Image:
    """The page on a darker desk, turned and seen at an angle, unevenly lit (as make_photos.py does)."""
    import cv2

    rng = np.random.default_rng(5)
    src = np.asarray(page.convert("RGB")).astype(np.float32)
    h, w = src.shape[:2]
    out_w, out_h = int(w * 1.35), int(h * 1.25)
    desk = np.full((out_h, out_w, 3), (92, 84, 70), np.float32) + rng.normal(0, 6, (out_h, out_w, 1))
    corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    cx, cy = out_w / 2, out_h / 2
    angle = np.deg2rad(7)
    placed = []
    for (x, y), (dx, dy) in zip(corners - [w / 2, h / 2], rng.uniform(-0.04, 0.04, (4, 2)) * [w, h]):
        placed.append([cx + x * np.cos(angle) - y * np.sin(angle) + dx, cy + x * np.sin(angle) + y * np.cos(angle) + dy])
    matrix = cv2.getPerspectiveTransform(corners, np.float32(placed))
    warped = cv2.warpPerspective(src, matrix, (out_w, out_h), borderValue=0)
    mask = cv2.warpPerspective(np.ones((h, w), np.float32), matrix, (out_w, out_h))[..., None]
    light = np.linspace(1.0, 0.72, out_w, dtype=np.float32)[None, :, None]
    image = (warped * mask + desk * (1 - mask)) * light
    return Image.fromarray(np.clip(cv2.GaussianBlur(image, (0, 0), 1.0), 0, 255).astype(np.uint8))


def shoot(window, target: Path) -> None:
    wait(ms=800)
    QGuiApplication.primaryScreen().grabWindow(0).copy(window.frameGeometry()).save(str(target))


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/images")
    home = tempfile.mkdtemp(prefix="docscan-shot-")
    from docscan.core.scanning import FakeScanner, ScanSettings
    from docscan.gui.launch import create_app
    from docscan.gui.settings import Settings

    settings = Settings(Path(home) / "settings.ini")
    app, window = create_app([], settings=settings)
    window.resize(1360, 860)
    window.move(20, 20)
    window.show()
    window.start_engine()
    wait(window.engineStateChanged, 60000)

    scanner = FakeScanner(sample_pages(), delay=2.5, name="Office scanner")
    window.scans.worker.use_scanners(lambda scanner_id: scanner, lambda network_timeout=0.0: [scanner.info])
    window.scans.start(scanner.info.id, ScanSettings(source="feeder", dpi=200))
    arrived = []
    window.scans.pageArrived.connect(lambda key, index: arrived.append(index))
    while len(arrived) < 2:
        wait(window.scans.pageArrived, 30000)
    wait(window.pageRecognised, 60000)
    window.view.fit_page()
    shoot(window, folder / "scanning.png")
    window.scans.cancel()
    wait(window.scans.scanEnded, 30000)
    wait(ms=3000)

    photo = Path(home) / "photo-of-the-letter.jpg"
    photographed(sample_pages()[0]).save(photo, quality=85)
    window.open_paths([str(photo)])
    wait(window.pageShown, 20000)
    window.recognise_current_page()
    wait(window.ocrFinished, 120000)
    window.view.fit_page()
    shoot(window, folder / "photo.png")
    for doc in window.docs.values():
        doc.dirty = False
    window.close()


if __name__ == "__main__":  # the engine's process re-imports this script (spawn): it must not run again
    main()
