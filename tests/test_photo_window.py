"""The window and photos of pages (issue 29): Page → Straighten Photo and Page → Adjust Page Corners change
the page shown, its size and the pixels a recognition reads, and drop the result of the old pixels."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import similarity, text_image
from test_gui import OCR_TIMEOUT, messages, open_and_wait, window  # noqa: F401  (messages, window: fixtures)
from test_page_photo import LINES, jpeg_file, photograph


@pytest.fixture(scope="module")
def photo():
    page = text_image(LINES, fontsize=20, dpi=150, width=612, height=792)
    return photograph(page)


def recognise_page(qtbot, window) -> None:
    with qtbot.waitSignal(window.ocrFinished, timeout=OCR_TIMEOUT) as blocker:
        window.recognise_current_page()
    assert blocker.args[1] is False


def trigger_and_wait(qtbot, window, action) -> None:
    with qtbot.waitSignal(window.photos.pageReshaped, timeout=20_000):
        action.trigger()


def test_straighten_photo_and_corners_change_the_page_and_what_is_read(qtbot, window, tmp_path, photo):
    image, truth = photo
    key = open_and_wait(qtbot, window, jpeg_file(image, tmp_path / "photo.jpg"))
    doc = window.docs[key]
    corrected = doc.page_sizes[0]
    assert corrected != tuple(map(float, image.size)) and corrected[0] < image.width  # cut out of the photo
    assert window.view.page_size == corrected
    assert window.act_straighten.isEnabled() and window.act_straighten.isChecked()
    assert window.act_adjust_corners.isEnabled()

    recognise_page(qtbot, window)
    assert (doc.results[0].width, doc.results[0].height) == corrected

    trigger_and_wait(qtbot, window, window.act_straighten)  # unticked: the photo as it was taken
    assert not window.act_straighten.isChecked()
    assert doc.page_sizes[0] == tuple(map(float, image.size)) == window.view.page_size
    assert 0 not in doc.results  # the text read was of other pixels: recognised again on demand
    assert window.text_panel.count() == 0

    trigger_and_wait(qtbot, window, window.act_straighten)  # ticked: the correction found, again
    assert window.act_straighten.isChecked()
    assert np.allclose(doc.page_sizes[0], corrected, atol=2)

    with qtbot.waitSignal(window.photos.dialogShown, timeout=20_000) as shown:
        window.act_adjust_corners.trigger()
    dialog = shown.args[0]
    assert np.allclose(dialog.corners(), truth, atol=0.01 * np.hypot(*image.size))  # the corners found
    # a person's corners: the top 15% of the page only (its first two lines of five; the third starts at 17%)
    part = 0.15
    top = (truth[0], truth[1], truth[1] + part * (truth[2] - truth[1]), truth[0] + part * (truth[3] - truth[0]))
    dialog.set_corners(top)
    with qtbot.waitSignal(window.photos.pageReshaped, timeout=20_000):
        dialog.accept()
    width, height = doc.page_sizes[0]
    assert abs(width - corrected[0]) < 0.05 * corrected[0] and abs(height - part * corrected[1]) < 0.03 * corrected[1]
    assert window.view.page_size == (width, height)
    assert window.act_straighten.isChecked()

    with qtbot.waitSignal(window.photos.pageReshaped, timeout=20_000):
        window.undo_group.undo()  # Edit → Undo: the corners found again
    assert np.allclose(doc.page_sizes[0], corrected, atol=2)
    with qtbot.waitSignal(window.photos.pageReshaped, timeout=20_000):
        window.undo_group.redo()
    assert doc.page_sizes[0] == (width, height)

    recognise_page(qtbot, window)  # the job opens the page with the person's corners
    result = doc.results[0]
    assert (result.width, result.height) == (width, height)
    text = " ".join(line.text for line in result.lines)
    assert similarity(" ".join(LINES[:2]), text) > 0.8, text  # the top lines are there, the others not


def test_a_page_that_is_no_photo_offers_neither(qtbot, window, tmp_path):
    path = tmp_path / "scan.png"
    text_image(LINES, fontsize=20, dpi=150, width=612, height=792).save(path)  # a scan: shown as stored
    open_and_wait(qtbot, window, path)
    assert not window.act_straighten.isEnabled() and not window.act_adjust_corners.isEnabled()


def test_dragging_a_handle_moves_its_corner(qtbot, photo):
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    from docscan.gui.corners_dialog import CornersDialog
    from docscan.gui.threads import pil_to_qimage

    image, truth = photo
    dialog = CornersDialog(pil_to_qimage(image), tuple(map(tuple, truth)))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    viewport = dialog.view.viewport()
    start = dialog.view.mapFromScene(QPointF(*truth[0]))
    end = start + QPoint(30, 20)

    def send(kind, at, buttons):
        event = QMouseEvent(kind, QPointF(at), QPointF(viewport.mapToGlobal(at)), Qt.MouseButton.LeftButton,
                            buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(viewport, event)

    send(QMouseEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    send(QMouseEvent.Type.MouseMove, start + QPoint(10, 5), Qt.MouseButton.LeftButton)
    send(QMouseEvent.Type.MouseMove, end, Qt.MouseButton.LeftButton)
    send(QMouseEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)
    moved = dialog.corners()
    expected = dialog.view.mapToScene(end)
    assert abs(moved[0][0] - expected.x()) < 3 * image.width / viewport.width()  # within a few screen pixels
    assert abs(moved[0][1] - expected.y()) < 3 * image.height / viewport.height()
    assert np.allclose(moved[1:], truth[1:])  # the other corners stay
