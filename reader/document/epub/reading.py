"""Reading a book from disk: an ``.epub`` file, or an unpacked EPUB folder, as the bytes
of one zip, checked to be a book that can be opened.

This is the one check made before the reader starts (as
:func:`reader.pipeline.read_source` makes it for a text): the container and package
must be readable and the spine must name a chapter, else one line and exit 2. A folder
book is packed (:func:`~reader.document.epub.container.pack_folder`) with the files a
reader reads (container, package, chapters, nav and NCX), so its bytes, and its content
hash, change when one of them does.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from reader.document.epub.container import (
    CONTAINER_XML,
    FolderMembers,
    ZipMembers,
    check_book_size,
    pack_folder,
)
from reader.document.epub.package import read_package
from reader.text.errors import ReaderError
from reader.text.i18n import _
from reader.text.sanitize import visible_line

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def read_book(path: Path, name: str) -> bytes:
    """The book at ``path`` (a file or a folder) as zip bytes; ReaderError, naming it
    as ``name``, for one that cannot be opened."""
    name = visible_line(name)
    try:
        info = os.stat(path)
    except OSError:
        raise ReaderError(name, _("no such file")) from None
    except ValueError:
        raise ReaderError(name, _("not a valid file name")) from None
    if stat.S_ISDIR(info.st_mode):
        folder = FolderMembers(name, Path(path))
        package = read_package(folder)
        return pack_folder(folder, [CONTAINER_XML, *package.members])
    if not stat.S_ISREG(info.st_mode):
        raise ReaderError(name, _("not a regular file"))
    check_book_size(info.st_size, name)
    try:
        fd = os.open(path, _OPEN_FLAGS)
        with os.fdopen(fd, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                raise ReaderError(name, _("not a regular file"))
            data = stream.read(info.st_size + 1)
    except OSError as exc:
        raise ReaderError(name, (exc.strerror or type(exc).__name__).lower()) from None
    check_book_size(len(data), name)
    read_package(ZipMembers(name, data))
    return data
