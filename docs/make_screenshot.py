"""Take the README's screenshots from the real app in a real X window (run under Xvfb):

    xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python docs/make_screenshot.py docs/screenshot.png
    xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python docs/make_screenshot.py --dark docs/screenshot-dark.png
    xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python docs/make_screenshot.py --language zh_CN docs/screenshot-zh.png

--dark uses Qt's Fusion style with a dark palette, as a dark desktop theme gives the window; --language
sets the window's language (the ``ui/language`` setting, in a settings file of its own).
"""

import argparse
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


def wait(signal=None, ms=60000):
    loop = QEventLoop()
    if signal is not None:
        signal.connect(loop.quit)
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def recognised_window(paths, settings, size=(1360, 860), timeout_ms=120000):
    """The real window on ``paths``, shown at ``size``, its engine started and its first page recognised:
    (app, window). The other screenshot scripts start from here too."""
    from docscan.gui.launch import create_app

    app, window = create_app([str(path) for path in paths], settings=settings)
    window.resize(*size)
    window.move(20, 20)
    window.show()
    window.start_engine()
    wait(window.pageShown, 10000)
    window.recognise_current_page()
    wait(window.ocrFinished, timeout_ms)
    return app, window


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#2b2b2e"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
                         (QPalette.ColorRole.Base, "#1f1f22"), (QPalette.ColorRole.AlternateBase, "#333338"),
                         (QPalette.ColorRole.Text, "#e6e6e6"), (QPalette.ColorRole.Button, "#36363a"),
                         (QPalette.ColorRole.ButtonText, "#e6e6e6"), (QPalette.ColorRole.Highlight, "#3d7dd8"),
                         (QPalette.ColorRole.HighlightedText, "#ffffff"), (QPalette.ColorRole.ToolTipBase, "#333338"),
                         (QPalette.ColorRole.ToolTipText, "#e6e6e6"), (QPalette.ColorRole.PlaceholderText, "#8a8a8f"),
                         (QPalette.ColorRole.Mid, "#55555a")):
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#77777c"))
    return palette


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("target")
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--language", default="en")
    args = parser.parse_args()

    home = tempfile.mkdtemp(prefix="docscan-shot-")  # a settings file of its own: nothing of the user's
    from docscan.gui.settings import Settings

    settings = Settings(Path(home) / "settings.ini")
    settings.set("ui/language", args.language)
    app = QApplication.instance() or QApplication(["docscan"])
    if args.dark:
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    from docscan.resources import sample_document

    app, window = recognised_window([sample_document()], settings)
    window.text_panel.setCurrentRow(2)
    window.view.fit_width()
    wait(ms=800)
    shot = QGuiApplication.primaryScreen().grabWindow(0)
    shot.copy(window.frameGeometry()).save(args.target)
    for doc in window.docs.values():
        doc.dirty = False
    window.close()


if __name__ == "__main__":  # the engine's process re-imports this script (spawn): it must not run again
    main()
