"""Handlers for inline elements: emphasis, code, links, note references, images, breaks.

A handler's ``start`` returns True when it has taken the element whole (an image, a note
reference): the walk then skips what is inside it.
"""

from __future__ import annotations

import contextlib
from urllib.parse import urljoin

from lxml import etree

from reader.document.html.names import attribute, local_name
from reader.document.html.state import ConvertState
from reader.document.model import SpanKind
from reader.text.sanitize import visible_line

SPAN_KINDS = {
    **dict.fromkeys(("em", "i", "cite", "dfn", "var"), SpanKind.EMPHASIS),
    **dict.fromkeys(("strong", "b"), SpanKind.STRONG),
    **dict.fromkeys(("s", "del", "strike"), SpanKind.STRIKE),
    **dict.fromkeys(("code", "kbd", "samp", "tt"), SpanKind.CODE),
}
"""Inline elements that are one span kind each."""


def open_span(element: etree._Element, state: ConvertState) -> bool:
    """``<em>``, ``<strong>``, ``<code>``…: a span over what they hold."""
    state.buffer.open(SPAN_KINDS[local_name(element)])
    return False


def close_span(element: etree._Element, state: ConvertState) -> None:
    state.buffer.close(SPAN_KINDS[local_name(element)])


def link_address(href: str, state: ConvertState) -> str:
    """Where a link goes, made absolute against the page's address when it has one, on
    one visible line (an address is shown to the reader before it is opened)."""
    href = href.strip()
    if state.base_url and not href.startswith("#"):
        with contextlib.suppress(ValueError):  # a malformed address is shown as written
            href = urljoin(state.base_url, href)
    return visible_line(href)


def open_link(element: etree._Element, state: ConvertState) -> bool:
    """``<a>``: a note reference (its own text dropped: the note's number is shown), a
    link, or a mere anchor (``<a id>``), which is only its text."""
    key = state.notes.refs.get(element)
    if key is not None:
        state.touch(element)
        state.buffer.note_ref(key)
        state.referenced.add(key)
        return True
    href = element.get("href")
    if href is not None:
        state.buffer.open(SpanKind.LINK, link_address(href, state))
    return False


def close_link(element: etree._Element, state: ConvertState) -> None:
    if element.get("href") is not None:
        state.buffer.close(SpanKind.LINK)


def image(element: etree._Element, state: ConvertState) -> bool:
    """``<img>``: its alt text in brackets, as Markdown images are shown; nothing for an
    image the page marks as decoration (``alt=""``)."""
    alt = element.get("alt")
    if alt is not None and not alt.strip():
        return True
    state.touch(element)
    label = " ".join((alt or "").split()) or "image"
    state.buffer.open(SpanKind.IMAGE, link_address(attribute(element, "src"), state))
    state.buffer.literal(f"[{label}]")
    state.buffer.close(SpanKind.IMAGE)
    return True


def line_break(element: etree._Element, state: ConvertState) -> bool:
    """``<br>``; two in a row end the paragraph (outside table cells, which are one
    line)."""
    if state.buffer.line_break() and not state.inline_only:
        state.flush()
    return True


def open_quote(element: etree._Element, state: ConvertState) -> bool:
    """``<q>``: the quotation marks a browser draws around it."""
    state.buffer.literal("“")
    return False


def close_quote(element: etree._Element, state: ConvertState) -> None:
    state.buffer.literal("”", closing=True)
