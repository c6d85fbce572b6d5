"""The window's model without a window and without OCR: documents, the job's state and the texts derived
from it, corrections, turns. Page results are made by hand (the logic needs no engine)."""

from __future__ import annotations

import pytest

from docscan.core.results import DocumentResult, PageResult, TextLine, turn_page_result, turn_points
from docscan.gui.window_model import JobRefused, JobState, PageStatus, WindowModel
from docscan.gui.job_types import OpenedInfo, RegionResult, Source


def line(text: str, x: float = 10, y: float = 10, w: float = 100, h: float = 20) -> TextLine:
    return TextLine([(x, y), (x + w, y), (x + w, y + h), (x, y + h)], text, 0.99)


def opened(model: WindowModel, pages: int = 3, saved: DocumentResult | None = None):
    doc = model.add_document(Source("/tmp/scan.pdf", name="scan.pdf"))
    model.document_opened(OpenedInfo(doc.key, "pdf", [(612.0, 792.0)] * pages, saved, "/tmp/scan.json" if saved else None))
    return doc


def page(number: int, *texts: str, error: str | None = None, width: int = 1275) -> PageResult:
    return PageResult(number, width, 1650, 150.0, [line(t, y=40 * i + 10) for i, t in enumerate(texts)], 1.5, error)


@pytest.fixture
def model(qapp):
    return WindowModel()


def test_a_job_says_what_it_does_from_its_state_and_what_it_did_when_over(model):
    doc = opened(model)
    changes = []
    model.jobChanged.connect(lambda: changes.append(model.job_state))
    job = model.start_job(doc, [0, 1, 2], 150.0)
    assert model.job_state is JobState.RUNNING and model.status_text() == "Recognising scan.pdf…"
    assert [model.page_status(doc.key, i) for i in range(3)] == [PageStatus.QUEUED] * 3
    assert model.thumbnail_caption(doc.key, 0) == "queued"
    with pytest.raises(JobRefused):  # one job at a time
        model.start_job(doc, [0], 150.0)

    model.page_started(job.job_id, doc.key, 0)
    assert model.status_text() == "Page 1: 1 of 3" and model.placeholder(doc.key, 0) == "Recognising this page…"
    model.page_done(job.job_id, doc.key, page(1, "Dear customer", "Your order"))
    model.page_started(job.job_id, doc.key, 1)
    assert model.status_text().startswith("Page 2: 2 of 3 · ") and "s/page" in model.status_text()
    assert model.thumbnail_caption(doc.key, 0).startswith("✓ 2 lines, 1.5 s") and doc.dirty
    model.page_done(job.job_id, doc.key, page(2, error="recognition failed: out of memory"))
    assert model.page_status(doc.key, 1) is PageStatus.FAILED and 1 not in doc.results
    assert model.placeholder(doc.key, 1) == "This page could not be recognised:\nrecognition failed: out of memory"

    model.cancel_job()
    assert model.job_state is JobState.CANCELLING and model.status_text() == "Cancelling…"
    assert model.page_status(doc.key, 2) is PageStatus.NOT_RECOGNISED  # no longer queued once cancelling
    model.job_ended(job.job_id, cancelled=True)
    assert model.job_state is JobState.IDLE and not model.busy
    assert model.status_text() == "Cancelled: 1 of 3 pages recognised and kept."
    assert changes[-1] is JobState.IDLE and JobState.CANCELLING in changes
    model.remove_document(doc.key)
    assert model.status_text() == ""  # nothing of a closed document's job stays behind


def test_reports_of_a_job_that_is_no_longer_running_change_nothing_about_the_job(model):
    doc = opened(model)
    old = model.start_job(doc, [0], 150.0)
    model.job_ended(old.job_id, cancelled=False)
    new = model.start_job(doc, [1], 150.0)
    model.page_done(old.job_id, doc.key, page(1, "late"))  # the old job's page still arrives: kept, not counted
    assert model.job.done == 0 and model.job.job is new and 0 in doc.results
    assert model.job_ended(old.job_id, cancelled=False) is None and model.busy


def test_the_summary_speaks_of_pages_or_of_a_region(model):
    doc = opened(model)
    job = model.start_job(doc, [0], 150.0)
    model.page_done(job.job_id, doc.key, page(1, "one"))
    model.job_ended(job.job_id, cancelled=False)
    assert model.status_text().startswith("Recognised 1 page in ") and "s/page" in model.status_text()

    job = model.start_job(doc, [0], 150.0, region=(0, 0, 400, 100), ocr_mode="always")
    model.region_done(job.job_id, doc.key, 0, RegionResult(page(1, "two", width=1275), (0, 0, 400, 100)))
    model.job_ended(job.job_id, cancelled=False)
    assert model.status_text().startswith("Recognised the region on page 1: 1 line in ")

    job = model.start_job(doc, [1, 2], 150.0)
    model.page_done(job.job_id, doc.key, page(2, error="cannot be decoded"))
    model.page_done(job.job_id, doc.key, page(3, error="cannot be decoded"))
    model.job_ended(job.job_id, cancelled=False)
    assert model.status_text() == "Not recognised: pages 2, 3"
    assert model.last_problem == "scan.pdf: Pages 2, 3: cannot be decoded."


