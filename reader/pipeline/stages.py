"""The loading of a text for the reader, as a sequence of stages a UI worker iterates.

The CLI opens a text in one call (:func:`reader.pipeline.open_text`); the reader wants to
show something at once and the rest as it comes: a long text's opening, then the whole
text unlinked, then linked, then the tables of its panels and its bookmarks. Each stage is
a value; the worker posts each to the UI thread and checks between two of them whether it
was cancelled (another text was opened), so an old load never reaches the screen and
never goes on computing for nothing.

A glossary that cannot be loaded does not stop the load: the text opens with the others
and the glossary's error is among its problems, for the reader to show.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from reader.document import Document
from reader.glossary import GlossarySet
from reader.index.aids import ReadingAids
from reader.linking import Marks, OpenedText, link_document
from reader.pipeline.formats import (
    TextFormat,
    parse_opening,
    parse_source,
    text_format,
    text_size,
)
from reader.pipeline.glossaries import glossaries_for, glossary_files
from reader.pipeline.glossary_rule import UserSide
from reader.pipeline.open import open_text, read_source
from reader.text.i18n import _
from reader.text.sanitize import visible_line
from reader.text.strings import format_count
from reader.text.textfile import Source, TextRef
from reader.text.turns import give_way

if TYPE_CHECKING:  # the store is opened by the UI; `reader render` never loads SQLite
    from reader.userdata import BookmarkStore, TextIdentity
    from reader.userdata.glossary_choices import UserGlossaries
    from reader.userdata.session import ReadingSession

TWO_STEP_LOAD_CHARS = 300_000
"""Texts larger than this are shown before their glossary is matched, then relinked."""

HEAD_CHARS = 60_000
"""How much of a long text is parsed first, to show its opening screen at once."""

HEAD_REACH = 4 * HEAD_CHARS
"""How far past :data:`HEAD_CHARS` a blank line may be to cut the opening there."""

_FENCE = re.compile(r"^ {0,3}(```|~~~)", re.MULTILINE)
_HEAD_FORMATS = (TextFormat.MARKDOWN, TextFormat.PLAIN)
"""Formats whose opening can be parsed alone, to show a long text's first screen early."""


@dataclass(frozen=True)
class LoadRequest:
    """Everything a load needs, fixed when it starts (the UI may open another text
    meanwhile: the load never looks back at the UI's state)."""

    ref: TextRef
    source: Source | None = None
    """The text (or book) already read, or None to read it from ``ref.path``."""
    extra_glossaries: tuple[Path, ...] = ()
    marks: Marks = "first"
    store: BookmarkStore | None = None
    """Where the text's bookmarks and position are kept; None keeps nothing."""
    user_glossaries: UserGlossaries | None = None
    """The user's own glossaries and choices (read by the load); None for none."""

    def kept(self) -> LoadRequest:
        """This request as kept once its load has started: without a file's text (a
        book's 9 MB, which the load lets go of once parsed; a reload reads the file again),
        but with the text of standard input, which cannot be read twice."""
        return self if self.ref.from_stdin or self.source is None else replace(self, source=None)


@dataclass(frozen=True)
class Progress:
    """What the load is doing now, for the status line."""

    step: str


@dataclass(frozen=True)
class Shown:
    """The text can be shown: parsed (``linked`` False: its terms not linked yet) or
    linked; a short text comes with its tables and bookmarks at once."""

    opened: OpenedText
    linked: bool
    aids: ReadingAids | None = None
    session: ReadingSession | None = None
    glossary_files: tuple[Path, ...] = ()
    """The glossary files the linked text was read with (to watch for changes)."""


@dataclass(frozen=True)
class Indexed:
    """The tables of the panels and the bookmarks of a linked text shown before them."""

    opened: OpenedText
    aids: ReadingAids
    session: ReadingSession | None = None


Stage = Progress | Shown | Indexed
"""One step of a load; a failure is raised (:class:`reader.text.errors.ReaderError`)."""


