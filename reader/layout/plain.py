"""Prose laid out as plain text only, for ``reader render``: the same lines as
:func:`~reader.layout.blocks.layout_block` gives, without building a run a word.

``reader render`` prints text, not roles, links or offsets, and laying a book out as runs
(:func:`~reader.layout.wrap.wrap_runs` cutting every line back into its runs, joining
them again) was most of its time. Here a prose block's text, note numbers included, is
wrapped as one string by the greedy wrap's own steps (a line's worth of words by slicing,
else a word at a time), and the lines are slices of it.

Only where every character is one cell wide (:data:`~reader.layout.wrap.ONE_CELL`: Latin,
Greek, Cyrillic, punctuation, note numbers): there a word's width is its length, which
does not depend on how the text is cut into runs. Anything else (wide or zero-width
characters, combining marks, soft hyphens, emoji), headings, code, tables, rules and
justified text return None, and are laid out as runs (the one algorithm, so the one
result); ``tests/test_fast_paths.py`` compares both on the generated book and on
text made to catch them out.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.document.model import Block, BlockKind, Span
from reader.layout.blocks import MIN_TEXT_WIDTH, prefixes
from reader.layout.runs import Part
from reader.layout.wrap import NOT_PLAIN, ONE_CELL, SEPARATOR, WORD
from reader.text.strings import superscript

_RUN_LAID = frozenset(
    {BlockKind.HEADING, BlockKind.CODE, BlockKind.HTML, BlockKind.RULE, BlockKind.TABLE}
)
"""The kinds laid out as runs: few in any text, and each with rules of its own."""


def plain_block_lines(
    block: Block,
    width: int,
    *,
    first: bool = False,
    part: Part | None = None,
    spans: Sequence[Span] | None = None,
) -> list[str] | None:
    """The lines of ``block`` (or of its piece ``part``, with the ``spans`` of it) at
    ``width`` as :func:`~reader.layout.blocks.layout_block` lays them out (not justified),
    each as text without trailing spaces; None where they must be laid out as runs."""
    if block.kind in _RUN_LAID:
        return None
    if spans is None:
        spans = block.spans
    text = _styled_text(block.text, spans, part)
    if not ONE_CELL.issuperset(text):
        return None
    first_prefix, rest_prefix, margin = prefixes(block)
    room = max(1, max(MIN_TEXT_WIDTH, width - margin))
    opening = part is None or part.first
    lines: list[str] = []
    if opening and not first and not block.tight:
        lines.append("")
    head = "".join(run.text for run in first_prefix) if opening else None
    rest = "".join(run.text for run in rest_prefix)
    for number, line in enumerate(_wrap(text, room)):
        prefix = head if number == 0 and head is not None else rest
        lines.append((prefix + line).rstrip())
    return lines


def _styled_text(text: str, spans: Sequence[Span], part: Part | None) -> str:
    """What :func:`~reader.layout.runs.styled_runs` gives, as one string: the text of the
    block (or piece) with each note number after its span, in the spans' order."""
    low, high, after = (0, len(text), -1) if part is None else (part.start, part.end, part.after)
    if not spans:
        return text[low:high]
    inserts: dict[int, list[str]] = {}
    for span in spans:
        if span.number is not None and after < span.end <= high:
            inserts.setdefault(span.end, []).append(superscript(span.number))
    if not inserts:
        return text[low:high]
    pieces: list[str] = []
    position = low
    for at in sorted(inserts):
        pieces.append(text[position:at])
        pieces.extend(inserts[at])
        position = at
    pieces.append(text[position:high])
    return "".join(pieces)


def _wrap(text: str, width: int) -> list[str]:
    """The greedy wrap of :class:`~reader.layout.wrap._LineBreaker` over a text of
    one-cell characters, as strings: step for step the same decisions, each line the
    words it sets and the single spaces between them."""
    size = len(text)
    if size <= width and NOT_PLAIN.search(text) is None:
        return [text.strip(" ")]  # a heading, a list item, a cell: one line
    if NOT_PLAIN.search(text) is None:
        return _wrap_simple(text, width)
    return _wrap_from(text, width, 0)


def _wrap_simple(text: str, width: int) -> list[str]:
    """:func:`_wrap` of a text whose spaces are all single ones (no tab, no-break
    space or line break): each line is then the words up to the last space within
    ``width + 1`` characters, and the next starts after that space. From a word longer
    than a line on, :func:`_wrap_from` goes on."""
    lines: list[str] = []
    size = len(text)
    position = 1 if text.startswith(" ") else 0
    rfind = text.rfind
    while position < size:  # the line is empty, a word starts at position
        if position + width >= size:
            lines.append(text[position:].rstrip(" "))
            return lines
        cut = rfind(" ", position, position + width + 1)
        if cut <= position:
            return lines + _wrap_from(text, width, position)
        lines.append(text[position:cut])
        position = cut + 1
    return lines or [""]


def _wrap_from(text: str, width: int, position: int) -> list[str]:
    """:func:`_wrap` of ``text`` from ``position``, where a line starts empty."""
    size = len(text)
    done: list[str] = []
    line: list[str] = []
    used = 0
    space = False
    """Whether a run of spaces is pending before the next word."""
    while position < size:
        char = text[position]
        if char == "\n":
            done.append("".join(line))
            line, used = [], 0
            space = False
            position += 1
            continue
        if char in " \t\u00a0":
            found = SEPARATOR.match(text, position)
            position = found.end() if found is not None else position + 1
            space = True
            continue
        # A line's worth of plain words at once (as _LineBreaker._plain_words).
        taken = position
        while True:
            gap = 1 if space and line else 0
            room = width - used - gap
            if position + room >= size:
                # The rest fits: word by word it would be set as it stands, if its
                # spaces are single ones.
                if room >= 0 and NOT_PLAIN.search(text, position) is None:
                    rest = text[position:].rstrip(" ")
                    if gap:
                        line.append(" ")
                        used += 1
                    line.append(rest)
                    used += len(rest)
                    space = text[-1] == " "
                    taken = size
                break
            window = text[position : position + room + 1]
            plain = NOT_PLAIN.search(window)
            cut = window.rfind(" ") if plain is None else len(window[: plain.start()].rstrip(" "))
            if cut > 0:
                if gap:
                    line.append(" ")
                    used += 1
                line.append(text[position : position + cut])
                used += cut
                space = False
                taken = position + cut
                break
            if not line:
                break  # a word longer than the line: cut where it overflows
            done.append("".join(line))
            line, used = [], 0
        if taken != position:
            position = taken
            continue
        # One word (as _LineBreaker._word).
        found = WORD.match(text, position)
        end = found.end() if found is not None else position + 1
        word = end - position
        gap = 1 if space and line else 0
        if line and used + gap + word > width:
            done.append("".join(line))
            line, used = [], 0
            gap = 0
        if gap:
            line.append(" ")
            used += 1
        space = False
        if word <= width:
            line.append(text[position:end])
            used += word
        else:
            while position < end:
                if used >= width and line:
                    done.append("".join(line))
                    line, used = [], 0
                step = min(end - position, max(1, width - used))
                line.append(text[position : position + step])
                used += step
                position += step
        position = end
    if line or not done:
        done.append("".join(line))
    return done
