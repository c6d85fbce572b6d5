"""The settings dialog: engine (model family and tier, device, backend, orientation, language), render DPI,
PDF text and photos of pages."""

from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout,
                               QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout)

from ..core.engine import EngineConfig
from ..core.options import RUN_OPTIONS
from ..core.model_store import FAMILIES, ModelStore, family_choices
from .actions import action, menu_path, plain
from .engine_choice import BACKEND_NAMES, InstalledFormats, engine_problem
from .i18n import LANGUAGES, chosen_language, tr
from .settings import SETTINGS, Settings

FLATTEN_SETTING = RUN_OPTIONS["flatten_photos"].setting


class SettingsDialog(QDialog):
    """The engine's settings, offering only what can run here: a tier or a language whose models are not
    installed, an engine that cannot run the chosen models and a GPU without its libraries are greyed
    out, each saying why (engine_choice.py); the Models… button installs what is missing, and OK is
    offered once the choice can run."""

    def __init__(self, settings: Settings, device_status: dict | None, parent=None, store: ModelStore | None = None,
                 open_models=None):
        super().__init__(parent)
        self.setWindowTitle(tr("DocScan Settings"))
        self.settings = settings
        self.device_status = device_status
        self.engine_changed = False
        self.language_changed = False
        self._before = settings.engine_config()
        self.store = store or ModelStore()
        self._open_models = open_models
        self.formats = InstalledFormats(self.store)  # the manifests only: a few small files

        self.models = QComboBox()
        self.models_button = QPushButton(plain(action("models").text))
        self.models_button.setToolTip(action("models").tip)
        self.models_button.clicked.connect(self.install_models)
        self.models_button.setVisible(open_models is not None)
        models_row = QHBoxLayout()
        models_row.addWidget(self.models, 1)
        models_row.addWidget(self.models_button)
        self.backend = QComboBox()
        for name, label in BACKEND_NAMES.items():
            default = name == EngineConfig.__dataclass_fields__["backend"].default
            self.backend.addItem(tr("{0} (default)").format(label) if default else label, name)
        self.device = QComboBox()
        self.device.addItem(tr("CPU"), "cpu")
        self.device.addItem(tr("GPU"), "gpu")
        self.angle = QCheckBox(tr("Detect upside-down text lines"))
        self.rotate = QCheckBox(tr("Turn pages scanned sideways or upside down"))
        self.tables = QCheckBox(tr("Find tables and headings"))
        self.tables.setToolTip(tr("Tables come out as cells (spreadsheet, Word, CSV, Markdown) and titles as headings"))
        self.review = QDoubleSpinBox()
        self.review.setRange(0.0, 1.0)
        self.review.setSingleStep(0.05)
        self.review.setDecimals(2)
        self.review.setSpecialValueText(tr("Off"))
        self.review.setToolTip(tr("Mark a line to check (Recognise → Review) when one of its characters was read "
                                  "with less certainty than this; higher marks more lines, 0 marks none"))
        self.lang = QComboBox()
        self.ocr_mode = QComboBox()
        # the choices and their order are core.options'; the words are the window's (translated here)
        ocr_mode_words = {"auto": tr("Use a PDF's own text where it is good"), "always": tr("Always recognise"),
                          "never": tr("Only read PDF text layers")}
        for choice in RUN_OPTIONS["ocr_mode"].choices:
            self.ocr_mode.addItem(ocr_mode_words[choice.value], choice.value)
        self.language = QComboBox()
        self.language.addItem(tr("As the system ({0})").format(LANGUAGES[chosen_language("system")]), "system")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setToolTip(tr("The language of DocScan's window; a change takes effect when DocScan starts again"))
        self.dpi = QSpinBox()
        self.dpi.setRange(*(int(limit) for limit in RUN_OPTIONS["dpi"].range))
        self.dpi.setSuffix(tr(" dpi"))
        self.flatten = QCheckBox(tr("Straighten photos of pages"))
        self.flatten.setToolTip(tr("Crop a photographed page to its edges, flatten its perspective, even out its "
                                   "light and straighten its lines (the file is not changed; scans are left as "
                                   "they are); for images opened from now on"))
        self.engine_note, self.gpu_note, self.problem_note = (self._note() for _ in range(3))

        form = QFormLayout()
        form.addRow(tr("Models:"), models_row)
        form.addRow(tr("Engine:"), self.backend)
        form.addRow("", self.engine_note)
        form.addRow(tr("Device:"), self.device)
        form.addRow("", self.gpu_note)
        form.addRow(tr("Language:"), self.lang)
        form.addRow(tr("Orientation:"), self.rotate)
        form.addRow("", self.angle)
        form.addRow(tr("Layout:"), self.tables)
        form.addRow(tr("Mark to check below:"), self.review)
        form.addRow(tr("PDF render:"), self.dpi)
        form.addRow(tr("PDF text:"), self.ocr_mode)
        form.addRow(tr("Photos:"), self.flatten)
        form.addRow(tr("Window language:"), self.language)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).setText(tr("Reset"))
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self.reset)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem_note)
        layout.addWidget(buttons)

        self._fill_models()
        self.models.currentIndexChanged.connect(self._on_models_changed)
        for combo in (self.backend, self.lang):
            combo.currentIndexChanged.connect(self._update_choices)
        for box in (self.angle, self.rotate, self.tables):
            box.toggled.connect(self._update_choices)
        self.device.currentIndexChanged.connect(self._update_problem)
        self._load(settings.engine_config(), settings.get("render/dpi"), settings.get("ocr/mode"),
                   settings.get(FLATTEN_SETTING))
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get("ui/language"))))

    @staticmethod
    def _note() -> QLabel:
        note = QLabel()
        note.setWordWrap(True)
        note.setStyleSheet("font-style: italic;")  # no fixed colour: it must read on a dark theme too
        note.setVisible(False)
        return note

    @staticmethod
    def _say(note: QLabel, text: str) -> None:
        note.setText(text)
        note.setVisible(bool(text))  # an empty note would leave a gap in the form

    def _fill_models(self) -> None:
        """Every family and tier from the catalogue; those whose models are not installed are greyed out and
        say where to install them."""
        current = self.models.currentData()
        self.models.blockSignals(True)
        self.models.clear()
        for family, tier, label in family_choices():
            chosen = FAMILIES[family].tier(tier)
            installed = all(self.formats(name) for name in (chosen.det, chosen.rec))
            self.models.addItem(label if installed else tr("{0}: not installed").format(label), f"{family}:{tier}")
            if not installed:
                self._disable(self.models, self.models.count() - 1,
                              tr("Not installed: install it in {0}").format(menu_path("models")))
        if current is not None:
            self.models.setCurrentIndex(max(0, self.models.findData(current)))
        self.models.blockSignals(False)

    @staticmethod
    def _disable(combo: QComboBox, index: int, why: str | None) -> None:
        """Grey out a combo box's item (``why``: its tooltip), or offer it again (``why`` None)."""
        item = combo.model().item(index)
        item.setEnabled(why is None)
        item.setToolTip(why or "")

    @staticmethod
    def _first_enabled(combo: QComboBox) -> None:
        model = combo.model()
        if not model.item(combo.currentIndex()).isEnabled():
            enabled = [i for i in range(combo.count()) if model.item(i).isEnabled()]
            if enabled:
                combo.setCurrentIndex(enabled[0])

    def _load(self, config: EngineConfig, dpi: int, ocr_mode: str, flatten: bool = True) -> None:
        self.ocr_mode.setCurrentIndex(max(0, self.ocr_mode.findData(ocr_mode)))
        self.flatten.setChecked(bool(flatten))
        self.models.blockSignals(True)
        self.models.setCurrentIndex(max(0, self.models.findData(f"{config.family}:{config.resolved_tier}")))
        self.models.blockSignals(False)
        self._update_languages()
        for combo, value in ((self.backend, config.backend), (self.device, config.device), (self.lang, config.lang)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self.angle.setChecked(config.angle)
        self.rotate.setChecked(config.rotate)
        self.tables.setChecked(config.tables)
        self.review.setValue(config.review_threshold)
        self.dpi.setValue(int(dpi))
        self._update_choices()

    def chosen_models(self) -> tuple[str, str]:
        """(family, tier) of the Models choice."""
        family, _, tier = self.models.currentData().partition(":")
        return family, tier

    def _on_models_changed(self) -> None:
        self._update_languages()
        self._update_choices()

    def _update_languages(self) -> None:
        """The languages the chosen family reads (the choice is kept where the new family reads it too); one
        whose recogniser is not installed is greyed out."""
        family, tier = self.chosen_models()
        current = self.lang.currentData()
        self.lang.blockSignals(True)
        self.lang.clear()
        for code, label in FAMILIES[family].languages.items():
            try:
                rec = FAMILIES[family].recogniser(tier, code)
            except ValueError:  # not at this tier (PP-OCRv6 tiny: Japanese)
                continue
            label = label if code == "auto" else f"{label} ({code})"
            installed = bool(self.formats(rec))
            self.lang.addItem(label if installed else tr("{0}: not installed").format(label), code)
            if not installed:
                self._disable(self.lang, self.lang.count() - 1, tr("Not installed ({0}): install it in {1}").format(
                    rec, menu_path("models")))
        self.lang.setCurrentIndex(max(0, self.lang.findData(current)))
        self._first_enabled(self.lang)
        self.lang.blockSignals(False)

    def _update_choices(self) -> None:
        """The engines that can run the chosen models (one that cannot is greyed out, and the note says
        why), then the devices, then whether the whole choice can run."""
        reasons = []
        for index in range(self.backend.count()):
            problem = engine_problem(self._config(backend=self.backend.itemData(index), device="cpu"), self.formats)
            why = problem.text if problem is not None and problem.cause in ("backend", "formats") else None
            self._disable(self.backend, index, why)
            if why:
                reasons.append(why)
        self.backend.blockSignals(True)
        self._first_enabled(self.backend)
        self.backend.blockSignals(False)
        self._say(self.engine_note, " ".join(reasons))
        self._update_gpu()
        self._update_problem()

    def _update_gpu(self) -> None:
        """GPU is offered only where the chosen backend can use one here; otherwise it says what to install."""
        backend = self.backend.currentData()
        if self.device_status is None:
            usable, reason = False, tr("Still checking which devices are usable…")
        else:
            status = self.device_status.get(backend)
            usable, reason = (status.usable, status.reason) if status else (False, "unknown backend")
        self._disable(self.device, 1, None if usable else reason)
        self.device.setToolTip("" if usable else tr("GPU not available: {0}").format(reason))
        self._say(self.gpu_note, "" if usable else tr("GPU not available: {0}").format(reason))
        if not usable and self.device.currentData() == "gpu":
            self.device.blockSignals(True)
            self.device.setCurrentIndex(0)
            self.device.blockSignals(False)

    def _update_problem(self) -> None:
        """OK is offered when the whole choice can run here; otherwise the note says why."""
        problem = engine_problem(self.config(), self.formats, self.device_status)
        self._say(self.problem_note, "" if problem is None else "⚠ " + problem.text)
        self.ok_button.setEnabled(problem is None)
        self.ok_button.setToolTip("" if problem is None else problem.text)

    def install_models(self) -> None:
        """Recognise → Models… from here; what it installed is offered as soon as it closes."""
        if self._open_models is not None:
            self._open_models()
        self.formats = InstalledFormats(self.store)
        self._fill_models()
        self._on_models_changed()

    def reset(self) -> None:
        self._load(EngineConfig(), SETTINGS["render/dpi"].default, SETTINGS["ocr/mode"].default,
                   SETTINGS[FLATTEN_SETTING].default)

    def config(self) -> EngineConfig:
        return self._config()

    def _config(self, **changes) -> EngineConfig:
        family, tier = self.chosen_models()
        values = dict(family=family, tier=tier, device=self.device.currentData(), backend=self.backend.currentData(),
                      angle=self.angle.isChecked(), lang=self.lang.currentData(), rotate=self.rotate.isChecked(),
                      tables=self.tables.isChecked(), review_threshold=round(self.review.value(), 2))
        return EngineConfig(**{**values, **changes})

    def accept(self) -> None:
        if not self.ok_button.isEnabled():  # Enter in a field while the choice cannot run
            return
        config = self.config()
        self.settings.set_engine_config(config)
        self.settings.set("render/dpi", self.dpi.value())
        self.settings.set("ocr/mode", self.ocr_mode.currentData())
        self.settings.set(FLATTEN_SETTING, self.flatten.isChecked())
        self.language_changed = self.language.currentData() != self.settings.get("ui/language")
        self.settings.set("ui/language", self.language.currentData())
        self.engine_changed = config != self._before
        super().accept()
