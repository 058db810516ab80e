"""Links to a heading by its name (``[see below](#the-battle)``) made jumps.

Markdown writers link to a section with the anchor GitHub, GitLab and most renderers give
a heading: its text in lower case, without punctuation, spaces turned into hyphens, a
second heading of the same name ``-1``, a third ``-2``. The parser gives blocks ids of its
own (``h-3``), so without this such a link would be offered to the browser as an
address, and refused. Here each one that names a heading of the text becomes a link to
that heading's block (:func:`reader.document.jumps.block_link`), which the reader jumps
to and the HTML export links to; a name no heading has is left as it was.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import unquote

from reader.document.jumps import block_link, linked_block
from reader.document.model import Block, BlockKind, Note, Span, SpanKind

__all__ = ["heading_anchors", "heading_slug", "link_headings"]

_KEPT_CATEGORIES = ("L", "N", "M")
"""Letters, numbers and marks stay in a slug (as GitHub keeps "ç" and "ã")."""


def heading_slug(text: str) -> str:
    """The anchor a renderer gives a heading: "A ofensiva alemã (1942)" →
    "a-ofensiva-alemã-1942"."""
    kept = []
    for char in text.strip().lower():
        if char in (" ", "-", "_") or unicodedata.category(char)[0] in _KEPT_CATEGORIES:
            kept.append("-" if char == " " else char)
    return "".join(kept)


def heading_anchors(blocks: Sequence[Block]) -> dict[str, str]:
    """Each heading's anchor → its block id, in reading order; a repeated name gets
    ``-1``, ``-2``… as renderers number them."""
    anchors: dict[str, str] = {}
    seen: dict[str, int] = {}
    for block in blocks:
        if block.kind is not BlockKind.HEADING:
            continue
        slug = heading_slug(block.text)
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.setdefault(slug if count == 0 else f"{slug}-{count}", block.id)
    return anchors


def _target(span: Span, anchors: dict[str, str], ids: frozenset[str]) -> str | None:
    name = linked_block(span.target)
    if name is None or name in ids:
        return None
    block = anchors.get(unquote(name)) or anchors.get(unquote(name).lower())
    return block_link(block) if block is not None else None


def _spans(
    spans: tuple[Span, ...], anchors: dict[str, str], ids: frozenset[str]
) -> tuple[Span, ...]:
    changed = list(spans)
    for index, span in enumerate(spans):
        if span.kind is SpanKind.LINK and (target := _target(span, anchors, ids)) is not None:
            changed[index] = replace(span, target=target)
    return tuple(changed) if changed != list(spans) else spans


def _block(block: Block, anchors: dict[str, str], ids: frozenset[str]) -> Block:
    spans = _spans(block.spans, anchors, ids)
    rows = tuple(
        tuple(replace(cell, spans=_spans(cell.spans, anchors, ids)) for cell in row)
        for row in block.rows
    )
    if spans is block.spans and rows == block.rows:
        return block
    return replace(block, spans=spans, rows=rows)


def link_headings(
    blocks: tuple[Block, ...], notes: tuple[Note, ...]
) -> tuple[tuple[Block, ...], tuple[Note, ...]]:
    """``blocks`` and ``notes`` with their links to a heading's anchor made jumps to it.
    A link to a block id (``#p-3``) is already one and is left alone."""
    if not _has_anchor_links(blocks, notes):
        return blocks, notes
    anchors = heading_anchors(blocks)
    ids = frozenset(block.id for block in blocks)
    linked = tuple(_block(block, anchors, ids) for block in blocks)
    linked_notes = tuple(
        replace(note, blocks=tuple(_block(block, anchors, ids) for block in note.blocks))
        if note.blocks
        else note
        for note in notes
    )
    return linked, linked_notes


def _has_anchor_links(blocks: Sequence[Block], notes: Sequence[Note]) -> bool:
    """Whether any link names a place with ``#``: most texts have none, and pay nothing
    more than this look."""
    every = (*blocks, *(block for note in notes for block in note.blocks))
    return any(
        span.kind is SpanKind.LINK and span.target.startswith("#")
        for block in every
        for spans in (block.spans, *(cell.spans for row in block.rows for cell in row))
        for span in spans
    )
