"""Lines of the article view as terminal cells: painting a laid-out line, and finding the
run under a cell.

Pure functions of a :data:`reader.layout.Line` and a style lookup, so the widget keeps
only its state; what is painted where (the margin's marks, matches, the highlighted
passage, the selection) is decided here, in one place for drawing and hit-testing alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from reader.layout import Line

PAINTED_ROLES = ("highlight", "match", "selection", "cursor", "bookmark-mark")
"""Roles the view paints over the layout's own (see :data:`reader.layout.runs.ROLES`)."""

StyleFor = Callable[[str, bool], Style]
"""(space-separated roles, whether the run is the focused link) → the style to paint."""


class Gutter(NamedTuple):
    """The marks in the left margin of a line: a bookmark (◆), the reading cursor (▎)."""

    bookmarked: bool
    cursor: bool


class Marked(NamedTuple):
    """A stretch of a block's text painted with an extra role (match, highlight,
    selection); later ones are painted over earlier ones."""

    start: int
    end: int
    role: str


def marked_ranges(
    block: int,
    matches: Sequence[tuple[int, int]],
    highlight: tuple[int, int, int] | None,
    selection: tuple[int, int, int] | None,
) -> list[Marked]:
    """The marked stretches of ``block``: search matches, then the highlighted passage,
    then the selection (each ``(block, start, end)``)."""
    found = [Marked(start, end, "match") for start, end in matches]
    for marked, role in ((highlight, "highlight"), (selection, "selection")):
        if marked is not None and marked[0] == block:
            found.append(Marked(marked[1], marked[2], role))
    return found


def _gutter(gutter: Gutter | None, margin: int, style: StyleFor) -> list[Segment]:
    """The left margin, with the bookmark and cursor marks of the line's block."""
    base = style("", False)
    if margin < 2 or gutter is None:
        return [Segment(" " * margin, base)] if margin else []
    mark = Segment("◆", style("bookmark-mark", False)) if gutter.bookmarked else Segment(" ", base)
    bar = Segment("▎", style("cursor", False)) if gutter.cursor else Segment(" ", base)
    return [Segment(" " * (margin - 2), base), mark, bar]


def _split_run(
    text: str, roles: str, offset: int, ranges: Sequence[Marked], focused: bool, style: StyleFor
) -> list[Segment]:
    """Cut a run where marked stretches begin and end."""
    cuts = {0, len(text)}
    for start, end, _ in ranges:
        cuts.update(min(len(text), max(0, point - offset)) for point in (start, end))
    segments = []
    for left, right in pairwise(sorted(cuts)):
        if left == right:
            continue
        extra = [role for start, end, role in ranges if start <= offset + left < end]
        style_roles = " ".join([roles, *extra]).strip()
        segments.append(Segment(text[left:right], style(style_roles, focused)))
    return segments


def paint_line(
    line: Line,
    width: int,
    margin: int,
    style: StyleFor,
    gutter: Gutter | None,
    focus: int | None,
    ranges: Sequence[Marked],
) -> Strip:
    """One line of the view, ``width`` cells wide: the margin, then the runs, the
    focused link and the marked stretches painted with their roles."""
    segments = _gutter(gutter, margin, style)
    for run in line:
        focused = focus is not None and run.link == focus
        if not ranges or run.offset < 0:
            segments.append(Segment(run.text, style(run.roles, focused)))
            continue
        segments.extend(_split_run(run.text, run.roles, run.offset, ranges, focused, style))
    return Strip(segments).extend_cell_length(width, style("", False)).crop(0, width)


def link_in_line(line: Line, x: int) -> int | None:
    """The link of the run under cell ``x`` of the text column (the margin subtracted)."""
    position = 0
    for run in line:
        width = Segment(run.text).cell_length
        if position <= x < position + width:
            return run.link if run.link >= 0 else None
        position += width
    return None


def offset_in_line(line: Line, x: int) -> int | None:
    """The offset in the block's text of the character under cell ``x`` of the text
    column: before the text, its first character; past it, the end of the last run."""
    position = 0
    last: int | None = None
    for run in line:
        width = Segment(run.text).cell_length
        if run.offset >= 0:
            if position <= x < position + width:
                return run.offset + min(len(run.text) - 1, x - position)
            last = run.offset + len(run.text)
            if x < position:
                return run.offset
        position += width
    return last
