"""Which recognised lines a person should check (issue 26): the engine marks a line (``TextLine.review``)
with the reasons in short words (``TextLine.review_reasons``); the window's Review mode steps through them.

The mean confidence of a line hides the one character the recogniser hesitated over, so the review looks
at the characters themselves (``line_recognizer.Recognised``):

- **weak character**: a character read with a probability below the threshold (``review_threshold``, one
  declared engine option);
- **lost character**: a frame the decoding read as nothing although another character (not the one beside
  it) was more likely than 1 - threshold there: the point of "80 91" read for 80.91;
- **split amount**: a line that is only a number of two decimal places read with a space for its point
  ("80 91"): the recogniser is sure of the space, and only the text shows it;
- **look-alike**: a letter where a number's digit belongs ("15.0C", "S0.00", "C.46") or a digit inside a
  word of letters ("SC1SSOR"): the letters and digits that look alike (0/O/C/D/Q, 1/l/I, 5/S, 8/B, 2/Z, 6/G)
  are what a recogniser trades without hesitating, so no probability shows them.

Measured on ../shared/eval (docs/adr/0017-review-queue.md, benchmarks/review.py): a second reading by
another model, a box cut by the page edge, a line much taller or shorter than the page's others, and a
decimal point missing from a column of amounts were measured too and not kept: at the same share of lines
marked, each found fewer wrong lines than marking a few more weak characters.
"""

from __future__ import annotations

import re

from .line_recognizer import Recognised
from .text_line import TextLine

WEAK_CHARACTER = "weak character"
LOST_CHARACTER = "lost character"
LOOK_ALIKE = "look-alike"
SPLIT_AMOUNT = "split amount"

# EngineConfig.review_threshold's default: a character the recogniser gave less than 0.7 (at least 30% went
# to other readings) is wrong often enough to check; docs/adr/0017 has the share of lines each value marks
DEFAULT_THRESHOLD = 0.7

# letters a recogniser reads for a digit (and back): O/o/Q/D/C/c for 0, I/l for 1, Z/z for 2, S/s for 5,
# G for 6, B for 8
DIGIT_LOOKALIKES = "OoQDCcIlZzSsGB"
_AMOUNT_WITH_LETTER = re.compile(r"[-$]?[\d{0}]*\d[\d{0}]*[.,][\d{0}]{{1,2}}|[-$]?[{0}][.,]\d{{2}}".format(DIGIT_LOOKALIKES))
_WORD_WITH_DIGIT = re.compile(r"[A-Za-z]+[0158][A-Za-z]+")
_TOKEN_EDGES = ":;,()[]{}'\"*#"
# a line that is only an amount whose point was read as a space: "80 91", "-0 01", "RM 327 00"
_SPLIT_AMOUNT = re.compile(r"-?(?:RM|\$)? ?\d{1,4} \d{2}")


def has_lookalike(text: str) -> bool:
    """A number with a letter where a digit belongs ("15.0C", "S0.00", "C.46"), or a word of letters with
    one digit that looks like a letter ("SC1SSOR", "OR1GINAL")."""
    for token in text.split():
        core = token.strip(_TOKEN_EDGES)
        if _AMOUNT_WITH_LETTER.fullmatch(core) and any(c in DIGIT_LOOKALIKES for c in core):
            return True
        if _WORD_WITH_DIGIT.fullmatch(core) and sum(c.isalpha() for c in core) >= 4:
            return True
    return False


def review_reasons(reading: Recognised | None, threshold: float = DEFAULT_THRESHOLD) -> list[str]:
    """Why a person should check this reading of a line (empty: no reason). ``threshold`` 0 turns the
    review off; the higher it is, the more lines are marked."""
    if threshold <= 0 or reading is None or not reading.text.strip():
        return []
    reasons = []
    if reading.weakest < threshold:
        reasons.append(WEAK_CHARACTER)
    if reading.missed > 1.0 - threshold:
        reasons.append(LOST_CHARACTER)
    if has_lookalike(reading.text):
        reasons.append(LOOK_ALIKE)
    if _SPLIT_AMOUNT.fullmatch(reading.text.strip()):
        reasons.append(SPLIT_AMOUNT)
    return reasons


def mark(line: TextLine, reading: Recognised | None, threshold: float = DEFAULT_THRESHOLD) -> TextLine:
    """Set ``line.review`` and ``line.review_reasons`` from the reading it came from; returns the line."""
    line.review_reasons = review_reasons(reading, threshold)
    line.review = bool(line.review_reasons)
    return line
