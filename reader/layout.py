"""Lay a document out in lines of styled runs at a given width, lazily and per block.

This is the layout of the reading view and of ``reader render`` alike, so the two cannot
disagree about where lines break or which number follows which term. It knows nothing of
colours: a run carries *roles* ("em term", "heading1") that the view maps to styles from
its TCSS, and a link index for focus and clicks.

Blocks are wrapped only when asked for (the view asks for what is on screen), and their
heights are estimated until then, so the first screen of a book appears before the rest
of the book is laid out. Estimates only ever move text *below* the block being drawn.

A block too long to wrap at a keypress (a 10 MB paragraph, a code block or table of
megabytes) is laid out in *pieces* of about :data:`PIECE_CHARS` characters (or
:data:`PIECE_ROWS` table rows), cut at a hard line break where there is one near, else at a
space: only the pieces on screen are wrapped. A piece starts a new line, so such a block
may show a short line every hundred lines or so; nothing else differs.
"""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Final

from rich.cells import cell_len

from reader.document.model import (
    LINK_KINDS,
    Block,
    BlockKind,
    Cell,
    ContainerKind,
    Document,
    Span,
    SpanKind,
)
from reader.text.strings import superscript


@dataclass(frozen=True, slots=True)
class Run:
    """Text with one set of roles and at most one link."""

    text: str
    roles: str = ""
    """Space-separated roles, e.g. "em term"; the view turns them into a style."""
    link: int = -1
    """Index into :attr:`DocumentLayout.links`, or -1."""
    offset: int = -1
    """Offset of the run's first character in its block's text; -1 for generated text
    (note numbers, margins, table cells) — used to find a passage's line and highlight it."""

    def with_roles(self, roles: str) -> Run:
        """The same run with ``roles`` added in front of its own."""
        return Run(self.text, f"{roles} {self.roles}".strip(), self.link, self.offset)


Line = tuple[Run, ...]


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """Something a reader can focus and follow: a term, a footnote ref or a URL."""

    index: int
    """Position among the document's links, in reading order."""
    block: int
    """Index of the block it is in."""
    kind: SpanKind
    target: str
    """Term key, note key or URL."""
    start: int = -1
    """Offset of the link in its block's text; -1 in a table cell."""


@dataclass(frozen=True, slots=True)
class Part:
    """One piece of a block laid out in pieces (see the module's docstring)."""

    start: int
    """Offset of its first character in the block's text (first row, for a table)."""
    end: int
    """Offset one past its last character (past its last row, for a table)."""
    after: int
    """End of the piece before (-1 for the first): note numbers of spans ending in
    ``after``..``end`` (``after`` excluded) are set in this piece."""
    first: bool
    last: bool
    link_of: Mapping[int, int] | None = None
    """Link index by ``id(span)`` for every link span of the block (tables: None, their
    links are numbered from the ``link_base`` given with the piece)."""


_ROLE = {
    SpanKind.EMPHASIS: "em",
    SpanKind.STRONG: "strong",
    SpanKind.CODE: "code",
    SpanKind.STRIKE: "strike",
    SpanKind.LINK: "link",
    SpanKind.IMAGE: "image",
    SpanKind.TERM_REF: "term",
    SpanKind.NOTE_REF: "note-ref",
    SpanKind.HTML: "html",
}

MIN_TEXT_WIDTH = 12
"""Narrowest column text is wrapped to, however deep the nesting."""

EAGER_LAYOUT_CHARS = 300_000
"""Texts smaller than this are laid out completely at once: exact heights, no estimates."""

BLOCK_CACHE_SIZE = 4_000
"""Wrapped pieces kept; heights are kept for all of them regardless."""

PIECE_CHARS = 8_000
"""Blocks of more than twice this many characters are laid out in pieces of about this
size: wrapping one takes milliseconds, so no keypress waits for a whole giant block."""

PIECE_ROWS = 200
"""Tables of more than twice this many rows are laid out in pieces of this many rows."""

_SPACES = re.compile(r"(\n|[ \t\u00a0]+)")


def _links_of(spans: Iterable[Span]) -> list[Span]:
    return [span for span in spans if span.kind in LINK_KINDS]


