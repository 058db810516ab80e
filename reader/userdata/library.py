"""The library's model: what a row says about a text, and how the rows are filtered and
sorted. Pure Python (no Textual, no SQL), so every rule is tested without a screen.

A :class:`LibraryRecord` is what the store keeps of a text (recorded when it is opened,
or when ``reader add`` copies it in); a :class:`LibraryEntry` is a row as the library
shows it: the record, where it came from (:class:`Origin`) and whether its file is
still there. :func:`visible_entries` is the whole pipeline a keystroke runs: filter by
the folded query (case and accents ignored), then sort by last read or by title.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import PurePath
from typing import Final

from reader.text.fold import fold
from reader.text.i18n import N_, _

__all__ = [
    "COLUMNS",
    "FORMAT_LABELS",
    "LibraryEntry",
    "LibraryRecord",
    "Origin",
    "SortOrder",
    "filter_entries",
    "format_label",
    "human_date",
    "merge_moved",
    "row_cells",
    "row_line",
    "sort_entries",
    "text_widths",
    "visible_entries",
]

FORMAT_LABELS: Final = {
    "markdown": "Markdown",
    "plain": "text",
    "html": "HTML",
    "xhtml": "HTML",
    "epub": "EPUB",
}
"""How a row names each format (:class:`reader.pipeline.formats.TextFormat` values)."""

_SUFFIX_FORMATS: Final = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "plain",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "xhtml",
    ".epub": "epub",
}


@dataclass(frozen=True)
class LibraryRecord:
    """What the store keeps of one text, by path: enough to draw its row without
    opening the file."""

    path: str
    """As in the store's ``texts`` table: an absolute path, or a bundled text's name."""
    title: str
    author: str = ""
    language: str = ""
    format: str = ""
    """A :class:`~reader.pipeline.formats.TextFormat` value; "" when not yet recorded."""
    words: int = 0
    content_hash: str = ""
    percent: int = -1
    """Share read (0–100) when last left; -1 when never read."""
    last_read: str = ""
    """ISO-8601 UTC; "" when never read here."""
    bookmarks: int = 0
    """Bookmarks of this path (counted by the store; not written back)."""


class Origin(StrEnum):
    """Why a text is in the library."""

    BUNDLED = "bundled"
    """Shipped with the reader."""
    ADDED = "added"
    """In the user's texts folder (``reader add``)."""
    OPENED = "opened"
    """Opened from somewhere else: a recent entry, which ``d`` may forget."""


class SortOrder(StrEnum):
    """The two orders of the library."""

    LAST_READ = N_("last read")
    TITLE = N_("title")


@dataclass(frozen=True)
class LibraryEntry:
    """One row of the library."""

    record: LibraryRecord
    origin: Origin
    missing: bool = False
    """The file is gone (moved or deleted): shown greyed, and not opened."""

    @property
    def path(self) -> str:
        return self.record.path

    @property
    def format_label(self) -> str:
        """ "Markdown", "text", "HTML" or "EPUB"."""
        return format_label(self.record.format, self.record.path)

    @property
    def search_key(self) -> str:
        """What the filter looks in: title, author, language, format and file name, folded."""
        record = self.record
        name = PurePath(record.path).name
        return fold(
            " ".join((record.title, record.author, record.language, self.format_label, name))
        )


def format_label(text_format: str, path: str = "") -> str:
    """The format's name in a row; guessed from the file name for a text recorded before
    formats were (schema 4 stores), "" when nothing says."""
    known = text_format or _SUFFIX_FORMATS.get(PurePath(path).suffix.lower(), "")
    return FORMAT_LABELS.get(known, "")


def filter_entries(entries: Iterable[LibraryEntry], query: str) -> list[LibraryEntry]:
    """The entries whose title, author, language, format or file name hold every word
    of ``query``, case and accents ignored ("memorias" finds "Memórias")."""
    words = fold(query).split()
    return [entry for entry in entries if all(word in entry.search_key for word in words)]


def sort_entries(entries: Iterable[LibraryEntry], order: SortOrder) -> list[LibraryEntry]:
    """By last read (most recent first, texts never read after them by title), or by
    title (folded, so "Á" sorts with "A")."""
    by_title = sorted(entries, key=lambda entry: (fold(entry.record.title), entry.path))
    if order is SortOrder.TITLE:
        return by_title
    read = [entry for entry in by_title if entry.record.last_read]
    unread = [entry for entry in by_title if not entry.record.last_read]
    read.sort(key=lambda entry: entry.record.last_read, reverse=True)
    return read + unread


def visible_entries(
    entries: Sequence[LibraryEntry], query: str, order: SortOrder
) -> list[LibraryEntry]:
    """What the library shows for ``query`` in ``order``."""
    return sort_entries(filter_entries(entries, query), order)


