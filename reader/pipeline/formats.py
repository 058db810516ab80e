"""Which format a text is in, decided in this one place, and the parser for each.

By the file's suffix first: ``.html``, ``.htm``, ``.xhtml`` are web pages, ``.txt`` plain
text, ``.md`` and ``.markdown`` Markdown, whatever they hold (a Markdown file that opens
with ``<html>`` is Markdown with raw HTML in it). A text without one of these suffixes —
standard input, a file saved without an extension — is sniffed: it is a web page when it
starts like one, after white space and a BOM (``<!doctype html``, ``<html``, or ``<?xml``
followed by an XHTML root), else Markdown.

A book (EPUB) is known before it is read, since it is read as bytes, not text
(:func:`is_book`): a folder with ``META-INF/container.xml``, a file named ``.epub``, or a
zip whose first member is ``mimetype`` holding ``application/epub+zip`` (as the EPUB
standard asks), whatever its name.

The HTML converter (and lxml under it) is imported only when a web page or a book is
opened, so the reader starts as fast as before for everything else.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Final

from reader.document import Document, parse_markdown, parse_plain_text
from reader.text.textfile import Source, TextRef


class TextFormat(StrEnum):
    """The formats a text can be in."""

    MARKDOWN = "markdown"
    PLAIN = "plain"
    HTML = "html"
    XHTML = "xhtml"
    """HTML written as XML: read by the XML parser first."""
    EPUB = "epub"
    """A book: an EPUB file or unpacked folder, read as bytes."""


SUFFIXES: Final = {
    ".md": TextFormat.MARKDOWN,
    ".markdown": TextFormat.MARKDOWN,
    ".txt": TextFormat.PLAIN,
    ".html": TextFormat.HTML,
    ".htm": TextFormat.HTML,
    ".xhtml": TextFormat.XHTML,
    ".epub": TextFormat.EPUB,
}

BOOK_MARKER: Final = "META-INF/container.xml"
"""The file that makes a folder an unpacked EPUB."""
ZIP_MAGIC: Final = b"PK\x03\x04"
EPUB_HEAD: Final = b"mimetypeapplication/epub+zip"
"""What an EPUB zip's first member (its name, then its stored content) says."""
BOOK_SNIFF_BYTES: Final = 128
BOOK_TEXT: Final = (".xhtml", ".html", ".htm", ".xml")
"""The members of a book that hold its text (what its size is counted in)."""

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


def is_book(path: Path) -> bool:
    """Whether ``path`` is an EPUB, to be read as one: a folder holding
    ``META-INF/container.xml``, a file named ``.epub``, or a file that starts as an EPUB
    zip does. Looks at a regular file only (a FIFO is never opened), and at its first
    bytes."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return False
    if stat.S_ISDIR(info.st_mode):
        return os.path.isfile(os.path.join(path, *BOOK_MARKER.split("/")))
    if not stat.S_ISREG(info.st_mode):
        return False
    if Path(path).suffix.lower() == ".epub":
        return True
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as stream:
            head = stream.read(BOOK_SNIFF_BYTES)
    except OSError:
        return False
    return head.startswith(ZIP_MAGIC) and EPUB_HEAD in head


def text_format(ref: TextRef, source: Source) -> TextFormat:
    """The format of ``ref``'s text: a book if it was read as bytes, else by suffix,
    else by :func:`sniff`ing ``source``."""
    if isinstance(source, bytes):
        return TextFormat.EPUB
    if not ref.from_stdin:
        known = SUFFIXES.get(Path(ref.path).suffix.lower())
        if known is not None and known is not TextFormat.EPUB:
            return known
    return sniff(source)


def parse_source(
    source: Source,
    ref: TextRef,
    known: TextFormat | None = None,
    *,
    checkpoint: Callable[[], None] | None = None,
) -> Document:
    """Parse ``source`` (``ref``'s text, already read) in its format (``known``, else
    :func:`text_format`'s) into a Document. ``checkpoint`` is called now and then while
    Markdown is parsed: where a load in a thread can give way to the UI."""
    name = ref.name
    if isinstance(source, bytes):
        from reader.document.epub import parse_epub

        return parse_epub(source, name)
    found = known or text_format(ref, source)
    if found is TextFormat.PLAIN:
        return parse_plain_text(source, name)
    if found in (TextFormat.HTML, TextFormat.XHTML):
        from reader.document.html import parse_html

        return parse_html(source, name, xml=True if found is TextFormat.XHTML else None)
    return parse_markdown(source, name, checkpoint=checkpoint)


def parse_opening(source: Source, ref: TextRef, chars: int) -> Document | None:
    """The first chapters of a long book (about ``chars`` of it), to show while it is
    read whole; None for a text, or a book not much longer than that."""
    if not isinstance(source, bytes):
        return None
    from reader.document.epub import parse_epub_opening

    return parse_epub_opening(source, ref.name, chars)


def text_size(source: Source) -> int:
    """How long a text is, to choose how to load it: its characters, or the bytes of a
    book's chapters uncompressed (as its zip declares them: nothing is read)."""
    if isinstance(source, str):
        return len(source)
    import io
    import zipfile

    try:
        infos = zipfile.ZipFile(io.BytesIO(source)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return len(source)
    return sum(info.file_size for info in infos if info.filename.lower().endswith(BOOK_TEXT))
