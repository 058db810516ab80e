"""Links to a place in the text itself: a span of kind LINK whose target is
``#<block id>`` leads to that block (a book's links between its chapters, made so by
:mod:`reader.document.epub.links`). The reader follows one by jumping there, and
Backspace returns; any other target is an address, offered to the browser."""

from __future__ import annotations

from typing import Final

BLOCK_LINK_PREFIX: Final = "#"


def block_link(block_id: str) -> str:
    """The link target of the block ``block_id``."""
    return f"{BLOCK_LINK_PREFIX}{block_id}"


def linked_block(target: str) -> str | None:
    """The block id a link target names, or None for an address."""
    if target.startswith(BLOCK_LINK_PREFIX) and len(target) > len(BLOCK_LINK_PREFIX):
        return target[len(BLOCK_LINK_PREFIX) :]
    return None
