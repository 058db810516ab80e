"""The bookmark store as callers see it: one object, one lock, one transaction per change.

:class:`BookmarkStore` opens the file through :mod:`~reader.userdata.store.opening` and
runs the statements of :mod:`~reader.userdata.store.bookmarks`,
:mod:`~reader.userdata.store.positions` and :mod:`~reader.userdata.store.texts` under its
lock:

* every change is one ``BEGIN IMMEDIATE … COMMIT`` transaction, so a process killed
  mid-save loses at most the change it was making, and a failed one is rolled back;
* a store opened read-only refuses every write with :class:`StoreReadOnly`, and its
  reads return what can be read, possibly nothing.

Timestamps come from :func:`utc_now` as this module sees it (tests patch it here).
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from reader.text.errors import Problem
from reader.text.i18n import _
from reader.userdata.datadir import data_dir
from reader.userdata.library import LibraryRecord
from reader.userdata.model import Bookmark, BookmarkAnchor, TextIdentity, new_uuid, utc_now
from reader.userdata.store import bookmarks as bookmark_rows
from reader.userdata.store import library as library_rows
from reader.userdata.store import positions as position_rows
from reader.userdata.store import texts as text_rows
from reader.userdata.store.bookmarks import Merged
from reader.userdata.store.errors import BookmarkNotFound, StoreError, StoreReadOnly
from reader.userdata.store.opening import open_database, retry_while_locked
from reader.userdata.store.schema import FILE_NAME

__all__ = ["BookmarkStore", "open_store"]

_T = TypeVar("_T")


def open_store(explicit_dir: Path | None = None) -> BookmarkStore:
    """The store in the data folder (``--data-dir``, ``$READER_DATA_DIR`` or the default)."""
    return BookmarkStore(data_dir(explicit_dir) / FILE_NAME)


class BookmarkStore:
    """Bookmarks and reading positions kept in one SQLite file.

    Safe to share between threads (one connection behind a lock) and between processes
    (SQLite's locking). Reads never raise for a read-only store: they return what can be
    read, possibly nothing.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        opened = open_database(self.path)
        self._conn: sqlite3.Connection | None = opened.conn
        self.read_only = opened.read_only
        self._problem_message = opened.problem
        self.problem = str(Problem(str(self.path), opened.problem)) if opened.read_only else ""
        """One line (path, what is wrong, what to do) when the store is read-only, else ""."""

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
                retry_while_locked(lambda: conn.execute("BEGIN IMMEDIATE"))
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

    def _read(self, read: Callable[[sqlite3.Connection], _T], nothing: _T) -> _T:
        """``read`` under the lock; ``nothing`` when there is no connection or a read-only
        store cannot be read, StoreError (one line) when a writable one cannot."""
        with self._lock:
            if self._conn is None:
                return nothing
            try:
                return read(self._conn)
            except sqlite3.Error as exc:
                if self.read_only:
                    return nothing
                message = _("could not read bookmarks ({reason})").format(reason=exc)
                raise StoreError(self.path, message) from None

    def _existing(self, conn: sqlite3.Connection, bookmark_id: int) -> Bookmark:
        bookmark = bookmark_rows.fetch(conn, bookmark_id)
        if bookmark is None:
            raise BookmarkNotFound(self.path, _("no bookmark {id}").format(id=bookmark_id))
        return bookmark

    # -- bookmarks -------------------------------------------------------------------------

    def add(self, text: TextIdentity, anchor: BookmarkAnchor, note: str = "") -> Bookmark:
        """Save a new bookmark on ``text``, which the caller has just read; returns it with
        its id."""
        now = utc_now()
        bookmark = Bookmark(0, text, anchor, note, now, now, new_uuid())
        with self._write() as conn:
            new_id = bookmark_rows.insert(conn, bookmark, keep_id=False, local=True)
        return Bookmark(new_id, text, anchor, note, now, now, bookmark.uuid)

    def get(self, bookmark_id: int) -> Bookmark | None:
        """The bookmark with this id, or None."""
        return self._read(lambda conn: bookmark_rows.fetch(conn, bookmark_id), None)

    def update_note(self, bookmark_id: int, note: str) -> Bookmark:
        """Replace a bookmark's note; raises BookmarkNotFound if it is gone."""
        with self._write() as conn:
            self._existing(conn, bookmark_id)
            bookmark_rows.set_note(conn, bookmark_id, note, utc_now())
            return self._existing(conn, bookmark_id)

    def update_anchor(
        self, bookmark_id: int, anchor: BookmarkAnchor, text: TextIdentity
    ) -> Bookmark:
        """Store where a re-anchored bookmark is now, in the text as it is now."""
        with self._write() as conn:
            self._existing(conn, bookmark_id)
            bookmark_rows.set_anchor(conn, bookmark_id, anchor, text, utc_now())
            return self._existing(conn, bookmark_id)

    def delete(self, bookmark_id: int) -> Bookmark:
        """Delete a bookmark and return it, so it can be given back to :meth:`restore`."""
        with self._write() as conn:
            bookmark = self._existing(conn, bookmark_id)
            bookmark_rows.remove(conn, bookmark_id)
        return bookmark

    def restore(self, bookmark: Bookmark) -> Bookmark:
        """Undo :meth:`delete`: the bookmark back with its id (if free), uuid and dates.
        A bookmark that is still there (same uuid) is returned as it is."""
        with self._write() as conn:
            return self._existing(conn, bookmark_rows.restore(conn, bookmark))

    def all(self) -> list[Bookmark]:
        """Every bookmark, oldest first."""
        return self._read(bookmark_rows.every, [])

    def for_text(self, text: TextIdentity) -> list[Bookmark]:
        """The bookmarks of ``text``, oldest first: those saved on the same content (the
        file moved), the same path (the file edited) or the same title when the file they
        were saved on is gone (moved and edited)."""
        return self._read(lambda conn: bookmark_rows.for_text(conn, text), [])

    def repoint(
        self, text: TextIdentity, changes: Iterable[tuple[int, BookmarkAnchor | None]]
    ) -> None:
        """Hang bookmarks off ``text``, which the caller has just read and found them in
        (it moved, or changed where it is): each (id, anchor) gets the anchor where the
        passage is now, or keeps its own with None. One transaction; a bookmark deleted
        meanwhile is skipped."""
        with self._write() as conn:
            now = utc_now()
            for bookmark_id, anchor in changes:
                if anchor is None:
                    text_rows.repoint(conn, bookmark_id, text)
                else:
                    bookmark_rows.set_anchor(conn, bookmark_id, anchor, text, now)

    def knows(self, text: TextIdentity) -> bool:
        """Whether the store has met ``text`` before: a stored text has its path or its
        content (False when the store cannot say)."""
        return self._read(lambda conn: text_rows.has_text(conn, text), False)

    def known_texts(self) -> list[TextIdentity]:
        """Every text this reader read itself (see :meth:`is_known`), newest first: the
        only paths it may read again on its own."""
        return self._read(text_rows.known_texts, [])

    def import_bookmarks(self, bookmarks: Iterable[Bookmark]) -> Merged:
        """Merge ``bookmarks`` in one transaction; returns (added, skipped, kept ids).

        One is skipped when a bookmark of the same text (same content, path or title) has
        the same quote and note: importing twice adds nothing. One whose uuid is stored
        with other content is kept as a new bookmark (its id in ``kept``), never dropped.
        The texts they name stay unread (see :meth:`is_known`) until read here.
        """
        with self._write() as conn:
            return bookmark_rows.merge(conn, bookmarks)

    def is_known(self, text: TextIdentity) -> bool:
        """Whether this reader itself read a text at ``text``'s path (opened it, saved a
        position or a bookmark in it), so that path may be read again on its own.

        False for a path that only came from an imported file: it is someone else's data
        (``~/.bashrc``, ``/dev/stdin``), never opened unless the user names it. False too
        when the store cannot say (a read-only file of an older schema).
        """
        return self._read(lambda conn: text_rows.is_known(conn, text.path), False)

    # -- reading positions -----------------------------------------------------------------

    def save_position(
        self, text: TextIdentity, block_id: str, offset_in_block: int, percent: int | None = None
    ) -> None:
        """Remember where the reader is in ``text`` (replacing older versions' positions);
        with ``percent``, the share read, for the library's row."""
        with self._write() as conn:
            now = utc_now()
            position_rows.save_position(conn, text, block_id, offset_in_block, now)
            if percent is not None:
                library_rows.set_progress(conn, text.path, percent, now)

    def position(self, text: TextIdentity) -> tuple[str, int] | None:
        """Where the reader left ``text``: (block id, offset in the block), or None.

        The same content is preferred, then the same path, then the same title (of a file
        that is gone); the most recent first.
        """
        return self._read(lambda conn: position_rows.position(conn, text), None)

    def last_text(self) -> TextIdentity | None:
        """The text whose position was saved last (what ``reader`` reopens), or None."""
        return self._read(position_rows.last_text, None)

    # -- the library -----------------------------------------------------------------------

    def record_text(self, entry: LibraryRecord, *, read: bool = True) -> None:
        """Keep what the library shows of a text just opened (``read``: now) or copied into
        the texts folder (not read yet); see :func:`~reader.userdata.store.library.record`."""
        if read:
            entry = replace(entry, last_read=utc_now())
        with self._write() as conn:
            library_rows.record(conn, entry, read=read)

    def library(self) -> list[LibraryRecord]:
        """Every text of the library, with its bookmark count (nothing when unreadable)."""
        return self._read(_library_rows, [])

    def forget_text(self, path: str) -> bool:
        """Drop a text from the library and its reading position; its bookmarks stay.
        Whether it was there."""
        with self._write() as conn:
            return library_rows.forget(conn, path)


def _library_rows(conn: sqlite3.Connection) -> list[LibraryRecord]:
    """The library's rows; none from a read-only store of an older schema (no table)."""
    try:
        return library_rows.rows(conn)
    except sqlite3.OperationalError:
        return []


def _save_failure(exc: sqlite3.Error) -> str:
    reason = " ".join(str(exc).split()) or type(exc).__name__
    return _(
        "could not save ({reason}); nothing was changed and earlier bookmarks are safe"
    ).format(reason=reason)
