"""Keep the work: recognised (and corrected) text saved beside its document, restored when it is reopened.

The file is ``<document>.docscan.json`` next to the document, or, when that folder cannot be written
(a read-only share, a CD), ``<DOCSCAN_HOME>/results/<sha256 of the document>.json``. It records the
document's size and sha256, so results are only restored onto the same bytes they were made from.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from .atomic_files import write_atomically
from .model_store import sha256_file
from .paths import docscan_home
from .results import DocumentResult

SUFFIX = ".docscan.json"
FORMAT_VERSION = 1


def fingerprint(path: Path) -> dict:
    return {"name": Path(path).name, "size": Path(path).stat().st_size, "sha256": sha256_file(Path(path))}


def beside_path(document: Path) -> Path:
    document = Path(document)
    return document.with_name(document.name + SUFFIX)


def fallback_path(sha256: str) -> Path:
    return docscan_home() / "results" / f"{sha256}.json"


@dataclass
class SavedWork:
    result: DocumentResult
    path: Path  # where it was read from


def save(document: Path, result: DocumentResult, target: Path | None = None) -> Path:
    """Write the results for ``document``; returns the path written. ``target`` overrides the place."""
    document = Path(document)
    print_ = fingerprint(document)
    payload = {"docscan_results": FORMAT_VERSION, "document": print_, "result": result.to_dict()}
    text = json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
    candidates = [Path(target)] if target is not None else [beside_path(document), fallback_path(print_["sha256"])]
    last_error: OSError | None = None
    for candidate in candidates:
        try:
            candidate.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(candidate, text)
            return candidate
        except OSError as exc:
            last_error = exc
    assert last_error is not None
    raise last_error


def load(document: Path, source: Path | None = None) -> SavedWork | None:
    """The saved results for ``document`` if any were saved for these very bytes; else None."""
    document = Path(document)
    try:
        print_ = fingerprint(document)
    except OSError:
        return None
    candidates = [Path(source)] if source is not None else [beside_path(document), fallback_path(print_["sha256"])]
    for candidate in candidates:
        try:
            payload = json.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(payload, dict) or payload.get("docscan_results") != FORMAT_VERSION:
            continue
        saved = payload.get("document", {})
        if saved.get("sha256") != print_["sha256"] or saved.get("size") != print_["size"]:
            continue
        try:
            return SavedWork(DocumentResult.from_dict(payload["result"]), candidate)
        except (KeyError, TypeError, ValueError):
            continue
    return None


def remove(document: Path) -> None:
    path = beside_path(document)
    if path.exists():
        os.unlink(path)
