"""``reader bookmarks export --format obsidian [-o DIR]``: the notes printed, or written
one file per text into DIR (created if need be), never over somebody else's file (see
:func:`reader.userdata.obsidian.note_file`)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from reader.cli.output import write_file
from reader.text.errors import ReaderError
from reader.text.i18n import _
from reader.text.sanitize import visible, visible_line
from reader.userdata.obsidian import ObsidianNote, note_file

__all__ = ["write_obsidian"]


def write_obsidian(notes: Sequence[ObsidianNote], folder: Path | None) -> None:
    """Print ``notes`` one after another, or write each into ``folder`` and say where."""
    if folder is None:
        sys.stdout.write("\n".join(visible(note.content) for note in notes))
        return
    if folder.exists() and not folder.is_dir():
        raise ReaderError(
            visible_line(str(folder)), _("is not a folder: name a folder for the notes")
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ReaderError(
            visible_line(str(folder)),
            _("cannot be created: {reason}").format(reason=error.strerror or error),
        ) from None
    taken: set[Path] = set()
    for note in notes:
        path = note_file(folder, note, taken)
        write_file(path, note.content)
        print(_("wrote {file}").format(file=visible_line(str(path))))
