"""A document's flat text: its blocks as one string, the coordinate system of anchors.

A document is flattened once into one string (:func:`flat_text`): the text of each block,
blocks separated by a blank line, table cells joined with " | ". Bookmark anchors are
offsets into that string (:mod:`reader.userdata.anchor`), so they do not depend on the
screen width, and :class:`FlatText` turns those offsets back into blocks and sections.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Final

from reader.document.model import NOTES_BLOCK_ID, TITLE_BLOCK_ID, Block, BlockKind, Document
from reader.text.sanitize import title_line

__all__ = [
    "BLOCK_SEPARATOR",
    "CELL_SEPARATOR",
    "ROW_SEPARATOR",
    "FlatText",
    "block_text",
    "flat_text",
]

BLOCK_SEPARATOR: Final = "\n\n"
CELL_SEPARATOR: Final = " | "
ROW_SEPARATOR: Final = "\n"


@dataclass(frozen=True)
class FlatText:
    """A document's text as one string, with where each block starts and ends.

    Built by :func:`flat_text`; offsets in anchors index :attr:`text`. The string itself
    is joined only when first asked for: the offsets are all that placing bookmarks in
    the text needs, and the string is a second copy of the whole text (9 MB for a 5 MB
    book, at two bytes a character) that a reader holding it for the whole session
    kept for nothing. Re-anchoring and new anchors ask for it, on a flat text made for
    the occasion (:class:`reader.userdata.session.ReadingSession`).
    """

    parts: tuple[str, ...]
    """Each block's text (the document's own strings; a table's cells joined)."""
    block_starts: tuple[int, ...]
    """Offset of each block's first character, in reading order."""
    block_ends: tuple[int, ...]
    block_ids: tuple[str, ...]
    sections: tuple[str | None, ...]
    """For each block, the text of the heading it falls under (a heading's own text)."""
    _index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lengths = {
            len(self.parts),
            len(self.block_starts),
            len(self.block_ends),
            len(self.block_ids),
        }
        if len(lengths) != 1 or len(self.sections) != len(self.block_ids):
            raise ValueError("FlatText: one text, start, end, id and section per block")
        index: dict[str, int] = {}
        for position, block_id in enumerate(self.block_ids):
            index.setdefault(block_id, position)
        object.__setattr__(self, "_index", index)

    @classmethod
    def from_blocks(
        cls, blocks: Iterable[tuple[str, str]], sections: Sequence[str | None] | None = None
    ) -> FlatText:
        """A flat text from ``(block_id, text)`` pairs (for tests and other sources)."""
        starts: list[int] = []
        ends: list[int] = []
        ids: list[str] = []
        parts: list[str] = []
        offset = 0
        for block_id, text in blocks:
            if parts:
                offset += len(BLOCK_SEPARATOR)
            starts.append(offset)
            offset += len(text)
            ends.append(offset)
            ids.append(block_id)
            parts.append(text)
        found = tuple(sections) if sections is not None else (None,) * len(ids)
        return cls(tuple(parts), tuple(starts), tuple(ends), tuple(ids), found)

    @cached_property
    def text(self) -> str:
        """The whole text: the blocks' texts, a blank line between two (joined on first
        use, then kept with this flat text)."""
        return BLOCK_SEPARATOR.join(self.parts)

    def __len__(self) -> int:
        return self.block_ends[-1] if self.block_ends else 0

    def block_at(self, offset: int) -> int:
        """Index of the block containing ``offset`` (a separator belongs to the block
        before it); -1 when there are no blocks. Offsets outside the text are clamped."""
        if not self.block_starts:
            return -1
        return max(0, bisect.bisect_right(self.block_starts, offset) - 1)

    def block_range(self, index: int) -> tuple[int, int]:
        """Start and end offsets of block ``index`` (its text, without separators)."""
        return self.block_starts[index], self.block_ends[index]

    def index_of(self, block_id: str) -> int | None:
        """Index of the block called ``block_id``, or None."""
        return self._index.get(block_id)

    def block_id_at(self, offset: int) -> str | None:
        """Id of the block containing ``offset``, or None for an empty document."""
        index = self.block_at(offset)
        return self.block_ids[index] if index >= 0 else None

    def section_at(self, offset: int) -> str | None:
        """The heading the text at ``offset`` falls under, if any."""
        index = self.block_at(offset)
        return self.sections[index] if index >= 0 else None

    def to_block(self, offset: int) -> tuple[str, int] | None:
        """``offset`` as (block id, offset within that block's text), clamped to the block."""
        index = self.block_at(offset)
        if index < 0:
            return None
        start, end = self.block_range(index)
        return self.block_ids[index], min(max(offset - start, 0), end - start)

    def offset_of(self, block_id: str, offset_in_block: int = 0) -> int | None:
        """The flat offset of a position given as block id and offset within the block
        (clamped to the block); None when no block has that id."""
        index = self.index_of(block_id)
        if index is None:
            return None
        start, end = self.block_range(index)
        return start + min(max(offset_in_block, 0), end - start)


def block_text(block: Block) -> str:
    """A block's text as it appears in the flat text (table cells joined with " | ")."""
    if block.kind is BlockKind.TABLE:
        return ROW_SEPARATOR.join(
            CELL_SEPARATOR.join(cell.text for cell in row) for row in block.rows
        )
    return block.text


def flat_text(doc: Document) -> FlatText:
    """The document's own blocks as one string, blocks separated by a blank line.

    The title heading and the notes section that :func:`reader.linking.link_document`
    adds are left out, so a parsed and a linked document give the same flat text (and the
    same anchors).
    """
    pairs: list[tuple[str, str]] = []
    sections: list[str | None] = []
    section: str | None = None
    for block in doc.blocks:
        if block.id == NOTES_BLOCK_ID:
            break
        if block.id == TITLE_BLOCK_ID:
            continue
        if block.kind is BlockKind.HEADING:
            section = title_line(block.text)
        pairs.append((block.id, block_text(block)))
        sections.append(section)
    return FlatText.from_blocks(pairs, sections)
