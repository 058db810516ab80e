"""The ``texts`` table: which stored texts count as the text being read.

Bookmarks and reading positions hang off a row of ``texts`` (path, title, content hash).
A stored text is the same text when it has the same content (the file moved), the same
path (the file was edited) or the same title while the file it was saved on is gone
(moved and edited). The SQL that finds candidates asks for any of the three; the
title case is then narrowed by :func:`same_text`, which needs the file system.

A row also says whether its text came from an imported file (``imported``): a path
someone else wrote is data, not a file this reader may open on its own. Rows written by
this reader for a text it read (a bookmark added, a position saved, a bookmark
re-anchored or moved to where its text is now) are local; :func:`is_known` says whether
a path was ever read that way, :func:`known_texts` lists them.

When a text turns out to have moved (:mod:`reader.userdata.moves` decides),
:func:`repoint` hangs its bookmarks off the row of the text as it is now.
"""

from __future__ import annotations

import os
import sqlite3

from reader.userdata.model import TextIdentity, is_stdin_identity
from reader.userdata.store.columns import column, text_of

__all__ = [
    "file_gone",
    "has_text",
    "is_known",
    "known_texts",
    "repoint",
    "same_text",
    "text_id",
]


def text_id(conn: sqlite3.Connection, text: TextIdentity, *, local: bool) -> int:
    """The row id of ``text`` in ``texts``, adding the row if it is new.

    ``local`` when this reader has just read the text itself: the row is then marked
    local. Otherwise (an imported bookmark, one given back by undo) a new row is marked
    imported and an existing one keeps its mark.
    """
    key = (column(text.path), column(text.title), column(text.content_hash))
    conn.execute(
        "INSERT OR IGNORE INTO texts (path, title, content_hash, imported) VALUES (?, ?, ?, ?)",
        (*key, 0 if local else 1),
    )
    if local:
        conn.execute(
            "UPDATE texts SET imported = 0 WHERE path = ? AND title = ? AND content_hash = ? "
            "AND imported != 0",
            key,
        )
    row = conn.execute(
        "SELECT id FROM texts WHERE path = ? AND title = ? AND content_hash = ?", key
    ).fetchone()
    return int(row[0])


def is_known(conn: sqlite3.Connection, path: str) -> bool:
    """Whether this reader itself read a text at ``path`` (any version of it): a local
    row with that path exists."""
    row = conn.execute(
        "SELECT 1 FROM texts WHERE path = ? AND imported = 0 LIMIT 1", (column(path),)
    ).fetchone()
    return row is not None


def has_text(conn: sqlite3.Connection, text: TextIdentity) -> bool:
    """Whether any row (local or imported, with bookmarks or only a position) has
    ``text``'s path or its content: the store has met this text before."""
    row = conn.execute(
        "SELECT 1 FROM texts WHERE path = ? OR content_hash = ? LIMIT 1",
        (column(text.path), column(text.content_hash)),
    ).fetchone()
    return row is not None


def known_texts(conn: sqlite3.Connection) -> list[TextIdentity]:
    """Every text this reader read itself (local rows), the most recently added first."""
    rows = conn.execute(
        "SELECT path, title, content_hash FROM texts WHERE imported = 0 ORDER BY id DESC"
    ).fetchall()
    return [TextIdentity(text_of(row[0]), text_of(row[1]), text_of(row[2])) for row in rows]


def repoint(conn: sqlite3.Connection, bookmark_id: int, text: TextIdentity) -> None:
    """Hang a bookmark off ``text`` (the text as it is now, just read here), its anchor
    and dates unchanged."""
    conn.execute(
        "UPDATE bookmarks SET text_id = ? WHERE id = ?",
        (text_id(conn, text, local=True), bookmark_id),
    )


def same_text(row: sqlite3.Row, text: TextIdentity) -> bool:
    """Whether a row with ``text_path``, ``text_title`` and ``text_hash`` columns is
    ``text``: same content, same path, or same title of a file that is gone."""
    stored_path = text_of(row["text_path"])
    if text_of(row["text_hash"]) == text.content_hash or stored_path == text.path:
        return True
    return bool(text.title) and text_of(row["text_title"]) == text.title and file_gone(stored_path)


def file_gone(path: str) -> bool:
    """True for a text saved by absolute path whose file no longer exists (a bundled
    text's name is never gone), and for a text read from standard input, which is never
    there to be read again: a text of the same title is then taken for it (an article
    piped in again after it was edited). Only asks the file system whether the path
    exists: a path from an imported file is never opened."""
    return is_stdin_identity(path) or (os.path.isabs(path) and not os.path.lexists(path))
