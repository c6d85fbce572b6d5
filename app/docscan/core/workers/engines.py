"""The engine a worker loads, and the fingerprint of its model files that the parent checks it against."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Callable

from ..engine import EngineConfig, OcrEngine
from ..errors import ModelError
from ..documents import DEFAULT_DPI
from ..model_store import MANIFEST_NAME, ModelStore

EngineFactory = Callable[[EngineConfig], OcrEngine]


def run_settings(config: EngineConfig, dpi: float | None, ocr_mode: str, flatten_photos: bool = True) -> dict:
    """What decides a page's text. CPU threads do not, so they are left out (a job resumed with another
    worker count keeps its results); whether photos of pages are flattened does (a job run before the
    option existed has no such key, so its results are not taken for flattened ones)."""
    engine = asdict(config)
    engine.pop("cpu_threads", None)
    return {"engine": engine, "dpi": float(dpi or DEFAULT_DPI), "ocr_mode": ocr_mode,
            "flatten_photos": bool(flatten_photos)}


def model_fingerprint(model_dirs: dict[str, str]) -> dict:
    """role -> name, format and the sha256 of each file, from the installed models' manifests (which
    ``ModelStore.require`` has just checked against the files)."""
    out = {}
    for role, folder in sorted(model_dirs.items()):
        manifest = json.loads((Path(folder) / MANIFEST_NAME).read_text(encoding="utf-8"))
        out[role] = {"name": manifest.get("name"), "format": manifest.get("format"),
                     "files": dict(sorted(manifest.get("files", {}).items()))}
    return out


class ModelMismatch(ModelError):
    """A worker's model files are not the ones the job recorded (another machine, another install)."""


def default_engine(config: EngineConfig) -> OcrEngine:
    return OcrEngine(config, ModelStore())


def store_engine(root: str, config: EngineConfig, *, fallbacks: list[str] | None = None) -> OcrEngine:
    """An engine on the models of a given store (the service's --store, the window's store and the
    bundle's read-only one), for workers."""
    return OcrEngine(config, ModelStore(Path(root), fallbacks=[Path(f) for f in fallbacks or []]))


def engine_fingerprint(engine: OcrEngine | None) -> dict:
    """The sha256 of every model file the engine would run (checking them); {} without an engine."""
    return {} if engine is None else model_fingerprint(engine.check())


def engine_settings(config: EngineConfig, dpi: float | None) -> dict:
    """The settings a worker of the window or the service recognises with (OCR mode auto): a batch
    job's run_settings."""
    return run_settings(config, dpi, "auto")


def compare_fingerprints(expected: dict, found: dict) -> str | None:
    """Why two fingerprints differ, for a person; None when they are the same."""
    if expected == found:
        return None
    differing = []
    for role in sorted(set(expected) | set(found)):
        want, have = expected.get(role), found.get(role)
        if want != have:
            name = (want or have or {}).get("name", role)
            differing.append(f"{name} ({'missing here' if have is None else 'not in the job' if want is None else 'other files'})")
    return ", ".join(differing)
