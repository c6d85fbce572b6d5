"""A table cell's text as a spreadsheet number, when it plainly is one: what the xlsx export stores as a
number (with a number format that shows it as it was printed) instead of text.

Numbers (English notation: "." the decimal point, "," between groups of three digits):

    "42", "-3", "+3", "−3" (a minus sign)      -> 42, -3, 3, -3            format "0"
    "1,234", "1,234.50", "0.5", "-0.25"          -> 1234, 1234.5, 0.5, -0.25  "#,##0", "#,##0.00", "0.0", "0.00"
    "(1,234)", "(12.50)"                        -> -1234, -12.5 (accounting's negative) "#,##0;(#,##0)" ...
    "12%", "-2.5%"                              -> 0.12, -0.025              "0%", "0.0%"
    "$12.00", "-$3", "€1,200", "£5"             -> 12.0, -3, 1200, 5         the symbol in the format

Text (left as printed): codes with a leading zero ("007", "0123"), more than 15 digits (account numbers:
a spreadsheet keeps only 15), dates and times ("12/03/2024", "10:30"), a comma not between groups of three
("1,5", "12,34": a decimal comma, or not a number), spaces between digits ("1 234"), exponents ("1e5"),
other currency signs and units ("RM 86.00", "12 kg", "USD 5"), and anything else. A text that is kept as
text is never changed.
"""

from __future__ import annotations

import re

_MINUS = "-\u2212\u2013"  # hyphen-minus, minus sign, en dash (OCR reads a minus as either)
_NUMBER = re.compile(
    r"^(?P<sign>[+" + re.escape(_MINUS) + r"])?(?P<currency>[$€£])?"
    r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?(?P<percent>%)?$")
MAX_DIGITS = 15  # a spreadsheet's number keeps 15 significant digits; longer is a code, kept as text


def _format(decimals: int, grouped: bool) -> str:
    return ("#,##0" if grouped else "0") + ("." + "0" * decimals if decimals else "")


def parse_number(text: str) -> tuple[int | float, str] | None:
    """(value, number format) when ``text`` plainly is a number (the module's rules); None: keep it as text."""
    body = text.strip()
    negative_by_brackets = body.startswith("(") and body.endswith(")")
    if negative_by_brackets:
        body = body[1:-1].strip()
    found = _NUMBER.match(body)
    if found is None:
        return None
    sign, currency, whole, fraction = found["sign"], found["currency"], found["int"], found["frac"] or ""
    percent = found["percent"] is not None
    if negative_by_brackets and sign or currency and percent:
        return None
    digits = whole.replace(",", "")
    if len(digits) > 1 and digits.startswith("0") or len(digits.lstrip("0") + fraction) > MAX_DIGITS:
        return None
    grouped = "," in whole
    decimals = len(fraction)
    value: int | float = float(f"{digits}.{fraction}") if fraction else int(digits)
    if (sign and sign in _MINUS) or negative_by_brackets:
        value = -value
    number_format = _format(decimals, grouped)
    if percent:
        value = round(value / 100, decimals + 2)
        number_format = _format(decimals, False) + "%"
    elif currency:
        number_format = f'"{currency}"{number_format}'
    if negative_by_brackets:
        number_format = f"{number_format};({number_format})"
    return value, number_format
