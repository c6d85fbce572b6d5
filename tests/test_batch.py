"""docscan batch: job folders that resume, duplicates recognised once, failures kept, workers replaced.

The tests that show what a user relies on run the real engine (PP-OCRv6 tiny, the fast tier, to keep
them short) on generated scanned pages and check the text that came out. Failing, hanging and crashing
pages use the fake engine of batch_fakes.py: the real models do none of these on demand."""

from __future__ import annotations

import glob
import json
import multiprocessing.connection
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from PIL import Image

import batch_fakes
from docscan import cli
from docscan.core.batch import run as batch
from docscan.core.batch.job import Job, ResultStore
from docscan.core.batch.local import BatchOptions, LocalExecutor
from docscan.core.engine import EngineConfig
from docscan.core.errors import EngineUnavailable, ModelError
from docscan.core.workers.messages import Idle
from helpers import similarity, text_pdf

TINY = EngineConfig(tier="tiny")


def invoice_pages(document: int, pages: int) -> list[list[str]]:
    return [[f"Invoice {document * 100 + page}", f"Total {document}.{page}0 EUR"] for page in range(1, pages + 1)]


@pytest.fixture
def archive(tmp_path) -> Path:
    """Two scanned PDFs of three pages, and a renamed copy of the first in a sub-folder."""
    source = tmp_path / "archive"
    (source / "copies").mkdir(parents=True)
    for number in (1, 2):
        text_pdf(source / f"scan-{number}.pdf", invoice_pages(number, 3), scanned=True)
    shutil.copy(source / "scan-1.pdf", source / "copies" / "renamed.pdf")
    return source


def page_rows(job_dir: Path) -> list[dict]:
    """Every row in every pages file of the current result set, duplicates included (a page recognised
    twice would show here twice)."""
    key = json.loads((job_dir / "job.json").read_text())["current"]
    rows = []
    for path in sorted(glob.glob(str(job_dir / "results" / key / "pages-*.parquet"))):
        rows.extend(pq.read_table(path).to_pylist())
    return rows


