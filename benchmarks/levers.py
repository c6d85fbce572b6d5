"""Levers, one at a time: the pages of ../shared/eval through DocScan's engine with one setting changed, in
one process, one after the other, scored with ../shared/eval/score.py, with the errors split by kind of
character (spaces, digits, punctuation, letters: lost = deleted or replaced, added = inserted).

    python benchmarks/levers.py CONFIG [CONFIG...] [--limit N] [--source sroie]

A CONFIG is ``name=key:value,key:value`` over EngineConfig fields (family, tier, lang, ...) and the
pipeline's detection settings (``det.box_thresh:0.45``), ``narrow:false`` and ``latin:en_PP-OCRv4_mobile_rec``
(the recogniser ``lang auto`` reads Latin text with); ``v6s=family:PP-OCRv6,tier:small``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_set import CLASSES, EVAL_DIR, bbox, error_classes, manifest, score, write_predictions  # noqa: E402

from docscan.core import catalogue  # noqa: E402
from docscan.core.documents import open_document  # noqa: E402
from docscan.core.engine import EngineConfig, OcrEngine  # noqa: E402


def parse_config(text: str) -> tuple[str, EngineConfig, dict]:
    name, _, body = text.partition("=")
    fields, pipeline = {}, {}
    for item in filter(None, body.split(",")):
        key, _, value = item.partition(":")
        parsed = {"true": True, "false": False, "none": None}.get(value.lower(), value)
        if isinstance(parsed, str):
            try:
                parsed = float(parsed) if "." in parsed else int(parsed)
            except ValueError:
                pass
        (pipeline if key.startswith("det.") or key in ("narrow", "latin") else fields)[key] = parsed
    return name, EngineConfig(**fields), pipeline


def run(config: EngineConfig, pipeline: dict, pages: list[dict]) -> tuple[list[dict], float]:
    family = catalogue.FAMILIES[config.family]
    saved = (dict(family.detection), family.narrow_tall_lines, family.latin_rec)
    family.detection.update({k[4:]: v for k, v in pipeline.items() if k.startswith("det.")})
    if "narrow" in pipeline:
        object.__setattr__(family, "narrow_tall_lines", bool(pipeline["narrow"]))
    if "latin" in pipeline:
        object.__setattr__(family, "latin_rec", pipeline["latin"])
    try:
        engine = OcrEngine(config)
        engine.load()
        records, started = [], time.perf_counter()
        for page in pages:
            with open_document(EVAL_DIR / page["image"]) as document:
                ocr, _ = engine.recognize_image(document.page(0).render().image)
            records.append({"id": page["id"], "seconds": ocr.seconds,
                            "lines": [{"text": l.text, "box": bbox(l.box)} for l in ocr.lines]})
        wall = time.perf_counter() - started
        engine.close()
    finally:
        family.detection.clear()
        family.detection.update(saved[0])
        object.__setattr__(family, "narrow_tall_lines", saved[1])
        object.__setattr__(family, "latin_rec", saved[2])
    return records, wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("configs", nargs="+")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--source", help="only pages whose id starts with one of these (comma-separated)")
    parser.add_argument("--keep", type=Path, help="keep each config's predictions in this folder")
    args = parser.parse_args()
    prefixes = tuple(args.source.split(",")) if args.source else ("",)
    pages = [p for p in manifest() if p["id"].startswith(prefixes)][: args.limit]
    ids = {p["id"] for p in pages}
    table = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for text in args.configs:
            name, config, pipeline = parse_config(text)
            records, wall = run(config, pipeline, pages)
            path = folder / f"{name}.jsonl"
            write_predictions(path, records)
            table[name] = (score(path, by="source", only=ids), error_classes(path, only=ids), wall)
            print(f"{name}: {wall:.1f} s", file=sys.stderr)
    print(f"\n{len(pages)} pages of {EVAL_DIR}, in-process, one run each\n")
    head = "".join(f"{c + ' lost/added':>18s}" for c in CLASSES)
    print(f"{'':24s} {'cer_ns':>7s} {'cer_ws':>7s} {'word_f1':>8s} {'s/page':>7s}{head}")
    for name, (figures, classes, wall) in table.items():
        for source in ["ALL", *sorted(k for k in figures if k != "ALL")]:
            f, c = figures[source], classes.get(source, {})
            counts = "".join(f"{c.get(k + '_lost', 0):>10d}/{c.get(k + '_added', 0):<7d}" for k in CLASSES)
            label = name if source == "ALL" else f"  {source}"
            print(f"{label:24s} {f['cer_ns']:7.4f} {f['cer_ws']:7.4f} {f['word_f1']:8.4f} {f['s_page']:7.2f}{counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
