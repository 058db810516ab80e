"""The source line of a mention: where ``lookup --in`` says a term is mentioned
(``file:line: context``), even inside a paragraph spread over many lines."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from reader.document.model import Block, BlockKind
from reader.index.mentions import Mention


def source_line(block: Block, mention: Mention, source_lines: Sequence[str]) -> int:
    """The 1-based source line of ``mention`` (in ``block``); see :func:`source_lines_of`."""
    return source_lines_of(block, [mention], source_lines)[0]


def source_lines_of(
    block: Block, mentions: Sequence[Mention], source_lines: Sequence[str]
) -> list[int]:
    """The 1-based source line of each of ``mentions`` (all in ``block``), given the
    text's source split into lines: the exact line for a paragraph spread over several
    lines when the occurrence can be found in the source, else the block's first line
    (0 if generated).

    The occurrence is the n-th of its surface form in the block; it is on the line of
    the n-th in the source (markup around words does not change their count). The
    occurrences of each surface form are found once per block, in the block and in its
    source, so a paragraph as long as a book with 100,000 mentions is read a few times,
    not once per mention.
    """
    first, last = block.lines
    if first <= 0 or first == last or not source_lines:
        return [first] * len(mentions)
    text, starts = _flat_text(block)
    chunk = "\n".join(source_lines[first - 1 : last])
    breaks = [found.start() for found in re.finditer("\n", chunk)]
    hits: dict[str, tuple[list[int], list[int]]] = {}
    """Per surface form: where its occurrences end in the block's text, and where they
    start in the source."""
    lines = []
    for mention in mentions:
        start = starts[mention.cell] + mention.start if mention.cell else mention.start
        surface = text[start : start + mention.end - mention.start]
        if not surface.strip():
            lines.append(first)
            continue
        words = " ".join(surface.split())
        if words not in hits:
            pattern = re.compile(
                r"(?<!\w)" + r"\s+".join(re.escape(word) for word in words.split()) + r"(?!\w)"
            )
            hits[words] = (
                [found.end() for found in pattern.finditer(text)],
                [found.start() for found in pattern.finditer(chunk)],
            )
        ends, sources = hits[words]
        ordinal = bisect_right(ends, start)  # occurrences wholly before this one
        if ordinal < len(sources):
            lines.append(first + bisect_left(breaks, sources[ordinal]))
        else:
            lines.append(first)
    return lines


def _flat_text(block: Block) -> tuple[str, dict[tuple[int, int] | None, int]]:
    """The block's text (a table's cells joined by line breaks, row by row) and where
    each cell starts in it."""
    if block.kind is not BlockKind.TABLE:
        return block.text, {None: 0}
    starts: dict[tuple[int, int] | None, int] = {}
    parts = []
    position = 0
    for row_number, row in enumerate(block.rows):
        for column, cell in enumerate(row):
            starts[(row_number, column)] = position
            parts.append(cell.text)
            position += len(cell.text) + 1
    return "\n".join(parts), starts
