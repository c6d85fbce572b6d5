"""The documents controller with the window's model and the real I/O worker thread, no window: a document
opens into the model, renders (turned when turned by hand), refuses what it cannot read, closes."""

from __future__ import annotations

import pytest

from docscan.gui.documents_controller import DocumentsController
from docscan.gui.window_model import WindowModel
from docscan.gui.threads import Source
from helpers import text_pdf


@pytest.fixture
def documents(qtbot):
    controller = DocumentsController(WindowModel())
    yield controller
    controller.shutdown()
    assert not controller.thread.isRunning()


def test_a_pdf_opens_into_the_model_renders_turned_and_closes(qtbot, documents, tmp_path):
    pdf = text_pdf(tmp_path / "two.pdf", [["first page"], ["second page"]])
    with qtbot.waitSignal(documents.opened, timeout=20_000) as opened:
        documents.open(Source(str(pdf), name="two.pdf"))
    doc = opened.args[0]
    assert doc.opened and doc.page_count == 2 and documents.model.docs[doc.key] is doc
    documents.model.turn_page(doc.key, 1, 90)
    with qtbot.waitSignal(documents.rendered, timeout=20_000) as shown:
        documents.render(doc, 1, "view", 72.0)
    key, index, purpose, image = shown.args
    assert (key, index, purpose) == (doc.key, 1, "view") and (image.width(), image.height()) == (792, 612)
    documents.close(doc.key)
    assert doc.key not in documents.model.docs


def test_what_cannot_be_opened_is_said_with_what_would_help(qtbot, documents, tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with qtbot.waitSignal(documents.openFailed, timeout=20_000) as failed:
        doc = documents.open(Source(str(empty), name="empty.pdf"))
    assert failed.args[0] == doc.key and "empty (0 bytes)" in failed.args[1] and failed.args[2] == ""


def test_a_photo_the_view_decoded_gives_its_thumbnail_without_decoding_again(qtbot, documents, tmp_path,
                                                                            monkeypatch):
    from docscan.core.documents import ImageDocument
    from helpers import text_image

    photo = tmp_path / "photo.png"
    text_image(["A photo decoded once"], fontsize=30, dpi=300).save(photo)
    with qtbot.waitSignal(documents.opened, timeout=20_000) as opened:
        documents.open(Source(str(photo), name="photo.png"))
    doc = opened.args[0]
    decodes = []
    original = ImageDocument._render
    monkeypatch.setattr(ImageDocument, "_render", lambda self, index, dpi: decodes.append(index) or
                        original(self, index, dpi))
    with qtbot.waitSignal(documents.rendered, timeout=20_000) as shown:
        documents.render(doc, 0, "view", 72.0)
    full = shown.args[3]
    with qtbot.waitSignal(documents.rendered, timeout=20_000) as thumb:
        documents.render(doc, 0, "thumb")
    image = thumb.args[3]
    assert decodes == [0] and thumb.args[2] == "thumb"
    assert max(image.width(), image.height()) == 150
    assert abs(image.width() / image.height() - full.width() / full.height()) < 0.02
