"""The window's words go through Qt's translation machinery, and the Simplified Chinese translation is
complete, compiled and used (issue 17)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from docscan.gui.i18n import LANGUAGES, chosen_language, install_translation, translation_file
from docscan.resources import resource_path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = resource_path("translations", "docscan_zh_CN.ts")


def messages(ts: Path) -> dict[str, ET.Element]:
    return {m.find("source").text: m.find("translation") for m in ET.parse(ts).iter("message")}


def test_every_string_of_the_window_is_in_the_translation_sources_and_translated(tmp_path):
    """pyside6-lupdate over the window's code finds no string the committed .ts lacks, and none is left
    unfinished: a new string without a translation fails here (run `make update-translations`)."""
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    assert lupdate.exists() or shutil.which("pyside6-lupdate")
    fresh = tmp_path / "fresh.ts"
    subprocess.run([str(lupdate) if lupdate.exists() else "pyside6-lupdate",
                    *map(str, sorted((ROOT / "app" / "docscan" / "gui").glob("*.py"))), "-ts", str(fresh)],
                   check=True, capture_output=True)
    found, committed = set(messages(fresh)), messages(SOURCES)
    assert len(found) > 200
    assert not found - set(committed), f"not in {SOURCES.name}: {sorted(found - set(committed))[:5]}"
    unfinished = [s for s, t in committed.items() if t.get("type") == "unfinished" or not (t.text or "").strip()]
    assert not unfinished, unfinished[:5]


def test_translations_keep_every_placeholder_and_accelerator():
    for source, translation in messages(SOURCES).items():
        text = translation.text or ""
        assert sorted(re.findall(r"\{\d[^}]*\}", source)) == sorted(re.findall(r"\{\d[^}]*\}", text)), source
        assert ("&" in source.replace("&&", "")) == ("&" in text.replace("&&", "")), source
        assert ("%v" in source) == ("%v" in text) and ("%m" in source) == ("%m" in text), source


def test_the_language_follows_the_system_unless_the_setting_names_one(monkeypatch):
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("zh_CN")))
    assert chosen_language("system") == "zh_CN"
    assert chosen_language("en") == "en" and chosen_language("xx") == "en"
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("de_DE")))
    assert chosen_language("system") == "en" and chosen_language("zh_CN") == "zh_CN"
    assert set(LANGUAGES) == {"en", "zh_CN"}


@pytest.fixture
def chinese(qapp):
    assert translation_file("zh_CN").exists(), "compile the translations first: make translations"
    assert install_translation(qapp, "zh_CN")
    yield
    install_translation(qapp, "en")


def test_the_window_speaks_chinese_when_chosen(qtbot, tmp_path, store, chinese):
    from docscan.gui.main_window import MainWindow
    from docscan.gui.settings import Settings

    window = MainWindow(Settings(tmp_path / "settings.ini"), store)
    qtbot.addWidget(window)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "视图(&V)", "页面(&P)", "识别(&R)", "帮助(&H)"]
    assert window.act_capture.text() == "截屏识别(&S)…" and window.act_turn_right.text() == "向右旋转(&G)"
    assert window.text_panel.placeholder().startswith("没有打开的文档")
    assert window.model.status_text() == "" and window.drop_hint.text().startswith("将图片或 PDF 拖放到这里")
    window.close()


def test_the_english_window_is_untouched_without_a_translation(qtbot, tmp_path, store, qapp):
    from docscan.gui.main_window import MainWindow
    from docscan.gui.settings import Settings

    assert not install_translation(qapp, "en")
    window = MainWindow(Settings(tmp_path / "settings.ini"), store)
    qtbot.addWidget(window)
    assert [action.text() for action in window.menuBar().actions()][0] == "&File"
    window.close()
    QApplication.processEvents()
