"""Every keyboard shortcut the README names works: pressed on the real window, it triggers its action, and
no key is bound twice (issue 24 item 7). The README's table is the declaration's (gui/actions.py), and
Esc acts on what has the focus first (the Find bar), then cancels (issue 24 item 13)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from docscan.gui.main_window import MainWindow
from docscan.gui.settings import Settings
from helpers import text_image

README = Path(__file__).resolve().parents[1] / "README.md"


def window_section() -> str:
    text = README.read_text(encoding="utf-8")
    return text.split("## The window", 1)[1].split("\n## ", 1)[0]


def readme_shortcuts() -> list[tuple[str, str, list[str]]]:
    """(menu, action, keys) of each row of the README's table of shortcuts."""
    rows = []
    for line in window_section().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        if len(cells) == 3 and cells[0] not in ("menu", "---|---|---") and not set(cells[0]) <= {"-", "|"}:
            rows.append((cells[0], cells[1], cells[2].split(", ")))
    return rows


def plain(text: str) -> str:
    return re.sub(r"\(&\w\)|&(?=\w)", "", text)


@pytest.fixture
def window(qtbot, tmp_path, store, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    window = MainWindow(Settings(tmp_path / "settings.ini"), store)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    yield window
    for doc in window.docs.values():
        doc.dirty = False
    window.close()


def test_every_shortcut_the_readme_names_triggers_its_action_and_none_is_bound_twice(qtbot, window, qtlog):
    rows = readme_shortcuts()
    assert len(rows) >= 30
    assert ("Edit", "Settings…", ["Ctrl+,"]) in rows and ("Edit", "Redo", ["Ctrl+Shift+Z", "Ctrl+Y"]) in rows
    actions = {}
    for menu in window.menuBar().actions():
        for action in menu.menu().actions():
            actions[(plain(menu.text()), plain(action.text()))] = action
    # no key sequence on two actions, nor twice on one ("QAction::event: Ambiguous shortcut overload")
    bound = [sequence.toString() for action in window.actions() for sequence in action.shortcuts()]
    assert len(bound) == len(set(bound)), sorted(k for k in bound if bound.count(k) > 1)
    pressed = []
    for menu, what, keys in rows:
        action = actions[(menu, what)]
        action.triggered.disconnect()  # what the action does is tested elsewhere: here, that the key reaches it
        action.triggered.connect(lambda checked=False, w=what: pressed.append(w))
        action.setEnabled(True)
        for key in keys:
            sequence = QKeySequence(key)
            assert sequence.count() == 1 and sequence in action.shortcuts(), (what, key, action.shortcuts())
            pressed.clear()
            QTest.keyClick(window, sequence[0].key(), sequence[0].keyboardModifiers())
            assert pressed == [what], f"{key} did not trigger {menu} → {what}"
    assert not [r.message for r in qtlog.records if "Ambiguous" in r.message]


def test_the_readme_s_shortcuts_are_the_declared_ones_and_its_prose_names_no_other_key():
    from docscan.gui.actions import all_actions, gestures, markdown_table

    section = window_section()
    assert markdown_table() in section, "the README's table differs: paste `python -m docscan.gui.actions` into it"
    declared = {QKeySequence(key).toString() for spec in all_actions() for key in spec.keys}
    declared |= {key for _what, how in gestures() for key in re.split(r",\s*|\s+", how)}
    named = set(re.findall(r"(?:(?:Ctrl|Shift|Alt)\+)+(?:[A-Za-z0-9]+|[^\sA-Za-z0-9])|\bF\d+\b|\bEsc\b|\bPg(?:Up|Down)\b",
                           section))
    assert named and not named - declared, f"the README names keys no action has: {named - declared}"


def test_help_lists_every_shortcut_settings_and_redo_s_two_included(window):
    shortcuts = dict(window.shortcut_list())
    assert shortcuts["Settings"] == QKeySequence("Ctrl+,").toString(QKeySequence.SequenceFormat.NativeText)
    assert shortcuts["Redo"] == "Ctrl+Shift+Z, Ctrl+Y" and shortcuts["Zoom In"] == "Ctrl++, Ctrl+="
    window.show_shortcuts()
    shown = window.shortcuts_box.text()
    assert all(what in shown for what in shortcuts)
    window.shortcuts_box.close()


def test_esc_closes_the_find_bar_from_it_and_elsewhere_is_cancel(qtbot, window, tmp_path):
    """Esc acts on what has the focus first: in the Find bar it closes the Find bar (and leaves a region
    being chosen alone); with the focus anywhere else it is Cancel, and leaves the Find bar open."""
    image = tmp_path / "note.png"
    text_image(["A short note"], fontsize=22).save(image)
    with qtbot.waitSignal(window.pageShown, timeout=20_000):
        window.open_paths([str(image)])
    window.act_ocr_region.trigger()
    window.act_find.trigger()
    assert window.find_bar.isVisible() and window.find_edit.hasFocus() and window.view.region_mode
    qtbot.keyClick(window.find_edit, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible(), "Esc in the Find bar closes it"
    assert window.view.region_mode, "...and does not cancel the region being chosen"
    assert window.text_panel.hasFocus()
    window.act_find.trigger()
    window.text_panel.setFocus()
    qtbot.keyClick(window.text_panel, Qt.Key.Key_Escape)
    assert not window.view.region_mode and not window.act_ocr_region.isChecked(), "elsewhere, Esc is Cancel"
    assert window.find_bar.isVisible(), "...and the Find bar stays"


def test_the_readme_spells_each_menu_path_as_the_menus_do():
    """"Recognise → Models…", "File → Open…": each path the README's window section names is a real menu
    followed by one of its items, spelled as menu_path() spells them ("Recognise → Models" was not)."""
    from docscan.gui.actions import MenuSpec, menus, plain

    section = window_section()
    items = {plain(menu.title): [plain(i.title if isinstance(i, MenuSpec) else i.text) for i in menu.items if i]
             for menu in menus()}
    paths = re.findall(r"\b(\w+) → (\w[\w ]*[\w…]|\w)", section)
    assert len(paths) >= 8
    wrong = [f"{menu} → {item}" for menu, item in paths
             if menu not in items or not any(item.startswith(words) for words in items[menu])]
    assert not wrong, wrong
