"""The layout of a whole document at one width, wrapped lazily, piece by piece.

Blocks are wrapped only when asked for (the view asks for what is on screen), and their
heights are estimated until then (:mod:`reader.layout.estimate`), so the first screen of a
book appears before the rest of the book is laid out. Estimates only ever move text
*below* the block being drawn.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import OrderedDict
from typing import NamedTuple

from reader.document.model import Block, BlockKind, Document
from reader.layout.blocks import MIN_TEXT_WIDTH, layout_block, prefixes
from reader.layout.estimate import Shapes
from reader.layout.pieces import BlockParts, PieceRange, piece_ranges
from reader.layout.plain import plain_block_lines
from reader.layout.runs import Line, LinkTarget, block_links
from reader.layout.tables import fitted_widths, natural_widths
from reader.layout.tops import LineTops
from reader.text.collector import collector_paused
from reader.text.turns import giving_way

EAGER_LAYOUT_CHARS = 20_000
"""Texts smaller than this are laid out completely at once: exact heights, no estimates.
A few screens: a long text's opening (``HEAD_CHARS`` of the pipeline, 60,000) is laid
out as a book is, a screen at a time, or its first frame waits for all of it."""

BLOCK_CACHE_SIZE = 4_000
"""Wrapped pieces kept; heights are kept for all of them regardless."""


class ShownPassage(NamedTuple):
    """What a stretch of document lines shows (see :meth:`DocumentLayout.shown`): what
    the reader has on screen, for the panels that follow the reading."""

    first_block: int
    last_block: int
    start: int = 0
    """Offset of the first character shown of ``first_block``'s text (0 if none is)."""
    end: int = -1
    """Offset past the last character shown of ``last_block``'s text (-1: its end,
    or none is)."""


