"""Height estimates of pieces not wrapped yet, so a book shows before it is all laid out.

What a piece's height depends on is measured once per document (:class:`Shapes`); the
estimate at a width is then arithmetic over flat arrays, redone at each width change.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from typing import Final

from reader.document.model import Block, BlockKind
from reader.layout.blocks import MIN_TEXT_WIDTH
from reader.text.turns import giving_way

_WRAP_WASTE = 0.35
"""Greedy wrapping leaves, on average, this fraction of a word (plus its space) empty at
the end of each full line; fitted on generated Portuguese prose at 40 to 100 columns."""


class Shapes:
    """What estimating the height of each piece of each block needs to know of it,
    whatever the width (a block laid out whole is one piece).

    Kept in flat arrays rather than an object per block: a book has tens of thousands of
    blocks, and that many small objects would also cost the garbage collector.
    """

    _PLAIN: Final = -1
    """``chars`` of a piece whose height does not depend on the width (rules, tables)."""
    _MANY: Final = -2
    """``chars`` of a piece whose parts are in :attr:`many` (code, hard line breaks)."""

    def __init__(
        self, blocks: Sequence[Block], ranges: Mapping[int, Sequence[tuple[int, int]]]
    ) -> None:
        self.fixed = array("q")
        """Lines whatever the width: the separating blank line, a heading's rule, rows."""
        self.margin = array("q")
        """Columns the block's containers take."""
        self.chars = array("q")
        """Characters of a one-line paragraph or heading, note numbers included."""
        self.words = array("q")
        """Words of the same (spaces plus one)."""
        self.many: dict[int, tuple[bool, tuple[tuple[int, int], ...]]] = {}
        """Per piece index: whether it is code (lines cut where they overflow), and the
        (characters, words) of each of its source or hard lines."""
        for index, block in enumerate(giving_way(blocks)):  # one plain loop: books have many blocks
            separated = 0 if index == 0 or block.tight else 1
            margin = 2 * len(block.containers)
            kind = block.kind
            if kind is BlockKind.TABLE:
                for number, (start, end) in enumerate(ranges.get(index, [(0, len(block.rows))])):
                    rule = 1 if start < block.header_rows <= end else 0
                    self._add((0 if number else separated) + end - start + rule, margin)
                continue
            if kind is BlockKind.RULE:
                self._add(separated + 1, margin)
                continue
            text = block.text
            pieces = ranges.get(index, [(0, len(text))])
            code = kind is BlockKind.CODE or kind is BlockKind.HTML
            # Note numbers set after terms and footnote refs take room too.
            numbers = [0] * len(pieces)
            if not code:
                ends = [end for _, end in pieces]
                for span in block.spans:
                    if span.number is not None:
                        piece = min(len(pieces) - 1, bisect_left(ends, span.end))
                        numbers[piece] += len(str(span.number))
            for number, (start, end) in enumerate(pieces):
                fixed = 0 if number else separated
                if kind is BlockKind.HEADING and block.level <= 2 and number + 1 == len(pieces):
                    fixed += 1  # the rule under it
                piece_text = text if len(pieces) == 1 else text[start:end]
                if code:
                    lines = piece_text.expandtabs(4).split("\n")
                    self.many[len(self.fixed)] = (True, tuple((len(line), 1) for line in lines))
                    self._add(fixed, margin, self._MANY)
                elif "\n" in piece_text:  # hard line breaks: each part starts a line
                    parts = [(len(line), line.count(" ") + 1) for line in piece_text.split("\n")]
                    parts[-1] = (parts[-1][0] + numbers[number], parts[-1][1])
                    self.many[len(self.fixed)] = (False, tuple(parts))
                    self._add(fixed, margin, self._MANY)
                else:
                    chars = len(piece_text) + numbers[number]
                    self._add(fixed, margin, chars, piece_text.count(" ") + 1)

    def _add(self, fixed: int, margin: int, chars: int = _PLAIN, words: int = 0) -> None:
        self.fixed.append(fixed)
        self.margin.append(margin)
        self.chars.append(chars)
        self.words.append(words)

    def estimate(self, width: int) -> list[int]:
        """The probable height of every piece at ``width``."""
        heights = []
        rows = zip(self.fixed, self.margin, self.chars, self.words, strict=True)
        for index, (fixed, margin, chars, words) in enumerate(giving_way(rows)):
            room = max(MIN_TEXT_WIDTH, width - margin)
            if chars >= 0:
                heights.append(fixed + _prose_lines(chars, words, room))
            elif chars == self._PLAIN:
                heights.append(fixed)
            else:
                code, parts = self.many[index]
                if code:
                    code_room = max(1, room - 2)
                    lines = sum(max(1, -(-size // code_room)) for size, _ in parts)
                else:
                    lines = sum(_prose_lines(size, count, room) for size, count in parts)
                heights.append(fixed + lines)
        return heights


def _prose_lines(chars: int, words: int, room: int) -> int:
    """Lines that ``chars`` characters in ``words`` words probably take wrapped at ``room``:
    full lines are shorter than ``room`` by what greedy wrapping typically leaves empty at
    their ends, which grows with the mean word length."""
    if chars <= room:
        return 1
    waste = _WRAP_WASTE * (chars / words + 1)
    return max(1, math.ceil((chars - waste) / max(1.0, room - waste)))
