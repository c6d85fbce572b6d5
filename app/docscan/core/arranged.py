"""Documents arranged by hand: pages of several files (PDFs and images), in any order, as one document.

``PageRef`` names one page of a file (or of an image's bytes, for a pasted picture); ``ArrangedDocument`` is
a ``Document`` made of such pages. It opens each distinct file once, through ``documents.open_document``
(the one owner of PyMuPDF calls), and answers for each page with the page of its file: its size, its
render, its text layer. Pages of both kinds mix, so the kind is per page (``page_kind``); ``kind`` is "pdf"
or "image" when every page agrees and "mixed" otherwise.

A page of a PDF file is still rendered by an engine in another process (issue 24 item 12: MuPDF holds the
GIL while it draws): ``page_source(i)`` says which page of which opened file page ``i`` is, and
``document_run.recognize_page`` recognises that page of that file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable

from .documents import Document, Page, RenderedPage, open_document, pages_phrase
from .errors import DocumentError


ALL_PAGES = -1  # a PageRef's index for "every page of the file" (ArrangedDocument.every_page)


@dataclass(frozen=True)
class PageRef:
    """Page ``index`` (from 0) of the file at ``path``; ``data``: the bytes of a file that has no path (a
    pasted image), with ``name`` to call it by."""

    path: str | None
    index: int
    password: str | None = None
    data: bytes | None = field(default=None, repr=False, compare=False)
    name: str = ""

    @property
    def file_key(self) -> tuple:
        """Which file: pages with the same key are pages of one opened document."""
        return ("path", self.path, self.password) if self.path is not None else ("bytes", id(self.data))

    def label(self) -> str:
        return self.name or (Path(self.path).name if self.path else "pasted image")


def refs_of(path: str | None, page_count: int, password: str | None = None, data: bytes | None = None,
            name: str = "") -> list[PageRef]:
    """Every page of one file, in order: a plain document as an arrangement of its own pages."""
    return [PageRef(path, index, password, data, name) for index in range(page_count)]


class ArrangedPage(Page):
    """A page of an arranged document: PDF or image page by the file it comes from."""

    @property
    def is_pdf(self) -> bool:
        return self.document.page_kind(self.index) == "pdf"


class ArrangedDocument(Document):
    """Pages of files, in the order given. ``files``: documents already open, by ``PageRef.file_key``, to use
    instead of opening them again (the arranged document owns them from then on). Opening fails with the
    file's own DocumentError (a file gone, a wrong password) naming it."""

    def __init__(self, parts: Iterable[PageRef], name: str = "arranged document",
                 files: dict[tuple, Document] | None = None, **open_options):
        self._open_options = open_options  # open_document's keywords for every file opened (as a plain one's)
        self._files: dict[tuple, Document] = dict(files or {})
        self._parts: list[PageRef] = []
        self._own_warnings: list[str] = []
        super().__init__(name, 0)
        try:
            self.set_parts(parts)
        except BaseException:
            self.close()
            raise

    # Document.__init__ assigns self.warnings: the arranged document's own, plus those of its files.
    @property
    def warnings(self) -> list[str]:
        found = list(self._own_warnings)
        for document in self._files.values():
            found.extend(f"{document.name}: {warning}" for warning in document.warnings if warning not in found)
        return found

    @warnings.setter
    def warnings(self, value: list[str]) -> None:
        self._own_warnings = list(value)

    def warn(self, warning: str) -> None:
        if warning not in self._own_warnings:
            self._own_warnings.append(warning)

    @property
    def parts(self) -> tuple[PageRef, ...]:
        return tuple(self._parts)

    @property
    def kind(self) -> str:  # type: ignore[override]
        kinds = {self.page_kind(index) for index in range(self.page_count)}
        return kinds.pop() if len(kinds) == 1 else ("mixed" if kinds else "image")

    def open_files(self, refs: Iterable[PageRef]) -> list[tuple[tuple[float, float], str]]:
        """Open the files of ``refs`` (those not open yet) and check their pages exist: each page's size and
        kind ("pdf" or "image"). The pages are not added (``set_parts`` does)."""
        found = []
        for ref in refs:
            document = self._file(ref)
            if not 0 <= ref.index < document.page_count:
                raise DocumentError(f"{document.name} has {pages_phrase(document.page_count)}: it has no page "
                                    f"{ref.index + 1}.")
            found.append((document.page_size(ref.index), document.kind))
        return found

    def every_page(self, refs: Iterable[PageRef]) -> list[PageRef]:
        """``refs`` with each one of index ALL_PAGES made the pages of its file, in order."""
        out: list[PageRef] = []
        for ref in refs:
            if ref.index == ALL_PAGES:
                out.extend(replace(ref, index=index) for index in range(self._file(ref).page_count))
            else:
                out.append(ref)
        return out

    def set_parts(self, parts: Iterable[PageRef]) -> None:
        """The pages are now ``parts``, in this order; files no page uses any more are closed."""
        parts = list(parts)
        self.open_files(parts)
        self._parts = parts
        self.page_count = len(parts)
        used = {ref.file_key for ref in parts}
        for key in [key for key in self._files if key not in used]:
            self._files.pop(key).close()

    def _file(self, ref: PageRef) -> Document:
        document = self._files.get(ref.file_key)
        if document is None:
            if ref.path is not None:
                document = open_document(ref.path, password=ref.password, name=ref.label(), **self._open_options)
            elif ref.data is not None:
                document = open_document(ref.data, password=ref.password, name=ref.label(), **self._open_options)
            else:
                raise DocumentError(f"{ref.label()} has neither a file nor its bytes.")
            self._files[ref.file_key] = document
        return document

    def page_source(self, index: int) -> tuple[Document, int]:
        """Which page of which opened file page ``index`` is: (the file's document, its page index)."""
        if not 0 <= index < self.page_count:
            raise DocumentError(f"Page {index + 1} is out of range: {self.name} has {pages_phrase(self.page_count)}.")
        ref = self._parts[index]
        return self._file(ref), ref.index

    def page_kind(self, index: int) -> str:
        document, _ = self.page_source(index)
        return "pdf" if document.kind == "pdf" else "image"

    def page(self, index: int) -> Page:
        if not 0 <= index < self.page_count:
            raise DocumentError(f"Page {index + 1} is out of range: {self.name} has {pages_phrase(self.page_count)}.")
        return ArrangedPage(self, index)

    @property
    def pages(self) -> list[Page]:
        return [ArrangedPage(self, index) for index in range(self.page_count)]

    def page_size(self, index: int) -> tuple[float, float]:
        document, at = self.page_source(index)
        return document.page_size(at)

    def _render(self, index: int, dpi: float | None) -> RenderedPage:
        document, at = self.page_source(index)
        return document._render(at, dpi)

    def _text_layer(self, index: int) -> str:
        document, at = self.page_source(index)
        return document._text_layer(at)

    def text_layer_lines(self, index: int):
        document, at = self.page_source(index)
        return document.text_layer_lines(at)

    def embeddable(self, index: int) -> tuple[bytes | None, float | None]:
        document, at = self.page_source(index)
        return document.embeddable(at)

    def close(self) -> None:
        while self._files:
            _, document = self._files.popitem()
            document.close()
