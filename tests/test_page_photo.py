"""Photos of pages (core.page_photo): a rendered page of known text photographed in the test (laid on a
textured desk, turned, seen in perspective, lit unevenly, blurred, noisy, saved as JPEG), then found,
flattened and read; scans and pictures without a page are left as they are; the option turns it off."""

from __future__ import annotations

import io

import numpy as np
import pymupdf
import pytest
from PIL import Image

import docscan
from docscan.cli.common import CliParser, add_run_options, run_options
from docscan.core import page_photo
from docscan.core.documents import open_document
from docscan.core.engine import EngineConfig
from docscan.core.errors import DocumentError
from docscan.core.options import RunOptions
from docscan.core.searchable_pdf import write_searchable_pdf
from docscan.core.workers.engines import run_settings
from helpers import similarity, text_image

LINES = ["Invoice 2041 for the garden shed", "Timber and nails 118.40", "Delivery on Tuesday 25.00",
         "Paint, two coats, white 62.15", "Total due by March 205.55"]


def photograph(page: Image.Image, *, angle: float = 9.0, seed: int = 3) -> tuple[Image.Image, np.ndarray]:
    """``page`` as a camera sees it lying on a darker desk: turned ``angle`` degrees, its corners pulled for
    perspective, a lamp's gradient and a soft shadow, blur, noise, JPEG. Returns the photo and where the
    page's corners (top-left, top-right, bottom-right, bottom-left) landed."""
    import cv2

    rng = np.random.default_rng(seed)
    pixels = np.asarray(page.convert("RGB")).astype(np.float32)
    height, width = pixels.shape[:2]
    frame_w, frame_h = int(width * 1.45), int(height * 1.4)
    desk = np.full((frame_h, frame_w, 3), (92.0, 98.0, 110.0), np.float32)
    texture = cv2.GaussianBlur(rng.normal(0, 1, (frame_h, frame_w)).astype(np.float32), (0, 0), 6)
    desk += texture[..., None] * 40
    theta = np.deg2rad(angle)
    centred = np.array([[-width / 2, -height / 2], [width / 2, -height / 2], [width / 2, height / 2],
                        [-width / 2, height / 2]]) * 0.92
    turn = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    corners = centred @ turn.T + [frame_w / 2, frame_h / 2]
    corners += np.array([[0.03, 0.02], [-0.04, 0.03], [0.02, -0.02], [-0.03, -0.01]]) * [width, height]
    matrix = cv2.getPerspectiveTransform(np.float32([[0, 0], [width, 0], [width, height], [0, height]]),
                                         np.float32(corners))
    paper = cv2.warpPerspective(pixels, matrix, (frame_w, frame_h), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.ones((height, width), np.float32), matrix, (frame_w, frame_h))[..., None]
    photo = desk * (1 - mask) + paper * mask
    yy, xx = np.mgrid[0:frame_h, 0:frame_w].astype(np.float32)
    light = 1.0 - 0.3 * (xx / frame_w) * (yy / frame_h)
    shadow = 1.0 - 0.18 / (1 + np.exp(-(xx - 0.6 * frame_w) / (0.03 * frame_w)))
    photo = cv2.GaussianBlur(photo * (light * shadow)[..., None], (0, 0), 0.8)
    photo = np.clip(photo + rng.normal(0, 3.0, photo.shape), 0, 255).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(photo).save(buffer, format="JPEG", quality=85)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB"), corners


@pytest.fixture(scope="module")
def page() -> Image.Image:
    return text_image(LINES, fontsize=20, dpi=150, width=612, height=792)


@pytest.fixture(scope="module")
def photo(page) -> tuple[Image.Image, np.ndarray]:
    return photograph(page)


def jpeg_file(image: Image.Image, path) -> str:
    image.save(path, format="JPEG", quality=90)
    return str(path)


def test_the_corners_of_a_photographed_page_are_found_where_they_landed(photo):
    image, truth = photo
    found = page_photo.find_page_corners(image)
    assert found is not None
    diagonal = float(np.hypot(*image.size))
    assert np.abs(np.array(found) - truth).max() < 0.01 * diagonal  # within 1% of the frame's diagonal


def test_the_flattened_page_has_the_pages_shape_and_lies_level(photo, page):
    image, _ = photo
    corrected = page_photo.correct_photo(image)
    assert corrected.corners is not None
    width, height = corrected.image.size
    assert abs(width / height - page.width / page.height) < 0.04  # the sheet's proportions, not the photo's
    assert abs(page_photo.straighten_angle(corrected.image)) < 0.5  # its lines level


