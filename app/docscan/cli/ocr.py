"""``docscan ocr PATH...``: recognise images and PDFs (a folder: its images and PDFs, recursively) to stdout,
one file, or a folder of one output per input."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Sequence

from ..core import documents
from ..core.errors import DocScanError, DocumentError, PasswordRequired
from ..core import formats
from ..core.output_files import cannot_write, refuse_outputs_onto_inputs
from .common import (EXIT_INPUT, EXIT_OK, UsageError, add_engine_options, add_export_options, add_run_options,
                     engine_config, export_options, run_options)


def add_parser(commands) -> argparse.ArgumentParser:
    ocr = commands.add_parser("ocr", help="recognise the text of images and PDFs",
                              description="Recognise the text of images and PDFs (a folder: its images and "
                                          "PDFs, recursively).")
    ocr.add_argument("paths", nargs="+", metavar="PATH")
    add_run_options(ocr, ("pages",))
    ocr.add_argument("--format", "-f", choices=tuple(formats.FORMATS), default="txt",
                     help="pdf: a searchable PDF (the original pages with invisible text); csv: the tables, one "
                          "a file; xlsx: a sheet per table and the text; pdf, xlsx and docx need -o")
    add_export_options(ocr)
    ocr.add_argument("-o", "--output", metavar="OUT",
                     help="a file: all the inputs' results in it (-o letter.pdf -f pdf: one searchable PDF of "
                          "every page, in order); a folder (an existing one, or ending in /; with several "
                          "inputs, any name without the format's suffix): one output per input, NAME.FORMAT")
    add_run_options(ocr, ("dpi", "password", "ocr_mode", "flatten_photos"))
    ocr.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    add_engine_options(ocr)
    return ocr


def collect_inputs(paths: Sequence[str]) -> list[tuple[str, Path | None]]:
    """Each input as (path as given or found, the folder it was found in, or None for a file given)."""
    found, empty = documents.expand_folders(paths)
    for folder in empty:
        print(f"docscan: {folder}: no images or PDFs in this folder", file=sys.stderr)
    return found


# What the name given to -o ends with when it names one file of a format (not a folder).
FILE_SUFFIXES = {name: fmt.file_suffixes for name, fmt in formats.FORMATS.items()}


def output_is_folder(output: str, fmt: str, several: bool) -> bool:
    """Whether ``-o OUTPUT`` is a folder (one output file per input) rather than one file.

    A folder: an existing folder, or a name ending in a slash; with several inputs (or a folder given),
    also a name that neither ends in the format's suffix nor is an existing file. So with several inputs
    ``-o letter.pdf -f pdf`` is one searchable PDF of all their pages, in order, ``-o all.txt`` (json, md,
    hocr) one file with every input's results, as on stdout, and ``-o out`` or ``-o out/`` a folder. A name
    ending in another format's suffix is a usage error (``-o all.pdf`` with text, or ``-o all.txt -f pdf``)."""
    path = Path(output)
    if output.endswith(("/", os.sep)) or path.is_dir():
        return True
    suffix = path.suffix.lower()
    # the format whose own suffix it is first (.html: html, though hOCR files may end in .html too)
    others = sorted((name for name, suffixes in FILE_SUFFIXES.items() if suffix in suffixes and name != fmt),
                    key=lambda name: FILE_SUFFIXES[name].index(suffix))
    other = others[0] if others else None
    if other is not None and suffix not in FILE_SUFFIXES[fmt]:
        kind = formats.FORMATS[other].kind
        raise UsageError(f"-o {output} names a {kind} file, but the format is {fmt}: add -f {other}, or give a "
                         f"name ending in {FILE_SUFFIXES[fmt][0]} (or a folder, ending in /)")
    if not several or suffix in FILE_SUFFIXES[fmt]:
        return False
    return not (os.path.exists(output) and not path.is_dir())  # an existing file (or /dev/stdout) is a file


