"""Saving the work from the window: File → Save Results (beside the document) and Save Results As…, and
the question asked before unsaved work is closed. The work keeper (keeping.py) writes; this asks where and
whether. A pasted image has no place of its own: its results are exported as JSON instead."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from .i18n import tr
from .keeping import WorkKeeper
from .text_out import TextOutController
from .window_model import DocState


class SaveController(QObject):
    def __init__(self, keeper: WorkKeeper, text_out: TextOutController, dialog_parent: QWidget):
        super().__init__(dialog_parent)
        self.keeper, self.text_out = keeper, text_out
        self._dialog_parent = dialog_parent

    def save(self, doc: DocState, choose_target: bool) -> None:
        if doc.source.path is None:  # a pasted image has no place of its own: export its results
            self.text_out.export_dialog("json", doc)
            return
        target = ""
        if choose_target:
            target, _ = QFileDialog.getSaveFileName(self._dialog_parent, tr("Save results"),
                                                    doc.source.path + ".docscan.json", tr("DocScan results (*.json)"))
            if not target:
                return
        self.keeper.save(doc, target)

    def confirm_discard(self, docs: list[DocState]) -> bool:
        """Ask about unsaved work; returns True when the caller may go on (saved later, or discarded)."""
        names = ", ".join(d.name for d in docs)
        corrected = any(d.corrected for d in docs)
        said = tr("The corrections in {0} are not saved.") if corrected else tr("The recognised text in {0} is not saved.")
        box = QMessageBox(QMessageBox.Icon.Warning, tr("Unsaved work"), said.format(names), parent=self._dialog_parent)
        box.setInformativeText(tr("Save before closing?"))
        box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                               | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Discard:
            return True
        if answer == QMessageBox.StandardButton.Save:
            for doc in docs:
                if doc.source.path is None:
                    if not self.text_out.export_dialog("json", doc):  # cancelled: the window stays open with the work
                        self.keeper.give_up_closing()
                        return False
                    doc.dirty = False
                else:
                    self.keeper.save_then_close(doc)
            return not self.keeper.closing
        return False
