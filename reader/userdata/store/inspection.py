"""What an existing bookmarks file is, found through a connection that writes nothing.

Before anything may write to the file (even SQLite switching its header to WAL, or
rolling back a journal), :func:`check_existing` glances at the main file with
``immutable=1`` (which reads it and nothing else, and sets up nothing beside it), then
opens it with ``mode=ro`` (or, when a hot journal is beside it or SQLite cannot set up its
shared memory, ``immutable=1`` again) and decides:

* ours (:data:`~reader.userdata.store.schema.APPLICATION_ID`, or an older store's exact
  tables, or an empty database) and healthy: it may be written;
* another application's database: left alone, and said so with its application id and
  tables; bookmarks are unavailable;
* ours but read-only: a hot journal beside it, a disk or folder it cannot be written on,
  a newer schema, a failed integrity check; what can be read is read.

The read-only connection that goes with a read-only answer is :class:`Opened`'s.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from reader.text.i18n import N_, _
from reader.text.sanitize import visible_line
from reader.userdata.store import schema
from reader.userdata.store.faults import (
    failure_message,
    journal_problem,
    sqlite_error_name,
    wal_is_empty,
)

__all__ = [
    "BUSY_TIMEOUT_MS",
    "Found",
    "Opened",
    "check_existing",
    "connect_read_only",
    "examine",
    "newer_problem",
    "read_only_fallback",
]

BUSY_TIMEOUT_MS: Final = 5000
_SQLITE_MAGIC: Final = b"SQLite format 3\x00"
_TABLES_NAMED: Final = 6
"""Most table names a foreign database's problem lists."""

NOT_A_DATABASE: Final = N_(
    "not a bookmarks database (damaged, or another kind of file); bookmarks are "
    "read-only — move the file aside to start a new one"
)


@dataclass(frozen=True)
class Opened:
    """What opening the file gave: a connection, and why it must not be written, if so."""

    conn: sqlite3.Connection | None
    """Writable, read-only (``problem`` set) or None when nothing can be read."""
    problem: str = ""
    """What is wrong and what to do, in one line without the path; "" when writable."""

    @property
    def read_only(self) -> bool:
        """True when the file must not be written (then :attr:`problem` says why)."""
        return bool(self.problem)


@dataclass(frozen=True)
class Found:
    """What a database says it is: its application id, schema version and tables."""

    application_id: int
    version: int
    tables: schema.Tables

    @property
    def ours(self) -> bool:
        """Whether this is provably a bookmarks file of ours, which may be migrated and
        written: it carries our application id; or it is from before the id (id 0, an
        older schema) and has exactly that schema's tables and columns; or it is an empty
        database (no tables, nothing to lose: a new file another reader began)."""
        if self.application_id == schema.APPLICATION_ID:
            return True
        if self.application_id != 0:
            return False
        if self.version == 0:
            return not self.tables
        return self.version < schema.APPLICATION_ID_SINCE and dict(self.tables) == (
            schema.tables_at(self.version)
        )

    def foreign_problem(self) -> str:
        """The one line that says what the file is, when it is not ours."""
        names = [visible_line(name) for name in self.tables]
        listed = ", ".join(names[:_TABLES_NAMED]) or _("none")
        if len(names) > _TABLES_NAMED:
            listed += "… " + _("({count} in all)").format(count=len(names))
        return _(
            "an SQLite database of another application (application id "
            "0x{id:08x}, tables: {tables}); Rodapé leaves it "
            "alone, and bookmarks are unavailable — move it, or keep bookmarks elsewhere "
            "with --data-dir"
        ).format(id=self.application_id & 0xFFFFFFFF, tables=listed)


def examine(conn: sqlite3.Connection) -> Found:
    """Read what the database on ``conn`` says it is (raises sqlite3.Error if it cannot)."""
    application_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    return Found(application_id, version, schema.tables_of(conn))


def newer_problem(version: int) -> str:
    """The problem of a file written by a newer reader."""
    return _(
        "written by a newer Rodapé (schema {version}, this one knows {known}); "
        "bookmarks are read-only until you upgrade"
    ).format(version=version, known=schema.SCHEMA_VERSION)


