"""``docscan doctor``: the models, engines and devices found, and why any is not usable."""

from __future__ import annotations

import argparse
import sys

from ..core.errors import first_line
from ..core.version import VERSION as __version__
from .common import EXIT_OK


def add_parser(commands) -> argparse.ArgumentParser:
    return commands.add_parser("doctor", help="models, engines and devices found, and why any is not usable")


def run_doctor() -> int:
    import importlib.metadata as metadata

    from ..core.backends import BACKENDS
    from ..core.engine import EngineConfig, gpu_status
    from ..core.model_store import ModelStore, describe_store

    print(f"docscan {__version__}, Python {sys.version.split()[0]} on {sys.platform}")
    for dist in ("paddleocr", "paddlex", "onnxruntime", "openvino", "paddlepaddle", "PyMuPDF", "Pillow"):
        try:
            print(f"  {dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            print(f"  {dist}: not installed")
    store = ModelStore()
    print(f"\nModels ({store.root}):")
    for row in describe_store(store):
        good = [i["format"] for i in row["installed"] if not i["problem"]]
        bad = [f"{i['format']} broken: {i['problem']}" for i in row["installed"] if i["problem"]]
        print(f"  {row['name']:26s} {', '.join(good) or 'not installed'}" + (f"  ({'; '.join(bad)})" if bad else ""))
    default = EngineConfig().backend
    print("\nEngines (--backend):")
    for name, backend in BACKENDS.items():
        marker = " (default)" if name == default else ""
        if not backend.installed():
            print(f"  {name}{marker}: not usable: {backend.package} is not installed (pip install {backend.package})")
            continue
        try:
            gpu = gpu_status(name)
            gpu_text = f"usable ({gpu.reason})" if gpu.usable else f"not usable: {gpu.reason}"
        except Exception as exc:  # a broken GPU stack must not stop the report
            gpu_text = f"not usable: {first_line(exc)}"
        print(f"  {name}{marker}: CPU usable; GPU ({backend.gpu_kind}) {gpu_text}  "
              f"[model formats: {', '.join(backend.formats)}]")
    return EXIT_OK
