"""Which format a text is in, decided in this one place, and the parser for each.

By the file's suffix first: ``.html``, ``.htm``, ``.xhtml`` are web pages, ``.txt`` plain
text, ``.md`` and ``.markdown`` Markdown, whatever they hold (a Markdown file that opens
with ``<html>`` is Markdown with raw HTML in it). A text without one of these suffixes —
standard input, a file saved without an extension — is sniffed: it is a web page when it
starts like one, after white space and a BOM (``<!doctype html``, ``<html``, or ``<?xml``
followed by an XHTML root), else Markdown.

The HTML converter (and lxml under it) is imported only when a web page is opened, so
the reader starts as fast as before for everything else.
"""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path
from typing import Final

from reader.document import Document, parse_markdown, parse_plain_text
from reader.text.textfile import TextRef


class TextFormat(StrEnum):
    """The formats a text can be in."""

    MARKDOWN = "markdown"
    PLAIN = "plain"
    HTML = "html"
    XHTML = "xhtml"
    """HTML written as XML: read by the XML parser first."""


SUFFIXES: Final = {
    ".md": TextFormat.MARKDOWN,
    ".markdown": TextFormat.MARKDOWN,
    ".txt": TextFormat.PLAIN,
    ".html": TextFormat.HTML,
    ".htm": TextFormat.HTML,
    ".xhtml": TextFormat.XHTML,
}

SNIFF_CHARS: Final = 4096
"""How far into a text its start is looked for (an XML prolog, comments, a doctype)."""

_SPACE: Final = " \t\n\r\f\ufeff"


def _after_prolog(head: str, position: int = 0) -> int | None:
    """Where the first tag after white space, comments, processing instructions and a
    doctype starts in ``head`` (None when one of them never ends); in one pass, however
    the text was made."""
    lowered = head.lower()
    while True:
        while position < len(head) and head[position] in _SPACE:
            position += 1
        if lowered.startswith("<!--", position):
            end = head.find("-->", position + 4)
            position = end + 3 if end != -1 else -1
        elif lowered.startswith("<?", position):
            end = head.find("?>", position + 2)
            position = end + 2 if end != -1 else -1
        elif lowered.startswith("<!doctype", position):
            return position
        else:
            return position
        if position == -1:
            return None


def sniff(source: str) -> TextFormat:
    """The format of a text that no suffix names: HTML when it starts like a page."""
    head = source[:SNIFF_CHARS]
    lowered = head.lower()
    start = _after_prolog(head)
    if start is None:
        return TextFormat.MARKDOWN
    is_xml = lowered.lstrip(_SPACE).startswith("<?xml")
    if lowered.startswith("<!doctype", start):
        if not re.match(r"<!doctype\s+html\b", lowered[start:]):
            return TextFormat.MARKDOWN
        end = head.find(">", start)
        start = _after_prolog(head, end + 1) if end != -1 else None
        if start is None:
            return TextFormat.MARKDOWN
        if not is_xml:
            return TextFormat.HTML
    if re.match(r"<html[\s>]", lowered[start : start + 6]):
        return TextFormat.XHTML if is_xml else TextFormat.HTML
    return TextFormat.MARKDOWN


def text_format(ref: TextRef, source: str) -> TextFormat:
    """The format of ``ref``'s text: by suffix, else by :func:`sniff`ing ``source``."""
    if not ref.from_stdin:
        known = SUFFIXES.get(Path(ref.path).suffix.lower())
        if known is not None:
            return known
    return sniff(source)


def parse_source(source: str, ref: TextRef, known: TextFormat | None = None) -> Document:
    """Parse ``source`` (``ref``'s text, already read) in its format (``known``, else
    :func:`text_format`'s) into a Document."""
    found = known or text_format(ref, source)
    name = ref.name
    if found is TextFormat.PLAIN:
        return parse_plain_text(source, name)
    if found in (TextFormat.HTML, TextFormat.XHTML):
        from reader.document.html import parse_html

        return parse_html(source, name, xml=True if found is TextFormat.XHTML else None)
    return parse_markdown(source, name)
