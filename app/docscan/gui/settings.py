"""Declarative settings over QSettings: each setting has a key, a default and a type; Reset restores
the defaults. Values are stored in ``$DOCSCAN_HOME/settings.ini`` when DOCSCAN_HOME is set (tests), else
where Qt keeps per-user settings."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from ..core.engine import ENGINE_OPTIONS, EngineConfig
from ..core.options import RUN_OPTIONS, RunOptions


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    kind: type


# The engine options the window offers (all but the expert model overrides), one setting each: ocr/<field>.
WINDOW_ENGINE_OPTIONS = tuple(o for o in ENGINE_OPTIONS if o.field not in ("det_model", "rec_model"))
# The run options the window keeps (core.options: those with a settings key): render/dpi, ocr/mode.
WINDOW_RUN_OPTIONS = tuple(o for o in RUN_OPTIONS.values() if o.setting)

SETTINGS = {s.key: s for s in (
    *(Setting(f"ocr/{o.field}", "" if o.default is None else o.default, o.kind) for o in WINDOW_ENGINE_OPTIONS),
    # a number is kept whole: the Settings dialog's DPI box counts in whole dots per inch
    *(Setting(o.setting, o.shown_default, int if o.kind is float else o.kind) for o in WINDOW_RUN_OPTIONS),
    Setting("ui/language", "system", str),  # "system", or a key of i18n.LANGUAGES; read when DocScan starts
    Setting("files/recent", [], list),
    Setting("files/last_folder", "", str),
    Setting("scan/last_scanner", "", str),  # the scanner File → Scan offers first (a core.scanning id)
    Setting("scan/scanners", "{}", str),  # JSON: scanner id -> the ScanSettings fields chosen last on it
)}
RECENT_LIMIT = 10


def _open_qsettings(path: Path | None) -> QSettings:
    if path is None and os.environ.get("DOCSCAN_HOME"):
        path = Path(os.environ["DOCSCAN_HOME"]) / "settings.ini"
    if path is not None:
        return QSettings(str(path), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "DocScan", "DocScan")


class Settings:
    def __init__(self, path: Path | None = None):
        self._qsettings = _open_qsettings(path)

    def get(self, key: str) -> Any:
        setting = SETTINGS[key]
        value = self._qsettings.value(key, setting.default)
        if setting.kind is bool:
            return value if isinstance(value, bool) else str(value).lower() in ("true", "1", "yes")
        if setting.kind is int:
            try:
                return int(value)
            except (TypeError, ValueError):
                return setting.default
        if setting.kind is list:
            if value in (None, ""):
                return []
            return list(value) if isinstance(value, (list, tuple)) else [value]
        return str(value)

    def set(self, key: str, value: Any) -> None:
        if key not in SETTINGS:
            raise KeyError(key)
        self._qsettings.setValue(key, value)

    def reset(self) -> None:
        """Every setting back to its default (recent files are kept: they are history, not a preference)."""
        for key in SETTINGS:
            if not key.startswith("files/"):
                self._qsettings.remove(key)

    def sync(self) -> None:
        self._qsettings.sync()

    def engine_config(self) -> EngineConfig:
        values = {o.field: self.get(f"ocr/{o.field}") for o in WINDOW_ENGINE_OPTIONS}
        try:
            return EngineConfig(**{k: (None if v == "" else v) for k, v in values.items()})
        except ValueError:  # a settings file edited by hand, or from a newer version
            return EngineConfig()

    def set_engine_config(self, config: EngineConfig) -> None:
        for option in WINDOW_ENGINE_OPTIONS:
            value = getattr(config, option.field)
            self.set(f"ocr/{option.field}", "" if value is None else value)

    def run_options(self) -> RunOptions:
        """The run options the window keeps (DPI, OCR mode) as a RunOptions; an OCR mode edited by hand into
        one no run takes counts as the default."""
        values = {o.field: self.get(o.setting) for o in WINDOW_RUN_OPTIONS}
        try:
            return RunOptions(**values)
        except ValueError:
            return RunOptions(dpi=values["dpi"])

    def recent(self) -> list[str]:
        """The recent files, newest first: absolute paths, each once. Entries stored otherwise (relative,
        as an earlier version stored paths as typed, or twice) are left out: a relative path's folder is
        not known any more."""
        recent = []
        for entry in self.get("files/recent"):
            if not os.path.isabs(str(entry)):
                continue
            path = os.path.normpath(str(entry))  # "/a/./b/../c" once; no disk access here (the main thread)
            if path not in recent:
                recent.append(path)
        return recent[:RECENT_LIMIT]

    def add_recent(self, path: str) -> list[str]:
        """Put ``path`` first in the recent files, stored absolute (the I/O worker gives it resolved)."""
        path = os.path.abspath(path)
        recent = [path, *(p for p in self.recent() if p != path)][:RECENT_LIMIT]
        self.set("files/recent", recent)
        return recent

    def scanner_choices(self) -> dict[str, dict]:
        """What was chosen last on each scanner (File → Scan offers it again): scanner id -> ScanSettings'
        fields. A value edited by hand into something else counts as nothing remembered."""
        try:
            choices = json.loads(self.get("scan/scanners") or "{}")
        except ValueError:
            return {}
        return {str(k): v for k, v in choices.items() if isinstance(v, dict)} if isinstance(choices, dict) else {}

    def remember_scanner(self, scanner_id: str, choices: dict) -> None:
        remembered = self.scanner_choices()
        remembered[scanner_id] = {k: v for k, v in choices.items() if k != "max_pages"}
        self.set("scan/scanners", json.dumps(remembered, sort_keys=True))
        self.set("scan/last_scanner", scanner_id)
