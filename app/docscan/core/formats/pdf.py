"""The searchable PDF (``searchable_pdf``): the source document's own pages with the recognised text laid
invisibly over each line, so it needs the source. Several documents in one file: their pages appended
in the order added (the pages of a letter scanned one image at a time)."""

from __future__ import annotations

from pathlib import Path

from ..results import DocumentResult
from .base import DocumentSource, ExportOptions, OutputFormat, OutputWriter


class PdfWriter(OutputWriter):
    """Each document's pages appended with its result's invisible text; a document that cannot be added
    (DocumentError) leaves none of its pages behind."""

    def __init__(self) -> None:
        from ..searchable_pdf import SearchablePdf  # PyMuPDF (0.6 s to import) only once a PDF is made

        self._pdf = SearchablePdf()

    @property
    def empty(self) -> bool:
        return not self._pdf.page_count

    def add(self, result: DocumentResult, source: DocumentSource | None = None) -> None:
        if source is None:
            raise ValueError("a searchable PDF is made from the source document: give it")
        if not callable(source):  # the document, already open
            self._pdf.add(source, result)
            return
        with source() as document:
            self._pdf.add(document, result)

    def save(self, target: Path) -> Path:
        return self._pdf.save(Path(target))

    def close(self) -> None:
        self._pdf.close()


class PdfFormat(OutputFormat):
    def writer(self, options: ExportOptions | None = None) -> OutputWriter:
        return PdfWriter()


PDF = PdfFormat("pdf", ".ocr.pdf", title="Searchable PDF", kind="PDF", file_suffixes=(".pdf",), needs_source=True)
