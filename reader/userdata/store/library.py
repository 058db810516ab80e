"""The ``library`` table (schema 5): one row per text read, by path, with what the
library's row shows, so drawing the library opens no file.

:func:`record` writes a text's row when it is opened (or copied in by ``reader add``);
a row of the same content whose file is gone is the same text moved here, and gives
way to it (as bookmarks do, :mod:`reader.userdata.moves`). :func:`set_progress` keeps
the share read and the date with each saved position; :func:`rows` lists them with
their bookmark counts in one query; :func:`forget` drops a row, and only the row.
"""

from __future__ import annotations

import sqlite3

from reader.userdata.library import LibraryRecord
from reader.userdata.store.columns import column, text_of
from reader.userdata.store.texts import file_gone

__all__ = ["forget", "record", "rows", "set_progress"]


def record(conn: sqlite3.Connection, entry: LibraryRecord, *, read: bool) -> None:
    """Write ``entry``'s metadata (title, author, language, format, words, content),
    keeping the row's share read and date; ``read`` when the text is being read now
    (its date is then ``entry.last_read``). Rows of the same content whose file is gone
    are the text moved here: their history comes along, and they go."""
    moved = conn.execute(
        "SELECT path, percent, last_read FROM library WHERE content_hash = ? AND path != ? "
        "AND content_hash != '' ORDER BY last_read DESC",
        (column(entry.content_hash), column(entry.path)),
    ).fetchall()
    gone = [row for row in moved if file_gone(text_of(row["path"]))]
    conn.execute(
        "INSERT INTO library (path, title, author, language, format, words, content_hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET title = excluded.title, "
        "author = excluded.author, language = excluded.language, format = excluded.format, "
        "words = excluded.words, content_hash = excluded.content_hash",
        (
            column(entry.path),
            column(entry.title),
            column(entry.author),
            column(entry.language),
            column(entry.format),
            entry.words,
            column(entry.content_hash),
        ),
    )
    if gone:
        earlier = gone[0]
        conn.execute(
            "UPDATE library SET percent = ?, last_read = ? WHERE path = ? AND last_read < ?",
            (earlier["percent"], earlier["last_read"], column(entry.path), earlier["last_read"]),
        )
        conn.executemany("DELETE FROM library WHERE path = ?", [(row["path"],) for row in gone])
    if read:
        conn.execute(
            "UPDATE library SET last_read = ? WHERE path = ?",
            (column(entry.last_read), column(entry.path)),
        )


def set_progress(conn: sqlite3.Connection, path: str, percent: int, now: str) -> None:
    """The share of the text at ``path`` read, as its position was saved ``now``."""
    conn.execute(
        "UPDATE library SET percent = ?, last_read = ? WHERE path = ?",
        (percent, column(now), column(path)),
    )


def rows(conn: sqlite3.Connection) -> list[LibraryRecord]:
    """Every row, with the number of bookmarks saved at its path; one query."""
    found = conn.execute(
        "SELECT l.*, (SELECT count(*) FROM bookmarks AS b JOIN texts AS t ON t.id = b.text_id "
        "WHERE t.path = l.path) AS bookmark_count FROM library AS l"
    ).fetchall()
    return [
        LibraryRecord(
            path=text_of(row["path"]),
            title=text_of(row["title"]),
            author=text_of(row["author"]),
            language=text_of(row["language"]),
            format=text_of(row["format"]),
            words=int(row["words"]),
            content_hash=text_of(row["content_hash"]),
            percent=int(row["percent"]),
            last_read=text_of(row["last_read"]),
            bookmarks=int(row["bookmark_count"]),
        )
        for row in found
    ]


def forget(conn: sqlite3.Connection, path: str) -> bool:
    """Drop the library row of ``path`` (and the text's reading position, so it is no
    longer the text ``reader`` reopens); its bookmarks are kept. Whether there was one."""
    removed = conn.execute("DELETE FROM library WHERE path = ?", (column(path),)).rowcount
    conn.execute(
        "DELETE FROM positions WHERE text_id IN (SELECT id FROM texts WHERE path = ?)",
        (column(path),),
    )
    conn.execute(
        "DELETE FROM texts WHERE path = ? AND id NOT IN (SELECT text_id FROM bookmarks) "
        "AND id NOT IN (SELECT text_id FROM positions)",
        (column(path),),
    )
    return removed > 0
