"""Handlers for the tokens that open and close containers: lists and their items, block
quotes, definitions and footnotes.

Open containers are a stack in :class:`WalkState`; each leaf block records the ones it sits
in. A footnote is not a level of nesting: its blocks are collected into a :class:`Note`.
"""

from __future__ import annotations

from markdown_it.token import Token

from reader.document.model import ContainerKind, Note, NoteKind
from reader.document.parse.state import OpenContainer, WalkState
from reader.text.sanitize import visible_line

BULLETS = ("•", "◦", "▪")
"""Bullet markers by list depth, cycling; distinct so nesting is visible without indents."""


def open_list(token: Token, walk: WalkState) -> None:
    """``bullet_list_open``, ``ordered_list_open``: a list counting its items from its start."""
    ordered = token.type == "ordered_list_open"
    start = int(token.attrs.get("start", 1) or 1) if ordered else 1
    list_kind = ContainerKind.ORDERED if ordered else ContainerKind.BULLET
    walk.list_start = walk.list_start or not any(item.is_list for item in walk.stack)
    walk.stack.append(OpenContainer(list_kind, next_number=start, is_list=True))


def open_list_item(token: Token, walk: WalkState) -> None:
    """``list_item_open``: an item, marked with its number or its depth's bullet."""
    owner = walk.stack[-1] if walk.stack else OpenContainer(ContainerKind.BULLET)
    if owner.kind is ContainerKind.ORDERED:
        marker = f"{owner.next_number}."
        owner.next_number += 1
    else:
        depth = sum(1 for item in walk.stack if item.kind is ContainerKind.BULLET and item.is_list)
        marker = BULLETS[(depth - 1) % len(BULLETS)]
    walk.stack.append(OpenContainer(owner.kind, marker))


def open_quote(token: Token, walk: WalkState) -> None:
    """``blockquote_open``."""
    walk.stack.append(OpenContainer(ContainerKind.QUOTE))


def open_definition(token: Token, walk: WalkState) -> None:
    """``dd_open``: the definition of the term before it."""
    walk.stack.append(OpenContainer(ContainerKind.DEFINITION))


def close_container(token: Token, walk: WalkState) -> None:
    """The close of a list, list item, quote or definition."""
    if walk.stack:
        walk.stack.pop()


def open_footnote(token: Token, walk: WalkState) -> None:
    """``footnote_open``: the blocks up to its close go to the note, not the text."""
    walk.footnote_blocks = []
    walk.footnote_key = f"fn:{token.meta['id']}"
    label = token.meta.get("label")
    walk.footnote_label = visible_line(str(label)) if label else str(token.meta["id"] + 1)


def close_footnote(token: Token, walk: WalkState) -> None:
    """``footnote_close``: the note, with the blocks collected since its open."""
    walk.notes.append(
        Note(
            key=walk.footnote_key,
            kind=NoteKind.FOOTNOTE,
            label=walk.footnote_label,
            blocks=tuple(walk.footnote_blocks or ()),
        )
    )
    walk.footnote_blocks = None
