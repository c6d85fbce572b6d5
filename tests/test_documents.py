"""Opening images and PDFs: every format, EXIF rotation, lazy PDF rendering, and every bad input."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from docscan.core.documents import (DEFAULT_DPI, MAX_IMAGE_PIXELS, open_document, parse_page_ranges)
from docscan.core.errors import DocumentError, PasswordRequired
from helpers import text_image, text_pdf


@pytest.mark.parametrize("fmt,suffix", [("PNG", ".png"), ("JPEG", ".jpg"), ("BMP", ".bmp"), ("WEBP", ".webp"),
                                        ("TIFF", ".tif")])
def test_image_formats_open_as_one_page(tmp_path, fmt, suffix):
    image = text_image(["hello"])
    path = tmp_path / f"page{suffix}"
    image.save(path, format=fmt)
    with open_document(path) as document:
        assert document.kind == "image" and document.page_count == 1
        rendered = document.page(0).render()
        assert (rendered.width, rendered.height) == image.size
        assert rendered.dpi is None
        assert rendered.image.mode == "RGB"


def test_every_tiff_frame_is_a_page(tmp_path):
    frames = [Image.new("RGB", (100 + 10 * i, 80), (255, 255, 255)) for i in range(3)]
    path = tmp_path / "multi.tif"
    frames[0].save(path, save_all=True, append_images=frames[1:])
    with open_document(path) as document:
        assert document.page_count == 3
        assert [document.page(i).render().width for i in range(3)] == [100, 110, 120]


def test_kind_is_recognised_by_content_not_name(tmp_path):
    pdf = text_pdf(tmp_path / "a.pdf", [["one"]])
    disguised = tmp_path / "photo.jpg"
    disguised.write_bytes(pdf.read_bytes())
    with open_document(disguised) as document:
        assert document.kind == "pdf"
    png = io.BytesIO()
    text_image(["x"]).save(png, format="PNG")
    with open_document(png.getvalue()) as document:
        assert document.kind == "image"


def test_exif_rotation_is_applied(tmp_path):
    upright = text_image(["rotated photo"])
    stored = upright.rotate(90, expand=True)  # a camera held sideways stores the pixels turned...
    exif = Image.Exif()
    exif[0x0112] = 6  # ...and records "rotate 90 clockwise to view"
    path = tmp_path / "photo.jpg"
    stored.save(path, exif=exif, quality=95)
    with open_document(path) as document:
        rendered = document.page(0).render()
    assert rendered.image.size == upright.size
    difference = np.abs(np.asarray(rendered.image, float) - np.asarray(upright, float)).mean()
    assert difference < 8  # the same picture, up to JPEG noise


def test_pdf_pages_render_lazily_at_the_dpi_asked(tmp_path):
    path = text_pdf(tmp_path / "doc.pdf", [["first page"], ["second page"]])
    with open_document(path) as document:
        assert document.kind == "pdf" and document.page_count == 2
        default = document.page(1).render()
        assert default.dpi == DEFAULT_DPI
        assert (default.width, default.height) == (612 * DEFAULT_DPI // 72, 792 * DEFAULT_DPI // 72)
        assert document.page(0).render(72).image.size == (612, 792)
        assert document.page(0).text_layer().strip() == "first page"
        assert document.page(1).text_layer().strip() == "second page"


def test_rotated_pdf_page_renders_as_shown(tmp_path):
    path = text_pdf(tmp_path / "rot.pdf", [["sideways"]], rotate=90)
    with open_document(path) as document:
        assert document.page(0).render(72).image.size == (792, 612)


def test_huge_pdf_page_is_rendered_within_the_pixel_limit(tmp_path):
    import pymupdf

    doc = pymupdf.open()
    doc.new_page(width=72 * 100, height=72 * 100)  # a 100 x 100 inch poster
    path = tmp_path / "poster.pdf"
    doc.save(path)
    with open_document(path) as document:
        rendered = document.page(0).render(300)
    assert rendered.width * rendered.height <= 40_000_000
    assert rendered.dpi == rendered.width // 100


def test_scanned_pdf_has_no_text_layer(tmp_path):
    path = text_pdf(tmp_path / "scan.pdf", [["scanned words"]], scanned=True)
    with open_document(path) as document:
        assert document.page(0).text_layer().strip() == ""


def test_encrypted_pdf_asks_for_its_password(tmp_path):
    path = text_pdf(tmp_path / "secret.pdf", [["classified"]], password="s3cret")
    with pytest.raises(PasswordRequired, match="password-protected. Give its password"):
        open_document(path)
    with pytest.raises(PasswordRequired, match="password given .* is not right"):
        open_document(path, password="wrong")
    with open_document(path, password="s3cret") as document:
        assert document.page(0).text_layer().strip() == "classified"


def test_corrupt_pdf(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    with pytest.raises(DocumentError, match="broken.pdf is damaged"):
        open_document(path)


def test_truncated_image(tmp_path):
    buffer = io.BytesIO()
    text_image(["cut short"]).save(buffer, format="PNG")
    path = tmp_path / "cut.png"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with pytest.raises(DocumentError, match="cut.png: page 1 cannot be decoded; the image file is damaged"):
        open_document(path).page(0).render()


def test_empty_file(tmp_path):
    path = tmp_path / "empty.png"
    path.write_bytes(b"")
    with pytest.raises(DocumentError, match=r"empty.png is empty \(0 bytes\)"):
        open_document(path)
    with pytest.raises(DocumentError, match="is empty"):
        open_document(b"")


def test_not_an_image(tmp_path):
    path = tmp_path / "notes.png"
    path.write_text("just some text")
    with pytest.raises(DocumentError, match="notes.png is not an image or PDF DocScan can read"):
        open_document(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(DocumentError, match="nowhere.pdf does not exist"):
        open_document(tmp_path / "nowhere.pdf")
    with pytest.raises(DocumentError, match="is a folder"):
        open_document(tmp_path)


def test_unreadable_file(tmp_path, monkeypatch):
    from docscan.core import documents

    path = tmp_path / "locked.png"
    text_image(["x"]).save(path)

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(documents, "open", denied, raising=False)  # the tests run as root, who reads anything
    with pytest.raises(DocumentError, match="locked.png cannot be read: permission denied"):
        open_document(path)


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims width x height: enough for the size check, without the pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b"")


def test_30000_pixel_image_is_refused_with_its_size(tmp_path):
    path = tmp_path / "huge.png"
    path.write_bytes(_png_header_only(30_000, 30_000))
    with pytest.raises(DocumentError, match=r"huge.png is 30,000 x 30,000 pixels \(900 megapixels\).*up to 100"):
        open_document(path)
    assert 30_000 * 30_000 > MAX_IMAGE_PIXELS


def test_transparent_image_is_put_on_white():
    from docscan.core.documents import to_rgb

    transparent = Image.new("RGBA", (10, 10), (0, 0, 0, 0))
    assert to_rgb(transparent).getpixel((5, 5)) == (255, 255, 255)


def test_16_bit_grey_is_scaled_to_8_bits(tmp_path):
    values = np.linspace(0, 65535, 64 * 64, dtype=np.uint16).reshape(64, 64)
    path = tmp_path / "deep.png"
    Image.fromarray(values).save(path)
    with open_document(path) as document:
        pixels = np.asarray(document.page(0).render().image)
    assert pixels.min() == 0 and pixels.max() == 255


def test_page_out_of_range(tmp_path):
    path = text_pdf(tmp_path / "two.pdf", [["a"], ["b"]])
    with open_document(path) as document:
        with pytest.raises(DocumentError, match="Page 3 is out of range: .*two.pdf has 2 pages"):
            document.page(2)


def test_parse_page_ranges():
    assert parse_page_ranges("1-3,7").indices(10) == [0, 1, 2, 6]
    assert parse_page_ranges("2, 2,1").indices(10) == [1, 0]
    assert parse_page_ranges("8-").indices(10) == [7, 8, 9]
    assert str(parse_page_ranges("1-3,7,8-")) == "1-3,7,8-"
    for bad in ("0", "3-1", "a", "1-b", ""):
        with pytest.raises(ValueError):
            parse_page_ranges(bad)
