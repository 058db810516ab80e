"""One block's lines at a width: its margin (quote bars, list markers), its body wrapped
as its kind wants (prose, heading and rule, code cut to the column, table), and the blank
line that separates it from the block before."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len

from reader.document.model import Block, BlockKind, ContainerKind, Span
from reader.layout.justify import justified_lines
from reader.layout.runs import Line, Part, Run, styled_runs
from reader.layout.tables import table_lines, table_widths
from reader.layout.wrap import cut_cells, pad, wrap_runs

MIN_TEXT_WIDTH = 12
"""Narrowest column text is wrapped to, however deep the nesting."""


def prefixes(block: Block) -> tuple[list[Run], list[Run], int]:
    """The margin of the block's first line, of its other lines, and its width."""
    first: list[Run] = []
    rest: list[Run] = []
    width = 0
    for container in block.containers:
        if container.kind is ContainerKind.QUOTE:
            first.append(Run("│ ", "quote-bar"))
            rest.append(Run("│ ", "quote-bar"))
            width += 2
            continue
        size = (
            2 if container.kind is ContainerKind.BULLET else max(4, cell_len(container.marker) + 1)
        )
        marker = container.marker
        roles = "note-number" if container.kind is ContainerKind.NOTE else "marker"
        text = (
            marker.rjust(size - 1) + " "
            if container.kind is ContainerKind.ORDERED
            else marker.ljust(size)
        )
        first.append(Run(text if marker else " " * size, roles))
        rest.append(Run(" " * size))
        width += size
    return first, rest, width


def layout_block(
    block: Block,
    width: int,
    link_base: int,
    *,
    first: bool = False,
    part: Part | None = None,
    spans: Sequence[Span] | None = None,
    widths: list[int] | None = None,
    justify: bool = False,
) -> list[Line]:
    """The lines of one block at ``width`` columns, with its margin and the blank line
    that separates it from the block before (none for the first block or a tight one).

    With ``part``, the lines of that piece of the block only: ``spans`` are the spans
    with a character in it, ``widths`` a table's column widths (:func:`table_widths`).
    ``justify`` justifies paragraphs (:mod:`reader.layout.justify`); nothing else.
    """
    first_prefix, rest_prefix, margin = prefixes(block)
    room = max(MIN_TEXT_WIDTH, width - margin)
    opening = part is None or part.first
    closing = part is None or part.last
    text = block.text if part is None else block.text[part.start : part.end]
    if spans is None:
        spans = block.spans
    body: list[list[Run]]
    if block.kind is BlockKind.HEADING:
        roles = f"heading heading{block.level}"
        runs = [
            run.with_roles(roles) for run in styled_runs(block.text, spans, link_base, part=part)
        ]
        body = wrap_runs(runs, room)
        if block.level <= 2 and closing:
            rule = max(sum(cell_len(run.text) for run in line) for line in body)
            if part is not None and not part.first:
                rule = room  # the heading above wrapped: its rule spans the column
            body.append(
                [
                    Run(
                        ("━" if block.level == 1 else "─") * rule,
                        f"heading-rule heading{block.level}",
                    )
                ]
            )
    elif block.kind in (BlockKind.CODE, BlockKind.HTML):
        body = []
        roles = "code-block" if block.kind is BlockKind.CODE else "html"
        for source_line in text.expandtabs(4).split("\n"):
            for chunk in cut_cells(source_line, room - 2):
                body.append(pad([Run(" " + chunk, roles)], room, roles))
    elif block.kind is BlockKind.RULE:
        body = [[Run("─" * room, "rule")]]
    elif block.kind is BlockKind.TABLE:
        rows = range(len(block.rows)) if part is None else range(part.start, part.end)
        body = table_lines(block, widths or table_widths(block, room), link_base, rows)
    else:
        runs = styled_runs(block.text, spans, link_base, part=part)
        if block.kind is BlockKind.TERM:
            runs = [run.with_roles("strong") for run in runs]
        if justify and block.kind is BlockKind.PARAGRAPH:
            body = justified_lines(runs, room, ends_paragraph=closing)
        else:
            body = wrap_runs(runs, room)
    lines: list[Line] = []
    if opening and not first and not block.tight:
        lines.append(())
    for number, line in enumerate(body):
        prefix = first_prefix if number == 0 and opening else rest_prefix
        lines.append(tuple(prefix + line))
    return lines
