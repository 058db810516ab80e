"""The data folder's small JSON files (the interface state, the glossary choices).

Read with one line to show when a file is bad (where in it, when JSON says), and
written whole or not at all: a temporary file beside it, renamed over it. A file that
cannot be read is never written over (its owner keeps what was in it), so each reader
returns its problem for the caller to keep.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from reader.text.errors import Problem, Severity
from reader.text.i18n import _


def read_json(path: Path, fallback: str) -> tuple[object, Problem | None]:
    """The JSON value in ``path``: (value, None); (None, None) if there is no file;
    (None, a warning) if it cannot be read or is not JSON, ``fallback`` saying what is
    done instead ("the defaults are used…")."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, None
    except UnicodeDecodeError:
        return None, _warning(path, _("not UTF-8 text; {fallback}").format(fallback=fallback))
    except OSError as error:
        reason = error.strerror or str(error)
        message = _("cannot be read ({reason}); {fallback}").format(
            reason=reason, fallback=fallback
        )
        return None, _warning(path, message)
    try:
        return json.loads(raw), None
    except json.JSONDecodeError as error:
        message = _("not valid JSON: {reason}; {fallback}").format(
            reason=error.msg, fallback=fallback
        )
        return None, _warning(path, message, error.lineno, error.colno)
    except RecursionError:  # nested deeper than Python's stack
        message = _("not valid JSON: nested too deep; {fallback}").format(fallback=fallback)
        return None, _warning(path, message)


def not_expected(path: Path, fallback: str) -> Problem:
    """The warning for a JSON file whose contents are not what it should hold."""
    return _warning(
        path, _("valid JSON, but not what this file holds; {fallback}").format(fallback=fallback)
    )


def write_json(path: Path, data: object) -> str | None:
    """Write ``data`` to ``path`` whole (through a temporary file renamed over it); the
    reason, one line for the user, if it cannot be written (the old file then stays)."""
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.stem}-", suffix=".json"
        )
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, indent=2, ensure_ascii=False)
        os.replace(temporary, path)
    except OSError as error:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        return _("{path}: cannot be written ({reason})").format(
            path=path, reason=error.strerror or error
        )
    return None


def _warning(
    path: Path, message: str, line: int | None = None, column: int | None = None
) -> Problem:
    return Problem(str(path), message, line, column, severity=Severity.WARNING)
