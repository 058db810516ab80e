"""Giant blocks: where they are cut into pieces, and what wrapping each piece needs.

A block too long to wrap at a keypress (a 10 MB paragraph, a code block or table of
megabytes) is laid out in *pieces* of about :data:`PIECE_CHARS` characters (or
:data:`PIECE_ROWS` table rows), cut at a hard line break where there is one near, else at a
space: only the pieces on screen are wrapped. A piece starts a new line, so such a block
may show a short line every hundred lines or so; nothing else differs.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

from reader.document.model import Block, BlockKind, Span
from reader.layout.runs import Part, links_of

PIECE_CHARS = 8_000
"""Blocks of more than twice this many characters are laid out in pieces of about this
size: wrapping one takes milliseconds, so no keypress waits for a whole giant block."""

PIECE_ROWS = 200
"""Tables of more than twice this many rows are laid out in pieces of this many rows."""


class PieceRange(NamedTuple):
    """Where one piece of a block is: characters of its text (rows, for a table)."""

    start: int
    end: int
    """One past the piece's last character (row)."""


def piece_ranges(block: Block) -> list[PieceRange] | None:
    """Where a block too long to lay out at once is cut: :class:`PieceRange` (start, end)
    of each piece, in characters of its text (rows of a table); None for a block laid
    out whole.

    A cut goes at a hard line break near the target size, else (outside code) at a
    space, which then belongs to neither piece; else right at the target size.
    """
    if block.kind is BlockKind.TABLE:
        count = len(block.rows)
        if count <= 2 * PIECE_ROWS:
            return None
        rows = range(0, count, PIECE_ROWS)
        return [PieceRange(row, min(row + PIECE_ROWS, count)) for row in rows]
    text = block.text
    if block.kind is BlockKind.RULE or len(text) <= 2 * PIECE_CHARS:
        return None
    code = block.kind in (BlockKind.CODE, BlockKind.HTML)
    ranges: list[PieceRange] = []
    start = 0
    while len(text) - start > 2 * PIECE_CHARS:
        target = start + PIECE_CHARS
        limit = target + PIECE_CHARS // 2
        cut, skip = text.find("\n", target, limit), 1
        if cut < 0 and not code:
            cut = text.find(" ", target, limit)
        if cut < 0:
            cut, skip = target, 0
        ranges.append(PieceRange(start, cut))
        start = cut + skip
    ranges.append(PieceRange(start, len(text)))
    return ranges


class BlockParts:
    """The pieces of one block laid out in pieces, and the spans of each: found by
    bisection, so wrapping a piece costs the spans in it, not those of the block."""

    def __init__(self, block: Block, ranges: list[PieceRange], link_base: int) -> None:
        table = block.kind is BlockKind.TABLE
        link_of = None
        if not table:
            links = links_of(block.spans)
            link_of = {id(span): link_base + number for number, span in enumerate(links)}
        self.parts: list[Part] = []
        self.link_bases: list[int] = []
        """Index of the first link of each piece of a table (of the block otherwise)."""
        after = -1
        link = link_base
        for number, (start, end) in enumerate(ranges):
            last = number + 1 == len(ranges)
            self.parts.append(Part(start, end, after, number == 0, last, link_of))
            self.link_bases.append(link)
            if table:
                cells = (cell for row in block.rows[start:end] for cell in row)
                link += sum(len(links_of(cell.spans)) for cell in cells)
            after = end
        self._spans = block.spans  # sorted by start (see Block.spans)
        self._starts = [span.start for span in self._spans]
        self._carried: list[tuple[Span, ...]] = []
        """Per piece: spans that start in an earlier piece and end past it (if only by
        the space cut at, a note number set after them belongs to this piece)."""
        if table:
            return
        open_spans: list[Span] = []
        next_span = 0
        for part in self.parts:
            while next_span < len(self._spans) and self._spans[next_span].start <= part.after:
                open_spans.append(self._spans[next_span])
                next_span += 1
            open_spans = [span for span in open_spans if span.end > part.after]
            self._carried.append(tuple(open_spans))

    def spans(self, number: int) -> list[Span]:
        """The spans with a character (or a note number) in piece ``number``."""
        if not self._carried:
            return []
        part = self.parts[number]
        low = bisect_right(self._starts, part.after)
        high = bisect_right(self._starts, part.end)
        return [*self._carried[number], *self._spans[low:high]]
