"""The single pass over the block-level token stream: a table of handlers by token type.

Tokens of a type with no handler (closers of paragraphs and headings, ``abbr_def``,
``front_matter``, ...) carry nothing the model needs and are passed over. Before its
handler, each token is checked for content markdown-it dropped at its nesting limit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from markdown_it.token import Token

from reader.document.model import Block, BlockKind
from reader.document.parse import containers, leaves, tables
from reader.document.parse.parser import MAX_NESTING
from reader.document.parse.state import Handler, WalkState, line_range
from reader.text.errors import Problem, Severity
from reader.text.sanitize import visible

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


def walk_tokens(walk: WalkState) -> None:
    """Hand every token of ``walk.tokens`` to its handler, in order."""
    tokens = walk.tokens
    while walk.index < len(tokens):
        token = tokens[walk.index]
        if _cut_at_nesting_limit(tokens, walk.index):
            _emit_cut(token, walk)
        handler = HANDLERS.get(token.type)
        if handler is not None:
            handler(token, walk)
        walk.index += 1


def _cut_at_nesting_limit(tokens: Sequence[Token], index: int) -> bool:
    """Whether the container opened at ``index`` lost its content to the nesting limit.

    markdown-it stops tokenizing inside a container at ``MAX_NESTING`` and skips to the
    container's end, so such a container is opened and at once closed.
    """
    token = tokens[index]
    return (
        token.nesting == 1
        and token.level >= MAX_NESTING - 1
        and token.map is not None
        and index + 1 < len(tokens)
        and tokens[index + 1].nesting == -1
    )


def _emit_cut(token: Token, walk: WalkState) -> None:
    """Show the source markdown-it skipped at its nesting limit as plain text, and warn."""
    first, last = line_range(token)
    walk.warnings.append(
        Problem(
            walk.path,
            f"nested deeper than {MAX_NESTING} levels; shown as plain text",
            line=first,
            severity=Severity.WARNING,
        )
    )
    walk.emit(
        Block(
            id=walk.next_id(BlockKind.CODE),
            kind=BlockKind.CODE,
            text=visible("\n".join(walk.source_lines[first - 1 : last]).strip("\n")),
            lines=(first, last),
        )
    )
