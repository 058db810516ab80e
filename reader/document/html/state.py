"""The state of one conversion, shared by every element handler: open containers, the text
being gathered, the blocks made so far, the anchors met.

Containers work as in the Markdown walk (:mod:`reader.document.parse.state`): a stack of
lists, items, quotes and definitions, each block recording the ones it sits in, a list
marker shown on an item's first block only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TypeAlias

from lxml import etree

from reader.document.html.buffer import InlineBuffer
from reader.document.html.names import line_of
from reader.document.html.notes import NoteIndex
from reader.document.model import Block, BlockKind, Container, ContainerKind
from reader.document.numbering import next_block_id, take_containers


@dataclass
class OpenContainer:
    """A container being walked: its kind, the marker its next block shows, its counter."""

    kind: ContainerKind
    marker: str = ""
    next_number: int = 1
    is_list: bool = False
    """A list itself: it counts its items but is not a level of nesting of its own."""
    item: bool = False
    """A list item: text straight in it (no ``<p>``) makes tight blocks, as in a tight
    Markdown list."""


@dataclass
class TextBlock:
    """An element whose text makes one block of its own kind (a heading, a term)."""

    kind: BlockKind
    level: int = 0


@dataclass
class ConvertState:
    """Mutable state of converting one or more trees into one sequence of blocks."""

    name: str
    """How messages name the text."""
    notes: NoteIndex
    skip: Callable[[etree._Element], bool] | None = None
    """Elements to leave out with all they hold (a web page's menus and comments)."""
    base: str = ""
    """The file being converted ("" for a single page), for links and note keys."""
    base_url: str | None = None
    """What relative web links are relative to, when known."""
    counters: dict[str, int] = field(default_factory=dict)
    stack: list[OpenContainer] = field(default_factory=list)
    text_blocks: list[TextBlock] = field(default_factory=list)
    buffer: InlineBuffer = field(default_factory=InlineBuffer)
    blocks: list[Block] = field(default_factory=list)
    """Where blocks go: the text's, or a note's while a note is converted."""
    line: int = 0
    """The source line of the first text of the block being gathered (0: none yet)."""
    anchors: dict[str, str] = field(default_factory=dict)
    """"file#id" → the id of the block the element with that id begins (or is in)."""
    pending_anchors: list[str] = field(default_factory=list)
    list_start: bool = False
    """A top-level list has just opened: its first block is set apart from what precedes."""
    in_note: bool = False
    inline_only: bool = False
    """Gathering one table cell: block elements inside it are only spaces."""
    referenced: set[str] = field(default_factory=set)
    """Keys of the notes referred to by the text converted so far."""
    note_bodies: set[etree._Element] = field(default_factory=set)
    """The elements that are notes: left out of the text, converted as notes."""
    met_notes: set[etree._Element] = field(default_factory=set)
    """Notes and lists of notes met inside the text converted so far."""

    def next_id(self, kind: BlockKind) -> str:
        return next_block_id(self.counters, kind)

    def containers(self) -> tuple[Container, ...]:
        """The containers of the block about to be emitted; markers shown once per item."""
        return take_containers(self.stack)

    def touch(self, element: etree._Element) -> None:
        """Content from ``element`` (an image, a note reference): its line is the
        block's if the block has none yet."""
        if not self.line:
            self.line = line_of(element)

    def text(self, raw: str, element: etree._Element) -> None:
        """Page text, in the block being gathered."""
        if not self.line and raw.strip():
            self.line = line_of(element)
        self.buffer.text(raw)

    def emit(self, block: Block) -> None:
        """Add a finished block, with the anchors that were waiting for one."""
        if self.list_start:
            block = replace(block, tight=False) if block.tight else block
            self.list_start = False
        for anchor in self.pending_anchors:
            self.anchors.setdefault(anchor, block.id)
        self.pending_anchors.clear()
        self.blocks.append(block)

    def flush(self) -> None:
        """End the block being gathered: a paragraph (or the heading or term it is in)."""
        if self.buffer.empty:
            self.line = 0
            return
        text, spans = self.buffer.take()
        kind, level = BlockKind.PARAGRAPH, 0
        if self.text_blocks:
            kind, level = self.text_blocks[-1].kind, self.text_blocks[-1].level
        innermost = self.stack[-1] if self.stack else None
        tight = kind is BlockKind.PARAGRAPH and innermost is not None and innermost.item
        line = self.line
        self.line = 0
        self.emit(
            Block(
                id=self.next_id(kind),
                kind=kind,
                text=text,
                spans=spans,
                lines=(line, line),
                level=level,
                containers=self.containers(),
                tight=tight and not self.text_blocks,
            )
        )


Start: TypeAlias = Callable[[etree._Element, ConvertState], bool]
"""What the walk calls when an element starts; True when it took the element whole (the
walk then skips what is inside)."""

End: TypeAlias = Callable[[etree._Element, ConvertState], None]
"""What the walk calls when an element ends."""
