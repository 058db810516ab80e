"""The single pass over the block-level token stream: a table of handlers by token type.

Tokens of a type with no handler (closers of paragraphs and headings, ``abbr_def``,
``front_matter``, ...) carry nothing the model needs and are passed over.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from reader.document.parse import containers, leaves, tables
from reader.document.parse.state import Handler, WalkState

HANDLERS: Mapping[str, Handler] = {
    **dict.fromkeys(leaves.TEXT_BLOCK_OPENERS, leaves.open_text_block),
    "inline": leaves.inline,
    "fence": leaves.code,
    "code_block": leaves.code,
    "html_block": leaves.html_block,
    "hr": leaves.rule,
    "table_open": tables.table,
    "bullet_list_open": containers.open_list,
    "ordered_list_open": containers.open_list,
    "list_item_open": containers.open_list_item,
    "blockquote_open": containers.open_quote,
    "dd_open": containers.open_definition,
    **dict.fromkeys(
        (
            "list_item_close",
            "bullet_list_close",
            "ordered_list_close",
            "blockquote_close",
            "dd_close",
        ),
        containers.close_container,
    ),
    "footnote_open": containers.open_footnote,
    "footnote_close": containers.close_footnote,
}
"""The handler of each token type the document model takes something from."""


CHECKPOINT_EVERY: Final = 5000
"""Tokens walked between two calls of a walk's checkpoint (some 10 ms of walking)."""


def walk_tokens(walk: WalkState) -> None:
    """Hand every token of ``walk.tokens`` to its handler, in order; call the walk's
    checkpoint (if any) every :data:`CHECKPOINT_EVERY` tokens, where a load can give way."""
    tokens = walk.tokens
    checkpoint = walk.checkpoint
    while walk.index < len(tokens):
        token = tokens[walk.index]
        handler = HANDLERS.get(token.type)
        if handler is not None:
            handler(token, walk)
        walk.index += 1
        if checkpoint is not None and walk.index % CHECKPOINT_EVERY == 0:
            checkpoint()
