"""Links inside a book made jumps: a link to another chapter (``ch2.xhtml#sec``), or to
a place in its own (``#sec``), becomes a link to the block there
(:func:`reader.document.jumps.block_link`), which the reader follows without leaving the
text. A link to a chapter without a fragment goes to the chapter's first block, and so
does one whose id is not found in a chapter that is. Links out of the book (``https:``,
``mailto:``) are left as they are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Final

from reader.document.epub.outline import resolve_href
from reader.document.jumps import block_link
from reader.document.model import Block, Note, Span, SpanKind

_LEADING_MARK: Final = re.compile(r"[.):\]]\s+(?=\w)")


class BookPlaces:
    """Where a place of the book ("file#id" or "file") is: the id of its block."""

    def __init__(self, anchors: Mapping[str, str], chapter_starts: Mapping[str, str]) -> None:
        self._anchors = anchors
        self._starts = chapter_starts
        self._by_name: dict[str, str] | None = None

    def block_of(self, target: str) -> str | None:
        """The block of ``target``, "file#id" or "file"."""
        member, _, fragment = target.partition("#")
        if fragment and target in self._anchors:
            return self._anchors[target]
        return self._starts.get(member)

    def block_named(self, target: str) -> str | None:
        """The block of ``target``, or of the one chapter whose file has its file's name
        (a table of contents written as if every file were beside it: older Sphinx)."""
        found = self.block_of(target)
        if found is not None:
            return found
        if self._by_name is None:
            names: dict[str, list[str]] = {}
            for member in self._starts:
                names.setdefault(member.rpartition("/")[2], []).append(member)
            self._by_name = {name: found[0] for name, found in names.items() if len(found) == 1}
        member, hash_mark, fragment = target.partition("#")
        same = self._by_name.get(member.rpartition("/")[2])
        return self.block_of(f"{same}{hash_mark}{fragment}") if same is not None else None

    def resolve(self, base: str, href: str) -> str | None:
        """The block that ``href``, written in the file ``base``, leads to."""
        target = resolve_href(base, href)
        return self.block_of(target) if target is not None else None


def _spans(spans: tuple[Span, ...], base: str, places: BookPlaces) -> tuple[Span, ...]:
    if not any(span.kind is SpanKind.LINK for span in spans):
        return spans
    changed = []
    for span in spans:
        if span.kind is SpanKind.LINK:
            block = places.resolve(base, span.target)
            if block is not None:
                span = replace(span, target=block_link(block))
        changed.append(span)
    return tuple(changed)


def _without_leading_mark(block: Block) -> Block:
    """A note's first block without the ". " left where its number was a back-link
    (pandoc's EPUB 2: ``<a class="footnote-back">1</a>. Text``)."""
    match = _LEADING_MARK.match(block.text)
    if match is None or any(span.start < match.end() for span in block.spans):
        return block
    cut = match.end()
    spans = tuple(replace(span, start=span.start - cut, end=span.end - cut) for span in block.spans)
    return replace(block, text=block.text[cut:], spans=spans)


def _block(block: Block, base: str, places: BookPlaces) -> Block:
    spans = _spans(block.spans, base, places)
    rows = block.rows
    if rows:
        rows = tuple(
            tuple(replace(cell, spans=_spans(cell.spans, base, places)) for cell in row)
            for row in rows
        )
    if spans is block.spans and rows == block.rows:
        return block
    return replace(block, spans=spans, rows=rows)


def jump_links(
    blocks: Sequence[Block], bases: Sequence[str], places: BookPlaces
) -> tuple[Block, ...]:
    """``blocks`` (``bases[i]``: the file block ``i`` came from) with the book's own
    links made jumps."""
    return tuple(_block(block, base, places) for block, base in zip(blocks, bases, strict=True))


def note_links(notes: Sequence[Note], places: BookPlaces) -> tuple[Note, ...]:
    """The notes with their links made jumps (a note's key says its file:
    ``fn:<file>#<id>``), and without the mark left of a number before them."""
    found = []
    for note in notes:
        base = note.key.removeprefix("fn:").partition("#")[0]
        blocks = tuple(_block(block, base, places) for block in note.blocks)
        if blocks:
            blocks = (_without_leading_mark(blocks[0]), *blocks[1:])
        found.append(replace(note, blocks=blocks))
    return tuple(found)
