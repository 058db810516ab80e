"""The bookmarks file's schema: its tables, its versions and the mark that makes it ours.

* ``PRAGMA user_version`` is the schema version, brought forward by :data:`MIGRATIONS`
  (run by :mod:`~reader.userdata.store.opening`, each in its own transaction);
* ``PRAGMA application_id`` is :data:`APPLICATION_ID` from schema 4 on: set by the
  migration every new file goes through and every older store of ours is brought
  through, it tells our file from another application's SQLite database;
* a store from before the id (schema 1 to 3, id 0) is recognised by its tables:
  :func:`tables_at` gives the tables and columns each version has, replayed from the
  migrations themselves, so the two can never disagree.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from typing import Final

from reader.userdata.model import new_uuid

__all__ = [
    "APPLICATION_ID",
    "APPLICATION_ID_SINCE",
    "FILE_NAME",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Tables",
    "tables_at",
    "tables_of",
]

FILE_NAME: Final = "bookmarks.sqlite3"
APPLICATION_ID: Final = 0x52445042
"""``PRAGMA application_id`` of a bookmarks file: "RDPB", Rodapé bookmarks."""
APPLICATION_ID_SINCE: Final = 4
"""The first schema version whose files carry :data:`APPLICATION_ID`."""

Tables = Mapping[str, tuple[str, ...]]
"""A database's own tables by name, each with its column names in order."""


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


def _migration_4(conn: sqlite3.Connection) -> None:
    """The application id: from now on the file says it is ours, and a file that says
    otherwise (or nothing, at this version or later) is never written."""
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _migration_5(conn: sqlite3.Connection) -> None:
    """The library: one row per text read (by path), with what its rows show (title,
    author, language, format, word count, share read, when last read), recorded when the
    text is opened so the library never parses a file to draw itself. Texts already read
    here (local rows with a reading position, not from standard input) are listed at
    once, with what the store knows of them: title, content and when they were read."""
    conn.execute(
        """CREATE TABLE library (
            path TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            author TEXT NOT NULL DEFAULT '',
            language TEXT NOT NULL DEFAULT '',
            format TEXT NOT NULL DEFAULT '',
            words INTEGER NOT NULL DEFAULT 0,
            content_hash TEXT NOT NULL DEFAULT '',
            percent INTEGER NOT NULL DEFAULT -1,
            last_read TEXT NOT NULL DEFAULT ''
        )"""
    )
    conn.execute("CREATE INDEX library_hash ON library (content_hash)")
    conn.execute(
        "INSERT OR IGNORE INTO library (path, title, content_hash, last_read) "
        "SELECT t.path, t.title, t.content_hash, p.updated FROM texts AS t "
        "JOIN positions AS p ON p.text_id = t.id "
        "WHERE t.imported = 0 AND substr(t.path, 1, 6) != 'stdin:' ORDER BY p.seq"
    )


MIGRATIONS: Final[tuple[Callable[[sqlite3.Connection], None], ...]] = (
    _migration_1,
    _migration_2,
    _migration_3,
    _migration_4,
    _migration_5,
)
"""``MIGRATIONS[n]`` brings a schema from version ``n`` to ``n + 1``."""
SCHEMA_VERSION: Final = len(MIGRATIONS)


# --- recognising the schema -----------------------------------------------------------------


def tables_of(conn: sqlite3.Connection) -> Tables:
    """The tables of the database on ``conn`` and their columns; SQLite's own tables
    (``sqlite_sequence``, ``sqlite_stat1``…) are left out. Only reads."""
    names = [
        str(row[0])
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' "
            "ESCAPE '!' ORDER BY name"
        )
    ]
    return {name: _columns(conn, name) for name in names}


def _columns(conn: sqlite3.Connection, table: str) -> tuple[str, ...]:
    """The column names of ``table``; none for one SQLite cannot describe (a virtual
    table of a module this SQLite lacks: another application's, then)."""
    try:
        rows = conn.execute("SELECT name FROM pragma_table_info(?)", (table,)).fetchall()
    except sqlite3.OperationalError:
        return ()
    return tuple(str(row[0]) for row in rows)


def tables_at(version: int) -> Tables:
    """The tables (and columns) a bookmarks file has at schema ``version``: the
    migrations up to it, replayed on an empty database in memory."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for migration in MIGRATIONS[:version]:
            migration(conn)
        return tables_of(conn)
    finally:
        conn.close()
