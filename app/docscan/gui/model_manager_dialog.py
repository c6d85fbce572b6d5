"""The model manager: what is installed, from where; download (progress, Cancel, resume), import, remove.
Downloads and imports run on a worker thread; the dialog only shows their progress."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QFileDialog, QHBoxLayout, QLabel, QMessageBox,
                               QProgressBar, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout)

from .i18n import tr
from ..core.errors import Cancelled, DocScanError, first_line
from ..core.model_install import import_path, install_download, remove_model, resolve_names
from ..core.model_store import CATALOGUE, DEFAULT_FAMILY, FAMILIES, ModelStore, describe_store


class ModelTask(QObject):
    progress = Signal(str, int, int)  # name, bytes done, total (0: unknown)
    finished = Signal(str)  # what was done
    failed = Signal(str)

    def __init__(self, store: ModelStore):
        super().__init__()
        self.store = store
        self.cancel = threading.Event()

    @Slot(str, str)
    def run(self, action: str, argument: str) -> None:
        self.cancel.clear()
        try:
            if action == "install":
                names = resolve_names(argument)
                for name in names:
                    install_download(self.store, name, cancel=self.cancel,
                                     progress=lambda p: self.progress.emit(p.name, p.done, p.total or 0))
                self.finished.emit(tr("Installed {0}.").format(", ".join(names)))
            elif action == "import":
                status = import_path(self.store, argument)
                self.finished.emit(tr("Imported {0} ({1}).").format(argument, status))
        except Cancelled as exc:
            self.failed.emit(str(exc))
        except DocScanError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # never let the worker thread die silently
            self.failed.emit(tr("Unexpected problem: {0}").format(first_line(exc)))


class ModelsDialog(QDialog):
    _start = Signal(str, str)
    changed = Signal()

    def __init__(self, store: ModelStore | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Models"))
        self.resize(860, 420)
        self.store = store or ModelStore()
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([tr("Model"), tr("Role"), tr("Installed"), tr("From")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)  # row numbers mean nothing here
        self.status = QLabel(tr("Model store: {0}").format(self.store.root))
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.install_button = QPushButton(tr("Download && Install"))
        default = FAMILIES[DEFAULT_FAMILY]
        self.server_button = QPushButton(tr("Install {0}").format(default.label(default.server)))
        self.server_button.setToolTip(tr("The accurate ({0}) tier of {1}: {2}").format(
            default.server, default.name, ", ".join(resolve_names("server"))))
        self.import_button = QPushButton(tr("Import…"))
        self.remove_button = QPushButton(tr("Remove"))
        self.cancel_button = QPushButton(tr("Cancel Download"))
        self.cancel_button.setVisible(False)
        self.close_button = QPushButton(tr("Close"))
        buttons = QHBoxLayout()
        for button in (self.install_button, self.server_button, self.import_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self.task = ModelTask(self.store)
        self.thread = QThread(self)
        self.thread.setObjectName("docscan-models")
        self.task.moveToThread(self.thread)
        self._start.connect(self.task.run)
        self.task.progress.connect(self._on_progress)
        self.task.finished.connect(self._on_finished)
        self.task.failed.connect(self._on_failed)
        self.thread.start()

        self.install_button.clicked.connect(self.install_selected)
        self.server_button.clicked.connect(lambda: self.start("install", "server"))
        self.import_button.clicked.connect(self.import_dialog)
        self.remove_button.clicked.connect(self.remove_selected)
        self.cancel_button.clicked.connect(self.task.cancel.set)
        self.close_button.clicked.connect(self.close)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.busy = False
        self.refresh()

    def refresh(self) -> None:
        rows = describe_store(self.store, check_hashes=False)  # hashing 200 MB would freeze the window
        self.table.setRowCount(len(rows))
        for row, info in enumerate(rows):
            good = [i for i in info["installed"] if not i["problem"]]
            broken = [i for i in info["installed"] if i["problem"]]
            installed = ", ".join(i["format"] for i in good) or tr("not installed")
            if broken:
                installed += tr("  (broken: {0})").format(", ".join(i["format"] for i in broken))
            origin = good[0]["origin"] if good else (", ".join(info["downloads"]) or "")
            kind = f"{info['family']} {info['tier'] or ''} {info['role']}" if info["family"] else info["role"]
            for column, text in enumerate((info["name"], " ".join(kind.split()), installed, origin)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, info["name"])
                item.setToolTip(info["description"] if column == 0 else text)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def selected(self) -> str | None:
        items = self.table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def _update_buttons(self) -> None:
        name = self.selected()
        spec = CATALOGUE.get(name) if name else None
        self.install_button.setEnabled(not self.busy and bool(spec and spec.downloads))
        self.remove_button.setEnabled(not self.busy and bool(name and self.store.installed(name, check_hashes=False)))
        self.server_button.setEnabled(not self.busy)
        self.import_button.setEnabled(not self.busy)

    def start(self, action: str, argument: str) -> None:
        self.busy = True
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.cancel_button.setVisible(action == "install")
        self.status.setText((tr("Downloading {0}…") if action == "install" else tr("Importing {0}…")).format(argument))
        self._update_buttons()
        self._start.emit(action, argument)

    def install_selected(self) -> None:
        name = self.selected()
        if name:
            self.start("install", name)

    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Import a model archive"), "",
                                              tr("Model archives (*.tar);;All files (*)"))
        if path:
            self.start("import", path)

    def remove_selected(self) -> None:
        name = self.selected()
        if name and QMessageBox.question(self, tr("Remove model"), tr("Remove {0}?").format(name)) == QMessageBox.StandardButton.Yes:
            remove_model(self.store, name)
            self.refresh()
            self.changed.emit()

    def _on_progress(self, name: str, done: int, total: int) -> None:
        if total:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * done / total))
            self.status.setText(tr("Downloading {0}: {1:.1f} of {2:.1f} MB").format(name, done / 1e6, total / 1e6))
        else:
            self.status.setText(tr("Downloading {0}: {1:.1f} MB").format(name, done / 1e6))

    def _done(self, message: str) -> None:
        self.busy = False
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.status.setText(message)
        self.refresh()

    def _on_finished(self, message: str) -> None:
        self._done(message)
        self.changed.emit()

    def _on_failed(self, message: str) -> None:
        self._done(message)

    def closeEvent(self, event):
        self.task.cancel.set()  # a download in progress stops at its next chunk; the part file is kept
        self.thread.quit()
        self.thread.wait(30000)
        super().closeEvent(event)
