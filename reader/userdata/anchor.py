"""Anchoring passages in a document's flat text, and finding them again after edits.

A document is flattened once into one string (:func:`flat_text`): the text of each block,
blocks separated by a blank line. Anchors are offsets into that string plus the quoted
passage and ~32 characters of context on each side, so they do not depend on the screen
width, and a passage can be found again when the text has changed:

1. the quote still at its offsets, its context intact: **attached**;
2. the quote found exactly elsewhere: **moved** (when it occurs several times, the
   occurrence whose surroundings best agree with the stored prefix/suffix, then the one
   nearest the old offset);
3. a close approximate match (edit distance at most a quarter of the quote) that also sits
   among text resembling the stored context: **moved**;
4. otherwise **detached**. A short quote needs its context to agree before it is moved,
   and an approximate match never swallows the passage that used to come right before or
   after the quote, so a deleted passage is not re-attached to a similar neighbour.

The approximate search only looks near the old offset and where the quote's longer words
occur now (a "vote" of each word's occurrences for where the quote would start), and
measures each candidate with Myers' bit-parallel edit distance, so a 5 MB text costs a few
``str.find`` scans, not a pass of Python code over every character.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Final

from reader.document.model import NOTES_BLOCK_ID, TITLE_BLOCK_ID, Block, BlockKind, Document
from reader.text.sanitize import title_line
from reader.userdata.model import Anchor, AnchorStatus, Bookmark, Resolved

__all__ = [
    "BLOCK_SEPARATOR",
    "CONTEXT_CHARS",
    "MIN_FUZZY_SCORE",
    "AnchorError",
    "FlatText",
    "anchor_for_block",
    "anchor_for_quote",
    "find_quote",
    "flat_text",
    "make_anchor",
    "moved_anchor",
    "reanchor",
    "resolve",
    "resolve_all",
]

BLOCK_SEPARATOR: Final = "\n\n"
CELL_SEPARATOR: Final = " | "
ROW_SEPARATOR: Final = "\n"
CONTEXT_CHARS: Final = 32
"""Characters of prefix and suffix kept with each anchor."""

MIN_FUZZY_SCORE: Final = 0.75
"""An approximate match needs ``1 - edit distance / len(quote)`` at least this high."""
_DISTINCTIVE_QUOTE: Final = 16
"""An exact quote at least this long is trusted wherever it is found."""
_MIN_CONTEXT_AGREEMENT: Final = 6
"""A shorter one needs this many characters of its prefix/suffix to agree."""
_MIN_CONTEXT_SIMILARITY: Final = 0.6
"""An approximate match needs one side of its context at least this similar."""
_NEIGHBOUR_CORE: Final = 16
"""Characters of the stored prefix/suffix that must not fall inside an approximate match."""
_MAX_WORDS: Final = 12
_MAX_WORD_HITS: Final = 200
"""A word occurring more often than this is too common to tell where the quote is."""
_MAX_CANDIDATES: Final = 8
_MAX_FUZZY_QUOTE: Final = 2000
"""Longer quotes are matched approximately by their head and tail only."""
_LONG_QUOTE_EDGE: Final = 400
_MAX_OCCURRENCES: Final = 100_000


class AnchorError(ValueError):
    """A quote that cannot anchor a bookmark: not found, found several times, or empty."""


@dataclass(frozen=True)
class FlatText:
    """A document's text as one string, with where each block starts and ends.

    Built by :func:`flat_text`; offsets in anchors index :attr:`text`.
    """

    text: str
    block_starts: tuple[int, ...]
    """Offset of each block's first character, in reading order."""
    block_ends: tuple[int, ...]
    block_ids: tuple[str, ...]
    sections: tuple[str | None, ...]
    """For each block, the text of the heading it falls under (a heading's own text)."""
    _index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lengths = {len(self.block_starts), len(self.block_ends), len(self.block_ids)}
        if len(lengths) != 1 or len(self.sections) != len(self.block_ids):
            raise ValueError("FlatText: one start, end, id and section per block")
        index: dict[str, int] = {}
        for position, block_id in enumerate(self.block_ids):
            index.setdefault(block_id, position)
        object.__setattr__(self, "_index", index)

    @classmethod
    def from_blocks(
        cls, blocks: Iterable[tuple[str, str]], sections: Sequence[str | None] | None = None
    ) -> FlatText:
        """A flat text from ``(block_id, text)`` pairs (for tests and other sources)."""
        starts: list[int] = []
        ends: list[int] = []
        ids: list[str] = []
        parts: list[str] = []
        offset = 0
        for block_id, text in blocks:
            if parts:
                offset += len(BLOCK_SEPARATOR)
            starts.append(offset)
            offset += len(text)
            ends.append(offset)
            ids.append(block_id)
            parts.append(text)
        found = tuple(sections) if sections is not None else (None,) * len(ids)
        return cls(BLOCK_SEPARATOR.join(parts), tuple(starts), tuple(ends), tuple(ids), found)

    def __len__(self) -> int:
        return len(self.text)

    def block_at(self, offset: int) -> int:
        """Index of the block containing ``offset`` (a separator belongs to the block
        before it); -1 when there are no blocks. Offsets outside the text are clamped."""
        if not self.block_starts:
            return -1
        return max(0, bisect.bisect_right(self.block_starts, offset) - 1)

    def block_range(self, index: int) -> tuple[int, int]:
        """Start and end offsets of block ``index`` (its text, without separators)."""
        return self.block_starts[index], self.block_ends[index]

    def index_of(self, block_id: str) -> int | None:
        """Index of the block called ``block_id``, or None."""
        return self._index.get(block_id)

    def block_id_at(self, offset: int) -> str | None:
        """Id of the block containing ``offset``, or None for an empty document."""
        index = self.block_at(offset)
        return self.block_ids[index] if index >= 0 else None

    def section_at(self, offset: int) -> str | None:
        """The heading the text at ``offset`` falls under, if any."""
        index = self.block_at(offset)
        return self.sections[index] if index >= 0 else None

    def to_block(self, offset: int) -> tuple[str, int] | None:
        """``offset`` as (block id, offset within that block's text), clamped to the block."""
        index = self.block_at(offset)
        if index < 0:
            return None
        start, end = self.block_range(index)
        return self.block_ids[index], min(max(offset - start, 0), end - start)

    def offset_of(self, block_id: str, offset_in_block: int = 0) -> int | None:
        """The flat offset of a position given as block id and offset within the block
        (clamped to the block); None when no block has that id."""
        index = self.index_of(block_id)
        if index is None:
            return None
        start, end = self.block_range(index)
        return start + min(max(offset_in_block, 0), end - start)


