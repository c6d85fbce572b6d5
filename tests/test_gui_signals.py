"""The window's own signals survive being emitted many times from Python (issue 24 item 14).

PySide6-Essentials 6.12.0 drops a reference to True or False on every Python-side emit of a signal that
carries a bool: after a few hundred emits the interpreter aborts ("Fatal Python error: bool_dealloc").
The window emits such signals once per job (jobFinished, jobEnded, ocrFinished), so a long session dies.
This test finds every bool-carrying signal the window's classes declare, emits each 10,000 times in a
fresh process, and checks that the process ends normally: it fails on a PySide6 with that bug.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

EMITS = 10_000

SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path

    from PySide6.QtCore import QMetaMethod, QObject, Signal
    from PySide6.QtWidgets import QApplication

    from docscan.core.model_store import ModelStore
    from docscan.gui.main_window import MainWindow
    from docscan.gui.settings import Settings

    home = Path(sys.argv[1])
    emits = int(sys.argv[2])
    app = QApplication(["docscan"])
    window = MainWindow(Settings(home / "settings.ini"), ModelStore(home / "models"))
    # every QObject of the window's own classes: the window, its children, and the workers on their threads
    objects = [window, *window.findChildren(QObject), window.recognition.worker, window.documents.worker]
    values = {b"int": 0, b"bool": False, b"QString": "", b"double": 0.0}
    done = set()
    for obj in objects:
        cls = type(obj)
        if not cls.__module__.startswith("docscan.gui") or cls in done:
            continue
        done.add(cls)
        own = {name for name, value in vars(cls).items() if isinstance(value, Signal)}  # declared by the class
        meta = obj.metaObject()
        for i in range(meta.methodCount()):
            method = meta.method(i)
            name = bytes(method.name()).decode()
            types = list(method.parameterTypes())
            if method.methodType() != QMetaMethod.MethodType.Signal or name not in own or b"bool" not in types:
                continue
            signal = getattr(obj, name)
            for n in range(emits):
                signal.emit(*[(n % 2 == 0) if t == b"bool" else values.get(bytes(t)) for t in types])
            print(f"emitted {cls.__name__}.{bytes(method.methodSignature()).decode()}", flush=True)
    window.close()
    app.processEvents()
    print("done", flush=True)
""")


def declared_bool_signals() -> set[str]:
    """"Class.signal(types)" of every signal carrying a bool that a class of docscan.gui declares."""
    import importlib
    import inspect
    import pkgutil

    import docscan.gui
    from PySide6.QtCore import Signal

    found = set()
    for info in pkgutil.iter_modules(docscan.gui.__path__):
        module = importlib.import_module(f"docscan.gui.{info.name}")
        for cls in vars(module).values():
            if inspect.isclass(cls) and cls.__module__ == module.__name__:
                found |= {f"{cls.__name__}.{value}" for value in vars(cls).values()  # str(): "name(int,bool)"
                          if isinstance(value, Signal) and "bool" in str(value).partition("(")[2].rstrip(")").split(",")}
    return found


def test_the_window_s_bool_signals_can_be_emitted_ten_thousand_times(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path), str(EMITS)], env=env,
                             capture_output=True, text=True, timeout=300)
    output = process.stdout + process.stderr
    assert "Fatal Python error" not in output, output[-3000:]
    assert process.returncode == 0, output[-3000:]
    emitted = {line.split()[1] for line in process.stdout.splitlines() if line.startswith("emitted ")}
    declared = declared_bool_signals()
    # the ones known when this test was written: a signal renamed or dropped shows here, not as a silent pass
    assert {"OcrWorker.jobFinished(int,int,bool)", "RecognitionController.jobEnded(int,bool)",
            "MainWindow.ocrFinished(int,bool)"} <= declared
    assert emitted == declared, f"declared but not reached from the window (emit them in SCRIPT): {declared - emitted}"
    assert process.stdout.rstrip().endswith("done")
