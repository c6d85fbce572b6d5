"""JSON: every document's results (``results.results_to_json``) indented, each box on one line. Several
documents in one file are the items of its ``files`` list."""

from __future__ import annotations

import json
import re
from typing import Sequence

from ..results import DocumentResult, results_to_json
from .base import TextFormat

_NUMBER = r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?"
_NUMBERS = re.compile(rf"\[\n\s*({_NUMBER}(?:,\n\s*{_NUMBER})*)\n\s*\]")  # an array of numbers only
_BOX = re.compile(r"\[\n\s*(\[[^\[\]\n]*\]),\n\s*(\[[^\[\]\n]*\]),\n\s*(\[[^\[\]\n]*\]),\n\s*(\[[^\[\]\n]*\])\n\s*\]")


_SURROGATE = re.compile("[\ud800-\udfff]")


def to_json(results: Sequence[DocumentResult]) -> str:
    """Indented JSON with each box on one line. (Only arrays that span lines are joined, and JSON
    strings never contain a raw newline, so recognised text is never touched.)"""
    text = json.dumps(results_to_json(results), ensure_ascii=False, indent=1)
    # A file name that is not valid UTF-8 reaches here as os.fsdecode gives it: its undecodable bytes as
    # lone surrogates (U+DC80-U+DCFF), which no UTF-8 file can hold. They are written as JSON escapes
    # ("x\udcff.png"): valid JSON, readable, and json.loads + os.fsencode give back the exact bytes.
    text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    text = _NUMBERS.sub(lambda m: "[" + re.sub(r",\n\s*", ", ", m.group(1)) + "]", text)
    return _BOX.sub(r"[\1, \2, \3, \4]", text) + "\n"


JSON = TextFormat("json", ".json", title="JSON", kind="JSON", file_suffixes=(".json",), render=to_json)