def status(job_dir: Path, capsys) -> dict:
    capsys.readouterr()
    assert cli.main(["batch", "status", str(job_dir), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_batch_recognises_an_archive_once_per_content_and_exports_every_file(archive, tmp_path, capsys):
    job_dir = tmp_path / "job"
    code = cli.main(["batch", str(archive), "--out", str(job_dir), "--tier", "tiny", "--workers", "2"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "6 pages in 3 files (1 duplicate recognised once): 0 done, 6 to do, 0 failed" in err, err
    rows = page_rows(job_dir)
    assert len(rows) == 6 and len({(r["sha256"], r["page"]) for r in rows}) == 6
    assert all(r["source"] == "ocr" and r["lines"] and r["error"] is None for r in rows)
    assert len({r["worker"] for r in rows}) == 2  # both workers did pages

    report = status(job_dir, capsys)
    assert (report["done"], report["to_do"], report["failed"], report["duplicates"]) == (6, 0, 0, 1)

    out = tmp_path / "text"
    assert cli.main(["batch", "export", str(job_dir), "--format", "txt", "--to", str(out)]) == 0
    original = (out / "scan-1.pdf.txt").read_text()
    assert (out / "copies" / "renamed.pdf.txt").read_text() == original  # the copy's text, not re-recognised
    expected = "\n".join(line for page in invoice_pages(1, 3) for line in page)
    assert similarity(expected, original) > 0.9, original
    assert similarity("Invoice 203", (out / "scan-2.pdf.txt").read_text().split("\f")[-1].strip().splitlines()[0]) > 0.8

    # a rerun of the same command has nothing to do
    assert cli.main(["batch", str(archive), "--out", str(job_dir), "--tier", "tiny"]) == 0
    assert "6 done, 0 to do, 0 failed" in capsys.readouterr().err
    assert len(page_rows(job_dir)) == 6


def test_a_changed_setting_starts_a_new_result_set_and_keeps_the_old(archive, tmp_path, capsys):
    job_dir = tmp_path / "job"
    one = [str(archive / "scan-2.pdf"), "--out", str(job_dir), "--tier", "tiny", "--workers", "1"]
    assert cli.main(["batch", *one]) == 0
    first_key = json.loads((job_dir / "job.json").read_text())["current"]
    capsys.readouterr()
    assert cli.main(["batch", *one, "--dpi", "200", "--dry-run"]) == 0
    assert "0 done, 3 to do" in capsys.readouterr().err
    assert json.loads((job_dir / "job.json").read_text())["current"] == first_key  # a dry run changes nothing
    assert cli.main(["batch", *one, "--dpi", "200"]) == 0
    job = json.loads((job_dir / "job.json").read_text())
    assert job["current"] != first_key and set(job["runs"]) == {first_key, job["current"]}
    assert job["runs"][job["current"]]["settings"]["dpi"] == 200.0
    assert {r["dpi"] for r in page_rows(job_dir)} == {200.0}
    assert len(ResultStore(job_dir / "results" / first_key).table()) == 3  # the 150-dpi pages are still there
    assert all(len(entry["files"]) >= 2 for entry in job["runs"][first_key]["models"].values())  # sha256 per file


def test_a_killed_job_resumes_with_only_the_pages_left(tmp_path, capsys):
    source = tmp_path / "archive"
    source.mkdir()
    text_pdf(source / "long.pdf", invoice_pages(7, 40), scanned=True)  # rows are flushed every 5 s or 32 pages
    job_dir = tmp_path / "job"
    command = [sys.executable, "-m", "docscan", "batch", str(source), "--out", str(job_dir), "--tier", "tiny",
               "--workers", "1", "--shard-pages", "1", "-q"]
    process = subprocess.Popen(command, start_new_session=True, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    while not page_rows_or_none(job_dir) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)  # the job and its worker, with no chance to tidy up
    process.wait()
    done_before = len(page_rows(job_dir))
    assert 0 < done_before < 40, "the job should be killed part way"

    assert cli.main(["batch", str(source), "--out", str(job_dir), "--tier", "tiny", "--workers", "1"]) == 0
    assert f"{done_before} done, {40 - done_before} to do, 0 failed" in capsys.readouterr().err
    rows = page_rows(job_dir)
    assert sorted(r["page"] for r in rows) == list(range(1, 41))  # every page exactly once
    texts = {r["page"]: r["text"] for r in rows}
    assert similarity("Invoice 740", texts[40].splitlines()[0]) > 0.8, texts[40]


def page_rows_or_none(job_dir: Path):
    try:
        return page_rows(job_dir)
    except (FileNotFoundError, KeyError, ValueError, OSError):
        return None


class Rows:
    def __init__(self, on_page=None):
        self.pages: list[dict] = []
        self.failures: list[dict] = []
        self.on_page = on_page

    def page(self, row):
        self.pages.append(row)
        if self.on_page:
            self.on_page(row)

    def failure(self, row):
        self.failures.append(row)


def test_a_killed_worker_is_replaced_and_its_shard_redone(tmp_path, docscan_home):
    source = tmp_path / "six.pdf"
    text_pdf(source, invoice_pages(3, 6), scanned=True)
    prepared = batch.prepare(tmp_path / "job", [str(source)], TINY, shard_pages=6)
    executor = LocalExecutor(prepared.settings, prepared.models, BatchOptions(workers=1, threads=2))
    killed = []

    def kill_once(row):
        if not killed:
            killed.append(executor.worker_pids[0])
            os.kill(killed[0], signal.SIGKILL)

    rows = Rows(kill_once)
    assert executor.run(prepared.plan.shards, rows)
    assert sorted(r["page"] for r in rows.pages) == [1, 2, 3, 4, 5, 6]  # none lost, none twice
    assert not rows.failures
    assert executor.report.started == 2 and "killed (SIGKILL)" in executor.report.replaced[0]
    assert similarity("Invoice 306", rows.pages[-1]["text"].splitlines()[0]) > 0.8


def test_a_worker_that_dies_between_two_shards_has_the_next_shard_redone(tmp_path, docscan_home):
    """Killed as its first shard's last page arrives (it has said it is idle): whether its death is seen
    before the next shard is sent, or the send meets its dead pipe (BrokenPipeError would have ended the
    job; the service had that bug), the next shard is done by its replacement."""
    source = tmp_path / "six.pdf"
    text_pdf(source, invoice_pages(3, 6), scanned=True)
    prepared = batch.prepare(tmp_path / "job", [str(source)], TINY, shard_pages=3)
    executor = LocalExecutor(prepared.settings, prepared.models, BatchOptions(workers=1, threads=2))
    killed = []

    def kill_after_the_first_shard(row):
        if row["page"] == 3 and not killed:
            worker = executor.pool.slots[0].worker
            killed.append(worker.pid)
            deadline = time.monotonic() + 30
            while not (isinstance(worker.last_answer, Idle) or worker.answer_waiting(0.05)) \
                    and time.monotonic() < deadline:
                pass  # its "idle" is sent: in the pipe, or taken from it already with this row
            os.kill(killed[0], signal.SIGKILL)
            # it has ended, and its end of the pipe is closed (its sentinel: not reaped here, as the pool reaps it)
            multiprocessing.connection.wait([worker.process.sentinel], timeout=30)

    rows = Rows(kill_after_the_first_shard)
    assert executor.run(prepared.plan.shards, rows)
    assert sorted(r["page"] for r in rows.pages) == [1, 2, 3, 4, 5, 6] and not rows.failures
    assert executor.report.started == 2 and killed[0] not in executor.worker_pids


def test_a_worker_whose_model_files_differ_from_the_jobs_stops_the_job(tmp_path):
    source = tmp_path / "one.pdf"
    text_pdf(source, invoice_pages(4, 1), scanned=True)
    prepared = batch.prepare(tmp_path / "job", [str(source)], TINY)
    other_machine = json.loads(json.dumps(prepared.models))
    det = other_machine["det"]["files"]
    det[next(iter(det))] = "0" * 64  # the job was started where the detector's weights were other files
    executor = LocalExecutor(prepared.settings, other_machine, BatchOptions(workers=1))
    with pytest.raises(ModelError, match="are not the ones this job was started with: PP-OCRv6_tiny_det"):
        executor.run(prepared.plan.shards, Rows())


def test_errors_cross_the_pipe_as_their_class_with_their_message():
    """A worker sends the error's class (from the declared map) and message; the parent raises the same."""
    from docscan.core import errors
    from docscan.core.workers.carried_errors import CarriedError
    from docscan.core.workers.engines import ModelMismatch

    for cls in (errors.DocumentError, errors.TooManyPixels, errors.PasswordRequired, errors.ModelError,
                ModelMismatch, errors.EngineUnavailable, errors.Cancelled):
        raised = CarriedError.of(cls("Scan.pdf cannot be read.")).exception()
        assert type(raised) is cls and str(raised) == "Scan.pdf cannot be read."
    class NotInTheMap(errors.DocumentError):
        pass

    nearest = CarriedError.of(NotInTheMap("its words")).exception()
    assert type(nearest) is errors.DocumentError and str(nearest) == "its words"  # its nearest class in the map
    foreign = CarriedError.of(ValueError("a library's words\nand its traceback")).exception()
    assert type(foreign) is RuntimeError and str(foreign) == "a library's words"


def test_an_engine_that_cannot_start_stops_the_job_with_its_error(tmp_path):
    source = image_pages(tmp_path / "in", [200])
    prepared = batch.prepare(tmp_path / "job", source, EngineConfig(), engine_factory=batch_fakes.fake_engine)
    executor = LocalExecutor(prepared.settings, prepared.models, BatchOptions(workers=1),
                             engine_factory=batch_fakes.broken_engine)
    with pytest.raises(EngineUnavailable) as raised:
        executor.run(prepared.plan.shards, Rows())
    assert str(raised.value) == "the engine could not start: the fake library found no device"


# --------------------------------------------------------------- failures, with the fake engine


def image_pages(folder: Path, widths: list[int]) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, width in enumerate(widths):
        path = folder / f"page-{number:02d}-{width}.png"
        Image.new("RGB", (width, 50 + number), "white").save(path)  # the height keeps each file's content apart
        paths.append(str(path))
    return paths


def run_fake(job_dir: Path, sources, options: BatchOptions, *, retry_failed: bool = False):
    prepared = batch.prepare(job_dir, sources, EngineConfig(), retry_failed=retry_failed, shard_pages=4,
                             engine_factory=batch_fakes.fake_engine)
    executor = LocalExecutor(prepared.settings, prepared.models, options, engine_factory=batch_fakes.fake_engine)
    outcome = batch.execute(prepared, executor)
    return prepared, outcome, executor


def test_a_failing_page_becomes_a_failures_row_and_retry_failed_redoes_only_it(tmp_path, monkeypatch, capsys):
    flag = tmp_path / "fail-now"
    flag.touch()
    monkeypatch.setenv("DOCSCAN_FAKE_FAIL_FLAG", str(flag))
    sources = image_pages(tmp_path / "in", [200, batch_fakes.FAILS, 210, 220])
    job_dir = tmp_path / "job"
    prepared, outcome, _ = run_fake(job_dir, sources, BatchOptions(workers=1, retries=2))
    assert (outcome.pages, outcome.failures) == (3, 1)
    report = status(job_dir, capsys)
    assert (report["done"], report["failed"], report["to_do"]) == (3, 1, 0)
    failure = report["failures"][0]
    assert failure["path"].endswith(f"-{batch_fakes.FAILS}.png") and "the fake engine fails" in failure["error"]
    failed_rows = Job.open(job_dir).results().table("failures").to_pylist()
    assert failed_rows[0]["attempts"] == 3  # tried, then retried twice

    prepared, outcome, _ = run_fake(job_dir, sources, BatchOptions(workers=1))  # a plain rerun skips it
    assert prepared.plan.summary().endswith("3 done, 0 to do, 1 failed") and outcome.pages == 0
    flag.unlink()  # whatever broke it is fixed
    prepared, outcome, _ = run_fake(job_dir, sources, BatchOptions(workers=1), retry_failed=True)
    assert prepared.plan.work == 1 and (outcome.pages, outcome.failures) == (1, 0)
    report = status(job_dir, capsys)
    assert (report["done"], report["failed"], report["failures"]) == (4, 0, [])


def test_a_hung_page_times_out_and_a_crashing_page_fails_alone(tmp_path):
    widths = [200, batch_fakes.HANGS, 210, batch_fakes.CRASHES, 220, 230]
    pdf_like = image_pages(tmp_path / "in", widths)
    options = BatchOptions(workers=2, threads=1, page_timeout=3, retries=1)
    prepared, outcome, executor = run_fake(tmp_path / "job", pdf_like, options)
    assert outcome.pages == 4 and outcome.failures == 2
    failures = {row["source_path"].rsplit("-", 1)[1]: row for row in
                Job.open(tmp_path / "job").results().table("failures").to_pylist()}
    assert "timed out" in failures[f"{batch_fakes.HANGS}.png"]["error"]
    assert "exit code 139" in failures[f"{batch_fakes.CRASHES}.png"]["error"]
    assert all(row["attempts"] == 2 for row in failures.values())  # tried, retried once, then given up
    assert len(executor.report.replaced) == 4  # each bad page cost its worker twice


def test_workers_retire_after_their_page_budget(tmp_path):
    sources = image_pages(tmp_path / "in", [200 + n for n in range(12)])
    options = BatchOptions(workers=1, recycle_pages=4)
    _, outcome, executor = run_fake(tmp_path / "job", sources, options)
    assert outcome.pages == 12
    assert executor.report.started == 3 and all("retired: 4 pages" in r for r in executor.report.replaced[:2])


def test_batch_refuses_a_folder_that_is_not_a_job_and_a_second_run_at_once(tmp_path, capsys):
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "thesis.docx").write_text("not ours")
    source = image_pages(tmp_path / "in", [200])[0]
    assert cli.main(["batch", source, "--out", str(busy)]) == cli.EXIT_INPUT
    assert "already holds other files" in capsys.readouterr().err
    assert (busy / "thesis.docx").read_text() == "not ours" and not (busy / "job.json").exists()

    job = Job.open(tmp_path / "job", create=True)
    lock = job.lock()
    try:
        assert cli.main(["batch", source, "--out", str(tmp_path / "job")]) == cli.EXIT_INPUT
        assert "another docscan batch is working on" in capsys.readouterr().err
    finally:
        lock.release()
    assert cli.main(["batch", "status", str(tmp_path / "nothing-here")]) == cli.EXIT_INPUT
    assert "is not a DocScan job folder" in capsys.readouterr().err


def test_sources_from_a_list_file_and_an_unreadable_file_is_listed_as_a_failure(tmp_path, capsys):
    images = image_pages(tmp_path / "in", [200, 210])
    broken = tmp_path / "in" / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    listing = tmp_path / "in" / "todo.txt"
    listing.write_text(f"# scanned on Monday\n{Path(images[0]).name}\n{images[1]}\nbroken.pdf\nmissing.png\n")
    prepared, outcome, _ = run_fake(tmp_path / "job", [str(listing)], BatchOptions(workers=1))
    assert outcome.pages == 2
    assert any("missing.png does not exist" in p for p in prepared.problems)
    report = status(tmp_path / "job", capsys)
    assert report["unreadable"] == 1
    assert any(f["page"] == 0 and "broken.pdf" in f["error"] for f in report["failures"])


# ----------------------------------------------------------------------------------------- Ray


@pytest.mark.ray
def test_ray_gives_the_rows_of_local_workers_and_survives_a_killed_worker(archive, tmp_path):
    ray = pytest.importorskip("ray")
    from docscan.core.batch.ray_cluster import RayExecutor

    local = batch.prepare(tmp_path / "job-local", [str(archive)], TINY, shard_pages=1)
    local_rows = Rows()
    assert LocalExecutor(local.settings, local.models, BatchOptions(workers=2, threads=1)).run(local.plan.shards,
                                                                                               local_rows)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        on_ray = batch.prepare(tmp_path / "job-ray", [str(archive)], TINY, shard_pages=1)
        assert on_ray.key == local.key  # the same result set: same settings, same model files
        killed = []

        def kill_its_worker(row):
            if not killed:  # that actor has more shards queued: Ray must restart it and redo them
                killed.append(int(row["worker"].rsplit(":", 1)[1]))
                os.kill(killed[0], signal.SIGKILL)

        ray_rows = Rows(kill_its_worker)
        executor = RayExecutor("local", on_ray.settings, on_ray.models, BatchOptions(workers=2, threads=1))
        assert executor.run(on_ray.plan.shards, ray_rows)
    finally:
        ray.shutdown()
    assert killed
    keys = [(r["sha256"], r["page"]) for r in ray_rows.pages]
    assert len(keys) == len(set(keys)) == 6 and not ray_rows.failures  # every page exactly once
    assert {(r["sha256"], r["page"]): r["text"] for r in ray_rows.pages} == \
        {(r["sha256"], r["page"]): r["text"] for r in local_rows.pages}
    assert len({r["worker"] for r in ray_rows.pages}) >= 2


def test_export_still_writes_every_document_when_a_source_was_deleted_since(tmp_path, capsys):
    sources = image_pages(tmp_path / "in", [200, 210])
    run_fake(tmp_path / "job", sources, BatchOptions(workers=1))
    os.unlink(sources[1])  # recognised, then moved away: its text is in the job all the same
    out = tmp_path / "texts"
    assert cli.main(["batch", "export", str(tmp_path / "job"), "--format", "txt", "--to", str(out)]) == 0, \
        capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == sorted(Path(s).name + ".txt" for s in sources)
    assert "width 210" in (out / (Path(sources[1]).name + ".txt")).read_text()


# ------------------------------------------------------------------------ exports (issue 24)


SUFFIXES = {"txt": ".txt", "json": ".json", "md": ".md", "hocr": ".hocr", "pdf": ".ocr.pdf"}


def export_text(path: Path) -> str:
    """An exported file's text, whatever its format: a searchable PDF's through pdftotext, hOCR's words."""
    if path.name.endswith(".pdf"):
        return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                       check=True).stdout.split())
    text = path.read_text(encoding="utf-8")
    if path.name.endswith(".hocr"):
        import re

        return " ".join(re.sub(r"<[^>]+>", " ", text.split("<body>")[1]).split())
    return text


def test_export_writes_an_output_for_each_source_of_one_stem_in_every_format(tmp_path, capsys):
    """scan.png and scan.jpg were one scan.ocr.pdf ("2 files written"); a scan.png given from another
    folder is named apart too, the same way ``docscan ocr`` names it."""
    coll = tmp_path / "coll"
    coll.mkdir()
    Image.new("RGB", (200, 50), "white").save(coll / "scan.png")
    Image.new("RGB", (210, 50), "white").save(coll / "scan.jpg")
    (tmp_path / "other").mkdir()
    Image.new("RGB", (220, 50), "white").save(tmp_path / "other" / "scan.png")
    run_fake(tmp_path / "job", [str(coll), str(tmp_path / "other" / "scan.png")], BatchOptions(workers=1))
    for fmt, suffix in SUFFIXES.items():
        out = tmp_path / f"out-{fmt}"
        capsys.readouterr()
        code = cli.main(["batch", "export", str(tmp_path / "job"), "--format", fmt, "--to", str(out)])
        err = capsys.readouterr().err
        assert code == 0, err
        assert "3 files written" in err
        assert sorted(p.name for p in out.iterdir()) == sorted(["scan.jpg" + suffix, "scan.png" + suffix,
                                                                "scan.png (2)" + suffix]), fmt
        texts = [export_text(out / name) for name in ("scan.png" + suffix, "scan.jpg" + suffix, "scan.png (2)" + suffix)]
        assert ["width 200" in texts[0], "width 210" in texts[1], "width 220" in texts[2]] == [True] * 3, (fmt, texts)
        assert f"other/scan.png: written as {out / ('scan.png (2)' + suffix)}" in err


def test_export_writes_nothing_for_a_document_that_failed_and_names_it(tmp_path, capsys):
    """A truncated JPEG was exported as an empty broken.jpg.txt with exit 0."""
    import io

    import numpy as np

    folder = tmp_path / "in"
    image_pages(folder, [200, 210])
    data = io.BytesIO()
    Image.fromarray(np.random.default_rng(1).integers(0, 255, (300, 260, 3), dtype=np.uint8)).save(data, "JPEG")
    (folder / "broken.jpg").write_bytes(data.getvalue()[: len(data.getvalue()) // 2])  # opens, cannot be decoded
    (folder / "garbage.pdf").write_bytes(b"%PDF-1.4 not really")  # cannot be opened at all
    pages = [Image.new("RGB", (230, 50), "white")] + [Image.new("RGB", (batch_fakes.FAILS, 50), "white")] * 3
    pages[0].save(folder / "four-pages.tif", save_all=True, append_images=pages[1:])  # its pages 2-4 always fail
    run_fake(tmp_path / "job", [str(folder)], BatchOptions(workers=1, retries=0))
    out = tmp_path / "texts"
    code = cli.main(["batch", "export", str(tmp_path / "job"), "--format", "txt", "--to", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == ["four-pages.tif.txt", "page-00-200.png.txt",
                                                     "page-01-210.png.txt"]  # no broken.jpg.txt, no garbage.pdf.txt
    assert f"not exported: {folder / 'broken.jpg'}: page 1 could not be read: the image file is damaged or cut short" in err
    assert f"not exported: {folder / 'garbage.pdf'} is damaged" in err
    grouped = f"{folder / 'four-pages.tif'}: pages 2\u20134 could not be read: recognition failed: the fake engine fails"
    assert grouped in err  # the pages that failed, in one line
    assert "3 files written" in err and "2 documents could not be read and were not exported" in err
    assert "width 230" in (out / "four-pages.tif.txt").read_text()
    assert cli.main(["batch", "status", str(tmp_path / "job")]) == 0
    listed = capsys.readouterr().out
    assert grouped in listed and listed.count("four-pages.tif") == 1  # was a line a page


def test_batch_without_pyarrow_says_so_in_one_line(tmp_path, monkeypatch, capsys):
    """The desktop bundle leaves pyarrow out (issue 28): its `batch` says what to do instead, no traceback."""
    import docscan.core.batch as batch_package

    monkeypatch.setitem(sys.modules, "pyarrow", None)  # `import pyarrow` now raises ModuleNotFoundError
    for name in ("job", "run", "ray_cluster"):
        monkeypatch.delitem(sys.modules, f"docscan.core.batch.{name}", raising=False)
        monkeypatch.delattr(batch_package, name, raising=False)
    source = tmp_path / "page.png"
    Image.new("L", (200, 100), 255).save(source)
    for argv in ([str(source), "--out", str(tmp_path / "job")], ["status", str(tmp_path / "job")],
                 ["export", str(tmp_path / "job"), "--to", str(tmp_path / "out")]):
        assert cli.main(["batch", *argv]) == cli.EXIT_ENGINE
        err = capsys.readouterr().err
        assert err == ("docscan batch needs pyarrow, which the desktop bundle leaves out: install "
                       "DocScan with pip (README, 'Archives: docscan batch')\n")
    assert not (tmp_path / "job").exists() and not (tmp_path / "out").exists()
