"""Load a text into a :class:`Document`: pure Python, usable from a script, no UI.

>>> from reader.document import load_document
>>> doc = load_document("texts/stalingrado.md")          # doctest: +SKIP
>>> doc.meta.title                                       # doctest: +SKIP
'A Batalha de Stalingrado'
"""

from __future__ import annotations

from pathlib import Path

from reader.document.model import (
    LINK_KINDS,
    Block,
    BlockKind,
    Cell,
    Container,
    ContainerKind,
    Document,
    Metadata,
    Note,
    NoteKind,
    OutlineEntry,
    Span,
    SpanKind,
)
from reader.document.parse import parse_markdown, parse_plain_text
from reader.text.textfile import read_text

__all__ = [
    "LINK_KINDS",
    "Block",
    "BlockKind",
    "Cell",
    "Container",
    "ContainerKind",
    "Document",
    "Metadata",
    "Note",
    "NoteKind",
    "OutlineEntry",
    "Span",
    "SpanKind",
    "load_document",
    "parse_document",
    "parse_markdown",
    "parse_plain_text",
]


def load_document(path: str | Path, *, display_name: str | None = None) -> Document:
    """Read and parse the text at ``path``: ``.txt`` as plain paragraphs, else Markdown.

    Raises :class:`reader.text.errors.ReaderError` naming the file (and line) for anything wrong.
    """
    path = Path(path)
    name = display_name or str(path)
    return parse_document(read_text(path, display_name=name), path, display_name=name)


def parse_document(source: str, path: str | Path, *, display_name: str | None = None) -> Document:
    """Parse already-read ``source``: ``.txt`` as plain paragraphs, anything else as Markdown."""
    name = display_name or str(path)
    if Path(path).suffix.lower() == ".txt":
        return parse_plain_text(source, name)
    return parse_markdown(source, name)
