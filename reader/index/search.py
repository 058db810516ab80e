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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from reader.document.model import Block, BlockKind, Document
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


@cache
def _plane() -> str:
    """Every character of Unicode's first plane, once: what a class is tried on."""
    return "".join(map(chr, range(0x10000)))


@cache
def _char_pattern(char: str) -> str:
    """``char`` ignoring case (and, for a letter or digit with accented forms, accents)
    as a class of the characters themselves: what ``re.IGNORECASE`` would match, found
    once by trying it on every character of the first plane. A case-blind pattern runs
    3x slower (the engine lowers each character of the text before comparing); letters
    beyond the first plane keep the flag, scoped to them."""
    base = fold(char)
    variants = _variants().get(base) if len(base) == 1 else None
    alike = re.escape(variants) if variants is not None else re.escape(char)
    found = "".join(sorted(set(re.findall(f"[{alike}]", _plane(), re.IGNORECASE))))
    if char not in found:  # beyond the first plane: the engine's own case-blindness
        return f"(?i:{re.escape(char)})"
    single = re.escape(found) if len(found) == 1 else f"[{re.escape(found)}]"
    return single + _MARKS if variants is not None else single


def prepare_search() -> None:
    """Work out the classes of the letters and digits a query is mostly made of (~40 ms),
    so that the first search does not: a loading thread calls it once the text is in."""
    for char in "abcdefghijklmnopqrstuvwxyz0123456789":
        _char_pattern(char)
        _char_pattern(char.upper())


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
        )
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


def _block_hits(index: int, block: Block, pattern: re.Pattern[str]) -> Iterator[SearchHit]:
    """The matches in block ``index``, in reading order (a table's cells row by row)."""
    if block.kind is not BlockKind.TABLE:
        for found in pattern.finditer(block.text):
            yield SearchHit(index, found.start(), found.end())
        return
    for row_number, row in enumerate(block.rows):
        for column, cell in enumerate(row):
            for found in pattern.finditer(cell.text):
                yield SearchHit(index, found.start(), found.end(), (row_number, column))


def _block_size(block: Block) -> int:
    if block.kind is not BlockKind.TABLE:
        return len(block.text)
    return sum(len(cell.text) for row in block.rows for cell in row)


def hit_from(
    document: Document, pattern: re.Pattern[str], key: MentionKey, step: int = 1
) -> SearchHit | None:
    """The first match after ``key`` (``step`` > 0) or the last before it (``step`` < 0),
    wrapping round the text; None if the text has none. Only the blocks up to it are
    searched: the match nearest the screen is found without counting the others."""
    blocks = document.blocks
    if not blocks:
        return None
    here = min(max(key.block_index, 0), len(blocks) - 1)
    if step >= 0:
        for index in range(here, len(blocks)):
            for hit in _block_hits(index, blocks[index], pattern):
                if hit.key > key:
                    return hit
        for index in range(here + 1):  # round from the start
            first = next(_block_hits(index, blocks[index], pattern), None)
            if first is not None:
                return first
        return None
    for index in range(here, -1, -1):
        before = [hit for hit in _block_hits(index, blocks[index], pattern) if hit.key < key]
        if before:
            return before[-1]
    for index in range(len(blocks) - 1, here - 1, -1):  # round from the end
        found = list(_block_hits(index, blocks[index], pattern))
        if found:
            return found[-1]
    return None


class SearchResults:
    """Every match of one query in one document, in reading order.

    Counted at once, or (``counted=False``) a step at a time with :meth:`count`, so that
    a book's matches are counted between keys; what has been counted is usable meanwhile
    (the matches of the blocks searched so far)."""

    def __init__(self, document: Document, query: str, *, counted: bool = True) -> None:
        self.query = query
        self.matches: list[SearchHit] = []
        self.truncated = False
        """True when there were more than :data:`MAX_MATCHES`."""
        self.pattern = query_pattern(query)
        """The query's pattern; None for a blank query (which finds nothing)."""
        self._document = document
        self._keys: list[MentionKey] = []
        self._next_block = 0 if self.pattern is not None else len(document.blocks)
        if counted:
            self.count()

    @property
    def complete(self) -> bool:
        """Whether every block has been searched (or the matches were capped)."""
        return self._next_block >= len(self._document.blocks)

    def count(self, chars: int | None = None) -> bool:
        """Search the next blocks, about ``chars`` characters of them (all that are left
        with None); True once the whole text is searched."""
        blocks, pattern = self._document.blocks, self.pattern
        budget = chars
        while pattern is not None and self._next_block < len(blocks):
            index = self._next_block
            self._next_block += 1
            block = blocks[index]
            for hit in _block_hits(index, block, pattern):
                if len(self.matches) == MAX_MATCHES:
                    self.truncated = True
                    self._next_block = len(blocks)
                    return True
                self.matches.append(hit)
                self._keys.append(hit.key)
            if budget is not None:
                budget -= _block_size(block) + 1
                if budget <= 0:
                    break
        return self.complete

    def index_of(self, hit: SearchHit) -> int:
        """Position of ``hit`` among the matches counted, or -1."""
        found = bisect_left(self._keys, hit.key)
        return found if found < len(self.matches) and self.matches[found] == hit else -1

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
        return self.next_after(MentionKey.at(block, offset, None), step)

    def next_after(self, key: MentionKey, step: int = 1) -> int | None:
        """As :meth:`next_from`, from a place given by its key (a table cell's too)."""
        if not self.matches:
            return None
        if step >= 0:
            return bisect_right(self._keys, key) % len(self.matches)
        return (bisect_left(self._keys, key) - 1) % len(self.matches)


