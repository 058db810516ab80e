"""Where each key of a TOML file is, by line: for messages that name ``file:line``.

tomlkit keeps a file's comments and order but not where its keys are, so this reads the
lines themselves: table headers (``[keys]``), keys (bare, quoted, dotted) before ``=``,
and multi-line strings skipped over. Only the line of a key's first appearance counts;
a key it cannot place is placed at its table's header, else at line 1.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

KeyPath = tuple[str, ...]

_KEY_PART = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_DOTTED = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_HEADER = re.compile(rf"^\s*\[\[?\s*({_DOTTED})\s*\]\]?")
_ASSIGNMENT = re.compile(rf"^\s*({_DOTTED})\s*=")
_PART = re.compile(_KEY_PART)


def _parts(dotted: str) -> KeyPath:
    parts = []
    for match in _PART.finditer(dotted):
        part = match.group(0)
        if part[0] in "\"'":
            part = part[1:-1]
            if match.group(0)[0] == '"':
                part = part.encode("utf-8", "backslashreplace").decode("unicode_escape")
        parts.append(part)
    return tuple(parts)


def key_lines(text: str) -> dict[KeyPath, int]:
    """The 1-based line of every table and key in ``text``, by its path from the top
    (``("keys", "glossary")`` for ``glossary`` under ``[keys]``)."""
    found: dict[KeyPath, int] = {}
    table: KeyPath = ()
    inside: str | None = None  # the quotes of a multi-line string being skipped
    for number, line in enumerate(text.splitlines(), start=1):
        if inside is not None:
            if line.count(inside) % 2 == 1:
                inside = None
            continue
        header = _HEADER.match(line)
        if header is not None:
            table = _parts(header.group(1))
            found.setdefault(table, number)
            continue
        assignment = _ASSIGNMENT.match(line)
        if assignment is None:
            continue
        found.setdefault((*table, *_parts(assignment.group(1))), number)
        value = line[assignment.end() :]
        for quotes in ('"""', "'''"):
            if value.count(quotes) % 2 == 1:
                inside = quotes
                break
    return found


def line_of(lines: Mapping[KeyPath, int], path: Sequence[str]) -> int:
    """The line of key ``path``, else of the nearest table holding it, else 1."""
    for end in range(len(path), 0, -1):
        line = lines.get(tuple(path[:end]))
        if line is not None:
            return line
    return 1
