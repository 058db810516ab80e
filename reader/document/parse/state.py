"""The state of one walk over a token stream, shared by every token handler."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeAlias

from markdown_it.token import Token

from reader.document.model import Block, BlockKind, Container, ContainerKind, Note
from reader.document.numbering import next_block_id, take_containers
from reader.document.parse.depth import MAX_DEPTH, clamp_depth


@dataclass
class OpenContainer:
    """A container being walked: its kind, the marker its next block shows, its counter."""

    kind: ContainerKind
    marker: str = ""
    next_number: int = 1
    tight: bool = False
    is_list: bool = False
    """A list itself: it counts its items but is not a level of nesting of its own."""


@dataclass
class WalkState:
    """Mutable state of one walk over the token stream."""

    path: str
    tokens: Sequence[Token]
    index: int = 0
    """The token being handled; a handler that consumes more tokens moves it to the last."""
    counters: dict[str, int] = field(default_factory=dict)
    stack: list[OpenContainer] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    footnote_blocks: list[Block] | None = None
    notes: list[Note] = field(default_factory=list)
    footnote_key: str = ""
    footnote_label: str = ""
    pending: Token | None = None
    """The opening token of a paragraph, heading or term waiting for its inline content."""
    list_start: bool = False
    """A top-level list has just opened: its first block is set apart from what precedes."""
    too_deep: list[int] = field(default_factory=list)
    """The first line of each run of blocks nested deeper than :data:`MAX_DEPTH`."""
    in_too_deep: bool = False
    """The last block emitted was one of such a run."""
    checkpoint: Callable[[], None] | None = None
    """Called now and then on a long walk: where a load can give way to the UI."""

    def next_id(self, kind: BlockKind) -> str:
        return next_block_id(self.counters, kind)

    def containers(self) -> tuple[Container, ...]:
        """The containers of the block about to be emitted; markers shown once per item."""
        return take_containers(self.stack)

    def emit(self, block: Block) -> None:
        if self.list_start:
            block = replace(block, tight=False)
            self.list_start = False
        deep = len(block.containers) > MAX_DEPTH
        if deep:
            if not self.in_too_deep:
                self.too_deep.append(block.lines[0])
            block = replace(block, containers=clamp_depth(block.containers))
        self.in_too_deep = deep
        target = self.footnote_blocks if self.footnote_blocks is not None else self.blocks
        target.append(block)


Handler: TypeAlias = Callable[[Token, WalkState], None]
"""What the walk calls for a token of the type it is registered for."""


def line_range(token: Token) -> tuple[int, int]:
    """1-based inclusive source lines of a block token (markdown-it's map is 0-based, open)."""
    if token.map is None:
        return (0, 0)
    return (token.map[0] + 1, max(token.map[0] + 1, token.map[1]))
