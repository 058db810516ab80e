"""Runs: a block's text cut where its roles change, each run with at most one link.

Roles ("em term", "heading1") say what a run is, not how it looks: the view maps them to
styles from its TCSS. Links (:class:`LinkTarget`) are numbered in reading order across the
whole document (:attr:`reader.layout.DocumentLayout.links`), so a run's ``link`` is an
index there. A :class:`Part` says which piece of a giant block to style
(:mod:`reader.layout.pieces`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter

from reader.document.model import LINK_KINDS, Block, BlockKind, Span, SpanKind
from reader.text.strings import superscript


@dataclass(frozen=True, slots=True)
class Run:
    """Text with one set of roles and at most one link."""

    text: str
    roles: str = ""
    """Space-separated roles, e.g. "em term"; the view turns them into a style."""
    link: int = -1
    """Index into :attr:`reader.layout.DocumentLayout.links`, or -1."""
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
    """One piece of a block laid out in pieces (see :mod:`reader.layout.pieces`): what
    :func:`styled_runs` and :func:`reader.layout.blocks.layout_block` set of it."""

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


ROLES = (
    "em",
    "strong",
    "code",
    "code-block",
    "strike",
    "link",
    "image",
    "term",
    "note-ref",
    "note-number",
    "html",
    "heading",
    "heading1",
    "heading2",
    "heading3",
    "heading-rule",
    "quote-bar",
    "marker",
    "rule",
    "table-border",
    "table-header",
)
"""Every role a run may carry; a view styles each (the article view from its TCSS)."""

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


_START = attrgetter("start")

_ROLES_OF: dict[tuple[SpanKind, ...], str] = {}
"""The roles of each combination of span kinds met so far, outermost first: a book has
hundreds of thousands of runs and a handful of combinations."""


def _roles_of(kinds: tuple[SpanKind, ...]) -> str:
    roles = _ROLES_OF[kinds] = " ".join(dict.fromkeys(_ROLE[kind] for kind in kinds))
    return roles


def links_of(spans: Iterable[Span]) -> list[Span]:
    """The spans a reader can focus and follow: each takes the next link index."""
    return [span for span in spans if span.kind in LINK_KINDS]


def block_links(block: Block) -> list[Span]:
    """The link spans of a block, table cells included, in reading order."""
    if block.kind is not BlockKind.TABLE:
        return links_of(block.spans)
    return [span for row in block.rows for cell in row for span in links_of(cell.spans)]


def styled_runs(
    text: str,
    spans: Sequence[Span],
    link_base: int,
    *,
    part: Part | None = None,
) -> list[Run]:
    """Split ``text`` into runs of constant roles, note numbers inserted after their spans.

    With ``part``, only the piece ``part.start``..``part.end`` of ``text``: ``spans`` are
    then those of the piece (see :class:`reader.layout.pieces.BlockParts`), links are
    numbered by ``part.link_of`` and offsets stay offsets in the whole ``text``.
    """
    low, high, after = (0, len(text), -1) if part is None else (part.start, part.end, part.after)
    if not spans:  # most headings, list items and paragraphs of a book
        return [Run(text[low:high], "", -1, low)] if high > low else []
    link_of: Mapping[int, int]
    if part is None or part.link_of is None:
        link_of = {id(span): link_base + n for n, span in enumerate(links_of(spans))}
    else:
        link_of = part.link_of
    inserts: dict[int, list[Run]] = {}
    for span in spans:
        if span.number is not None and after < span.end <= high:
            run = Run(superscript(span.number), "note-number", link_of.get(id(span), -1))
            inserts.setdefault(span.end, []).append(run)
    # Where roles may change: span edges inside the piece (those outside it count as
    # its own edges, already there).
    edges = {span.start for span in spans} | {span.end for span in spans}
    bounds = sorted({low, high, *(edge for edge in edges if low < edge < high)})
    runs: list[Run] = []
    # One sweep over the boundaries: spans join when they start and leave when they end,
    # so a block dense with terms costs O(spans × nesting), not O(spans²); the roles and
    # link are worked out again only where the spans in force change.
    pending = sorted((s for s in spans if s.start < s.end), key=_START)
    next_span = 0
    active: list[Span] = []
    first_end = high  # the first end among the active spans
    roles, link, changed = "", -1, True
    for position, start in enumerate(bounds):
        numbers = inserts.get(start)
        if numbers:
            runs.extend(numbers)
        if position + 1 == len(bounds):
            break
        if first_end <= start and active:
            active = [s for s in active if s.end > start]
            first_end = high
            for span in active:
                if span.end < first_end:
                    first_end = span.end
            changed = True
        while next_span < len(pending) and pending[next_span].start <= start:
            span = pending[next_span]
            if span.end > start:  # a span from a piece before may end here
                active.append(span)
                if span.end < first_end:
                    first_end = span.end
                changed = True
            next_span += 1
        if changed:
            kinds = tuple(s.kind for s in active)
            found = _ROLES_OF.get(kinds)
            roles = found if found is not None else _roles_of(kinds)
            link = -1
            for span in active:
                if span.kind in LINK_KINDS:
                    link = link_of[id(span)]
            changed = False
        runs.append(Run(text[start : bounds[position + 1]], roles, link, start))
    return runs
