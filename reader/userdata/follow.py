"""Following a place in a text into an edited version of it: the same words, found again.

A reader who edits the text they are reading (or whose text changes on disk) must stay on
the words they were at, even where blocks were added above (block ids are ordinals: "p-12"
names another paragraph then). The place becomes an anchor of the words that start there
(:func:`reader.userdata.anchor.make_anchor`, as a bookmark's) and is found again in the new
text by the bookmarks' re-anchoring (:func:`reader.userdata.reanchor.reanchor`).
"""

from __future__ import annotations

from typing import Final, NamedTuple

from reader.document import Document
from reader.userdata.anchor import AnchorError, make_anchor
from reader.userdata.flat import FlatText
from reader.userdata.reanchor import reanchor

__all__ = ["QUOTE_CHARS", "BlockPlace", "follow_place"]

QUOTE_CHARS: Final = 64
"""Characters quoted from the place on: enough to be found again, few enough to survive
an edit near it."""


class BlockPlace(NamedTuple):
    """A place as the view knows it: block index and offset in the block's text."""

    block: int
    offset: int


def follow_place(
    old: Document, old_flat: FlatText, new: Document, new_flat: FlatText, place: BlockPlace
) -> BlockPlace | None:
    """Where ``place`` in ``old`` is in ``new``: the same words if they are still there,
    else the block with the same id (the title, the notes, a text with no words to
    quote); None when neither is found."""
    blocks = old.blocks
    if not 0 <= place.block < len(blocks):
        return None
    block_id = blocks[place.block].id
    start = old_flat.offset_of(block_id, max(0, place.offset))
    if start is not None:
        end = min(start + QUOTE_CHARS, old_flat.block_range(old_flat.block_at(start))[1])
        try:
            anchor = make_anchor(old_flat, start, end)
        except AnchorError:
            anchor = None  # an empty block: nothing to quote
        if anchor is not None:
            found = reanchor(new_flat, anchor)[1]
            located = new_flat.to_block(found) if found is not None else None
            index = new.block_index(located[0]) if located is not None else None
            if located is not None and index is not None:
                return BlockPlace(index, located[1])
    index = new.block_index(block_id)
    if index is None:
        return None
    return BlockPlace(index, min(max(0, place.offset), len(new.blocks[index].text)))
