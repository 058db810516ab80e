"""The handler for ``table_open``: the whole table, up to ``table_close``, as one block."""

from __future__ import annotations

import re
from typing import Final

from markdown_it.token import Token

from reader.document.model import Block, BlockKind, Cell
from reader.document.parse.parser import inline_of
from reader.document.parse.state import WalkState, line_range

_ALIGN = re.compile(r"text-align:(left|right|center)")


CHECKPOINT_ROWS: Final = 500
"""Rows between two calls of the walk's checkpoint: a table is one token of the walk
(30,000 cells took 150 ms to build, with no point for a load to give way at)."""


def table(opener: Token, walk: WalkState) -> None:
    """Emit one table block, leaving :attr:`WalkState.index` at the ``table_close``."""
    tokens = walk.tokens
    rows: list[tuple[Cell, ...]] = []
    row: list[Cell] = []
    header_rows = 0
    in_head = False
    align = "left"
    index = walk.index + 1
    while index < len(tokens) and tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            rows.append(tuple(row))
            header_rows += 1 if in_head else 0
            if walk.checkpoint is not None and len(rows) % CHECKPOINT_ROWS == 0:
                walk.checkpoint()
        elif token.type in ("th_open", "td_open"):
            found = _ALIGN.search(str(token.attrs.get("style", "")))
            align = found.group(1) if found else "left"
        elif token.type == "inline":
            text, spans = inline_of(token)
            row.append(Cell(text, spans, align))
        index += 1
    walk.index = index
    walk.emit(
        Block(
            id=walk.next_id(BlockKind.TABLE),
            kind=BlockKind.TABLE,
            lines=line_range(opener),
            containers=walk.containers(),
            rows=tuple(rows),
            header_rows=header_rows,
        )
    )
