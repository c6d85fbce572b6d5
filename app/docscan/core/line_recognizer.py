"""Text-line recognition with DocScan's own batching (the PP-OCR CTC recognisers, v4 to v6), on any backend
(core/backends.py): the backend decides what runs the model, never how a line is read.

Why not PaddleX's TextRecognition predictor, which the untouched pipeline uses: it pads every line to at
least 320 x 48 pixels and batches six lines whatever their widths. On this machine a line alone costs
about 3.5 ms per 100 pixels of width, a batch of narrow lines a little less per line, and a batch of wide
lines more (3 x 1920 pixels: 97 ms a line against 71 alone), so the padding and the mixing of widths are
what cost. DocScan

- scales each line to 48 pixels high and pads it only to the widest line of its batch (no 320 floor);
  lines at least 18 pixels high in the image are also narrowed to 0.8 of their width: they are read as
  well or better and cost a fifth less (smaller ones, blurred by the upscaling, lose strokes when narrowed);
- sorts lines by width and fills each batch up to a pixel budget rather than a count;
- cuts lines much wider than the recogniser was trained on at a blank gap between words, recognises the
  pieces, and joins their text again (a space between Latin pieces, none next to CJK characters).

Preprocessing and decoding are the same as PaddleX's (BGR, (x / 255 - 0.5) / 0.5, greedy CTC with the
model's character list, score = mean probability of the kept characters); docs/adr/0007 has the figures.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from . import interrupt
from .backends import load_model
from .layout import is_cjk

HEIGHT = 48  # the PP-OCR recognisers' input height (a family declares its own: catalogue.ModelFamily.rec_height)
MAX_WIDTH = 3200  # PaddleX's cap on a line's width at HEIGHT
BATCH_PIXELS = 6 * 320  # a batch holds lines up to this much padded width in all (6 lines at the old floor)
MAX_BATCH = 16
# Lines wider than this (at HEIGHT) are cut at gaps into pieces of at most PIECE_WIDTH where a gap exists.
SPLIT_WIDTH = 960
PIECE_WIDTH = 640
# a blank frame is looked at for a lost character (Recognised.missed) when the blank is less sure than this
MISSED_FLOOR = 0.05
MIN_GAP = 8  # columns without ink that count as a gap between words (at HEIGHT: about a space's width)
# Lines whose image is at least SQUEEZE_MIN_HEIGHT pixels high are scaled to SQUEEZE of their width at HEIGHT.
# Measured on ../shared/eval (docs/adr/0007): 0.8 from 18 px improves every source's cer_ns and cer_ws and
# takes a fifth off those lines' recognition; from 14 px the forms' small blurred lines lose characters
# (funsd cer_ns 0.164 -> 0.187), 0.7 loses them on receipts.
SQUEEZE = 0.8
SQUEEZE_MIN_HEIGHT = 18


# characters that read the same: one kind of quote and dash (as ../shared/eval's scorer and people read them)
_SAME_MARKS = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "“": '"', "”": '"',
                             "„": '"', "‟": '"', "″": '"', "–": "-", "—": "-", "−": "-", "‐": "-", "‑": "-"})


def read_alike(labels) -> tuple[np.ndarray, np.ndarray]:
    """The classes that read as the same character (NFKC: full-width "，" and ","; one kind of quote and
    dash): a recogniser torn between "，" and "," has read the character, whichever it writes, so their
    probabilities count together in ``char_scores``. Returns (class -> its group or -1, group -> its
    classes, padded with -1)."""
    groups: dict[str, list[int]] = {}
    for index, label in enumerate(labels):
        if index and label.strip():
            groups.setdefault(unicodedata.normalize("NFKC", label).translate(_SAME_MARKS), []).append(index)
    twins = [members for members in groups.values() if len(members) > 1]
    group_of = np.full(len(labels), -1, dtype=np.int64)
    members = np.full((max(1, len(twins)), max((len(m) for m in twins), default=1)), -1, dtype=np.int64)
    for number, group in enumerate(twins):
        group_of[group] = number
        members[number, :len(group)] = group
    return group_of, members


@dataclass
class Recognised:
    text: str
    score: float
    # each character's probability (the highest of its frames), one per character of ``text``: the review
    # queue (core/review.py) looks at the weakest, which the mean in ``score`` hides
    char_scores: list[float] = field(default_factory=list)
    # the highest probability of a character the decoding left out (a frame read as blank where another
    # character, not the one beside it, was also likely): a decimal point half seen; 0.0 when none
    missed: float = 0.0

    @property
    def weakest(self) -> float:
        """The probability of the least sure character that is not a space (1.0 when there is none)."""
        return min((p for c, p in zip(self.text, self.char_scores) if not c.isspace()), default=1.0)


def join_pieces(texts: list[str]) -> str:
    """Text of a line recognised in pieces: a space between pieces unless a CJK character meets the cut."""
    return join_readings([Recognised(text, 0.0, [1.0] * len(text)) for text in texts]).text


def join_readings(parts: list[Recognised]) -> Recognised:
    """One line's reading from its pieces' (join_pieces' text), each character keeping its probability;
    the score is left to the caller."""
    text, scores = "", []
    for part in parts:
        stripped = part.text.strip()
        if not stripped:
            continue
        start = len(part.text) - len(part.text.lstrip())
        if text and not (is_cjk(text[-1]) or is_cjk(stripped[0])):
            text += " "
            scores.append(1.0)
        text += stripped
        piece_scores = list(part.char_scores[start:start + len(stripped)])
        scores += piece_scores + [1.0] * (len(stripped) - len(piece_scores))
    return Recognised(text, 0.0, scores, max((part.missed for part in parts), default=0.0))


def scaled_width(crop: np.ndarray, target_height: int = HEIGHT, narrow: bool = True) -> int:
    """The width a line image is read at, ``target_height`` pixels high (narrowed by SQUEEZE when it is
    tall enough and ``narrow``)."""
    height, width = crop.shape[:2]
    factor = SQUEEZE if narrow and height >= SQUEEZE_MIN_HEIGHT else 1.0
    return max(1, min(MAX_WIDTH, int(math.ceil(factor * target_height * width / max(1, height)))))


def cut_points(line: np.ndarray, piece_width: int = PIECE_WIDTH, min_gap: int = MIN_GAP) -> list[int]:
    """Columns at which a line image (HEIGHT x W x 3, already scaled) can be cut into pieces no wider than
    ``piece_width`` without cutting through ink: the middle of blank runs at least ``min_gap`` wide.
    Empty when the line has no such gaps (it is then recognised whole)."""
    gray = line.mean(axis=2) if line.ndim == 3 else line.astype(np.float32)
    low, high = np.percentile(gray, 5), np.percentile(gray, 95)
    if high - low < 40:  # no contrast: nothing to find
        return []
    dark_text = np.median(gray) > (low + high) / 2  # most pixels are background
    ink = (gray < (low + high) / 2) if dark_text else (gray > (low + high) / 2)
    blank = ink.sum(axis=0) == 0
    width = len(blank)
    gaps = []  # (start, end) of blank runs at least min_gap wide, not touching the ends
    start = None
    for x, empty in enumerate(blank):
        if empty and start is None:
            start = x
        elif not empty and start is not None:
            if x - start >= min_gap and start > 0:
                gaps.append((start, x))
            start = None
    cuts = []
    origin = 0
    while width - origin > piece_width:
        fitting = [(a + b) // 2 for a, b in gaps if origin < (a + b) // 2 <= origin + piece_width]
        if not fitting:
            later = [(a + b) // 2 for a, b in gaps if (a + b) // 2 > origin]
            if not later:
                break
            fitting = [later[0]]  # a piece wider than wanted rather than a cut through ink
        cut = fitting[-1]
        cuts.append(cut)
        origin = cut
    return cuts


class LineRecognizer:
    """One PP-OCR CTC recogniser and its character list, on any backend (core/backends.py): the same lines in,
    the same text out, whichever runs it. Called from one thread at a time (OcrEngine serialises its calls)."""

    def __init__(self, model_dir: str | Path, characters: list[str], *, backend: str = "onnxruntime",
                 device: str = "cpu", threads: int | None = None, split_long_lines: bool = True,
                 height: int = HEIGHT, narrow_tall_lines: bool = True):
        self._model_name = Path(model_dir).parent.name
        self._model = load_model(backend, model_dir, device, threads)
        self._labels = np.array(["", *characters, " "], dtype=object)  # CTC blank first, space last
        self._group_of, self._group_members = read_alike(self._labels)
        # a character list that does not fit the model fails here, not on the first page (a blank line
        # read once: any backend gives the model's classes so, and the first page does not pay the warm-up)
        self._check_classes(self._model(np.zeros((1, 3, height, 4 * height), np.float32))[0].shape[-1])
        self.split_long_lines = split_long_lines
        self.height = height
        self.narrow_tall_lines = narrow_tall_lines

    def _check_classes(self, classes: int) -> None:
        if classes != len(self._labels):
            raise ValueError(f"the character list has {len(self._labels) - 2} characters but the model "
                             f"{self._model_name} has {classes} classes")

    def scaled_width(self, crop: np.ndarray) -> int:
        return scaled_width(crop, self.height, self.narrow_tall_lines)

    def release(self) -> None:
        """Give back the memory the model's runs hold (after a page: lines come in every width)."""
        self._model.release()

    def recognize(self, crops: list[np.ndarray]) -> list[Recognised]:
        """Text and confidence of each line image (H x W x 3 BGR uint8), in the order given."""
        pieces: list[np.ndarray] = []  # scaled to HEIGHT
        owner: list[int] = []  # the crop each piece belongs to
        for index, crop in enumerate(crops):
            scaled = cv2.resize(crop, (self.scaled_width(crop), self.height))
            cuts = cut_points(scaled) if self.split_long_lines and scaled.shape[1] > SPLIT_WIDTH else []
            edges = [0, *cuts, scaled.shape[1]]
            for left, right in zip(edges, edges[1:]):
                pieces.append(scaled[:, left:right])
                owner.append(index)
        results = self._recognize_scaled(pieces)
        readings: list[list[Recognised]] = [[] for _ in crops]
        for index, result in zip(owner, results):
            readings[index].append(result)
        out = []
        for parts in readings:
            if len(parts) == 1:
                out.append(parts[0])
                continue
            weighted = [(part.score, max(1, len(part.text))) for part in parts]
            total = sum(n for _, n in weighted)
            joined = join_readings(parts)
            joined.score = sum(s * n for s, n in weighted) / total if total else 0.0
            out.append(joined)
        return out

    def _recognize_scaled(self, pieces: list[np.ndarray]) -> list[Recognised]:
        order = sorted(range(len(pieces)), key=lambda i: pieces[i].shape[1])
        results: list[Recognised | None] = [None] * len(pieces)
        start = 0
        while start < len(order):
            end = start + 1
            # widths rise along `order`, so the last line of a batch sets its padded width
            while (end < len(order) and end - start < MAX_BATCH
                   and (end - start + 1) * pieces[order[end]].shape[1] <= BATCH_PIXELS):
                end += 1
            batch = [order[i] for i in range(start, end)]
            interrupt.check()  # a cancelled page stops here, between batches (core/interrupt.py)
            for index, result in zip(batch, self._run([pieces[i] for i in batch])):
                results[index] = result
            start = end
        return results  # type: ignore[return-value]

    def _run(self, lines: list[np.ndarray]) -> list[Recognised]:
        width = max(line.shape[1] for line in lines)
        batch = np.zeros((len(lines), 3, self.height, width), dtype=np.float32)
        for slot, line in enumerate(lines):
            batch[slot, :, :, :line.shape[1]] = line.transpose(2, 0, 1).astype(np.float32) / 127.5 - 1.0
        probabilities = self._model(batch)[0]
        self._check_classes(probabilities.shape[-1])
        best = probabilities.argmax(axis=2)
        confidence = probabilities.max(axis=2)
        out = []
        for frames, indices, probs in zip(probabilities, best, confidence):
            starts = np.ones(len(indices), dtype=bool)  # the first frame of each run of one class
            starts[1:] = indices[1:] != indices[:-1]
            keep = starts & (indices != 0)
            labels = self._labels[indices[keep]]
            text = "".join(labels)
            kept = probs[keep]
            # a character's probability: the highest over the frames of its run, its twins' added (read_alike)
            run_starts = np.flatnonzero(starts)
            run_class = indices[run_starts]
            run_best = np.maximum.reduceat(self._with_twins(frames, indices, probs), run_starts)[run_class != 0]
            char_scores = [float(p) for label, p in zip(labels, run_best) for _ in range(len(label))]
            out.append(Recognised(text, float(kept.mean()) if len(kept) else 0.0, char_scores,
                                  self._missed(frames, indices)))
        return out

    def _with_twins(self, frames: np.ndarray, best: np.ndarray, probs: np.ndarray) -> np.ndarray:
        """Each frame's probability of its class together with the classes that read the same."""
        grouped = np.flatnonzero(self._group_of[best] >= 0)
        if not len(grouped):
            return probs
        members = self._group_members[self._group_of[best[grouped]]]  # frames x group size, -1 padded
        shared = (frames[grouped[:, None], np.maximum(members, 0)] * (members >= 0)).sum(axis=1)
        out = probs.copy()
        out[grouped] = shared
        return out

    @staticmethod
    def _missed(frames: np.ndarray, best: np.ndarray) -> float:
        """The highest probability, on a frame decoded as blank, of a character other than the characters
        read just before and after it (between two characters a frame shares their probabilities, which is
        no doubt): a character the line may have lost, such as the point of "80 91". Values up to
        MISSED_FLOOR count as none."""
        length = len(best)
        read = best != 0
        positions = np.arange(length)
        before = np.maximum.accumulate(np.where(read, positions, -1))  # the last frame read at or before
        after = np.minimum.accumulate(np.where(read, positions, length)[::-1])[::-1]  # the first at or after
        blank = np.flatnonzero(~read & (frames[:, 0] < 1.0 - MISSED_FLOOR))
        if not len(blank):
            return 0.0
        previous = np.where(before[blank] >= 0, best[np.maximum(before[blank], 0)], 0)
        following = np.where(after[blank] < length, best[np.minimum(after[blank], length - 1)], 0)
        # what the blank, the space and the neighbours leave: only there can another character be likely
        rest = (1.0 - frames[blank, 0] - frames[blank, -1] - frames[blank, previous] * (previous != 0)
                - frames[blank, following] * ((following != 0) & (following != previous)))
        worst = 0.0
        for t, left, right in zip(blank[rest > MISSED_FLOOR], previous[rest > MISSED_FLOOR],
                                  following[rest > MISSED_FLOOR]):
            row = frames[t].copy()
            row[[0, -1, left, right]] = 0.0  # blank, space (a lost space is no lost character), neighbours
            worst = max(worst, float(row.max()))
        return worst if worst > MISSED_FLOOR else 0.0
