"""Arranging pages from the window (issue 29): thumbnails dragged to a new place, pages moved up or down,
deleted, moved to another open document, inserted from files; several files opened as one document; any
document saved as a PDF, which is its home from then on. The model does each step and keeps its history
(Edit → Undo takes it back, in the same history as corrections); this asks, says and shows."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFileDialog

from ..core.arranged import ALL_PAGES, PageRef
from .actions import keys
from .i18n import tr
from .open_controller import open_filter
from .window_model import ArrangementRefused, pages_text


class ArrangeController(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.model = window.model
        self.documents = window.documents
        self.model.arranged.connect(self._on_arranged)
        window.thumbnails.pagesDropped.connect(self._on_dropped)
        self.documents.insertFailed.connect(self._on_insert_failed)
        window.move_to_menu.aboutToShow.connect(self.fill_move_menu)
        self.documents.opened.connect(lambda doc, warnings: window.view.clear_page() if not doc.page_count else None)
        self._shown_after: dict[int, list[int]] = {}  # key -> page ids to select once the strip is shown again

    # --------------------------------------------------------------------------------------------- asks

    def selected_rows(self) -> list[int]:
        """The pages selected in the thumbnails; the page shown when none is."""
        selection = self.window.thumb_view.selectionModel()
        rows = sorted(index.row() for index in selection.selectedIndexes()) if selection is not None else []
        return rows or ([self.window.current_page] if self.window.current_doc is not None else [])

    def _do(self, step) -> list[int] | None:
        try:
            return step()
        except ArrangementRefused as exc:
            self.window._say(str(exc), 8000)
            return None

    def move_selected_by(self, places: int) -> None:
        """Move the selected pages one place up (-1) or down (1)."""
        doc, rows = self.window.current_doc, self.selected_rows()
        if doc is None or not rows:
            return
        to_row = rows[0] - 1 if places < 0 else rows[-1] + 2
        if to_row < 0 or to_row > doc.page_count:
            return
        self._select_after(doc.key, rows)
        self._do(lambda: self.model.move_pages(doc.key, rows, to_row))

    def delete_selected(self) -> None:
        doc, rows = self.window.current_doc, self.selected_rows()
        if doc is None or not rows:
            return
        deleted = self._do(lambda: self.model.delete_pages(doc.key, rows))
        if deleted:
            self.window._say(tr("Deleted {0} ({1} brings them back).").format(pages_text(deleted), keys("undo")), 8000)

    def move_selected_to(self, other_key: int) -> None:
        """Move the selected pages to the end of another open document."""
        doc, rows = self.window.current_doc, self.selected_rows()
        other = self.model.docs.get(other_key)
        if doc is None or other is None or not rows:
            return
        moved = self._do(lambda: self.model.move_pages_to(doc.key, rows, other_key, other.page_count))
        if moved:
            self.window._say(tr("Moved {0} to {1}.").format(pages_text(rows), other.name), 8000)

    def fill_move_menu(self) -> None:
        """Pages → Move To: the other open documents."""
        menu, current = self.window.move_to_menu, self.window.current_key
        menu.clear()
        for doc in self.model.opened_documents():
            if doc.key != current:
                action = menu.addAction(doc.name.replace("&", "&&"))
                action.triggered.connect(lambda checked=False, key=doc.key: self.move_selected_to(key))
        if menu.isEmpty():
            menu.addAction(tr("(no other document open)")).setEnabled(False)

    def insert_dialog(self) -> None:
        """Insert the pages of files after the page shown."""
        doc = self.window.current_doc
        if doc is None:
            return
        paths, _ = QFileDialog.getOpenFileNames(self.window, tr("Insert pages from files"),
                                                self.window.settings.get("files/last_folder"), open_filter())
        if paths:
            self.insert_files(doc.key, self.window.current_page + 1, paths)

    def insert_files(self, key: int, at: int, paths) -> None:
        """Every page of each file, inserted into ``key`` before its page ``at``."""
        self.documents.insert_pages(key, at, [PageRef(os.path.abspath(path), ALL_PAGES, name=Path(path).name)
                                              for path in paths])

    def open_as_one_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.window, tr("Open as one document"),
                                                self.window.settings.get("files/last_folder"), open_filter())
        if paths:
            self.window.settings.set("files/last_folder", str(Path(paths[0]).parent))
            self.open_as_one(paths)

    def open_as_one(self, paths) -> int:
        """Every page of each file, in the order given, as one new document (named after the first)."""
        name = Path(paths[0]).stem + (tr(" and {0} more").format(len(paths) - 1) if len(paths) > 1 else "")
        key = self.documents.new_arranged_document(name, [])
        self.insert_files(key, 0, paths)
        return key

    def save_pdf(self) -> None:
        """File → Save as PDF…: the pages as arranged, with their text; the PDF is the document's home then."""
        doc = self.window.current_doc
        if doc is not None:
            self.window.saving.save_pdf(doc)

    # ------------------------------------------------------------------------------------------ answers

    def _on_dropped(self, from_key: int, rows: list, to_key: int, at: int) -> None:
        """Thumbnails dropped in the strip (of the document shown)."""
        if from_key == to_key:
            self._select_after(to_key, rows)
            self._do(lambda: self.model.move_pages(to_key, rows, at))
        else:
            self._do(lambda: self.model.move_pages_to(from_key, rows, to_key, at))

    def _on_insert_failed(self, key: int, message: str) -> None:
        doc = self.model.docs.get(key)
        if doc is not None and doc.opened and not doc.page_count and doc.source.parts == ():
            self.window._discard_document(key)  # opened as one document, and nothing of it could be read
        self.window._error(tr("Pages not inserted"), message)

    def _select_after(self, key: int, rows) -> None:
        doc = self.model.docs.get(key)
        if doc is not None:
            self._shown_after[key] = [doc.page_ids[row] for row in rows if row < len(doc.page_ids)]

    def _on_arranged(self, key: int) -> None:
        """The pages of ``key`` changed: its entry in the documents list, and, when it is shown, its
        thumbnails (each keeps its picture), the page shown (the same page where it went) and the title."""
        window, doc = self.window, self.model.docs.get(key)
        if doc is None:
            return
        index = window.doc_combo.findData(key)
        if index >= 0:
            count = tr("{0}  (1 page)") if doc.page_count == 1 else tr("{0}  ({1} pages)")
            window.doc_combo.setItemText(index, count.format(doc.name, doc.page_count))
        if key != window.current_key:
            return
        before = window.thumbnails.page_ids if window.thumbnails.key == key else []
        shown_id = before[window.current_page] if 0 <= window.current_page < len(before) else None
        window.thumbnails.set_document(key, doc.page_count, doc.page_ids)
        for row in set(doc.results) | set(doc.failed) | set(doc.unreadable) | set(doc.turns):
            window.thumbnails.set_status(row, self.model.thumbnail_caption(key, row))
        selected = [doc.page_ids.index(pid) for pid in self._shown_after.pop(key, []) if pid in doc.page_ids]
        page = doc.page_ids.index(shown_id) if shown_id in doc.page_ids else min(window.current_page,
                                                                                 doc.page_count - 1)
        window.current_page = -1
        if doc.page_count:
            window.show_page(selected[0] if selected else max(0, page))  # pages moved: the first of them
        else:
            window.view.clear_page()
        if selected:  # the pages moved stay selected, so that moving them again takes the same pages
            QTimer.singleShot(0, lambda: self._select_rows(key, selected))
        window._sync_page_box()
        window._update_title()
        window._update_actions()

    def _select_rows(self, key: int, rows: list[int]) -> None:
        from PySide6.QtCore import QItemSelectionModel

        window = self.window
        selection = window.thumb_view.selectionModel()
        if window.current_key != key or selection is None:
            return
        selection.clearSelection()
        for row in rows:
            selection.select(window.thumbnails.index(row), QItemSelectionModel.SelectionFlag.Select)
