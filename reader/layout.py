"""Lay a document out in lines of styled runs at a given width, lazily and per block.

This is the layout of the reading view and of ``reader render`` alike, so the two cannot
disagree about where lines break or which number follows which term. It knows nothing of
colours: a run carries *roles* ("em term", "heading1") that the view maps to styles from
its TCSS, and a link index for focus and clicks.

Blocks are wrapped only when asked for (the view asks for what is on screen), and their
heights are estimated until then, so the first screen of a book appears before the rest
of the book is laid out. Estimates only ever move text *below* the block being drawn.
"""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Iterable, Sequence
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
from reader.strings import superscript


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
"""Wrapped blocks kept; heights are kept for all blocks regardless."""

_SPACES = re.compile(r"(\n|[ \t\u00a0]+)")


def _links_of(spans: Iterable[Span]) -> list[Span]:
    return [span for span in spans if span.kind in LINK_KINDS]


def _block_links(block: Block) -> list[Span]:
    """The link spans of a block, table cells included, in reading order."""
    if block.kind is not BlockKind.TABLE:
        return _links_of(block.spans)
    return [span for row in block.rows for cell in row for span in _links_of(cell.spans)]


def styled_runs(text: str, spans: Sequence[Span], link_base: int) -> list[Run]:
    """Split ``text`` into runs of constant roles, note numbers inserted after their spans."""
    links = _links_of(spans)
    link_of = {id(span): link_base + position for position, span in enumerate(links)}
    inserts: dict[int, list[Run]] = {}
    for span in spans:
        if span.number is not None:
            run = Run(superscript(span.number), "note-number", link_of.get(id(span), -1))
            inserts.setdefault(span.end, []).append(run)
    bounds = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
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


def _table_lines(block: Block, width: int, link_base: int) -> list[list[Run]]:
    rows = block.rows
    columns = max((len(row) for row in rows), default=0)
    if columns == 0:
        return []
    natural = [1] * columns
    for row in rows:
        for index, cell in enumerate(row):
            natural[index] = max(natural[index], cell_len(cell.text))
    room = max(columns * 3, width - 3 * (columns - 1))
    widths = natural
    if sum(natural) > room:
        widths = [max(3, math.floor(room * size / sum(natural))) for size in natural]
    lines: list[list[Run]] = []
    link = link_base
    for row_number, row in enumerate(rows):
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


def layout_block(block: Block, width: int, link_base: int, *, first: bool = False) -> list[Line]:
    """The lines of one block at ``width`` columns, with its margin and the blank line
    that separates it from the block before (none for the first block or a tight one)."""
    first_prefix, rest_prefix, margin = _prefixes(block)
    room = max(MIN_TEXT_WIDTH, width - margin)
    body: list[list[Run]]
    if block.kind is BlockKind.HEADING:
        roles = f"heading heading{block.level}"
        runs = [run.with_roles(roles) for run in styled_runs(block.text, block.spans, link_base)]
        body = wrap_runs(runs, room)
        if block.level <= 2:
            rule = max(sum(cell_len(run.text) for run in line) for line in body)
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
        for source_line in block.text.expandtabs(4).split("\n"):
            chunks = wrap_runs([Run(source_line.replace(" ", "\u00a0"), roles)], room - 2) or [[]]
            for chunk in chunks:
                text = "".join(run.text for run in chunk).replace("\u00a0", " ")
                body.append(_pad([Run(" " + text, roles)], room, roles))
    elif block.kind is BlockKind.RULE:
        body = [[Run("─" * room, "rule")]]
    elif block.kind is BlockKind.TABLE:
        body = _table_lines(block, room, link_base)
    else:
        runs = styled_runs(block.text.replace("\t", " "), block.spans, link_base)
        if block.kind is BlockKind.TERM:
            runs = [run.with_roles("strong") for run in runs]
        body = wrap_runs(runs, room)
    lines: list[Line] = []
    if not first and not block.tight:
        lines.append(())
    for number, line in enumerate(body):
        prefix = first_prefix if number == 0 else rest_prefix
        lines.append(tuple(prefix + line))
    return lines


