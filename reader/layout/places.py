"""Places in a laid-out text that survive a new width or a relinked text.

A scroll offset is a line number, true only at the width it was taken at. A
:class:`TextPlace` names the block (by id, which relinking keeps), the line within it and
the offset in its text of the first character on that line, so a jump back, a resize or
the full text replacing its opening lands on the same words.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple

from reader.layout.document import DocumentLayout, ShownPassage
from reader.layout.tables import table_lines

ROWS_COUNTED = 2_000
"""Rows of a table wrapped, at most, to find the line a row starts on; past these the
line is estimated in proportion (a table that long is a data dump, not read)."""


class TextPlace(NamedTuple):
    """A place in a text whatever the width."""

    block_id: str
    line: int
    """Line within the block."""
    offset: int
    """Offset in the block's text of the first character on that line (-1 where the
    line shows none: a blank line, code, a table)."""


class LineStart(NamedTuple):
    """Where a document line starts: block index, line within it, offset or -1."""

    block: int
    line: int
    offset: int


def top_of(layout: DocumentLayout, y: int) -> LineStart | None:
    """Block, line within it and offset of the first character shown (-1: none) of
    document line ``y``."""
    if not layout.document.blocks:
        return None
    index, row = layout.locate(y)
    runs = layout.line(y) or ()
    return LineStart(index, row, next((run.offset for run in runs if run.offset >= 0), -1))


def place_at(layout: DocumentLayout, y: int) -> TextPlace | None:
    """The place of document line ``y``."""
    top = top_of(layout, y)
    if top is None:
        return None
    return TextPlace(layout.document.blocks[top.block].id, top.line, top.offset)


def line_of_place(layout: DocumentLayout, place: TextPlace) -> int | None:
    """The document line of ``place`` at the layout's width; None if its block is gone."""
    index = layout.document.block_index(place.block_id)
    if index is None:
        return None
    # By offset where the line showed text; else (code, a table, a blank line) by line
    # within the block, once its start is laid out so that its height is exact.
    y = layout.offset_line(index, max(0, place.offset))
    if place.offset < 0:
        rows = layout.block_height(index)
        y = layout.block_top(index) + min(place.line, max(0, rows - 1))
    return y


def next_link(layout: DocumentLayout, current: int | None, top: int, bottom: int, step: int) -> int:
    """The link Tab (``step`` 1) or Shift+Tab (-1) goes to from ``current``, with lines
    ``top``..``bottom`` on screen: the next in reading order, wrapping round; from a link
    off screen (or none), the first (or last) on screen, else the nearest below (above).
    The layout must have links."""
    links = layout.links
    visible = layout.links_on(top, bottom)
    if current is not None and current in visible:
        return (current + step) % len(links)
    if visible:
        return visible[0] if step > 0 else visible[-1]
    index, _ = layout.locate(top)
    # Links are in reading order: the first in a block at or below the screen's is found
    # by bisection, not by walking the tens of thousands of links above it.
    below = bisect_left(links, index, key=lambda link: link.block)
    if step > 0:
        return links[below].index if below < len(links) else 0
    return links[below - 1].index if below > 0 else len(links) - 1


def shown_range(layout: DocumentLayout, shown: ShownPassage | None, block: int) -> tuple[int, int]:
    """Start and end offsets of the part of ``block``'s text in ``shown`` (all of it if
    none is)."""
    length = len(layout.document.blocks[block].text)
    if shown is None or not shown.first_block <= block <= shown.last_block:
        return 0, length
    start = shown.start if block == shown.first_block else 0
    end = shown.end if block == shown.last_block and shown.end >= 0 else length
    return start, end


def table_row_line(layout: DocumentLayout, index: int, row: int) -> int:
    """The document line where row ``row`` of the table in block ``index`` starts."""
    block = layout.document.blocks[index]
    top = layout.block_top(index)
    rows = len(block.rows)
    if not 0 < row < rows:
        return layout.offset_line(index, 0)
    if row > ROWS_COUNTED:
        return top + layout.block_height(index) * row // rows
    before = len(table_lines(block, layout.column_widths(index), 0, range(row)))
    separator = 1 if index > 0 and not block.tight else 0
    y = top + separator + before
    # Rows laid out in pieces before the row's: their real heights, not estimates.
    if layout.lay_out(top, y):
        top = layout.block_top(index)
        y = top + separator + before
    return y
