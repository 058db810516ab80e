"""Where a reader is in a text: section breadcrumb, progress, time left, word count.

Computed once per document (cumulative word counts per block, and the heading that
governs each block), so asking at every scroll costs a lookup, not a pass over the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

from reader.document.model import NOTES_BLOCK_ID, TITLE_BLOCK_ID, Block, BlockKind, Document
from reader.text.sanitize import title_line
from reader.text.turns import giving_way

WORDS_PER_MINUTE = 230
"""Reading speed for "time left": a common estimate for adult silent reading of prose
(the ``reading_speed`` setting changes it)."""

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


GIVE_WAY_WORDS = 20_000
"""Words counted between two points where a load gives way to the UI (a few ms)."""


def count_words(text: str) -> int:
    """Words in ``text``: runs of letters and digits, hyphenated words counted once.

    Counted as they are found, not gathered by one ``findall``: a C call that held the GIL
    for seconds over a 10 MB paragraph, while the UI thread waited to answer a key. A
    paragraph that long is counted giving way every :data:`GIVE_WAY_WORDS` words (0.4 s
    of counting for one of 10 MB, which a key pressed meanwhile shared)."""
    words: Iterator[object] = _WORD.finditer(text)
    if len(text) >= GIVE_WAY_WORDS:  # short texts without the checkpoints' generator
        words = giving_way(words, GIVE_WAY_WORDS)
    return sum(1 for _ in words)


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
    """Share of the text's words before the top of the screen, 0–99; 100 once the end
    of the text is on screen."""
    minutes_left: int
    """Minutes to read from the top of the screen on, at the reading speed asked for
    (:data:`WORDS_PER_MINUTE` unless the settings say otherwise)."""
    breadcrumb: tuple[str, ...]
    """Headings enclosing the top of the screen, outermost first."""


class ReadingProgress:
    """Per-document tables for progress and breadcrumbs."""

    def __init__(self, document: Document) -> None:
        blocks = document.blocks
        end = next((i for i, b in enumerate(blocks) if b.id == NOTES_BLOCK_ID), len(blocks))
        self.body_blocks = end
        """Blocks of the text itself; the generated notes section is not counted."""
        counts = [_block_words(block) for block in giving_way(blocks[:end])]
        self._lengths = [len(block.text) for block in blocks[:end]]
        self._cumulative = [0, *accumulate(counts)]
        self.words = self._cumulative[-1]
        """Words in the text (title and notes section excluded)."""
        self._headings: list[int] = []
        """Index of each heading's block."""
        self._titles: list[str] = []
        self._parents: list[int] = []
        """Per heading, the nearest heading before it of a higher level (-1: none): the
        breadcrumb is a walk up these, as long as the nesting, however many headings."""
        open_headings: list[tuple[int, int]] = []  # (level, heading) enclosing the next
        for index, block in enumerate(giving_way(blocks[:end])):
            if block.kind is BlockKind.HEADING and block.id != TITLE_BLOCK_ID:
                while open_headings and open_headings[-1][0] >= block.level:
                    open_headings.pop()
                self._parents.append(open_headings[-1][1] if open_headings else -1)
                open_headings.append((block.level, len(self._headings)))
                self._headings.append(index)
                self._titles.append(title_line(block.text))

    def breadcrumb(self, block: int) -> tuple[str, ...]:
        """Headings that enclose ``block``, outermost first."""
        heading = bisect_right(self._headings, block) - 1
        trail: list[str] = []
        while heading >= 0:
            trail.append(self._titles[heading])
            heading = self._parents[heading]
        return tuple(reversed(trail))

    def _words_before(self, block: int, offset: int) -> int:
        """Words of the text before offset ``offset`` of ``block`` (in proportion inside
        the block: it may be a paragraph as long as a book)."""
        block = min(block, self.body_blocks)
        before = self._cumulative[block]
        if block < self.body_blocks and offset > 0 and self._lengths[block]:
            words = self._cumulative[block + 1] - before
            before += round(words * min(1.0, offset / self._lengths[block]))
        return before

    def position(
        self,
        first_block: int,
        last_block: int,
        start: int = 0,
        end: int = -1,
        *,
        words_per_minute: int = WORDS_PER_MINUTE,
    ) -> ProgressSnapshot:
        """Progress with blocks ``first_block``..``last_block`` on screen, from offset
        ``start`` of the first to offset ``end`` of the last (-1: all of it).

        The share is of the words before the top of the screen (0 % at the start of the
        text: nothing is read yet), and 100 % once the end of the text is on screen; the
        minutes are for what follows the top of the screen."""
        at_end = last_block >= self.body_blocks - 1 and (
            end < 0 or last_block >= self.body_blocks or end >= self._lengths[last_block]
        )
        before = self._words_before(first_block, start)
        if at_end or self.words == 0:
            return ProgressSnapshot(100, 0, self.breadcrumb(first_block))
        percent = min(99, 100 * before // self.words)
        left = self.words - before
        minutes = -(-left // max(1, words_per_minute))
        return ProgressSnapshot(percent, minutes, self.breadcrumb(first_block))
