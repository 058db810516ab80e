"""Where each glossary term is mentioned in a linked document: counts, mentions in reading
order with a line of context, the terms of a passage, next/previous mention.

Everything comes from the term spans linking already put in the document (the matcher's
single pass), gathered by :meth:`MentionIndex.build` in one walk over the blocks, once per
document. After that every question is a dictionary look-up, a bisection or a walk over
the few blocks asked about, so a glossary panel can filter 5,000 terms per keystroke and a
context panel can follow scrolling without touching the text again.

Only the text itself counts: the generated title block and the notes section at the end
(from the block whose id is :data:`reader.linking.NOTES_BLOCK_ID`) are left out.

The glossary warnings of ``reader check`` built on these counts are in
:mod:`reader.glossary.lint`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from reader.document.model import (
    LINK_KINDS,
    NOTES_BLOCK_ID,
    TITLE_BLOCK_ID,
    Block,
    BlockKind,
    Document,
    Span,
    SpanKind,
)
from reader.text.collector import collector_paused
from reader.text.turns import giving_way

CONTEXT_WIDTH = 70
"""Characters of context shown around a mention (the term included), about."""


class MentionKey(NamedTuple):
    """Reading-order key of a place in a document, a mention's or any other: two keys
    compare as the places they stand for, so mentions are sorted and bisected by them."""

    block_index: int
    row: int
    """Row of the table cell; -1 outside tables."""
    column: int
    """Column of the table cell; -1 outside tables."""
    offset: int
    """Offset in the block's (or the cell's) text."""

    @classmethod
    def at(cls, block_index: int, offset: int, cell: tuple[int, int] | None) -> MentionKey:
        """The key of ``offset`` in block ``block_index`` (in ``cell`` for tables)."""
        row, column = cell if cell is not None else (-1, -1)
        return cls(block_index, row, column, offset)


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a term in the text.

    A text can mention a term hundreds of thousands of times, so a mention is small: its
    line of context is cut from the text it points to only when asked for.
    """

    term: str
    """Key (headword) of the term."""
    block_index: int
    """Index of the block in ``Document.blocks``."""
    block_id: str
    start: int
    """Offset of the occurrence in the block's text (in the cell's text for tables)."""
    end: int
    text: str = field(repr=False, compare=False)
    """The block's (or cell's) text: shared with the document, not a copy."""
    cell: tuple[int, int] | None = None
    """(row, column) of the table cell holding the occurrence; None outside tables."""
    link: int = 0
    """Position of the occurrence among the block's links (term, note and web links, in
    the order :class:`reader.layout.DocumentLayout` numbers them): the layout link index
    is the index of the block's first link plus this."""

    def in_context(self) -> tuple[str, tuple[int, int]]:
        """:attr:`context` and :attr:`highlight` at once."""
        return context_line(self.text, self.start, self.end)

    @property
    def context(self) -> str:
        """One line of text around the occurrence, cut at word boundaries with "…"."""
        return self.in_context()[0]

    @property
    def highlight(self) -> tuple[int, int]:
        """Start and end of the term inside :attr:`context`."""
        return self.in_context()[1]

    @property
    def key(self) -> MentionKey:
        """Reading-order key: compare two mentions (or a mention and a place) with it."""
        return MentionKey.at(self.block_index, self.start, self.cell)


def context_line(
    text: str, start: int, end: int, width: int = CONTEXT_WIDTH
) -> tuple[str, tuple[int, int]]:
    """About ``width`` characters of ``text`` around ``text[start:end]`` on one line.

    Line breaks become spaces; a side cut short ends at a word boundary and gets "…".
    Returns the line and the range of ``text[start:end]`` inside it. Only the window
    around the occurrence is read, so a block of megabytes costs no more per mention.
    """
    # One character more than can be shown on each side, to see whether a cut is mid-word.
    low = max(0, start - width - 1)
    high = min(len(text), end + width + 1)
    flat = text[low:high].replace("\n", " ")
    start, end = start - low, end - low
    room = max(0, width - (end - start))
    left_room = room // 2
    right_room = room - left_room
    # Give the room one side cannot use to the other.
    if start < left_room:
        right_room += left_room - start
        left_room = start
    if len(flat) - end < right_room:
        left_room += right_room - (len(flat) - end)
        right_room = len(flat) - end
        left_room = min(left_room, start)
    first = start - left_room
    last = end + right_room
    if first > 0 and not flat[first - 1].isspace():
        # Cut mid-word: start after the next space instead (never past the term).
        space = flat.find(" ", first, start)
        first = space + 1 if space >= 0 else start
    if last < len(flat) and not flat[last].isspace():
        space = flat.rfind(" ", end, last)
        last = space if space >= 0 else end
    body = flat[first:last]
    lead = len(body) - len(body.lstrip())
    body = body.strip()
    prefix = "…" if first + low > 0 else ""
    suffix = "…" if last + low < len(text) else ""
    offset = len(prefix) + (start - first) - lead
    return f"{prefix}{body}{suffix}", (offset, offset + end - start)


def _term_spans(spans: Sequence[Span]) -> Iterable[tuple[int, Span]]:
    """(ordinal among the link spans, span) of each term span."""
    ordinal = 0
    for span in spans:
        if span.kind not in LINK_KINDS:
            continue
        if span.kind is SpanKind.TERM_REF:
            yield ordinal, span
        ordinal += 1


