"""Take the README's screenshot of a page's tables drawn as a grid (run under Xvfb, like make_screenshot.py):

    xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python docs/make_table_screenshot.py docs/images/table-grid.png

A stock report rendered here (a title, a paragraph, a ruled table whose header spans two columns, and a
smaller one), recognised by the real engine, which finds the tables itself (core/table_finder.py); the
right-click menu of the first table open over it. The script stops if the engine found other tables than
the ones drawn.
"""

import sys
import tempfile
from pathlib import Path

from PIL import Image
from PySide6.QtGui import QGuiApplication

from make_screenshot import recognised_window, wait  # beside this script (its folder is on sys.path when run as a script)

DPI = 150
# (left, top, column widths, row height, header rows, cells as (row, col, rows spanned, columns spanned, text)),
# in points
TABLES = [
    (60, 190, (150, 90, 90, 100), 26, 2,
     [(0, 0, 2, 1, "Item"), (0, 1, 1, 2, "Warehouse"), (0, 3, 2, 1, "Price"), (1, 1, 1, 1, "North"),
      (1, 2, 1, 1, "South")] + [(r + 2, c, 1, 1, text) for r, row in enumerate(
          (("Steel bolts M8", "1,250", "980", "0.12"), ("Washers", "4,400", "3,150", "0.03"),
           ("Hinges, brass", "310", "95", "2.40"), ("Cable ties", "12,000", "8,500", "0.02")))
                                    for c, text in enumerate(row)]),
    (60, 420, (150, 120), 26, 1, [(r, c, 1, 1, text) for r, row in enumerate(
        (("Order", "Due"), ("A-1042", "12 April"), ("A-1043", "19 April"))) for c, text in enumerate(row)]),
]


def report_page(path: Path):
    """The page as a 150-dpi PNG, and its tables (core.tables) in the image's pixels, cells not filled."""
    import pymupdf

    from docscan.core.tables import Table, TableCell

    scale = DPI / 72
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=560)
    page.insert_text((60, 80), "Stock report, March", fontname="hebo", fontsize=20)
    for number, line in enumerate(("Counted on the last working day of the month in both warehouses.",
                                   "Prices are per piece, without tax; orders still open are listed below.")):
        page.insert_text((60, 120 + number * 18), line, fontname="helv", fontsize=11)
    tables = []
    for left, top, widths, height, header_rows, spec in TABLES:
        edges = [left + sum(widths[:i]) for i in range(len(widths) + 1)]
        cells = []
        for row, col, row_span, col_span, text in spec:
            x0, x1, y0, y1 = edges[col], edges[col + col_span], top + row * height, top + (row + row_span) * height
            page.draw_rect(pymupdf.Rect(x0, y0, x1, y1), color=(0.2, 0.2, 0.2), width=0.7)
            page.insert_text((x0 + 6, (y0 + y1) / 2 + 4), text, fontname="hebo" if row < header_rows else "helv",
                             fontsize=11)
            cells.append(TableCell(row, col, row_span, col_span, (x0 * scale, y0 * scale, x1 * scale, y1 * scale)))
        rows = max(row + row_span for row, _c, row_span, _cs, _t in spec)
        tables.append(Table((edges[0] * scale, top * scale, edges[-1] * scale, (top + rows * height) * scale),
                            cells, ruled=True))
    pixmap = page.get_pixmap(dpi=DPI, alpha=False)
    Image.frombytes("RGB", (pixmap.width, pixmap.height), pixmap.samples).save(path)
    return tables


def main() -> None:
    target = Path(sys.argv[1])
    home = Path(tempfile.mkdtemp(prefix="docscan-shot-"))
    from docscan.gui.settings import Settings

    page = home / "stock-report.png"
    tables = report_page(page)
    app, window = recognised_window([page], Settings(home / "settings.ini"), (1280, 820), timeout_ms=180000)
    doc = window.current_doc
    result = doc.results[0]
    drawn = [(t.rows, t.cols) for t in tables]
    if [(t.rows, t.cols) for t in result.tables] != drawn:
        raise SystemExit(f"the engine found {[t.grid() for t in result.tables]}, not the {drawn} tables drawn")
    window.view.fit_width()
    wait(ms=800)
    cell = result.tables[0].cells[6].box  # "1,250"'s cell, right of its text
    window.view.customContextMenuRequested.emit(window.view.mapFromScene((cell[0] + cell[2]) / 2 + 40, cell[3] - 8))
    wait(ms=800)
    QGuiApplication.primaryScreen().grabWindow(0).copy(window.frameGeometry()).save(str(target))
    for menu in app.topLevelWidgets():
        if menu.isVisible() and menu.inherits("QMenu"):
            menu.close()
    print("tables:", [t.grid() for t in result.tables])
    doc.dirty = False
    window.close()


if __name__ == "__main__":  # the engine's process re-imports this script (spawn): it must not run again
    main()
