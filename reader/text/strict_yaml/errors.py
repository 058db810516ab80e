"""PyYAML's errors as one-line :class:`ReaderError`\\ s located in the original file.

Only the pure-Python engine ever reports an error (the libyaml one gives up instead), so
these are its words: every message is one line and names file:line[:column], with the
lines before the YAML (front matter's ``---``) counted in.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.error import Mark

from reader.text.errors import ReaderError
from reader.text.i18n import _


def line_in_file(mark: Mark | None, line_offset: int) -> int:
    """1-based line in the original file of a 0-based PyYAML mark (0 without a mark)."""
    return 0 if mark is None else mark.line + 1 + line_offset


def error_at(path: str, message: str, mark: Any, line_offset: int) -> ReaderError:
    """A ReaderError at a PyYAML mark, or without a location when there is none."""
    if mark is None:
        return ReaderError(path, message)
    return ReaderError(path, message, line=mark.line + 1 + line_offset, column=mark.column + 1)


def _one_line(text: str) -> str:
    """PyYAML messages sometimes span lines; ours are one line each."""
    return " ".join(text.split())


def marked_error(exc: yaml.MarkedYAMLError, path: str, line_offset: int) -> ReaderError:
    """A scanner/parser/composer error as "path:line:col: problem (context at line N)"."""
    message = _one_line(exc.problem or exc.context or _("not valid YAML"))
    if exc.problem and exc.context:
        where = ""
        if exc.context_mark is not None:
            where = " " + _("at line {line}").format(line=exc.context_mark.line + 1 + line_offset)
        message += f" ({_one_line(exc.context)}{where})"
    return error_at(path, message, exc.problem_mark or exc.context_mark, line_offset)


def reader_error(
    exc: yaml.reader.ReaderError, text: str, path: str, line_offset: int
) -> ReaderError:
    """PyYAML refuses some characters outright; locate the first one by its position."""
    position = int(exc.position)
    line_start = text.rfind("\n", 0, position) + 1
    character = exc.character
    what = f"U+{character:04X}" if isinstance(character, int) else repr(character)
    return ReaderError(
        path,
        _("unacceptable character {what}: {reason}").format(
            what=what, reason=_one_line(str(exc.reason))
        ),
        line=text.count("\n", 0, position) + 1 + line_offset,
        column=position - line_start + 1,
    )


def unexpected_error(exc: Exception, path: str, mark: Any, line_offset: int) -> ReaderError:
    """Anything PyYAML did not anticipate, located at ``mark`` (where the scanner got to)."""
    if isinstance(exc, RecursionError):
        message = _("nested too deeply")
    elif isinstance(exc, ValueError):
        message = _("an escape sequence names no valid character")
    else:
        message = _("not valid YAML ({reason})").format(reason=type(exc).__name__)
    return error_at(path, message, mark, line_offset)
