"""Saving the work from the window: File → Save Results (beside the document) and Save Results As…, and
the question asked before unsaved work is closed. The work keeper (keeping.py) writes; this asks where and
whether. A pasted image has no place of its own: its results are exported as JSON instead."""

from __future__ import annotations

from pathlib import Path

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
        if doc.source.parts is not None:  # arranged: the pages themselves are the work, saved as a PDF
            self.save_pdf(doc)
            return
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

    def pdf_target(self, doc: DocState) -> str:
        """Ask where to save ``doc`` as a PDF ("" when cancelled). Not over a file its pages come from: that
        file is read while the PDF is written."""
        folder = Path(doc.source.path).parent if doc.source.path else Path(self.keeper.last_folder or Path.home())
        suggested = folder / ((Path(doc.source.path).stem + ".ocr" if doc.source.path else Path(doc.name).stem) + ".pdf")
        while True:
            target, _ = QFileDialog.getSaveFileName(self._dialog_parent, tr("Save as PDF"), str(suggested),
                                                    tr("PDF (*.pdf)"))
            if not target:
                return ""
            if not target.lower().endswith(".pdf"):
                target += ".pdf"
            sources = {str(Path(ref.path).resolve()) for ref in doc.refs() if ref.path}
            if str(Path(target).resolve()) not in sources:
                self.keeper.last_folder = str(Path(target).parent)
                return target
            QMessageBox.warning(self._dialog_parent, tr("Save as PDF"),
                                tr("{0} holds pages of this document: choose another name.").format(target))

    def save_pdf(self, doc: DocState) -> bool:
        """File → Save as PDF…: the document's pages as arranged, with their text, in a PDF that becomes its
        home. False when cancelled."""
        target = self.pdf_target(doc)
        if target:
            self.keeper.save_pdf(doc, target)
        return bool(target)

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
                if doc.source.parts is not None:  # arranged: saved as a PDF, or the window stays open
                    target = self.pdf_target(doc)
                    if not target:
                        self.keeper.give_up_closing()
                        return False
                    self.keeper.save_pdf_then_close(doc, target)
                elif doc.source.path is None:
                    if not self.text_out.export_dialog("json", doc):  # cancelled: the window stays open with the work
                        self.keeper.give_up_closing()
                        return False
                    doc.dirty = False
                else:
                    self.keeper.save_then_close(doc)
            return not self.keeper.closing
        return False