def _block_links(block: Block) -> list[Span]:
    """The link spans of a block, table cells included, in reading order."""
    if block.kind is not BlockKind.TABLE:
        return _links_of(block.spans)
    return [span for row in block.rows for cell in row for span in _links_of(cell.spans)]


def styled_runs(
    text: str,
    spans: Sequence[Span],
    link_base: int,
    *,
    part: Part | None = None,
) -> list[Run]:
    """Split ``text`` into runs of constant roles, note numbers inserted after their spans.

    With ``part``, only the piece ``part.start``..``part.end`` of ``text``: ``spans`` are
    then those of the piece (see :class:`_BlockParts`), links are numbered by
    ``part.link_of`` and offsets stay offsets in the whole ``text``.
    """
    low, high, after = (0, len(text), -1) if part is None else (part.start, part.end, part.after)
    link_of: Mapping[int, int]
    if part is None or part.link_of is None:
        link_of = {id(span): link_base + n for n, span in enumerate(_links_of(spans))}
    else:
        link_of = part.link_of
    inserts: dict[int, list[Run]] = {}
    for span in spans:
        if span.number is not None and after < span.end <= high:
            run = Run(superscript(span.number), "note-number", link_of.get(id(span), -1))
            inserts.setdefault(span.end, []).append(run)
    bounds = sorted(
        {low, high}
        | {min(high, max(low, s.start)) for s in spans}
        | {min(high, max(low, s.end)) for s in spans}
    )
    runs: list[Run] = []
    # One sweep over the boundaries: spans join when they start and leave when they end,
    # so a block dense with terms costs O(spans × nesting), not O(spans²).
    pending = sorted((s for s in spans if s.start < s.end), key=lambda s: s.start)
    next_span = 0
    active: list[Span] = []
    for position, start in enumerate(bounds):
        runs.extend(inserts.get(start, ()))
        if position + 1 == len(bounds):
            break
        end = bounds[position + 1]
        active = [s for s in active if s.end > start]
        while next_span < len(pending) and pending[next_span].start <= start:
            if pending[next_span].end > start:  # a span from a piece before may end here
                active.append(pending[next_span])
            next_span += 1
        if end <= start:
            continue
        roles = " ".join(dict.fromkeys(_ROLE[s.kind] for s in active))
        link = -1
        for span in active:
            if span.kind in LINK_KINDS:
                link = link_of[id(span)]
        runs.append(Run(text[start:end], roles, link, start))
    return runs


def wrap_runs(runs: Sequence[Run], width: int) -> list[list[Run]]:
    """Greedy word wrap: break at spaces, collapse them to one, split over-long words."""
    width = max(1, width)
    lines: list[list[Run]] = []
    line: list[Run] = []
    used = 0
    space: Run | None = None
    word: list[Run] = []

    def flush_word() -> None:
        nonlocal line, used, space, word
        if not word:
            return
        size = sum(cell_len(run.text) for run in word)
        gap = 1 if space is not None and line else 0
        if line and used + gap + size > width:
            lines.append(line)
            line, used, gap = [], 0, 0
        if gap and space is not None:
            line.append(Run(" ", space.roles, space.link, space.offset))
            used += 1
        if size > width:
            for run in word:
                for position, char in enumerate(run.text):
                    char_width = cell_len(char)
                    if used + char_width > width and line:
                        lines.append(line)
                        line, used = [], 0
                    offset = run.offset + position if run.offset >= 0 else -1
                    line.append(Run(char, run.roles, run.link, offset))
                    used += char_width
        else:
            line.extend(word)
            used += size
        space, word = None, []

    for run in runs:
        position = 0
        for piece in _SPACES.split(run.text):
            if not piece:
                continue
            offset = run.offset + position if run.offset >= 0 else -1
            position += len(piece)
            if piece == "\n":
                flush_word()
                lines.append(line)
                line, used, space = [], 0, None
            elif piece[0] in " \t\u00a0":
                flush_word()
                space = Run(piece, run.roles, run.link, offset)
            else:
                word.append(Run(piece, run.roles, run.link, offset))
    flush_word()
    if line or not lines:
        lines.append(line)
    return [_merge(line) for line in lines]


def _merge(line: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in line:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.roles == run.roles
            and last.link == run.link
            and (last.offset < 0) == (run.offset < 0)
            and (run.offset < 0 or last.offset + len(last.text) == run.offset)
        ):
            merged[-1] = Run(last.text + run.text, run.roles, run.link, last.offset)
        else:
            merged.append(run)
    return merged


