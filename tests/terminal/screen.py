"""One captured screen as a grid of cells: what each cell shows and in which colours.

``capture-pane -e -N -p`` writes the visible pane as lines of text with SGR codes, one
pen carried from cell to cell and from line to line, the padding half of a wide character
left out. :func:`parse_capture` rebuilds the grid from that, so a test can ask what is at
a cell (1-based x, y, as a terminal and SGR mouse codes count) and how readable it is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from tests.terminal.sgr import PLAIN, RGB, Colour, Pen, apply_sgr, contrast_ratio

# CSI sequences (SGR is the one with final byte "m") and OSC strings, which are skipped.
_ESCAPE = re.compile(r"\x1b\[([0-?]*)[ -/]*([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


@dataclass(frozen=True)
class Cell:
    """One cell: its character ("" for the right half of a wide one) and its pen."""

    char: str
    pen: Pen = PLAIN

    @property
    def fg(self) -> Colour | None:
        return self.pen.fg

    @property
    def bg(self) -> Colour | None:
        return self.pen.bg

    @property
    def bold(self) -> bool:
        return self.pen.bold

    @property
    def underline(self) -> bool:
        return self.pen.underline

    @property
    def reverse(self) -> bool:
        return self.pen.reverse

    @property
    def attributes(self) -> frozenset[str]:
        """Every attribute on ("bold", "italic", "dim", "strike", …)."""
        return self.pen.attributes

    def shown_colours(self, default_fg: RGB, default_bg: RGB) -> tuple[RGB, RGB]:
        """The (text, background) RGB the user sees: defaults filled in, reverse applied."""
        fg = self.pen.fg.rgb if self.pen.fg else default_fg
        bg = self.pen.bg.rgb if self.pen.bg else default_bg
        return (bg, fg) if self.pen.reverse else (fg, bg)

    def contrast(self, default_fg: RGB = (229, 229, 229), default_bg: RGB = (0, 0, 0)) -> float:
        """WCAG contrast of this cell's text against its background, as shown."""
        return contrast_ratio(*self.shown_colours(default_fg, default_bg))


def char_width(char: str) -> int:
    """Cells a character takes, as tmux counts them: 2 for wide East Asian characters, 0
    for combining marks and zero-width formatting, else 1."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def text_width(text: str) -> int:
    """Cells a string takes on screen."""
    return sum(char_width(char) for char in text)


@dataclass(frozen=True, repr=False)
class Screen:
    """A captured screen: ``rows`` of ``width`` cells each. ``str()`` is its text."""

    rows: tuple[tuple[Cell, ...], ...]
    width: int

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def lines(self) -> list[str]:
        """The text of each row, trailing spaces removed (as ``capture-pane -p`` gives it)."""
        return ["".join(cell.char for cell in row).rstrip() for row in self.rows]

    def __str__(self) -> str:
        return "\n".join(self.lines)

    def __repr__(self) -> str:
        return f"<Screen {self.width}×{self.height}:\n{self}\n>"

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and any(text in line for line in self.lines)

    def cell(self, x: int, y: int) -> Cell:
        """The cell at 1-based column ``x``, row ``y``."""
        return self.rows[y - 1][x - 1]

    def find(self, text: str) -> tuple[int, int]:
        """The 1-based (x, y) of the first cell of the first ``text`` on screen, reading
        row by row; LookupError, showing the screen, when it is not there."""
        for match in self.find_all(text):
            return match
        raise LookupError(f"{text!r} is not on screen:\n{self}")

    def find_all(self, text: str) -> Iterator[tuple[int, int]]:
        """The 1-based (x, y) of every ``text`` on screen, reading row by row."""
        for y, line in enumerate(self.lines, start=1):
            start = line.find(text)
            while start != -1:
                yield text_width(line[:start]) + 1, y
                start = line.find(text, start + 1)

    def span(self, x: int, y: int, length: int) -> tuple[Cell, ...]:
        """``length`` cells from 1-based (x, y) along its row."""
        return self.rows[y - 1][x - 1 : x - 1 + length]

    def changed_since(self, before: Screen) -> list[str]:
        """The text of the cells that differ from ``before`` (in character or pen), row by
        row, rows without changes left out: what appeared, such as a tooltip."""
        changed = []
        for row, old_row in zip(self.rows, before.rows, strict=False):
            cells = [cell for cell, old in zip(row, old_row, strict=False) if cell != old]
            if cells:
                changed.append("".join(cell.char for cell in cells).strip())
        return changed


def parse_capture(captured: str, width: int, height: int) -> Screen:
    """The screen that ``capture-pane -e -N -p`` printed as ``captured`` for a pane of
    ``width`` × ``height``; rows short of the width (a capture without ``-N``) are padded
    with blank default cells."""
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    pen = PLAIN
    position = 0
    while position < len(captured):
        escape = _ESCAPE.match(captured, position)
        if escape:
            if escape.group(2) == "m":
                pen = apply_sgr(pen, escape.group(1))
            position = escape.end()
            continue
        char = captured[position]
        position += 1
        if char == "\n":
            rows.append(row)
            row = []
        elif (cells := char_width(char)) == 0 and row:
            # A combining mark joins the character before it.
            last = len(row) - 1
            while last > 0 and row[last].char == "":
                last -= 1
            row[last] = Cell(row[last].char + char, row[last].pen)
        elif cells:
            row.append(Cell(char, pen))
            row.extend(Cell("", pen) for _ in range(cells - 1))
    if row:
        rows.append(row)
    rows = rows[:height] + [[] for _ in range(height - len(rows))]
    grid = tuple(tuple(row[:width] + [Cell(" ")] * (width - len(row))) for row in rows)
    return Screen(grid, width)
