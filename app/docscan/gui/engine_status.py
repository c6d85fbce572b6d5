"""The engine as the window shows it: its corner of the status bar (loading, unavailable, ready or
recognising, with its models), the job's progress, why it cannot start above the page with the buttons that
mend it, and the Fast Models switch. The recognition controller runs the engine; this says what it is doing."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton

from ..core.model_store import FAMILIES
from .actions import action, plain
from .engine_choice import BACKEND_NAMES, FIX_BACKEND, FIX_DEVICE, FIX_MODELS
from .i18n import tr
from .panels import MessageBar
from .recognition_controller import EngineState, RecognitionController
from .settings import Settings
from .window_model import JobState, WindowModel


class EngineStatus(QObject):
    said = Signal(str, int)  # a status-bar message and how long it stays (ms)
    failed = Signal(str, str)  # title, message: recognition failed in a way the message bar does not say

    def __init__(self, recognition: RecognitionController, model: WindowModel, settings: Settings,
                 message_bar: MessageBar, fast_action: QAction, open_models: Callable[[], None],
                 open_settings: Callable[[], None], parent: QObject | None = None):
        super().__init__(parent)
        self.recognition, self.model, self.settings = recognition, model, settings
        self.message_bar, self.fast_action = message_bar, fast_action
        self._open_models, self._open_settings = open_models, open_settings
        self.label = QLabel(tr("OCR models not loaded yet"))
        recognition.engineChanged.connect(self.on_engine_changed)
        recognition.problem.connect(self.on_problem)

    def on_engine_changed(self, state: str) -> None:
        """The engine's corner of the status bar: loading, unavailable, or its models and device."""
        recognition, label = self.recognition, self.label
        if state == EngineState.LOADING:
            label.setText(tr("Loading OCR models…"))
            label.setToolTip("")
            self.message_bar.clear("engine")  # the old engine's problem or notice is gone with it
        elif state == EngineState.FAILED:
            label.setText(tr("⚠ OCR unavailable"))
            label.setToolTip(recognition.engine_problem.text)
            self.say_problem()
        else:
            self.show_state()
            label.setToolTip("\n".join(f"{role}: {name}" for role, name in (recognition.engine_models or {}).items())
                             + (f"\n\n{recognition.engine_notice}" if recognition.engine_notice else ""))
            if recognition.engine_notice:
                self.message_bar.show_message("engine", recognition.engine_notice, warning=False)
            else:
                self.message_bar.clear("engine")

    def say_problem(self) -> None:
        """Why OCR cannot start, in the window's words, with the buttons that mend it, above the page."""
        problem = self.recognition.engine_problem
        if problem is None:
            return
        buttons = []
        if problem.fix == FIX_MODELS:
            buttons.append((plain(action("models").text), lambda: self._open_models()))
        elif problem.fix == FIX_BACKEND:
            buttons.append((tr("Use {0}").format(BACKEND_NAMES[problem.to]),
                            lambda: self.use_engine(backend=problem.to)))
        elif problem.fix == FIX_DEVICE:
            buttons.append((tr("Use the CPU"), lambda: self.use_engine(device="cpu")))
        buttons.append((plain(action("settings").text), lambda: self._open_settings()))
        self.message_bar.show_message("engine", tr("OCR cannot start. {0}").format(problem.text), buttons)

    def on_problem(self, title: str, message: str) -> None:
        """Recognition cannot start or failed. An engine that did not start is said in the window's words above
        the page, with the button that mends it (the core's message is written for the command line)."""
        if self.recognition.state == EngineState.FAILED and self.recognition.engine_problem is not None:
            self.say_problem()  # again, if it was put away
            self.said.emit(tr("OCR is not available: the message above the page says why."), 8000)
            return
        self.failed.emit(title, message)

    def use_engine(self, **changes) -> None:
        """The engine setting a message's button offers (another backend, the CPU), applied at once."""
        self.settings.set_engine_config(self.settings.engine_config().with_changes(**changes))
        self.apply_config()

    def apply_config(self) -> None:
        self.recognition.configure(self.settings.engine_config())

    def show_state(self) -> None:
        """Ready, or Recognising while a job runs (from the model's job state), with the engine's models."""
        recognition = self.recognition
        if recognition.state != EngineState.READY or not recognition.engine_text:
            return  # loading, or unavailable: said by on_engine_changed
        text = tr("Recognising: {0}") if self.model.busy else tr("Ready: {0}")
        self.label.setText(text.format(recognition.engine_text))

    def show_job(self, progress_bar: QProgressBar, cancel_button: QPushButton, status_line: QLabel) -> None:
        """The job started, moved on, is cancelling or ended: the status bar says so, from the model."""
        progress = self.model.job
        busy = progress is not None
        progress_bar.setVisible(busy)
        cancel_button.setVisible(busy)
        cancel_button.setEnabled(busy and progress.state is JobState.RUNNING)
        if busy:
            progress_bar.setValue(progress.done)
            self.message_bar.clear("job")
        elif self.model.last_problem:  # the pages it could not recognise, and why: too long for the status line
            self.message_bar.show_message("job", self.model.last_problem)
        status_line.setText(self.model.status_text())
        self.show_state()

    def toggle_fast(self, checked: bool) -> None:
        """One click between the family's fastest tier (PP-OCRv6 tiny) and its default one (small)."""
        config = self.settings.engine_config()
        family = FAMILIES[config.family]
        try:
            chosen = config.with_changes(tier=family.fastest.name if checked else family.mobile)
        except ValueError:  # a language the fast tier does not read (PP-OCRv6 tiny: Japanese)
            chosen = config.with_changes(tier=family.fastest.name if checked else family.mobile, lang="auto")
            self.said.emit(f"{chosen.label} does not read {family.languages.get(config.lang)}: "
                           "it reads every language it knows instead.", 8000)
        if chosen != config:
            self.settings.set_engine_config(chosen)
            self.apply_config()
        self.sync_fast_action()

    def sync_fast_action(self) -> None:
        """Fast Models as the settings have it: checked on the fastest tier, off where that is the default."""
        config = self.settings.engine_config()
        family = FAMILIES[config.family]
        fastest, default = family.label(family.fastest.name), family.label(family.mobile)
        fast = self.fast_action
        fast.setEnabled(family.fastest.name != family.mobile)  # PP-OCRv5/v4: the default is the fastest
        fast.setChecked(config.resolved_tier == family.fastest.name)
        fast.setToolTip(tr("Read with {0}: about 3x faster than {1}, a little less accurate").format(fastest, default)
                        if family.fastest.name != family.mobile else
                        tr("{0} is already {1}'s fastest tier").format(default, family.name))