def block_text(block: Block) -> str:
    """A block's text as it appears in the flat text (table cells joined with " | ")."""
    if block.kind is BlockKind.TABLE:
        return ROW_SEPARATOR.join(
            CELL_SEPARATOR.join(cell.text for cell in row) for row in block.rows
        )
    return block.text


def flat_text(doc: Document) -> FlatText:
    """The document's own blocks as one string, blocks separated by a blank line.

    The title heading and the notes section that :func:`reader.linking.link_document`
    adds are left out, so a parsed and a linked document give the same flat text (and the
    same anchors).
    """
    pairs: list[tuple[str, str]] = []
    sections: list[str | None] = []
    section: str | None = None
    for block in doc.blocks:
        if block.id == NOTES_BLOCK_ID:
            break
        if block.id == TITLE_BLOCK_ID:
            continue
        if block.kind is BlockKind.HEADING:
            section = title_line(block.text)
        pairs.append((block.id, block_text(block)))
        sections.append(section)
    return FlatText.from_blocks(pairs, sections)


# --- making anchors -------------------------------------------------------------------------


def make_anchor(flat: FlatText, start: int, end: int) -> Anchor:
    """The anchor of ``flat.text[start:end]``, with its context and block.

    Raises :class:`AnchorError` for an empty or out-of-range span.
    """
    if not 0 <= start < end <= len(flat.text):
        raise AnchorError(f"no passage at {start}–{end} (the text has {len(flat.text)} chars)")
    block_id = flat.block_id_at(start) or ""
    return Anchor(
        block_id=block_id,
        start=start,
        end=end,
        quote=flat.text[start:end],
        prefix=flat.text[max(0, start - CONTEXT_CHARS) : start],
        suffix=flat.text[end : end + CONTEXT_CHARS],
    )


