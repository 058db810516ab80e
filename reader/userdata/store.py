"""Bookmarks and reading positions in one SQLite file that is never lost or overwritten.

``bookmarks.sqlite3`` in the data folder, written through the standard library's sqlite3:

* WAL journal and a 5 s busy timeout, so two readers running at once can both write;
* every change is one ``BEGIN IMMEDIATE … COMMIT`` transaction, so a process killed
  mid-save loses at most the change it was making;
* ``PRAGMA user_version`` is the schema version, brought forward by :data:`MIGRATIONS`
  (each migration in its own transaction, re-checked under the write lock so two
  processes opening an old file at once migrate it once);
* a file that is not a SQLite database, fails ``PRAGMA integrity_check`` or was written by
  a newer reader is opened read-only (or not at all) and never written: :attr:`read_only`
  is set, :attr:`problem` says in one line what is wrong and what to do, and every write
  raises :class:`StoreReadOnly`.
"""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import threading
import time
import uuid as uuid_module
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Final

from reader.text.errors import Problem, ReaderError
from reader.userdata.datadir import data_dir
from reader.userdata.model import Anchor, Bookmark, TextIdentity, new_uuid, utc_now

__all__ = [
    "FILE_NAME",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "BookmarkNotFound",
    "BookmarkStore",
    "StoreError",
    "StoreReadOnly",
    "open_store",
]

FILE_NAME: Final = "bookmarks.sqlite3"
BUSY_TIMEOUT_MS: Final = 5000
_SQLITE_MAGIC: Final = b"SQLite format 3\x00"


class StoreError(ReaderError):
    """A change could not be saved (disk full, database locked too long…); one line.

    Nothing of the failed change is kept, and everything saved before is intact.
    """


class StoreReadOnly(StoreError):
    """A write to a store opened read-only; the message is the store's :attr:`problem`."""


class BookmarkNotFound(StoreError):
    """No bookmark has the given id (deleted meanwhile, perhaps by another reader)."""


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


MIGRATIONS: Final[tuple[Callable[[sqlite3.Connection], None], ...]] = (
    _migration_1,
    _migration_2,
)
"""``MIGRATIONS[n]`` brings a schema from version ``n`` to ``n + 1``."""
SCHEMA_VERSION: Final = len(MIGRATIONS)


# --- the store ------------------------------------------------------------------------------


def open_store(explicit_dir: Path | None = None) -> BookmarkStore:
    """The store in the data folder (``--data-dir``, ``$READER_DATA_DIR`` or the default)."""
    return BookmarkStore(data_dir(explicit_dir) / FILE_NAME)


_BOOKMARK_COLUMNS: Final = (
    "b.*, t.path AS text_path, t.title AS text_title, t.content_hash AS text_hash"
)
_BOOKMARK_FROM: Final = "bookmarks AS b JOIN texts AS t ON t.id = b.text_id"


