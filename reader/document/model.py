"""The document model: what an article is once parsed, independent of any screen.

Everything here is a frozen dataclass so a document can be shared between threads (the UI
parses in a worker) and cached safely. Offsets are Python string indices into ``Block.text``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import TypeVar

from reader.text.errors import Problem
from reader.text.turns import giving_way


class BlockKind(StrEnum):
    """The kinds of leaf block the view knows how to lay out."""

    HEADING = "h"
    PARAGRAPH = "p"
    CODE = "code"
    TABLE = "table"
    RULE = "hr"
    TERM = "dt"
    """The term line of a definition list (its definitions are paragraphs inside ``dd``)."""
    HTML = "html"
    """Raw HTML from the source, shown literally (we never interpret it)."""


class SpanKind(StrEnum):
    """Inline formatting and links inside a block's text."""

    EMPHASIS = "em"
    STRONG = "strong"
    CODE = "code"
    STRIKE = "strike"
    LINK = "link"
    """A Markdown link; ``target`` is the URL."""
    IMAGE = "image"
    """An image, shown as its alt text; ``target`` is the image URL."""
    NOTE_REF = "note"
    """A Markdown footnote reference; zero-width, ``target`` is the note key."""
    TERM_REF = "term"
    """A glossary term occurrence; ``target`` is the term key."""
    HTML = "html"
    """Inline raw HTML, shown literally."""


TITLE_BLOCK_ID = "title"
"""Id of the title heading that linking puts first (the text's own words start after it)."""

NOTES_BLOCK_ID = "notes"
"""Id of the heading of the notes section that linking adds at the end."""

LINK_KINDS = frozenset({SpanKind.LINK, SpanKind.NOTE_REF, SpanKind.TERM_REF})
"""Span kinds a reader can focus with Tab and follow with Enter."""


@dataclass(frozen=True)
class Span:
    """A run of a block's text with one kind of formatting or link."""

    start: int
    """Offset of the first character in ``Block.text``."""
    end: int
    """Offset one past the last character; equal to ``start`` for zero-width note refs."""
    kind: SpanKind
    """What the run is: emphasis, a link, a glossary term…"""
    target: str = ""
    """URL for links and images, note key for note refs, term key for term refs."""
    number: int | None = None
    """Note number to show after the run (superscript), when it carries one."""


class ContainerKind(StrEnum):
    """Containers a leaf block can sit in; they give its margin and marker."""

    QUOTE = "quote"
    BULLET = "bullet"
    ORDERED = "ordered"
    DEFINITION = "dd"
    NOTE = "note"
    """An entry of the notes section: marker is the note number."""


@dataclass(frozen=True)
class Container:
    """One level of nesting around a block, outermost first."""

    kind: ContainerKind
    marker: str = ""
    """List marker ("•", "3.", "¹") when the block is the first of its item, else ""."""


@dataclass(frozen=True)
class Cell:
    """One table cell."""

    text: str
    spans: tuple[Span, ...] = ()
    align: str = "left"
    """"left", "right" or "center", from the table's delimiter row."""


@dataclass(frozen=True)
class Block:
    """A leaf block: the unit of layout, matching, reading position and bookmarks."""

    id: str
    """Stable within a text: kind plus ordinal among blocks of that kind ("p-12")."""
    kind: BlockKind
    text: str = ""
    """Inline text: soft line breaks are spaces, hard breaks ``\\n``; raw for code."""
    spans: tuple[Span, ...] = ()
    """Formatting and links, sorted by start; may nest (a term inside emphasis)."""
    lines: tuple[int, int] = (0, 0)
    """First and last source line, 1-based and inclusive; (0, 0) when generated."""
    level: int = 0
    """Heading level 1–6; 0 for other blocks."""
    containers: tuple[Container, ...] = ()
    """Quotes, list items and notes around the block, outermost first."""
    info: str = ""
    """The info string of a fenced code block (its language)."""
    rows: tuple[tuple[Cell, ...], ...] = ()
    """Table rows, header first; empty for other kinds."""
    header_rows: int = 0
    """How many of ``rows`` are header rows."""
    tight: bool = False
    """True for a block that follows its sibling without a blank line (tight lists)."""


class NoteKind(StrEnum):
    """Where a note comes from."""

    FOOTNOTE = "footnote"
    """The article's own Markdown footnote."""
    TERM = "term"
    """A glossary entry referenced from the text."""
    EDITOR = "editor"
    """An editor's note from the front matter, anchored to a passage by quote
    (:mod:`reader.document.editor_notes`): shown like a footnote, marked as the editor's."""


