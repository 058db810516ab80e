"""The opening of a long book, to show its first screen at once: the first chapters,
about as much as a long Markdown text's opening (:data:`reader.pipeline.stages.
HEAD_CHARS`), and of a first chapter much longer than that, its start.

Chapters are chosen by their size in the book, before any is read. Within a chapter the
start is a run of the elements at the top of its body (going down into ``<section>`` and
``<div>`` wrappers, never into a list or a quote, whose items would lose their markers):
converted alone they make the same blocks, with the same ids, as in the whole book.
"""

from __future__ import annotations

from typing import Final

from lxml import etree

from reader.document.epub.chapters import ChapterFile
from reader.document.epub.container import Members
from reader.document.html.names import local_name

OPENING_FACTOR: Final = 4
"""A book less than this many openings long is read whole at once."""
WRAPPERS: Final = frozenset({"body", "section", "div", "article", "main"})


def opening_files(
    files: list[ChapterFile], members: Members, chars: int
) -> list[ChapterFile] | None:
    """The first chapters that hold ``chars`` bytes; None when the whole book is not
    much more."""
    if sum(members.size(file.member) for file in files) <= OPENING_FACTOR * chars:
        return None
    chosen, total = [], 0
    for file in files:
        chosen.append(file)
        total += members.size(file.member)
        if total >= chars:
            break
    return chosen


def _text_size(element: etree._Element, limit: int) -> int:
    """The length of ``element``'s text, counted up to just past ``limit``."""
    size = 0
    for piece in element.itertext():
        if isinstance(piece, str):
            size += len(piece)
            if size > limit:
                break
    return size


def opening_parts(body: etree._Element, chars: int) -> list[etree._Element] | None:
    """The elements at the top of ``body`` that hold about ``chars`` of its text, in
    order; None for a body that is not much longer (it is converted whole)."""
    if _text_size(body, OPENING_FACTOR * chars) <= OPENING_FACTOR * chars:
        return None
    parts: list[etree._Element] = []
    total, element = 0, body
    while True:
        descend = None
        for child in element:
            if not isinstance(child.tag, str):
                continue
            size = _text_size(child, chars - total)
            if total + size <= chars:
                parts.append(child)
                total += size
                continue
            if local_name(child) in WRAPPERS and len(child):
                descend = child
            else:
                parts.append(child)
            break
        if descend is None:
            return parts
        element = descend
