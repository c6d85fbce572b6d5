"""DocScan's own line recognition (core/line_recognizer.py) and the per-page language choice
(core/page_ocr.py), on real models and rendered text."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from docscan.core import line_recognizer as recognition
from docscan.core.engine import EngineConfig, OcrEngine
from docscan.core.page_ocr import read_characters
from docscan.core.line_recognizer import HEIGHT, LineRecognizer, cut_points, join_pieces, scaled_width

from helpers import as_bgr, similarity, text_image

LONG_LINE = ("The quick brown fox jumps over the lazy dog while seven wizards quietly judge "
             "the boxing match and pack my box with five dozen liquor jugs")


def line_crop(text: str, fontsize: float = 14) -> np.ndarray:
    """One rendered text line, cropped to its ink with a small margin, as the detector would hand it over."""
    image = as_bgr(text_image([text], fontsize=fontsize, width=72 + len(text) * fontsize * 0.62 + 72))
    ink = np.argwhere(image.min(axis=2) < 128)
    (top, left), (bottom, right) = ink.min(axis=0), ink.max(axis=0)
    margin = 6
    return np.ascontiguousarray(image[max(0, top - margin):bottom + margin, max(0, left - margin):right + margin])


@pytest.fixture(scope="module")
def chinese_recognizer(store):
    folder = store.require("PP-OCRv4_mobile_rec", ["onnx"]).path
    return LineRecognizer(folder, read_characters(folder))


def test_cut_points_fall_in_blank_columns_and_keep_pieces_short():
    crop = line_crop(LONG_LINE)
    scaled = cv2.resize(crop, (scaled_width(crop), HEIGHT))
    assert scaled.shape[1] > recognition.SPLIT_WIDTH
    cuts = cut_points(scaled)
    assert cuts, "a line of words has gaps to cut at"
    gray = scaled.mean(axis=2)
    for cut in cuts:
        assert gray[:, cut].min() > 128, f"column {cut} cuts through ink"
    edges = [0, *cuts, scaled.shape[1]]
    assert max(b - a for a, b in zip(edges, edges[1:])) <= recognition.PIECE_WIDTH


def test_tall_lines_are_read_narrower_small_ones_at_full_width(chinese_recognizer):
    tall = line_crop("Total amount due 1,234.56", fontsize=20)
    # the same line as a low-resolution scan shows it: 15 pixels high
    small = cv2.resize(tall, (round(tall.shape[1] * 15 / tall.shape[0]), 15), interpolation=cv2.INTER_AREA)
    assert tall.shape[0] >= recognition.SQUEEZE_MIN_HEIGHT > small.shape[0]
    assert scaled_width(tall) <= recognition.SQUEEZE * HEIGHT * tall.shape[1] / tall.shape[0] + 1
    assert scaled_width(small) >= HEIGHT * small.shape[1] / small.shape[0]
    for reading in chinese_recognizer.recognize([tall, small]):
        assert similarity("Total amount due 1,234.56", reading.text) > 0.9, reading.text


def test_a_line_without_gaps_is_not_cut():
    solid = np.zeros((HEIGHT, 2000, 3), dtype=np.uint8)
    solid[:, ::7] = 255  # contrast everywhere, but no blank run of MIN_GAP columns
    assert cut_points(solid) == []


def test_pieces_join_with_spaces_between_latin_text_only():
    assert join_pieces(["the quick", "brown fox"]) == "the quick brown fox"
    assert join_pieces(["中文的句子", "接着写"]) == "中文的句子接着写"
    assert join_pieces(["版本", "Debian 12"]) == "版本Debian 12"
    assert join_pieces(["alone", ""]) == "alone"


def test_a_long_line_read_in_pieces_reads_like_the_whole(chinese_recognizer):
    crop = line_crop(LONG_LINE)
    chinese_recognizer.split_long_lines = True
    try:
        pieces = chinese_recognizer.recognize([crop])[0]
        chinese_recognizer.split_long_lines = False
        whole = chinese_recognizer.recognize([crop])[0]
    finally:
        chinese_recognizer.split_long_lines = True
    assert similarity(LONG_LINE, pieces.text) > 0.95
    assert similarity(LONG_LINE, pieces.text) >= similarity(LONG_LINE, whole.text) - 0.02
    assert 0.5 < pieces.score <= 1.0


def test_lines_come_back_in_the_order_given_whatever_their_widths(chinese_recognizer):
    texts = ["Total 42.50", "Invoice number 2026-0117 for the second quarter", "Tax", "Paid by card ending 4242"]
    results = chinese_recognizer.recognize([line_crop(t) for t in texts])
    assert [similarity(t, r.text) > 0.85 for t, r in zip(texts, results)] == [True] * len(texts)


def test_a_character_list_that_does_not_fit_the_model_is_refused(store):
    folder = store.require("en_PP-OCRv4_mobile_rec", ["onnx"]).path
    with pytest.raises(ValueError, match="classes"):
        LineRecognizer(folder, read_characters(folder)[:-3])


@pytest.fixture(scope="module")
def auto_engine(store):
    engine = OcrEngine(EngineConfig(family="PP-OCRv4", lang="auto"), store)
    yield engine
    engine.close()


def test_auto_language_reads_an_english_page_with_the_english_recogniser(auto_engine, engine):
    lines = ["Free Software Foundation annual report", "Invoice number and payment terms"]
    image = as_bgr(text_image(lines, fontsize=14))
    auto = auto_engine.recognize(image)
    assert auto_engine.models["latin_rec"] == "en_PP-OCRv4_mobile_rec"
    assert [line.text.split() for line in auto.lines] == [line.split() for line in lines]


def test_auto_language_keeps_chinese_and_reads_latin_lines_of_a_chinese_page_in_english(auto_engine):
    lines = ["这是一个中文文档的第一行文字", "第二行也是中文内容测试", "Invoice number and payment terms"]
    page = auto_engine.recognize(as_bgr(text_image(lines, fontsize=16)))
    texts = [line.text for line in page.lines]
    assert len(texts) == 3
    assert similarity(lines[0], texts[0]) > 0.85 and similarity(lines[1], texts[1]) > 0.85
    assert texts[2].split() == lines[2].split()


def test_full_width_punctuation_is_not_evidence_of_chinese():
    from docscan.core.page_ocr import cjk_count, latin_count

    assert cjk_count("Qty（s）:4") == 0 and latin_count("Qty（s）:4") == 4
    assert cjk_count("软件包：make") == 3
