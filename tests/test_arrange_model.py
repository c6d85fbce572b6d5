"""Arranging in the window's model, without a window (issue 29): a job's results find their pages after the
pages moved while it ran (scanned pages are inserted while earlier ones are recognised); a page deleted
meanwhile loses its result and nothing else does; undo after the document changed from elsewhere takes out
only the step's own pages."""

from __future__ import annotations

from docscan.core.arranged import PageRef
from docscan.core.results import PageResult, TextLine
from docscan.gui.job_types import OpenedInfo, Source
from docscan.gui.window_model import PageStatus, WindowModel


def opened(model: WindowModel, name: str, pages: int):
    doc = model.add_document(Source(f"/nowhere/{name}", name=name))
    model.document_opened(OpenedInfo(doc.key, "pdf", [(612.0, 792.0)] * pages, None, None))
    return doc


def result(number: int, text: str) -> PageResult:
    return PageResult(number, 1275, 1650, 150.0, [TextLine([(0, 0), (9, 0), (9, 9), (0, 9)], text, 1.0)])


def test_results_of_a_running_job_go_to_their_pages_where_they_are_now(qtbot):
    model = WindowModel()
    doc = opened(model, "a.pdf", 3)
    job = model.start_job(doc, [0, 1, 2], 150.0)
    model.page_started(job.job_id, doc.key, 0)
    model.page_done(job.job_id, doc.key, result(1, "first"))
    model.move_pages(doc.key, [2], 0)  # the third page to the front while the job runs
    model.insert_pages(doc.key, 1, [PageRef("/nowhere/scan.png", 0)], [(800.0, 1000.0)], ["image"])
    assert doc.page_kinds == ["pdf", "image", "pdf", "pdf"] and doc.source.parts is not None
    assert model.page_status(doc.key, 0) is PageStatus.QUEUED  # the third page, still to come
    assert model.page_status(doc.key, 1) is PageStatus.NOT_RECOGNISED  # inserted: not part of the job
    model.page_started(job.job_id, doc.key, 1)
    assert model.page_status(doc.key, 3) is PageStatus.RECOGNISING
    model.delete_pages(doc.key, [3])  # the page being recognised is deleted
    model.page_done(job.job_id, doc.key, result(2, "second"))
    model.page_done(job.job_id, doc.key, result(3, "third"))
    model.job_ended(job.job_id, cancelled=False)
    assert {i: r.text for i, r in doc.results.items()} == {0: "third", 2: "first"}
    assert [doc.results[i].page for i in (0, 2)] == [1, 3]


def test_undo_after_pages_came_in_from_elsewhere_takes_out_only_its_own_pages(qtbot):
    model = WindowModel()
    first, second = opened(model, "a.pdf", 2), opened(model, "b.pdf", 2)
    model.move_pages_to(first.key, [0], second.key, 2)  # a.pdf's page 1 to the end of b.pdf
    moved_id = second.page_ids[2]
    model.move_pages(second.key, [1], 0)  # then b.pdf is arranged on its own
    order = list(second.page_ids)
    assert model.undo_arrangement(first.key)  # the move: the page goes back, b.pdf's own order stays
    assert first.page_count == 2 and moved_id == first.page_ids[0]
    assert second.page_ids == [pid for pid in order if pid != moved_id]
    assert model.redo_arrangement(first.key) and second.page_ids[-1] == moved_id
