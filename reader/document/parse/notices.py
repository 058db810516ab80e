"""Warnings for what a parse would otherwise pass over in silence: NUL bytes, a text with
nothing to read, a footnote defined twice, nesting flattened.

Each is one :class:`~reader.text.errors.Problem` naming the file and the line. One that
can repeat without end in a hostile file (a footnote defined again, deep nesting) is
said for the first few places and then summed up, so a text cannot bury the reader
under thousands of notifications.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from reader.document.parse.depth import MAX_DEPTH
from reader.text.errors import Problem, Severity
from reader.text.i18n import _
from reader.text.sanitize import visible_line
from reader.text.strings import format_count

MOST_REPEATS: Final = 5
"""Most warnings of one kind given one by one; the rest are one more warning."""


def nul_bytes(source: str, path: str) -> Problem | None:
    """A warning at the first NUL of ``source``: shown as U+FFFD (by the Markdown parser,
    as CommonMark says, and by :func:`reader.text.sanitize.visible` in plain text)."""
    first = source.find("\0")
    if first == -1:
        return None
    count = source.count("\0")
    more = (
        " " + _("(and {count} more after it)").format(count=format_count(count - 1))
        if count > 1
        else ""
    )
    return Problem(
        path,
        _("NUL byte shown as U+FFFD{more}").format(more=more),
        source.count("\n", 0, first) + 1,
        severity=Severity.WARNING,
    )


def no_text(path: str) -> Problem:
    """The warning for a text with nothing to read (empty, blank, or front matter only)."""
    return Problem(path, _("has no text"), severity=Severity.WARNING)


def too_deep(path: str, first_lines: Sequence[int]) -> Problem | None:
    """One warning for every run of blocks shown less deep than they are nested, at the
    first: there may be one per item of a long outline."""
    if not first_lines:
        return None
    more = (
        " " + _("(and {count} more places)").format(count=format_count(len(first_lines) - 1))
        if len(first_lines) > 1
        else ""
    )
    return Problem(
        path,
        _("nested deeper than {max_depth} levels; shown at level {max_depth}{more}").format(
            max_depth=MAX_DEPTH, more=more
        ),
        first_lines[0],
        severity=Severity.WARNING,
    )


def footnotes_again(path: str, again: Sequence[tuple[str, int, int]]) -> list[Problem]:
    """A warning at each footnote defined again, naming the line of the definition it
    replaces (the parser keeps the last one of a label)."""
    problems = [
        Problem(
            path,
            _(
                "footnote [^{label}] is defined again; its definition at line {before} is dropped"
            ).format(label=visible_line(label), before=before),
            line,
            severity=Severity.WARNING,
        )
        for label, line, before in again[:MOST_REPEATS]
    ]
    if len(again) > MOST_REPEATS:
        rest = again[MOST_REPEATS:]
        problems.append(
            Problem(
                path,
                _("{count} more footnotes are defined again, the first of them here").format(
                    count=len(rest)
                ),
                rest[0][1],
                severity=Severity.WARNING,
            )
        )
    return problems
