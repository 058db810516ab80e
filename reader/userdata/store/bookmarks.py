"""The ``bookmarks`` table: rows in and out, as :class:`~reader.userdata.model.Bookmark`.

Plain statements on a connection the caller holds: no locking, no transactions and no
error translation, which :class:`~reader.userdata.store.bookmark_store.BookmarkStore`
adds around them. Timestamps are passed in, so one clock decides them.
"""

from __future__ import annotations

import sqlite3
import uuid as uuid_module
from collections.abc import Iterable
from dataclasses import replace
from typing import Final, NamedTuple

from reader.userdata.model import Bookmark, BookmarkAnchor, TextIdentity, new_uuid
from reader.userdata.store.columns import column, text_of
from reader.userdata.store.texts import same_text, text_id

__all__ = [
    "Merged",
    "every",
    "fetch",
    "for_text",
    "insert",
    "merge",
    "remove",
    "restore",
    "set_anchor",
    "set_note",
]

_BOOKMARK_COLUMNS: Final = (
    "b.*, t.path AS text_path, t.title AS text_title, t.content_hash AS text_hash"
)
_BOOKMARK_FROM: Final = "bookmarks AS b JOIN texts AS t ON t.id = b.text_id"


def fetch(conn: sqlite3.Connection, bookmark_id: int) -> Bookmark | None:
    """The bookmark with this id, or None."""
    row = conn.execute(
        f"SELECT {_BOOKMARK_COLUMNS} FROM {_BOOKMARK_FROM} WHERE b.id = ?", (bookmark_id,)
    ).fetchone()
    return None if row is None else _bookmark(row)


def every(conn: sqlite3.Connection) -> list[Bookmark]:
    """Every bookmark, oldest first."""
    rows = conn.execute(
        f"SELECT {_BOOKMARK_COLUMNS} FROM {_BOOKMARK_FROM} ORDER BY b.id"
    ).fetchall()
    return [_bookmark(row) for row in rows]


def for_text(conn: sqlite3.Connection, text: TextIdentity) -> list[Bookmark]:
    """The bookmarks of ``text`` (see :mod:`~reader.userdata.store.texts`), oldest first."""
    rows = conn.execute(
        f"SELECT {_BOOKMARK_COLUMNS} FROM {_BOOKMARK_FROM} "
        "WHERE t.content_hash = ? OR t.path = ? OR (t.title = ? AND t.title != '') "
        "ORDER BY b.id",
        (column(text.content_hash), column(text.path), column(text.title)),
    ).fetchall()
    return [_bookmark(row) for row in rows if same_text(row, text)]


def insert(conn: sqlite3.Connection, bookmark: Bookmark, *, keep_id: bool, local: bool) -> int:
    """Add ``bookmark`` (under its own id when ``keep_id``, else a new one); its id.
    ``local`` when this reader read its text to make it (see :func:`text_id`)."""
    stored_text = text_id(conn, bookmark.text, local=local)
    anchor = bookmark.anchor
    cursor = conn.execute(
        "INSERT INTO bookmarks (id, text_id, block_id, anchor_start, anchor_end, quote, "
        "prefix, suffix, note, created, updated, uuid) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            bookmark.id if keep_id else None,
            stored_text,
            column(anchor.block_id),
            anchor.start,
            anchor.end,
            column(anchor.quote),
            column(anchor.prefix),
            column(anchor.suffix),
            column(bookmark.note),
            column(bookmark.created),
            column(bookmark.updated),
            column(bookmark.uuid),
        ),
    )
    return int(cursor.lastrowid or 0)


def set_note(conn: sqlite3.Connection, bookmark_id: int, note: str, now: str) -> None:
    """Replace a bookmark's note."""
    conn.execute(
        "UPDATE bookmarks SET note = ?, updated = ? WHERE id = ?",
        (column(note), column(now), bookmark_id),
    )


def set_anchor(
    conn: sqlite3.Connection, bookmark_id: int, anchor: BookmarkAnchor, text: TextIdentity, now: str
) -> None:
    """Move a bookmark to ``anchor`` in ``text`` (the text as it is now, just read here)."""
    conn.execute(
        "UPDATE bookmarks SET text_id = ?, block_id = ?, anchor_start = ?, "
        "anchor_end = ?, quote = ?, prefix = ?, suffix = ?, updated = ? WHERE id = ?",
        (
            text_id(conn, text, local=True),
            column(anchor.block_id),
            anchor.start,
            anchor.end,
            column(anchor.quote),
            column(anchor.prefix),
            column(anchor.suffix),
            column(now),
            bookmark_id,
        ),
    )


def remove(conn: sqlite3.Connection, bookmark_id: int) -> None:
    """Delete a bookmark's row."""
    conn.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,))