def merge_moved(entries: Iterable[LibraryEntry]) -> list[LibraryEntry]:
    """Entries whose file is gone but whose content is another entry's that is there
    (the file moved, as bookmarks are found by their content hash) give way to that
    one, which takes over their reading history when it has none of its own."""
    kept = list(entries)
    present = {
        entry.record.content_hash: index
        for index, entry in enumerate(kept)
        if not entry.missing and entry.record.content_hash
    }
    result: list[LibraryEntry | None] = list(kept)
    for index, entry in enumerate(kept):
        target = present.get(entry.record.content_hash) if entry.missing else None
        if target is None:
            continue
        result[index] = None
        there = result[target]
        if there is not None and entry.record.last_read > there.record.last_read:
            moved = replace(
                there.record,
                percent=entry.record.percent,
                last_read=entry.record.last_read,
                bookmarks=max(there.record.bookmarks, entry.record.bookmarks),
            )
            result[target] = replace(there, record=moved)
    return [entry for entry in result if entry is not None]


def human_date(stamp: str, now: datetime | None = None) -> str:
    """When a text was last read, as a person says it: "just now", "12 min ago",
    "today 09:14", "yesterday", "3 days ago", "12 Mar", "12 Mar 2023"; "never" for ""
    and the stamp itself if it is not a date."""
    if not stamp:
        return _("never")
    try:
        when = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return stamp
    now = now or datetime.now(UTC)
    seconds = (now - when).total_seconds()
    if seconds < 0:
        return when.strftime("%d %b %Y")
    if seconds < 60:
        return _("just now")
    if seconds < 3600:
        minutes = int(seconds // 60)
        return _("{minutes} min ago").format(minutes=minutes)
    days = (now.date() - when.date()).days
    if days == 0:
        return _("today {time}").format(time=f"{when:%H:%M}")
    if days == 1:
        return _("yesterday")
    if days < 7:
        return _("{days} days ago").format(days=days)
    if when.year == now.year:
        return f"{when.day} {when:%b}"
    return f"{when.day} {when:%b %Y}"


COLUMNS: Final = (
    N_("Title"),
    N_("Author"),
    N_("Lang"),
    N_("Format"),
    N_("Read"),
    "◆",
    N_("Last read"),
)
"""The library's columns, in order (:func:`row_cells` gives a row's); ◆ counts the
bookmarks, as it marks them in the text's margin."""
_FIXED_WIDTH: Final = 5 + 8 + 5 + 3 + 11
"""The widest language, format, share, bookmark count and date a row shows."""
_CELL_PADDING: Final = 2 * (len(COLUMNS) - 1) + 1
"""The gaps between columns, and the space before the first."""
_AROUND: Final = 4
"""The list's margins and scroll bar."""


def text_widths(width: int) -> tuple[int, int]:
    """How many characters of title and of author fit in a row ``width`` columns wide
    (two thirds to the title), at least 12 and 6."""
    free = width - _FIXED_WIDTH - _CELL_PADDING - _AROUND
    title = max(12, free * 2 // 3)
    return title, max(6, free - title)


def row_cells(
    entry: LibraryEntry, now: datetime | None = None, widths: tuple[int, int] = (40, 24)
) -> tuple[str, ...]:
    """A row's cells as plain text, one per :data:`COLUMNS`: the title and author cut
    to ``widths``, language, format, share read ("—" never read), bookmark count (""
    none), last read (:func:`human_date`; "missing" for a file that is gone)."""
    record = entry.record
    read = f"{record.percent}%" if record.percent >= 0 else "—"
    last = _("missing") if entry.missing else human_date(record.last_read, now)
    return (
        _cut(record.title or PurePath(record.path).name, widths[0]),
        _cut(record.author, widths[1]),
        _cut(record.language, 5),
        entry.format_label,
        read,
        str(record.bookmarks) if record.bookmarks else "",
        last,
    )


_NARROW_WIDTHS: Final = (5, 8, 5, 3, 11)
"""Language, format, share, bookmarks, last read: as wide as their widest value."""
_RIGHT: Final = frozenset({4, 5})
"""The columns of numbers, set flush right."""


def row_line(cells: Sequence[str], widths: tuple[int, int]) -> str:
    """A row's cells (or :data:`COLUMNS`, for the heading) laid out in columns two
    spaces apart, the title and author ``widths`` wide: one line, every row alike."""
    columns = (*widths, *_NARROW_WIDTHS)
    parts = []
    for index, (cell, width) in enumerate(zip(cells, columns, strict=True)):
        pad = " " * max(0, width - _width(cell))
        parts.append(pad + cell if index in _RIGHT else cell + pad)
    return " " + "  ".join(parts).rstrip()


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: two for wide (East Asian) characters,
    none for combining marks."""
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in text
    )


def _cut(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, with "…" when cut."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
