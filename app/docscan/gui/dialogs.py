"""The settings dialog: engine (model family and tier, device, backend, orientation, language) and render DPI."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox,
                               QVBoxLayout)

from ..core.documents import MAX_DPI, MIN_DPI
from ..core.engine import EngineConfig
from ..core.models import FAMILIES, ModelStore, family_choices
from .i18n import LANGUAGES, chosen_language, tr
from .settings import SETTINGS, Settings


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, device_status: dict | None, parent=None, store: ModelStore | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("DocScan Settings"))
        self.settings = settings
        self.device_status = device_status
        self.engine_changed = False
        self.language_changed = False
        self._before = settings.engine_config()

        # Every family and tier from the catalogue; those whose models are not installed say so (the
        # manifests only: a few small files) and point to the Models dialog.
        store = store or ModelStore()
        self.models = QComboBox()
        for family, tier, label in family_choices():
            chosen = FAMILIES[family].tier(tier)
            installed = all(any(s.ok for s in store.installed(n, check_hashes=False)) for n in (chosen.det, chosen.rec))
            self.models.addItem(label if installed else tr("{0}: not installed (Recognise > Models)").format(label), f"{family}:{tier}")
            if not installed:
                self.models.setItemData(self.models.count() - 1, tr("Install it in Recognise > Models…"),
                                        Qt.ItemDataRole.ToolTipRole)
        self.backend = QComboBox()
        self.backend.addItem(tr("ONNX Runtime (fastest on CPU)"), "onnxruntime")
        self.backend.addItem(tr("PaddlePaddle"), "paddle")
        self.device = QComboBox()
        self.device.addItem(tr("CPU"), "cpu")
        self.device.addItem(tr("GPU"), "gpu")
        self.angle = QCheckBox(tr("Detect upside-down text lines"))
        self.rotate = QCheckBox(tr("Turn pages scanned sideways or upside down"))
        self.lang = QComboBox()
        self.ocr_mode = QComboBox()
        self.ocr_mode.addItem(tr("Use a PDF's own text where it is good"), "auto")
        self.ocr_mode.addItem(tr("Always recognise"), "always")
        self.ocr_mode.addItem(tr("Only read PDF text layers"), "never")
        self.language = QComboBox()
        self.language.addItem(tr("As the system ({0})").format(LANGUAGES[chosen_language("system")]), "system")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setToolTip(tr("The language of DocScan's window; a change takes effect when DocScan starts again"))
        self.dpi = QSpinBox()
        self.dpi.setRange(MIN_DPI, MAX_DPI)
        self.dpi.setSuffix(tr(" dpi"))
        self.gpu_note = QLabel()
        self.gpu_note.setWordWrap(True)
        self.gpu_note.setStyleSheet("font-style: italic;")  # no fixed colour: it must read on a dark theme too

        form = QFormLayout()
        form.addRow(tr("Models:"), self.models)
        form.addRow(tr("Engine:"), self.backend)
        form.addRow(tr("Device:"), self.device)
        form.addRow("", self.gpu_note)
        form.addRow(tr("Language:"), self.lang)
        form.addRow(tr("Orientation:"), self.rotate)
        form.addRow("", self.angle)
        form.addRow(tr("PDF render:"), self.dpi)
        form.addRow(tr("PDF text:"), self.ocr_mode)
        form.addRow(tr("Window language:"), self.language)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).setText(tr("Reset"))
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self.reset)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

        self.backend.currentIndexChanged.connect(self._update_gpu)
        self.models.currentIndexChanged.connect(self._update_languages)
        self._load(settings.engine_config(), settings.get("render/dpi"), settings.get("ocr/mode"))
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get("ui/language"))))

    def _load(self, config: EngineConfig, dpi: int, ocr_mode: str) -> None:
        self.ocr_mode.setCurrentIndex(max(0, self.ocr_mode.findData(ocr_mode)))
        self.models.setCurrentIndex(max(0, self.models.findData(f"{config.family}:{config.resolved_tier}")))
        self._update_languages()
        for combo, value in ((self.backend, config.backend), (self.device, config.device), (self.lang, config.lang)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.angle.setChecked(config.angle)
        self.rotate.setChecked(config.rotate)
        self.dpi.setValue(int(dpi))
        self._update_gpu()

    def chosen_models(self) -> tuple[str, str]:
        """(family, tier) of the Models choice."""
        family, _, tier = self.models.currentData().partition(":")
        return family, tier

    def _update_languages(self) -> None:
        """The languages the chosen family reads (the choice is kept where the new family reads it too)."""
        family, tier = self.chosen_models()
        current = self.lang.currentData()
        self.lang.blockSignals(True)
        self.lang.clear()
        for code, label in FAMILIES[family].languages.items():
            try:
                FAMILIES[family].recogniser(tier, code)
            except ValueError:  # not at this tier (PP-OCRv6 tiny: Japanese)
                continue
            self.lang.addItem(label if code == "auto" else f"{label} ({code})", code)
        self.lang.setCurrentIndex(max(0, self.lang.findData(current)))
        self.lang.blockSignals(False)

    def _update_gpu(self) -> None:
        """GPU is offered only where the chosen backend can use one here; otherwise it says what to install."""
        backend = self.backend.currentData()
        item = self.device.model().item(1)
        if self.device_status is None:
            usable, reason = False, tr("Still checking which devices are usable…")
        else:
            status = self.device_status.get(backend)
            usable, reason = (status.usable, status.reason) if status else (False, "unknown backend")
        item.setEnabled(usable)
        item.setToolTip(reason)
        self.device.setToolTip("" if usable else tr("GPU not available: {0}").format(reason))
        self.gpu_note.setText("" if usable else tr("GPU not available: {0}").format(reason))
        self.gpu_note.setVisible(not usable)  # an empty note would leave a gap in the form
        if not usable and self.device.currentData() == "gpu":
            self.device.setCurrentIndex(0)

    def reset(self) -> None:
        self._load(EngineConfig(), SETTINGS["render/dpi"].default, SETTINGS["ocr/mode"].default)

    def config(self) -> EngineConfig:
        family, tier = self.chosen_models()
        return EngineConfig(family=family, tier=tier, device=self.device.currentData(),
                            backend=self.backend.currentData(), angle=self.angle.isChecked(),
                            lang=self.lang.currentData(), rotate=self.rotate.isChecked())

    def accept(self) -> None:
        config = self.config()
        self.settings.set_engine_config(config)
        self.settings.set("render/dpi", self.dpi.value())
        self.settings.set("ocr/mode", self.ocr_mode.currentData())
        self.language_changed = self.language.currentData() != self.settings.get("ui/language")
        self.settings.set("ui/language", self.language.currentData())
        self.engine_changed = config != self._before
        super().accept()
