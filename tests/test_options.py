"""A run's options declared once (core/options.py): the front ends' words, defaults and checks come from it."""

from __future__ import annotations

import pytest

from docscan.core.documents import DEFAULT_DPI, MAX_DPI, MIN_DPI, open_document
from docscan.core.document_run import run_document
from docscan.core.options import OCR_MODES, RUN_OPTIONS, OptionError, RunOptions
from helpers import text_pdf


def test_the_checks_say_what_the_cli_and_the_service_always_said():
    with pytest.raises(OptionError) as dpi:
        RunOptions.given(dpi=MAX_DPI + 1)
    assert str(dpi.value) == f"--dpi must be between {MIN_DPI} and {MAX_DPI}"
    with pytest.raises(OptionError) as pages:
        RunOptions.given(pages="0-")
    assert str(pages.value).startswith("--pages: ") and pages.value.named("pages").startswith("pages: ")
    with pytest.raises(ValueError, match="unknown OCR mode 'sometimes': choose one of auto, always, never"):
        RunOptions(ocr_mode="sometimes")
    assert RunOptions.given(pages="1-3,7", dpi=200).pages.indices(10) == [0, 1, 2, 6]


def test_defaults_and_choices_are_declared_as_data():
    assert RunOptions().render_dpi == DEFAULT_DPI == RUN_OPTIONS["dpi"].shown_default
    assert OCR_MODES == ("auto", "always", "never") and RunOptions().ocr_mode == "auto"
    assert RUN_OPTIONS["ocr_mode"].full_help.startswith("auto: use a PDF page's own text layer")
    assert RUN_OPTIONS["dpi"].full_help == f"render DPI for PDF pages (default {DEFAULT_DPI})"


def test_run_document_takes_options_or_its_old_keywords_alike(tmp_path):
    pdf = text_pdf(tmp_path / "digital.pdf", [["A page with its own text layer"], ["And a second one"]])
    with open_document(pdf) as document:
        by_options = run_document(document, None, RunOptions(pages=[2], ocr_mode="never"))
        by_keywords = run_document(document, None, pages=[2], ocr_mode="never")
    assert [p.page for p in by_options.pages] == [p.page for p in by_keywords.pages] == [2]
    assert by_options.pages[0].text == by_keywords.pages[0].text
