"""Warnings for what a parse would otherwise pass over in silence: nesting flattened.

Each is one :class:`~reader.text.errors.Problem` naming the file and the line. One that
can repeat without end in a hostile file (deep nesting) is said once, for the first
place, with the count of the others, so a text cannot bury the reader under thousands
of notifications.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.document.parse.depth import MAX_DEPTH
from reader.text.errors import Problem, Severity


def too_deep(path: str, first_lines: Sequence[int]) -> Problem | None:
    """One warning for every run of blocks shown less deep than they are nested, at the
    first: there may be one per item of a long outline."""
    if not first_lines:
        return None
    more = f" (and {len(first_lines) - 1} more places)" if len(first_lines) > 1 else ""
    return Problem(
        path,
        f"nested deeper than {MAX_DEPTH} levels; shown at level {MAX_DEPTH}{more}",
        first_lines[0],
        severity=Severity.WARNING,
    )
