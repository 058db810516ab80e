"""How the reader tells a text's problems: one notification per file, not one per line.

A glossary with forty wrong entries is one notification naming the first few (file:line
each) and how many more, rather than forty that bury the text; ``reader check`` lists
every one of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from reader.text.errors import Problem
from reader.text.i18n import _
from reader.text.strings import format_count

MAX_LINES: Final = 5
"""Most problems of one file a notification lists; "and N more" says the rest."""


def notifications(problems: Sequence[Problem], max_lines: int = MAX_LINES) -> list[str]:
    """One message per file that has problems, in the order the files first appear: its
    problems one a line (``file:line: message``), at most ``max_lines`` of them and then
    "and N more"."""
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.path, []).append(problem)
    messages = []
    for found in by_file.values():
        lines = [str(problem) for problem in found[:max_lines]]
        if len(found) > max_lines:
            lines.append(
                _("and {count} more (reader check lists all)").format(
                    count=format_count(len(found) - max_lines)
                )
            )
        messages.append("\n".join(lines))
    return messages
