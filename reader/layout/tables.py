"""Tables: the width of each column, and the lines of rows with their cells wrapped.

A column is as wide as its widest cell as set: its text and the note numbers set after
its terms ("Command Module³"), so a cell that fits is never wrapped for its marks.
"""

from __future__ import annotations

import math

from rich.cells import cell_len

from reader.document.model import Block, Cell
from reader.layout.runs import Run, links_of, styled_runs
from reader.layout.wrap import pad, wrap_runs
from reader.text.strings import superscript
from reader.text.turns import giving_way


def cell_width(cell: Cell) -> int:
    """The columns ``cell`` takes on one line: its text and its note numbers."""
    marks = "".join(superscript(span.number) for span in cell.spans if span.number is not None)
    return cell_len(cell.text) + cell_len(marks)


GIVE_WAY_ROWS = 500
"""Rows measured between two points where a load gives way to the UI."""


def natural_widths(block: Block) -> list[int]:
    """The width of each column of a table with nothing wrapped: its widest cell's.

    The same at every width, and a pass over every cell (a quarter of a second for a
    table of 60,000 cells): a layout measures it once, where the text is loaded."""
    columns = max((len(row) for row in block.rows), default=0)
    natural = [1] * columns
    for row in giving_way(block.rows, GIVE_WAY_ROWS):
        for index, cell in enumerate(row):
            natural[index] = max(natural[index], cell_width(cell))
    return natural


def fitted_widths(natural: list[int], width: int) -> list[int]:
    """Columns of :func:`natural_widths` ``natural`` fitted into ``width`` columns."""
    columns = len(natural)
    room = max(columns * 3, width - 3 * (columns - 1))
    if sum(natural) > room:
        return [max(3, math.floor(room * size / sum(natural))) for size in natural]
    return natural


def table_widths(block: Block, width: int) -> list[int]:
    """The width of each column of a table laid out in ``width`` columns."""
    return fitted_widths(natural_widths(block), width)


def table_lines(block: Block, widths: list[int], link_base: int, rows: range) -> list[list[Run]]:
    """The lines of table rows ``rows``, cells wrapped in columns ``widths`` wide."""
    columns = len(widths)
    if columns == 0:
        return []
    lines: list[list[Run]] = []
    link = link_base
    for row_number in rows:
        row = block.rows[row_number]
        wrapped: list[list[list[Run]]] = []
        for index in range(columns):
            cell = row[index] if index < len(row) else Cell("")
            roles = "table-header" if row_number < block.header_rows else ""
            # Offsets inside a cell are not offsets in the block's text: drop them.
            cell_runs = [
                Run(run.text, f"{run.roles} {roles}".strip(), run.link)
                for run in styled_runs(cell.text, cell.spans, link)
            ]
            link += len(links_of(cell.spans))
            wrapped.append(
                [
                    pad(line, widths[index], "", cell.align)
                    for line in wrap_runs(cell_runs, widths[index])
                ]
            )
        height = max(len(cell_lines) for cell_lines in wrapped)
        for line_number in range(height):
            line: list[Run] = []
            for index, cell_lines in enumerate(wrapped):
                if index:
                    line.append(Run(" │ ", "table-border"))
                line.extend(
                    cell_lines[line_number]
                    if line_number < len(cell_lines)
                    else [Run(" " * widths[index])]
                )
            lines.append(line)
        if row_number + 1 == block.header_rows:
            lines.append([Run("─┼─".join("─" * size for size in widths), "table-border")])
    return lines
