"""Saved work: results (with corrections) restored only onto the same document bytes."""

from __future__ import annotations

import pytest

from docscan.core import sidecar
from docscan.core.results import DocumentResult, PageResult, TextLine


def result_with(text: str, edited: bool = False) -> DocumentResult:
    line = TextLine([(0, 0), (10, 0), (10, 5), (0, 5)], text, 0.9, edited)
    return DocumentResult("doc.png", [PageResult(1, 100, 50, None, [line], 0.1)])


def test_correction_survives_save_and_load(tmp_path):
    document = tmp_path / "doc.png"
    document.write_bytes(b"pretend image bytes")
    written = sidecar.save(document, result_with("corrected text", edited=True))
    assert written == tmp_path / "doc.png.docscan.json"
    saved = sidecar.load(document)
    line = saved.result.pages[0].lines[0]
    assert (line.text, line.edited) == ("corrected text", True)


def test_results_are_not_restored_onto_a_changed_document(tmp_path):
    document = tmp_path / "doc.png"
    document.write_bytes(b"version one")
    sidecar.save(document, result_with("old"))
    document.write_bytes(b"version two, different bytes")
    assert sidecar.load(document) is None


def test_read_only_folder_falls_back_to_the_user_folder(tmp_path, monkeypatch):
    document = tmp_path / "doc.png"
    document.write_bytes(b"bytes on a read-only share")
    real_write = sidecar.write_atomically

    def refuse_beside(path, text):
        if path.parent == tmp_path:
            raise PermissionError(13, "Permission denied")
        real_write(path, text)

    monkeypatch.setattr(sidecar, "write_atomically", refuse_beside)
    written = sidecar.save(document, result_with("kept anyway"))
    assert written.parent.name == "results" and written.exists()
    assert sidecar.load(document).result.pages[0].lines[0].text == "kept anyway"


def test_unwritable_everywhere_raises(tmp_path, monkeypatch):
    document = tmp_path / "doc.png"
    document.write_bytes(b"x")

    def refuse(path, text):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(sidecar, "write_atomically", refuse)
    with pytest.raises(PermissionError):
        sidecar.save(document, result_with("lost?"))


def test_damaged_sidecar_is_ignored(tmp_path):
    document = tmp_path / "doc.png"
    document.write_bytes(b"x")
    sidecar.beside_path(document).write_text("{ not json")
    assert sidecar.load(document) is None
