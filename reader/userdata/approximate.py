"""Approximate string search, fast enough for a 5 MB text: where a passage roughly is now.

Two tools for finding a quote that was edited, knowing nothing about anchors:

* :func:`word_votes`: where the quote would start, going by where its longer words occur
  now (a "vote" of each word's occurrences), so only a few places need measuring;
* :func:`closest_match`: the closest approximate match in a window of the text, measured
  with Myers' bit-parallel edit distance (:func:`edit_distances`).

Both cost a few ``str.find`` scans and integer operations, not a pass of Python code over
every character.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["closest_match", "edit_distances", "word_votes"]

_MAX_WORDS: Final = 12
_MAX_WORD_HITS: Final = 200
"""A word occurring more often than this is too common to tell where the quote is."""
_MAX_CANDIDATES: Final = 8


def edit_distances(pattern: str, text: str, *, anchored: bool) -> list[int]:
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


def closest_match(text: str, quote: str, low: int, high: int) -> tuple[int, int, int] | None:
    """The closest match of ``quote`` in ``text[low:high]``: (distance, start, end)."""
    scores = edit_distances(quote, text[low:high], anchored=False)
    if not scores:
        return None
    distance = min(scores)
    end = low + scores.index(distance) + 1
    window_start = max(0, end - len(quote) - distance)
    backwards = edit_distances(quote[::-1], text[window_start:end][::-1], anchored=True)
    best = min(range(len(backwards)), key=lambda j: (backwards[j], abs(j + 1 - len(quote))))
    return backwards[best], end - (best + 1), end


def word_votes(text: str, quote: str) -> list[int]:
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
