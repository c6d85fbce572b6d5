"""Take the README's screenshot of Review mode (run under Xvfb, like make_screenshot.py):

    xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python docs/make_review_screenshot.py docs/images/review-mode.png

A shop receipt rendered here (small print, amounts) as a cheap scan gives it (75 dpi, a coarse JPEG), recognised
by the real engine, which marks the lines it doubts (core/review.py: on this page "GST 6%" read as "GST 61",
among others). Where the engine marks none (one from before issue 26's review), this script marks lines by
hand instead, as the engine would, and says so. Then Review is opened with F7 and each marked line but the
last accepted with Enter: the last is shown, magnified above its text with its reasons.
"""

import sys
import tempfile
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from make_screenshot import recognised_window, wait  # beside this script (its folder is on sys.path when run as a script)

DPI = 150
RECEIPT = [("hebo", 15, "GREEN LEAF GROCERY"), ("helv", 9, "12 Harbour Road, Penang   Tel 04-226 1180"),
           ("helv", 9, "Bill# 00417    05/03/2024 18:42    Cashier: Aini"), ("helv", 10, ""),
           ("helv", 10, "Jasmine rice 5kg           1 x 24.90     24.90"),
           ("helv", 10, "Eggs grade A (30)          1 x 13.50     13.50"),
           ("helv", 10, "Beverage, soy milk 1L      2 x  5.60     11.20"),
           ("helv", 10, "Bananas 1.15kg @ 4.90/kg               5.64"),
           ("helv", 10, "Dish soap 900ml            1 x  8.30      8.30"), ("helv", 10, ""),
           ("hebo", 11, "Subtotal                                63.54"),
           ("helv", 10, "GST 6%                                   3.81"),
           ("hebo", 12, "TOTAL                                  67.35"),
           ("helv", 10, "Cash                                   70.00"),
           ("helv", 10, "Change                                  2.65"), ("helv", 10, ""),
           ("helv", 9, "Goods sold are not returnable. Thank you!")]


def receipt_page(path: Path) -> None:
    """The receipt at 150 dpi, halved (75 dpi) and saved as a grey JPEG of quality 40."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=330, height=420)
    y = 40
    for font, size, text in RECEIPT:
        if text:
            page.insert_text((24, y), text, fontname="cour" if font == "helv" and size == 10 else font, fontsize=size)
        y += size * 1.7
    pixmap = page.get_pixmap(dpi=DPI, alpha=False)
    image = Image.frombytes("RGB", (pixmap.width, pixmap.height), pixmap.samples).convert("L")
    image.resize((image.width // 2, image.height // 2), Image.LANCZOS).save(path, quality=40)


def mark_by_hand(lines) -> None:
    """The engine marked nothing: the three lines it was least sure of ("weak character"), and the bill
    number, a code of digits that look like letters ("look-alike"), in the engine's words (core/review.py)."""
    for line in sorted(lines, key=lambda l: l.confidence)[:3]:
        line.review, line.review_reasons = True, ["weak character"]
    for line in lines:
        if line.text.startswith("Bill"):
            line.review = True
            line.review_reasons = [*line.review_reasons, "look-alike"]


def main() -> None:
    target = Path(sys.argv[1])
    home = Path(tempfile.mkdtemp(prefix="docscan-shot-"))
    from docscan.gui.settings import Settings

    page = home / "receipt.jpg"
    receipt_page(page)
    app, window = recognised_window([page], Settings(home / "settings.ini"), (1280, 860), timeout_ms=180000)
    doc = window.current_doc
    result = doc.results[0]
    if not any(line.review for line in result.lines):
        print("the engine marked no line: marked by hand")
        mark_by_hand(result.lines)
        window.model.pageChanged.emit(doc.key, 0)
    window.activateWindow()
    window.text_panel.setFocus()
    wait(ms=300)
    QTest.keyClick(window.text_panel, Qt.Key.Key_F7)  # Recognise → Review
    wait(ms=1500)
    for _ in range(sum(1 for line in result.lines if line.review) - 1):  # accepted as they read, but the last
        QTest.keyClick(window.review_panel.editor, Qt.Key.Key_Return)
        wait(ms=600)
    wait(ms=1000)
    shot = home / "shot.png"
    QGuiApplication.primaryScreen().grabWindow(0).copy(window.frameGeometry()).save(str(shot))
    # 256 colours: the README's images stay under 200 KB (the scan's JPEG grain is many shades of grey)
    Image.open(shot).convert("RGB").quantize(256).save(target, optimize=True)
    print("marked:", [(line.text, line.review_reasons) for line in result.lines if line.review])
    print("shown:", window.review_panel.progress.text(), "|", window.review_panel.editor.text())
    doc.dirty = False
    window.close()


if __name__ == "__main__":  # the engine's process re-imports this script (spawn): it must not run again
    main()
