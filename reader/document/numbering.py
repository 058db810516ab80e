"""Block ids and container markers: one rule for every converter (Markdown, web pages,
books), so that a block is called the same whatever walk made it — bookmarks, positions
and a book's link anchors all name blocks by these ids."""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from typing import Protocol

from reader.document.model import BlockKind, Container, ContainerKind


class OpenContainerLike(Protocol):
    """What a walk's open container must have for :func:`take_containers`."""

    kind: ContainerKind
    marker: str
    is_list: bool


def next_block_id(counters: MutableMapping[str, int], kind: BlockKind) -> str:
    """The next id of a block of ``kind`` (``p-1``, ``p-2``, … ``h-1``), counted in
    ``counters``."""
    count = counters.get(kind.value, 0) + 1
    counters[kind.value] = count
    return f"{kind.value}-{count}"


def take_containers(stack: Sequence[OpenContainerLike]) -> tuple[Container, ...]:
    """The containers of the block about to be emitted (a list itself is no level of
    its own); each item's marker is shown once, on its first block, so it is taken."""
    result = tuple(Container(item.kind, item.marker) for item in stack if not item.is_list)
    for item in stack:
        item.marker = ""
    return result
