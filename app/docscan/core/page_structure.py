"""A page's result as the exports write it: headings, paragraphs, rows and tables, in reading order.

Every export that keeps structure (Markdown, HTML, Word) reads ``blocks(page)``, so a table or a heading
comes out the same in each. A table stands where its first line would have been read; the lines inside it
are its cells and are not written again as text. A paragraph all of whose lines lie in a region the layout
model calls a title is a heading.
"""

from __future__ import annotations

from dataclasses import dataclass

from .layout import Paragraph, paragraphs
from .results import PageResult
from .tables import Table, centre_inside

HEADING_KINDS = ("title",)  # layout regions whose paragraphs are headings
TABLE_MARGIN = 2.0  # pixels: a line whose centre is this close to a table's box belongs to it


@dataclass
class Block:
    # "heading", "paragraph", "row", "header", "footer", "picture" (as layout.Paragraph) or "table"
    kind: str
    text: str = ""
    new_block: bool = True  # set apart from what comes before (a blank line), as Paragraph.new_block
    table: Table | None = None
    lines: list[int] | None = None  # indices into page.lines


def table_of_line(page: PageResult, index: int) -> int | None:
    """The number of the table (in ``page.tables``) that holds ``page.lines[index]``, or None."""
    bbox = page.lines[index].bbox
    for number, table in enumerate(page.tables):
        if centre_inside(bbox, table.box, TABLE_MARGIN):
            return number
    return None


def _is_heading(page: PageResult, paragraph: Paragraph) -> bool:
    titles = [region.box for region in page.regions if region.kind in HEADING_KINDS]
    # a title set apart at the top of the page is what layout's geometry calls a running header: the layout
    # model, which tells titles from headers, decides
    return bool(titles) and paragraph.kind in ("paragraph", "header") and all(
        any(centre_inside(page.lines[i].bbox, box, TABLE_MARGIN) for box in titles) for i in paragraph.lines)


def blocks(page: PageResult) -> list[Block]:
    """The page in reading order: each table once, at its first line's place (a table none of whose lines
    was read comes after the text above it, by its top edge); the other lines as paragraphs."""
    owner = {i: table_of_line(page, i) for i in range(len(page.lines))}
    free = [i for i in range(len(page.lines)) if owner[i] is None]
    out: list[Block] = []
    placed: set[int] = set()
    first_line_of = {}
    for index, number in owner.items():
        if number is not None and number not in first_line_of:
            first_line_of[number] = index
    paras = paragraphs([page.lines[i] for i in free])
    pending_tables = sorted(set(range(len(page.tables))) - set(first_line_of),
                            key=lambda n: page.tables[n].box[1])

    def place_tables_before(line_index: int | None) -> None:
        for number in sorted(first_line_of, key=first_line_of.get):
            if number not in placed and (line_index is None or first_line_of[number] < line_index):
                placed.add(number)
                out.append(Block("table", table=page.tables[number]))
        top = page.lines[line_index].bbox[1] if line_index is not None else float("inf")
        while pending_tables and page.tables[pending_tables[0]].box[1] < top:
            number = pending_tables.pop(0)
            placed.add(number)
            out.append(Block("table", table=page.tables[number]))

    for paragraph in paras:
        indices = [free[i] for i in paragraph.lines]
        before = len(out)
        place_tables_before(indices[0])
        kind = "heading" if _is_heading(page, Paragraph(paragraph.text, paragraph.new_block, indices,
                                                          paragraph.kind)) else paragraph.kind
        out.append(Block(kind, paragraph.text, paragraph.new_block or len(out) > before, lines=indices))
    place_tables_before(None)
    return out
