"""Find what a reader types in a document, ignoring case and accents.

"stalin" finds "Stálin" and "STALIN", "volgogrado" finds "Volgogrado"; words typed with
one space find them across any run of spaces or a line break. The query becomes one
regular expression whose letters are classes of their accented forms, so the search
runs at C speed over the blocks' own text: no folded copy of a book is made, and every
match is an offset in a block's text, ready to be shown and highlighted.

Table cells are not searched (their offsets are not offsets in a block's text).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

from reader.document.model import BlockKind, Document
from reader.glossary.fold import fold

MAX_MATCHES = 100_000
"""Matches kept per search; past these the count says "100,000+"."""


@cache
def _variants() -> dict[str, str]:
    """Each base letter and digit, and the characters that fold to it ("a" → "aáàâãä…")."""
    found: dict[str, set[str]] = {}
    for code in range(0x00C0, 0x0250):
        char = chr(code)
        base = fold(char)
        if len(base) == 1 and base.isascii() and base.isalnum():
            cases = {char, char.lower(), char.upper()}
            found.setdefault(base, {base}).update(c for c in cases if len(c) == 1)
    return {base: "".join(sorted(chars)) for base, chars in found.items()}


_MARKS = "[\u0300-\u036f]*"
"""Combining accents a text may write after its letter instead of one accented letter."""


def _char_pattern(char: str) -> str:
    base = fold(char)
    variants = _variants().get(base) if len(base) == 1 else None
    if variants is None:
        return re.escape(char)
    return "[" + re.escape(variants) + "]" + _MARKS


def query_pattern(query: str) -> re.Pattern[str] | None:
    """The pattern that finds ``query`` ignoring case and accents; None for a blank
    query."""
    words = query.split()
    if not words:
        return None
    return re.compile(
        r"\s+".join("".join(_char_pattern(char) for char in word) for word in words),
        re.IGNORECASE,
    )


@dataclass(frozen=True, slots=True)
class Match:
    """One place the query was found."""

    block: int
    """Index of the block in ``Document.blocks``."""
    start: int
    """Offset in the block's text."""
    end: int


class SearchResults:
    """Every match of one query in one document, in reading order."""

    def __init__(self, document: Document, query: str) -> None:
        self.query = query
        self.matches: list[Match] = []
        self.truncated = False
        """True when there were more than :data:`MAX_MATCHES`."""
        pattern = query_pattern(query)
        if pattern is not None:
            self._find(document, pattern)
        self._keys = [(match.block, match.start) for match in self.matches]

    def _find(self, document: Document, pattern: re.Pattern[str]) -> None:
        for index, block in enumerate(document.blocks):
            if block.kind is BlockKind.TABLE:
                continue
            for found in pattern.finditer(block.text):
                if len(self.matches) == MAX_MATCHES:
                    self.truncated = True
                    return
                self.matches.append(Match(index, found.start(), found.end()))

    def in_block(self, block: int, low: int, high: int) -> list[tuple[int, int]]:
        """(start, end) of the matches in block ``block`` with a character between
        offsets ``low`` and ``high``: what one line of it shows."""
        if not self.matches:
            return []
        first = bisect_left(self._keys, (block, low))
        if first and self.matches[first - 1].block == block and self.matches[first - 1].end > low:
            first -= 1  # matches never overlap: only the one before can reach in
        last = bisect_left(self._keys, (block, high), first)
        return [(match.start, match.end) for match in self.matches[first:last]]

    def __len__(self) -> int:
        return len(self.matches)

    def count_label(self) -> str:
        """How many matches, for the status line ("17", "100,000+")."""
        return f"{len(self.matches):,}" + ("+" if self.truncated else "")

    def next_from(self, block: int, offset: int, step: int = 1) -> int | None:
        """Index of the first match after (``step`` > 0) or the last before (``step`` < 0)
        the place (``block``, ``offset``), wrapping round the text; None if none."""
        if not self.matches:
            return None
        key = (block, offset)
        if step >= 0:
            return bisect_right(self._keys, key) % len(self.matches)
        return (bisect_left(self._keys, key) - 1) % len(self.matches)