class DocumentLayout:
    """The lines of a whole document at one width; pieces wrapped on demand and cached.

    Internally the document is a sequence of *pieces*: one per block, or several for a
    block too long to wrap at once (:func:`piece_ranges`). Heights, tops and the cache are
    per piece; everything public speaks of blocks and document lines.
    """

    def __init__(self, document: Document, width: int, *, justify: bool = False) -> None:
        self.document = document
        self.width = max(MIN_TEXT_WIDTH, width)
        self.justify = justify
        """Whether paragraphs are justified (the line breaks, so heights, are the same)."""
        self._links: list[LinkTarget] | None = None
        self._link_base: list[int] = []
        self._ranges: dict[int, list[PieceRange]] = {}
        self._first_piece = array("q")
        """Index of each block's first piece, and the number of pieces at the end."""
        self._piece_block = array("q")
        """Index of the block of each piece."""
        count = 0
        chars = 0
        for index, block in enumerate(giving_way(document.blocks)):
            if chars <= EAGER_LAYOUT_CHARS:
                chars += _size(block)
            self._link_base.append(count)
            count += len(block_links(block))
            ranges = piece_ranges(block)
            if ranges is not None:
                self._ranges[index] = ranges
            self._first_piece.append(len(self._piece_block))
            self._piece_block.extend([index] * (len(ranges) if ranges else 1))
        self._first_piece.append(len(self._piece_block))
        self._eager = chars <= EAGER_LAYOUT_CHARS
        """Whether the text is short enough to be wrapped whole at every width (its
        heights exact): counted once, not at each width (a book's 100,000 blocks took
        40–100 ms to sum on the UI thread at every resize)."""
        self._shapes = Shapes(document.blocks, self._ranges)
        self._parts = {
            index: BlockParts(document.blocks[index], ranges, self._link_base[index])
            for index, ranges in self._ranges.items()
        }
        """The pieces of each block laid out in pieces, with their spans and links: the
        same at every width, and a pass over the whole block (a 15,000-row table's cells:
        a tenth of a second), so made here, where a text's layout is made (in the loading
        thread), not when the block is first drawn."""
        self._natural_widths = {
            index: natural_widths(document.blocks[index])
            for index in self._ranges
            if document.blocks[index].kind is BlockKind.TABLE
        }
        """Column widths with nothing wrapped of the tables laid out in pieces: measured
        here for the same reason (measured at the first frame, a quarter of a second for
        a table of 60,000 cells, on the UI thread, at each new text and width)."""
        self._cache: OrderedDict[int, list[Line]] = OrderedDict()
        self._tops = LineTops(())
        """Height and first line of each piece: exact where laid out, else estimated."""
        self._reset_heights()

    @property
    def links(self) -> list[LinkTarget]:
        """Every link a reader can focus and follow, in reading order; listed on first use
        (a book has tens of thousands, and showing it needs none of them)."""
        if self._links is None:
            links: list[LinkTarget] = []
            for index, block in enumerate(self.document.blocks):
                table = block.kind is BlockKind.TABLE
                for span in block_links(block):
                    start = -1 if table else span.start
                    links.append(LinkTarget(len(links), index, span.kind, span.target, start))
            self._links = links
        return self._links

    @collector_paused()
    def _reset_heights(self) -> None:
        self._cache.clear()
        heights = self._shapes.estimate(self.width)
        if self._eager:
            for piece in range(len(heights)):  # exact heights, the tops counted once
                lines = self._wrap(piece)
                self._keep(piece, lines)
                heights[piece] = len(lines)
        self._tops = LineTops(heights)

    def set_width(self, width: int) -> bool:
        """Lay out again at ``width``; True if it changed."""
        width = max(MIN_TEXT_WIDTH, width)
        if width == self.width:
            return False
        self.width = width
        self._reset_heights()
        return True

    def set_justify(self, justify: bool) -> bool:
        """Justify paragraphs, or set them ragged; True if it changed."""
        if justify == self.justify:
            return False
        self.justify = justify
        self._reset_heights()
        return True

    @property
    def height(self) -> int:
        """Total lines, exact for pieces laid out so far, estimated for the rest."""
        return self._tops.total

    def _piece_lines(self, piece: int) -> list[Line]:
        """The lines of piece ``piece``, wrapping it now if needed."""
        lines = self._cache.get(piece)
        if lines is not None:
            self._cache.move_to_end(piece)
            return lines
        lines = self._wrap(piece)
        self._keep(piece, lines)
        self._tops.set_height(piece, len(lines))
        return lines

    def _keep(self, piece: int, lines: list[Line]) -> None:
        """Cache the lines of piece ``piece``, forgetting the least recently used."""
        self._cache[piece] = lines
        if len(self._cache) > BLOCK_CACHE_SIZE:
            self._cache.popitem(last=False)

    def _wrap(self, piece: int) -> list[Line]:
        """Lay out piece ``piece`` now."""
        index = self._piece_block[piece]
        block = self.document.blocks[index]
        link_base = self._link_base[index]
        first = index == 0
        if index not in self._ranges:
            lines = layout_block(block, self.width, link_base, first=first, justify=self.justify)
        else:
            parts = self._parts[index]
            number = piece - self._first_piece[index]
            widths = None
            if block.kind is BlockKind.TABLE:
                widths = self.column_widths(index)
            lines = layout_block(
                block,
                self.width,
                parts.link_bases[number],
                first=first,
                part=parts.parts[number],
                spans=parts.spans(number),
                widths=widths,
                justify=self.justify,
            )
        return lines

    def column_widths(self, index: int) -> list[int]:
        """The width of each column of the table in block ``index`` at this width."""
        block = self.document.blocks[index]
        natural = self._natural_widths.get(index)
        if natural is None:  # a table small enough to measure at each use
            natural = natural_widths(block)
        return fitted_widths(natural, max(MIN_TEXT_WIDTH, self.width - prefixes(block)[2]))

    def _pieces_of(self, index: int) -> range:
        return range(self._first_piece[index], self._first_piece[index + 1])

    def block_lines(self, index: int) -> list[Line]:
        """The lines of block ``index``, wrapping it now if needed (all of it: for a
        giant block prefer :meth:`line` and :meth:`offset_line`)."""
        pieces = self._pieces_of(index)
        if len(pieces) == 1:
            return self._piece_lines(pieces[0])
        return [line for piece in pieces for line in self._piece_lines(piece)]

    def block_height(self, index: int) -> int:
        """Lines of block ``index``: exact where laid out, estimated elsewhere."""
        return self._tops.top(self._first_piece[index + 1]) - self._tops.top(
            self._first_piece[index]
        )

    def lay_out(self, first: int, last: int) -> bool:
        """Wrap now every piece with a line in document lines ``first``..``last``, so
        that drawing them later corrects no estimate (and so changes no height). Lines
        above ``first`` do not move. True if the height of the document changed.

        For a view to call when idle with the page below the screen (and after showing a
        document or changing width), so that paging down draws exact pieces only."""
        pieces = len(self._piece_block)
        if not pieces or last < max(0, first):
            return False
        before = self.height
        piece = self._locate_piece(first)[0]
        top = self._tops.top(piece)  # wrapping a piece moves only those below it
        while piece < pieces and top <= last:
            top += len(self._piece_lines(piece))
            piece += 1
        return self.height != before

    def block_top(self, index: int) -> int:
        """First line of block ``index`` (including its separating blank line)."""
        return self._tops.top(self._first_piece[index])

    def _locate_piece(self, y: int) -> tuple[int, int]:
        """(piece, line within piece) of document line ``y``, clamped to the text."""
        pieces = len(self._piece_block)
        if pieces == 0:
            return (0, 0)
        piece = self._tops.piece_at(y)
        return piece, max(0, y - self._tops.top(piece))

    def locate(self, y: int) -> tuple[int, int]:
        """(block index, line within block) of document line ``y``, clamped to the text."""
        if not self.document.blocks:
            return (0, 0)
        index = self._piece_block[self._locate_piece(y)[0]]
        return index, max(0, y - self.block_top(index))

    def line(self, y: int) -> Line | None:
        """Document line ``y``, or None past the end."""
        if y < 0 or not self.document.blocks:
            return None
        piece, row = self._locate_piece(y)
        lines = self._piece_lines(piece)
        # Wrapping may have changed this piece's height; its top did not move.
        if row < len(lines):
            return lines[row]
        if piece + 1 < len(self._piece_block):
            next_top = self._tops.top(piece + 1)
            return self.line(y) if y >= next_top else ()
        return None

    def _offset_piece(self, index: int, offset: int) -> int:
        """The piece of block ``index`` that shows character ``offset`` of its text (the
        first of a table's)."""
        ranges = self._ranges.get(index)
        first = self._first_piece[index]
        if ranges is None or self.document.blocks[index].kind is BlockKind.TABLE:
            return first
        return first + max(0, bisect_right(ranges, offset, key=lambda piece: piece.start) - 1)

    def link_line(self, link: int) -> int:
        """Document line on which link ``link`` starts."""
        target = self.links[link]
        if target.block in self._ranges and target.start < 0:  # in a table's cell
            bases = self._parts[target.block].link_bases
            piece = self._first_piece[target.block] + bisect_right(bases, link) - 1
        else:
            piece = self._offset_piece(target.block, max(0, target.start))
        # The next piece too: a link whose text starts with the space a cut was made at.
        for candidate in range(piece, min(piece + 2, self._first_piece[target.block + 1])):
            top = self._tops.top(candidate)
            for row, line in enumerate(self._piece_lines(candidate)):
                if any(run.link == link for run in line):
                    return top + row
        return self.block_top(target.block)

    def offset_line(self, index: int, offset: int) -> int:
        """Document line showing character ``offset`` of block ``index``'s text."""
        piece = self._offset_piece(index, offset)
        lines = self._piece_lines(piece)
        top = self._tops.top(piece)
        found = 0
        for row, line in enumerate(lines):
            for run in line:
                if 0 <= run.offset <= offset:
                    found = row
        if found == 0:
            # The piece's first content line (after its separating blank line, if any).
            found = next((row for row, line in enumerate(lines) if line), 0)
        return top + found

    def visible_blocks(self, first: int, last: int) -> tuple[int, int]:
        """Indices of the first and last blocks with a line in ``first``..``last``."""
        return self.locate(first)[0], self.locate(last)[0]

    def shown(self, first: int, last: int) -> ShownPassage:
        """What document lines ``first``..``last`` show: their first and last block, the
        offset of the first character shown of the first block's text (0 if its lines
        there carry none) and the offset past the last one shown of the last's (-1: its
        end, or none)."""
        start, end = 0, -1
        top_block, bottom_block = self.visible_blocks(first, last)
        for y in range(first, last + 1):
            if self.locate(y)[0] != top_block:
                break
            offsets = [run.offset for run in self.line(y) or () if run.offset >= 0]
            if offsets:
                start = offsets[0]
                break
        for y in range(last, first - 1, -1):
            if self.locate(y)[0] != bottom_block:
                break
            runs = [run for run in self.line(y) or () if run.offset >= 0]
            if runs:
                end = runs[-1].offset + len(runs[-1].text)
                break
        return ShownPassage(top_block, bottom_block, start, end)

    def links_on(self, first: int, last: int) -> list[int]:
        """Links that appear on document lines ``first``..``last`` inclusive."""
        found: dict[int, None] = {}
        for y in range(first, last + 1):
            for run in self.line(y) or ():
                if run.link >= 0:
                    found[run.link] = None
        return list(found)

    @collector_paused()
    def plain_lines(self) -> list[str]:
        """Every line as plain text, laid out exactly: for ``reader render``.

        Prose is laid out as text alone where it can be (:mod:`reader.layout.plain`), the
        rest as runs; their heights are exact afterwards, but the pieces laid out here are
        not cached (a whole book's runs would fill the cache for nothing)."""
        lines: list[str] = []
        for piece in range(len(self._piece_block)):
            plain = None if self.justify else self._plain_piece(piece)
            if plain is None:
                cached = self._cache.get(piece)
                runs = cached if cached is not None else self._wrap(piece)
                plain = ["".join(run.text for run in line).rstrip() for line in runs]
            self._tops.set_height(piece, len(plain))
            lines.extend(plain)
        return lines

    def _plain_piece(self, piece: int) -> list[str] | None:
        """The lines of piece ``piece`` as text, if it is prose :mod:`reader.layout.plain`
        lays out (else None)."""
        index = self._piece_block[piece]
        block = self.document.blocks[index]
        if index not in self._ranges:
            return plain_block_lines(block, self.width, first=index == 0)
        if block.kind is BlockKind.TABLE:
            return None
        parts = self._parts[index]
        number = piece - self._first_piece[index]
        return plain_block_lines(
            block,
            self.width,
            first=index == 0,
            part=parts.parts[number],
            spans=parts.spans(number),
        )


def _size(block: Block) -> int:
    """Characters of a block, its table cells included."""
    return len(block.text) + sum(len(cell.text) for row in block.rows for cell in row)
