"""Handlers for the tokens that become one leaf block each: paragraphs, headings, terms,
code, raw HTML and rules.

A paragraph, heading or definition term comes as three tokens (open, ``inline``, close):
the opener is remembered and the block is emitted with its inline content.
"""

from __future__ import annotations

from markdown_it.token import Token

from reader.document.model import Block, BlockKind
from reader.document.parse.parser import inline_of
from reader.document.parse.state import WalkState, line_range
from reader.text.sanitize import visible, visible_line

_TEXT_BLOCK_KINDS = {
    "paragraph_open": BlockKind.PARAGRAPH,
    "heading_open": BlockKind.HEADING,
    "dt_open": BlockKind.TERM,
}
"""The openers whose ``inline`` token becomes a block, and the kind of block."""

TEXT_BLOCK_OPENERS = tuple(_TEXT_BLOCK_KINDS)


def open_text_block(token: Token, walk: WalkState) -> None:
    """``paragraph_open``, ``heading_open``, ``dt_open``: wait for the inline content."""
    walk.pending = token


def inline(token: Token, walk: WalkState) -> None:
    """The content of the pending paragraph, heading or term: emit it as one block."""
    pending = walk.pending
    if pending is None:
        return
    text, spans = inline_of(token)
    block_kind = _TEXT_BLOCK_KINDS[pending.type]
    level = int(pending.tag[1:]) if block_kind is BlockKind.HEADING else 0
    walk.emit(
        Block(
            id=walk.next_id(block_kind),
            kind=block_kind,
            text=text,
            spans=spans,
            lines=line_range(pending),
            level=level,
            containers=walk.containers(),
            tight=pending.hidden,
        )
    )
    walk.pending = None


def code(token: Token, walk: WalkState) -> None:
    """``fence`` and ``code_block``: the code as written, with its info string."""
    walk.emit(
        Block(
            id=walk.next_id(BlockKind.CODE),
            kind=BlockKind.CODE,
            text=visible(token.content.rstrip("\n")),
            lines=line_range(token),
            containers=walk.containers(),
            info=visible_line(token.info.strip()),
        )
    )


def html_block(token: Token, walk: WalkState) -> None:
    """``html_block``: raw HTML, kept to be shown literally."""
    walk.emit(
        Block(
            id=walk.next_id(BlockKind.HTML),
            kind=BlockKind.HTML,
            text=visible(token.content.rstrip("\n")),
            lines=line_range(token),
            containers=walk.containers(),
        )
    )


def rule(token: Token, walk: WalkState) -> None:
    """``hr``: a thematic break."""
    walk.emit(
        Block(
            id=walk.next_id(BlockKind.RULE),
            kind=BlockKind.RULE,
            lines=line_range(token),
            containers=walk.containers(),
        )
    )
