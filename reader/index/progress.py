"""Where a reader is in a text: section breadcrumb, progress, time left, word count.

Computed once per document (cumulative word counts per block, and the heading that
governs each block), so asking at every scroll costs a lookup, not a pass over the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from reader.document.model import NOTES_BLOCK_ID, Block, BlockKind, Document
from reader.text.sanitize import title_line

WORDS_PER_MINUTE = 230
"""Reading speed for "time left": a common estimate for adult silent reading of prose."""

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def count_words(text: str) -> int:
    """Words in ``text``: runs of letters and digits, hyphenated words counted once."""
    return len(_WORD.findall(text))


def _block_words(block: Block) -> int:
    if block.kind is BlockKind.TABLE:
        return sum(count_words(cell.text) for row in block.rows for cell in row)
    if block.kind is BlockKind.RULE:
        return 0
    return count_words(block.text)


@dataclass(frozen=True)
class ProgressSnapshot:
    """Where the reader is with the screen shown now, in numbers: what
    :meth:`ReadingProgress.position` answers at each scroll."""

    percent: int
    """Share of the text's words up to the end of the screen, 0–100."""
    minutes_left: int
    """Minutes to read what follows the screen, at :data:`WORDS_PER_MINUTE`."""
    breadcrumb: tuple[str, ...]
    """Headings enclosing the top of the screen, outermost first."""


class ReadingProgress:
    """Per-document tables for progress and breadcrumbs."""

    def __init__(self, document: Document) -> None:
        blocks = document.blocks
        end = next((i for i, b in enumerate(blocks) if b.id == NOTES_BLOCK_ID), len(blocks))
        self.body_blocks = end
        """Blocks of the text itself; the generated notes section is not counted."""
        counts = [_block_words(block) for block in blocks[:end]]
        self._lengths = [len(block.text) for block in blocks[:end]]
        self._cumulative = [0, *accumulate(counts)]
        self.words = self._cumulative[-1]
        """Words in the text (title and notes section excluded)."""
        self._headings: list[int] = []
        self._levels: list[tuple[int, str]] = []
        for index, block in enumerate(blocks[:end]):
            if block.kind is BlockKind.HEADING and block.id != "title":
                self._headings.append(index)
                self._levels.append((block.level, title_line(block.text)))

    def breadcrumb(self, block: int) -> tuple[str, ...]:
        """Headings that enclose ``block``, outermost first."""
        position = bisect_right(self._headings, block)
        trail: list[tuple[int, str]] = []
        for level, title in self._levels[:position]:
            while trail and trail[-1][0] >= level:
                trail.pop()
            trail.append((level, title))
        return tuple(title for _, title in trail)

    def position(self, first_block: int, last_block: int, end: int = -1) -> ProgressSnapshot:
        """Progress with blocks ``first_block``..``last_block`` on screen, the last one up
        to offset ``end`` of its text (-1: all of it), which counts its words in
        proportion — the screen may show a few lines of a paragraph as long as a book."""
        last = min(last_block, self.body_blocks - 1)
        read = self._cumulative[max(0, last + 1)] if self.body_blocks else 0
        if end >= 0 and last == last_block and self._lengths[last]:
            words = self._cumulative[last + 1] - self._cumulative[last]
            read -= words - round(words * min(1.0, end / self._lengths[last]))
        percent = 100 if self.words == 0 else round(100 * read / self.words)
        if last_block >= self.body_blocks:
            percent = 100
        left = max(0, self.words - read)
        minutes = -(-left // WORDS_PER_MINUTE) if left else 0
        return ProgressSnapshot(percent, minutes, self.breadcrumb(first_block))
