"""Finding DocScan's own files (icons, the sample document) whether it runs from a checkout, an
installed package or a PyInstaller bundle (which unpacks them under ``sys._MEIPASS``)."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def sample_document() -> Path:
    return resource_path("sample", "sample-scan.pdf")


def sample_text() -> str:
    return resource_path("sample", "sample.txt").read_text(encoding="utf-8")
