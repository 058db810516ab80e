"""What an element is, by name and attributes: the small questions every other module asks.

A tree can come from the HTML parser (plain tag names, ``epub:type`` as a literal
attribute name) or from the XML parser (``{http://www.w3.org/1999/xhtml}p``, the EPUB
namespace on ``type``); these helpers answer the same for both, so no handler has to care.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice
from typing import Final

from lxml import etree

EPUB_NS: Final = "http://www.idpf.org/2007/ops"
_EPUB_TYPE: Final = f"{{{EPUB_NS}}}type"

BLOCK_TAGS: Final = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
        "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li",
        "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "ul",
        "legend", "search",
    }
)  # fmt: skip
"""Elements that start a new block: the text before them ends, the text after them begins
another. Every other element is inline (as a browser treats unknown elements)."""

NEVER_TEXT: Final = frozenset(
    {
        "head", "script", "style", "template", "noscript", "iframe", "object", "embed",
        "svg", "canvas", "video", "audio", "map", "select", "textarea", "button", "input",
        "option", "datalist", "link", "meta", "title", "base", "param", "source", "track",
        "frameset", "frame", "applet",
    }
)  # fmt: skip
"""Elements whose content is never part of the text: code, styles, media fallbacks,
form controls, the head."""

HEADINGS: Final = {f"h{level}": level for level in range(1, 7)}

_HIDDEN_STYLE: Final = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


@lru_cache(maxsize=512)
def _local(tag: str) -> str:
    return tag.rpartition("}")[2].lower()


def local_name(element: etree._Element) -> str:
    """The element's tag without namespace, lower-case; "" for comments, PIs, entities."""
    tag = element.tag
    return _local(tag) if isinstance(tag, str) else ""


def attribute(element: etree._Element, name: str) -> str:
    """An attribute's value, "" when absent."""
    value = element.get(name)
    return value if value is not None else ""


def tokens(element: etree._Element, name: str) -> frozenset[str]:
    """A space-separated attribute (class, role, rel) as a set of lower-case tokens."""
    value = element.get(name)
    return frozenset(value.lower().split()) if value else frozenset()


def epub_types(element: etree._Element) -> frozenset[str]:
    """The ``epub:type`` tokens, whichever parser read the element."""
    value = element.get(_EPUB_TYPE) or element.get("epub:type")
    return frozenset(value.lower().split()) if value else frozenset()


def is_hidden(element: etree._Element) -> bool:
    """Hidden from every reader of the page: ``hidden``, ``aria-hidden``, ``display: none``.

    Hidden text is no part of what the page shows (and a place to smuggle words into it).
    """
    if element.get("hidden") is not None:
        return True
    if attribute(element, "aria-hidden").lower() == "true":
        return True
    style = element.get("style")
    return style is not None and _HIDDEN_STYLE.search(style) is not None


def element_id(element: etree._Element) -> str:
    """The element's id (``xml:id`` too), "" when it has none."""
    return element.get("id") or element.get("{http://www.w3.org/XML/1998/namespace}id") or ""


def text_pieces(element: etree._Element, limit: int | None = None) -> Iterator[str]:
    """The text of ``element`` and all it holds, piece by piece (at most ``limit`` pieces):
    lxml's ``itertext`` as the strings it always gives for a parsed page."""
    for piece in islice(element.itertext(), limit):
        if isinstance(piece, str):
            yield piece


def text_of(element: etree._Element, limit: int | None = None) -> str:
    """The text of ``element`` and all it holds, joined (at most ``limit`` pieces)."""
    return "".join(text_pieces(element, limit))


def line_of(element: etree._Element) -> int:
    """The source line an element starts on, 0 when the parser did not say."""
    line: object = element.sourceline
    return line if isinstance(line, int) else 0
