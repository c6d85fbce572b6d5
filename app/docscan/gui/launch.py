"""The application factory. ``create_app`` builds the real window without running the event loop, so
tests drive exactly what a person gets; ``run`` is what ``docscan [FILE...]`` calls."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ..core.version import VERSION as __version__
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


def _quit_on_terminate(app: QApplication, window: MainWindow) -> QTimer:
    """SIGTERM (`kill`, a session or service manager ending DocScan) saves the unsaved results and
    corrections beside their documents (there is no one to ask) and ends the event loop, so that the
    window shuts its engine process and threads down as on Quit instead of dying with them running.
    Python runs a signal handler only between bytecodes: a timer gives it the chance while Qt's loop waits."""
    import signal

    def terminate(*_):
        window.keeper.save_now(window.model.dirty_documents())
        app.quit()

    signal.signal(signal.SIGTERM, terminate)
    heartbeat = QTimer(app)
    heartbeat.setInterval(300)
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start()
    return heartbeat


def run(paths=()) -> int:
    app, window = create_app(paths)
    _install_excepthook(window)
    _quit_on_terminate(app, window)
    window.show()
    # Load the models once the window is up: importing PaddleOCR stalls the main thread briefly.
    QTimer.singleShot(150, window.start_engine)
    code = app.exec()
    window.shutdown()
    return code