def test_a_flattened_photo_reads_its_lines_in_order(tmp_path, photo):
    image, _ = photo
    path = jpeg_file(image, tmp_path / "photo.jpg")
    corrected = docscan.ocr(path)
    texts = [line.text for line in corrected.pages[0].lines]
    assert len(texts) == len(LINES), texts  # one line each: rows did not fall apart
    for expected, got in zip(LINES, texts):  # in reading order, each read
        assert similarity(expected, got) > 0.9, (expected, got)
    as_it_is = docscan.ocr(path, flatten_photos=False)
    assert (as_it_is.pages[0].width, as_it_is.pages[0].height) == image.size  # the option off: the photo as it is
    assert corrected.pages[0].width < image.width  # boxes are in the corrected (cropped) page's pixels


def test_a_scan_is_left_uncropped_and_a_level_one_unchanged(tmp_path, page):
    path = tmp_path / "scan.png"
    page.save(path)
    with open_document(path) as document:
        assert document.correction(0) is None
        assert document.page_size(0) == page.size
        assert np.array_equal(np.asarray(document.page(0).render().image), np.asarray(page))
        assert document.embeddable(0)[0] == path.read_bytes()  # a scan still goes into a PDF unchanged


def test_a_page_printed_askew_is_straightened_by_its_lines_and_a_scan_of_it_left_alone(page):
    askew = page.rotate(-2.5, resample=Image.Resampling.BICUBIC, expand=True, fillcolor="white")  # clockwise
    assert page_photo.straighten_angle(askew) == pytest.approx(2.5, abs=0.3)  # the lines give the angle
    scanned = page_photo.correct_photo(askew)  # the paper runs to the frame's edges: nothing to crop
    assert scanned.corners is None and scanned.image is askew  # and no extra resampling of a scan
    photographed = page_photo.correct_photo(photograph(askew)[0])
    assert photographed.corners is not None and photographed.angle == pytest.approx(2.5, abs=0.5)
    width, height = photographed.image.size
    middle = photographed.image.crop((width // 10, height // 10, width * 9 // 10, height * 9 // 10))
    assert abs(page_photo.straighten_angle(middle)) < 0.3  # its lines level, in the one resampling


@pytest.mark.parametrize("kind", ["noise", "gradient", "blank"])
def test_an_image_without_a_page_is_left_as_it_is(kind):
    rng = np.random.default_rng(1)
    if kind == "noise":
        pixels = rng.integers(0, 255, (600, 800, 3), dtype=np.uint8)
    elif kind == "gradient":
        pixels = np.repeat(np.linspace(40, 220, 800)[None, :, None], 600, axis=0).repeat(3, axis=2).astype(np.uint8)
    else:
        pixels = np.full((600, 800, 3), 250, np.uint8)
    image = Image.fromarray(pixels)
    corrected = page_photo.correct_photo(image)
    assert corrected.corners is None and corrected.angle == 0.0
    assert corrected.image is image


def test_a_picture_on_a_scanned_page_is_not_taken_for_the_page():
    """A dark photo printed on a white page is a quadrilateral inside the frame, but darker than what is
    around it: the page is not cropped to it."""
    pixels = np.full((1100, 850, 3), 248, np.uint8)
    pixels[300:700, 200:650] = 40
    assert page_photo.find_page_corners(Image.fromarray(pixels)) is None


def test_a_bright_column_of_a_scanned_magazine_page_is_not_taken_for_the_page():
    """A printed page's text column, bright between a dark photograph, dark bands and a dark rule, is a
    bright quadrilateral inside the frame; but the page's own margin beyond the rule is as bright as it, and
    a photographed page lies on something darker: not cropped."""
    pixels = np.full((1100, 850, 3), 245, np.uint8)
    pixels[:, :400] = 35  # the photograph
    pixels[:150] = 35  # a dark header band
    pixels[950:] = 35  # and a footer band
    pixels[150:950, 740:770] = 35  # a dark rule; the margin beyond it is paper
    assert page_photo.find_page_corners(Image.fromarray(pixels)) is None


def test_the_option_off_leaves_the_photo_as_it_is(tmp_path, photo):
    image, _ = photo
    path = jpeg_file(image, tmp_path / "photo.jpg")
    with open_document(path, flatten_photos=False) as document:
        assert document.correction(0) is None and document.page_size(0) == image.size
        assert document.page(0).render().image.size == image.size
    with open_document(path) as document:
        geometry = document.correction(0)
        assert geometry is not None and document.page_size(0) == geometry.size
        assert document.page(0).render().image.size == geometry.size
        assert document.original(0).image.size == image.size  # the original is kept


def test_corners_a_person_places_and_undo(tmp_path, photo):
    image, truth = photo
    path = jpeg_file(image, tmp_path / "photo.jpg")
    with open_document(path) as document:
        document.set_corners(0, None)  # undo: the page as stored
        assert document.correction(0) is None and document.page_size(0) == image.size
        inner = truth + np.array([[40, 40], [-40, 40], [-40, -40], [40, -40]])  # a little inside the page
        document.set_corners(0, tuple(map(tuple, inner)))
        geometry = document.correction(0)
        assert np.allclose(geometry.corners, inner, atol=2.0)
        assert document.page(0).render().image.size == geometry.size


def test_the_searchable_pdf_of_a_photo_embeds_the_corrected_page(tmp_path, photo):
    image, _ = photo
    path = jpeg_file(image, tmp_path / "photo.jpg")
    result = docscan.ocr(path)
    target = write_searchable_pdf(path, result, tmp_path / "photo.pdf")
    with pymupdf.open(target) as pdf:
        embedded = pdf.extract_image(pdf[0].get_images()[0][0])
        assert (embedded["width"], embedded["height"]) == (result.pages[0].width, result.pages[0].height)
        assert (embedded["width"], embedded["height"]) != image.size
        assert similarity(" ".join(LINES), pdf[0].get_text()) > 0.9


def test_the_option_is_declared_once_for_the_cli_and_the_job_fingerprint():
    parser = CliParser(prog="docscan ocr")
    add_run_options(parser, ("flatten_photos",))
    assert run_options(parser.parse_args([])).flatten_photos is True
    assert run_options(parser.parse_args(["--no-flatten"])).flatten_photos is False
    assert RunOptions().flatten_photos is True
    on, off = run_settings(EngineConfig(), None, "auto", True), run_settings(EngineConfig(), None, "auto", False)
    assert on != off  # a batch job run with the option changed does not reuse the other's results


def test_the_window_setting_turns_it_off_for_images_opened_after(qtbot, tmp_path, store, photo):
    from docscan.gui.job_types import Source
    from docscan.gui.settings import Settings
    from docscan.gui.settings_dialog import SettingsDialog

    settings = Settings(tmp_path / "settings.ini")
    assert settings.run_options().flatten_photos is True
    dialog = SettingsDialog(settings, None, store=store)
    qtbot.addWidget(dialog)
    assert dialog.flatten.isChecked()
    dialog.flatten.setChecked(False)
    dialog.accept()
    assert Settings(tmp_path / "settings.ini").run_options().flatten_photos is False
    path = jpeg_file(photo[0], tmp_path / "photo.jpg")
    with Source(path, flatten_photos=settings.run_options().flatten_photos).open() as document:
        assert document.correction(0) is None and document.page_size(0) == photo[0].size
    with Source(path).open() as document:  # the default: corrected
        assert document.correction(0) is not None


def test_a_photo_cut_short_still_opens_and_its_page_says_why(photo):
    """Working out the correction decodes the page; a file cut short must not stop the document opening
    (the window asks every page's size when it opens one): the page keeps its stored size and fails, in
    words, when it is rendered."""
    buffer = io.BytesIO()
    photo[0].save(buffer, format="JPEG", quality=85)
    data = buffer.getvalue()[: len(buffer.getvalue()) // 3]
    with open_document(data, name="cut.jpg") as document:
        assert document.page_size(0) == photo[0].size and document.correction(0) is None
        with pytest.raises(DocumentError, match="damaged or cut short"):
            document.page(0).render()


@pytest.mark.parametrize("flatten", [True, False])
def test_the_service_reads_a_photo_corrected_unless_told_not_to(store, photo, flatten):
    from docscan.server.http_service import Service, ServiceSettings

    buffer = io.BytesIO()
    photo[0].save(buffer, format="JPEG", quality=90)
    service = Service(ServiceSettings(store_root=str(store.root), flatten_photos=flatten))
    service.start()
    try:
        result, info = service.recognise("mobile", buffer.getvalue(), None)
    finally:
        service.stop()
    page = result.pages[0]
    if flatten:
        assert (page.width, page.height) == tuple(info["sizes"][0]) != photo[0].size  # checked and read corrected
        assert [similarity(a, line.text) > 0.9 for a, line in zip(LINES, page.lines)] == [True] * len(LINES)
    else:
        assert (page.width, page.height) == tuple(info["sizes"][0]) == photo[0].size


@pytest.mark.parametrize("flatten", [True, False])
def test_a_batch_worker_reads_a_photo_as_the_jobs_settings_say(tmp_path, engine, photo, flatten):
    import os

    from docscan.core.workers.engines import engine_fingerprint
    from docscan.core.workers.shard_recogniser import ShardRecogniser
    from docscan.core.workers.shard_work import Shard

    path = jpeg_file(photo[0], tmp_path / "photo.jpg")
    status = os.stat(path)
    settings = run_settings(engine.config, None, "auto", flatten)
    worker = ShardRecogniser(settings, engine_fingerprint(engine), engine_factory=lambda config: engine)
    row, = worker.recognise(Shard("sha", path, status.st_size, status.st_mtime_ns, (1,)))
    corrected = (row["width"], row["height"]) != photo[0].size
    assert corrected is flatten and row["error"] is None
