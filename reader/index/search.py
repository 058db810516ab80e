"""Find what a reader types in a document, ignoring case and accents.

"stalin" finds "Stálin" and "STALIN", "volgogrado" finds "Volgogrado"; words typed with
one space find them across any run of spaces or a line break. The query becomes one
regular expression whose letters are classes of their accented forms, so the search
runs at C speed over the blocks' own text: no folded copy of a book is made, and every
match is an offset in a block's text, ready to be shown and highlighted.

Table cells are searched too, each on its own (a match never runs from one cell into
the next); a match in a cell says which cell, and its offsets are in the cell's text, as
a mention's are (:class:`reader.index.mentions.Mention`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

from reader.document.model import BlockKind, Document
from reader.index.mentions import MentionKey
from reader.text.fold import INVISIBLE, fold, strip_invisible
from reader.text.i18n import _
from reader.text.sanitize import title_line
from reader.text.strings import format_count

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


_UNSEEN = f"[{INVISIBLE}]*"
"""Invisible characters a text may hold inside a word (a soft hyphen in "Stalin­grado", a
zero-width space a web page put there): skipped, as the glossary's matching skips them."""


def query_pattern(query: str) -> re.Pattern[str] | None:
    """The pattern that finds ``query`` ignoring case, accents and invisible characters;
    None for a blank query (invisible characters typed into it are dropped)."""
    words = strip_invisible(query).split()
    if not words:
        return None
    return re.compile(
        (_UNSEEN + r"\s+" + _UNSEEN).join(
            _UNSEEN.join(_char_pattern(char) for char in word) for word in words
        ),
        re.IGNORECASE,
    )


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One place the query was found."""

    block: int
    """Index of the block in ``Document.blocks``."""
    start: int
    """Offset in the block's text (in the cell's, for a table)."""
    end: int
    cell: tuple[int, int] | None = None
    """(row, column) of the table cell the match is in; None outside tables."""

    @property
    def key(self) -> MentionKey:
        """Reading-order key (a table's cells row by row, after the text before it)."""
        return MentionKey.at(self.block, self.start, self.cell)

    def text_in(self, document: Document) -> str:
        """The text the offsets are in: the block's, or the cell's."""
        block = document.blocks[self.block]
        if self.cell is None:
            return block.text
        row, column = self.cell
        return block.rows[row][column].text


class SearchResults:
    """Every match of one query in one document, in reading order."""

    def __init__(self, document: Document, query: str) -> None:
        self.query = query
        self.matches: list[SearchHit] = []
        self.truncated = False
        """True when there were more than :data:`MAX_MATCHES`."""
        pattern = query_pattern(query)
        if pattern is not None:
            self._find(document, pattern)
        self._keys = [match.key for match in self.matches]

    def _find(self, document: Document, pattern: re.Pattern[str]) -> None:
        for index, block in enumerate(document.blocks):
            places: list[tuple[str, tuple[int, int] | None]] = []
            if block.kind is BlockKind.TABLE:
                for row_number, row in enumerate(block.rows):
                    cells = enumerate(row)
                    places.extend((cell.text, (row_number, column)) for column, cell in cells)
            else:
                places.append((block.text, None))
            for text, cell in places:
                for found in pattern.finditer(text):
                    if len(self.matches) == MAX_MATCHES:
                        self.truncated = True
                        return
                    self.matches.append(SearchHit(index, found.start(), found.end(), cell))

    def in_block(self, block: int, low: int, high: int) -> list[tuple[int, int]]:
        """(start, end) of the matches in block ``block``'s text (not its table cells)
        with a character between offsets ``low`` and ``high``: what one line of it
        shows."""
        if not self.matches:
            return []
        first = bisect_left(self._keys, MentionKey.at(block, low, None))
        if first and self.matches[first - 1].block == block and self.matches[first - 1].end > low:
            first -= 1  # matches never overlap: only the one before can reach in
        last = bisect_left(self._keys, MentionKey.at(block, high, None), first)
        return [
            (match.start, match.end) for match in self.matches[first:last] if match.cell is None
        ]

    def __len__(self) -> int:
        return len(self.matches)

    def count_label(self) -> str:
        """How many matches, for the status line ("17", "100,000+")."""
        return format_count(len(self.matches)) + ("+" if self.truncated else "")

    def next_from(self, block: int, offset: int, step: int = 1) -> int | None:
        """Index of the first match after (``step`` > 0) or the last before (``step`` < 0)
        the place (``block``, ``offset``), wrapping round the text; None if none."""
        if not self.matches:
            return None
        key = MentionKey.at(block, offset, None)
        if step >= 0:
            return bisect_right(self._keys, key) % len(self.matches)
        return (bisect_left(self._keys, key) - 1) % len(self.matches)


class SearchCursor:
    """A reader's last search in the text shown, and the match they are on.

    The text can be replaced by a relinked or another version of it (same blocks, new
    objects): the query is then run again on it, and the reader continues from where
    they are on screen.
    """

    def __init__(self) -> None:
        self.results: SearchResults | None = None
        self.index = -1
        """Index of the match gone to last; -1 before the first."""
        self._document: Document | None = None

    def search(self, document: Document, query: str, place: tuple[int, int]) -> SearchHit | None:
        """Search ``document`` for ``query`` and go to the first match from ``place``
        (block, offset of the top of the screen) on; None if there is none."""
        self.results, self._document, self.index = SearchResults(document, query), document, -1
        return self.step(document, 1, place)

    def step(self, document: Document, step: int, place: tuple[int, int]) -> SearchHit | None:
        """The next (``step`` 1) or previous (-1) match, wrapping round the text; from
        ``place`` if no match has been gone to yet. None if nothing was searched or
        nothing found."""
        if self.results is None:
            return None
        if document is not self._document:
            self.results, self._document = SearchResults(document, self.results.query), document
            self.index = -1
        if self.index < 0:
            found = self.results.next_from(place[0], place[1] - 1, step)
        else:
            found = (self.index + step) % len(self.results) if self.results.matches else None
        self.index = -1 if found is None else found
        return self.current

    @property
    def current(self) -> SearchHit | None:
        """The match gone to last."""
        if self.results is None or self.index < 0:
            return None
        return self.results.matches[self.index]

    def status(self, limit: int = 60) -> str:
        """What the status line says of the search: "“volga”: 3 of 17" or not found."""
        if self.results is None:
            return ""
        query = title_line(self.results.query, limit)
        if self.index < 0:
            return _("“{query}”: not found").format(query=query)
        return _("“{query}”: {number} of {count}").format(
            query=query, number=format_count(self.index + 1), count=self.results.count_label()
        )