class MentionIndex:
    """Every term mention of one linked document; build it with :meth:`build`."""

    def __init__(self) -> None:
        self.block_count = 0
        """Number of blocks in the document (the notes section included)."""
        self._mentions: dict[str, list[Mention]] = {}
        self._keys: dict[str, list[MentionKey]] = {}
        self._block_terms: list[tuple[str, ...]] = []
        """Per block: the terms it mentions, in order of first appearance."""
        self._by_block: dict[int, list[Mention]] = {}
        """Per block outside tables: its mentions, in order (terms never overlap, so their
        ends are in order too)."""

    @classmethod
    @collector_paused()
    def build(cls, doc: Document) -> MentionIndex:
        """One pass over ``doc``'s term spans (table cells included), skipping the
        generated title and notes section."""
        index = cls()
        index.block_count = len(doc.blocks)
        mentions = index._mentions
        block_terms: list[tuple[str, ...]] = []
        in_notes = False
        for block_index, block in enumerate(giving_way(doc.blocks)):
            in_notes = in_notes or block.id == NOTES_BLOCK_ID
            if in_notes or block.id == TITLE_BLOCK_ID:
                block_terms.append(())
                continue
            found = _block_mentions(block_index, block)
            for mention in found:
                mentions.setdefault(mention.term, []).append(mention)
            if found and block.kind is not BlockKind.TABLE:
                index._by_block[block_index] = found
            block_terms.append(tuple(dict.fromkeys(mention.term for mention in found)))
        index._block_terms = block_terms
        index._keys = {term: [mention.key for mention in found] for term, found in mentions.items()}
        return index

    def terms(self) -> list[str]:
        """Every term mentioned, in order of first mention."""
        return list(self._mentions)

    def count(self, term_key: str) -> int:
        """How many times the term is mentioned (0 for an unknown term)."""
        return len(self._mentions.get(term_key, ()))

    def counts(self) -> dict[str, int]:
        """Mention count of every term mentioned at least once."""
        return {term: len(found) for term, found in self._mentions.items()}

    def mentions(self, term_key: str) -> list[Mention]:
        """The term's mentions in reading order (a new list each time)."""
        return list(self._mentions.get(term_key, ()))

    def terms_in_blocks(
        self, first_block: int, last_block: int, start: int = 0, end: int = -1
    ) -> list[str]:
        """Terms mentioned in blocks ``first_block``..``last_block`` (inclusive, clamped to
        the document), in order of first appearance; from offset ``start`` of the first
        block to offset ``end`` of the last (-1: its end), outside tables — the screen
        may show a few lines of a paragraph as long as a book."""
        first_block, last_block = max(0, first_block), min(last_block, len(self._block_terms) - 1)
        seen: dict[str, None] = {}
        for block in range(first_block, last_block + 1):
            low = start if block == first_block else 0
            high = end if block == last_block else -1
            mentioned = self._by_block.get(block)
            if mentioned is None or (low <= 0 and high < 0):
                terms: Iterable[str] = self._block_terms[block]
            else:
                # Those ending after ``low`` (shown, maybe in part) and starting before ``high``.
                first = bisect_right(mentioned, low, key=lambda mention: mention.end)
                last = (
                    len(mentioned)
                    if high < 0
                    else bisect_left(mentioned, high, key=lambda mention: mention.start)
                )
                terms = [mention.term for mention in mentioned[first:last]]
            for term in terms:
                seen[term] = None
        return list(seen)

    def block_terms(self, block_index: int) -> tuple[str, ...]:
        """Terms mentioned in one block, in order of first appearance."""
        if 0 <= block_index < len(self._block_terms):
            return self._block_terms[block_index]
        return ()

    def mention_index(
        self, term: str, block_index: int, start: int, *, cell: tuple[int, int] | None = None
    ) -> int:
        """Position (0-based) in ``mentions(term)`` of the mention starting at ``start`` in
        block ``block_index`` (in ``cell`` for tables), or -1 if there is none there.
        "3 of 7" is ``mention_index(…) + 1`` of ``count(term)``."""
        keys = self._keys.get(term)
        if not keys:
            return -1
        key = MentionKey.at(block_index, start, cell)
        found = bisect_left(keys, key)
        return found if found < len(keys) and keys[found] == key else -1

    def next_mention(
        self,
        term: str,
        block_index: int,
        offset: int,
        step: int = 1,
        *,
        cell: tuple[int, int] | None = None,
    ) -> Mention | None:
        """The term's first mention after the place (``block_index``, ``offset``) with
        ``step`` > 0, or its last mention before it with ``step`` < 0, wrapping round the
        text; None if the term is not mentioned at all. A mention starting exactly at the
        place is neither after nor before it."""
        found = self._mentions.get(term)
        if not found:
            return None
        keys = self._keys[term]
        key = MentionKey.at(block_index, offset, cell)
        if step >= 0:
            after = bisect_right(keys, key)
            return found[after % len(found)]
        before = bisect_left(keys, key) - 1
        return found[before % len(found)]


def _block_mentions(block_index: int, block: Block) -> list[Mention]:
    found: list[Mention] = []
    if block.kind is BlockKind.TABLE:
        link_base = 0
        for row_number, row in enumerate(block.rows):
            for column, cell in enumerate(row):
                for ordinal, span in _term_spans(cell.spans):
                    found.append(
                        _mention(
                            block_index,
                            block,
                            cell.text,
                            span,
                            (row_number, column),
                            link_base + ordinal,
                        )
                    )
                link_base += sum(1 for span in cell.spans if span.kind in LINK_KINDS)
        return found
    for ordinal, span in _term_spans(block.spans):
        found.append(_mention(block_index, block, block.text, span, None, ordinal))
    return found


def _mention(
    block_index: int,
    block: Block,
    text: str,
    span: Span,
    cell: tuple[int, int] | None,
    link: int,
) -> Mention:
    return Mention(
        term=span.target,
        block_index=block_index,
        block_id=block.id,
        start=span.start,
        end=span.end,
        text=text,
        cell=cell,
        link=link,
    )
