"""How the leaf blocks of a document nest again: lists, items, quotes, definition lists.

A :class:`~reader.document.model.Block` records the containers around it, outermost
first, with a list item's marker on its first block only. A writer that needs the
nesting back (HTML elements, Markdown prefixes) compares each block's levels with the
block before it: the levels they share stay open, the rest close, the block's own open.

A list item is two levels, its list and the item, so that a new item (a marker) closes
the item before it but not the list; a definition (``dd``) sits in a definition list
that its term line (``dt``) opens.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from reader.document.model import Block, BlockKind, ContainerKind

__all__ = ["Level", "LevelKind", "levels", "shared"]


class LevelKind(StrEnum):
    """A level of nesting, named by its HTML element."""

    BULLETS = "ul"
    NUMBERS = "ol"
    ITEM = "li"
    QUOTE = "blockquote"
    TERMS = "dl"
    DEFINITION = "dd"


@dataclass(frozen=True)
class Level:
    """One level around a block."""

    kind: LevelKind
    new: bool = False
    """True where the block starts a new one (a list item's first block)."""
    marker: str = ""
    """A list item's marker as the text shows it ("•", "3.")."""


_LISTS = {ContainerKind.BULLET: LevelKind.BULLETS, ContainerKind.ORDERED: LevelKind.NUMBERS}


def levels(block: Block) -> tuple[Level, ...]:
    """The levels around ``block``, outermost first (the notes section's own container
    is not a level: notes are written apart)."""
    result: list[Level] = []
    for container in block.containers:
        if container.kind in _LISTS:
            result.append(Level(_LISTS[container.kind]))
            result.append(Level(LevelKind.ITEM, bool(container.marker), container.marker))
        elif container.kind is ContainerKind.QUOTE:
            result.append(Level(LevelKind.QUOTE))
        elif container.kind is ContainerKind.DEFINITION:
            result.append(Level(LevelKind.TERMS))
            result.append(Level(LevelKind.DEFINITION))
    if block.kind is BlockKind.TERM:
        result.append(Level(LevelKind.TERMS))
    return tuple(result)


def shared(before: Sequence[Level], after: Sequence[Level]) -> int:
    """How many outer levels ``after`` keeps open from ``before``: the same kinds, up
    to the first level ``after`` starts anew."""
    count = 0
    for old, new in zip(before, after, strict=False):
        if old.kind is not new.kind or new.new:
            break
        count += 1
    return count
