"""Review mode's state, without Qt: the lines of one document the engine marked to check (``line.review``),
in reading order (page by page, each page's lines in their order), and which one a person is at.

The queue holds the lines themselves, not their places: pages move (arranging) and are recognised again,
so a line's page and row are looked up when needed, and a line that is gone is dropped. It holds the lines
still to check when Review began, and keeps those checked since, so that going back shows them again; a
line checked in an earlier review is not asked about again.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.results import TextLine
from .i18n import tr
from .window_model import DocState


@dataclass(frozen=True)
class ReviewPlace:
    """Where the line under review is now: its page and row, and the line."""

    page: int
    index: int
    line: TextLine


def reason_words() -> dict[str, str]:
    """The engine's short reasons (``line.review_reasons``, core/review.py) in the window's words; a reason
    not listed here is shown as the engine wrote it."""
    return {"weak character": tr("a character the recogniser was unsure of"),
            "lost character": tr("a character may be missing (read as nothing)"),
            "look-alike": tr("a letter where a digit belongs, or a digit among letters (0/O, 1/l, 5/S, 8/B)"),
            "split amount": tr("an amount whose point may have been read as a space")}


def reasons_text(reasons: list[str]) -> str:
    """Why a line is marked, in words: "a second reading differs; cut by the page's edge"."""
    words = reason_words()
    return "; ".join(words.get(reason, reason) for reason in reasons) or tr("marked to check")


def marked_lines(doc: DocState) -> list[TextLine]:
    """Every marked line of ``doc`` in reading order, checked or not."""
    return [line for page in sorted(doc.results) for line in doc.results[page].lines if line.review]


class ReviewQueue:
    """The marked lines of ``doc`` to step through, and the one shown (``current``; None once every line
    is checked)."""

    def __init__(self, doc: DocState):
        self.doc = doc
        self.lines: list[TextLine] = []
        self._position = 0
        self._done = True  # until refresh() finds the first line to check
        self.refresh()

    # ------------------------------------------------------------------------------------------ reading

    def refresh(self) -> None:
        """The queue again from the document's results (pages recognised or arranged since, lines checked or
        undone): a line once in the queue stays in it. The line shown stays shown (or the one now at its
        place, when it is gone); once all were checked, the first line still to check (a check undone)."""
        current, held = self.current_line, {id(line) for line in self.lines}
        self.lines = [line for line in marked_lines(self.doc) if not line.reviewed or id(line) in held]
        if self._done:
            found = self._next_unchecked(0)
            self._done = found is None
            self._position = found if found is not None else 0
        else:
            at = next((i for i, line in enumerate(self.lines) if line is current), None)
            self._position = at if at is not None else min(self._position, max(0, len(self.lines) - 1))
            self._done = not self.lines

    @property
    def total(self) -> int:
        return len(self.lines)

    @property
    def position(self) -> int:
        """The line shown, counted from 1 ("7 of 40"); 0 once all are checked."""
        return 0 if self.done else self._position + 1

    @property
    def checked(self) -> int:
        return sum(1 for line in self.lines if line.reviewed)

    @property
    def unchecked(self) -> int:
        return len(self.lines) - self.checked

    @property
    def done(self) -> bool:
        """Every line of the queue checked (or none marked): nothing is shown."""
        return self._done or not self.lines

    @property
    def current_line(self) -> TextLine | None:
        if self.done or not 0 <= self._position < len(self.lines):
            return None
        return self.lines[self._position]

    @property
    def current(self) -> ReviewPlace | None:
        """The line shown, with its page and row now (None when done, or when its page is gone)."""
        line = self.current_line
        return self.place(line) if line is not None else None

    def place(self, line: TextLine) -> ReviewPlace | None:
        for page in sorted(self.doc.results):
            for index, other in enumerate(self.doc.results[page].lines):
                if other is line:
                    return ReviewPlace(page, index, line)
        return None

    # ------------------------------------------------------------------------------------------- moving

    def advance(self) -> bool:
        """On to the next line still to check, after the one shown (round to the first ones skipped); False,
        and done, when none is left."""
        start = self._position + 1 if not self.done else 0
        found = self._next_unchecked(start)
        self._done = found is None
        if found is not None:
            self._position = found
        return not self._done

    def back(self) -> bool:
        """The line before the one shown (checked or not); from the end, the last one. False at the first."""
        if not self.lines:
            return False
        if self.done:
            self._done = False
            self._position = len(self.lines) - 1
            return True
        if self._position == 0:
            return False
        self._position -= 1
        return True

    def _next_unchecked(self, start: int) -> int | None:
        """The first line still to check from ``start`` on, round past the end (None: all checked)."""
        count = len(self.lines)
        for step in range(count):
            index = (start + step) % count
            if not self.lines[index].reviewed:
                return index
        return None