@dataclass(frozen=True)
class Note:
    """A numbered note: an article footnote or a glossary entry, one shared sequence."""

    key: str
    """"fn:<label>" for footnotes, "term:<term key>" for glossary notes, "ed:<n>" for
    editor's notes."""
    kind: NoteKind
    label: str
    """The footnote's label in the source, the term as written in the glossary, or the
    passage an editor's note is about."""
    blocks: tuple[Block, ...] = ()
    """The footnote's or editor's note's content (empty for glossary notes)."""
    number: int | None = None
    """Position in the notes sequence; None until the document is linked."""
    sources: tuple[str, ...] = ()
    """Where an editor's note's facts come from: citations, shown as written."""


@dataclass(frozen=True)
class OutlineEntry:
    """A heading, for the outline and the section breadcrumb."""

    level: int
    title: str
    block_id: str


@dataclass(frozen=True)
class Metadata:
    """What the front matter (or the text itself) says about the text; nothing invented."""

    title: str
    """From front matter, else the first heading, else the file name."""
    language: str = "und"
    """BCP 47 tag; "und" when unknown."""
    author: str | None = None
    date: str | None = None
    """When it was written, YYYY-MM-DD as the front matter says."""
    source: str | None = None
    context: str | None = None
    """Markdown background shown beside the text."""
    glossaries: tuple[str, ...] | None = None
    """Glossary names the text asks for; None: it names none (then it gets the glossaries
    of a glossary/ folder near it: :mod:`reader.pipeline.glossary_rule`)."""


@dataclass(frozen=True)
class LocalTerm:
    """A glossary entry the text defines itself: an abbreviation line
    (``*[URSS]: União das …``) or a definition list under a "Glossário" heading."""

    term: str
    short: str
    """One line: the abbreviation's expansion, or the first sentence of the definition."""
    definition: str
    """The full definition text (for an abbreviation, its expansion again)."""
    line: int
    """1-based source line of the abbreviation line or of the defined term."""
    case_sensitive: bool = False
    """True for abbreviations, matched exactly as written ("IT" is not "it")."""


_Part = TypeVar("_Part", "Span", "Cell", "Block", "Note")


def replaced(item: _Part, **changes: object) -> _Part:
    """``dataclasses.replace`` for a span, cell, block or note: a copy with ``changes``.

    These are plain frozen dataclasses (no ``__post_init__``, no slots, no cached
    properties), so copying the instance's fields is the same as building it again field
    by field through ``object.__setattr__``, at a fifth of the cost: linking a text of
    50,000 footnotes copies 200,000 of them.
    """
    unknown = changes.keys() - item.__dataclass_fields__.keys()
    if unknown:
        raise TypeError(f"{type(item).__name__} has no field {', '.join(sorted(unknown))}")
    copy = object.__new__(type(item))
    fields = copy.__dict__
    fields.update(item.__dict__)
    fields.update(changes)
    return copy


@dataclass(frozen=True)
class Document:
    """A parsed text: its metadata, blocks in reading order, outline and notes."""

    path: str
    """Where it was read from, as the user named it."""
    meta: Metadata
    blocks: tuple[Block, ...]
    notes: tuple[Note, ...] = ()
    """Footnotes (and, once linked, glossary notes) in number order."""
    outline: tuple[OutlineEntry, ...] = ()
    warnings: tuple[Problem, ...] = field(default=())
    """Problems found while parsing, none of which stops the text being shown: warnings,
    and the error of front matter that does not validate (the body is the document)."""
    local_terms: tuple[LocalTerm, ...] = ()
    """Glossary entries defined in the text itself, in source order."""

    @cached_property
    def block_indexes(self) -> Mapping[str, int]:
        """Each block id's index in ``blocks`` (the first, should two share one), built
        once: looking up every heading of a 100,000-heading text is then linear, not
        quadratic."""
        indexes: dict[str, int] = {}
        for index, block in enumerate(giving_way(self.blocks)):
            indexes.setdefault(block.id, index)
        return indexes

    @property
    def has_text(self) -> bool:
        """Whether there is anything to read: a block besides the title linking adds, or a
        note (a text of footnotes alone is read in its notes section)."""
        return bool(self.notes) or any(block.id != TITLE_BLOCK_ID for block in self.blocks)

    def block_index(self, block_id: str) -> int | None:
        """Index of the block with ``block_id`` in ``blocks``, or None."""
        return self.block_indexes.get(block_id)
