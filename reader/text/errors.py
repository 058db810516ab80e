"""Errors and problems that name a file, and the line, in one readable line.

Every way a user's input can be wrong ends up here, so the CLI can print one line and exit
with status 2, and the TUI can show the same line as a notification.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from reader.text.i18n import _, ngettext


class Severity(Enum):
    """How bad a problem is: errors stop a file from loading, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, located as precisely as we know."""

    path: str
    """The file, as the user named it (or the bundled name)."""
    message: str
    """What is wrong, in one line, without the location."""
    line: int | None = None
    """1-based line in the original file, when known."""
    column: int | None = None
    """1-based column, when known."""
    severity: Severity = Severity.ERROR
    """Errors stop loading; warnings are reported and loading goes on."""

    def __str__(self) -> str:
        from reader.text.sanitize import visible_line

        location = visible_line(self.path)
        if self.line is not None:
            location += f":{self.line}"
            if self.column is not None:
                location += f":{self.column}"
        prefix = _("warning: ") if self.severity is Severity.WARNING else ""
        return visible_line(f"{location}: {prefix}{self.message}")


class ReaderError(Exception):
    """A problem with the user's input that stops the current operation.

    Raised by the pure core; the CLI turns it into one line on stderr and exit status 2.
    One error may hold several problems found in one pass (:meth:`of`: a glossary with
    several wrong entries), one line each.
    """

    def __init__(
        self,
        path: str | Path,
        message: str,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.problem = Problem(str(path), message, line, column)
        self.problems: tuple[Problem, ...] = (self.problem,)
        """Every problem found, :attr:`problem` first."""
        super().__init__(str(self.problem))

    @classmethod
    def of(cls, problems: Sequence[Problem]) -> ReaderError:
        """One error for the (at least one) ``problems`` found in one pass."""
        first = problems[0]
        error = cls(first.path, first.message, first.line, first.column)
        error.problem = first
        error.problems = tuple(problems)
        return error

    @property
    def path(self) -> str:
        """The file the problem is in."""
        return self.problem.path

    @property
    def line(self) -> int | None:
        """1-based line of the problem, when known."""
        return self.problem.line

    def __str__(self) -> str:
        """The first problem, in one line, saying how many more there are."""
        more = len(self.problems) - 1
        if more == 0:
            return str(self.problem)
        return ngettext(
            "{problem} (and {count} more problem)", "{problem} (and {count} more problems)", more
        ).format(problem=self.problem, count=more)
