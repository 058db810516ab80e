"""``parse_html``: a saved web page as a :class:`Document` — its article, its metadata,
its footnotes.

Parse safely (:mod:`~.parsing`), read what the page says about itself (:mod:`~.metadata`),
find its article (:mod:`~.extract`), convert the article with the page's boilerplate left
out (:mod:`~.convert`, :mod:`~.boilerplate`), and assemble the document as
:func:`reader.document.parse.parse_markdown` does: outline from the headings, title from
the metadata, else the first heading, else the file name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Final

from lxml import etree

from reader.document.abbreviations import local_terms
from reader.document.html.boilerplate import Boilerplate
from reader.document.html.convert import convert_tree
from reader.document.html.extract import main_content
from reader.document.html.metadata import article_title, page_metadata
from reader.document.html.names import local_name, text_of
from reader.document.html.parsing import parse_markup, refuse_if_empty
from reader.document.model import Block, BlockKind, Document, Metadata, OutlineEntry
from reader.document.parse.plain import file_title
from reader.text.sanitize import title_line, visible_line

OPENING_BLOCKS: Final = 4
"""How many blocks at the top of an article may hold its headline."""


def parse_html(source: str, path: str, *, xml: bool | None = None) -> Document:
    """Parse the web page ``source`` (already decoded) into a Document of its article.

    ``path`` names the file in titles and messages; ``xml`` reads it as XHTML first
    (None: when it opens with ``<?xml``). Raises
    :class:`~reader.text.errors.ReaderError` only for a page the parser could read
    nothing of.
    """
    name = visible_line(path)
    parsed = parse_markup(source, name, xml=xml)
    root = parsed.root
    meta = page_metadata(root)
    parts = main_content(root)
    skip = Boilerplate(parts)
    parts = [part for part in parts if not skip(part)] or parts
    converted = convert_tree(root, name, parts=parts, skip=skip, base_url=meta.base_url)
    blocks = without_empty_sections(converted.blocks)
    refuse_if_empty(parsed, name, bool(blocks or converted.notes))
    first_heading = next((b for b in blocks if b.kind is BlockKind.HEADING), None)
    headings = [
        heading
        for heading in (_page_heading(root), first_heading and title_line(first_heading.text))
        if heading
    ]
    opening = [title_line(block.text) for block in blocks[:OPENING_BLOCKS]]
    title = article_title(meta, headings, opening) or visible_line(file_title(path))
    blocks = title_first(blocks, title)
    outline = tuple(
        OutlineEntry(block.level, title_line(block.text), block.id)
        for block in blocks
        if block.kind is BlockKind.HEADING
    )
    return Document(
        path=path,
        meta=Metadata(
            title=title,
            language=meta.language or "und",
            author=meta.author,
            date=meta.date,
            source=meta.source,
        ),
        blocks=blocks,
        notes=converted.notes,
        outline=outline,
        warnings=(*parsed.problems, *converted.warnings),
        local_terms=local_terms(blocks, {}),
    )


def _page_heading(root: etree._Element) -> str | None:
    """The text of the page's first ``<h1>``, wherever it is (often outside the article
    area, in the page's title bar)."""
    for element in root.iter(etree.Element):
        if local_name(element) == "h1":
            return title_line(text_of(element, 100)) or None
    return None


def title_first(blocks: tuple[Block, ...], title: str) -> tuple[Block, ...]:
    """``blocks`` with the article's headline first, as its ``<h1>``: the heading or
    paragraph among the first few that is the title (a news page puts a section name or
    a date above its headline, an old page writes it as a ``<div class="titulo">``)."""
    for index, block in enumerate(blocks[:OPENING_BLOCKS]):
        textual = block.kind in (BlockKind.HEADING, BlockKind.PARAGRAPH)
        if textual and not block.containers and title_line(block.text) == title:
            headline = replace(block, kind=BlockKind.HEADING, level=1)
            if block.kind is not BlockKind.HEADING:
                headline = replace(headline, id=_headline_id(blocks))
            return (headline, *blocks[:index], *blocks[index + 1 :])
    return blocks


def _headline_id(blocks: Sequence[Block]) -> str:
    """A heading id no block has (a paragraph made the headline becomes a heading)."""
    taken = {block.id for block in blocks}
    number = 1
    while f"h-{number}" in taken:
        number += 1
    return f"h-{number}"


def without_empty_sections(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """``blocks`` without headings left with nothing under them: a "References" whose
    list became the notes, a "Comments" whose comments were left out."""
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        if block.kind is BlockKind.HEADING and block.level > 1:
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if following is None or (
                following.kind is BlockKind.HEADING and following.level <= block.level
            ):
                continue
        kept.append(block)
    return tuple(kept)
