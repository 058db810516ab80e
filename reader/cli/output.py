"""Where a command's output goes: stdout, or a file named with ``-o`` written whole.

A file is written to a temporary file beside it and renamed over it, so an interrupted
export never leaves half a file where a good one was, and a symlink at that name is
replaced, not followed. Whatever stops the write (a missing folder, no permission, a full
disk, a folder at that name) is one line naming the file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
from pathlib import Path

from reader.text.errors import ReaderError
from reader.text.i18n import _
from reader.text.sanitize import visible_line

__all__ = ["write_file", "write_output"]


def write_output(text: str, path: Path | None) -> None:
    """``text`` to ``path``, or to stdout when ``path`` is None (or ``-``)."""
    if path is None or str(path) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_file(path, text)


def write_file(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` as a whole; raises ReaderError naming it."""
    name = visible_line(str(path))
    if path.is_dir():
        raise ReaderError(name, _("is a folder: name a file to write"))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ReaderError(
            name,
            _("cannot be written: no folder {folder}").format(folder=visible_line(str(folder))),
        )
    temporary = ""
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as error:
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        reason = _("the disk is full") if error.errno == errno.ENOSPC else error.strerror
        raise ReaderError(
            name, _("cannot be written: {reason}").format(reason=reason or error)
        ) from None


def _umask() -> int:
    """The process's umask (read by setting it, then set back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