def connect_read_only(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    """A connection that cannot write ``path``; with ``immutable`` one that reads only
    the main file (no journal, no WAL, no shared memory, no locks)."""
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    conn = sqlite3.connect(
        f"{path.resolve().as_uri()}?{flags}",
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=False,
    )
    conn.row_factory = sqlite3.Row
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def check_existing(path: Path) -> Opened | None:
    """Check an existing file before anything writes to it: None when it is ours and may
    be written, else why not (with a read-only connection when it can be read and is
    ours)."""
    try:
        with open(path, "rb") as stream:
            header = stream.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        reason = (exc.strerror or type(exc).__name__).lower()
        message = _("cannot be read ({reason}); bookmarks are unavailable").format(reason=reason)
        return Opened(None, message)
    if not header:  # an empty file is a new database, unless SQLite would delete a journal
        journal = journal_problem(path)
        return Opened(None, journal) if journal else None
    if header != _SQLITE_MAGIC:
        return Opened(None, _(NOT_A_DATABASE))
    glance = _glance(path)
    if glance is not None and not glance.ours:
        return Opened(None, glance.foreign_problem())
    journal = journal_problem(path)
    opened = _read(path, immutable=bool(journal))
    if isinstance(opened, Opened):
        return opened
    conn, found, problem = opened
    if not found.ours:
        conn.close()
        return Opened(None, found.foreign_problem())
    if journal or problem:
        return Opened(conn, journal or problem)
    if found.version > schema.SCHEMA_VERSION:
        return Opened(conn, newer_problem(found.version))
    damage = _damage(conn)
    if damage:
        return Opened(conn, damage)
    conn.close()
    return None


def _glance(path: Path) -> Found | None:
    """What the main file says it is, read with ``immutable=1``: no locks, and none of
    the files SQLite sets up beside a database it reads (the shared memory and WAL of a
    WAL database), so another application's file is recognised without a trace. It may
    miss changes still in a WAL (then :func:`_read` looks again); None when the file
    cannot be read that way."""
    conn: sqlite3.Connection | None = None
    try:
        conn = connect_read_only(path, immutable=True)
        return examine(conn)
    except sqlite3.Error:
        return None
    finally:
        if conn is not None:
            conn.close()


def read_only_fallback(path: Path, problem: str) -> Opened:
    """The file opened read-only after it could not be written (``problem`` says why):
    whatever can still be read of it."""
    opened = _read(path, immutable=bool(journal_problem(path)))
    if isinstance(opened, Opened):
        return Opened(opened.conn, problem)
    conn, found, _ = opened
    if not found.ours:
        conn.close()
        return Opened(None, found.foreign_problem())
    return Opened(conn, problem)


def _read(path: Path, *, immutable: bool) -> tuple[sqlite3.Connection, Found, str] | Opened:
    """A read-only connection and what the file says it is, with the problem that makes it
    read-only ("" for none found yet); or, when it cannot be read, the reason.

    When SQLite cannot set up a WAL read (a full disk cannot hold the shared memory file,
    a folder that may not be written cannot get one), the main file is read on its own,
    provided no committed change waits in the WAL.
    """
    try:
        conn = connect_read_only(path, immutable=immutable)
    except sqlite3.Error as exc:
        return Opened(None, _unreadable(path, exc))
    try:
        return conn, examine(conn), ""
    except sqlite3.Error as exc:
        conn.close()
        if _is_damage(exc):
            return Opened(None, _(NOT_A_DATABASE))
        failure = exc
    if immutable or not wal_is_empty(path):
        return Opened(None, _unreadable(path, failure))
    fallback: sqlite3.Connection | None = None
    try:
        fallback = connect_read_only(path, immutable=True)
        found = examine(fallback)
    except sqlite3.Error:
        if fallback is not None:
            fallback.close()
        return Opened(None, _unreadable(path, failure))
    problem = failure_message(
        path, failure, what=_("cannot be written"), consequence=_("bookmarks are read-only")
    )
    return fallback, found, problem


def _unreadable(path: Path, exc: sqlite3.Error) -> str:
    if _is_damage(exc):
        return _(NOT_A_DATABASE)
    return failure_message(
        path, exc, what=_("cannot be read"), consequence=_("bookmarks are unavailable")
    )


def _is_damage(exc: sqlite3.Error) -> bool:
    return sqlite_error_name(exc).startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT"))


def _damage(conn: sqlite3.Connection) -> str:
    """What ``PRAGMA integrity_check`` found wrong, as the store's problem; "" if nothing."""
    try:
        check = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.Error as exc:
        check = [str(exc)]
    if check == ["ok"]:
        return ""
    first = " ".join(check[0].split()) if check else _("failed")
    return _(
        "damaged (integrity check: {result}); bookmarks are read-only — "
        "move the file aside to start a new one"
    ).format(result=first)
