"""Issue 8's levers, one at a time: the same pages through DocScan's engine with one setting changed,
in one process, scored with ../shared/eval/score.py. A start: the recogniser (ch vs en) on the set's
English pages.

    python benchmarks/levers.py [--lang-filter en]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_set import EVAL_DIR, bbox, manifest, score, write_predictions  # noqa: E402

from docscan.core.documents import open_document  # noqa: E402
from docscan.core.engine import EngineConfig, OcrEngine  # noqa: E402

CONFIGS = {"default (ch recogniser)": EngineConfig(), "English recogniser": EngineConfig(lang="en")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang-filter", default="en", help="only pages of this language in the manifest")
    args = parser.parse_args()
    pages = [p for p in manifest() if not args.lang_filter or p["lang"] == args.lang_filter]
    ids = {p["id"] for p in pages}
    table = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, config in CONFIGS.items():
            engine = OcrEngine(config)
            engine.load()
            records, started = [], time.perf_counter()
            for page in pages:
                with open_document(EVAL_DIR / page["image"]) as document:
                    ocr = engine.recognize(document.page(0).render().to_bgr())
                records.append({"id": page["id"], "seconds": ocr.seconds,
                                "lines": [{"text": l.text, "box": bbox(l.box)} for l in ocr.lines]})
            engine.close()
            path = Path(tmp) / f"{len(table)}.jsonl"
            write_predictions(path, records)
            table[name] = (score(path, by="source", only=ids), time.perf_counter() - started)
            print(f"{name}: done", file=sys.stderr)
    print(f"\n{len(pages)} pages ({args.lang_filter or 'all'}) of {EVAL_DIR}\n")
    print(f"{'':26s} {'cer_ns':>7s} {'cer_ws':>7s} {'word_f1':>8s} {'s/page':>7s}")
    for name, (figures, _) in table.items():
        a = figures["ALL"]
        print(f"{name:26s} {a['cer_ns']:7.4f} {a['cer_ws']:7.4f} {a['word_f1']:8.4f} {a['s_page']:7.2f}")
        for source, f in sorted(figures.items()):
            if source != "ALL":
                print(f"  {source:24s} {f['cer_ns']:7.4f} {f['cer_ws']:7.4f} {f['word_f1']:8.4f} {f['s_page']:7.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
