"""The declared actions (actions.py) made into the window's QActions, once each, and read by everything
that offers them: the menu bar, the toolbar, and the right-click menus on the page, a line, a table and a
thumbnail.
An action calls the window's method its spec names, looked up when triggered (so that a test or an
embedder can replace the method)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt, Signal
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

    def update(self, doc, page: int, busy: bool, region_mode: bool) -> None:
        """Enable the actions that can act now: on the document ``doc`` (None: none open) at page ``page``,
        while a job runs (``busy``) or a region is being chosen."""
        has_doc = doc is not None
        has_results = bool(doc and doc.results)
        page_read = bool(doc and page in doc.results and doc.results[page].lines)
        enabled = {"cancel": busy or region_mode, "edit_line": page_read, "ocr_line": page_read and not busy,
                   "next": has_doc and page + 1 < doc.page_count, "prev": has_doc and page > 0}
        enabled.update(dict.fromkeys(("ocr_page", "ocr_all", "ocr_region"), has_doc and not busy))
        enabled.update(dict.fromkeys(("save", "save_as", "copy_all", *(name for name in self.actions
                                                                       if name.startswith("export_"))), has_results))
        enabled.update(dict.fromkeys(("close_doc", "zoom_in", "zoom_out", "fit_page", "fit_width", "actual", "copy",
                                      "copy_page", "turn_left", "turn_right", "print", "save_pdf", "insert_pages",
                                      "delete_pages", "move_up", "move_down"), has_doc))
        for name, on in enabled.items():
            self.actions[name].setEnabled(on)
        for controller in ("photos", "tables", "review"):  # these controllers, once the window has made them
            if getattr(self.window, controller, None) is not None:
                getattr(self.window, controller).update_actions(doc, page, busy)

    def context_menu(self, kind: str, parent: QWidget | None = None, then: str | None = None) -> QMenu:
        """The right-click menu ``kind`` ("page", "line", "thumbnail", "table"): the declared actions it lists,
        the same QActions as the menu bar's (their state, keys and icons with them); ``then``: another kind's
        actions after them, past a separator (a table's menu, then the line's or the page's)."""
        menu = QMenu(parent or self.window)
        for name in CONTEXT_MENUS[kind] + ((None, *CONTEXT_MENUS[then]) if then else ()):
            if name is None:
                menu.addSeparator()
            elif name in self.actions:
                menu.addAction(self.actions[name])
            else:  # a declared submenu ("move_to"), the menu bar's own
                menu.addMenu(getattr(self.window, f"{name}_menu"))
        return menu


class ContextMenus(QObject):
    """Right-click menus on the page (a line's box: the line's menu), a row of the text panel and a thumbnail;
    the line or page right-clicked is selected or shown first, so that the actions act on it."""

    shown = Signal(str, object)  # kind, the QMenu

    def __init__(self, actions: WindowActions, view, text_panel, thumb_view, show_page, parent: QObject):
        super().__init__(parent)
        self.actions, self.view, self.text_panel, self.thumb_view = actions, view, text_panel, thumb_view
        self._show_page = show_page
        for widget, handler in ((view, self._on_view), (text_panel, self._on_text), (thumb_view, self._on_thumbnail)):
            widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            widget.customContextMenuRequested.connect(handler)

    def _popup(self, kind: str, widget: QWidget, at: QPoint, then: str | None = None) -> None:
        menu = self.actions.context_menu(kind, self.actions.window, then)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(widget.mapToGlobal(at))
        self.shown.emit(kind, menu)

    def _select_line(self, index: int) -> None:
        self.text_panel.select_line(index)
        self.view.select_line(index)

    def _on_view(self, at: QPoint) -> None:
        """A line's menu on its box, the page's elsewhere; inside a table, the table's first (the table is
        chosen: Copy Table copies it)."""
        index, table = self.view.line_at(at), self.view.table_at(at)
        if index is not None:
            self._select_line(index)
        kind = "line" if index is not None else "page"
        if table is not None:
            self.view.choose_table(table)
            self._popup("table", self.view.viewport(), at, then=kind)
        else:
            self._popup(kind, self.view.viewport(), at)

    def _on_text(self, at: QPoint) -> None:
        item = self.text_panel.itemAt(at)
        if item is None:
            return
        if not item.isSelected():
            self._select_line(self.text_panel.row(item))
        self._popup("line", self.text_panel.viewport(), at)

    def _on_thumbnail(self, at: QPoint) -> None:
        index = self.thumb_view.indexAt(at)
        if index.isValid():
            self._show_page(index.row())
            self._popup("thumbnail", self.thumb_view.viewport(), at)


def fill_recent_menu(menu: QMenu, recent: list[str], open_path) -> None:
    """File → Open Recent: the files, newest first; ``open_path(path)`` opens one."""
    menu.clear()
    for path in recent:
        action = menu.addAction(path.replace("&", "&&"))  # "R&D" is not an accelerator
        action.triggered.connect(lambda checked=False, p=path: open_path(p))
    menu.setEnabled(bool(recent))