_WRAP_WASTE = 0.35
"""Greedy wrapping leaves, on average, this fraction of a word (plus its space) empty at
the end of each full line; fitted on generated Portuguese prose at 40 to 100 columns."""


class _Shapes:
    """What estimating each block's height needs to know of it, whatever the width.

    Kept in flat arrays rather than an object per block: a book has tens of thousands of
    blocks, and that many small objects would also cost the garbage collector.
    """

    _PLAIN: Final = -1
    """``chars`` of a block whose height does not depend on the width (rules, tables)."""
    _MANY: Final = -2
    """``chars`` of a block whose pieces are in :attr:`many` (code, hard line breaks)."""

    def __init__(self, blocks: Sequence[Block]) -> None:
        self.fixed = array("q")
        """Lines whatever the width: the separating blank line, a heading's rule, rows."""
        self.margin = array("q")
        """Columns the block's containers take."""
        self.chars = array("q")
        """Characters of a one-line paragraph or heading, note numbers included."""
        self.words = array("q")
        """Words of the same (spaces plus one)."""
        self.many: dict[int, tuple[bool, tuple[tuple[int, int], ...]]] = {}
        """Per block index: whether it is code (lines cut where they overflow), and the
        (characters, words) of each of its source or hard lines."""
        for index, block in enumerate(blocks):  # one plain loop: books have many blocks
            fixed = 0 if index == 0 or block.tight else 1
            text = block.text
            kind = block.kind
            chars, words = self._PLAIN, 0
            if kind is BlockKind.CODE or kind is BlockKind.HTML:
                lines = text.expandtabs(4).split("\n")
                self.many[index] = (True, tuple((len(line), 1) for line in lines))
                chars = self._MANY
            elif kind is BlockKind.RULE:
                fixed += 1
            elif kind is BlockKind.TABLE:
                fixed += len(block.rows) + 1  # its rows and the header rule
            else:
                if kind is BlockKind.HEADING and block.level <= 2:
                    fixed += 1  # the rule under it
                numbers = 0  # note numbers set after terms and footnote refs take room too
                for span in block.spans:
                    if span.number is not None:
                        numbers += len(str(span.number))
                if "\n" in text:  # hard line breaks: each piece starts a line
                    pieces = [(len(piece), piece.count(" ") + 1) for piece in text.split("\n")]
                    pieces[-1] = (pieces[-1][0] + numbers, pieces[-1][1])
                    self.many[index] = (False, tuple(pieces))
                    chars = self._MANY
                else:
                    chars, words = len(text) + numbers, text.count(" ") + 1
            self.fixed.append(fixed)
            self.margin.append(2 * len(block.containers))
            self.chars.append(chars)
            self.words.append(words)

    def estimate(self, width: int) -> list[int]:
        """The probable height of every block at ``width``."""
        heights = []
        rows = zip(self.fixed, self.margin, self.chars, self.words, strict=True)
        for index, (fixed, margin, chars, words) in enumerate(rows):
            room = max(MIN_TEXT_WIDTH, width - margin)
            if chars >= 0:
                heights.append(fixed + _prose_lines(chars, words, room))
            elif chars == self._PLAIN:
                heights.append(fixed)
            else:
                code, pieces = self.many[index]
                if code:
                    code_room = max(1, room - 2)
                    lines = sum(max(1, -(-size // code_room)) for size, _ in pieces)
                else:
                    lines = sum(_prose_lines(size, count, room) for size, count in pieces)
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
    """The lines of a whole document at one width; blocks wrapped on demand and cached."""

    def __init__(self, document: Document, width: int) -> None:
        self.document = document
        self.width = max(MIN_TEXT_WIDTH, width)
        self._links: list[LinkTarget] | None = None
        self._link_base: list[int] = []
        count = 0
        for block in document.blocks:
            self._link_base.append(count)
            count += len(_block_links(block))
        self._shapes = _Shapes(document.blocks)
        self._cache: OrderedDict[int, list[Line]] = OrderedDict()
        self._heights: list[int] = []
        self._exact: bytearray = bytearray()
        self._tops: list[int] | None = None
        self._reset_heights()

    @property
    def links(self) -> list[LinkTarget]:
        """Every link a reader can focus and follow, in reading order; listed on first use
        (a book has tens of thousands, and showing it needs none of them)."""
        if self._links is None:
            links: list[LinkTarget] = []
            for index, block in enumerate(self.document.blocks):
                for span in _block_links(block):
                    links.append(LinkTarget(len(links), index, span.kind, span.target))
            self._links = links
        return self._links

    def _reset_heights(self) -> None:
        blocks = self.document.blocks
        self._cache.clear()
        self._heights = self._shapes.estimate(self.width)
        self._exact = bytearray(len(blocks))
        self._tops = None
        if sum(len(block.text) for block in blocks) <= EAGER_LAYOUT_CHARS:
            for index in range(len(blocks)):
                self.block_lines(index)

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
        """Total lines, exact for blocks laid out so far, estimated for the rest."""
        tops = self._offsets()
        return tops[-1] if tops else 0

    def _offsets(self) -> list[int]:
        if self._tops is None:
            self._tops = [0, *accumulate(self._heights)]
        return self._tops

    def block_lines(self, index: int) -> list[Line]:
        """The lines of block ``index``, wrapping it now if needed."""
        lines = self._cache.get(index)
        if lines is not None:
            self._cache.move_to_end(index)
            return lines
        block = self.document.blocks[index]
        lines = layout_block(block, self.width, self._link_base[index], first=index == 0)
        self._cache[index] = lines
        if len(self._cache) > BLOCK_CACHE_SIZE:
            self._cache.popitem(last=False)
        if self._heights[index] != len(lines):
            self._heights[index] = len(lines)
            self._tops = None
        self._exact[index] = 1
        return lines

    def lay_out(self, first: int, last: int) -> bool:
        """Wrap now every block with a line in document lines ``first``..``last``, so that
        drawing them later corrects no estimate (and so changes no height). Lines above
        ``first`` do not move. True if the height of the document changed.

        For a view to call when idle with the page below the screen (and after showing a
        document or changing width), so that paging down draws exact blocks only."""
        blocks = len(self.document.blocks)
        if not blocks or last < max(0, first):
            return False
        before = self.height
        index = self.locate(first)[0]
        while index < blocks and self.block_top(index) <= last:
            self.block_lines(index)
            index += 1
        return self.height != before

    def block_top(self, index: int) -> int:
        """First line of block ``index`` (including its separating blank line)."""
        return self._offsets()[index]

    def locate(self, y: int) -> tuple[int, int]:
        """(block index, line within block) of document line ``y``, clamped to the text."""
        blocks = len(self.document.blocks)
        if blocks == 0:
            return (0, 0)
        index = min(blocks - 1, max(0, bisect_right(self._offsets(), y) - 1))
        return index, max(0, y - self._offsets()[index])

    def line(self, y: int) -> Line | None:
        """Document line ``y``, or None past the end."""
        if y < 0 or not self.document.blocks:
            return None
        index, row = self.locate(y)
        lines = self.block_lines(index)
        # Wrapping may have changed this block's height; its top did not move.
        if row < len(lines):
            return lines[row]
        if index + 1 < len(self.document.blocks):
            next_top = self.block_top(index + 1)
            return self.line(next_top + (y - next_top)) if y >= next_top else ()
        return None

    def link_line(self, link: int) -> int:
        """Document line on which link ``link`` starts."""
        target = self.links[link]
        lines = self.block_lines(target.block)
        top = self.block_top(target.block)
        for row, line in enumerate(lines):
            if any(run.link == link for run in line):
                return top + row
        return top

    def offset_line(self, index: int, offset: int) -> int:
        """Document line showing character ``offset`` of block ``index``'s text."""
        top = self.block_top(index)
        found = 0
        for row, line in enumerate(self.block_lines(index)):
            for run in line:
                if 0 <= run.offset <= offset:
                    found = row
        if found == 0:
            # The block's first content line (after its separating blank line, if any).
            found = next((row for row, line in enumerate(self.block_lines(index)) if line), 0)
        return top + found

    def visible_blocks(self, first: int, last: int) -> tuple[int, int]:
        """Indices of the first and last blocks with a line in ``first``..``last``."""
        return self.locate(first)[0], self.locate(last)[0]

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
            for index in range(len(self.document.blocks))
            for line in self.block_lines(index)
        ]
