"""Find: the Find bar (a field, what was found, a close button) and the search through the recognised text
of every page of the shown document, line by line, next and previous."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from .i18n import tr
from .window_model import DocState


class FindBar(QWidget):
    """The field and what was found. Esc in the field closes the bar (as in a browser): the field claims the
    key first (ShortcutOverride), so the window's Esc (Cancel) is not triggered then."""

    nextWanted = Signal(bool)  # backwards
    closeWanted = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(tr("Find in the text (Enter: next, Shift+Enter: previous)"))
        self.edit.setClearButtonEnabled(True)
        self.edit.returnPressed.connect(lambda: self.nextWanted.emit(bool(
            QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier)))
        self.edit.installEventFilter(self)
        self.status = QLabel()
        close = QToolButton()
        close.setText(tr("✕"))
        close.setToolTip(tr("Close Find (Esc)"))
        close.clicked.connect(self.closeWanted)
        for widget in (self.edit, self.status, close):
            layout.addWidget(widget)
        self.setVisible(False)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.edit and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) \
                and event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if event.type() == QEvent.Type.KeyPress:
                self.closeWanted.emit()
            event.accept()
            return True
        return super().eventFilter(watched, event)


class FindController(QObject):
    """What Find found and where it went. The window tells it which document and page are shown
    (``shown``), and shows what it asks for: the page and line to go to (``goTo``) and the lines of the page
    shown to mark (``marked``)."""

    goTo = Signal(int, int)  # page index, line index
    marked = Signal(list)  # line indices on the page shown
    closed = Signal(bool)  # the bar had the focus

    def __init__(self, bar: FindBar, shown: Callable[[], tuple[DocState | None, int]],
                 selected_line: Callable[[], int | None], parent: QObject | None = None):
        super().__init__(parent)
        self.bar = bar
        self._shown = shown
        self._selected_line = selected_line
        self.found_at: tuple[int, int] | None = None  # (page, line) Find went to last
        bar.edit.textChanged.connect(self._on_text)
        bar.nextWanted.connect(lambda backwards: self.find_next(backwards))
        bar.closeWanted.connect(self.close)

    @property
    def active(self) -> bool:
        return self.bar.isVisible()

    def open(self) -> None:
        self.bar.setVisible(True)
        self.bar.edit.setFocus()
        self.bar.edit.selectAll()
        self.mark()

    def close(self) -> None:
        had_focus = self.bar.isAncestorOf(QApplication.focusWidget())
        self.bar.setVisible(False)
        self.bar.status.setText("")
        self.marked.emit([])
        self.closed.emit(had_focus)

    def matches(self) -> list[tuple[int, int]]:
        """(page index, line index) of every line holding the Find text, in reading order."""
        (doc, _page), needle = self._shown(), self.bar.edit.text().casefold()
        if doc is None or not needle:
            return []
        return [(page, index) for page in sorted(doc.results) for index, line in enumerate(doc.results[page].lines)
                if needle in line.text.casefold()]

    def _on_text(self, _text: str) -> None:
        self.found_at = None
        self.mark()

    def mark(self) -> None:
        """Mark the page's lines that hold the text, and say how many were found."""
        matches = self.matches() if self.active else []
        _doc, shown_page = self._shown()
        self.marked.emit([index for page, index in matches if page == shown_page])
        status = self.bar.status
        if not self.bar.edit.text():
            status.setText("")
        elif not matches:
            status.setText(tr("not found"))
        elif self.found_at in matches:
            status.setText(tr("{0} of {1}").format(matches.index(self.found_at) + 1, len(matches)))
        else:
            status.setText(tr("{0} found").format(len(matches)))

    def find_next(self, backwards: bool = False) -> None:
        """Go to the next (previous) line holding the Find text, on this page or the following ones."""
        if not self.active or not self.bar.edit.text():
            self.open()
            return
        matches = self.matches()
        if not matches:
            self.mark()
            return
        _doc, shown_page = self._shown()
        row = self._selected_line()
        here = (shown_page, row if row is not None else (-1 if not backwards else 10 ** 9))
        if backwards:
            earlier = [m for m in matches if m < here]
            target = earlier[-1] if earlier else matches[-1]
        else:
            later = [m for m in matches if m > here]
            target = later[0] if later else matches[0]
        self.found_at = target
        self.goTo.emit(*target)
        self.mark()