def test_a_correction_marks_the_document_and_a_line_of_an_older_result_is_left_alone(model):
    doc = opened(model)
    job = model.start_job(doc, [0], 150.0)
    model.page_done(job.job_id, doc.key, page(1, "Totel 12.50"))
    model.job_ended(job.job_id, cancelled=False)
    model.mark_saved(doc.key, "/tmp/scan.json")
    assert not doc.dirty
    first = doc.results[0].lines[0]
    assert model.set_line(doc.key, 0, 0, first, "Total 12.50", True)
    assert doc.dirty and doc.corrected and model.thumbnail_caption(doc.key, 0).endswith("✎")
    job = model.start_job(doc, [0], 150.0)  # recognised again: the corrected line object is gone
    model.page_done(job.job_id, doc.key, page(1, "Totel 12.50"))
    assert not model.set_line(doc.key, 0, 0, first, "undo", False)
    assert doc.results[0].lines[0].text == "Totel 12.50" and not doc.corrected


def test_turning_a_page_by_hand_moves_its_boxes_onto_the_turned_page_and_is_saved(model):
    doc = opened(model)
    job = model.start_job(doc, [0], 150.0)
    model.page_done(job.job_id, doc.key, page(1, "Heading"))
    model.job_ended(job.job_id, cancelled=False)
    kept = doc.results[0].lines[0]
    assert model.turn_page(doc.key, 0, 90) == 90
    result = doc.results[0]
    assert (result.width, result.height) == (1650, 1275)
    assert result.lines[0] is kept and kept.bbox == (1650 - 30, 10, 1650 - 10, 110)  # top-left went top-right
    assert model.turn_page(doc.key, 0, 270) == 0 and kept.bbox == (10, 10, 110, 30)  # a full turn: as it was
    model.turn_page(doc.key, 1, 270)
    saved = DocumentResult.from_dict(doc.document_result().to_dict())
    assert saved.turns == {2: 270}
    again = WindowModel()
    reopened = opened(again, saved=saved)
    assert reopened.turn(1) == 270 and reopened.turn(0) == 0
    assert again.start_job(reopened, [0, 1], 150.0).turns == {1: 270}  # recognition reads it that way up


def test_turn_points_and_turn_page_result_agree_with_each_other():
    box = [(10, 20), (110, 20), (110, 50), (10, 50)]
    for degrees in (90, 180, 270):
        back = turn_points(turn_points(box, degrees, 400, 300), 360 - degrees,
                           *((300, 400) if degrees != 180 else (400, 300)))
        assert [tuple(round(v) for v in p) for p in back] == box
    turned = turn_page_result(PageResult(1, 400, 300, None, [TextLine(box, "x", 1.0)]), 180)
    assert (turned.width, turned.height) == (400, 300) and turned.lines[0].bbox == (290, 250, 390, 280)


def test_the_pages_a_job_could_not_read_are_named_in_one_message(model):
    """A damaged PDF: the core says each page ("scan.pdf: page 4 could not be read; …"); the window says
    them once ("Pages 4–6 could not be read; …"), with the first one's details, and names the pages in the
    status line (issue 24 item 13)."""
    from docscan.gui.window_model import pages_text

    assert pages_text([0, 1, 3, 4, 5, 8, 10, 11]) == "pages 1, 2, 4–6, 9, 11, 12"
    assert pages_text([3]) == "page 4"
    doc = opened(model, pages=8)
    job = model.start_job(doc, list(range(8)), 150.0)
    for number in range(1, 9):
        if number in (1, 2, 5):
            model.page_done(job.job_id, doc.key, page(number, "fine"))
            continue
        detail = "format error: object is not a stream" if number == 3 else "non-page object in page tree"
        model.page_done(job.job_id, doc.key, page(number, width=0, error=(
            f"/tmp/scan.pdf: page {number} could not be read; the file is damaged ({detail}).")))
    model.job_ended(job.job_id, cancelled=False)
    assert model.status_text().endswith("; not recognised: pages 3, 4, 6–8")
    assert model.last_problem == ("scan.pdf: Pages 3, 4, 6–8 could not be read; the file is damaged (format error: "
                                  "object is not a stream).")
    job = model.start_job(doc, [2, 3], 150.0)
    assert model.last_problem == ""  # until the next job ends
    model.page_done(job.job_id, doc.key, page(3, width=0, error="recognition failed: out of memory"))
    model.page_done(job.job_id, doc.key, page(4, width=0, error="/tmp/scan.pdf: page 4 could not be read; the file "
                                                                "is damaged (format error)."))
    model.job_ended(job.job_id, cancelled=False)
    assert model.status_text() == "Not recognised: pages 3, 4"
    assert model.last_problem == ("scan.pdf: Page 3: recognition failed: out of memory. Page 4 could not be read; "
                                  "the file is damaged (format error).")
