"""The walk over an element tree: a table of handlers by element name, and what is left out.

lxml's ``iterwalk`` gives start and end events in document order without recursion, so
a tree as deep as the parser allows (or deeper, built by hand) costs no Python stack.
At each element's start the walk decides, in this order, whether to leave it out with all
it holds: a note or a list of notes (converted apart, as notes), an element that is never
text (``<script>``, ``<head>``, form controls) or that the page hides, a back-link inside a
note, and whatever the caller's ``skip`` says (a web page's menus and comments). Then the
element's handler runs, and its text; at its end, the end handler, and the text after it.
"""

from __future__ import annotations

import html.entities
from collections.abc import Mapping

from lxml import etree

from reader.document.html import blocks, inline, tables
from reader.document.html.names import BLOCK_TAGS, NEVER_TEXT, element_id, is_hidden, local_name
from reader.document.html.state import ConvertState, End, Start
from reader.document.model import Span

_TEXT_BLOCKS = ("p", "dt", *(f"h{level}" for level in range(1, 7)))


def _table(element: etree._Element, state: ConvertState) -> bool:
    """``<table>``: a table block, or for a layout table only a boundary."""
    state.flush()
    if tables.is_layout(element):
        return False
    tables.table(element, state, cell_content)
    return True


STARTS: Mapping[str, Start] = {
    **dict.fromkeys(_TEXT_BLOCKS, blocks.open_text_block),
    **dict.fromkeys(("ul", "ol", "menu", "dir"), blocks.open_list),
    "li": blocks.open_item,
    "blockquote": blocks.open_quote,
    "dd": blocks.open_definition,
    "pre": blocks.code,
    "hr": blocks.rule,
    "table": _table,
    **dict.fromkeys(inline.SPAN_KINDS, inline.open_span),
    "a": inline.open_link,
    "img": inline.image,
    "br": inline.line_break,
    "q": inline.open_quote,
}
"""What each element does when it starts; other block elements are a boundary only, other
inline elements (``<span>``, ``<sup>``, ``<abbr>``, unknown ones) nothing but their text."""

ENDS: Mapping[str, End] = {
    **dict.fromkeys(_TEXT_BLOCKS, blocks.close_text_block),
    **dict.fromkeys(("ul", "ol", "menu", "dir", "li", "blockquote", "dd"), blocks.close_container),
    **dict.fromkeys(inline.SPAN_KINDS, inline.close_span),
    "a": inline.close_link,
    "q": inline.close_quote,
}

_NOTHING: Start = lambda element, state: False  # noqa: E731


def _start_of(name: str, state: ConvertState) -> Start:
    if state.inline_only and name in BLOCK_TAGS:
        return _separator
    if name in STARTS:
        return STARTS[name]
    return blocks.boundary if name in BLOCK_TAGS else _NOTHING


def _end_of(name: str, state: ConvertState) -> End | None:
    if state.inline_only and name in BLOCK_TAGS:
        return _end_separator
    if name in ENDS:
        return ENDS[name]
    return blocks.end_boundary if name in BLOCK_TAGS else None


def _separator(element: etree._Element, state: ConvertState) -> bool:
    state.buffer.text(" ")
    return False


def _end_separator(element: etree._Element, state: ConvertState) -> None:
    state.buffer.text(" ")


def left_out(element: etree._Element, state: ConvertState) -> bool:
    """Whether ``element`` and all it holds stay out of the blocks being made."""
    notes = state.notes
    if element in notes.lists or element in state.note_bodies:
        state.met_notes.add(element)
        return True
    if local_name(element) in NEVER_TEXT or is_hidden(element):
        return True
    if state.in_note and (
        notes.is_backlink(element, state.base) or notes.holds_only_backlinks(element, state.base)
    ):
        return True
    return state.skip is not None and state.skip(element)


def walk(top: etree._Element, state: ConvertState, *, as_container: bool = False) -> None:
    """Convert ``top`` and all it holds into ``state``'s blocks.

    ``top`` itself is never left out; ``as_container`` takes it as a mere boundary whatever
    it is (a note's ``<li>``, a table cell), so only what it holds counts.
    """
    walker = etree.iterwalk(top, events=("start", "end"))
    ends: list[End | None] = []
    for event, element in walker:
        name = local_name(element)
        if event == "start":
            if not name:  # an entity reference the XML parser kept unresolved
                state.text(_entity_text(element), element)
                ends.append(None)
                continue
            ident = element_id(element)
            if ident:
                state.pending_anchors.append(f"{state.base}#{ident}")
            if element is top and as_container:
                ends.append(None)
            elif element is not top and left_out(element, state):
                walker.skip_subtree()
                ends.append(None)
                continue
            else:
                if _start_of(name, state)(element, state):
                    walker.skip_subtree()
                    ends.append(None)
                    continue
                ends.append(_end_of(name, state))
            if element.text:
                state.text(element.text, element)
        else:
            end = ends.pop()
            if end is not None:
                end(element, state)
            if element is not top and element.tail:
                state.text(element.tail, element)


def _entity_text(element: etree._Element) -> str:
    """An unresolved ``&name;``: the character for one of HTML's names, else as written
    (``&lol9;`` of a "billion laughs" is shown, never expanded)."""
    name = str(element.text or "").strip("&;")
    codepoint = html.entities.name2codepoint.get(name)
    return chr(codepoint) if codepoint is not None else f"&{name};"


def cell_content(cell: etree._Element, state: ConvertState) -> tuple[str, tuple[Span, ...]]:
    """The inline text and spans of a table cell (or caption): what is in it on one line."""
    from reader.document.html.buffer import InlineBuffer

    saved_buffer, saved_line, saved_mode = state.buffer, state.line, state.inline_only
    state.buffer, state.inline_only = InlineBuffer(), True
    try:
        walk(cell, state, as_container=True)
        return state.buffer.take()
    finally:
        state.buffer, state.line, state.inline_only = saved_buffer, saved_line, saved_mode