def anchor_for_block(flat: FlatText, block_id: str) -> Anchor:
    """The anchor of a whole block (the passage at the reading cursor)."""
    index = flat.index_of(block_id)
    if index is None:
        raise AnchorError(f"no block '{block_id}' in the text")
    start, end = flat.block_range(index)
    if start == end:
        raise AnchorError(f"block '{block_id}' has no text to bookmark")
    return make_anchor(flat, start, end)


def _quote_pattern(quote: str) -> re.Pattern[str]:
    words = unicodedata.normalize("NFC", quote).split()
    if not words:
        raise AnchorError("the quote is empty")
    return re.compile(r"\s+".join(re.escape(word) for word in words))


def find_quote(flat: FlatText, quote: str) -> list[tuple[int, int]]:
    """Every occurrence of ``quote`` (runs of white space match any run), overlapping
    ones included, as (start, end) spans."""
    pattern = _quote_pattern(quote)
    spans: list[tuple[int, int]] = []
    position = 0
    while len(spans) < _MAX_OCCURRENCES:
        match = pattern.search(flat.text, position)
        if match is None:
            break
        spans.append(match.span())
        position = match.start() + 1
    return spans


def anchor_for_quote(flat: FlatText, quote: str) -> Anchor:
    """The anchor of the one passage matching ``quote`` (white space runs collapsed).

    Raises :class:`AnchorError` when it is empty, not found, or found more than once.
    """
    spans = find_quote(flat, quote)
    if not spans:
        raise AnchorError("quote not found in the text")
    if len(spans) > 1:
        raise AnchorError(f"ambiguous: found {len(spans)} times; quote more text")
    start, end = spans[0]
    return make_anchor(flat, start, end)


# --- finding anchors again ------------------------------------------------------------------


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _common_suffix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        count += 1
    return count


def _before(text: str, start: int, size: int) -> str:
    return text[max(0, start - size) : start]


def _agreement(text: str, anchor: Anchor, start: int, end: int) -> int:
    """Characters of stored context that agree, read outwards from the passage."""
    before = _before(text, start, len(anchor.prefix))
    after = text[end : end + len(anchor.suffix)]
    return _common_suffix(anchor.prefix, before) + _common_prefix(anchor.suffix, after)


def _best_exact(text: str, anchor: Anchor) -> int | None:
    """Start of the exact occurrence of the quote that best fits its anchor, if trusted."""
    quote = anchor.quote
    starts: list[int] = []
    position = text.find(quote)
    while position != -1 and len(starts) < _MAX_OCCURRENCES:
        starts.append(position)
        position = text.find(quote, position + 1)
    if not starts:
        return None
    if anchor.start >= 0 and text.startswith(quote, anchor.start):
        starts.append(anchor.start)  # in case the cap cut it off
    best = min(
        starts,
        key=lambda s: (-_agreement(text, anchor, s, s + len(quote)), abs(s - anchor.start)),
    )
    if len(quote.strip()) >= _DISTINCTIVE_QUOTE:
        return best
    needed = min(_MIN_CONTEXT_AGREEMENT, len(anchor.prefix) + len(anchor.suffix))
    return best if _agreement(text, anchor, best, best + len(quote)) >= needed else None


def _myers(pattern: str, text: str, *, anchored: bool) -> list[int]:
    """Edit distances of ``pattern`` against ``text``, after each character of ``text``.

    With ``anchored=False`` entry j is the least distance to any substring ending at j+1
    (approximate search); with ``anchored=True``, the distance to ``text[:j+1]``.
    Myers' bit-vector algorithm (1999) in Hyyrö's formulation, on Python integers.
    """
    size = len(pattern)
    peq: dict[str, int] = {}
    for bit, char in enumerate(pattern):
        peq[char] = peq.get(char, 0) | (1 << bit)
    mask = (1 << size) - 1
    high = 1 << (size - 1)
    carry = 1 if anchored else 0
    pv, mv, score = mask, 0, size
    scores: list[int] = []
    append = scores.append
    for char in text:
        eq = peq.get(char, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) & mask) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | carry) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
        append(score)
    return scores


