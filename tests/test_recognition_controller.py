"""The recognition controller with the window's model and its real worker thread, but a fake engine (the
logic needs no OCR): pages reach the model in order, a cancel in the middle of a page ends the job with the
finished pages kept, a turned page is read turned, an engine that cannot run is a problem to show."""

from __future__ import annotations

import threading

import pytest

from docscan.core.engine import EngineConfig, PageOcr
from docscan.core.errors import Cancelled, ModelError
from docscan.core.results import TextLine
from docscan.gui.window_model import JobState, WindowModel
from docscan.gui.recognition_controller import EngineState, RecognitionController
from docscan.gui.job_types import OpenedInfo, Source
from helpers import text_pdf


class FakeEngine:
    """Reads every page as one line naming its size; page ``block_on`` waits until interrupted."""

    models = {"det": "fake-det", "rec": "fake-rec"}
    backend, notice = "fake", None

    def __init__(self, block_on: int | None = None, fail: Exception | None = None):
        self.block_on, self.fail = block_on, fail
        self.calls = 0
        self.sizes: list[tuple[int, int]] = []
        self._interrupted = threading.Event()

    def load(self) -> None:
        if self.fail is not None:
            raise self.fail

    def recognize_image(self, image):
        self.calls += 1
        self.sizes.append(image.size)
        if self.calls == self.block_on:
            if not self._interrupted.wait(30):
                raise AssertionError("never interrupted")
            raise Cancelled("stopped")
        box = [(10, 10), (200, 10), (200, 40), (10, 40)]
        return PageOcr([TextLine(box, f"page {self.calls} {image.width}x{image.height}", 0.99)], 0.01), 0

    def interrupt(self) -> None:
        self._interrupted.set()

    def abort(self) -> None:
        self._interrupted.set()

    def close(self) -> None:
        pass


@pytest.fixture
def controller(qtbot, tmp_path):
    model = WindowModel()
    controller = RecognitionController(model, EngineConfig())
    yield controller
    controller.shutdown()
    assert not controller.thread.isRunning()


def opened(model: WindowModel, path, pages: int):
    doc = model.add_document(Source(str(path), name=path.name))
    model.document_opened(OpenedInfo(doc.key, "pdf", [(612.0, 300.0)] * pages, None, None))
    return doc


def test_pages_reach_the_model_and_the_job_ends_with_a_summary(qtbot, controller, tmp_path):
    pdf = text_pdf(tmp_path / "three.pdf", [["one"], ["two"], ["three"]], scanned=True)
    controller.worker.use_engine(FakeEngine())
    doc = opened(controller.model, pdf, 3)
    seen = []
    controller.pageRecognised.connect(lambda key, index: seen.append(index))
    with qtbot.waitSignal(controller.jobEnded, timeout=30_000) as ended:
        assert controller.recognise(doc, [0, 1, 2], 72.0, "always")
    assert ended.args == [doc.key, False] and seen == [0, 1, 2]
    assert [doc.results[i].lines[0].text.split()[1] for i in range(3)] == ["1", "2", "3"]
    assert controller.model.job_state is JobState.IDLE
    assert controller.model.status_text().startswith("Recognised 3 pages in ")


def test_cancel_stops_the_page_in_progress_and_keeps_the_pages_done(qtbot, controller, tmp_path):
    pdf = text_pdf(tmp_path / "three.pdf", [["one"], ["two"], ["three"]], scanned=True)
    engine = FakeEngine(block_on=2)
    controller.worker.use_engine(engine)
    doc = opened(controller.model, pdf, 3)
    controller.recognise(doc, [0, 1, 2], 72.0, "always")
    qtbot.waitUntil(lambda: controller.model.job is not None and controller.model.job.in_progress == 1,
                    timeout=30_000)
    with qtbot.waitSignal(controller.jobEnded, timeout=10_000) as ended:
        controller.cancel()
        assert controller.model.job_state is JobState.CANCELLING
    assert ended.args == [doc.key, True] and sorted(doc.results) == [0] and engine.calls == 2
    assert controller.model.status_text() == "Cancelled: 1 of 3 pages recognised and kept."


def test_a_page_turned_by_hand_is_read_turned(qtbot, controller, tmp_path):
    pdf = text_pdf(tmp_path / "letter.pdf", [["a letter page"]], scanned=True)  # 612 x 792 pt
    engine = FakeEngine()
    controller.worker.use_engine(engine)
    doc = opened(controller.model, pdf, 1)
    controller.model.turn_page(doc.key, 0, 90)
    with qtbot.waitSignal(controller.jobEnded, timeout=30_000):
        controller.recognise(doc, [0], 72.0, "always")
    width, height = engine.sizes[0]
    assert (width, height) == (792, 612)  # at 72 dpi, turned a quarter: on its side
    assert (doc.results[0].width, doc.results[0].height) == (width, height)


def test_an_engine_that_cannot_load_is_a_problem_and_no_job_starts(qtbot, controller, tmp_path):
    controller.worker.use_engine(FakeEngine(fail=ModelError("PP-OCRv6 small is not installed")))
    with qtbot.waitSignal(controller.engineChanged, timeout=10_000,
                          check_params_cb=lambda state: state == EngineState.FAILED):
        controller.start_engine()
    assert "not installed" in controller.engine_error
    problems = []
    controller.problem.connect(lambda title, message: problems.append((title, message)))
    doc = opened(controller.model, text_pdf(tmp_path / "a.pdf", [["a"]]), 1)
    assert not controller.recognise(doc, [0], 72.0, "always")
    assert problems == [("OCR is not available", "PP-OCRv6 small is not installed")] and controller.model.job is None
