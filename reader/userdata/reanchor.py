"""Finding bookmark anchors again after the text is edited: attached, moved or detached.

An anchor (:mod:`reader.userdata.anchor`) is checked against the document's flat text as
it is now (:mod:`reader.userdata.flat`):

1. the quote still at its offsets, its context intact: **attached**;
2. the quote found exactly elsewhere: **moved** (when it occurs several times, the
   occurrence whose surroundings best agree with the stored prefix/suffix, then the one
   nearest the old offset);
3. a close approximate match (edit distance at most a quarter of the quote) that also sits
   among text resembling the stored context: **moved**;
4. otherwise **detached**. A short quote needs its context to agree before it is moved,
   and an approximate match never swallows the passage that used to come right before or
   after the quote, nor is one looked for when the text before the quote is now followed
   directly by the text after it (the passage was deleted), so a deleted passage is not
   re-attached to a similar neighbour.

The approximate search (:mod:`reader.userdata.approximate`) only looks near the old offset
and where the quote's longer words occur now, so a 5 MB text costs a few ``str.find``
scans, not a pass of Python code over every character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher
from typing import Final

from reader.userdata.anchor import CONTEXT_CHARS, MAX_OCCURRENCES, make_anchor
from reader.userdata.approximate import closest_match, word_votes
from reader.userdata.flat import FlatText
from reader.userdata.model import AnchorStatus, Bookmark, BookmarkAnchor, Resolved

__all__ = [
    "MIN_FUZZY_SCORE",
    "in_reading_order",
    "moved_anchor",
    "reanchor",
    "resolve",
    "resolve_all",
]

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
_MAX_FUZZY_QUOTE: Final = 2000
"""Longer quotes are matched approximately by their head and tail only."""
_LONG_QUOTE_EDGE: Final = 400


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


def _agreement(text: str, anchor: BookmarkAnchor, start: int, end: int) -> int:
    """Characters of stored context that agree, read outwards from the passage."""
    before = _before(text, start, len(anchor.prefix))
    after = text[end : end + len(anchor.suffix)]
    return _common_suffix(anchor.prefix, before) + _common_prefix(anchor.suffix, after)


def _best_exact(text: str, anchor: BookmarkAnchor) -> int | None:
    """Start of the exact occurrence of the quote that best fits its anchor, if trusted."""
    quote = anchor.quote
    starts: list[int] = []
    position = text.find(quote)
    while position != -1 and len(starts) < MAX_OCCURRENCES:
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


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _swallows_neighbour(anchor: BookmarkAnchor, found: str) -> bool:
    """True when an approximate match contains what used to surround the quote: then it is
    a neighbouring passage that looks like the (deleted) quote, not the quote."""
    suffix_core = anchor.suffix.strip()[:_NEIGHBOUR_CORE]
    prefix_core = anchor.prefix.strip()[-_NEIGHBOUR_CORE:]
    for core in (suffix_core, prefix_core):
        if len(core) >= _NEIGHBOUR_CORE // 2 and core in found and core not in anchor.quote:
            return True
    return False


def _spaced(text: str) -> str:
    """A pattern for ``text`` in which each run of white space matches any run."""
    return r"\s+".join(re.escape(word) for word in text.split())


def _closed_up(text: str, anchor: BookmarkAnchor) -> bool:
    """True when what came before the passage is now followed directly by what came after
    it: the passage was deleted, and any approximate match is another passage that looks
    like it (a sentence of the same pattern next door)."""
    before, after = anchor.prefix.strip(), anchor.suffix.strip()
    if min(len(before), len(after)) < _MIN_CONTEXT_AGREEMENT:
        return False
    return re.search(_spaced(before) + r"\s*" + _spaced(after), text) is not None


def _best_fuzzy(text: str, anchor: BookmarkAnchor) -> tuple[int, int] | None:
    if _closed_up(text, anchor):
        return None
    if len(anchor.quote) > _MAX_FUZZY_QUOTE:
        return _by_head_and_tail(text, anchor)
    quote = anchor.quote
    slack = len(quote) // 4 + 8
    centres = word_votes(text, quote)
    centres.append(min(max(anchor.start, 0), len(text)))
    # Each place is measured on its own (not merged with overlapping ones), so a similar
    # passage next to the real one cannot hide it.
    regions = {
        (max(0, centre - slack), min(len(text), centre + len(quote) + slack)) for centre in centres
    }
    best: tuple[float, int, int, int] | None = None  # (-rank, distance from old, start, end)
    for low, high in sorted(regions):
        found = closest_match(text, quote, low, high)
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


def _by_head_and_tail(text: str, anchor: BookmarkAnchor) -> tuple[int, int] | None:
    """A long passage (a whole chapter selected) found approximately by finding its first
    and last few hundred characters, each with its own context, in order and about as far
    apart as before (an edit distance over the whole of it would cost too much)."""
    quote, edge, context = anchor.quote, _LONG_QUOTE_EDGE, CONTEXT_CHARS
    head = BookmarkAnchor(
        anchor.block_id,
        anchor.start,
        anchor.start + edge,
        quote[:edge],
        anchor.prefix,
        quote[edge : edge + context],
    )
    tail = BookmarkAnchor(
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


def reanchor(flat: FlatText, anchor: BookmarkAnchor) -> tuple[AnchorStatus, int | None, int | None]:
    """Find ``anchor``'s passage in ``flat`` as it is now: status and offsets.

    ATTACHED: the quote is exactly at its old offsets (no better-placed occurrence exists);
    MOVED: found elsewhere or approximately (store :func:`moved_anchor` to keep it);
    DETACHED: not found with confidence (offsets None). Never raises on any input.
    """
    return _locate(flat.text, anchor)


def _locate(text: str, anchor: BookmarkAnchor) -> tuple[AnchorStatus, int | None, int | None]:
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
    return in_reading_order(resolve(flat, bookmark) for bookmark in bookmarks)


def in_reading_order(resolved: Iterable[Resolved]) -> list[Resolved]:
    """Resolved bookmarks in reading order; detached ones last, oldest first."""
    return sorted(
        resolved,
        key=lambda r: (r.start is None, r.start or 0, r.bookmark.created, r.bookmark.id),
    )


def moved_anchor(flat: FlatText, resolved: Resolved) -> BookmarkAnchor | None:
    """The anchor to store for a MOVED bookmark (its passage as the text is now)."""
    if resolved.status is not AnchorStatus.MOVED or resolved.start is None:
        return None
    if resolved.end is None or resolved.end <= resolved.start:
        return None
    return make_anchor(flat, resolved.start, resolved.end)