def _approximate(text: str, quote: str, low: int, high: int) -> tuple[int, int, int] | None:
    """The closest match of ``quote`` in ``text[low:high]``: (distance, start, end)."""
    scores = _myers(quote, text[low:high], anchored=False)
    if not scores:
        return None
    distance = min(scores)
    end = low + scores.index(distance) + 1
    window_start = max(0, end - len(quote) - distance)
    backwards = _myers(quote[::-1], text[window_start:end][::-1], anchored=True)
    best = min(range(len(backwards)), key=lambda j: (backwards[j], abs(j + 1 - len(quote))))
    return backwards[best], end - (best + 1), end


def _word_votes(text: str, quote: str) -> list[int]:
    """Where the quote would start now, according to where its longer words occur,
    best-supported first."""
    positions: dict[str, int] = {}
    for pattern in (r"\w{4,}", r"\w{2,}"):
        for match in re.finditer(pattern, quote):
            positions.setdefault(match.group(), match.start())
        if positions:
            break
    words = sorted(positions, key=len, reverse=True)[:_MAX_WORDS]
    votes: list[tuple[int, str]] = []
    usable = 0
    for word in words:
        hits: list[int] = []
        position = text.find(word)
        while position != -1 and len(hits) <= _MAX_WORD_HITS:
            hits.append(position)
            position = text.find(word, position + 1)
        if len(hits) <= _MAX_WORD_HITS:
            usable += 1
            votes.extend((hit - positions[word], word) for hit in hits)
    if not votes:
        return []
    votes.sort()
    tolerance = len(quote) // 4 + 8
    groups: list[list[tuple[int, str]]] = [[votes[0]]]
    for vote in votes[1:]:
        if vote[0] - groups[-1][0][0] <= tolerance:
            groups[-1].append(vote)
        else:
            groups.append([vote])
    support = [(len({word for _, word in group}), group) for group in groups]
    support.sort(key=lambda item: -item[0])
    # A place needs half as many of the words as the best place, and a third of those
    # distinctive enough to count: an edited quote keeps most of its words.
    enough = max((support[0][0] + 1) // 2, (usable + 2) // 3)
    return [
        group[len(group) // 2][0] for count, group in support[:_MAX_CANDIDATES] if count >= enough
    ]


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _swallows_neighbour(anchor: Anchor, found: str) -> bool:
    """True when an approximate match contains what used to surround the quote: then it is
    a neighbouring passage that looks like the (deleted) quote, not the quote."""
    suffix_core = anchor.suffix.strip()[:_NEIGHBOUR_CORE]
    prefix_core = anchor.prefix.strip()[-_NEIGHBOUR_CORE:]
    for core in (suffix_core, prefix_core):
        if len(core) >= _NEIGHBOUR_CORE // 2 and core in found and core not in anchor.quote:
            return True
    return False


def _best_fuzzy(text: str, anchor: Anchor) -> tuple[int, int] | None:
    if len(anchor.quote) > _MAX_FUZZY_QUOTE:
        return _by_head_and_tail(text, anchor)
    quote = anchor.quote
    slack = len(quote) // 4 + 8
    centres = _word_votes(text, quote)
    centres.append(min(max(anchor.start, 0), len(text)))
    # Each place is measured on its own (not merged with overlapping ones), so a similar
    # passage next to the real one cannot hide it.
    regions = {
        (max(0, centre - slack), min(len(text), centre + len(quote) + slack)) for centre in centres
    }
    best: tuple[float, int, int, int] | None = None  # (-rank, distance from old, start, end)
    for low, high in sorted(regions):
        found = _approximate(text, quote, low, high)
        if found is None:
            continue
        distance, start, end = found
        score = 1 - distance / len(quote)
        if score < MIN_FUZZY_SCORE or start >= end:
            continue
        before = _similarity(anchor.prefix, _before(text, start, len(anchor.prefix)))
        after = _similarity(anchor.suffix, text[end : end + len(anchor.suffix)])
        if max(before, after) < _MIN_CONTEXT_SIMILARITY:
            continue
        if _swallows_neighbour(anchor, text[start:end]):
            continue
        candidate = (-(score + (before + after) / 8), abs(start - anchor.start), start, end)
        if best is None or candidate < best:
            best = candidate
    return None if best is None else (best[2], best[3])


def _by_head_and_tail(text: str, anchor: Anchor) -> tuple[int, int] | None:
    """A long passage (a whole chapter selected) found approximately by finding its first
    and last few hundred characters, each with its own context, in order and about as far
    apart as before (an edit distance over the whole of it would cost too much)."""
    quote, edge, context = anchor.quote, _LONG_QUOTE_EDGE, CONTEXT_CHARS
    head = Anchor(
        anchor.block_id,
        anchor.start,
        anchor.start + edge,
        quote[:edge],
        anchor.prefix,
        quote[edge : edge + context],
    )
    tail = Anchor(
        anchor.block_id,
        anchor.end - edge,
        anchor.end,
        quote[-edge:],
        quote[-edge - context : -edge],
        anchor.suffix,
    )
    _, head_start, _ = _locate(text, head)
    _, _, tail_end = _locate(text, tail)
    if head_start is None or tail_end is None:
        return None
    span = tail_end - head_start
    if not MIN_FUZZY_SCORE * len(quote) <= span <= (2 - MIN_FUZZY_SCORE) * len(quote):
        return None
    return head_start, tail_end


def reanchor(flat: FlatText, anchor: Anchor) -> tuple[AnchorStatus, int | None, int | None]:
    """Find ``anchor``'s passage in ``flat`` as it is now: status and offsets.

    ATTACHED: the quote is exactly at its old offsets (no better-placed occurrence exists);
    MOVED: found elsewhere or approximately (store :func:`moved_anchor` to keep it);
    DETACHED: not found with confidence (offsets None). Never raises on any input.
    """
    return _locate(flat.text, anchor)


def _locate(text: str, anchor: Anchor) -> tuple[AnchorStatus, int | None, int | None]:
    quote = anchor.quote
    if not quote or not text:
        return AnchorStatus.DETACHED, None, None
    start, end = anchor.start, anchor.end
    if (
        start >= 0
        and end == start + len(quote)
        and text.startswith(quote, start)
        and text.endswith(anchor.prefix, 0, start)
        and text.startswith(anchor.suffix, end)
    ):
        return AnchorStatus.ATTACHED, start, end
    exact = _best_exact(text, anchor)
    if exact is not None:
        same = exact == start and end == start + len(quote)
        status = AnchorStatus.ATTACHED if same else AnchorStatus.MOVED
        return status, exact, exact + len(quote)
    fuzzy = _best_fuzzy(text, anchor)
    if fuzzy is not None:
        return AnchorStatus.MOVED, fuzzy[0], fuzzy[1]
    return AnchorStatus.DETACHED, None, None


def resolve(flat: FlatText, bookmark: Bookmark) -> Resolved:
    """``bookmark`` checked against ``flat``: status, current block, offsets and section."""
    status, start, end = reanchor(flat, bookmark.anchor)
    if start is None or end is None:
        return Resolved(bookmark, status, None, None, None)
    return Resolved(bookmark, status, flat.block_id_at(start), start, end, flat.section_at(start))


def resolve_all(flat: FlatText, bookmarks: Iterable[Bookmark]) -> list[Resolved]:
    """Every bookmark resolved, in reading order; detached ones last, oldest first."""
    resolved = [resolve(flat, bookmark) for bookmark in bookmarks]
    return sorted(
        resolved,
        key=lambda r: (r.start is None, r.start or 0, r.bookmark.created, r.bookmark.id),
    )


def moved_anchor(flat: FlatText, resolved: Resolved) -> Anchor | None:
    """The anchor to store for a MOVED bookmark (its passage as the text is now)."""
    if resolved.status is not AnchorStatus.MOVED or resolved.start is None:
        return None
    if resolved.end is None or resolved.end <= resolved.start:
        return None
    return make_anchor(flat, resolved.start, resolved.end)