def _cut_cells(line: str, width: int) -> list[str]:
    """``line`` cut every ``width`` cells, spaces kept as they are: code is not prose."""
    width = max(1, width)
    if line.isascii():
        return [line[start : start + width] for start in range(0, len(line), width)] or [""]
    chunks: list[str] = []
    start = used = 0
    for position, char in enumerate(line):
        size = cell_len(char)
        if used + size > width and position > start:
            chunks.append(line[start:position])
            start, used = position, 0
        used += size
    chunks.append(line[start:])
    return chunks


def _pad(runs: list[Run], width: int, roles: str = "", align: str = "left") -> list[Run]:
    used = sum(cell_len(run.text) for run in runs)
    gap = max(0, width - used)
    if align == "right":
        return [Run(" " * gap, roles), *runs]
    if align == "center":
        return [Run(" " * (gap // 2), roles), *runs, Run(" " * (gap - gap // 2), roles)]
    return [*runs, Run(" " * gap, roles)] if gap else runs


def _prefixes(block: Block) -> tuple[list[Run], list[Run], int]:
    """The margin of the block's first line, of its other lines, and its width."""
    first: list[Run] = []
    rest: list[Run] = []
    width = 0
    for container in block.containers:
        if container.kind is ContainerKind.QUOTE:
            first.append(Run("│ ", "quote-bar"))
            rest.append(Run("│ ", "quote-bar"))
            width += 2
            continue
        size = (
            2 if container.kind is ContainerKind.BULLET else max(4, cell_len(container.marker) + 1)
        )
        marker = container.marker
        roles = "note-number" if container.kind is ContainerKind.NOTE else "marker"
        text = (
            marker.rjust(size - 1) + " "
            if container.kind is ContainerKind.ORDERED
            else marker.ljust(size)
        )
        first.append(Run(text if marker else " " * size, roles))
        rest.append(Run(" " * size))
        width += size
    return first, rest, width


def table_widths(block: Block, width: int) -> list[int]:
    """The width of each column of a table laid out in ``width`` columns."""
    columns = max((len(row) for row in block.rows), default=0)
    natural = [1] * columns
    for row in block.rows:
        for index, cell in enumerate(row):
            natural[index] = max(natural[index], cell_len(cell.text))
    room = max(columns * 3, width - 3 * (columns - 1))
    if sum(natural) > room:
        return [max(3, math.floor(room * size / sum(natural))) for size in natural]
    return natural


def _table_lines(block: Block, widths: list[int], link_base: int, rows: range) -> list[list[Run]]:
    """The lines of table rows ``rows``, cells wrapped in columns ``widths`` wide."""
    columns = len(widths)
    if columns == 0:
        return []
    lines: list[list[Run]] = []
    link = link_base
    for row_number in rows:
        row = block.rows[row_number]
        wrapped: list[list[list[Run]]] = []
        for index in range(columns):
            cell = row[index] if index < len(row) else Cell("")
            roles = "table-header" if row_number < block.header_rows else ""
            # Offsets inside a cell are not offsets in the block's text: drop them.
            cell_runs = [
                Run(run.text, f"{run.roles} {roles}".strip(), run.link)
                for run in styled_runs(cell.text, cell.spans, link)
            ]
            link += len(_links_of(cell.spans))
            wrapped.append(
                [
                    _pad(line, widths[index], "", cell.align)
                    for line in wrap_runs(cell_runs, widths[index])
                ]
            )
        height = max(len(cell_lines) for cell_lines in wrapped)
        for line_number in range(height):
            line: list[Run] = []
            for index, cell_lines in enumerate(wrapped):
                if index:
                    line.append(Run(" │ ", "table-border"))
                line.extend(
                    cell_lines[line_number]
                    if line_number < len(cell_lines)
                    else [Run(" " * widths[index])]
                )
            lines.append(line)
        if row_number + 1 == block.header_rows:
            lines.append([Run("─┼─".join("─" * size for size in widths), "table-border")])
    return lines


def layout_block(
    block: Block,
    width: int,
    link_base: int,
    *,
    first: bool = False,
    part: Part | None = None,
    spans: Sequence[Span] | None = None,
    widths: list[int] | None = None,
) -> list[Line]:
    """The lines of one block at ``width`` columns, with its margin and the blank line
    that separates it from the block before (none for the first block or a tight one).

    With ``part``, the lines of that piece of the block only: ``spans`` are the spans
    with a character in it, ``widths`` a table's column widths (:func:`table_widths`).
    """
    first_prefix, rest_prefix, margin = _prefixes(block)
    room = max(MIN_TEXT_WIDTH, width - margin)
    opening = part is None or part.first
    closing = part is None or part.last
    text = block.text if part is None else block.text[part.start : part.end]
    if spans is None:
        spans = block.spans
    body: list[list[Run]]
    if block.kind is BlockKind.HEADING:
        roles = f"heading heading{block.level}"
        runs = [
            run.with_roles(roles) for run in styled_runs(block.text, spans, link_base, part=part)
        ]
        body = wrap_runs(runs, room)
        if block.level <= 2 and closing:
            rule = max(sum(cell_len(run.text) for run in line) for line in body)
            if part is not None and not part.first:
                rule = room  # the heading above wrapped: its rule spans the column
            body.append(
                [
                    Run(
                        ("━" if block.level == 1 else "─") * rule,
                        f"heading-rule heading{block.level}",
                    )
                ]
            )
    elif block.kind in (BlockKind.CODE, BlockKind.HTML):
        body = []
        roles = "code-block" if block.kind is BlockKind.CODE else "html"
        for source_line in text.expandtabs(4).split("\n"):
            for chunk in _cut_cells(source_line, room - 2):
                body.append(_pad([Run(" " + chunk, roles)], room, roles))
    elif block.kind is BlockKind.RULE:
        body = [[Run("─" * room, "rule")]]
    elif block.kind is BlockKind.TABLE:
        rows = range(len(block.rows)) if part is None else range(part.start, part.end)
        body = _table_lines(block, widths or table_widths(block, room), link_base, rows)
    else:
        runs = styled_runs(block.text, spans, link_base, part=part)
        if block.kind is BlockKind.TERM:
            runs = [run.with_roles("strong") for run in runs]
        body = wrap_runs(runs, room)
    lines: list[Line] = []
    if opening and not first and not block.tight:
        lines.append(())
    for number, line in enumerate(body):
        prefix = first_prefix if number == 0 and opening else rest_prefix
        lines.append(tuple(prefix + line))
    return lines


def piece_ranges(block: Block) -> list[tuple[int, int]] | None:
    """Where a block too long to lay out at once is cut: (start, end) of each piece, in
    characters of its text (rows of a table); None for a block laid out whole.

    A cut goes at a hard line break near the target size, else (outside code) at a
    space, which then belongs to neither piece; else right at the target size.
    """
    if block.kind is BlockKind.TABLE:
        count = len(block.rows)
        if count <= 2 * PIECE_ROWS:
            return None
        return [(row, min(row + PIECE_ROWS, count)) for row in range(0, count, PIECE_ROWS)]
    text = block.text
    if block.kind is BlockKind.RULE or len(text) <= 2 * PIECE_CHARS:
        return None
    code = block.kind in (BlockKind.CODE, BlockKind.HTML)
    ranges: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > 2 * PIECE_CHARS:
        target = start + PIECE_CHARS
        limit = target + PIECE_CHARS // 2
        cut, skip = text.find("\n", target, limit), 1
        if cut < 0 and not code:
            cut = text.find(" ", target, limit)
        if cut < 0:
            cut, skip = target, 0
        ranges.append((start, cut))
        start = cut + skip
    ranges.append((start, len(text)))
    return ranges


_WRAP_WASTE = 0.35
"""Greedy wrapping leaves, on average, this fraction of a word (plus its space) empty at
the end of each full line; fitted on generated Portuguese prose at 40 to 100 columns."""


class _Shapes:
    """What estimating the height of each piece of each block needs to know of it,
    whatever the width (a block laid out whole is one piece).

    Kept in flat arrays rather than an object per block: a book has tens of thousands of
    blocks, and that many small objects would also cost the garbage collector.
    """

    _PLAIN: Final = -1
    """``chars`` of a piece whose height does not depend on the width (rules, tables)."""
    _MANY: Final = -2
    """``chars`` of a piece whose parts are in :attr:`many` (code, hard line breaks)."""

    def __init__(
        self, blocks: Sequence[Block], ranges: Mapping[int, list[tuple[int, int]]]
    ) -> None:
        self.fixed = array("q")
        """Lines whatever the width: the separating blank line, a heading's rule, rows."""
        self.margin = array("q")
        """Columns the block's containers take."""
        self.chars = array("q")
        """Characters of a one-line paragraph or heading, note numbers included."""
        self.words = array("q")
        """Words of the same (spaces plus one)."""
        self.many: dict[int, tuple[bool, tuple[tuple[int, int], ...]]] = {}
        """Per piece index: whether it is code (lines cut where they overflow), and the
        (characters, words) of each of its source or hard lines."""
        for index, block in enumerate(blocks):  # one plain loop: books have many blocks
            separated = 0 if index == 0 or block.tight else 1
            margin = 2 * len(block.containers)
            kind = block.kind
            if kind is BlockKind.TABLE:
                for number, (start, end) in enumerate(ranges.get(index, [(0, len(block.rows))])):
                    rule = 1 if start < block.header_rows <= end else 0
                    self._add((0 if number else separated) + end - start + rule, margin)
                continue
            if kind is BlockKind.RULE:
                self._add(separated + 1, margin)
                continue
            text = block.text
            pieces = ranges.get(index, [(0, len(text))])
            code = kind is BlockKind.CODE or kind is BlockKind.HTML
            # Note numbers set after terms and footnote refs take room too.
            numbers = [0] * len(pieces)
            if not code:
                ends = [end for _, end in pieces]
                for span in block.spans:
                    if span.number is not None:
                        piece = min(len(pieces) - 1, bisect_left(ends, span.end))
                        numbers[piece] += len(str(span.number))
            for number, (start, end) in enumerate(pieces):
                fixed = 0 if number else separated
                if kind is BlockKind.HEADING and block.level <= 2 and number + 1 == len(pieces):
                    fixed += 1  # the rule under it
                piece_text = text if len(pieces) == 1 else text[start:end]
                if code:
                    lines = piece_text.expandtabs(4).split("\n")
                    self.many[len(self.fixed)] = (True, tuple((len(line), 1) for line in lines))
                    self._add(fixed, margin, self._MANY)
                elif "\n" in piece_text:  # hard line breaks: each part starts a line
                    parts = [(len(line), line.count(" ") + 1) for line in piece_text.split("\n")]
                    parts[-1] = (parts[-1][0] + numbers[number], parts[-1][1])
                    self.many[len(self.fixed)] = (False, tuple(parts))
                    self._add(fixed, margin, self._MANY)
                else:
                    chars = len(piece_text) + numbers[number]
                    self._add(fixed, margin, chars, piece_text.count(" ") + 1)

    def _add(self, fixed: int, margin: int, chars: int = _PLAIN, words: int = 0) -> None:
        self.fixed.append(fixed)
        self.margin.append(margin)
        self.chars.append(chars)
        self.words.append(words)

    def estimate(self, width: int) -> list[int]:
        """The probable height of every piece at ``width``."""
        heights = []
        rows = zip(self.fixed, self.margin, self.chars, self.words, strict=True)
        for index, (fixed, margin, chars, words) in enumerate(rows):
            room = max(MIN_TEXT_WIDTH, width - margin)
            if chars >= 0:
                heights.append(fixed + _prose_lines(chars, words, room))
            elif chars == self._PLAIN:
                heights.append(fixed)
            else:
                code, parts = self.many[index]
                if code:
                    code_room = max(1, room - 2)
                    lines = sum(max(1, -(-size // code_room)) for size, _ in parts)
                else:
                    lines = sum(_prose_lines(size, count, room) for size, count in parts)
                heights.append(fixed + lines)
        return heights


def _prose_lines(chars: int, words: int, room: int) -> int:
    """Lines that ``chars`` characters in ``words`` words probably take wrapped at ``room``:
    full lines are shorter than ``room`` by what greedy wrapping typically leaves empty at
    their ends, which grows with the mean word length."""
    if chars <= room:
        return 1
    waste = _WRAP_WASTE * (chars / words + 1)
    return max(1, math.ceil((chars - waste) / max(1.0, room - waste)))


class DocumentLayout:
    """The lines of a whole document at one width; pieces wrapped on demand and cached.

    Internally the document is a sequence of *pieces*: one per block, or several for a
    block too long to wrap at once (:func:`piece_ranges`). Heights, tops and the cache are
    per piece; everything public speaks of blocks and document lines.
    """

    def __init__(self, document: Document, width: int) -> None:
        self.document = document
        self.width = max(MIN_TEXT_WIDTH, width)
        self._links: list[LinkTarget] | None = None
        self._link_base: list[int] = []
        self._ranges: dict[int, list[tuple[int, int]]] = {}
        self._first_piece = array("q")
        """Index of each block's first piece, and the number of pieces at the end."""
        self._piece_block = array("q")
        """Index of the block of each piece."""
        count = 0
        for index, block in enumerate(document.blocks):
            self._link_base.append(count)
            count += len(_block_links(block))
            ranges = piece_ranges(block)
            if ranges is not None:
                self._ranges[index] = ranges
            self._first_piece.append(len(self._piece_block))
            self._piece_block.extend([index] * (len(ranges) if ranges else 1))
        self._first_piece.append(len(self._piece_block))
        self._shapes = _Shapes(document.blocks, self._ranges)
        self._parts: dict[int, _BlockParts] = {}
        self._widths: dict[int, list[int]] = {}
        """Column widths of the tables laid out in pieces, at the current width."""
        self._cache: OrderedDict[int, list[Line]] = OrderedDict()
        self._heights: list[int] = []
        self._tops: list[int] | None = None
        self._reset_heights()

    @property
    def links(self) -> list[LinkTarget]:
        """Every link a reader can focus and follow, in reading order; listed on first use
        (a book has tens of thousands, and showing it needs none of them)."""
        if self._links is None:
            links: list[LinkTarget] = []
            for index, block in enumerate(self.document.blocks):
                table = block.kind is BlockKind.TABLE
                for span in _block_links(block):
                    start = -1 if table else span.start
                    links.append(LinkTarget(len(links), index, span.kind, span.target, start))
            self._links = links
        return self._links

    def _reset_heights(self) -> None:
        self._cache.clear()
        self._widths.clear()
        self._heights = self._shapes.estimate(self.width)
        self._tops = None
        if sum(_size(block) for block in self.document.blocks) <= EAGER_LAYOUT_CHARS:
            for piece in range(len(self._piece_block)):
                self._piece_lines(piece)

    def set_width(self, width: int) -> bool:
        """Lay out again at ``width``; True if it changed."""
        width = max(MIN_TEXT_WIDTH, width)
        if width == self.width:
            return False
        self.width = width
        self._reset_heights()
        return True

    @property
    def height(self) -> int:
        """Total lines, exact for pieces laid out so far, estimated for the rest."""
        tops = self._offsets()
        return tops[-1] if tops else 0

    def _offsets(self) -> list[int]:
        if self._tops is None:
            self._tops = [0, *accumulate(self._heights)]
        return self._tops

    def _piece_lines(self, piece: int) -> list[Line]:
        """The lines of piece ``piece``, wrapping it now if needed."""
        lines = self._cache.get(piece)
        if lines is not None:
            self._cache.move_to_end(piece)
            return lines
        index = self._piece_block[piece]
        block = self.document.blocks[index]
        link_base = self._link_base[index]
        first = index == 0
        if index not in self._ranges:
            lines = layout_block(block, self.width, link_base, first=first)
        else:
            parts = self._block_parts(index)
            number = piece - self._first_piece[index]
            widths = None
            if block.kind is BlockKind.TABLE:
                widths = self._widths.get(index)
                if widths is None:
                    room = max(MIN_TEXT_WIDTH, self.width - _prefixes(block)[2])
                    widths = self._widths[index] = table_widths(block, room)
            lines = layout_block(
                block,
                self.width,
                parts.link_bases[number],
                first=first,
                part=parts.parts[number],
                spans=parts.spans(number),
                widths=widths,
            )
        self._cache[piece] = lines
        if len(self._cache) > BLOCK_CACHE_SIZE:
            self._cache.popitem(last=False)
        if self._heights[piece] != len(lines):
            self._heights[piece] = len(lines)
            self._tops = None
        return lines

    def _block_parts(self, index: int) -> _BlockParts:
        """The pieces of block ``index`` (one laid out in pieces) and their spans."""
        parts = self._parts.get(index)
        if parts is None:
            block = self.document.blocks[index]
            parts = _BlockParts(block, self._ranges[index], self._link_base[index])
            self._parts[index] = parts
        return parts

    def _pieces_of(self, index: int) -> range:
        return range(self._first_piece[index], self._first_piece[index + 1])

    def block_lines(self, index: int) -> list[Line]:
        """The lines of block ``index``, wrapping it now if needed (all of it: for a
        giant block prefer :meth:`line` and :meth:`offset_line`)."""
        pieces = self._pieces_of(index)
        if len(pieces) == 1:
            return self._piece_lines(pieces[0])
        return [line for piece in pieces for line in self._piece_lines(piece)]

    def block_height(self, index: int) -> int:
        """Lines of block ``index``: exact where laid out, estimated elsewhere."""
        tops = self._offsets()
        return tops[self._first_piece[index + 1]] - tops[self._first_piece[index]]

    def lay_out(self, first: int, last: int) -> bool:
        """Wrap now every piece with a line in document lines ``first``..``last``, so
        that drawing them later corrects no estimate (and so changes no height). Lines
        above ``first`` do not move. True if the height of the document changed.

        For a view to call when idle with the page below the screen (and after showing a
        document or changing width), so that paging down draws exact pieces only."""
        pieces = len(self._piece_block)
        if not pieces or last < max(0, first):
            return False
        before = self.height
        piece = self._locate_piece(first)[0]
        while piece < pieces and self._offsets()[piece] <= last:
            self._piece_lines(piece)
            piece += 1
        return self.height != before

    def block_top(self, index: int) -> int:
        """First line of block ``index`` (including its separating blank line)."""
        return self._offsets()[self._first_piece[index]]

    def _locate_piece(self, y: int) -> tuple[int, int]:
        """(piece, line within piece) of document line ``y``, clamped to the text."""
        pieces = len(self._piece_block)
        if pieces == 0:
            return (0, 0)
        piece = min(pieces - 1, max(0, bisect_right(self._offsets(), y) - 1))
        return piece, max(0, y - self._offsets()[piece])

    def locate(self, y: int) -> tuple[int, int]:
        """(block index, line within block) of document line ``y``, clamped to the text."""
        if not self.document.blocks:
            return (0, 0)
        index = self._piece_block[self._locate_piece(y)[0]]
        return index, max(0, y - self.block_top(index))

    def line(self, y: int) -> Line | None:
        """Document line ``y``, or None past the end."""
        if y < 0 or not self.document.blocks:
            return None
        piece, row = self._locate_piece(y)
        lines = self._piece_lines(piece)
        # Wrapping may have changed this piece's height; its top did not move.
        if row < len(lines):
            return lines[row]
        if piece + 1 < len(self._piece_block):
            next_top = self._offsets()[piece + 1]
            return self.line(y) if y >= next_top else ()
        return None

    def _offset_piece(self, index: int, offset: int) -> int:
        """The piece of block ``index`` that shows character ``offset`` of its text (the
        first of a table's)."""
        ranges = self._ranges.get(index)
        first = self._first_piece[index]
        if ranges is None or self.document.blocks[index].kind is BlockKind.TABLE:
            return first
        return first + max(0, bisect_right(ranges, offset, key=lambda piece: piece[0]) - 1)

    def link_line(self, link: int) -> int:
        """Document line on which link ``link`` starts."""
        target = self.links[link]
        if target.block in self._ranges and target.start < 0:  # in a table's cell
            bases = self._block_parts(target.block).link_bases
            piece = self._first_piece[target.block] + bisect_right(bases, link) - 1
        else:
            piece = self._offset_piece(target.block, max(0, target.start))
        # The next piece too: a link whose text starts with the space a cut was made at.
        for candidate in range(piece, min(piece + 2, self._first_piece[target.block + 1])):
            top = self._offsets()[candidate]
            for row, line in enumerate(self._piece_lines(candidate)):
                if any(run.link == link for run in line):
                    return top + row
        return self.block_top(target.block)

    def offset_line(self, index: int, offset: int) -> int:
        """Document line showing character ``offset`` of block ``index``'s text."""
        piece = self._offset_piece(index, offset)
        lines = self._piece_lines(piece)
        top = self._offsets()[piece]
        found = 0
        for row, line in enumerate(lines):
            for run in line:
                if 0 <= run.offset <= offset:
                    found = row
        if found == 0:
            # The piece's first content line (after its separating blank line, if any).
            found = next((row for row, line in enumerate(lines) if line), 0)
        return top + found

    def visible_blocks(self, first: int, last: int) -> tuple[int, int]:
        """Indices of the first and last blocks with a line in ``first``..``last``."""
        return self.locate(first)[0], self.locate(last)[0]

    def shown(self, first: int, last: int) -> tuple[int, int, int, int]:
        """What document lines ``first``..``last`` show: their first and last block, the
        offset of the first character shown of the first block's text (0 if its lines
        there carry none) and the offset past the last one shown of the last's (-1: its
        end, or none)."""
        start, end = 0, -1
        top_block, bottom_block = self.visible_blocks(first, last)
        for y in range(first, last + 1):
            if self.locate(y)[0] != top_block:
                break
            offsets = [run.offset for run in self.line(y) or () if run.offset >= 0]
            if offsets:
                start = offsets[0]
                break
        for y in range(last, first - 1, -1):
            if self.locate(y)[0] != bottom_block:
                break
            runs = [run for run in self.line(y) or () if run.offset >= 0]
            if runs:
                end = runs[-1].offset + len(runs[-1].text)
                break
        return top_block, bottom_block, start, end

    def links_on(self, first: int, last: int) -> list[int]:
        """Links that appear on document lines ``first``..``last`` inclusive."""
        found: dict[int, None] = {}
        for y in range(first, last + 1):
            for run in self.line(y) or ():
                if run.link >= 0:
                    found[run.link] = None
        return list(found)

    def plain_lines(self) -> list[str]:
        """Every line as plain text, laid out exactly: for ``reader render``."""
        return [
            "".join(run.text for run in line).rstrip()
            for piece in range(len(self._piece_block))
            for line in self._piece_lines(piece)
        ]


def _size(block: Block) -> int:
    """Characters of a block, its table cells included."""
    return len(block.text) + sum(len(cell.text) for row in block.rows for cell in row)


class _BlockParts:
    """The pieces of one block laid out in pieces, and the spans of each: found by
    bisection, so wrapping a piece costs the spans in it, not those of the block."""

    def __init__(self, block: Block, ranges: list[tuple[int, int]], link_base: int) -> None:
        table = block.kind is BlockKind.TABLE
        link_of = None
        if not table:
            links = _links_of(block.spans)
            link_of = {id(span): link_base + number for number, span in enumerate(links)}
        self.parts: list[Part] = []
        self.link_bases: list[int] = []
        """Index of the first link of each piece of a table (of the block otherwise)."""
        after = -1
        link = link_base
        for number, (start, end) in enumerate(ranges):
            last = number + 1 == len(ranges)
            self.parts.append(Part(start, end, after, number == 0, last, link_of))
            self.link_bases.append(link)
            if table:
                cells = (cell for row in block.rows[start:end] for cell in row)
                link += sum(len(_links_of(cell.spans)) for cell in cells)
            after = end
        self._spans = block.spans  # sorted by start (see Block.spans)
        self._starts = [span.start for span in self._spans]
        self._carried: list[tuple[Span, ...]] = []
        """Per piece: spans that start in an earlier piece and end past it (if only by
        the space cut at, a note number set after them belongs to this piece)."""
        if table:
            return
        open_spans: list[Span] = []
        next_span = 0
        for part in self.parts:
            while next_span < len(self._spans) and self._spans[next_span].start <= part.after:
                open_spans.append(self._spans[next_span])
                next_span += 1
            open_spans = [span for span in open_spans if span.end > part.after]
            self._carried.append(tuple(open_spans))

    def spans(self, number: int) -> list[Span]:
        """The spans with a character (or a note number) in piece ``number``."""
        if not self._carried:
            return []
        part = self.parts[number]
        low = bisect_right(self._starts, part.after)
        high = bisect_right(self._starts, part.end)
        return [*self._carried[number], *self._spans[low:high]]
