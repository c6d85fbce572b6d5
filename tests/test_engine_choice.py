"""The window offers only engine choices that can run here, and when the engine cannot start it says why in
its own words with a button that mends it, not the command line's advice (issue 24 item 8)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox

from docscan.core.engine import DeviceStatus, EngineConfig, backend_installed
from docscan.core.model_store import ModelStore
from docscan.gui.settings_dialog import SettingsDialog
from docscan.gui.engine_choice import InstalledFormats, engine_problem
from docscan.gui.main_window import MainWindow
from docscan.gui.settings import Settings

CLI_WORDS = ("--backend", "--device", "docscan models", "pip install")


def item(combo, data):
    return combo.model().item(combo.findData(data))


def dialog_texts(dialog) -> str:
    """Every word the dialog shows or offers as a tooltip."""
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    for combo in (dialog.models, dialog.backend, dialog.device, dialog.lang):
        texts += [combo.itemText(i) + " " + combo.model().item(i).toolTip() for i in range(combo.count())]
    return "\n".join(texts)


def test_settings_grey_out_what_cannot_run_here_and_say_why(qtbot, tmp_path, store):
    settings = Settings(tmp_path / "settings.ini")
    settings.set_engine_config(EngineConfig(backend="paddle"))  # PP-OCRv6 small: installed only as ONNX
    asked = []
    dialog = SettingsDialog(settings, None, store=store, open_models=lambda: asked.append(True))
    qtbot.addWidget(dialog)
    paddle = item(dialog.backend, "paddle")
    assert not paddle.isEnabled()
    why = ("PaddlePaddle cannot run PP-OCRv6 small here: its models are installed only for ONNX Runtime."
           if backend_installed("paddle") else "PaddlePaddle is not installed here.")
    assert paddle.toolTip() == why and dialog.engine_note.text() == why and dialog.engine_note.isVisibleTo(dialog)
    assert dialog.backend.currentData() == "onnxruntime" and dialog.ok_button.isEnabled()  # what can run instead

    medium = item(dialog.models, "PP-OCRv6:medium")
    assert not medium.isEnabled() and medium.toolTip() == "Not installed: install it in Recognise → Models…"
    dialog.models.setCurrentIndex(dialog.models.findData("PP-OCRv5:mobile"))
    korean = item(dialog.lang, "korean")  # read by a recogniser of its own, not installed
    assert not korean.isEnabled() and "korean_PP-OCRv5_mobile_rec" in korean.toolTip()
    assert korean.text() == "Korean (korean): not installed"
    assert item(dialog.lang, "ch").isEnabled()
    if backend_installed("paddle"):  # PP-OCRv4 mobile is installed in Paddle format as well: both engines run it
        dialog.models.setCurrentIndex(dialog.models.findData("PP-OCRv4:mobile"))
        assert item(dialog.backend, "paddle").isEnabled() and not dialog.engine_note.isVisibleTo(dialog)

    dialog.models.setCurrentIndex(dialog.models.findData("PP-OCRv6:medium"))  # as a settings file may hold it
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem_note.text() == "⚠ PP-OCRv6 medium is not installed. Install it in Recognise → Models…"
    assert not any(words in dialog_texts(dialog) for words in CLI_WORDS)
    dialog.models_button.click()
    assert asked == [True]  # the dialog's Models… button opens Recognise → Models…
    dialog.accept()
    assert dialog.result() == 0 and settings.engine_config().backend == "paddle"  # nothing taken that cannot run


def test_a_gpu_without_its_libraries_and_a_backend_not_installed_are_said_in_the_window_s_words(store, monkeypatch):
    formats = InstalledFormats(store)
    unusable = {"onnxruntime": DeviceStatus(False, "this onnxruntime has no CUDA support.")}
    problem = engine_problem(EngineConfig(device="gpu"), formats, unusable)
    assert (problem.cause, problem.fix, problem.to) == ("device", "device", "cpu")
    assert problem.text == "The GPU cannot be used with ONNX Runtime here: this onnxruntime has no CUDA support."
    assert engine_problem(EngineConfig(), formats, unusable) is None
    monkeypatch.setattr("docscan.gui.engine_choice.backend_installed", lambda backend: backend != "paddle")
    problem = engine_problem(EngineConfig(family="PP-OCRv4", backend="paddle"), formats)
    assert (problem.text, problem.fix, problem.to) == ("PaddlePaddle is not installed here.", "backend", "onnxruntime")
    nothing = engine_problem(EngineConfig(), InstalledFormats(ModelStore(store.root.parent / "no-models")))
    assert (nothing.text, nothing.fix) == ("PP-OCRv6 small is not installed. Install it in Recognise → Models…",
                                           "models")


@pytest.fixture
def window(qtbot, tmp_path, store, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"a message box: {a[1:3]}"))
    settings = Settings(tmp_path / "settings.ini")
    settings.set_engine_config(EngineConfig(backend="paddle"))
    window = MainWindow(settings, store)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()


def test_an_engine_that_cannot_start_says_why_above_the_page_with_a_button_that_mends_it(qtbot, window):
    with qtbot.waitSignal(window.engineStateChanged, timeout=60_000, check_params_cb=lambda s: s == "failed"):
        window.start_engine()
    assert "--backend" in window.engine_error  # the core's words, for the command line...
    said = window.message_bar.text("engine")  # ...and the window's
    if backend_installed("paddle"):
        assert said == ("⚠ OCR cannot start. PaddlePaddle cannot run PP-OCRv6 small here: its models are installed "
                        "only for ONNX Runtime.")
    assert not any(words in said for words in CLI_WORDS)
    assert not any(words in window.statusBar().currentMessage() for words in CLI_WORDS)  # not cut off there
    assert window.message_bar.isVisibleTo(window)
    use_onnx = next(b for b in window.message_bar.buttons("engine") if b.text() == "Use ONNX Runtime")
    with qtbot.waitSignal(window.engineStateChanged, timeout=120_000, check_params_cb=lambda s: s == "ready"):
        use_onnx.click()
    assert window.settings.engine_config().backend == "onnxruntime"
    assert window.message_bar.text("engine") is None and not window.message_bar.isVisibleTo(window)
