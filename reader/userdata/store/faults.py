"""Why SQLite cannot use the bookmarks file as it is, said as it is.

SQLite's own messages name the symptom, not the cause: a garbage ``-journal`` beside an
intact file, a full disk and another program's database all end in "disk I/O error",
"attempt to write a readonly database" or "file is not a database". The causes are
looked for here, from the outside and without writing a byte:

* :func:`journal_problem`: a *hot* ``-journal`` (one SQLite would roll back, and then
  delete, as soon as a connection that may write opens the file) is not ours, since our
  files use WAL; it is named, garbage or an unfinished change, and never touched;
* :func:`cause_of_failure`: when SQLite fails to read or write, whether the disk is full,
  the file or its folder may not be written, or the file system is read-only, and
  :func:`failure_message`, the line that says so;
* :func:`wal_is_empty`: whether the main file alone holds every committed change, so it
  can be read without SQLite's shared memory (which a full disk cannot hold).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from typing import Final

from reader.text.i18n import _

__all__ = [
    "cause_of_failure",
    "failure_message",
    "journal_problem",
    "sqlite_error_name",
    "wal_is_empty",
]

_JOURNAL_MAGIC: Final = bytes.fromhex("d9d505f920a163d7")
"""The first bytes of every rollback journal SQLite writes (``aJournalMagic``)."""
_NEARLY_FULL: Final = 1 << 20
"""Free bytes below which a failed write is put down to a full disk."""


def journal_problem(path: Path) -> str:
    """What is wrong with the rollback journal beside ``path``, or "" when there is none
    SQLite would act on.

    SQLite counts a journal as hot when it exists and its first byte is not zero; on the
    next open that may write it plays it back into the file and deletes it, even when it
    is garbage (then it plays back nothing, and deletes it all the same). Our files use
    WAL and never leave one, so whatever is there belongs to something else.
    """
    journal = path.with_name(path.name + "-journal")
    try:
        with open(journal, "rb") as stream:
            head = stream.read(len(_JOURNAL_MAGIC))
    except FileNotFoundError:
        return ""
    except OSError as exc:
        return _("{journal} beside it cannot be read ({reason}); bookmarks are read-only").format(
            journal=journal.name, reason=_reason(exc)
        )
    if not head or head[0] == 0:
        return ""  # not hot: SQLite leaves it alone, and so do we
    if head == _JOURNAL_MAGIC:
        return _(
            "{journal} beside it holds an unfinished change (a program stopped while "
            "writing the file); bookmarks are read-only — opening the file with the sqlite3 "
            "tool rolls the change back"
        ).format(journal=journal.name)
    return _(
        "{journal} beside it is not an SQLite journal (left over, or another "
        "program's), and SQLite would delete it; bookmarks are read-only — move it aside "
        "if you do not need it"
    ).format(journal=journal.name)


def failure_message(
    path: Path, exc: sqlite3.Error | OSError, *, what: str, consequence: str
) -> str:
    """One line for a failure to read or write ``path``: ``what`` ("cannot be written"),
    its cause (:func:`cause_of_failure`) or else SQLite's message, ``consequence``
    ("bookmarks are read-only") and what to do."""
    cause, remedy = cause_of_failure(path)
    if not cause:
        cause = f"({_message(exc)})"
        remedy = _("check the file's permissions or free some disk space")
        return f"{what} {cause}; {consequence} — {remedy}"
    return f"{what}: {cause}; {consequence}" + (f" — {remedy}" if remedy else "")


def cause_of_failure(path: Path) -> tuple[str, str]:
    """Why reading or writing ``path`` may fail, in a few words, and what to do: its file
    system is read-only, the file or its folder may not be written (SQLite keeps its WAL
    and shared memory beside the file), or the disk is full; ("", "") when none is so."""
    folder = path.parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return _("its file system is read-only"), ""
    except (OSError, AttributeError):  # no statvfs (Windows), or no folder
        pass
    if path.exists() and not os.access(path, os.W_OK):
        return _("no permission to write it"), _("check the file's permissions")
    if folder.exists() and not os.access(folder, os.W_OK | os.X_OK):
        return (
            _("no permission to write in its folder {folder}").format(folder=folder),
            _("check the folder's permissions"),
        )
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return "", ""
    if free < _NEARLY_FULL:
        return (
            _("the disk is full ({size} free)").format(size=_size(free)),
            _("free some disk space"),
        )
    return "", ""


def wal_is_empty(path: Path) -> bool:
    """Whether no committed change waits in ``path``'s WAL file (there is none, or it is
    empty), so the main file alone is the whole database."""
    try:
        return path.with_name(path.name + "-wal").stat().st_size == 0
    except FileNotFoundError:
        return True
    except OSError:
        return False


def sqlite_error_name(exc: sqlite3.Error) -> str:
    """SQLite's name for the error (``SQLITE_IOERR_SHMSIZE``), or "" when unknown."""
    return str(getattr(exc, "sqlite_errorname", "") or "")


def _message(exc: sqlite3.Error | OSError) -> str:
    if isinstance(exc, OSError):
        return _reason(exc)
    return " ".join(str(exc).split()) or type(exc).__name__


def _reason(exc: OSError) -> str:
    return (exc.strerror or type(exc).__name__).lower()


def _size(count: int) -> str:
    if count < 1024:
        return f"{count} bytes"
    return f"{count // 1024} KB"