def restore(conn: sqlite3.Connection, bookmark: Bookmark) -> int:
    """Put a deleted bookmark back with its id (if free), uuid and dates; its id now.
    A bookmark that is still there (same uuid) is left as it is."""
    row = conn.execute("SELECT id FROM bookmarks WHERE uuid = ?", (column(bookmark.uuid),))
    existing = row.fetchone()
    if existing is not None:
        return int(existing[0])
    taken = conn.execute("SELECT 1 FROM bookmarks WHERE id = ?", (bookmark.id,))
    keep_id = bookmark.id > 0 and taken.fetchone() is None
    return insert(conn, bookmark, keep_id=keep_id, local=False)


class Merged(NamedTuple):
    """What an import did (see :func:`merge`)."""

    added: int
    """Bookmarks added under their own uuid."""
    skipped: int
    """Bookmarks already there: the same uuid and content, or the same content."""
    kept: tuple[int, ...] = ()
    """Ids given to conflicting ones: a stored uuid with other content, kept as new."""


def merge(conn: sqlite3.Connection, bookmarks: Iterable[Bookmark]) -> Merged:
    """Add the ``bookmarks`` that are not there yet.

    One is skipped when a bookmark of the same text (same content, path or title) has its
    quote and note, under its uuid or any other: importing twice adds nothing. One whose
    uuid is stored with other content (the note edited in another copy, a different
    passage) is never dropped: it is kept as a new bookmark, with a new uuid. The texts
    they name are marked imported unless this reader already read them.
    """
    added = skipped = 0
    kept: list[int] = []
    for bookmark in bookmarks:
        stored = _by_uuid(conn, bookmark.uuid)
        if (stored is not None and _same_content(stored, bookmark)) or _twin_exists(conn, bookmark):
            skipped += 1
        elif stored is not None:
            kept.append(
                insert(conn, replace(bookmark, uuid=new_uuid()), keep_id=False, local=False)
            )
        else:
            insert(conn, bookmark, keep_id=False, local=False)
            added += 1
    return Merged(added, skipped, tuple(kept))


def _by_uuid(conn: sqlite3.Connection, uuid: str) -> Bookmark | None:
    row = conn.execute(
        f"SELECT {_BOOKMARK_COLUMNS} FROM {_BOOKMARK_FROM} WHERE b.uuid = ?", (column(uuid),)
    ).fetchone()
    return None if row is None else _bookmark(row)


def _same_content(stored: Bookmark, other: Bookmark) -> bool:
    """The same note on the same quote of the same text (by content, path or title, as
    :func:`_twin_exists` matches texts): where it sits, when it was edited or re-anchored
    and the quote's surroundings may differ without anything being lost."""
    mine, theirs = stored.text, other.text
    same_text = (
        (mine.content_hash == theirs.content_hash and mine.content_hash != "")
        or mine.path == theirs.path
        or (mine.title == theirs.title and mine.title != "")
    )
    return same_text and (stored.anchor.quote, stored.note) == (other.anchor.quote, other.note)


def _twin_exists(conn: sqlite3.Connection, bookmark: Bookmark) -> bool:
    """Whether a bookmark of the same text has this one's quote and note (any uuid)."""
    text = bookmark.text
    same = conn.execute(
        f"SELECT 1 FROM {_BOOKMARK_FROM} WHERE b.quote = ? AND b.note = ? AND "
        "((t.content_hash = ? AND t.content_hash != '') OR t.path = ? "
        "OR (t.title = ? AND t.title != ''))",
        (
            column(bookmark.anchor.quote),
            column(bookmark.note),
            column(text.content_hash),
            column(text.path),
            column(text.title),
        ),
    )
    return same.fetchone() is not None


def _bookmark(row: sqlite3.Row) -> Bookmark:
    keys = row.keys()
    stored_uuid = text_of(row["uuid"]) if "uuid" in keys and row["uuid"] else ""
    if not stored_uuid:  # a schema-1 file opened read-only: a stable stand-in
        stored_uuid = str(uuid_module.uuid5(uuid_module.NAMESPACE_URL, f"rodape:{row['id']}"))
    return Bookmark(
        id=int(row["id"]),
        text=TextIdentity(
            text_of(row["text_path"]), text_of(row["text_title"]), text_of(row["text_hash"])
        ),
        anchor=BookmarkAnchor(
            block_id=text_of(row["block_id"]),
            start=int(row["anchor_start"]),
            end=int(row["anchor_end"]),
            quote=text_of(row["quote"]),
            prefix=text_of(row["prefix"]),
            suffix=text_of(row["suffix"]),
        ),
        note=text_of(row["note"]),
        created=text_of(row["created"]),
        updated=text_of(row["updated"]),
        uuid=stored_uuid,
    )
