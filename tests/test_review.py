"""The review queue (issue 26): the engine marks the lines a person should check, with the reasons, in its
results, the JSON, the CLI and the service. OCR tests read rendered lines with the real models."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image, ImageDraw

from docscan.cli import main
from docscan.core.engine import ENGINE_OPTIONS, EngineConfig, OcrEngine
from docscan.core.line_recognizer import Recognised
from docscan.core.review import (DEFAULT_THRESHOLD, LOOK_ALIKE, LOST_CHARACTER, SPLIT_AMOUNT, WEAK_CHARACTER,
                                 has_lookalike, review_reasons)
from helpers import as_bgr, text_image

AMOUNT = "TOTAL RM 15.00"


def amount_image(erase: float) -> Image.Image:
    """AMOUNT rendered as a scan would show it, with the right ``erase`` share of its last digit's width
    painted out: a 0 that is half a C (0.25), as a faded receipt prints it, or whole (0)."""
    image = text_image([AMOUNT], fontsize=16, width=300)
    ink = np.asarray(image.convert("L")) < 128
    columns = np.flatnonzero(ink.any(axis=0))
    gaps = np.flatnonzero(np.diff(columns) > 1)
    last = columns[gaps[-1] + 1:]  # the last digit's ink columns
    rows = np.flatnonzero(ink[:, last].any(axis=1))
    if erase:
        cut = int(round(len(last) * erase))
        ImageDraw.Draw(image).rectangle([int(last[-1]) - cut + 1, int(rows[0]) + 3, int(last[-1]) + 2,
                                         int(rows[-1]) - 3], fill="white")
    return image


def amount_line(page):
    lines = [line for line in page.lines if "TOTAL" in line.text.upper()]
    assert len(lines) == 1, [line.text for line in page.lines]
    return lines[0]


def test_an_ambiguous_amount_is_marked_with_its_reason(engine):
    page, _ = engine.recognize_image(amount_image(0.25))
    line = amount_line(page)
    assert line.review, (line.text, line.review_reasons)
    assert WEAK_CHARACTER in line.review_reasons, (line.text, line.review_reasons)
    # the clean amount is read and not marked
    clean = amount_line(engine.recognize_image(amount_image(0.0))[0])
    assert clean.text.replace(" ", "") == AMOUNT.replace(" ", "")
    assert not clean.review and clean.review_reasons == []


def test_the_mark_survives_a_page_scanned_sideways(engine):
    page, degrees = engine.recognize_image(amount_image(0.25).rotate(90, expand=True))
    assert degrees in (90, 270)
    assert amount_line(page).review


def test_threshold_zero_marks_nothing(store):
    engine = OcrEngine(EngineConfig(review_threshold=0.0, tables=False), store)
    try:
        line = amount_line(engine.recognize_image(amount_image(0.25))[0])
    finally:
        engine.close()
    assert not line.review and line.review_reasons == []


def test_every_character_keeps_its_probability_in_long_lines_read_in_pieces(engine):
    words = "The quick brown fox jumps over the lazy dog 0123456789 " * 3
    image = text_image([words.strip()], fontsize=14, width=1900)
    for found in engine.pipeline.predict(as_bgr(image)):
        reading = found.reading
        assert len(reading.char_scores) == len(reading.text)
        assert all(0.0 <= p <= 1.0 for p in reading.char_scores)
        assert 0.0 <= reading.missed <= 1.0
    assert max(len(found.text) for found in engine.pipeline.predict(as_bgr(image))) > 100  # read in pieces


# ----------------------------------------------------------------------------- the rules (no OCR needed)


def reading(text: str, weakest: float = 1.0, missed: float = 0.0) -> Recognised:
    scores = [1.0] * len(text)
    if text:
        scores[-1] = weakest
    return Recognised(text, 1.0, scores, missed)


@pytest.mark.parametrize("text", ["15.0C", "S0.00", "C.46", "RM 1O.50", "SC1SSOR G/FISH", "TOTAL 8.5O"])
def test_letters_in_numbers_and_digits_in_words_are_look_alikes(text):
    assert has_lookalike(text)
    assert LOOK_ALIKE in review_reasons(reading(text))


@pytest.mark.parametrize("text", ["RM 12.00", "B104", "SH01 ZK09", "T4 R000027830", "9.000", "Sub Total",
                                  "GST ID: 000618983424", "Page 1 of 2"])
def test_codes_and_plain_numbers_are_not(text):
    assert not has_lookalike(text)
    assert review_reasons(reading(text)) == []


def test_an_amount_whose_point_became_a_space_is_marked():
    assert SPLIT_AMOUNT in review_reasons(reading("80 91"))
    assert SPLIT_AMOUNT not in review_reasons(reading("80.91"))
    assert SPLIT_AMOUNT not in review_reasons(reading("Table 12 of 45"))


def test_the_threshold_decides_weak_and_lost_characters():
    assert review_reasons(reading("Total", weakest=0.5), 0.7) == [WEAK_CHARACTER]
    assert review_reasons(reading("Total", weakest=0.8), 0.7) == []
    assert review_reasons(reading("Total", weakest=0.8), 0.9) == [WEAK_CHARACTER]
    assert review_reasons(reading("8091", missed=0.4), 0.7) == [LOST_CHARACTER]
    assert review_reasons(reading("8091", missed=0.2), 0.7) == []
    assert review_reasons(reading("15.0C", weakest=0.1), 0.0) == []  # 0: no review at all


def test_spaces_do_not_count_as_weak_characters():
    assert Recognised("a b", 1.0, [1.0, 0.1, 1.0]).weakest == 1.0
    assert review_reasons(Recognised("a b", 1.0, [1.0, 0.1, 1.0])) == []


# ---------------------------------------------------------------------- the option, the JSON, the service


def test_the_threshold_is_one_declared_engine_option():
    option = next(o for o in ENGINE_OPTIONS if o.field == "review_threshold")
    assert option.kind is float and option.default == DEFAULT_THRESHOLD == EngineConfig().review_threshold
    assert EngineConfig(review_threshold="0.5").review_threshold == 0.5  # the window's settings keep text
    for bad in ("much", 1.5, -0.1):
        with pytest.raises(ValueError, match="review threshold"):
            EngineConfig(review_threshold=bad)


def test_the_cli_lists_the_option_and_refuses_a_bad_value(capsys):
    with pytest.raises(SystemExit):
        main(["ocr", "--help"])
    assert "--review-threshold" in capsys.readouterr().out
    assert main(["ocr", "x.png", "--review-threshold", "2"]) == 2
    assert "between 0" in capsys.readouterr().err


def test_json_lines_carry_the_review_keys(tmp_path, capsys):
    path = tmp_path / "amount.png"
    amount_image(0.25).save(path)
    by_threshold = {}
    for threshold in ("0", str(DEFAULT_THRESHOLD)):
        assert main(["ocr", str(path), "--format", "json", "--no-tables", "--review-threshold", threshold]) == 0
        lines = json.loads(capsys.readouterr().out)["files"][0]["pages"][0]["lines"]
        assert lines and all(isinstance(l["review"], bool) and isinstance(l["review_reasons"], list) for l in lines)
        by_threshold[threshold] = amount_line_dict(lines)
    assert by_threshold["0"]["review"] is False and by_threshold["0"]["review_reasons"] == []
    marked = by_threshold[str(DEFAULT_THRESHOLD)]
    assert marked["review"] is True and WEAK_CHARACTER in marked["review_reasons"]


def amount_line_dict(lines: list[dict]) -> dict:
    found = [line for line in lines if "TOTAL" in line["text"].upper()]
    assert len(found) == 1, lines
    return found[0]


def test_the_service_answers_with_the_review_keys(store):
    import base64
    import io

    import requests

    from docscan.server.http_service import ServiceSettings
    from test_server import RunningService, free_port

    buffer = io.BytesIO()
    amount_image(0.25).save(buffer, format="PNG")
    settings = ServiceSettings(port=free_port(), store_root=str(store.root), queue_size=2, max_upload_mb=3,
                               max_pages=2, max_megapixels=12)
    with RunningService(settings) as running:
        own = requests.post(running.url + "/ocr/v1/fast", files={"image": buffer.getvalue()}, timeout=120)
        assert own.status_code == 200, own.text
        line = next(item for item in own.json() if "TOTAL" in item["data"].upper())
        assert line["review"] is True and WEAK_CHARACTER in line["review_reasons"]
        paddle = requests.post(running.url + "/ocr", json={"file": base64.b64encode(buffer.getvalue()).decode(),
                                                           "fileType": 1}, timeout=120)
        assert paddle.status_code == 200, paddle.text
        pruned = paddle.json()["result"]["ocrResults"][0]["prunedResult"]
        assert len(pruned["rec_review"]) == len(pruned["rec_texts"]) == len(pruned["rec_review_reasons"])
        index = next(i for i, text in enumerate(pruned["rec_texts"]) if "TOTAL" in text.upper())
        assert pruned["rec_review"][index] is True


def test_a_batch_rows_keep_the_review_marks():
    """A job's Parquet rows keep which lines the engine doubts and why (review_json), so that a batch
    export's JSON has them as `docscan ocr`'s does; a row without the column reads as no marks."""
    from docscan.core.results import PageResult
    from docscan.core.text_line import TextLine
    from docscan.core.workers.shard_work import page_from_row, page_row

    box = [(0.0, 0.0), (10.0, 0.0), (10.0, 5.0), (0.0, 5.0)]
    lines = [TextLine(box, "TOTAL 15.0C", 0.91, review=True, review_reasons=["look-alike"]),
             TextLine(box, "THANK YOU", 0.99)]
    row = page_row("abc", "r.png", PageResult(1, 100, 50, None, lines), attempts=1, worker="")
    back = page_from_row(row).lines
    assert [(l.review, l.review_reasons) for l in back] == [(True, ["look-alike"]), (False, [])]
    row.pop("review_json")
    assert not any(l.review for l in page_from_row(row).lines)


def test_settings_dialog_sets_the_review_threshold_and_tables(qtbot, tmp_path, store):
    """The window's Settings turn table finding off and set the review threshold (0 shown as Off); both
    are kept as the engine's options the CLI and the service read (EngineConfig)."""
    from docscan.gui.settings import Settings
    from docscan.gui.settings_dialog import SettingsDialog

    settings = Settings(tmp_path / "settings.ini")
    assert settings.engine_config().tables is True and settings.engine_config().review_threshold == 0.7
    dialog = SettingsDialog(settings, None, store=store)
    qtbot.addWidget(dialog)
    assert dialog.tables.isChecked() and dialog.review.value() == 0.7
    dialog.tables.setChecked(False)
    dialog.review.setValue(0.55)
    dialog.accept()
    config = Settings(tmp_path / "settings.ini").engine_config()
    assert config.tables is False and config.review_threshold == 0.55 and "table" not in config.model_names
    dialog = SettingsDialog(settings, None, store=store)
    qtbot.addWidget(dialog)
    dialog.review.setValue(0.0)
    assert dialog.review.text() == "Off"
    dialog.accept()
    assert Settings(tmp_path / "settings.ini").engine_config().review_threshold == 0.0
