"""The ``texts`` table: which stored texts count as the text being read.

Bookmarks and reading positions hang off a row of ``texts`` (path, title, content hash).
A stored text is the same text when it has the same content (the file moved), the same
path (the file was edited) or the same title while the file it was saved on is gone
(moved and edited). The SQL that finds candidates asks for any of the three; the
title case is then narrowed by :func:`same_text`, which needs the file system.
"""

from __future__ import annotations

import os
import sqlite3

from reader.userdata.model import TextIdentity
from reader.userdata.store.columns import column, text_of

__all__ = ["same_text", "text_id"]


def text_id(conn: sqlite3.Connection, text: TextIdentity) -> int:
    """The row id of ``text`` in ``texts``, adding the row if it is new."""
    conn.execute(
        "INSERT OR IGNORE INTO texts (path, title, content_hash) VALUES (?, ?, ?)",
        (column(text.path), column(text.title), column(text.content_hash)),
    )
    row = conn.execute(
        "SELECT id FROM texts WHERE path = ? AND title = ? AND content_hash = ?",
        (column(text.path), column(text.title), column(text.content_hash)),
    ).fetchone()
    return int(row[0])


def same_text(row: sqlite3.Row, text: TextIdentity) -> bool:
    """Whether a row with ``text_path``, ``text_title`` and ``text_hash`` columns is
    ``text``: same content, same path, or same title of a file that is gone."""
    stored_path = text_of(row["text_path"])
    if text_of(row["text_hash"]) == text.content_hash or stored_path == text.path:
        return True
    return (
        bool(text.title)
        and text_of(row["text_title"]) == text.title
        and _stored_file_gone(stored_path)
    )


def _stored_file_gone(path: str) -> bool:
    """True for a text saved by absolute path whose file no longer exists (a bundled
    text's name is never gone)."""
    return os.path.isabs(path) and not os.path.exists(path)