def run_ocr(args) -> int:
    from ..core.engine import OcrEngine
    from ..core.output_files import WrittenOutputs, output_paths
    from ..core.model_store import ModelStore
    from ..core.document_run import run_document
    from ..core.results import DocumentResult

    options = run_options(args)  # --pages parsed, --dpi in its range: usage errors before any work
    chosen = export_options(args)
    fmt = formats.get(args.format)
    if not fmt.is_text and not args.output:
        raise UsageError(f"--format {fmt.name} writes files: give -o FILE{fmt.file_suffixes[0]} (one {fmt.kind} of "
                         "every page) or -o FOLDER/")
    inputs = collect_inputs(args.paths)
    if not inputs:
        return EXIT_INPUT

    several = len(inputs) > 1 or any(folder is not None for _, folder in inputs)
    out = Path(args.output) if args.output else None
    out_dir = out if out is not None and output_is_folder(args.output, args.format, several) else None
    targets: list[Path | None] = [None] * len(inputs)
    if out_dir is not None:
        names = output_paths(inputs, out_dir, args.format)
        targets = [name.path for name in names]
        refuse_outputs_onto_inputs(inputs, [(target, path) for target, (path, _) in zip(targets, inputs)],
                                   error=UsageError)
        for name, (path, _) in zip(names, inputs):
            if name.moved_for is not None:
                print(f"docscan: {path}: written as {name.path}, since {name.moved_for} has the same name",
                      file=sys.stderr)
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(f"docscan: cannot create the output folder {out}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_INPUT
    elif out is not None:
        refuse_outputs_onto_inputs(inputs, [(out, "")], error=UsageError)
    config = engine_config(args)
    engine = None
    if options.ocr_mode != "never":
        engine = OcrEngine(config, ModelStore())
        engine.check()  # fail before any work when a model or the device is missing (exit 3)
        if engine.notice:
            print(f"docscan: {engine.notice}", file=sys.stderr)

    progress = _ProgressBar(enabled=sys.stderr.isatty() and not args.no_progress)
    results: list[DocumentResult] = []
    written = WrittenOutputs()
    # -o FILE: one file of every input's results, in order (a searchable PDF's pages added while each is open)
    combined = formats.writer(args.format, chosen) if out is not None and out_dir is None else None
    failed = False
    try:
        for (path, folder), target in zip(inputs, targets):
            left_out = None
            try:
                with documents.open_document(path, password=options.password,
                                             flatten_photos=options.flatten_photos) as document:
                    progress.start_file(path, document, options.pages)
                    result = run_document(document, engine, options, path=path, progress=progress.update)
                    progress.end_file()
                    if fmt.needs_source and combined is not None:
                        left_out = _add_to(combined, document, result, out)
                    elif fmt.needs_source:  # built from the document already open, not a second opening
                        failed = not _write_output(
                            target, lambda t: formats.write(args.format, [result], t, [document]), written) or failed
            except DocumentError as exc:
                hint = " (--password)" if isinstance(exc, PasswordRequired) and not options.password else ""
                result = DocumentResult(path, error=str(exc).rstrip(".") + hint + ".")
            progress.end_file()
            from_layer = sum(1 for page in result.pages if page.source == "text-layer")
            if from_layer and progress.enabled:
                print(f"docscan: {path}: {from_layer} of {len(result.pages)} page(s) read from the PDF's own text "
                      "layer (--ocr-mode always recognises them instead)", file=sys.stderr)
            for line in _errors_of(result):
                print(f"docscan: {line}", file=sys.stderr)
            for warning in result.warnings:
                print(f"docscan: {path}: warning: {warning}", file=sys.stderr)
            if left_out is not None:
                print(f"docscan: {left_out}", file=sys.stderr)
            failed = failed or bool(result.error or result.failed_pages or left_out)
            results.append(result)
            nothing_read = bool(result.error) or len(result.failed_pages) == len(result.pages)
            if not fmt.needs_source and combined is not None:
                combined.add(result)
            elif not fmt.needs_source and out_dir is not None and (args.format == "json" or not nothing_read):
                # a document with no page read gets no empty text file (as batch export); its JSON says why
                failed = not _write_output(
                    target, lambda t: formats.write_files(args.format, [result], t, options=chosen), written) or failed
        if combined is not None and fmt.needs_source:
            if not combined.empty:
                failed = not _write_output(out, combined.save, written) or failed
            else:
                print(f"docscan: nothing written to {out}: no page of the input{'s' if several else ''} could be "
                      "added", file=sys.stderr)
                failed = True
    finally:
        progress.close()
        if combined is not None:
            combined.close()

    if combined is not None and not fmt.needs_source:
        if not _write_output(out, combined.save_files, written):
            return EXIT_INPUT
    elif out_dir is None and fmt.is_text:
        try:
            text = formats.render(results, args.format, chosen)
        except formats.NothingToExport as exc:
            print(f"docscan: nothing written: {exc}", file=sys.stderr)
            return EXIT_INPUT
        else:
            if hasattr(sys.stdout, "reconfigure"):
                sys.stdout.reconfigure(errors="backslashreplace")  # a non-UTF-8 file name, not a traceback
            sys.stdout.write(text)
            sys.stdout.flush()
    return EXIT_INPUT if failed else EXIT_OK


def _add_to(combined, document, result, out: Path) -> str | None:
    """Add a document's pages to the one searchable PDF; None, or why it was left out."""
    try:
        combined.add(result, document)
        return None
    except DocScanError as exc:
        said = any(str(exc) == page.error for page in result.failed_pages)  # its page's line says why
        return f"{result.path}: left out of {out}" + ("" if said else f": {exc}")


def _write_output(target: Path, write, written) -> bool:
    """Write one output, never over another output of this run (``written``); False (and one line on
    stderr) when it cannot be written. ``write(target)`` may answer the files it wrote (a CSV of several
    tables: one per table beside ``target``), which are then named on stderr."""
    files: list[Path] = []

    def save(path: Path) -> None:
        answer = write(path)
        files.extend(answer if isinstance(answer, list) else [])

    try:
        written.write(target, save)
    except formats.NothingToExport as exc:
        print(f"docscan: {target} not written: {exc}", file=sys.stderr)
        return False
    except (OSError, DocScanError) as exc:
        print(f"docscan: {cannot_write(target, exc)}", file=sys.stderr)
        return False
    for path in files:
        written.add(path)
    if files and files != [target]:
        print(f"docscan: {len(files)} tables, one a file: {', '.join(str(path) for path in files)}", file=sys.stderr)
    return True


def _errors_of(result) -> list[str]:
    """One line for a file that could not be read; for its pages that could not be, one line per reason."""
    if result.error:
        return [result.error]
    return documents.unreadable_pages(result.path, [(page.page, page.error) for page in result.failed_pages])


class _ProgressBar:
    """A tqdm bar of pages on stderr, only when stderr is a terminal."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self._bar = None

    def start_file(self, path: str, document, pages) -> None:
        if not self.enabled:
            return
        from tqdm import tqdm

        from ..core.document_run import select_pages

        total = len(select_pages(document, pages)) if pages else document.page_count
        self._bar = tqdm(total=total, desc=Path(path).name[:40], unit="page", file=sys.stderr, leave=False)

    def update(self, progress) -> None:
        if self._bar is not None and progress.page is not None:
            self._bar.update(1)
            self._bar.set_postfix_str(f"{progress.page.seconds:.1f} s/page")

    def end_file(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    close = end_file


