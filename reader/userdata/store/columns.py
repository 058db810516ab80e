"""Text in and out of SQLite columns without losing a character Python can hold.

SQLite's text is UTF-8, and Python strings may hold what UTF-8 cannot: a file name with
undecodable bytes (``os.fsdecode(b"caf\\xe9.md")`` gives ``"caf\\udce9.md"``) or a lone
surrogate from imported JSON (``"\\ud800"``). Binding such a string raises
UnicodeEncodeError, a crash. :func:`column` stores it instead as a BLOB of its
``surrogatepass`` encoding, and :func:`text_of` turns that back into the same string: the
round trip is exact, equal strings give equal values (so ``WHERE path = ?`` and the UNIQUE
constraints still hold), and every other string is stored as plain text, as before.
"""

from __future__ import annotations

__all__ = ["column", "text_of"]


def column(text: str) -> str | bytes:
    """``text`` as SQLite can store it: itself, or (when UTF-8 cannot hold it) a BLOB."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")
    return text


def text_of(value: object) -> str:
    """The string :func:`column` was given: a BLOB decoded back, anything else as text."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "surrogatepass")
    return str(value)
