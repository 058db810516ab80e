"""From Markdown (or plain text) to the document model.

markdown-it-py gives a flat token stream with nesting markers; we walk it once
(:mod:`~reader.document.parse.walk`), with one small handler per token type, keeping a
stack of containers (quotes, list items, definitions, footnotes), and emit one leaf block
per paragraph, heading, code block, table or rule. Every string that came from the file
goes through :func:`reader.text.sanitize.visible` on its way in, after entity decoding, so no
later stage can forget to.

The package itself is light: markdown-it and the walk are imported when a text is first
parsed (in the loading thread), not when the reader starts, whose first frame needs the
document model but no parser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from reader.document.model import Document
    from reader.document.parse.containers import BULLETS
    from reader.document.parse.inline import inline_content
    from reader.document.parse.parser import MAX_NESTING, make_parser

__all__ = [
    "BULLETS",
    "MAX_NESTING",
    "inline_content",
    "make_parser",
    "parse_markdown",
    "parse_plain_text",
]

_LAZY = {
    "BULLETS": "reader.document.parse.containers",
    "inline_content": "reader.document.parse.inline",
    "MAX_NESTING": "reader.document.parse.parser",
    "make_parser": "reader.document.parse.parser",
}
"""Names imported from their module on first use (each pulls in markdown-it)."""


def parse_markdown(
    source: str,
    path: str,
    *,
    body_only: bool = False,
    checkpoint: Callable[[], None] | None = None,
) -> Document:
    """Parse Markdown ``source`` into a Document: see
    :func:`reader.document.parse.markdown.parse_markdown` (imported on first call)."""
    from reader.document.parse.markdown import parse_markdown as parse

    return parse(source, path, body_only=body_only, checkpoint=checkpoint)


def parse_plain_text(source: str, path: str) -> Document:
    """A plain text as a Document: see :func:`reader.document.parse.plain.parse_plain_text`."""
    from reader.document.parse.plain import parse_plain_text as parse

    return parse(source, path)


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
