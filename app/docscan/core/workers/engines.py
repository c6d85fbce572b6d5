"""The engine a worker loads, and the fingerprint of its model files that the parent checks it against."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..batch.job import model_fingerprint, run_settings
from ..engine import EngineConfig, OcrEngine
from ..errors import ModelError
from ..model_store import ModelStore

EngineFactory = Callable[[EngineConfig], OcrEngine]


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
