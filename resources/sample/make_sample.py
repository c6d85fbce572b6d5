"""Make DocScan's sample document: a one-page scanned letter, image only (no text layer).

The project makes it itself (nothing from ../shared/eval): the text below is typeset with PyMuPDF's
built-in fonts, rasterised at 200 dpi, given a little scanner noise and a slight tilt, and wrapped in a
PDF page as an image, as a flatbed scanner would. ``sample.txt`` holds the text, which the tests and
``docscan --self-test`` compare with what OCR reads. Run it again only to change the sample.

    python resources/sample/make_sample.py
"""

from pathlib import Path

import pymupdf  # PyMuPDF
import numpy as np
from PIL import Image, ImageFilter

HERE = Path(__file__).resolve().parent
LINES = [
    ("helv", 20, "DocScan Sample Letter"),
    ("helv", 12, "Invoice number 2026-0117, dated 23 November 2026"),
    ("helv", 12, "Please pay the total of 1,234.56 EUR within 30 days."),
    ("helv", 12, "Questions? Write to support@docscan.example"),
    ("china-s", 14, "文档扫描示例页面"),
    ("china-s", 12, "本页用于测试中文和英文的文字识别。"),
    ("helv", 12, "Thank you for scanning with DocScan."),
]
DPI = 200


def main() -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)  # US letter
    y = 96
    for font, size, text in LINES:
        page.insert_text((72, y), text, fontname=font, fontsize=size)
        y += size * 2.6
    pixmap = page.get_pixmap(dpi=DPI, colorspace=pymupdf.csGRAY)
    image = Image.frombytes("L", (pixmap.width, pixmap.height), pixmap.samples)
    image = image.rotate(0.6, resample=Image.BICUBIC, fillcolor=255).filter(ImageFilter.GaussianBlur(0.6))
    noise = np.random.default_rng(2026).normal(0, 6, (image.height, image.width))
    pixels = np.clip(np.asarray(image, dtype=np.float64) * 0.9 + 14 + noise, 0, 255).astype(np.uint8)
    scanned = HERE / "sample-scan.jpg"
    Image.fromarray(pixels, "L").save(scanned, quality=70)

    scan = pymupdf.open()
    scan_page = scan.new_page(width=612, height=792)
    scan_page.insert_image(scan_page.rect, filename=str(scanned))
    scan.set_metadata({"title": "DocScan sample letter", "creator": "DocScan resources/sample/make_sample.py"})
    scan.save(HERE / "sample-scan.pdf", garbage=4, deflate=True)
    scanned.unlink()
    (HERE / "sample.txt").write_text("\n".join(text for _, _, text in LINES) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
