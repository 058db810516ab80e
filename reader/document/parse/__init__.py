"""From Markdown (or plain text) to the document model.

markdown-it-py gives a flat token stream with nesting markers; we walk it once
(:mod:`~reader.document.parse.walk`), with one small handler per token type, keeping a
stack of containers (quotes, list items, definitions, footnotes), and emit one leaf block
per paragraph, heading, code block, table or rule. Every string that came from the file
goes through :func:`reader.text.sanitize.visible` on its way in, after entity decoding, so no
later stage can forget to.
"""

from reader.document.parse.containers import BULLETS
from reader.document.parse.inline import inline_content
from reader.document.parse.markdown import parse_markdown
from reader.document.parse.parser import MAX_NESTING, make_parser
from reader.document.parse.plain import parse_plain_text

__all__ = [
    "BULLETS",
    "MAX_NESTING",
    "inline_content",
    "make_parser",
    "parse_markdown",
    "parse_plain_text",
]
