"""Where a run's outputs go, and what they may never replace: outputs are named after their inputs
(``output_path_for``, ``output_paths``: " (2)" when two would share a name), never written over one of
the run's inputs (``InputGuard``) nor over another output of the same run (``WrittenOutputs``). The
CLI, the batch export and the window name and guard their outputs here."""

from __future__ import annotations

import errno
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .formats import OUTPUT_SUFFIXES


def output_path_for(path: str, folder: "Path | str | None", out_dir: Path, fmt: str, copy: int = 1) -> Path:
    """``scan.png`` -> ``OUT/scan.png.txt`` (``OUT/scan.png.ocr.pdf`` for a searchable PDF); files found in a
    folder keep their sub-folders. ``copy`` 2, 3...: ``OUT/scan.png (2).txt``, for a second input whose
    output would otherwise land on the first one's (``output_paths``)."""
    relative = Path(path).relative_to(folder) if folder is not None else Path(Path(path).name)
    mark = f" ({copy})" if copy > 1 else ""
    return out_dir / relative.with_name(relative.name + mark + OUTPUT_SUFFIXES[fmt])


@dataclass(frozen=True)
class OutputName:
    path: Path
    moved_for: str | None = None  # the input whose output has the name this one would have had


def _name_key(path: Path) -> str:
    # Case and Unicode normalisation folded: one file on case-insensitive file systems (macOS, Windows, a
    # FAT or exFAT stick an output folder is copied to) and on macOS's NFD names.
    return unicodedata.normalize("NFC", os.fsdecode(path)).casefold()


def output_paths(inputs: Sequence[tuple[str, "Path | str | None"]], out_dir: Path, fmt: str) -> list[OutputName]:
    """Where each input's output goes when a run writes one file per input into ``out_dir``: its
    ``output_path_for`` name, unless an earlier input has that name (the same file name given from two
    folders, or names that differ only in case): then the first free ``name (2).fmt``, ``name (3).fmt``...
    Decided from the list alone, before anything is written, so that no output of a run replaces
    another; the same inputs always get the same names."""
    natural = [output_path_for(path, folder, out_dir, fmt) for path, folder in inputs]
    owner: dict[str, int] = {}
    for number, target in enumerate(natural):
        owner.setdefault(_name_key(target), number)
    taken = set(owner)
    names = []
    for number, ((path, folder), target) in enumerate(zip(inputs, natural)):
        first = owner[_name_key(target)]
        if first == number:
            names.append(OutputName(target))
            continue
        copy = 2
        while _name_key(target := output_path_for(path, folder, out_dir, fmt, copy)) in taken:
            copy += 1
        taken.add(_name_key(target))
        names.append(OutputName(target, moved_for=inputs[first][0]))
    return names


class WrittenOutputs:
    """The files one run has written. ``check`` refuses a target that is already one of them by another way
    (a link, a spelling the file system takes for the same name): an output never replaces another of
    the same run, whatever ``output_paths`` could not foresee."""

    def __init__(self) -> None:
        self._files: dict[tuple[int, int], Path] = {}

    def check(self, target: Path) -> None:
        earlier = self._files.get(file_identity(target))  # type: ignore[arg-type]
        if earlier is not None:
            raise FileExistsError(errno.EEXIST, f"that file is {earlier}, already written by this run", str(target))

    def add(self, target: Path) -> None:
        identity = file_identity(target)
        if identity is not None:
            self._files[identity] = Path(target)

    def write(self, target: Path, save: Callable[[Path], object]) -> None:
        """Write one output file with ``save(target)``: its folder made, never over another output of this
        run; OSError (or the DocScanError of a format that needs its source) when it cannot be."""
        target.parent.mkdir(parents=True, exist_ok=True)
        self.check(target)
        save(target)
        self.add(target)


def file_identity(path) -> tuple[int, int] | None:
    """(device, inode) of the file at ``path``, through links (a link to a file is that file); None when
    there is none."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def cannot_write(target: Path, error: Exception) -> str:
    """Why an output was not written, as the CLI and the batch say it."""
    return f"cannot write {target}: {getattr(error, 'strerror', None) or error}"


class InputGuard:
    """The files a run reads, by identity: DocScan never destroys a document it reads, so an output that
    would be written over one of them (the same file, also through a link or another name) is refused."""

    def __init__(self, inputs: Iterable["str | Path"]):
        self._by_identity = {identity: path for path in inputs if (identity := file_identity(path)) is not None}

    def input_at(self, target: Path) -> "str | Path | None":
        """The input that ``target`` is, or None."""
        return self._by_identity.get(file_identity(target))  # type: ignore[arg-type]

    def refuse(self, targets: Sequence[tuple[Path, str]], error: Callable[[str], Exception] = ValueError) -> None:
        """Raise ``error`` (the CLI's usage error), before any work, when an output (target, the input it
        is for, or "") would be written over one of the inputs."""
        for target, source in targets:
            hit = self.input_at(target)
            if hit is not None:
                raise error(f"-o: writing {target} would replace the input {hit}, which DocScan is reading"
                            + (f" (the output for {source})" if source and source != hit else "")
                            + ". Choose another output name or folder.")


def refuse_outputs_onto_inputs(inputs: Sequence[tuple[str, object]], targets: Sequence[tuple[Path, str]],
                               error: Callable[[str], Exception] = ValueError) -> None:
    """``InputGuard.refuse`` over a run's inputs as ``docscan ocr`` collects them: (path, the folder it was
    found in)."""
    InputGuard(path for path, _ in inputs).refuse(targets, error)
