"""Greedy word wrap of runs into lines, and the line helpers blocks and tables share."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.cells import cell_len

from reader.layout.runs import Run

_SPACES = re.compile(r"(\n|[ \t\u00a0]+)")


def wrap_runs(runs: Sequence[Run], width: int) -> list[list[Run]]:
    """Greedy word wrap: break at spaces, collapse them to one, split over-long words."""
    width = max(1, width)
    lines: list[list[Run]] = []
    line: list[Run] = []
    used = 0
    space: Run | None = None
    word: list[Run] = []

    def flush_word() -> None:
        nonlocal line, used, space, word
        if not word:
            return
        size = sum(cell_len(run.text) for run in word)
        gap = 1 if space is not None and line else 0
        if line and used + gap + size > width:
            lines.append(line)
            line, used, gap = [], 0, 0
        if gap and space is not None:
            line.append(Run(" ", space.roles, space.link, space.offset))
            used += 1
        if size > width:
            for run in word:
                for position, char in enumerate(run.text):
                    char_width = cell_len(char)
                    if used + char_width > width and line:
                        lines.append(line)
                        line, used = [], 0
                    offset = run.offset + position if run.offset >= 0 else -1
                    line.append(Run(char, run.roles, run.link, offset))
                    used += char_width
        else:
            line.extend(word)
            used += size
        space, word = None, []

    for run in runs:
        position = 0
        for piece in _SPACES.split(run.text):
            if not piece:
                continue
            offset = run.offset + position if run.offset >= 0 else -1
            position += len(piece)
            if piece == "\n":
                flush_word()
                lines.append(line)
                line, used, space = [], 0, None
            elif piece[0] in " \t\u00a0":
                flush_word()
                space = Run(piece, run.roles, run.link, offset)
            else:
                word.append(Run(piece, run.roles, run.link, offset))
    flush_word()
    if line or not lines:
        lines.append(line)
    return [_merge(line) for line in lines]


def _merge(line: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in line:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.roles == run.roles
            and last.link == run.link
            and (last.offset < 0) == (run.offset < 0)
            and (run.offset < 0 or last.offset + len(last.text) == run.offset)
        ):
            merged[-1] = Run(last.text + run.text, run.roles, run.link, last.offset)
        else:
            merged.append(run)
    return merged


def cut_cells(line: str, width: int) -> list[str]:
    """``line`` cut every ``width`` cells, spaces kept as they are: code is not prose."""
    width = max(1, width)
    if line.isascii():
        return [line[start : start + width] for start in range(0, len(line), width)] or [""]
    chunks: list[str] = []
    start = used = 0
    for position, char in enumerate(line):
        size = cell_len(char)
        if used + size > width and position > start:
            chunks.append(line[start:position])
            start, used = position, 0
        used += size
    chunks.append(line[start:])
    return chunks


def pad(runs: list[Run], width: int, roles: str = "", align: str = "left") -> list[Run]:
    """``runs`` filled with spaces to ``width`` cells, aligned: table cells and code
    blocks keep their columns and background."""
    used = sum(cell_len(run.text) for run in runs)
    gap = max(0, width - used)
    if align == "right":
        return [Run(" " * gap, roles), *runs]
    if align == "center":
        return [Run(" " * (gap // 2), roles), *runs, Run(" " * (gap - gap // 2), roles)]
    return [*runs, Run(" " * gap, roles)] if gap else runs