def load_stages(request: LoadRequest) -> Iterator[Stage]:
    """Read, parse and link a text, yielding what can be shown as soon as it can.

    A text up to :data:`TWO_STEP_LOAD_CHARS` comes whole in one :class:`Shown`. A longer
    one comes as its opening (:func:`text_head`), then parsed, then linked, then
    :class:`Indexed`, with :class:`Progress` between the steps that take time.
    """
    ref = request.ref
    name = visible_line(ref.name)
    source = request.source
    # A book's text is let go of once parsed and hashed (below): this generator must not
    # hold it through the request either.
    request = request.kept()
    if source is None:
        yield Progress(_("Reading {text}…").format(text=name))
        source = read_source(ref)
    if text_size(source) <= TWO_STEP_LOAD_CHARS:
        opened = open_text(
            ref,
            request.extra_glossaries,
            marks=request.marks,
            source=source,
            strict=False,
            user=request.user_glossaries,
        )
        aids = ReadingAids.build(opened)
        files = _glossary_files(request, source, opened.document)
        yield Shown(opened, True, aids, _session(request, source, opened, aids), files)
        return
    size = format_count(text_size(source))
    yield Progress(
        _("Loading {text} ({size} characters): reading the text…").format(text=name, size=size)
    )
    found_format = text_format(ref, source)
    # A web page's article is found in the whole page: its head would show another one.
    head = text_head(source) if isinstance(source, str) and found_format in _HEAD_FORMATS else None
    first = parse_source(head, ref, found_format) if head is not None else None
    del head
    if first is None:  # a book's opening is its first chapters
        first = parse_opening(source, ref, HEAD_CHARS)
    if first is not None:
        yield Shown(OpenedText(ref, link_document(first, None), GlossarySet(), ()), False)
    del first
    document = parse_source(source, ref, found_format, checkpoint=give_way)
    # What the rest of the load needs of the source, so that it can let go of it: the
    # whole text (9 MB for a 5 MB book) would stay in memory to the end for a hash.
    side = _user_side(request, source, document)
    files = _glossary_files(request, source, document, side)
    identity = _identity(request, source, document)
    del source
    plain = link_document(document, None)
    yield Shown(OpenedText(ref, plain, GlossarySet(), ()), False)
    del plain
    yield Progress(_("Loading {text}: linking glossary terms…").format(text=name))
    found = glossaries_for(document, ref.path, request.extra_glossaries, user=side)
    linked = link_document(document, found.glossary_set, marks=request.marks)
    problems = (*document.warnings, *found.problems)
    opened = OpenedText(ref, linked, found.glossary_set, problems)
    yield Shown(opened, True, glossary_files=files)
    yield Progress(_("Loading {text}: indexing mentions and bookmarks…").format(text=name))
    aids = ReadingAids.build(opened)
    yield Indexed(opened, aids, _session(request, None, opened, aids, identity, found_format))


def _user_side(request: LoadRequest, source: Source, document: Document) -> UserSide | None:
    """The user's glossaries and choices for the text, read now (None: none kept)."""
    user = request.user_glossaries
    if user is None:
        return None
    return UserSide.read(user, request.ref, source, document.meta.language)


def _glossary_files(
    request: LoadRequest, source: Source, document: Document, side: UserSide | None = None
) -> tuple[Path, ...]:
    side = side or _user_side(request, source, document)
    return tuple(glossary_files(document, request.ref.path, request.extra_glossaries, side))


def _identity(request: LoadRequest, source: Source, document: Document) -> TextIdentity | None:
    """The text's identity in the store, if it is kept in one."""
    if request.store is None:
        return None
    from reader.userdata.model import text_identity

    return text_identity(request.ref, source, document.meta.title)


def _session(
    request: LoadRequest,
    source: Source | None,
    opened: OpenedText,
    aids: ReadingAids,
    identity: TextIdentity | None = None,
    found_format: TextFormat | None = None,
) -> ReadingSession | None:
    """The text's bookmarks and position (read from SQLite, so in the loading thread);
    and its row in the library, from what was computed already (its identity, words,
    format: a long text's load gives them, without its source)."""
    if request.store is None:
        return None
    from reader.pipeline.library import record_opened
    from reader.userdata.session import ReadingSession

    ref, document = request.ref, opened.document
    session = ReadingSession(request.store, ref, source, document, identity=identity)
    record_opened(
        request.store, ref, source, document, session.text, aids.progress.words, found_format
    )
    return session


def text_head(source: str) -> str | None:
    """The opening of a long text, or None for a text too short to need one.

    Cut at a blank line outside code fences if one is near, else at a line break, else
    at a space (a book-long list or paragraph), else at :data:`HEAD_CHARS` itself; never
    past :data:`HEAD_REACH` beyond it, so the opening of a 10 MB line is shown at once.
    Shown while the whole text is parsed; anything defined further down (footnotes, link
    references) appears a moment later, when the full parse replaces it.
    """
    if len(source) <= HEAD_CHARS:
        return None
    reach = HEAD_CHARS + HEAD_REACH
    fences, counted = 0, 0
    cut = source.find("\n\n", HEAD_CHARS, reach)
    while cut != -1:
        fences += len(_FENCE.findall(source, counted, cut))  # each stretch counted once
        counted = cut
        if fences % 2 == 0:
            return source[:cut]
        cut = source.find("\n\n", cut + 2, reach)
    for separator in ("\n", " "):
        cut = source.find(separator, HEAD_CHARS, reach)
        if cut != -1:
            return source[:cut]
    return source[:HEAD_CHARS]


__all__ = [
    "Indexed",
    "LoadRequest",
    "Progress",
    "Shown",
    "Stage",
    "load_stages",
    "text_head",
]
