"""The ``positions`` table: where the reader left each text, and which text was read last.

One position per stored text, numbered by ``seq`` (one more than the highest so far), so
the most recent is known even when two were saved within the same second. Saving a
text's position drops the positions of its older versions (same path) and any text row
nothing refers to any more. Plain statements on a connection the caller holds, like
:mod:`~reader.userdata.store.bookmarks`.
"""

from __future__ import annotations

import sqlite3

from reader.userdata.model import TextIdentity
from reader.userdata.store.columns import column, text_of
from reader.userdata.store.texts import same_text, text_id

__all__ = ["last_text", "position", "save_position"]


def save_position(
    conn: sqlite3.Connection, text: TextIdentity, block_id: str, offset_in_block: int, now: str
) -> None:
    """Remember where the reader is in ``text`` (replacing older versions' positions)."""
    stored_text = text_id(conn, text, local=True)
    conn.execute(
        "DELETE FROM positions WHERE text_id != ? AND text_id IN "
        "(SELECT id FROM texts WHERE path = ?)",
        (stored_text, column(text.path)),
    )
    conn.execute(
        "INSERT OR REPLACE INTO positions (text_id, block_id, block_offset, updated, seq) "
        "VALUES (?, ?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM positions))",
        (stored_text, column(block_id), offset_in_block, column(now)),
    )
    conn.execute(
        "DELETE FROM texts WHERE id NOT IN (SELECT text_id FROM bookmarks) "
        "AND id NOT IN (SELECT text_id FROM positions)"
    )


def position(conn: sqlite3.Connection, text: TextIdentity) -> tuple[str, int] | None:
    """Where the reader left ``text``: (block id, offset in the block), or None.

    The same content is preferred, then the same path, then the same title (of a file
    that is gone); the most recent first.
    """
    rows = conn.execute(
        "SELECT p.block_id, p.block_offset, t.path AS text_path, t.title AS text_title, "
        "t.content_hash AS text_hash FROM positions AS p JOIN texts AS t ON t.id = p.text_id "
        "WHERE t.content_hash = ? OR t.path = ? OR (t.title = ? AND t.title != '') "
        "ORDER BY p.seq DESC",
        (column(text.content_hash), column(text.path), column(text.title)),
    ).fetchall()
    matching = [row for row in rows if same_text(row, text)]
    if not matching:
        return None
    best = min(
        matching,
        key=lambda row: (
            text_of(row["text_hash"]) != text.content_hash,
            text_of(row["text_path"]) != text.path,
        ),
    )
    return text_of(best["block_id"]), int(best["block_offset"])


def last_text(conn: sqlite3.Connection) -> TextIdentity | None:
    """The text whose position was saved last, or None."""
    rows = conn.execute(
        "SELECT t.path, t.title, t.content_hash FROM positions AS p "
        "JOIN texts AS t ON t.id = p.text_id ORDER BY p.seq DESC LIMIT 1"
    ).fetchall()
    if not rows:
        return None
    row = rows[0]
    return TextIdentity(text_of(row["path"]), text_of(row["title"]), text_of(row["content_hash"]))
