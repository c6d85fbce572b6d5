"""Which DPI to render PDF pages at: accuracy and speed of OCR at several DPIs.

The born-digital PDFs of ../shared/eval/pdfs (their page 1 is a page of the set, rendered there at
150 dpi) are rendered by DocScan at each DPI and recognised with the default engine in this process;
boxes are scaled into the set's 150-dpi pixels for the scorer. The default (documents.DEFAULT_DPI) is
chosen from this table (docs/adr/0002-default-render-dpi.md).

    python benchmarks/render_dpi.py [--dpi 100 150 200 300] [--texlive DIR]

``--texlive DIR``: also score born-digital Chinese pages against their own text layer, from Debian's
texlive-lang-chinese (``apt-get download texlive-lang-chinese && dpkg-deb -x texlive-lang-chinese_*.deb DIR``);
the pages below were checked to have a complete text layer (no U+FFFD, CJK fonts mapped).
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

TEXLIVE_PAGES = [("ctex-faq.pdf", 20), ("ctex.pdf", 87), ("fduthesis.pdf", 9), ("install-latex-guide-zh-cn.pdf", 28),
                 ("lshort-zh-cn.pdf", 2), ("njurepo.pdf", 2), ("texproposal.pdf", 13), ("xpinyin.pdf", 2),
                 ("zhlineskip.pdf", 4), ("asymptote-faq-zh-cn.pdf", 13), ("texlive-zh-cn.pdf", 22),
                 ("exam-zh-doc.pdf", 28)]


def texlive_sources(folder: Path) -> list[tuple[str, Path, int, str]]:
    """(id, pdf, page index, ground-truth text) for the pages above that are found under ``folder``."""
    import pymupdf

    found = {p.name: p for p in folder.rglob("*.pdf")}
    out = []
    for name, index in TEXLIVE_PAGES:
        if name in found:
            with pymupdf.open(found[name]) as doc:
                out.append((f"texlive-{Path(name).stem}-p{index + 1}", found[name], index, doc[index].get_text()))
    return out


def score_records(records: list[dict], truth: dict[str, str], work: Path) -> dict:
    """Score records against {id: text} with the set's scorer (its "text" ground truth)."""
    import json

    (work / "manifest.jsonl").write_text("".join(
        json.dumps({"id": i, "lang": "zh", "text": t, "lines": []}, ensure_ascii=False) + "\n" for i, t in truth.items()),
        encoding="utf-8")
    predictions = work / "predictions.jsonl"
    write_predictions(predictions, records)
    from eval_set import _scorer

    groups, _ = _scorer().score(str(work), str(predictions), "lang", False)
    acc = groups["ALL"]
    return {"cer_ns": acc[0] / max(1, acc[1]), "cer_ws": acc[2] / max(1, acc[3]), "s_page": acc[5] / max(1, acc[4])}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, nargs="+", default=[100, 150, 200, 300])
    parser.add_argument("--texlive", type=Path, help="folder of the unpacked texlive-lang-chinese package")
    args = parser.parse_args()
    extra = texlive_sources(args.texlive) if args.texlive else []

    pages = {page["id"]: page for page in manifest() if page["id"].startswith("pdfplumber-")}
    pdfs = {page_id: EVAL_DIR / "pdfs" / (page_id.removeprefix("pdfplumber-") + ".pdf") for page_id in pages}
    engine = OcrEngine(EngineConfig())
    engine.load()
    engine.recognize(open_document(next(iter(pdfs.values()))).page(0).render(72).to_bgr())  # warm up
    print(f"{len(pdfs)} born-digital PDF pages of {EVAL_DIR / 'pdfs'}"
          + (f"; {len(extra)} Chinese pages of texlive-lang-chinese (zh columns)" if extra else "") + "\n")
    print(f"{'dpi':>5s} {'cer_ns':>7s} {'cer_ws':>7s} {'word_f1':>8s} {'render s':>9s} {'ocr s/page':>11s}"
          + (f" {'zh cer_ns':>9s} {'zh cer_ws':>9s} {'zh s/page':>9s}" if extra else ""))
    with tempfile.TemporaryDirectory() as tmp:
        for dpi in args.dpi:
            records, render_seconds = [], 0.0
            for page_id, pdf in pdfs.items():
                with open_document(pdf) as document:
                    started = time.perf_counter()
                    rendered = document.page(0).render(dpi)
                    render_seconds += time.perf_counter() - started
                ocr = engine.recognize(rendered.to_bgr())
                scale = 150.0 / rendered.dpi
                records.append({"id": page_id, "seconds": ocr.seconds,
                                "lines": [{"text": line.text, "box": [v * scale for v in bbox(line.box)]}
                                          for line in ocr.lines]})
            predictions = Path(tmp) / f"dpi-{dpi}.jsonl"
            write_predictions(predictions, records)
            figures = score(predictions, only=set(pdfs))["ALL"]
            row = (f"{dpi:5d} {figures['cer_ns']:7.4f} {figures['cer_ws']:7.4f} {figures['word_f1']:8.4f} "
                   f"{render_seconds / len(pdfs):9.3f} {figures['s_page']:11.2f}")
            if extra:
                zh_records = []
                for page_id, pdf, index, _ in extra:
                    with open_document(pdf) as document:
                        ocr = engine.recognize(document.page(index).render(dpi).to_bgr())
                    zh_records.append({"id": page_id, "seconds": ocr.seconds,
                                       "lines": [{"text": l.text, "box": bbox(l.box)} for l in ocr.lines]})
                work = Path(tmp) / f"zh-{dpi}"
                work.mkdir()
                zh = score_records(zh_records, {i: t for i, _, _, t in extra}, work)
                row += f" {zh['cer_ns']:9.4f} {zh['cer_ws']:9.4f} {zh['s_page']:9.2f}"
            print(row, flush=True)
    engine.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
