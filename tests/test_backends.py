"""Inference backends as plugins (core/backends.py, issue 28): the detector on DocScan's runner gives
PaddleX's boxes, every installed backend reads real pages with the real models, and the choice is
declared once (--backend, doctor, the window's Settings)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from docscan.core import backends
from docscan.core.engine import BACKENDS, EngineConfig, OcrEngine
from docscan.core.errors import EngineUnavailable
from docscan.core.model_store import FAMILIES
from helpers import as_bgr, similarity, text_image

LINES = ["Invoice 4711 dated 12 March 2025", "Total due: 1,234.50 EUR", "中华人民共和国"]
CPU_BACKENDS = [name for name in ("onnxruntime", "openvino") if backends.BACKENDS[name].installed()]


def test_every_backend_is_declared_once_and_offered_everywhere():
    assert BACKENDS == tuple(backends.BACKENDS) == ("onnxruntime", "openvino", "paddle")
    help_text = subprocess.run([sys.executable, "-m", "docscan", "ocr", "--help"], capture_output=True,
                               text=True, check=True).stdout
    assert "openvino" in help_text and "paddle" in help_text
    with pytest.raises(ValueError, match="unknown backend"):
        EngineConfig(backend="tensorrt")


def test_detection_sorting_cropping_and_line_turning_are_paddlexs(store):
    """DocScan's port of PaddleX's detector processing, box sorting, line cropping and text-line
    orientation (core/db_geometry.py, core/text_detector.py) gives PaddleX's own results, to the pixel,
    on the same ONNX Runtime."""
    from paddleocr import TextDetection, TextLineOrientationClassification
    from paddlex.inference.pipelines.components import CropByPolys, SortQuadBoxes

    from docscan.core.db_geometry import crop_line, sort_boxes
    from docscan.core.text_detector import TextDetector, TextLineOrientation

    family = FAMILIES["PP-OCRv6"]
    det = family.tier("small").det
    folder = str(store.require(det, ["onnx"]).path)
    page = text_image(LINES + ["Upside down line 2025"], fontsize=18)
    image = as_bgr(page)
    image[340:] = image[340:][::-1, ::-1]  # the last line (from y 355) upside down, at the foot of the page
    theirs = TextDetection(model_name=det, model_dir=folder, engine="onnxruntime", device="cpu", **family.detection)
    try:
        expected = SortQuadBoxes()(theirs.predict(image)[0]["dt_polys"])
    finally:
        theirs.close()
    found = sort_boxes(TextDetector(folder, backend="onnxruntime", **family.detection).polygons(image))
    assert len(found) == len(expected) >= len(LINES)
    for mine, paddlex in zip(found, expected):
        np.testing.assert_array_equal(mine, paddlex)
    crops = [crop_line(image, box) for box in found]
    for mine, paddlex in zip(crops, CropByPolys("quad")(image, expected)):
        np.testing.assert_array_equal(mine, paddlex)

    classifier = store.require("ch_ppocr_mobile_v2.0_cls", ["onnx"]).path
    turned = TextLineOrientation(classifier, backend="onnxruntime").upside_down(crops)
    reference = TextLineOrientationClassification(model_name="PP-LCNet_x0_25_textline_ori", model_dir=str(classifier),
                                                  engine="onnxruntime", device="cpu")
    try:
        expected_turned = [int(np.asarray(r["class_ids"]).ravel()[0]) == 1 for r in reference.predict(crops)]
    finally:
        reference.close()
    assert turned == expected_turned and any(turned) and not all(turned)


def test_recognising_a_page_imports_no_paddlex():
    """PaddleX costs 1 s and 140 MB to import, and ~50 MB of the bundle: the engine reads a page without it."""
    code = ("import sys\n"
            "import numpy as np\n"
            "from docscan.core.engine import EngineConfig, OcrEngine\n"
            "engine = OcrEngine(EngineConfig(angle=True))\n"
            "page = engine.recognize(np.full((200, 600, 3), 255, np.uint8))\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('paddlex', 'paddleocr', 'paddle', 'pandas')))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("backend", CPU_BACKENDS)
def test_each_backend_reads_a_real_page(store, backend):
    engine = OcrEngine(EngineConfig(backend=backend), store)
    try:
        page = engine.recognize(as_bgr(text_image(LINES, fontsize=18)))
    finally:
        engine.close()
    assert engine.backend == backend
    assert len(page.lines) == len(LINES)
    for expected, line in zip(LINES, page.lines):
        assert similarity(expected, line.text) > 0.95, (backend, line.text)
        assert 0.8 < line.confidence <= 1.0


def test_a_backend_not_installed_is_named_with_what_to_install(store, monkeypatch):
    monkeypatch.setattr(backends.Backend, "installed", lambda self: self.name != "openvino")
    with pytest.raises(EngineUnavailable, match=r"pip install openvino.*--backend onnxruntime, paddle"):
        OcrEngine(EngineConfig(backend="openvino"), store).check()


def test_openvino_on_a_machine_without_an_intel_gpu_says_why(store, monkeypatch):
    if not backends.BACKENDS["openvino"].installed():
        pytest.skip("openvino is not installed")
    monkeypatch.setattr(backends, "openvino_core", lambda: type("Core", (), {"available_devices": ["CPU"]})())
    status = backends.BACKENDS["openvino"].gpu()
    assert not status.usable and "no Intel GPU" in status.reason and "onnxruntime" in status.reason


def test_onnx_runtime_sessions_keep_no_memory_arena(store):
    """The arena kept each model's largest buffers for the life of the process: half of the 1.5 GB a
    40-page PDF took (ADR 0018)."""
    folder = store.require(FAMILIES["PP-OCRv6"].tier("small").det, ["onnx"]).path
    session = backends.onnx_session(folder / "inference.onnx")
    assert session.get_session_options().enable_cpu_mem_arena is False


def test_openvino_sends_no_usage_event():
    """Importing openvino imports its converter, which sends a usage event (openvino_telemetry, on by default
    for pip installs) from a thread of its own; DocScan loads OpenVINO without it."""
    if not backends.BACKENDS["openvino"].installed():
        pytest.skip("openvino is not installed")
    code = ("import sys, threading\n"
            "from docscan.core.backends import openvino_core\n"
            "assert 'CPU' in openvino_core().available_devices\n"
            "print(sorted(m for m in sys.modules if 'telemetry' in m), [t.name for t in threading.enumerate()])\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert done.stdout.strip() == "[] ['MainThread']", done.stdout
