"""The declared actions (actions.py) made into the window's QActions, once each, and read by everything
that offers them: the menu bar, the toolbar, and the right-click menus on the page, a line and a thumbnail.
An action calls the window's method its spec names, looked up when triggered (so that a test or an
embedder can replace the method)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMenu, QToolBar, QWidget

from .actions import CONTEXT_MENUS, TOOLBAR, ActionSpec, MenuSpec, menus, plain
from .i18n import tr
from .icons import apply_icons


class WindowActions:
    """Makes each declared action a QAction of ``window`` (its attribute ``act_<name>``) and the menus
    (``<name>_menu`` for a submenu), the toolbar and the context menus from them."""

    def __init__(self, window: QWidget, undo_group: QUndoGroup):
        self.window = window
        self.undo_group = undo_group
        self.actions: dict[str, QAction] = {}

    def build_menus(self, menu_bar) -> None:
        self._build_menu(menu_bar, menus())

    def _make(self, spec: ActionSpec) -> QAction:
        window = self.window
        if spec.name in ("undo", "redo"):  # made by the undo group: their words follow the history
            make = self.undo_group.createUndoAction if spec.name == "undo" else self.undo_group.createRedoAction
            action = make(window, spec.text)
        else:
            action = QAction(spec.text, window)
            action.setCheckable(spec.checkable)
            action.triggered.connect(lambda checked=False, s=spec: self._run(s, checked))
        # toolbar words without the menu's accelerator: "打开(&O)…" is "打开" there (Qt keeps "(O)")
        action.setIconText(plain(spec.text).rstrip("…"))
        action.setShortcuts([QKeySequence(key) for key in spec.keys])
        if spec.tip:
            action.setStatusTip(spec.tip)
            action.setToolTip(spec.tip)
        window.addAction(action)
        setattr(window, f"act_{spec.name}", action)
        self.actions[spec.name] = action
        return action

    def _run(self, spec: ActionSpec, checked: bool) -> None:
        handler = self.window
        for name in spec.slot.split("."):  # "find.open": the window's find controller's open
            handler = getattr(handler, name)
        handler(*spec.args, *((checked,) if spec.checkable else ()))

    def _build_menu(self, menu, items) -> None:
        for item in items:
            if item is None:
                menu.addSeparator()
            elif isinstance(item, MenuSpec):
                submenu = menu.addMenu(item.title)
                setattr(self.window, f"{item.name}_menu", submenu)
                self._build_menu(submenu, item.items)
            else:
                menu.addAction(self._make(item))

    def build_toolbar(self) -> QToolBar:
        toolbar = QToolBar(tr("Main"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        for name in TOOLBAR:
            toolbar.addSeparator() if name is None else toolbar.addAction(self.actions[name])
        toolbar.addSeparator()
        return toolbar

    def apply_icons(self, toolbar: QToolBar) -> None:
        if apply_icons(self.window):  # icons, with words only for the actions a new user looks for first
            toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            for name in ("open", "ocr_page", "ocr_all"):
                toolbar.widgetForAction(self.actions[name]).setToolButtonStyle(
                    Qt.ToolButtonStyle.ToolButtonTextBesideIcon)

    def context_menu(self, kind: str, parent: QWidget | None = None) -> QMenu:
        """The right-click menu ``kind`` ("page", "line", "thumbnail"): the declared actions it lists, the
        same QActions as the menu bar's (their state, keys and icons with them)."""
        menu = QMenu(parent or self.window)
        for name in CONTEXT_MENUS[kind]:
            menu.addSeparator() if name is None else menu.addAction(self.actions[name])
        return menu
