"""Corrections typed over recognised lines, and lines checked in Review mode, with undo and redo: one undo
history per document (a QUndoStack in one QUndoGroup, so Edit → Undo acts on the document shown). No
widget: a correction or a check done or undone goes to the model, and ``lineCorrected`` tells the window to
show it.

A correction of a line the engine marked to check also checks it (a person read it against the page),
wherever it was typed: in Review mode, in the text panel (double-click, F2)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

from ..core.results import TextLine
from .i18n import tr
from .window_model import WindowModel


class CorrectLine(QUndoCommand):
    """One correction or check of one line, undone and redone through the document's undo stack: ``old`` and
    ``new`` are (text, edited, reviewed). It holds the line itself: once the page is recognised again, the
    line is gone and the command does nothing."""

    def __init__(self, corrections: "Corrections", key: int, page: int, index: int, line: TextLine,
                 old: tuple[str, bool, bool], new: tuple[str, bool, bool]):
        words = tr("correction of line {0} on page {1}") if old[0] != new[0] else tr("check of line {0} on page {1}")
        super().__init__(words.format(index + 1, page + 1))
        self.corrections, self.key, self.page, self.index, self.line = corrections, key, page, index, line
        doc = corrections.model.docs.get(key)
        self.page_id = doc.page_ids[page] if doc is not None and page < len(doc.page_ids) else None
        self.old, self.new = old, new

    def redo(self) -> None:
        self.corrections.apply(self, *self.new)

    def undo(self) -> None:
        self.corrections.apply(self, *self.old)


class ArrangePages(QUndoCommand):
    """A step of arranging pages (moved, deleted, inserted), in the same history as the corrections, so that
    Undo takes back the last thing done, whichever it was. The model did the step already and keeps it."""

    def __init__(self, model: WindowModel, key: int):
        super().__init__("arranging pages")
        self.model, self.key, self._done = model, key, True

    def redo(self) -> None:
        if self._done:  # pushed once done: nothing to do again yet
            self._done = False
            return
        self.model.redo_arrangement(self.key)

    def undo(self) -> None:
        self.model.undo_arrangement(self.key)


class Corrections(QObject):
    lineCorrected = Signal(int, int, int, object)  # key, page index, line index, the TextLine (its text changed)

    def __init__(self, model: WindowModel, parent: QObject | None = None):
        super().__init__(parent)
        self.model = model
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[int, QUndoStack] = {}
        model.arrangementRecorded.connect(lambda key: self.stack(key).push(ArrangePages(model, key)))

    def correct(self, key: int, page: int, index: int, text: str) -> bool:
        """Line ``index`` of page ``page`` now reads ``text`` (typed by hand), and is checked if it was marked:
        a step in the undo history. False when nothing changed."""
        line = self._line(key, page, index)
        if line is None or line.text == text:
            return False
        old = (line.text, line.edited, line.reviewed)
        self.stack(key).push(CorrectLine(self, key, page, index, line, old, (text, True, line.reviewed or line.review)))
        return True

    def check(self, key: int, page: int, index: int) -> bool:
        """Line ``index`` of page ``page`` was checked and is right as it reads (Review mode's Enter): a step
        in the undo history. False when it was checked already."""
        line = self._line(key, page, index)
        if line is None or line.reviewed:
            return False
        state = (line.text, line.edited)
        self.stack(key).push(CorrectLine(self, key, page, index, line, (*state, False), (*state, True)))
        return True

    def _line(self, key: int, page: int, index: int) -> TextLine | None:
        doc = self.model.docs.get(key)
        result = doc.results.get(page) if doc else None
        return result.lines[index] if result is not None and 0 <= index < len(result.lines) else None

    def stack(self, key: int) -> QUndoStack:
        stack = self._stacks.get(key)
        if stack is None:
            stack = self._stacks[key] = QUndoStack(self.undo_group)
        return stack

    def show_document(self, key: int) -> None:
        """Undo and Redo act on this document's history."""
        self.undo_group.setActiveStack(self.stack(key))

    def forget(self, key: int) -> None:
        """The document closed: its history goes with it."""
        stack = self._stacks.pop(key, None)
        if stack is not None:
            self.undo_group.removeStack(stack)
            stack.deleteLater()

    def apply(self, command: CorrectLine, text: str, edited: bool, reviewed: bool) -> None:
        """A correction (or its undoing): the line's text and the document's state in the model (on its page
        where that page is now: pages move)."""
        doc = self.model.docs.get(command.key)
        if doc is not None and command.page_id in doc.page_ids:
            command.page = doc.page_ids.index(command.page_id)
        if self.model.set_line(command.key, command.page, command.index, command.line, text, edited, reviewed):
            self.lineCorrected.emit(command.key, command.page, command.index, command.line)
        # else: the page was recognised again since, and that line is gone
