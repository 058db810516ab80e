"""Opening the bookmarks file for writing: pragmas, migrations, and every way it may fail.

* an existing file is first checked by :func:`~reader.userdata.store.inspection.check_existing`
  through a connection that writes nothing: only a file that is provably ours (and
  healthy) gets a connection that may write;
* WAL journal and a 5 s busy timeout, so two readers running at once can both write;
* :data:`~reader.userdata.store.schema.MIGRATIONS` bring it to the current schema, each
  in its own transaction, with the version and the ownership re-checked under the write
  lock (two processes opening an old file at once migrate it once, and a migration never
  runs on a file that is not ours);
* when writing fails (a full disk, a folder that may not be written) the file is
  reopened read-only, and :attr:`Opened.problem` says what is wrong and what to do.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from reader.text.i18n import _
from reader.userdata.store import schema
from reader.userdata.store.faults import failure_message, journal_problem
from reader.userdata.store.inspection import (
    BUSY_TIMEOUT_MS,
    Opened,
    check_existing,
    connect_read_only,
    examine,
    newer_problem,
    read_only_fallback,
)

__all__ = ["Opened", "open_database", "retry_while_locked"]

_T = TypeVar("_T")


def open_database(path: Path) -> Opened:
    """Open (creating and migrating it if need be) the bookmarks file at ``path``.

    An existing file is checked first and, when it must stay untouched, opened read-only
    (or not at all); a writable one gets its pragmas and is brought to
    :data:`~reader.userdata.store.schema.SCHEMA_VERSION`. Never raises for a bad or
    unwritable file.
    """
    if path.exists():
        refused = check_existing(path)
        if refused is not None:
            return refused
    elif journal_problem(path):  # creating the file would delete the journal
        return Opened(None, journal_problem(path))
    try:
        conn = sqlite3.connect(
            path,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
    except sqlite3.Error as exc:
        return _unwritable(path, exc)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        # Switching to WAL takes an exclusive lock and, unlike other statements, fails
        # at once instead of waiting when another process holds one: retry it.
        retry_while_locked(lambda: conn.execute("PRAGMA journal_mode = WAL"))
        return retry_while_locked(lambda: _migrate(path, conn))
    except sqlite3.DatabaseError as exc:
        conn.close()
        return _unwritable(path, exc)


def _unwritable(path: Path, exc: sqlite3.Error) -> Opened:
    """The file could not be opened for writing: say why, and read what can be read."""
    problem = failure_message(
        path, exc, what=_("cannot be written"), consequence=_("bookmarks are read-only")
    )
    try:
        empty = path.stat().st_size == 0
    except OSError:
        empty = True
    if empty:
        return Opened(None, problem)
    return read_only_fallback(path, problem)


def _migrate(path: Path, conn: sqlite3.Connection) -> Opened:
    """Bring the file to the current schema, one migration per transaction; a file that
    turns out not to be ours is left alone (nothing written), and one a newer reader got
    to first is reopened read-only."""
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            found = examine(conn)
            if not found.ours:
                conn.execute("ROLLBACK")
                conn.close()
                return Opened(None, found.foreign_problem())
            if found.version > schema.SCHEMA_VERSION:
                conn.execute("ROLLBACK")
                conn.close()
                return Opened(_read_only_connection(path), newer_problem(found.version))
            if found.version == schema.SCHEMA_VERSION:
                conn.execute("COMMIT")
                return Opened(conn)
            schema.MIGRATIONS[found.version](conn)
            conn.execute(f"PRAGMA user_version = {found.version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def _read_only_connection(path: Path) -> sqlite3.Connection | None:
    try:
        return connect_read_only(path)
    except sqlite3.Error:
        return None


def retry_while_locked(action: Callable[[], _T]) -> _T:
    """Run ``action``, again and again while SQLite says the database is locked or busy,
    for up to the busy timeout (for the few steps SQLite's own busy handler skips)."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.002
    while True:
        try:
            return action()
        except sqlite3.OperationalError as exc:
            message = str(exc).lower()
            locked = "locked" in message or "busy" in message
            if not locked or time.monotonic() + delay > deadline:
                raise
        time.sleep(delay * (0.5 + random.random()))
        delay = min(delay * 2, 0.1)
