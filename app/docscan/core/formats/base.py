"""What an output format declares, and the writer that puts one document's results, or several documents',
into one file of it. A format is one module of this package, registered in its ``__init__``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence, Union

from ..atomic_files import replacing, write_atomically
from ..errors import DocScanError
from ..results import DocumentResult

if TYPE_CHECKING:
    from ..documents import Document


class NothingToExport(DocScanError, ValueError):
    """The results hold nothing this format writes (a CSV of results without a table, a table number
    beyond the last): said in words, and no file is written (not an empty one)."""


@dataclass(frozen=True)
class ExportOptions:
    """What a person chose about one export beyond its format. ``table``: the one table (from 1, counting
    through every table of the results in order) a format that writes tables alone writes (``--table N``);
    None: each table (csv: one file per table when there are several)."""

    table: int | None = None

# What a format that needs the source document is given for each result: the document, open (it is used as
# it is, not opened a second time), or a function that opens it (called only by a format that needs it).
DocumentSource = Union["Document", Callable[[], "Document"]]


class OutputWriter:
    """One output file being made: ``add`` each document's result (with its source, for a format that needs
    it), then ``save`` the whole file, atomically. Use it as a context manager, or ``close`` it."""

    @property
    def empty(self) -> bool:
        """Whether there is nothing to save (a PDF none of whose documents could be added)."""
        raise NotImplementedError

    def add(self, result: DocumentResult, source: DocumentSource | None = None) -> None:
        raise NotImplementedError

    def save(self, target: Path) -> Path:
        raise NotImplementedError

    def save_files(self, target: Path) -> list[Path]:
        """``save``, answering every file written: ``[target]``, except for a format that writes one file
        per table beside ``target`` (csv), which answers those."""
        return [self.save(target)]

    def close(self) -> None:
        pass

    def __enter__(self) -> "OutputWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@dataclass(frozen=True)
class OutputFormat:
    """An output format: ``name`` as ``--format`` and the window know it; ``suffix`` that an output is named
    with (scan.png -> scan.png.ocr.pdf); ``title``, the file type's name; ``kind``, the words "a ... file"
    in a message; ``file_suffixes``, what the name of one file of it may end with (``-o all.markdown``);
    ``needs_source``: it is made from the source document's pages, not from the results alone;
    ``several_per_file``: several documents can go into one file (each format's ``writer`` says how)."""

    name: str
    suffix: str
    title: str
    kind: str
    file_suffixes: tuple[str, ...]
    needs_source: bool = False
    several_per_file: bool = True

    @property
    def is_text(self) -> bool:
        """Whether its output is text that ``render`` gives (which can also go to stdout)."""
        return False

    def writer(self, options: ExportOptions | None = None) -> OutputWriter:
        raise NotImplementedError

    def write(self, results: Sequence[DocumentResult], target: Path,
              sources: Sequence[DocumentSource] | None = None, options: ExportOptions | None = None) -> Path:
        """Write ``results`` (with their ``sources``, one each, for a format that needs them) to ``target``:
        the whole file or nothing. The first file written (``write_files``: all of them)."""
        return self.write_files(results, target, sources, options)[0]

    def write_files(self, results: Sequence[DocumentResult], target: Path,
                    sources: Sequence[DocumentSource] | None = None,
                    options: ExportOptions | None = None) -> list[Path]:
        """``write``, answering every file written (csv: one per table when there are several)."""
        if self.needs_source and (sources is None or len(sources) != len(results)):
            raise ValueError(f"the {self.name} format is made from the source documents: give one for each result")
        with self.writer(options) as writer:
            for number, result in enumerate(results):
                writer.add(result, sources[number] if self.needs_source else None)
            return writer.save_files(Path(target))


@dataclass(frozen=True)
class TextFormat(OutputFormat):
    """A format whose file is text made from the results alone: ``render`` (every document's results in
    one text, as stdout shows them) decides how several documents share one file."""

    render: Callable[[Sequence[DocumentResult]], str] = field(kw_only=True)

    @property
    def is_text(self) -> bool:
        return True

    def text(self, results: Sequence[DocumentResult], options: ExportOptions | None = None) -> str:
        """The file's text; ``options`` matter only to a format that reads them (csv's table)."""
        return self.render(results)

    def writer(self, options: ExportOptions | None = None) -> OutputWriter:
        return TextWriter(self, options)


class TextWriter(OutputWriter):
    """The results added, rendered together into one text file when saved."""

    def __init__(self, fmt: TextFormat, options: ExportOptions | None = None):
        self._format = fmt
        self._options = options
        self._results: list[DocumentResult] = []

    @property
    def empty(self) -> bool:
        return False  # a text file always has something to say, if only that a document could not be read

    def add(self, result: DocumentResult, source: DocumentSource | None = None) -> None:
        self._results.append(result)

    def save(self, target: Path) -> Path:
        write_atomically(Path(target), self._format.text(self._results, self._options))
        return Path(target)


@dataclass(frozen=True)
class BuiltFormat(OutputFormat):
    """A file format made from the results alone by a library: ``build`` (every document's results) gives
    the library's object for the whole file, whose ``save(path)`` writes it (an openpyxl workbook, a
    python-docx document)."""

    build: Callable[[Sequence[DocumentResult]], object] = field(kw_only=True)

    def writer(self, options: ExportOptions | None = None) -> OutputWriter:
        return BuiltWriter(self.build)


class BuiltWriter(OutputWriter):
    """The results added, built into one file when saved (atomically: ``atomic_files.replacing``)."""

    def __init__(self, build: Callable[[Sequence[DocumentResult]], object]):
        self._build = build
        self._results: list[DocumentResult] = []

    @property
    def empty(self) -> bool:
        return False  # the file says what there is, if only that a document could not be read

    def add(self, result: DocumentResult, source: DocumentSource | None = None) -> None:
        self._results.append(result)

    def save(self, target: Path) -> Path:
        built = self._build(self._results)
        with replacing(Path(target)) as temporary:
            built.save(str(temporary))
        return Path(target)
