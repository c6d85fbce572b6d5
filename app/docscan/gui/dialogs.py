"""The settings dialog: engine (variant, device, backend, orientation, language) and render DPI."""

from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox,
                               QVBoxLayout)

from ..core.documents import MAX_DPI, MIN_DPI
from ..core.engine import EngineConfig
from ..core.models import LANGUAGES
from .settings import SETTINGS, Settings


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, device_status: dict | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("DocScan Settings")
        self.settings = settings
        self.device_status = device_status
        self.engine_changed = False
        self._before = settings.engine_config()

        self.variant = QComboBox()
        self.variant.addItem("Mobile (fast, bundled)", "mobile")
        self.variant.addItem("Server (accurate, installed separately)", "server")
        self.backend = QComboBox()
        self.backend.addItem("ONNX Runtime (fastest on CPU)", "onnxruntime")
        self.backend.addItem("PaddlePaddle", "paddle")
        self.device = QComboBox()
        self.device.addItem("CPU", "cpu")
        self.device.addItem("GPU", "gpu")
        self.angle = QCheckBox("Detect upside-down text lines")
        self.rotate = QCheckBox("Turn pages scanned sideways or upside down")
        self.lang = QComboBox()
        for code, label in LANGUAGES.items():
            self.lang.addItem(label, code)
        self.ocr_mode = QComboBox()
        self.ocr_mode.addItem("Use a PDF's own text where it is good", "auto")
        self.ocr_mode.addItem("Always recognise", "always")
        self.ocr_mode.addItem("Only read PDF text layers", "never")
        self.dpi = QSpinBox()
        self.dpi.setRange(MIN_DPI, MAX_DPI)
        self.dpi.setSuffix(" dpi")
        self.gpu_note = QLabel()
        self.gpu_note.setWordWrap(True)
        self.gpu_note.setStyleSheet("color: #8a5a00;")

        form = QFormLayout()
        form.addRow("Models:", self.variant)
        form.addRow("Engine:", self.backend)
        form.addRow("Device:", self.device)
        form.addRow("", self.gpu_note)
        form.addRow("Language:", self.lang)
        form.addRow("Orientation:", self.rotate)
        form.addRow("", self.angle)
        form.addRow("PDF render:", self.dpi)
        form.addRow("PDF text:", self.ocr_mode)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).setText("Reset")
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self.reset)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

        self.backend.currentIndexChanged.connect(self._update_gpu)
        self._load(settings.engine_config(), settings.get("render/dpi"), settings.get("ocr/mode"))

    def _load(self, config: EngineConfig, dpi: int, ocr_mode: str) -> None:
        self.ocr_mode.setCurrentIndex(max(0, self.ocr_mode.findData(ocr_mode)))
        for combo, value in ((self.variant, config.variant), (self.backend, config.backend),
                             (self.device, config.device), (self.lang, config.lang)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.angle.setChecked(config.angle)
        self.rotate.setChecked(config.rotate)
        self.dpi.setValue(int(dpi))
        self._update_gpu()

    def _update_gpu(self) -> None:
        """GPU is offered only where the chosen backend can use one here; otherwise it says what to install."""
        backend = self.backend.currentData()
        item = self.device.model().item(1)
        if self.device_status is None:
            usable, reason = False, "Still checking which devices are usable…"
        else:
            status = self.device_status.get(backend)
            usable, reason = (status.usable, status.reason) if status else (False, "unknown backend")
        item.setEnabled(usable)
        item.setToolTip(reason)
        self.device.setToolTip("" if usable else f"GPU not available: {reason}")
        self.gpu_note.setText("" if usable else f"GPU not available: {reason}")
        if not usable and self.device.currentData() == "gpu":
            self.device.setCurrentIndex(0)

    def reset(self) -> None:
        self._load(EngineConfig(), SETTINGS["render/dpi"].default, SETTINGS["ocr/mode"].default)

    def config(self) -> EngineConfig:
        return EngineConfig(variant=self.variant.currentData(), device=self.device.currentData(),
                            backend=self.backend.currentData(), angle=self.angle.isChecked(),
                            lang=self.lang.currentData(), rotate=self.rotate.isChecked())

    def accept(self) -> None:
        config = self.config()
        self.settings.set_engine_config(config)
        self.settings.set("render/dpi", self.dpi.value())
        self.settings.set("ocr/mode", self.ocr_mode.currentData())
        self.engine_changed = config != self._before
        super().accept()
