"""Greedy word wrap of runs into lines, and the line helpers blocks and tables share."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import accumulate

from rich.cells import cell_len

from reader.layout.runs import Run

SEPARATOR = re.compile(r"[ \t\u00a0]+")
WORD = re.compile(r"[^ \t\u00a0\n]+")
NOT_PLAIN = re.compile(r"[\n\t\u00a0]|  ")
"""What a stretch of text cannot hold to be wrapped a line at a time: breaks, tabs,
no-break spaces and runs of spaces (each collapsed or obeyed word by word)."""

ONE_CELL = frozenset(
    char
    for start, end in ((0x20, 0x7F), (0xA0, 0x300), (0x370, 0x483), (0x2010, 0x2028))
    for char in map(chr, range(start, end))
    if char != "\u00ad" and cell_len(char) == 1
) | {"\t", "\n", *"⁰⁴⁵⁶⁷⁸⁹"}
"""Separators and characters one terminal cell wide (Latin, Greek and Cyrillic letters,
punctuation, note numbers): the words of a text made of these are measured by their
length, and its lines can be cut by slicing."""


def wrap_runs(runs: Sequence[Run], width: int) -> list[list[Run]]:
    """Greedy word wrap: break at spaces, collapse them to one, split over-long words.

    The runs' texts are wrapped as one text (a word may span runs: "Volga¹,"), whose
    lines are then cut back into runs, as few as their roles, links and offsets allow.
    Where the text is plain (single spaces, one cell per character) a whole line is
    taken at once by slicing, so a book-long paragraph costs a few steps per line, not
    per word.
    """
    return _LineBreaker([run for run in runs if run.text], max(1, width)).lines()


class _LineBreaker:
    """One greedy wrap of ``runs`` at ``width``: positions are in their joined text."""

    def __init__(self, runs: list[Run], width: int) -> None:
        self.runs = runs
        self.width = width
        self.text = "".join(run.text for run in runs)
        self.starts = [0, *accumulate(len(run.text) for run in runs)][:-1]
        self.one_cell = ONE_CELL.issuperset(self.text)
        self.done: list[list[Run]] = []
        self.line: list[Run] = []
        self.used = 0
        self.space = -1
        """Where the space pending before the next word takes its roles from; -1: none."""

    def lines(self) -> list[list[Run]]:
        """Wrap the whole text: each step a line break, a run of spaces, a line's worth of
        plain words, or one word."""
        text, size = self.text, len(self.text)
        if size <= self.width and self.one_cell and NOT_PLAIN.search(text) is None:
            words = text.strip(" ")  # a heading, a list item, a cell: one line
            if words:
                lead = len(text) - len(text.lstrip(" "))
                self._emit(lead, lead + len(words))
            return [self.line]
        position = 0
        while position < size:
            char = text[position]
            if char == "\n":
                self._break_line()
                self.space = -1
                position += 1
            elif char in " \t\u00a0":
                found = SEPARATOR.match(text, position)
                end = found.end() if found is not None else position + 1
                # A run of spaces across runs takes the roles of its part in the last.
                self.space = max(position, self.starts[self._run_at(end - 1)])
                position = end
            else:
                taken = self._plain_words(position)
                if taken == position:
                    found = WORD.match(text, position)
                    taken = found.end() if found is not None else position + 1
                    self._word(position, taken)
                position = taken
        if self.line or not self.done:
            self.done.append(self.line)
        return self.done

    def _plain_words(self, position: int) -> int:
        """Set on the line the words from ``position`` that fit it, if the text there is
        plain and goes on past the line (its last word may be longer, or go on in the
        next run); return where they end (``position`` if none were taken)."""
        text, width = self.text, self.width
        while True:
            gap = 1 if self.space >= 0 and self.line else 0
            room = width - self.used - gap
            if position + room >= len(text):
                return position
            window = text[position : position + room + 1]
            if not self.one_cell and not ONE_CELL.issuperset(window):
                return position
            plain = NOT_PLAIN.search(window)
            # The last space that leaves the words before it on the line; or, before a
            # separator that must be taken word by word, the words before it (they fit).
            cut = window.rfind(" ") if plain is None else len(window[: plain.start()].rstrip(" "))
            if cut > 0:
                self._gap(gap)
                self._emit(position, position + cut)
                self.used += cut
                self.space = -1
                return position + cut
            if not self.line:
                return position  # a word longer than the line: cut where it overflows
            self._break_line()

    def _word(self, start: int, end: int) -> None:
        """Set the word ``start``..``end`` on the line, or on a new one if it does not
        fit; one longer than a line is cut where it overflows."""
        width = self.width
        if self.one_cell:
            size = end - start
        else:
            size = sum(cell_len(run.text[low:high]) for run, low, high in self._pieces(start, end))
        gap = 1 if self.space >= 0 and self.line else 0
        if self.line and self.used + gap + size > width:
            self._break_line()
            gap = 0
        self._gap(gap)
        self.space = -1
        if size <= width:
            self._emit(start, end)
            self.used += size
            return
        position = start
        while position < end:
            if self.one_cell:
                if self.used >= width and self.line:
                    self._break_line()
                step = min(end - position, max(1, width - self.used))
                self._emit(position, position + step)
                self.used += step
                position += step
                continue
            char_width = cell_len(self.text[position])
            if self.used + char_width > width and self.line:
                self._break_line()
            self._emit(position, position + 1)
            self.used += char_width
            position += 1

    def _gap(self, gap: int) -> None:
        """The one space between two words of a line (with the roles of the spaces it
        stands for), when ``gap``."""
        if gap:
            index = self._run_at(self.space)
            run = self.runs[index]
            offset = _at(run.offset, self.space - self.starts[index])
            _push(self.line, Run(" ", run.roles, run.link, offset))
            self.used += 1

    def _emit(self, start: int, end: int) -> None:
        """Set text ``start``..``end`` on the line, cut back into its runs."""
        runs, starts, line = self.runs, self.starts, self.line
        index = bisect_right(starts, start) - 1
        while start < end:  # the hot loop of a book: written out, not via _pieces
            run, first = runs[index], starts[index]
            low, high = start - first, min(end - first, len(run.text))
            if low or high < len(run.text):
                offset = run.offset + low if run.offset >= 0 else -1
                run = Run(run.text[low:high], run.roles, run.link, offset)
            _push(line, run)  # a whole run as it is
            start = first + high
            index += 1

    def _pieces(self, start: int, end: int) -> Iterator[tuple[Run, int, int]]:
        """The runs with text in ``start``..``end``, and the range of their text there."""
        index = self._run_at(start)
        while start < end:
            run, first = self.runs[index], self.starts[index]
            stop = min(end, first + len(run.text))
            yield run, start - first, stop - first
            start = stop
            index += 1

    def _run_at(self, position: int) -> int:
        return bisect_right(self.starts, position) - 1

    def _break_line(self) -> None:
        self.done.append(self.line)
        self.line, self.used = [], 0


def _at(offset: int, position: int) -> int:
    """The offset of character ``position`` of a run at ``offset`` (-1: generated)."""
    return offset + position if offset >= 0 else -1


def _push(line: list[Run], run: Run) -> None:
    """Append ``run`` to ``line``, joined to the last run if it continues it: same roles
    and link, and either both generated or the next characters of the block's text."""
    if line:
        last = line[-1]
        if (
            last.roles == run.roles
            and last.link == run.link
            and (
                (last.offset < 0 and run.offset < 0)
                or (last.offset >= 0 and last.offset + len(last.text) == run.offset)
            )
        ):
            line[-1] = Run(last.text + run.text, last.roles, last.link, last.offset)
            return
    line.append(run)


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
