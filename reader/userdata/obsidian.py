"""Bookmarks as Obsidian notes: one Markdown file per text, for a vault.

Each note has YAML front matter (``title``, ``author`` and ``source`` when the text's own
front matter gives them, ``tags``, and ``rodape-text``: which text it is), then every
bookmark of the text in reading order as a quote callout (``> [!quote] section · date``)
followed by its note and the command that reopens the text at it.

A vault is the user's: an export writes a file only under a name no other file has, or
over a note that this export wrote for the same text (its ``rodape-text`` says so). Any
other file already there keeps its name and its content, and the note takes the next
free name (``Title (2).md``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from reader.document import Metadata
from reader.text.sanitize import visible, visible_line
from reader.userdata.markdown_export import (
    code_span,
    quoted_lines,
    reading_order,
    reopen_command,
)
from reader.userdata.model import AnchorStatus, Bookmark, Resolved

__all__ = ["TAGS", "ObsidianNote", "note_file", "obsidian_notes"]

TAGS = ("rodape", "bookmarks")
"""The tags every note carries, to find them in a vault."""
TEXT_FIELD = "rodape-text"
"""The front matter field naming the text (its path, or a bundled text's name)."""

_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|#^\[\]\x00-\x1f\x7f]+')
_RESERVED = re.compile(r"(?i)(con|prn|aux|nul|com\d|lpt\d)(\..*)?")
_LONGEST_NAME = 120
_HEAD_BYTES = 4096
"""How much of an existing file is read to tell whether it is one of our notes."""


@dataclass(frozen=True)
class ObsidianNote:
    """One text's note: the file name it wants, the text it stands for, and its content."""

    name: str
    text_path: str
    content: str


def obsidian_notes(
    items: Sequence[Resolved | Bookmark],
    about: Mapping[str, Metadata] | None = None,
    data_dir: Path | None = None,
    found_in: Mapping[str, str] | None = None,
) -> list[ObsidianNote]:
    """A note per text of ``items``, by title; ``about`` gives a text's metadata by
    path (author, source), where it was read; ``data_dir`` and ``found_in`` (where a
    text whose file is gone was found, by bookmark uuid) go into the commands."""
    groups: dict[str, list[Resolved | Bookmark]] = {}
    for item in items:
        groups.setdefault(_bookmark_of(item).text.path, []).append(item)
    notes = []
    for path, members in groups.items():
        members.sort(key=reading_order)
        meta = (about or {}).get(path)
        notes.append(_note(path, members, meta, data_dir, found_in or {}))
    notes.sort(key=lambda note: (note.name.casefold(), note.text_path))
    return notes


def note_file(folder: Path, note: ObsidianNote, taken: set[Path]) -> Path:
    """Where ``note`` goes in ``folder``: its name, or the first ``name (N).md`` that is
    free — not written in this export (``taken``), and no file of somebody else's."""
    stem = note.name.removesuffix(".md")
    number = 1
    while True:
        candidate = folder / (f"{stem}.md" if number == 1 else f"{stem} ({number}).md")
        if candidate not in taken and _free_for(candidate, note.text_path):
            taken.add(candidate)
            return candidate
        number += 1


def _free_for(path: Path, text_path: str) -> bool:
    """Whether ``path`` may be written for the text at ``text_path``: nothing is there, or
    a regular file this export wrote for that same text."""
    if not path.exists() and not path.is_symlink():
        return True
    if path.is_symlink() or not path.is_file():
        return False
    try:
        with path.open("rb") as file:
            head = file.read(_HEAD_BYTES).decode("utf-8", "replace")
    except OSError:
        return False
    front = head.split("\n---\n", 1)[0] if head.startswith("---\n") else ""
    try:
        fields = yaml.safe_load(front.removeprefix("---\n")) if front else None
    except yaml.YAMLError:
        return False
    return isinstance(fields, dict) and fields.get(TEXT_FIELD) == visible_line(text_path)


def _bookmark_of(item: Resolved | Bookmark) -> Bookmark:
    return item.bookmark if isinstance(item, Resolved) else item


def _note(
    path: str,
    members: Sequence[Resolved | Bookmark],
    meta: Metadata | None,
    data_dir: Path | None,
    found_in: Mapping[str, str],
) -> ObsidianNote:
    title = visible_line((meta.title if meta else "") or _bookmark_of(members[0]).text.title)
    fields: dict[str, object] = {"title": title or visible_line(path)}
    if meta is not None and meta.author:
        fields["author"] = visible_line(meta.author)
    if meta is not None and meta.source:
        fields["source"] = visible_line(meta.source)
    fields["tags"] = list(TAGS)
    fields[TEXT_FIELD] = visible_line(path)
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000)
    lines = ["---", *front.splitlines(), "---", ""]
    lines += [f"# {' '.join(quoted_lines(str(fields['title']))) or path}", ""]
    for item in members:
        lines += _callout(item, data_dir, found_in)
    return ObsidianNote(_file_name(str(fields["title"])), path, "\n".join(lines).rstrip() + "\n")


def _callout(
    item: Resolved | Bookmark, data_dir: Path | None, found_in: Mapping[str, str]
) -> list[str]:
    bookmark = _bookmark_of(item)
    details: list[str] = []
    if isinstance(item, Resolved):
        if item.section:
            details.append(" ".join(item.section.split()))
        if item.status is AnchorStatus.DETACHED:
            details.append("detached")
    details.append(bookmark.created[:10])
    heading = " ".join(quoted_lines(" · ".join(details)))
    lines = [f"> [!quote] {heading}"]
    lines += [f"> {line}".rstrip() for line in quoted_lines(bookmark.anchor.quote)]
    lines.append("")
    if bookmark.note.strip():
        lines += [*quoted_lines(bookmark.note), ""]
    if isinstance(item, Resolved):
        command = reopen_command(bookmark, data_dir, found_in.get(bookmark.uuid))
        lines += [f"Open it: {code_span(command)}", ""]
    return lines


def _file_name(title: str) -> str:
    """A file name for a note titled ``title`` that every system accepts."""
    name = " ".join(_NOT_IN_NAMES.sub(" ", visible(title)).split()).strip(". ")
    name = name[:_LONGEST_NAME].rstrip(". ") or "Bookmarks"
    if _RESERVED.fullmatch(name):
        name = f"{name} (bookmarks)"
    return f"{name}.md"
