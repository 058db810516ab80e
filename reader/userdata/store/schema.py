"""Opening the bookmarks file: pragmas, the schema and its migrations, files never to write.

* WAL journal and a 5 s busy timeout, so two readers running at once can both write;
* ``PRAGMA user_version`` is the schema version, brought forward by :data:`MIGRATIONS`
  (each migration in its own transaction, re-checked under the write lock so two
  processes opening an old file at once migrate it once);
* a file that is not a SQLite database, fails ``PRAGMA integrity_check`` or was written by
  a newer reader is opened read-only (or not at all) and never written:
  :func:`open_database` says in one line what is wrong and what to do.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final, TypeVar

from reader.userdata.model import new_uuid

__all__ = [
    "BUSY_TIMEOUT_MS",
    "FILE_NAME",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Opened",
    "open_database",
    "retry_while_locked",
]

FILE_NAME: Final = "bookmarks.sqlite3"
BUSY_TIMEOUT_MS: Final = 5000
_SQLITE_MAGIC: Final = b"SQLite format 3\x00"

_T = TypeVar("_T")


# --- schema ---------------------------------------------------------------------------------


def _migration_1(conn: sqlite3.Connection) -> None:
    """Texts, bookmarks and reading positions."""
    conn.execute(
        """CREATE TABLE texts (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            title TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            UNIQUE (path, title, content_hash)
        )"""
    )
    conn.execute(
        """CREATE TABLE bookmarks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            text_id INTEGER NOT NULL REFERENCES texts (id),
            block_id TEXT NOT NULL,
            anchor_start INTEGER NOT NULL,
            anchor_end INTEGER NOT NULL,
            quote TEXT NOT NULL,
            prefix TEXT NOT NULL,
            suffix TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        )"""
    )
    conn.execute(
        """CREATE TABLE positions (
            text_id INTEGER PRIMARY KEY REFERENCES texts (id),
            block_id TEXT NOT NULL,
            block_offset INTEGER NOT NULL,
            updated TEXT NOT NULL,
            seq INTEGER NOT NULL
        )"""
    )


def _migration_2(conn: sqlite3.Connection) -> None:
    """A UUID per bookmark (export/import identity) and indexes for finding a text's rows."""
    conn.execute("ALTER TABLE bookmarks ADD COLUMN uuid TEXT NOT NULL DEFAULT ''")
    ids = [row[0] for row in conn.execute("SELECT id FROM bookmarks WHERE uuid = ''")]
    conn.executemany("UPDATE bookmarks SET uuid = ? WHERE id = ?", [(new_uuid(), i) for i in ids])
    conn.execute("CREATE UNIQUE INDEX bookmarks_uuid ON bookmarks (uuid)")
    conn.execute("CREATE INDEX bookmarks_text ON bookmarks (text_id)")
    conn.execute("CREATE INDEX texts_hash ON texts (content_hash)")
    conn.execute("CREATE INDEX texts_title ON texts (title)")
    conn.execute("CREATE INDEX positions_seq ON positions (seq)")


def _migration_3(conn: sqlite3.Connection) -> None:
    """Which texts came from an imported file (``texts.imported``): their paths are someone
    else's data, so ``bookmarks list`` does not re-read them until this reader opens or
    bookmarks the text itself. A text with a reading position was opened here, and a bare
    name (a bundled text: no folder in it) points nowhere an import could choose; for any
    other existing text that cannot be proved, so it counts as imported."""
    conn.execute("ALTER TABLE texts ADD COLUMN imported INTEGER NOT NULL DEFAULT 0")
    conn.execute(
        "UPDATE texts SET imported = 1 WHERE id NOT IN (SELECT text_id FROM positions)"
        " AND (instr(path, '/') > 0 OR instr(path, char(92)) > 0)"
    )


MIGRATIONS: Final[tuple[Callable[[sqlite3.Connection], None], ...]] = (
    _migration_1,
    _migration_2,
    _migration_3,
)
"""``MIGRATIONS[n]`` brings a schema from version ``n`` to ``n + 1``."""
SCHEMA_VERSION: Final = len(MIGRATIONS)


# --- opening --------------------------------------------------------------------------------


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


_NOT_A_DATABASE: Final = (
    "not a bookmarks database (damaged, or another kind of file); bookmarks are "
    "read-only — move the file aside to start a new one"
)


def _newer(version: int) -> str:
    return (
        f"written by a newer Rodapé (schema {version}, this one knows {SCHEMA_VERSION}); "
        "bookmarks are read-only until you upgrade"
    )


def open_database(path: Path) -> Opened:
    """Open (creating and migrating it if need be) the bookmarks file at ``path``.

    An existing file is checked first and, when it must stay untouched, opened read-only
    (or not at all); a writable one gets its pragmas and is brought to
    :data:`SCHEMA_VERSION`. Never raises for a bad or unwritable file.
    """
    if path.exists():
        refused = _check_existing(path)
        if refused is not None:
            return refused
    try:
        conn = sqlite3.connect(
            path,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
    except sqlite3.Error as exc:
        return Opened(None, f"cannot open it for writing ({exc}); bookmarks are read-only")
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
        return Opened(
            None,
            f"cannot be written ({exc}); bookmarks are read-only — check the file's "
            "permissions or free some disk space",
        )


def _check_existing(path: Path) -> Opened | None:
    """Check an existing file before writing to it: None when it may be written, else why
    it must stay read-only (with a read-only connection when it is readable)."""
    try:
        with open(path, "rb") as stream:
            header = stream.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        reason = (exc.strerror or type(exc).__name__).lower()
        return Opened(None, f"cannot be read ({reason}); bookmarks are unavailable")
    if not header:
        return None  # an empty file is a new database
    if header != _SQLITE_MAGIC:
        return Opened(None, _NOT_A_DATABASE)
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro",
            uri=True,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
    except sqlite3.Error:
        return Opened(None, _NOT_A_DATABASE)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            return Opened(conn, _newer(version))
        check = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError:
        conn.close()
        return Opened(None, _NOT_A_DATABASE)
    if check != ["ok"]:
        first = " ".join(check[0].split()) if check else "failed"
        return Opened(
            conn,
            f"damaged (integrity check: {first}); bookmarks are read-only — "
            "move the file aside to start a new one",
        )
    conn.close()
    return None


def _migrate(path: Path, conn: sqlite3.Connection) -> Opened:
    """Bring the file to :data:`SCHEMA_VERSION`, one migration per transaction; a file a
    newer reader got to first is left alone and reopened read-only."""
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                conn.execute("ROLLBACK")
                conn.close()
                return Opened(_read_only_connection(path), _newer(version))
            if version == SCHEMA_VERSION:
                conn.execute("COMMIT")
                return Opened(conn)
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def _read_only_connection(path: Path) -> sqlite3.Connection | None:
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro",
            uri=True,
            isolation_level=None,
            check_same_thread=False,
        )
    except sqlite3.Error:
        return None
    conn.row_factory = sqlite3.Row
    return conn


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
