"""Nesting too deep to show: flattened, never cut, never dropped.

Two limits. The parser's: markdown-it stops tokenizing at ``maxNesting`` and skips the
rest of the container, and beyond it recursion would run out; so from
:data:`FLAT_LEVEL` on, :func:`flatten_too_deep` takes every line of a container as flat
items (their list and quote markers stripped) instead of opening containers within
containers. The reader's: a block is shown at most :data:`MAX_DEPTH` containers deep
(:func:`clamp_depth`), so the indentation of a deep outline never eats the measure and
no word is cut at it. What either flattens is a warning naming its first line.
"""

from __future__ import annotations

import re
from typing import Final

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from reader.document.model import Container

MAX_NESTING: Final = 40
"""markdown-it's nesting limit (in its levels: a list item is two, a quote one)."""

FLAT_LEVEL: Final = MAX_NESTING - 4
"""From this parser level on, containers are flattened: the deepest container opened
below it (a list item, two levels, from the level before) stays under the limit, and so
do the flat list, item and paragraph put in it."""

MAX_DEPTH: Final = 10
"""Most containers (list items, quotes, definitions) a block is shown in; deeper blocks
are shown at this depth. Ten bullets take 20 columns, leaving 20 at a 40-column measure."""

_MARKERS = re.compile(r"(?:[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?)*")
"""The quote, bullet and number markers at the start of a line, with their spaces."""
_LIST_MARKER = re.compile(r"[-+*\d]")


def too_deep_plugin(md: MarkdownIt) -> None:
    """Flatten what lies deeper than :data:`FLAT_LEVEL` (see :func:`flatten_too_deep`);
    first of all block rules, so no container rule opens another level there."""
    md.block.ruler.before("table", "too_deep", flatten_too_deep)


def _strip_markers(text: str) -> tuple[str, bool]:
    """``text`` without its leading quote and list markers; whether a list marker was
    among them (the line starts an item)."""
    markers = _MARKERS.match(text)
    end = markers.end() if markers is not None else 0
    return text[end:].strip(), _LIST_MARKER.search(text, 0, end) is not None


def flatten_too_deep(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """At :data:`FLAT_LEVEL` or deeper: the lines of this container as flat text.

    A line starting with list markers (after any quote markers) starts an item; the
    items in a row make one flat list; lines of text between them make paragraphs; a
    blank line (or one of markers only) ends a paragraph or item. Lines belong to the
    container up to the first one indented less than it (markdown-it's own rule).
    """
    if silent or state.level < FLAT_LEVEL:
        return False
    groups: list[tuple[int, int, list[str], bool]] = []  # first, last line, texts, item
    line = start_line
    ended = True  # the previous line ended a group (or there was none)
    while line < end_line:
        if not state.isEmpty(line) and state.sCount[line] < state.blkIndent:
            break
        start = state.bMarks[line] + state.tShift[line]
        text, item = _strip_markers(state.src[start : state.eMarks[line]])
        if not text:
            ended = True
        elif item or ended:
            groups.append((line, line, [text], item))
            ended = False
        else:
            first, _, texts, was_item = groups[-1]
            texts.append(text)
            groups[-1] = (first, line, texts, was_item)
        line += 1
    in_list = False
    for first, last, texts, item in groups:
        if item and not in_list:
            state.push("bullet_list_open", "ul", 1)
        elif in_list and not item:
            state.push("bullet_list_close", "ul", -1)
        in_list = item
        if item:
            state.push("list_item_open", "li", 1).map = [first, last + 1]
        _paragraph(state, first, last, "\n".join(texts), tight=item)
        if item:
            state.push("list_item_close", "li", -1)
    if in_list:
        state.push("bullet_list_close", "ul", -1)
    state.line = line
    return True


def _paragraph(state: StateBlock, first: int, last: int, text: str, *, tight: bool) -> None:
    """A paragraph of ``text`` (lines ``first`` to ``last``), its inline content parsed
    later as any other's."""
    opening = state.push("paragraph_open", "p", 1)
    opening.map = [first, last + 1]
    content = state.push("inline", "", 0)
    content.content = text
    content.map = [first, last + 1]
    content.children = []
    closing = state.push("paragraph_close", "p", -1)
    opening.hidden = closing.hidden = tight


def clamp_depth(containers: tuple[Container, ...]) -> tuple[Container, ...]:
    """``containers`` cut to :data:`MAX_DEPTH`: the outer ones, then the innermost (whose
    marker, if the block starts an item, is the item's)."""
    if len(containers) <= MAX_DEPTH:
        return containers
    return (*containers[: MAX_DEPTH - 1], containers[-1])
