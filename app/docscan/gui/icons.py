"""Toolbar and menu icons from qtawesome (Material Design Icons 6, bundled in its wheel as a font), drawn
in the palette's text colours so that they follow a light or dark theme and look disabled when disabled.
Without qtawesome the actions keep their text (nothing else depends on it)."""

from __future__ import annotations

import os

from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication

# action attribute on MainWindow -> Material Design Icons name
ACTION_ICONS = {
    "act_open": "mdi6.folder-open-outline",
    "act_save": "mdi6.content-save-outline",
    "act_ocr_page": "mdi6.text-recognition",
    "act_ocr_all": "mdi6.file-document-multiple-outline",
    "act_ocr_region": "mdi6.selection-drag",
    "act_cancel": "mdi6.close-circle-outline",
    "act_fast": "mdi6.lightning-bolt-outline",
    "act_copy_all": "mdi6.content-copy",
    "act_fit_page": "mdi6.fit-to-page-outline",
    "act_fit_width": "mdi6.arrow-expand-horizontal",
    "act_zoom_out": "mdi6.magnify-minus-outline",
    "act_zoom_in": "mdi6.magnify-plus-outline",
    "act_settings": "mdi6.cog-outline",
    "act_find": "mdi6.magnify",
    "act_undo": "mdi6.undo",
    "act_redo": "mdi6.redo",
    "act_boxes": "mdi6.vector-square",
    "act_turn_left": "mdi6.rotate-left",
    "act_turn_right": "mdi6.rotate-right",
    "act_capture": "mdi6.monitor-screenshot",
    "act_next": "mdi6.chevron-down",
    "act_prev": "mdi6.chevron-up",
}


def icon(name: str) -> QIcon | None:
    os.environ.setdefault("QT_API", "pyside6")  # qtawesome goes through QtPy: the binding DocScan uses
    try:
        import qtawesome
    except Exception:  # not installed, or no usable binding: text-only actions
        return None
    palette = QApplication.palette()
    return qtawesome.icon(name, color=palette.windowText().color(), color_disabled=palette.placeholderText().color())


def apply_icons(window) -> int:
    """Give the window's actions their icons; returns how many got one."""
    given = 0
    for attribute, name in ACTION_ICONS.items():
        action: QAction | None = getattr(window, attribute, None)
        found = icon(name) if action is not None else None
        if found is not None:
            action.setIcon(found)
            given += 1
    return given
