"""The application factory. ``create_app`` builds the real window without running the event loop, so
tests drive exactly what a person gets; ``run`` is what ``docscan [FILE...]`` calls."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import __version__
from .i18n import chosen_language, install_translation, tr
from .main_window import MainWindow, app_icon
from .settings import Settings


def create_app(paths=(), settings: Settings | None = None, store=None) -> tuple[QApplication, MainWindow]:
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "docscan"])
    app.setApplicationName("DocScan")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("DocScan")
    app.setDesktopFileName("docscan")
    app.setWindowIcon(app_icon())
    settings = settings or Settings()
    install_translation(app, chosen_language(settings.get("ui/language")))  # before any widget has words
    window = MainWindow(settings, store)
    if paths:
        window.open_paths([str(Path(p)) for p in paths])
    return app, window


def _install_excepthook(window: MainWindow) -> None:
    """An unexpected error is shown as a message, and the window stays usable; the traceback goes to stderr."""
    def hook(kind, value, tb):
        traceback.print_exception(kind, value, tb)
        QMessageBox.critical(window, tr("Something went wrong"),
                             tr("DocScan hit an unexpected problem and stopped that action:\n\n{0}\n\n"
                                "Your open documents and results are still here.").format(value))

    sys.excepthook = hook


def run(paths=()) -> int:
    app, window = create_app(paths)
    _install_excepthook(window)
    window.show()
    # Load the models once the window is up: importing PaddleOCR stalls the main thread briefly.
    QTimer.singleShot(150, window.start_engine)
    code = app.exec()
    window.shutdown()
    return code
