"""``<table>``: a data table as one table block, a layout table as the blocks it holds.

Pages still lay out with tables (a column of text in a cell of a table of the whole
page), so a table holding another table, a heading, a list, code, a quote, or a cell of
more than a paragraph's text is walked like a ``<div>``; any other table is a table block
whose cells are their inline text. Header rows are ``<thead>``'s, or the leading rows of
``<th>`` cells only; a cell spanning columns is followed by empty cells, so the columns
below it stay in line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import islice
from typing import Final

from lxml import etree

from reader.document.html.names import HEADINGS, line_of, local_name, text_of
from reader.document.html.state import ConvertState
from reader.document.model import Block, BlockKind, Cell, Span

CellContent = Callable[[etree._Element, ConvertState], tuple[str, tuple[Span, ...]]]
"""The inline text and spans of a cell (the walk's, passed in to keep modules acyclic)."""

MAX_CELL_CHARS: Final = 600
"""A cell with more text than this is a column of a page's layout, not a datum."""
MAX_SPAN: Final = 20
_NOT_IN_DATA_TABLES: Final = frozenset(
    {"table", "ul", "ol", "dl", "pre", "blockquote", "section", "article", *HEADINGS}
)
_ALIGN: Final = re.compile(r"text-align\s*:\s*(left|right|center)", re.IGNORECASE)


def is_layout(table: etree._Element) -> bool:
    """Whether ``table`` arranges a page rather than holding data."""
    for node in islice(table.iter(etree.Element), 1, 20_000):
        if local_name(node) in _NOT_IN_DATA_TABLES:
            return True
    return any(
        len(text_of(cell, 200)) > MAX_CELL_CHARS for row in _rows(table) for cell in _cells(row)
    )


def _rows(table: etree._Element) -> Iterator[etree._Element]:
    """The rows of ``table`` itself (in ``<thead>``, ``<tbody>``, ``<tfoot>`` or not)."""
    for child in table.iterchildren(etree.Element):
        name = local_name(child)
        if name == "tr":
            yield child
        elif name in ("thead", "tbody", "tfoot"):
            yield from (row for row in child.iterchildren(etree.Element) if local_name(row) == "tr")


def _cells(row: etree._Element) -> Iterator[etree._Element]:
    return (cell for cell in row.iterchildren(etree.Element) if local_name(cell) in ("td", "th"))


def _align(cell: etree._Element) -> str:
    found = _ALIGN.search(cell.get("style") or "")
    if found:
        return found.group(1).lower()
    align = (cell.get("align") or "").strip().lower()
    return align if align in ("left", "right", "center") else "left"


def _span(cell: etree._Element) -> int:
    try:
        return max(1, min(int((cell.get("colspan") or "1").strip()), MAX_SPAN))
    except ValueError:
        return 1


def table(element: etree._Element, state: ConvertState, content: CellContent) -> None:
    """Emit the table block of a data table (and its caption as a paragraph before it)."""
    for child in element.iterchildren(etree.Element):
        if local_name(child) == "caption":
            text, spans = content(child, state)
            if text:
                caption = Block(
                    id=state.next_id(BlockKind.PARAGRAPH),
                    kind=BlockKind.PARAGRAPH,
                    text=text,
                    spans=spans,
                    lines=_lines(child),
                    containers=state.containers(),
                )
                state.emit(caption)
    rows: list[tuple[Cell, ...]] = []
    header_rows = 0
    in_header = True
    for row in _rows(element):
        cells: list[Cell] = []
        all_headers = True
        for cell in _cells(row):
            text, spans = content(cell, state)
            cells.append(Cell(text, spans, _align(cell)))
            cells.extend(Cell("") for _ in range(_span(cell) - 1))
            all_headers = all_headers and local_name(cell) == "th"
        parent = row.getparent()
        header = parent is not None and local_name(parent) == "thead"
        if cells and in_header and (header or all_headers):
            header_rows += 1
        else:
            in_header = False
        if cells:
            rows.append(tuple(cells))
    if rows:
        state.emit(
            Block(
                id=state.next_id(BlockKind.TABLE),
                kind=BlockKind.TABLE,
                lines=_lines(element),
                containers=state.containers(),
                rows=tuple(rows),
                header_rows=min(header_rows, len(rows) - 1) if len(rows) > 1 else 0,
            ),
        )


def _lines(element: etree._Element) -> tuple[int, int]:
    line = line_of(element)
    return (line, line)
