"""The reader's editor: ``$VISUAL``, else ``$EDITOR``, opened at a line where it can be.

Pure: it only builds the command line. The value is split as a shell would split words
(``EDITOR="code --wait"``), never run through a shell, and the file is given by its
absolute path, so a file name can neither start an option ("-rf.md") nor inject a
command.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from pathlib import Path
from typing import Final

from reader.text.i18n import N_, _

PLUS_LINE: Final = frozenset(
    {
        "vi",
        "vim",
        "nvim",
        "gvim",
        "mvim",
        "view",
        "ex",
        "vis",
        "nano",
        "pico",
        "rnano",
        "emacs",
        "emacsclient",
        "micro",
        "kak",
        "joe",
        "jed",
        "mg",
        "ne",
        "jove",
        "zile",
    }
)
"""Editors that take ``+N FILE`` to open FILE at line N."""

COLON_LINE: Final = frozenset({"hx", "helix", "subl", "sublime_text"})
"""Editors that take ``FILE:N``."""

NO_EDITOR: Final = N_(
    "No editor set: set $VISUAL or $EDITOR (e.g. export EDITOR=nano in your shell's "
    "profile), then press e again."
)


class EditorError(ValueError):
    """``$VISUAL``/``$EDITOR`` is not set or cannot be split into words."""


def editor_command(environ: Mapping[str, str], path: Path, line: int) -> list[str]:
    """The command that opens ``path`` at ``line`` in the user's editor.

    Raises :class:`EditorError` with one line saying what to do when no editor is set
    (or its value does not split into words: an unclosed quote).
    """
    for variable in ("VISUAL", "EDITOR"):
        value = environ.get(variable, "").strip()
        if not value:
            continue
        try:
            words = shlex.split(value)
        except ValueError as error:
            raise EditorError(
                _("${variable} cannot be read ({reason}): {value}").format(
                    variable=variable, reason=error, value=repr(value)
                )
            ) from None
        if words:
            return [*words, *_file_at_line(words[0], path.absolute(), max(1, line))]
    raise EditorError(_(NO_EDITOR))


def _file_at_line(program: str, path: Path, line: int) -> list[str]:
    name = Path(program).name.lower().removesuffix(".exe")
    if name in PLUS_LINE:
        return [f"+{line}", str(path)]
    if name in COLON_LINE:
        return [f"{path}:{line}"]
    return [str(path)]


def source_line(lines: tuple[int, int], offset: int, length: int) -> int:
    """The line of the source file at ``offset`` of a block that spans ``lines`` (first
    and last, 1-based) and whose text is ``length`` long: estimated in proportion (a
    block's text joins its source lines with spaces, so offsets and lines do not map
    exactly); 1 for a block without lines (one the reader made: the title, the notes)."""
    first, last = lines
    if first <= 0:
        return 1
    if last <= first or length <= 0:
        return first
    return first + (last - first) * max(0, min(offset, length)) // length
