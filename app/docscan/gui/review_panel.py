"""Review mode's panel, under the page: the line to check as the page shows it (cut from the page and
magnified), its text to accept or correct, why it was marked, and how far the review has come. It shows what
the review controller gives it and says what the keys asked for; it decides nothing.

Keys, in the text field (the panel works with the keyboard alone): Enter accepts the line as it reads now
(corrected, if it was typed over), Tab skips it, Shift+Tab goes back, Esc leaves Review. The field claims
these keys before the window's shortcuts (Esc is also Cancel); Ctrl+Z undoes the typing in the field, and
once there is none, the window's Undo (the last correction or check) acts.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt, Signal
from PySide6.QtGui import QFont, QImage, QKeySequence, QPixmap
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea, QToolButton,
                               QVBoxLayout, QWidget)

from .i18n import tr

CROP_HEIGHT = 72  # the line's picture: this tall on screen (logical pixels), as long as the panel is wide enough
MIN_CROP_HEIGHT = 30  # a long line is shrunk to the panel's width, but not below this (it then scrolls)
MARGIN = 0.25  # round the line's box, this much of its height: the tops and tails of its letters, a little paper


def crop_of_line(image: QImage, bbox: tuple[float, float, float, float], scale: float) -> QImage | None:
    """The part of ``image`` under a line's box (``bbox`` in the result's pixels; ``scale``: image pixels per
    result pixel), with a margin of some of its height round it; None when the box lies outside."""
    x0, y0, x1, y1 = (value * scale for value in bbox)
    margin = max(2.0, (y1 - y0) * MARGIN)
    rect = QRect(int(x0 - margin), int(y0 - margin), int(x1 - x0 + 2 * margin) + 1, int(y1 - y0 + 2 * margin) + 1)
    rect = rect.intersected(image.rect())
    if rect.width() <= 1 or rect.height() <= 1:
        return None
    # 32-bit pixels: Qt's smooth scaling of a 24-bit image reads past a row's end (a grey column at the right)
    return image.copy(rect).convertToFormat(QImage.Format.Format_RGB32)


class ReviewPanel(QFrame):
    acceptWanted = Signal(str)  # the text in the field (the line's own, or a correction)
    skipWanted = Signal()
    backWanted = Signal()
    closeWanted = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("review")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame#review { border-top: 3px solid #ffaa00; }")  # the marked boxes' amber
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)

        top = QHBoxLayout()
        title = QLabel(tr("Review"))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.progress = QLabel()
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(tr("Leave Review (Esc)"))
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close.clicked.connect(self.closeWanted)
        top.addWidget(title)
        top.addWidget(self.progress)
        top.addSpacing(16)
        top.addWidget(self.reasons, 1)
        top.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)

        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setStyleSheet("background: white; color: #555;")
        self.scroller = QScrollArea()
        self.scroller.setWidget(self.picture)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFixedHeight(CROP_HEIGHT + 16)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroller.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.scroller)

        row = QHBoxLayout()
        self.editor = QLineEdit()
        editor_font = QFont(self.editor.font())
        editor_font.setPointSizeF(editor_font.pointSizeF() * 1.4)
        self.editor.setFont(editor_font)
        self.editor.setToolTip(tr("The line's text: Enter accepts it as it reads here (typed over: the correction)"))
        self.editor.installEventFilter(self)
        row.addWidget(self.editor, 1)
        self.buttons = {}
        for name, words, signal in (("accept", tr("Accept (Enter)"), lambda: self.acceptWanted.emit(self.editor.text())),
                                    ("skip", tr("Skip (Tab)"), self.skipWanted.emit),
                                    ("back", tr("Back (Shift+Tab)"), self.backWanted.emit)):
            button = self.buttons[name] = QPushButton(words)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys act from the field; the focus stays there
            button.clicked.connect(signal)
            row.addWidget(button)
        self.done_button = QPushButton(tr("Close Review"))
        self.done_button.clicked.connect(self.closeWanted)
        self.done_button.installEventFilter(self)
        row.addWidget(self.done_button)
        layout.addLayout(row)
        self.setVisible(False)
        self._crop: QImage | None = None
        self.done = False

    # ------------------------------------------------------------------------------------------- showing

    def show_line(self, text: str, progress: str, reasons: str, checked: bool) -> None:
        """A line to check: its text in the field (the cursor at its end), the progress and why it is marked;
        its picture follows (``set_crop``)."""
        self.done = False
        self.progress.setText(progress)
        self.reasons.setText((tr("Checked already") + " · " if checked else "") + tr("Why: {0}").format(reasons))
        self.editor.setText(text)
        self.editor.setReadOnly(False)
        self.editor.setVisible(True)
        for button in self.buttons.values():
            button.setVisible(True)
        self.buttons["accept"].setEnabled(True)
        self.done_button.setVisible(False)
        self.set_crop(None, tr("Loading the line's picture…"))
        self.setVisible(True)
        self.editor.setFocus()

    def show_done(self, message: str, progress: str, can_go_back: bool) -> None:
        """Nothing (more) to check: ``message`` where the picture was, and Close Review (Enter or Esc)."""
        self.done = True
        self.progress.setText(progress)
        self.reasons.setText("")
        self.set_crop(None, message)
        self.editor.setVisible(False)
        for name, button in self.buttons.items():
            button.setVisible(name == "back" and can_go_back)
        self.done_button.setVisible(True)
        self.setVisible(True)
        self.done_button.setFocus()

    def set_crop(self, image: QImage | None, words: str = "") -> None:
        """The line's picture, magnified to CROP_HEIGHT (shrunk to the panel's width for a long line); None:
        ``words`` instead."""
        self._crop = image
        if image is None or image.isNull():
            self.picture.setPixmap(QPixmap())
            self.picture.setText(words)
            return
        ratio = self.devicePixelRatioF()
        width = max(1, self.scroller.viewport().width() - 8)
        height = CROP_HEIGHT
        if image.width() * height / image.height() > width:
            height = max(MIN_CROP_HEIGHT, int(image.height() * width / image.width()))
        scaled = image.scaledToHeight(max(1, round(height * ratio)), Qt.TransformationMode.SmoothTransformation)
        pixmap = QPixmap.fromImage(scaled)
        pixmap.setDevicePixelRatio(ratio)
        self.picture.setText("")
        self.picture.setPixmap(pixmap)

    def crop(self) -> QImage | None:
        """The line's picture shown (before it was magnified), or None."""
        return self._crop

    def message(self) -> str:
        """What is shown where the picture goes when there is none ("All marked lines checked")."""
        return self.picture.text()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._crop is not None:
            self.set_crop(self._crop)

    # ---------------------------------------------------------------------------------------------- keys

    def eventFilter(self, watched, event) -> bool:
        if watched not in (self.editor, self.done_button) or event.type() not in (QEvent.Type.ShortcutOverride,
                                                                                   QEvent.Type.KeyPress):
            return super().eventFilter(watched, event)
        key, modifiers = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.type() == QEvent.Type.ShortcutOverride:
            if watched is self.editor and (event.matches(QKeySequence.StandardKey.Undo)
                                           or event.matches(QKeySequence.StandardKey.Redo)) \
                    and not (self.editor.isUndoAvailable() or self.editor.isRedoAvailable()):
                return True  # nothing typed to undo here: the window's Undo (the last correction) takes the key
            if self._review_key(key, modifiers):
                event.accept()  # ours, not the window's shortcut (Esc would cancel recognising)
                return True
            return False
        if not self._review_key(key, modifiers):
            return False
        if key == Qt.Key.Key_Escape:
            self.closeWanted.emit()
        elif key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and modifiers & Qt.KeyboardModifier.ShiftModifier):
            self.backWanted.emit()
        elif self.done:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.closeWanted.emit()
        elif key == Qt.Key.Key_Tab:
            self.skipWanted.emit()
        else:
            self.acceptWanted.emit(self.editor.text())
        return True

    @staticmethod
    def _review_key(key, modifiers) -> bool:
        plain = modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
        return plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab,
                                 Qt.Key.Key_Escape)
