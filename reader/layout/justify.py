"""Justified prose: lines wrapped as :func:`~reader.layout.wrap.wrap_runs` wraps them, then
widened to the column by spaces spread over their gaps.

No rivers: a line is never stretched by more than :data:`MAX_EXTRA_PER_GAP` spaces in
any gap; one that would need more (a long word pushed to the next line, a URL) is left
ragged. The last line of a paragraph, and a line ended by a hard break, stay ragged too.
The line breaks are exactly the ragged layout's, so heights (and so every estimate and
place) are the same whichever way a text is set. Only prose comes here: code, tables and
headings are never justified (:func:`reader.layout.blocks.layout_block` decides).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len

from reader.layout.runs import Run
from reader.layout.wrap import wrap_runs

MAX_EXTRA_PER_GAP = 2
"""Spaces a gap may gain; a line that needs more to reach the column stays ragged."""


def justified_lines(
    runs: Sequence[Run], width: int, *, ends_paragraph: bool = True
) -> list[list[Run]]:
    """``runs`` wrapped at ``width`` and justified: every line but the last of each hard
    line (the last of all too, unless ``ends_paragraph`` is False: a piece of a paragraph
    that goes on in the next piece)."""
    hard_lines = _hard_lines(runs)
    lines: list[list[Run]] = []
    for number, hard_line in enumerate(hard_lines):
        wrapped = wrap_runs(hard_line, width)
        goes_on = number == len(hard_lines) - 1 and not ends_paragraph
        for row, line in enumerate(wrapped):
            last = row == len(wrapped) - 1
            lines.append(line if last and not goes_on else justify_line(line, width))
    return lines


def justify_line(line: Sequence[Run], width: int) -> list[Run]:
    """``line`` (one wrapped line: words and single spaces) widened to ``width`` cells by
    extra spaces in its gaps, spread evenly; as it is when no gap or too little room.

    The extra spaces are runs of their own with offset -1 (generated text, like a note
    number), so every character of the text keeps its offset; they carry the roles and
    link of the space they follow, so an underlined term stays underlined across them."""
    extra = width - sum(cell_len(run.text) for run in line)
    gaps = sum(run.text.count(" ") for run in line)
    if extra <= 0 or gaps == 0 or extra > gaps * MAX_EXTRA_PER_GAP:
        return list(line)
    # Gap k gets the spaces between the k-th and (k+1)-th of ``gaps`` even steps.
    widths = iter([extra * (k + 1) // gaps - extra * k // gaps for k in range(gaps)])
    justified: list[Run] = []
    for run in line:
        start = 0
        while (space := run.text.find(" ", start)) >= 0:
            justified.append(_part(run, start, space + 1))
            padding = next(widths)
            if padding:
                justified.append(Run(" " * padding, run.roles, run.link))
            start = space + 1
        if start < len(run.text):
            justified.append(_part(run, start, len(run.text)))
    return justified


def _part(run: Run, start: int, end: int) -> Run:
    if start == 0 and end == len(run.text):
        return run
    offset = run.offset + start if run.offset >= 0 else -1
    return Run(run.text[start:end], run.roles, run.link, offset)


def _hard_lines(runs: Sequence[Run]) -> list[list[Run]]:
    """``runs`` cut at each hard line break (the break itself dropped), as
    :func:`wrap_runs` breaks them: no line for what follows the last break when that
    is only spaces."""
    hard_lines: list[list[Run]] = [[]]
    for run in runs:
        pieces = run.text.split("\n")
        position = 0
        for number, piece in enumerate(pieces):
            if number:
                hard_lines.append([])
            if piece:
                offset = run.offset + position if run.offset >= 0 else -1
                hard_lines[-1].append(Run(piece, run.roles, run.link, offset))
            position += len(piece) + 1
    if len(hard_lines) > 1 and not any(run.text.strip(" \t\u00a0") for run in hard_lines[-1]):
        hard_lines.pop()
    return hard_lines
