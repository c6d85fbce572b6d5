"""Toolbar and menu icons from qtawesome (Material Design Icons 6, bundled in its wheel as a font), drawn
in the palette's text colours so that they follow a light or dark theme and look disabled when disabled.
Without qtawesome the actions keep their text (nothing else depends on it)."""

from __future__ import annotations

import os

from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication

from .actions import all_actions

# action attribute on MainWindow -> Material Design Icons name, from the declared actions (actions.py)
ACTION_ICONS = {f"act_{spec.name}": spec.icon for spec in all_actions() if spec.icon}


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