class BookmarkStore:
    """Bookmarks and reading positions kept in one SQLite file.

    Safe to share between threads (one connection behind a lock) and between processes
    (SQLite's locking). Reads never raise for a read-only store: they return what can be
    read, possibly nothing.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.read_only = False
        self.problem = ""
        """One line (path, what is wrong, what to do) when the store is read-only, else ""."""
        self._problem_message = ""
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._open()

    # -- opening ---------------------------------------------------------------------------

    def _open(self) -> None:
        if self.path.exists() and not self._checked_existing():
            return
        try:
            conn = sqlite3.connect(
                self.path,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as exc:
            self._go_read_only(f"cannot open it for writing ({exc}); bookmarks are read-only")
            return
        conn.row_factory = sqlite3.Row
        self._conn = conn
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            # Switching to WAL takes an exclusive lock and, unlike other statements, fails
            # at once instead of waiting when another process holds one: retry it.
            _retry_while_locked(lambda: conn.execute("PRAGMA journal_mode = WAL"))
            _retry_while_locked(lambda: self._migrate(conn))
        except sqlite3.DatabaseError as exc:
            conn.close()
            self._conn = None
            self._go_read_only(
                f"cannot be written ({exc}); bookmarks are read-only — check the file's "
                "permissions or free some disk space"
            )

    def _checked_existing(self) -> bool:
        """Check an existing file before writing to it; False when it must stay read-only
        (then :attr:`problem` says why, and a read-only connection is kept if readable)."""
        try:
            with open(self.path, "rb") as stream:
                header = stream.read(len(_SQLITE_MAGIC))
        except OSError as exc:
            reason = (exc.strerror or type(exc).__name__).lower()
            self._go_read_only(f"cannot be read ({reason}); bookmarks are unavailable")
            return False
        if not header:
            return True  # an empty file is a new database
        if header != _SQLITE_MAGIC:
            self._not_a_database()
            return False
        try:
            conn = sqlite3.connect(
                f"{self.path.resolve().as_uri()}?mode=ro",
                uri=True,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error:
            self._not_a_database()
            return False
        conn.row_factory = sqlite3.Row
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                self._conn = conn
                self._newer(version)
                return False
            check = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError:
            conn.close()
            self._not_a_database()
            return False
        if check != ["ok"]:
            self._conn = conn
            first = " ".join(check[0].split()) if check else "failed"
            self._go_read_only(
                f"damaged (integrity check: {first}); bookmarks are read-only — "
                "move the file aside to start a new one"
            )
            return False
        conn.close()
        return True

    def _not_a_database(self) -> None:
        self._go_read_only(
            "not a bookmarks database (damaged, or another kind of file); bookmarks are "
            "read-only — move the file aside to start a new one"
        )

    def _newer(self, version: int) -> None:
        self._go_read_only(
            f"written by a newer Rodapé (schema {version}, this one knows {SCHEMA_VERSION}); "
            "bookmarks are read-only until you upgrade"
        )

    def _go_read_only(self, message: str) -> None:
        self.read_only = True
        self._problem_message = message
        self.problem = str(Problem(str(self.path), message))

    def _migrate(self, conn: sqlite3.Connection) -> None:
        while True:
            conn.execute("BEGIN IMMEDIATE")
            try:
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
                if version > SCHEMA_VERSION:
                    conn.execute("ROLLBACK")
                    conn.close()
                    self._conn = self._read_only_connection()
                    self._newer(version)
                    return
                if version == SCHEMA_VERSION:
                    conn.execute("COMMIT")
                    return
                MIGRATIONS[version](conn)
                conn.execute(f"PRAGMA user_version = {version + 1}")
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    def _read_only_connection(self) -> sqlite3.Connection | None:
        try:
            conn = sqlite3.connect(
                f"{self.path.resolve().as_uri()}?mode=ro",
                uri=True,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error:
            return None
        conn.row_factory = sqlite3.Row
        return conn

    def close(self) -> None:
        """Close the connection; the store cannot be used afterwards."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> BookmarkStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- plumbing --------------------------------------------------------------------------

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: BEGIN IMMEDIATE, the caller's statements, COMMIT.

        Raises StoreReadOnly on a read-only store and StoreError (one line) when SQLite
        fails; the transaction is then rolled back, leaving earlier data as it was.
        """
        if self.read_only:
            raise StoreReadOnly(self.path, self._problem_message)
        with self._lock:
            conn = self._conn
            if conn is None:
                raise StoreError(self.path, "the bookmark store is closed")
            try:
                _retry_while_locked(lambda: conn.execute("BEGIN IMMEDIATE"))
                yield conn
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback(conn)
                raise StoreError(self.path, _save_failure(exc)) from None
            except BaseException:
                self._rollback(conn)
                raise

    @staticmethod
    def _rollback(conn: sqlite3.Connection) -> None:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):  # SQLite may have rolled back already
                conn.execute("ROLLBACK")

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        with self._lock:
            if self._conn is None:
                return []
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                if self.read_only:
                    return []
                raise StoreError(self.path, f"could not read bookmarks ({exc})") from None

    @staticmethod
    def _text_id(conn: sqlite3.Connection, text: TextIdentity) -> int:
        conn.execute(
            "INSERT OR IGNORE INTO texts (path, title, content_hash) VALUES (?, ?, ?)",
            (text.path, text.title, text.content_hash),
        )
        row = conn.execute(
            "SELECT id FROM texts WHERE path = ? AND title = ? AND content_hash = ?",
            (text.path, text.title, text.content_hash),
        ).fetchone()
        return int(row[0])

    @staticmethod
    def _insert(conn: sqlite3.Connection, bookmark: Bookmark, *, keep_id: bool) -> int:
        text_id = BookmarkStore._text_id(conn, bookmark.text)
        anchor = bookmark.anchor
        cursor = conn.execute(
            "INSERT INTO bookmarks (id, text_id, block_id, anchor_start, anchor_end, quote, "
            "prefix, suffix, note, created, updated, uuid) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                bookmark.id if keep_id else None,
                text_id,
                anchor.block_id,
                anchor.start,
                anchor.end,
                anchor.quote,
                anchor.prefix,
                anchor.suffix,
                bookmark.note,
                bookmark.created,
                bookmark.updated,
                bookmark.uuid,
            ),
        )
        return int(cursor.lastrowid or 0)

    def _get(self, conn: sqlite3.Connection, bookmark_id: int) -> Bookmark:
        row = conn.execute(
            f"SELECT {_BOOKMARK_COLUMNS} FROM {_BOOKMARK_FROM} WHERE b.id = ?", (bookmark_id,)
        ).fetchone()
        if row is None:
            raise BookmarkNotFound(self.path, f"no bookmark {bookmark_id}")
        return _bookmark(row)

    # -- bookmarks -------------------------------------------------------------------------

    def add(self, text: TextIdentity, anchor: Anchor, note: str = "") -> Bookmark:
        """Save a new bookmark; returns it with its id."""
        now = utc_now()
        bookmark = Bookmark(0, text, anchor, note, now, now, new_uuid())
        with self._write() as conn:
            new_id = self._insert(conn, bookmark, keep_id=False)
        return Bookmark(new_id, text, anchor, note, now, now, bookmark.uuid)

    def get(self, bookmark_id: int) -> Bookmark | None:
        """The bookmark with this id, or None."""
        rows = self._query(
            f"SELECT {_BOOKMARK_COLUMNS} FROM {_BOOKMARK_FROM} WHERE b.id = ?", (bookmark_id,)
        )
        return _bookmark(rows[0]) if rows else None

    def update_note(self, bookmark_id: int, note: str) -> Bookmark:
        """Replace a bookmark's note; raises BookmarkNotFound if it is gone."""
        with self._write() as conn:
            self._get(conn, bookmark_id)
            conn.execute(
                "UPDATE bookmarks SET note = ?, updated = ? WHERE id = ?",
                (note, utc_now(), bookmark_id),
            )
            return self._get(conn, bookmark_id)

    def update_anchor(self, bookmark_id: int, anchor: Anchor, text: TextIdentity) -> Bookmark:
        """Store where a re-anchored bookmark is now, in the text as it is now."""
        with self._write() as conn:
            self._get(conn, bookmark_id)
            conn.execute(
                "UPDATE bookmarks SET text_id = ?, block_id = ?, anchor_start = ?, "
                "anchor_end = ?, quote = ?, prefix = ?, suffix = ?, updated = ? WHERE id = ?",
                (
                    self._text_id(conn, text),
                    anchor.block_id,
                    anchor.start,
                    anchor.end,
                    anchor.quote,
                    anchor.prefix,
                    anchor.suffix,
                    utc_now(),
                    bookmark_id,
                ),
            )
            return self._get(conn, bookmark_id)

    def delete(self, bookmark_id: int) -> Bookmark:
        """Delete a bookmark and return it, so it can be given back to :meth:`restore`."""
        with self._write() as conn:
            bookmark = self._get(conn, bookmark_id)
            conn.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,))
        return bookmark

    def restore(self, bookmark: Bookmark) -> Bookmark:
        """Undo :meth:`delete`: the bookmark back with its id (if free), uuid and dates.
        A bookmark that is still there (same uuid) is returned as it is."""
        with self._write() as conn:
            row = conn.execute("SELECT id FROM bookmarks WHERE uuid = ?", (bookmark.uuid,))
            existing = row.fetchone()
            if existing is not None:
                return self._get(conn, int(existing[0]))
            taken = conn.execute("SELECT 1 FROM bookmarks WHERE id = ?", (bookmark.id,))
            keep_id = bookmark.id > 0 and taken.fetchone() is None
            new_id = self._insert(conn, bookmark, keep_id=keep_id)
            return self._get(conn, new_id)

    def all(self) -> list[Bookmark]:
        """Every bookmark, oldest first."""
        rows = self._query(f"SELECT {_BOOKMARK_COLUMNS} FROM {_BOOKMARK_FROM} ORDER BY b.id")
        return [_bookmark(row) for row in rows]

    def for_text(self, text: TextIdentity) -> list[Bookmark]:
        """The bookmarks of ``text``, oldest first: those saved on the same content (the
        file moved), the same path (the file edited) or the same title when the file they
        were saved on is gone (moved and edited)."""
        rows = self._query(
            f"SELECT {_BOOKMARK_COLUMNS} FROM {_BOOKMARK_FROM} "
            "WHERE t.content_hash = ? OR t.path = ? OR (t.title = ? AND t.title != '') "
            "ORDER BY b.id",
            (text.content_hash, text.path, text.title),
        )
        return [_bookmark(row) for row in rows if _same_text(row, text)]

    def import_bookmarks(self, bookmarks: Iterable[Bookmark]) -> tuple[int, int]:
        """Merge ``bookmarks`` in one transaction; returns (added, skipped).

        One is skipped when a bookmark with its uuid exists, or one of the same text (same
        content, path or title) with the same quote and note: importing twice adds nothing.
        """
        added = skipped = 0
        with self._write() as conn:
            for bookmark in bookmarks:
                if self._already_there(conn, bookmark):
                    skipped += 1
                else:
                    self._insert(conn, bookmark, keep_id=False)
                    added += 1
        return added, skipped

    @staticmethod
    def _already_there(conn: sqlite3.Connection, bookmark: Bookmark) -> bool:
        same_uuid = conn.execute("SELECT 1 FROM bookmarks WHERE uuid = ?", (bookmark.uuid,))
        if same_uuid.fetchone() is not None:
            return True
        text = bookmark.text
        same = conn.execute(
            f"SELECT 1 FROM {_BOOKMARK_FROM} WHERE b.quote = ? AND b.note = ? AND "
            "((t.content_hash = ? AND t.content_hash != '') OR t.path = ? "
            "OR (t.title = ? AND t.title != ''))",
            (bookmark.anchor.quote, bookmark.note, text.content_hash, text.path, text.title),
        )
        return same.fetchone() is not None

    # -- reading positions -----------------------------------------------------------------

    def save_position(self, text: TextIdentity, block_id: str, offset_in_block: int) -> None:
        """Remember where the reader is in ``text`` (replacing older versions' positions)."""
        with self._write() as conn:
            text_id = self._text_id(conn, text)
            conn.execute(
                "DELETE FROM positions WHERE text_id != ? AND text_id IN "
                "(SELECT id FROM texts WHERE path = ?)",
                (text_id, text.path),
            )
            conn.execute(
                "INSERT OR REPLACE INTO positions (text_id, block_id, block_offset, updated, seq) "
                "VALUES (?, ?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM positions))",
                (text_id, block_id, offset_in_block, utc_now()),
            )
            conn.execute(
                "DELETE FROM texts WHERE id NOT IN (SELECT text_id FROM bookmarks) "
                "AND id NOT IN (SELECT text_id FROM positions)"
            )

    def position(self, text: TextIdentity) -> tuple[str, int] | None:
        """Where the reader left ``text``: (block id, offset in the block), or None.

        The same content is preferred, then the same path, then the same title (of a file
        that is gone); the most recent first.
        """
        rows = self._query(
            "SELECT p.block_id, p.block_offset, t.path AS text_path, t.title AS text_title, "
            "t.content_hash AS text_hash FROM positions AS p JOIN texts AS t ON t.id = p.text_id "
            "WHERE t.content_hash = ? OR t.path = ? OR (t.title = ? AND t.title != '') "
            "ORDER BY p.seq DESC",
            (text.content_hash, text.path, text.title),
        )
        matching = [row for row in rows if _same_text(row, text)]
        if not matching:
            return None
        best = min(
            matching,
            key=lambda row: (row["text_hash"] != text.content_hash, row["text_path"] != text.path),
        )
        return str(best["block_id"]), int(best["block_offset"])

    def last_text(self) -> TextIdentity | None:
        """The text whose position was saved last (what ``reader`` reopens), or None."""
        rows = self._query(
            "SELECT t.path, t.title, t.content_hash FROM positions AS p "
            "JOIN texts AS t ON t.id = p.text_id ORDER BY p.seq DESC LIMIT 1"
        )
        if not rows:
            return None
        row = rows[0]
        return TextIdentity(str(row["path"]), str(row["title"]), str(row["content_hash"]))


