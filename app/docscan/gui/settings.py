"""Declarative settings over QSettings: each setting has a key, a default and a type; Reset restores
the defaults. Values are stored in ``$DOCSCAN_HOME/settings.ini`` when DOCSCAN_HOME is set (tests), else
where Qt keeps per-user settings."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from ..core.documents import DEFAULT_DPI
from ..core.engine import EngineConfig
from ..core.models import DEFAULT_LANG


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    kind: type


SETTINGS = {s.key: s for s in (
    Setting("ocr/variant", "mobile", str),
    Setting("ocr/device", "cpu", str),
    Setting("ocr/backend", "onnxruntime", str),
    Setting("ocr/angle", False, bool),
    Setting("ocr/rotate", True, bool),
    Setting("ocr/lang", DEFAULT_LANG, str),
    Setting("render/dpi", DEFAULT_DPI, int),
    Setting("ocr/mode", "auto", str),
    Setting("files/recent", [], list),
    Setting("files/last_folder", "", str),
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
        try:
            return EngineConfig(variant=self.get("ocr/variant"), device=self.get("ocr/device"),
                                backend=self.get("ocr/backend"), angle=self.get("ocr/angle"),
                                lang=self.get("ocr/lang"), rotate=self.get("ocr/rotate"))
        except ValueError:  # a settings file edited by hand, or from a newer version
            return EngineConfig()

    def set_engine_config(self, config: EngineConfig) -> None:
        for key, value in (("ocr/variant", config.variant), ("ocr/device", config.device),
                           ("ocr/backend", config.backend), ("ocr/angle", config.angle), ("ocr/lang", config.lang),
                           ("ocr/rotate", config.rotate)):
            self.set(key, value)

    def add_recent(self, path: str) -> list[str]:
        recent = [p for p in self.get("files/recent") if p != path]
        recent.insert(0, path)
        del recent[RECENT_LIMIT:]
        self.set("files/recent", recent)
        return recent
