"""``parse_epub``: a book as one :class:`Document` — its chapters in reading order, one
after the other, its table of contents as the outline, its notes in the one sequence.

The chapters are converted by the HTML converter (:mod:`reader.document.html.convert`),
all of them scanned for notes first, so a reference in chapter 3 to an endnote in the
last file is a note like any other; block ids run on across chapters (``p-1`` … ``p-9000``)
and do not depend on what comes after, so the opening of a book
(:func:`parse_epub_opening`) has the ids the whole book will have.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from lxml import etree

from reader.document.abbreviations import local_terms
from reader.document.epub.chapters import (
    Chapter,
    ChapterFile,
    body_of,
    read_chapters,
    reading_order,
    replace_severity,
)
from reader.document.epub.container import Members, ZipMembers, member_problem
from reader.document.epub.links import BookPlaces, jump_links, note_links
from reader.document.epub.metadata import book_metadata
from reader.document.epub.opening import opening_files, opening_parts
from reader.document.epub.outline import TocEntry, nav_entries, ncx_entries
from reader.document.epub.package import Package, read_package
from reader.document.html import HtmlConverter, NoteIndex, parse_markup
from reader.document.html.names import epub_types, local_name
from reader.document.model import (
    TITLE_BLOCK_ID,
    Block,
    BlockKind,
    Document,
    Metadata,
    OutlineEntry,
)
from reader.document.parse.plain import file_title
from reader.text.errors import Problem, ReaderError
from reader.text.sanitize import title_line, visible_line

NO_TEXT: Final = "no chapter of the book has any text"
NAV_APART: Final = frozenset({"landmarks", "page-list"})


def parse_epub(data: bytes, name: str) -> Document:
    """The book in ``data`` (an EPUB's zip bytes), named ``name`` in titles and messages.

    Raises :class:`~reader.text.errors.ReaderError` for a book that cannot be read at all
    (see :mod:`~reader.document.epub.container` and :mod:`~reader.document.epub.package`)
    or has no text; whatever else is wrong (a chapter missing or unreadable) is a warning
    and the rest is shown.
    """
    name = visible_line(name)
    members = ZipMembers(name, data)
    package = read_package(members)
    files, problems = reading_order(package, members)
    return _document(members, package, files, problems, opening=None)


def parse_epub_opening(data: bytes, name: str, chars: int) -> Document | None:
    """The first chapters of the book, about ``chars`` of it (the start of the first
    chapter, if that alone is much longer): shown while the whole book is read. None
    when the book is not much longer than that."""
    name = visible_line(name)
    members = ZipMembers(name, data)
    package = read_package(members)
    files, problems = reading_order(package, members)
    first = opening_files(files, members, chars)
    if first is None:
        return None
    return _document(members, package, first, problems, opening=chars)


def _document(
    members: Members,
    package: Package,
    files: list[ChapterFile],
    problems: list[Problem],
    *,
    opening: int | None,
) -> Document:
    name = members.name
    chapters = list(read_chapters(files, members, problems))
    index = NoteIndex()
    for chapter in chapters:
        index.scan(chapter.root, chapter.member)
    converter = HtmlConverter(name, index, skip=_is_navigation)
    ranges = []
    for chapter in chapters:
        parts = opening_parts(body_of(chapter.root), opening) if opening is not None else None
        ranges.append(converter.add(chapter.root, chapter.member, parts))
    converted = converter.result()
    blocks: list[Block] = []
    bases: list[str] = []
    starts: dict[str, str] = {}
    for chapter, added in zip(chapters, ranges, strict=True):
        own = converted.blocks[added.first : added.end]
        if _holds_notes(index, chapter):  # a "Notes" heading whose notes went to the notes
            own = _without_trailing_headings(own)  # section, or a chapter of endnotes
        if own:
            starts[chapter.member] = own[0].id
        blocks.extend(own)
        bases.extend([chapter.member] * len(own))
    places = BookPlaces(converted.anchors, starts)
    text = jump_links(blocks, bases, places)
    notes = note_links(converted.notes, places)
    if not text and not notes:
        first = next(iter(problems), None)
        raise ReaderError(first.path if first else name, first.message if first else NO_TEXT)
    found = book_metadata(package.root)
    title = found.title or _first_heading(text) or visible_line(file_title(name))
    text = _with_title(text, title)
    outline = _outline(members, package, places, problems) or _headings(text)
    return Document(
        path=name,
        meta=Metadata(
            title=title,
            language=found.language or "und",
            author=found.author,
            date=found.date,
            source=found.publisher,
        ),
        blocks=text,
        notes=notes,
        outline=tuple(OutlineEntry(level, title, block) for level, title, block in outline),
        warnings=(*problems, *converted.warnings),
        local_terms=local_terms(text, {}),
    )


def _is_navigation(element: etree._Element) -> bool:
    """A chapter's navigation bar ("previous", "next", "index": Sphinx's relbars), or
    the landmarks and page list of a navigation document: no part of the text. A table
    of contents in the reading order is kept, its links jumps."""
    if element.get("role") == "navigation":
        return True
    return local_name(element) == "nav" and bool(epub_types(element) & NAV_APART)


def _holds_notes(index: NoteIndex, chapter: Chapter) -> bool:
    prefix = f"fn:{chapter.member}#"
    return any(key.startswith(prefix) for key in index.bodies)


def _without_trailing_headings(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    end = len(blocks)
    while end and blocks[end - 1].kind is BlockKind.HEADING:
        end -= 1
    return blocks[:end]


def _first_heading(blocks: Sequence[Block]) -> str | None:
    heading = next((b for b in blocks if b.kind is BlockKind.HEADING), None)
    return title_line(heading.text) or None if heading is not None else None


def _with_title(blocks: tuple[Block, ...], title: str) -> tuple[Block, ...]:
    """The book's title first, as its ``<h1>``, unless its first block already is that
    (a title page)."""
    first = blocks[0] if blocks else None
    if (
        first is not None
        and first.kind is BlockKind.HEADING
        and first.level == 1
        and title_line(first.text).casefold() == title.casefold()
    ):
        return blocks
    return (Block(id=TITLE_BLOCK_ID, kind=BlockKind.HEADING, text=title, level=1), *blocks)


def _outline(
    members: Members, package: Package, places: BookPlaces, problems: list[Problem]
) -> list[tuple[int, str, str]]:
    """The book's table of contents mapped to blocks (entries that lead nowhere shown
    are left out)."""
    best: list[tuple[int, str, str]] = []
    for item, read in ((package.nav, nav_entries), (package.ncx, ncx_entries)):
        if item is None or item.member not in members:
            continue
        try:
            data = members.read(item.member)
        except ReaderError as error:
            problems.extend(replace_severity(error.problems))
            continue
        root = parse_markup(data, member_problem(members.name, item.member), xml=True).root
        found = _mapped(read(root, item.member), places)
        if len(found) > len(best):
            best = found
    return best


def _mapped(entries: list[TocEntry], places: BookPlaces) -> list[tuple[int, str, str]]:
    found = []
    for entry in entries:
        block = places.block_named(entry.target)
        if block is not None:
            found.append((entry.level, entry.title, block))
    return found


def _headings(blocks: Sequence[Block]) -> list[tuple[int, str, str]]:
    return [
        (block.level, title_line(block.text), block.id)
        for block in blocks
        if block.kind is BlockKind.HEADING and block.id != TITLE_BLOCK_ID
    ]


__all__ = ["parse_epub", "parse_epub_opening"]