def _retry_while_locked(action: Callable[[], object]) -> None:
    """Run ``action``, again and again while SQLite says the database is locked or busy,
    for up to the busy timeout (for the few steps SQLite's own busy handler skips)."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.002
    while True:
        try:
            action()
            return
        except sqlite3.OperationalError as exc:
            message = str(exc).lower()
            locked = "locked" in message or "busy" in message
            if not locked or time.monotonic() + delay > deadline:
                raise
        time.sleep(delay * (0.5 + random.random()))
        delay = min(delay * 2, 0.1)


def _save_failure(exc: sqlite3.Error) -> str:
    reason = " ".join(str(exc).split()) or type(exc).__name__
    return f"could not save ({reason}); nothing was changed and earlier bookmarks are safe"


def _stored_file_gone(path: str) -> bool:
    """True for a text saved by absolute path whose file no longer exists (a bundled
    text's name is never gone)."""
    return os.path.isabs(path) and not os.path.exists(path)


def _same_text(row: sqlite3.Row, text: TextIdentity) -> bool:
    if row["text_hash"] == text.content_hash or row["text_path"] == text.path:
        return True
    return (
        bool(text.title)
        and row["text_title"] == text.title
        and _stored_file_gone(str(row["text_path"]))
    )


def _bookmark(row: sqlite3.Row) -> Bookmark:
    keys = row.keys()
    stored_uuid = str(row["uuid"]) if "uuid" in keys and row["uuid"] else ""
    if not stored_uuid:  # a schema-1 file opened read-only: a stable stand-in
        stored_uuid = str(uuid_module.uuid5(uuid_module.NAMESPACE_URL, f"rodape:{row['id']}"))
    return Bookmark(
        id=int(row["id"]),
        text=TextIdentity(str(row["text_path"]), str(row["text_title"]), str(row["text_hash"])),
        anchor=Anchor(
            block_id=str(row["block_id"]),
            start=int(row["anchor_start"]),
            end=int(row["anchor_end"]),
            quote=str(row["quote"]),
            prefix=str(row["prefix"]),
            suffix=str(row["suffix"]),
        ),
        note=str(row["note"]),
        created=str(row["created"]),
        updated=str(row["updated"]),
        uuid=stored_uuid,
    )
