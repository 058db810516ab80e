"""Bookmarks as Markdown for people: grouped by text, each with the command that reopens
its text at it (``reader PATH --at ID``).

Quotes and notes are plain text (a note is ``text/plain`` in the JSON too), so what
Markdown would read as markup in them is escaped: a quote with ``<b>`` or ``*`` in it
shows those characters, in any Markdown tool.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping, Sequence
from pathlib import Path

from reader.render.markdown_inline import escape_line_start, escape_text
from reader.text.sanitize import visible_line
from reader.userdata.model import AnchorStatus, Bookmark, Resolved

__all__ = ["code_span", "quoted_lines", "reading_order", "reopen_command", "to_markdown"]


def to_markdown(
    items: Sequence[Resolved | Bookmark],
    *,
    data_dir: Path | None = None,
    found_in: Mapping[str, str] | None = None,
) -> str:
    """Bookmarks as Markdown, grouped by text (by title), in reading order within a text.

    Each is its quote as a block quote, then its note, then a line with its section (for
    resolved ones), its status when it is detached, and its date, then the command that
    reopens the text at it (:func:`reopen_command`; ``data_dir`` is the ``--data-dir``
    the export was given, if any; ``found_in`` the path, by bookmark uuid, where a text
    whose file is gone was found). Plain bookmarks (not checked against their text, e.g.
    because the file is gone) come after resolved ones, with no command.
    """
    groups: dict[tuple[str, str], list[Resolved | Bookmark]] = {}
    for item in items:
        text = _bookmark_of(item).text
        groups.setdefault((text.title, text.path), []).append(item)
    lines = ["# Bookmarks", ""]
    if not groups:
        lines += ["(none)", ""]
    for (title, path), members in sorted(groups.items(), key=lambda g: (g[0][0].casefold(), g[0])):
        lines += [f"## {_one_line(title) or path}", "", f"`{_one_line(path)}`", ""]
        for item in sorted(members, key=reading_order):
            lines += _markdown_entry(item, data_dir, found_in or {})
    return "\n".join(lines).rstrip("\n") + "\n"


def reopen_command(
    bookmark: Bookmark, data_dir: Path | None = None, path: str | None = None
) -> str:
    """The shell command that opens the bookmark's text at its passage, one line:
    ``reader PATH --at ID`` (with ``--data-dir``, when the bookmarks are kept in one given
    on the command line). Every word is quoted for the shell as needed; a path that
    starts with ``-`` comes after ``--``, so that it is never read as an option.
    ``path``: where the text is now, when not where it was bookmarked."""
    path = path or bookmark.text.path
    options = ["--at", str(bookmark.id)]
    if data_dir is not None:
        options += ["--data-dir", str(data_dir.absolute())]
    words = ["reader", *options, "--", path] if path.startswith("-") else ["reader", path, *options]
    return visible_line(shlex.join(words))


def code_span(text: str) -> str:
    """``text`` as a Markdown code span, fenced by more backticks than any run inside."""
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return f"{fence}{padded}{fence}"


def quoted_lines(text: str) -> list[str]:
    """Plain text (a quote, a note) as Markdown lines that show it as written: what
    Markdown would read as markup is escaped."""
    return [escape_line_start(escape_text(line)).rstrip() for line in text.strip().splitlines()]


def _bookmark_of(item: Resolved | Bookmark) -> Bookmark:
    return item.bookmark if isinstance(item, Resolved) else item


def reading_order(item: Resolved | Bookmark) -> tuple[bool, int, str, int]:
    """Sort key: resolved bookmarks in the order of their passages, the rest after."""
    start = item.start if isinstance(item, Resolved) else None
    bookmark = _bookmark_of(item)
    return (start is None, start or 0, bookmark.created, bookmark.id)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _markdown_entry(
    item: Resolved | Bookmark, data_dir: Path | None, found_in: Mapping[str, str]
) -> list[str]:
    bookmark = _bookmark_of(item)
    lines = [f"> {line}".rstrip() for line in quoted_lines(bookmark.anchor.quote)]
    lines.append("")
    if bookmark.note.strip():
        lines += [*quoted_lines(bookmark.note), ""]
    details: list[str] = []
    if isinstance(item, Resolved):
        if item.section:
            details.append(_one_line(item.section))
        if item.status is AnchorStatus.DETACHED:
            details.append("detached: not found in the text as it is now")
    details.append(bookmark.created[:10])
    lines += [f"*{' · '.join(details)}*", ""]
    if isinstance(item, Resolved):
        command = reopen_command(bookmark, data_dir, found_in.get(bookmark.uuid))
        lines += [f"Open it: {code_span(command)}", ""]
    return lines
