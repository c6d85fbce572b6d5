"""Help → Keyboard Shortcuts (from the declared actions) and Help → About DocScan."""

from __future__ import annotations

import importlib.metadata as metadata
from html import escape

from PySide6.QtWidgets import QMessageBox, QWidget

from ..core.backends import BACKENDS
from ..core.engine import EngineConfig
from ..core.version import VERSION
from .actions import shortcut_rows
from .i18n import tr


def shortcuts_box(parent: QWidget) -> QMessageBox:
    """Every action with keys, and the gestures, in a box that stays open beside the window (not modal)."""
    rows = "".join(f"<tr><td>{escape(what)}</td><td><b>{escape(how)}</b></td></tr>" for what, how in shortcut_rows())
    box = QMessageBox(QMessageBox.Icon.NoIcon, tr("Keyboard Shortcuts"), f"<table cellspacing='6'>{rows}</table>",
                      parent=parent)
    box.setModal(False)
    box.show()
    return box


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def show_about(parent: QWidget, config: EngineConfig, models: dict) -> None:
    QMessageBox.about(parent, tr("About DocScan"), (
        f"<h3>DocScan {VERSION}</h3><p>{tr('A document scanner: OCR of images and PDFs, locally.')}</p>"
        "<p>" + tr("Engine: PP-OCR models on {0} {1}, {2}").format(
            BACKENDS[config.backend].label, _version(BACKENDS[config.backend].package),
            config.device.upper()) + "</p>"
        "<p>" + tr("Models: {0}: {1}").format(config.label, ', '.join(models.values()) or tr('not loaded yet'))
        + "</p>"
        f"<p>PyMuPDF {_version('PyMuPDF')}, Pillow {_version('Pillow')}, PySide6 {_version('PySide6-Essentials')}</p>"))