FIRST_COUNT_CHARS = 60_000
"""Characters searched at once with the first match: a short text (the article) is
counted whole, so its first answer is already "1 of 3"."""


class SearchCursor:
    """A reader's last search in the text shown, and the match they are on.

    The match nearest the screen is found first, alone (:func:`hit_from`); a long text's
    matches are counted afterwards, a step at a time (:meth:`SearchResults.count`), and
    n/N go on from match to match meanwhile. The text can be replaced by a relinked or
    another version of it (same blocks, new objects): the query is then run again on it,
    and the reader continues from where they are on screen.
    """

    def __init__(self) -> None:
        self.results: SearchResults | None = None
        self._at: SearchHit | None = None
        """The match gone to last (None before the first, or when nothing matched)."""
        self._document: Document | None = None

    def search(self, document: Document, query: str, place: tuple[int, int]) -> SearchHit | None:
        """Search ``document`` for ``query`` and go to the first match from ``place``
        (block, offset of the top of the screen) on; None if there is none. The rest are
        counted as far as :data:`FIRST_COUNT_CHARS`; :meth:`SearchResults.count` goes on."""
        self.results = SearchResults(document, query, counted=False)
        self.results.count(FIRST_COUNT_CHARS)
        self._document, self._at = document, None
        return self.step(document, 1, place)

    def rebase(self, document: Document) -> bool:
        """``document`` replaced the text searched (its whole after its opening, or the
        same relinked, while a book loads): its matches are to be counted again, a step
        at a time, and the match gone to stays the one n goes on from. Whether there was
        a search to carry over."""
        if self.results is None or document is self._document:
            return False
        self.results = SearchResults(document, self.results.query, counted=False)
        self._document = document
        return True

    def step(self, document: Document, step: int, place: tuple[int, int]) -> SearchHit | None:
        """The next (``step`` 1) or previous (-1) match, wrapping round the text; from
        ``place`` if no match has been gone to yet. None if nothing was searched or
        nothing found."""
        results = self.results
        if results is None:
            return None
        if document is not self._document:
            self.results = results = SearchResults(document, results.query)
            self._document, self._at = document, None
        if self._at is not None:
            origin = self._at.key
        else:
            origin = MentionKey.at(place[0], place[1] - 1, None)
        if results.complete:
            # Counted: by bisection, within the matches kept (capped: hit_from is not).
            found = results.next_after(origin, step)
            self._at = None if found is None else results.matches[found]
        elif results.pattern is not None:
            self._at = hit_from(document, results.pattern, origin, step)
        return self._at

    @property
    def index(self) -> int:
        """Index of the match gone to last among the matches; -1 before the first, or
        while they are still being counted."""
        if self.results is None or self._at is None or not self.results.complete:
            return -1
        return self.results.index_of(self._at)

    @index.setter
    def index(self, index: int) -> None:
        matches = self.results.matches if self.results is not None else []
        self._at = matches[index] if 0 <= index < len(matches) else None

    @property
    def current(self) -> SearchHit | None:
        """The match gone to last."""
        return self._at if self.results is not None else None

    @property
    def counting(self) -> bool:
        """Whether the matches of the last search are still being counted."""
        return self.results is not None and not self.results.complete

    def status(self, limit: int = 60) -> str:
        """What the status line says of the search: "“volga”: 3 of 17", not found, or
        "counting" while a long text's matches are."""
        if self.results is None:
            return ""
        query = title_line(self.results.query, limit)
        if self._at is None:
            return _("“{query}”: not found").format(query=query)
        if not self.results.complete:
            return _("“{query}”: counting matches…").format(query=query)
        return _("“{query}”: {number} of {count}").format(
            query=query, number=format_count(self.index + 1), count=self.results.count_label()
        )
