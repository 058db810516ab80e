"""Moving through a block's text by words and by laid-out lines: the motions that extend
a keyboard selection.

A word is a run of non-space characters, as the reader sees it on screen (punctuation
included: "Stalingrado," is one word); selections made with these motions always cover
whole words. Lines are the laid-out lines of the block at the layout's width, so "the
line below" is the one the reader sees below, whatever the width. Everything stays
inside one block: a motion that would leave it returns None.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from rich.cells import cell_len

from reader.layout.document import DocumentLayout
from reader.layout.runs import Line

_WORD = re.compile(r"\S+")

WORD_REACH = 400
"""Characters looked at around an offset to find its word: a "word" longer than this (a
megabyte without a space) is cut, so a motion never reads a whole block."""


class Word(NamedTuple):
    """Start and end (one past the last character) of a word in a block's text."""

    start: int
    end: int


def word_at(text: str, offset: int) -> Word | None:
    """The word holding character ``offset``; between words, the next one (else the
    one before); None for a text with no word."""
    offset = max(0, min(offset, len(text)))
    low = max(0, offset - WORD_REACH)
    for found in _WORD.finditer(text, low, min(len(text), offset + WORD_REACH)):
        if found.end() > offset:
            return Word(found.start(), found.end())
    after = _WORD.search(text, offset)
    if after is not None:
        return Word(after.start(), after.end())
    return last_word(text, offset)


def first_word(text: str, offset: int = 0) -> Word | None:
    """The first word that ends after ``offset`` (the first of the text by default)."""
    return word_at(text, offset) if _WORD.search(text, offset) else None


def last_word(text: str, before: int | None = None) -> Word | None:
    """The last word starting before ``before`` (the last of the text by default)."""
    end = len(text) if before is None else max(0, min(before, len(text)))
    stop = len(text[:end].rstrip())
    if stop == 0:
        return None
    start = stop
    while start > 0 and not text[start - 1].isspace() and stop - start < WORD_REACH:
        start -= 1
    found = _WORD.match(text, start)
    return Word(start, found.end()) if found else None


def next_word(text: str, word: Word, step: int) -> Word | None:
    """The word after (``step`` 1) or before (-1) ``word``; None at the end."""
    if step > 0:
        after = _WORD.search(text, word.end)
        return Word(after.start(), after.end()) if after else None
    return last_word(text, word.start)


class LinePoint(NamedTuple):
    """Where an offset is drawn: document line and column in the text column."""

    y: int
    column: int


def point_of(layout: DocumentLayout, block: int, offset: int) -> LinePoint:
    """The document line showing character ``offset`` of block ``block``'s text and its
    column there."""
    y = layout.offset_line(block, offset)
    return LinePoint(y, _column(layout.line(y) or (), offset))


def _column(line: Line, offset: int) -> int:
    column = 0
    found = 0
    for run in line:
        if run.offset >= 0 and run.offset <= offset:
            if offset < run.offset + len(run.text):
                return column + cell_len(run.text[: offset - run.offset])
            found = column + cell_len(run.text)  # past this run: just after it
        column += cell_len(run.text)
    return found


def offset_at_column(line: Line, column: int) -> int | None:
    """The offset of the block's text drawn at ``column`` of ``line`` (the nearest
    character of text where the column holds none); None for a line without text."""
    position = 0
    nearest: int | None = None
    for run in line:
        width = cell_len(run.text)
        if run.offset >= 0 and run.text:
            if column < position:
                return run.offset  # the column is in the margin, before the text
            if column < position + width:
                return run.offset + _index_at(run.text, column - position)
            nearest = run.offset + len(run.text) - 1
        position += width
    return nearest


def _index_at(text: str, cells: int) -> int:
    """Index of the character of ``text`` drawn ``cells`` cells after its start."""
    used = 0
    for index, char in enumerate(text):
        used += cell_len(char)
        if used > cells:
            return index
    return max(0, len(text) - 1)


def line_move(
    layout: DocumentLayout, block: int, offset: int, step: int, column: int | None = None
) -> int | None:
    """The offset on the laid-out line below (``step`` 1) or above (-1) the one showing
    ``offset``, at ``column`` (by default the column of ``offset``: an editor keeps the
    column it started from over several moves); None where that line is not in the block
    (or shows none of its text)."""
    here = point_of(layout, block, offset)
    goal = here.column if column is None else column
    y = here.y + step
    while y >= 0 and layout.locate(y)[0] == block:
        line = layout.line(y)
        if line is None:
            return None
        found = offset_at_column(line, goal)
        if found is not None:
            return found
        y += step  # a line of the block without text (a table rule): look further
    return None
