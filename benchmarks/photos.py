"""Photos of pages against the same pages scanned, with the photo correction on and off, in one run.

`docscan ocr` reads ../shared/eval/photos (synthetic camera photos of eval pages, ids "photo-ID") and the
same pages' scans (../shared/eval/images, ids "ID"), once as it runs by default (photos found, flattened,
straightened: core/page_photo.py) and once with --no-flatten. Reported with ../shared/eval/score.py, summed
over the pages: cer_ns in row order (both sides re-sorted into rows) and in exported order (--keep-order,
the pages whose truth has an order), per side, and the photos' figure over the scans'. The issue's goal
(29): keep-order at most 1.25x the scans', row order at most 1.15x. ``--photos DIR`` takes another set
made the same way (make_photos.py SET OUT SEED ID...), e.g. other pages or another seed.

    python benchmarks/photos.py [--photos DIR] [--per-page] [--json OUT] [-- DOCSCAN OCR OPTIONS...]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy import run_docscan  # noqa: E402
from eval_set import EVAL_DIR, _scorer, manifest  # noqa: E402


def _scan_of(page: dict) -> Path:
    return EVAL_DIR / page["image"]


def _set_dir(records: list[dict], folder: Path) -> Path:
    """A set folder holding only ``records`` as its manifest (images are not needed to score)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "manifest.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                           encoding="utf-8")
    return folder


def _cer(set_dir: Path, predictions: Path, keep_order: bool) -> tuple[float, int]:
    groups, _missing = _scorer().score(str(set_dir), str(predictions), "lang", keep_order)
    total = groups["ALL"]
    return total[0] / max(1, total[1]), total[4]


def _per_page(set_dir: Path, predictions: Path) -> dict[str, tuple[int, int, int, int]]:
    """page id -> (row-order errors, characters, keep-order errors, characters)."""
    score = _scorer()
    truth = [json.loads(line) for line in (set_dir / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    predicted = {}
    for line in predictions.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            predicted[record["id"]] = record
    out = {}
    for page in truth:
        got = predicted.get(page["id"], {"lines": []})
        row = score.page_texts(page, got)
        keep = score.ordered_texts(page, got)
        figures = []
        for texts in (row, keep):
            figures.extend(score.dist(texts[0], texts[1], False) if texts else (0, 0))
        out[page["id"]] = tuple(figures)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=Path, default=EVAL_DIR / "photos", help="a set of photos (manifest.jsonl, images/)")
    parser.add_argument("--per-page", action="store_true", help="each page's errors too")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("options", nargs="*", help="more `docscan ocr` options, after --")
    args = parser.parse_args()

    photos = [json.loads(line) for line in (args.photos / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
              if line.strip()]
    scans_by_id = {page["id"]: page for page in manifest()}
    scans = [scans_by_id[page["id"].removeprefix("photo-")] for page in photos]
    work = Path(tempfile.mkdtemp(prefix="docscan-photos-"))
    scan_set = _set_dir(scans, work / "scans")
    images = [str(args.photos / page["image"]) for page in photos] + [str(_scan_of(page)) for page in scans]
    photo_ids = {page["id"] for page in photos}

    figures: dict = {"pages": len(photos), "photos": str(args.photos)}
    for label, extra in (("corrected", []), ("as they are", ["--no-flatten"])):
        run_dir = work / label.replace(" ", "-")
        run_dir.mkdir()
        started = time.perf_counter()
        _, predictions = run_docscan(images, run_dir, [*extra, *args.options])
        seconds = time.perf_counter() - started
        records = [json.loads(line) for line in predictions.read_text(encoding="utf-8").splitlines() if line.strip()]
        sides = {}
        for side, keep in (("photos", lambda r: r["id"] in photo_ids), ("scans", lambda r: r["id"] not in photo_ids)):
            path = run_dir / f"{side}.jsonl"
            path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records if keep(r)), encoding="utf-8")
            set_dir = args.photos if side == "photos" else scan_set
            row, _ = _cer(set_dir, path, False)
            ordered, ordered_pages = _cer(set_dir, path, True)
            sides[side] = {"row": row, "keep": ordered, "keep_pages": ordered_pages}
            if args.per_page:
                sides[side]["per_page"] = _per_page(set_dir, path)
        sides["seconds"] = seconds
        figures[label] = sides

    print(f"{len(photos)} photos ({args.photos}) and the same pages scanned; cer_ns, summed over the pages\n")
    print("| correction | order | scans | photos | photos / scans |")
    print("|---|---|---|---|---|")
    for label in ("corrected", "as they are"):
        sides = figures[label]
        for order, name in (("row", "row order"), ("keep", f"exported order ({sides['photos']['keep_pages']} pages)")):
            scan, photo = sides["scans"][order], sides["photos"][order]
            print(f"| {'on (default)' if label == 'corrected' else 'off (--no-flatten)'} | {name} | {scan:.4f} | "
                  f"{photo:.4f} | {photo / max(scan, 1e-9):.2f}x |")
    print(f"\nseconds for the {len(images)} files: " + ", ".join(
        f"{label} {figures[label]['seconds']:.0f}" for label in ("corrected", "as they are")))
    if args.per_page:
        print("\n| page | row errors: photo / scan (on) | (off) | keep-order errors: photo / scan (on) | (off) |")
        print("|---|---|---|---|---|")
        for page in photos:
            scan_id = page["id"].removeprefix("photo-")
            cells = []
            for index in (0, 2):
                for label in ("corrected", "as they are"):
                    photo = figures[label]["photos"]["per_page"][page["id"]]
                    scan = figures[label]["scans"]["per_page"][scan_id]
                    cells.append(f"{photo[index]} / {scan[index]}" if photo[index + 1] else "-")
            print(f"| {scan_id} | {cells[0]} | {cells[1]} | {cells[2]} | {cells[3]} |")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
