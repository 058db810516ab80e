"""Handlers for block elements: paragraphs, headings, lists, quotes, definitions, code,
rules.

Every block element ends the text before it and starts afresh after it (``flush``);
paragraphs, headings and terms give the text inside them their kind; lists, items,
quotes and definitions are containers. An element without a handler of its own that
HTML calls a block (``<div>``, ``<section>``, ``<figure>``) is only that boundary.
"""

from __future__ import annotations

import re

from lxml import etree

from reader.document.html.names import HEADINGS, line_of, local_name
from reader.document.html.state import ConvertState, OpenContainer, Start, TextBlock
from reader.document.model import Block, BlockKind, ContainerKind
from reader.document.parse import BULLETS
from reader.text.sanitize import visible, visible_line

_LANGUAGE_CLASS = re.compile(r"(?:^|\s)(?:language|lang)-([\w+#.-]+)", re.IGNORECASE)
_CODE_CLASSES = frozenset({"sourcecode", "highlight", "hljs", "code", "prettyprint"})


def boundary(element: etree._Element, state: ConvertState) -> bool:
    """Any block element: the text before it is a block of its own."""
    state.flush()
    return False


def end_boundary(element: etree._Element, state: ConvertState) -> None:
    state.flush()


def open_text_block(element: etree._Element, state: ConvertState) -> bool:
    """``<p>``, ``<h1>``…``<h6>``, ``<dt>``: the text inside is that kind of block."""
    state.flush()
    name = local_name(element)
    if name in HEADINGS:
        state.text_blocks.append(TextBlock(BlockKind.HEADING, HEADINGS[name]))
    elif name == "dt":
        state.text_blocks.append(TextBlock(BlockKind.TERM))
    else:
        state.text_blocks.append(TextBlock(BlockKind.PARAGRAPH))
    return False


def close_text_block(element: etree._Element, state: ConvertState) -> None:
    state.flush()
    if state.text_blocks:
        state.text_blocks.pop()


def open_list(element: etree._Element, state: ConvertState) -> bool:
    """``<ul>``, ``<ol>`` (from its ``start``), ``<menu>``: a list counting its items."""
    state.flush()
    ordered = local_name(element) == "ol"
    start = 1
    if ordered:
        try:
            start = int((element.get("start") or "1").strip())
        except ValueError:
            start = 1
        start = max(-(10**6), min(start, 10**6))
    kind = ContainerKind.ORDERED if ordered else ContainerKind.BULLET
    state.list_start = state.list_start or not any(item.is_list for item in state.stack)
    state.stack.append(OpenContainer(kind, next_number=start, is_list=True))
    return False


def open_item(element: etree._Element, state: ConvertState) -> bool:
    """``<li>``: an item, marked with its number (its ``value`` if it has one) or its
    depth's bullet."""
    state.flush()
    owner = state.stack[-1] if state.stack and state.stack[-1].is_list else None
    if owner is not None and owner.kind is ContainerKind.ORDERED:
        value = element.get("value")
        if value is not None and value.strip().isdigit():
            owner.next_number = min(int(value.strip()), 10**6)
        marker = f"{owner.next_number}."
        owner.next_number += 1
        kind = ContainerKind.ORDERED
    else:
        depth = sum(1 for item in state.stack if item.kind is ContainerKind.BULLET and item.is_list)
        marker = BULLETS[(max(depth, 1) - 1) % len(BULLETS)]
        kind = ContainerKind.BULLET
    state.stack.append(OpenContainer(kind, marker, item=True))
    return False


def open_container(kind: ContainerKind) -> Start:
    """The start of a container of ``kind``: a quote, a definition."""

    def start(element: etree._Element, state: ConvertState) -> bool:
        state.flush()
        state.stack.append(OpenContainer(kind))
        return False

    return start


open_quote = open_container(ContainerKind.QUOTE)
"""``<blockquote>``."""
open_definition = open_container(ContainerKind.DEFINITION)
"""``<dd>``: the definition of the term before it."""


def close_container(element: etree._Element, state: ConvertState) -> None:
    """The end of a list, item, quote or definition."""
    state.flush()
    if state.stack:
        state.stack.pop()


def rule(element: etree._Element, state: ConvertState) -> bool:
    """``<hr>``: a thematic break."""
    state.flush()
    state.emit(
        Block(
            id=state.next_id(BlockKind.RULE),
            kind=BlockKind.RULE,
            lines=_lines(element),
            containers=state.containers(),
        )
    )
    return True


def code(element: etree._Element, state: ConvertState) -> bool:
    """``<pre>``: its text as written (a first line break dropped, as HTML does), with the
    language its classes name (``language-python``, pandoc's ``sourceCode python``)."""
    state.flush()
    text = _pre_text(element).removeprefix("\n").rstrip("\n")
    if not text.strip():
        return True
    state.emit(
        Block(
            id=state.next_id(BlockKind.CODE),
            kind=BlockKind.CODE,
            text=visible(text),
            lines=_lines(element),
            containers=state.containers(),
            info=visible_line(_language(element)),
        )
    )
    return True


def _pre_text(element: etree._Element) -> str:
    """The text of a ``<pre>`` and all it holds, ``<br>`` as a line break."""
    parts: list[str] = []
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if event == "start":
            if local_name(node) == "br":
                parts.append("\n")
            if node.text and isinstance(node.tag, str):
                parts.append(node.text)
        elif node is not element and node.tail:
            parts.append(node.tail)
    return "".join(parts)


def _language(element: etree._Element) -> str:
    for node in (element, *element.iterchildren()):
        classes = node.get("class") or ""
        found = _LANGUAGE_CLASS.search(classes)
        if found:
            return found.group(1)
        words = classes.split()
        if len(words) == 2 and words[0].lower() in _CODE_CLASSES:
            return words[1]
    return ""


def _lines(element: etree._Element) -> tuple[int, int]:
    line = line_of(element)
    return (line, line)
