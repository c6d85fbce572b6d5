"""`docscan ocr`, `docscan models`, `docscan doctor`: outputs, exit codes, and one line per error."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from docscan.cli import main
from conftest import REPO, SAMPLE_PDF, SAMPLE_TEXT
from helpers import similarity, squash, text_image, text_pdf


@pytest.fixture
def two_files(tmp_path):
    image = tmp_path / "note.png"
    text_image(["Remember the milk"], fontsize=20).save(image)
    pdf = text_pdf(tmp_path / "letter.pdf", [["Dear reader"], ["Kind regards"]], scanned=True)
    return image, pdf


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_text_of_the_sample_document(capsys):
    code, out, err = run(capsys, "ocr", str(SAMPLE_PDF))
    assert code == 0, err
    assert similarity(SAMPLE_TEXT.read_text(encoding="utf-8"), out) > 0.95
    assert "文档扫描示例页面" in out


def test_json_shape(capsys, two_files):
    image, pdf = two_files
    code, out, err = run(capsys, "ocr", str(image), str(pdf), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert [f["path"] for f in data["files"]] == [str(image), str(pdf)]
    first, second = data["files"]
    assert first["error"] is None and first["pages"][0]["dpi"] is None
    page = first["pages"][0]
    assert set(page) >= {"page", "width", "height", "dpi", "seconds", "lines"}
    line = page["lines"][0]
    assert set(line) >= {"text", "confidence", "box"}
    assert squash(line["text"]) == "rememberthemilk"
    assert len(line["box"]) == 4 and all(isinstance(v, float) for point in line["box"] for v in point)
    assert [p["page"] for p in second["pages"]] == [1, 2] and second["pages"][0]["dpi"] == 150


def test_turned_page_is_recorded_and_no_rotate_turns_it_off(capsys, tmp_path):
    image = tmp_path / "sideways.png"
    text_image(["Sideways scan of a letter", "with two lines of text"], fontsize=22).rotate(-90, expand=True).save(image)
    code, out, _ = run(capsys, "ocr", str(image), "-f", "json")
    page = json.loads(out)["files"][0]["pages"][0]
    assert code == 0 and page["rotation"] == 90
    assert similarity("Sideways scan of a letter with two lines of text", " ".join(l["text"] for l in page["lines"])) > 0.9
    code, out, _ = run(capsys, "ocr", str(image), "-f", "json", "--no-rotate")
    assert "rotation" not in json.loads(out)["files"][0]["pages"][0]
    assert "page_orientation" not in json.loads(out)["files"][0]["models"]


def test_markdown(capsys, two_files):
    code, out, _ = run(capsys, "ocr", str(two_files[1]), "-f", "md")
    assert code == 0
    assert out.startswith("# letter.pdf") and "## Page 2" in out
    assert similarity("Kind regards", out.split("## Page 2")[1]) > 0.9


def test_output_file_for_one_input(tmp_path, capsys, two_files):
    target = tmp_path / "out.txt"
    code, out, _ = run(capsys, "ocr", str(two_files[0]), "-o", str(target))
    assert code == 0 and out == ""
    assert squash(target.read_text()) == "rememberthemilk"


def test_output_folder_for_several_inputs(tmp_path, capsys, two_files):
    out_dir = tmp_path / "results"
    code, _, err = run(capsys, "ocr", *map(str, two_files), "-o", str(out_dir), "-f", "json")
    assert code == 0, err
    written = sorted(p.name for p in out_dir.iterdir())
    assert written == ["letter.pdf.json", "note.png.json"]
    data = json.loads((out_dir / "letter.pdf.json").read_text())
    assert len(data["files"][0]["pages"]) == 2


def test_folder_input_is_searched_recursively(tmp_path, capsys):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    text_image(["alpha"], fontsize=24).save(tmp_path / "in" / "a.png")
    text_image(["bravo"], fontsize=24).save(tmp_path / "in" / "sub" / "b.jpg")
    (tmp_path / "in" / "readme.md").write_text("not a document")
    code, _, err = run(capsys, "ocr", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert code == 0, err
    assert squash((tmp_path / "out" / "a.png.txt").read_text()) == "alpha"
    assert squash((tmp_path / "out" / "sub" / "b.jpg.txt").read_text()) == "bravo"


def test_a_folder_without_documents_is_named(tmp_path, capsys):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "readme.md").write_text("not a document")
    text_image(["alpha"], fontsize=24).save(tmp_path / "a.png")
    code, _, err = run(capsys, "ocr", str(tmp_path / "notes"), str(tmp_path / "a.png"), "-o", str(tmp_path / "out"))
    assert code == 0, err
    assert f"{tmp_path / 'notes'}: no images or PDFs in this folder" in err
    assert squash((tmp_path / "out").read_text()) == "alpha"  # the one document found: -o is its file


def test_bad_file_does_not_stop_the_others(tmp_path, capsys, two_files):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    broken = tmp_path / "broken.png"
    broken.write_text("garbage")
    out_dir = tmp_path / "out"
    code, _, err = run(capsys, "ocr", str(empty), str(two_files[0]), str(broken), "-o", str(out_dir), "-f", "json")
    assert code == 1
    errors = err.strip().splitlines()
    assert len(errors) == 2
    assert "empty.pdf is empty (0 bytes)" in errors[0]
    assert "broken.png is not an image or PDF DocScan can read" in errors[1]
    good = json.loads((out_dir / "note.png.json").read_text())["files"][0]
    assert squash(good["pages"][0]["lines"][0]["text"]) == "rememberthemilk"
    failed = json.loads((out_dir / "empty.pdf.json").read_text())["files"][0]
    assert failed["error"].endswith("is empty (0 bytes).") and failed["pages"] == []


def test_a_document_with_no_page_read_gets_no_empty_text_file(tmp_path, capsys, two_files):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    out_dir = tmp_path / "out"
    code, _, err = run(capsys, "ocr", str(empty), str(two_files[0]), "-o", str(out_dir) + "/", "-f", "txt")
    assert code == 1 and "empty.pdf is empty (0 bytes)" in err
    assert sorted(p.name for p in out_dir.iterdir()) == ["note.png.txt"]


def test_pages_option_and_out_of_range(capsys, two_files):
    code, out, _ = run(capsys, "ocr", str(two_files[1]), "--pages", "2")
    assert code == 0 and squash(out) == "kindregards"
    code, out, err = run(capsys, "ocr", str(two_files[1]), str(two_files[0]), "--pages", "3", "-f", "json")
    assert code == 1
    assert "Page 3 out of range: " in err and "letter.pdf has 2 pages" in err
    assert "note.png has 1 page" in err


def test_encrypted_pdf_with_and_without_password(tmp_path, capsys):
    path = text_pdf(tmp_path / "secret.pdf", [["Top secret plans"]], password="pw", scanned=True)
    code, _, err = run(capsys, "ocr", str(path))
    assert code == 1 and "password-protected" in err and "--password" in err
    code, out, _ = run(capsys, "ocr", str(path), "--password", "pw")
    assert code == 0 and squash(out) == "topsecretplans"


def test_usage_errors_exit_2(capsys):
    assert run(capsys, "ocr")[0] == 2
    code, _, err = run(capsys, "ocr", "x.png", "--pages", "0-")
    assert code == 2 and "--pages" in err
    assert run(capsys, "ocr", "x.png", "--format", "docx")[0] == 2
    assert run(capsys, "ocr", "x.png", "--dpi", "5000")[0] == 2


def test_missing_models_exit_3_with_the_install_command(empty_home, capsys, two_files):
    code, out, err = run(capsys, "ocr", str(two_files[0]))
    assert code == 3 and out == ""
    assert "not installed" in err and "docscan models setup" in err


def test_gpu_not_usable_exits_3(capsys, two_files, monkeypatch):
    from docscan.core import engine as engine_module

    monkeypatch.setattr(engine_module, "gpu_status",
                        lambda backend: engine_module.DeviceStatus(False, "no CUDA here. Install onnxruntime-gpu."))
    code, _, err = run(capsys, "ocr", str(two_files[0]), "--device", "gpu")
    assert code == 3 and "onnxruntime-gpu" in err and len(err.strip().splitlines()) == 1


def test_read_only_output_folder(tmp_path, capsys, two_files, monkeypatch):
    from docscan.core import atomic_files as export

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(export.tempfile, "mkstemp", refuse)  # as root, chmod alone would not stop a write
    target = tmp_path / "ro" / "out.txt"
    target.parent.mkdir()
    code, out, err = run(capsys, "ocr", str(two_files[0]), "-o", str(target))
    assert code == 1 and f"cannot write {target}: Permission denied" in err
    assert not target.exists()


def test_models_list_shows_installed_formats_origins_and_missing(capsys):
    code, out, _ = run(capsys, "models", "list")
    assert code == 0
    block = out.split("PP-OCRv4_mobile_rec  [")[1].split("\n\n")[0]
    assert "installed: onnx, paddle-pdmodel" in block and "rapidocr-onnxruntime==1.4.4" in block
    server = out.split("PP-OCRv4_server_det  [")[1].split("\n\n")[0]
    assert "not installed" in server and "docscan models import" in server
    data = json.loads(run(capsys, "models", "list", "--json")[1])
    assert {m["name"] for m in data["models"]} >= {"ch_ppocr_mobile_v2.0_cls", "en_PP-OCRv4_mobile_rec"}


def test_doctor_reports_engines_and_gpu(capsys):
    from docscan.core.engine import BACKENDS, EngineConfig

    code, out, _ = run(capsys, "doctor")
    assert code == 0
    engines = out.split("Engines (--backend):")[1]
    default = EngineConfig().backend
    assert f"  {default} (default): CPU usable; GPU " in engines
    for name in BACKENDS:  # each said usable, or why not and what to install
        assert f"\n  {name}" in engines
    assert "GPU (Intel)" in engines  # OpenVINO's GPUs, in words
    assert "PP-OCRv4_mobile_det" in out and "onnx, paddle-pdmodel" in out


def test_console_script_runs_as_a_separate_process(tmp_path, session_home):
    """The installed entry point, its stdout/stderr split, and that the ONNX path never imports Paddle."""
    image = tmp_path / "cli.png"
    text_image(["Separate process"], fontsize=22).save(image)
    env = {**os.environ, "DOCSCAN_HOME": str(session_home)}
    probe = ("import sys, runpy; sys.argv = ['docscan', 'ocr', %r];"
             "from docscan.cli import main; code = main();"
             "print('PADDLE' if 'paddle' in sys.modules else 'NO-PADDLE', file=sys.stderr); sys.exit(code)") % str(image)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert squash(done.stdout) == "separateprocess"
    assert done.stderr.strip().splitlines()[-1] == "NO-PADDLE"
    script = REPO / ".venv" / "bin" / "docscan"
    if script.exists():
        version = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
        assert version.stdout.startswith("docscan ")


def test_window_without_a_screen_says_what_to_do_instead(capsys, monkeypatch):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    code, _, err = run(capsys, "scan.pdf")
    assert code == 2 and "no screen" in err and "docscan ocr FILE" in err


def test_a_symlink_loop_is_named_as_such(capsys, tmp_path):
    loop = tmp_path / "loop.png"
    loop.symlink_to(loop)
    code, _, err = run(capsys, "ocr", str(loop))
    assert code == 1 and "is a link that leads nowhere" in err  # was "does not exist"


def test_a_bad_host_is_not_called_a_busy_port(capsys):
    assert main(["serve", "--host", "no-such-host.invalid", "--port", "8999"]) == 1
    err = capsys.readouterr().err
    assert "cannot listen on no-such-host.invalid" in err and "using the port" not in err and "--host" in err


def test_library_warnings_stay_quiet_unless_verbose(tmp_path):
    """Paddle warns at import that ccache is missing (it only matters for compiling its C++ extensions):
    shown with -v, hidden without. (PaddleX's own warnings are gone with PaddleX from the page's path.)"""
    import shutil

    from docscan.core.engine import backend_installed

    if not backend_installed("paddle"):
        pytest.skip("PaddlePaddle is not installed")
    wide = tmp_path / "wide.png"
    text_image(["A very wide banner of text"], fontsize=60, width=2200).save(wide)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = ["ocr", str(wide), "--family", "PP-OCRv4", "--backend", "paddle"]
    quiet = subprocess.run([sys.executable, "-m", "docscan", *command], capture_output=True, text=True, env=env,
                           timeout=300)
    loud = subprocess.run([sys.executable, "-m", "docscan", "-v", *command], capture_output=True, text=True, env=env,
                          timeout=300)
    assert quiet.returncode == loud.returncode == 0, quiet.stderr + loud.stderr
    assert "Warning" not in quiet.stderr and "ccache" not in quiet.stderr, quiet.stderr
    if shutil.which("ccache") is None:  # paddle warns only where ccache is missing
        assert "No ccache found" in loud.stderr
    assert "banner" in quiet.stdout


def test_a_forms_labels_and_values_come_out_as_rows(capsys, tmp_path):
    import pymupdf
    from PIL import Image

    doc = pymupdf.open()
    page = doc.new_page(width=500, height=200)
    for number, (label, value) in enumerate((("Date:", "25/12/2018"), ("TOTAL", "RM 86.00"))):
        page.insert_text((40, 60 + 50 * number), label, fontsize=18)
        page.insert_text((260, 60 + 50 * number), value, fontsize=18)
    pixmap = page.get_pixmap(dpi=150, alpha=False)
    Image.frombytes("RGB", (pixmap.width, pixmap.height), pixmap.samples).save(tmp_path / "form.png")
    code, out, err = run(capsys, "ocr", str(tmp_path / "form.png"))
    assert code == 0, err
    assert [squash(row) for row in out.splitlines() if row.strip()] == ["date:25/12/2018", "totalrm86.00"]
    assert "  " in out.splitlines()[0]  # the cells stay apart within the row


# ------------------------------------------------------- outputs: names, one file of several inputs (issue 24)


@pytest.fixture
def fake_ocr(monkeypatch):
    """``docscan ocr`` with the fake engine of batch_fakes.py, which reads each page as one line "width N"
    (N: the page's width in pixels): for what is about files and names, not about recognition."""
    import batch_fakes
    from docscan.core import engine as engine_module

    class CliFakeEngine(batch_fakes.FakeEngine):
        notice = None

        def __init__(self, config, store=None):
            super().__init__(config)

    monkeypatch.setattr(engine_module, "OcrEngine", CliFakeEngine)


def blank(path, width: int, height: int = 60, **options):
    from PIL import Image

    Image.new("RGB", (width, height), "white").save(path, **options)
    return path


def cut_jpeg(path):
    """A JPEG cut short in its pixels, as a transfer that broke off leaves it: it opens, it cannot be decoded."""
    import io

    import numpy as np
    from PIL import Image

    data = io.BytesIO()
    Image.fromarray(np.random.default_rng(1).integers(0, 255, (300, 260, 3), dtype=np.uint8)).save(data, "JPEG")
    path.write_bytes(data.getvalue()[: len(data.getvalue()) // 2])
    return path


def output_text(path) -> str:
    """The text of an output file of any format (a searchable PDF's through pdftotext, each page's words
    one space apart, pages a form feed apart)."""
    if path.name.endswith(".pdf"):
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        return "\f".join(" ".join(page.split()) for page in text.split("\f"))
    if path.name.endswith(".hocr"):  # its words, one element each
        return " ".join(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8").split("<body>")[1]).split())
    return path.read_text(encoding="utf-8")


SUFFIXES = {"txt": ".txt", "json": ".json", "md": ".md", "hocr": ".hocr", "pdf": ".ocr.pdf"}


@pytest.mark.parametrize("fmt", list(SUFFIXES))
def test_inputs_of_one_stem_get_an_output_each_in_every_format(tmp_path, capsys, fake_ocr, fmt):
    coll = tmp_path / "coll"
    coll.mkdir()
    blank(coll / "scan.png", 200)
    blank(coll / "scan.jpg", 240)
    out = tmp_path / "out"
    code, _, err = run(capsys, "ocr", str(coll), "-o", str(out) + "/", "-f", fmt)
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["scan.jpg" + SUFFIXES[fmt], "scan.png" + SUFFIXES[fmt]]
    assert "width 200" in output_text(out / ("scan.png" + SUFFIXES[fmt]))  # was one scan.ocr.pdf for both
    assert "width 240" in output_text(out / ("scan.jpg" + SUFFIXES[fmt]))


def test_one_name_from_two_folders_or_in_another_case_is_written_apart(tmp_path, capsys, fake_ocr):
    for folder, name, width in (("x", "scan.png", 200), ("y", "scan.png", 240), ("z", "SCAN.png", 280)):
        (tmp_path / folder).mkdir()
        blank(tmp_path / folder / name, width)
    inputs = [str(tmp_path / "x" / "scan.png"), str(tmp_path / "y" / "scan.png"), str(tmp_path / "z" / "SCAN.png")]
    out = tmp_path / "out"
    code, _, err = run(capsys, "ocr", *inputs, "-o", str(out))
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["SCAN.png (3).txt", "scan.png (2).txt", "scan.png.txt"]
    assert [output_text(out / name).strip() for name in ("scan.png.txt", "scan.png (2).txt", "SCAN.png (3).txt")] == \
        ["width 200", "width 240", "width 280"]  # the second was written over the first
    assert f"{inputs[1]}: written as {out / 'scan.png (2).txt'}, since {inputs[0]} has the same name" in err
    # the same inputs get the same names again (a rerun replaces its own outputs)
    assert run(capsys, "ocr", *inputs, "-o", str(out))[0] == 0
    assert len(list(out.iterdir())) == 3


def test_an_output_is_never_written_over_another_output_of_the_same_run(tmp_path, capsys, fake_ocr):
    blank(tmp_path / "a.png", 200)
    blank(tmp_path / "b.png", 240)
    out = tmp_path / "out"
    out.mkdir()
    (out / "b.png.txt").symlink_to("a.png.txt")  # whatever leads b's output onto a's (here a link)
    code, _, err = run(capsys, "ocr", str(tmp_path / "a.png"), str(tmp_path / "b.png"), "-o", str(out))
    assert code == 1
    assert (out / "a.png.txt").read_text().strip() == "width 200"  # was b's text
    assert f"cannot write {out / 'b.png.txt'}: that file is {out / 'a.png.txt'}, already written by this run" in err


def test_several_inputs_into_one_searchable_pdf(tmp_path, capsys, two_files):
    image, letter = two_files  # "Remember the milk"; a scanned letter of two pages
    note = tmp_path / "p.s.jpg"
    text_image(["Please call back"], fontsize=22).save(note)
    combined = tmp_path / "combined.pdf"
    code, _, err = run(capsys, "ocr", str(image), str(letter), str(note), "-f", "pdf", "-o", str(combined))
    assert code == 0, err
    assert combined.is_file()  # was a folder of three PDFs
    info = subprocess.run(["pdfinfo", str(combined)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           4" in info
    pages = output_text(combined).split("\f")[:4]
    for expected, text in zip(["Remember the milk", "Dear reader", "Kind regards", "Please call back"], pages):
        assert similarity(expected, text) > 0.9, pages


def test_a_failed_input_is_left_out_of_the_one_pdf_and_said(tmp_path, capsys, fake_ocr):
    blank(tmp_path / "1.png", 200)
    good = tmp_path / "2.jpg"
    blank(good, 240)
    broken = cut_jpeg(tmp_path / "3.jpg")
    (tmp_path / "4.pdf").write_bytes(b"%PDF-1.4 nothing else")
    blank(tmp_path / "5.png", 280)
    combined = tmp_path / "letter.pdf"
    paths = [str(tmp_path / name) for name in ("1.png", "2.jpg", "3.jpg", "4.pdf", "5.png")]
    code, _, err = run(capsys, "ocr", *paths, "-f", "pdf", "-o", str(combined))
    assert code == 1
    pages = output_text(combined).split("\f")[:-1]
    assert [page.strip() for page in pages] == ["width 200", "width 240", "width 280"]
    assert f"{paths[2]}: left out of {combined}" in err and f"{paths[3]} is damaged" in err
    # nothing readable: nothing written, and said
    code, _, err = run(capsys, "ocr", paths[3], "-f", "pdf", "-o", str(tmp_path / "nothing.pdf"))
    assert code == 1 and not (tmp_path / "nothing.pdf").exists()
    assert f"nothing written to {tmp_path / 'nothing.pdf'}" in err


def test_an_output_that_is_an_input_is_refused_for_one_pdf_too(tmp_path, capsys, fake_ocr):
    blank(tmp_path / "a.png", 200)
    earlier = text_pdf(tmp_path / "letter.pdf", [["An earlier letter"]])
    before = earlier.read_bytes()
    code, _, err = run(capsys, "ocr", str(tmp_path / "a.png"), str(earlier), "-f", "pdf", "-o", str(earlier))
    assert code == 2 and "would replace the input" in err
    assert earlier.read_bytes() == before


def test_several_inputs_into_one_text_file_and_a_folder_otherwise(tmp_path, capsys, fake_ocr):
    blank(tmp_path / "a.png", 200)
    blank(tmp_path / "b.png", 240)
    inputs = [str(tmp_path / "a.png"), str(tmp_path / "b.png")]
    code, stdout, _ = run(capsys, "ocr", *inputs)
    code, _, err = run(capsys, "ocr", *inputs, "-o", str(tmp_path / "all.txt"))
    assert code == 0, err
    assert (tmp_path / "all.txt").read_text() == stdout  # was a folder all.txt/ of two files
    assert [page.split("\n")[:2] for page in stdout.split("\f\n")] == \
        [[f"==> {inputs[0]} <==", "width 200"], [f"==> {inputs[1]} <==", "width 240"]]
    code, _, err = run(capsys, "ocr", *inputs, "-f", "json", "-o", str(tmp_path / "all.json"))
    assert code == 0, err
    assert [f["path"] for f in json.loads((tmp_path / "all.json").read_text())["files"]] == inputs
    code, _, err = run(capsys, "ocr", *inputs, "-f", "md", "-o", str(tmp_path / "texts"))  # no suffix: a folder
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "texts").iterdir()) == ["a.png.md", "b.png.md"]
    code, _, err = run(capsys, "ocr", *inputs, "-o", str(tmp_path / "all.pdf"))  # -f pdf forgotten
    assert code == 2 and "-o" in err and "-f pdf" in err
    assert not (tmp_path / "all.pdf").exists()


def test_unreadable_pages_are_listed_in_one_line_per_reason(tmp_path, capsys, fake_ocr):
    import pymupdf

    doc = pymupdf.open()
    for number in range(6):
        doc.new_page().insert_text((72, 100), f"Page number {number + 1} of the report", fontsize=24)
    data = doc.tobytes(garbage=0, deflate=False)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(data[: int(len(data) * 0.3)])  # cut: only the first page can be drawn
    code, out, err = run(capsys, "ocr", str(broken), "-f", "json", "--ocr-mode", "always")
    assert code == 1
    errors = {page["page"]: page["error"] for page in json.loads(out)["files"][0]["pages"] if page.get("error")}
    assert len(errors) >= 3
    lines = [line for line in err.splitlines() if "could not be read" in line]
    assert 1 <= len(lines) < len(errors)  # was one line per page
    listed = []
    for line in lines:
        found = re.fullmatch(rf"docscan: {re.escape(str(broken))}: pages? ([0-9, \u2013]+) could not be read: \S.*", line)
        assert found, line
        for part in found.group(1).split(", "):
            first, _, last = part.partition("\u2013")
            listed.extend(range(int(first), int(last or first) + 1))
    assert sorted(listed) == sorted(errors)  # every unreadable page, each once
    assert any("\u2013" in line for line in lines)  # a run of pages as a range


def test_page_lists_and_unreadable_pages_grouped_by_reason():
    from docscan.core.documents import page_list, unreadable_pages

    assert page_list([6, 1, 2, 4, 5, 5]) == "pages 1, 2, 4\u20136"
    assert page_list([3]) == "page 3" and page_list([9, 10]) == "pages 9, 10"
    failures = [(4, "scan.pdf: page 4 could not be read; the file is damaged (bad tree)."),
                (1, "scan.pdf: page 1 could not be read; the file is damaged (bad tree)."),
                (2, "scan.pdf: page 2 could not be read; the file is damaged (bad tree)."),
                (3, "recognition failed: out of memory"),
                (5, "scan.pdf: page 5 could not be read; the file is damaged (bad tree)."),
                (6, "scan.pdf: page 6 could not be read; the file is damaged (bad tree)."),
                (12, "scan.pdf: page 12 is damaged (no content).")]
    assert unreadable_pages("scan.pdf", failures) == [
        "scan.pdf: pages 1, 2, 4\u20136 could not be read: the file is damaged (bad tree)",
        "scan.pdf: page 3 could not be read: recognition failed: out of memory",
        "scan.pdf: page 12 could not be read: the page is damaged (no content)"]
