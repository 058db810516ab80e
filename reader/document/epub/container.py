"""An EPUB's container, read safely: a zip (or an unpacked folder) whose members are
looked at before any is read.

A book is someone else's file, and a zip can lie. Everything is decided from the zip's
central directory before a member is decompressed: too many members, a declared total
that no book needs, a member compressed more than text ever is (a zip bomb: 100 MB of
``<div>`` deflates to a few hundred KB), member names that climb out of the book
(``../``) or start at the root, duplicate names, encrypted members — each refuses the
book in one line. A member is then read only up to its declared size (Python's zipfile
stops there, and a member that decompresses to more fails its CRC), so what the
directory says is what memory holds. Nothing is ever extracted to disk.

An unpacked EPUB folder is read the same way, file by file (regular files only, never
through a link that leaves the folder), and :func:`pack_folder` makes it one stored zip in
memory, members in name order with a fixed date: the same bytes for the same files, so a
folder book has a content hash like a zipped one.
"""

from __future__ import annotations

import io
import os
import posixpath
import stat
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Protocol

from reader.text.errors import ReaderError
from reader.text.i18n import _
from reader.text.sanitize import visible_line

MAX_BOOK_BYTES: Final = 128 * 1024 * 1024
"""A larger .epub file is refused before it is read (illustrated books are a few tens
of MB)."""
MAX_MEMBERS: Final = 20_000
MAX_TOTAL_BYTES: Final = 512 * 1024 * 1024
"""What all members may add up to, uncompressed, as the zip declares them."""
MAX_MEMBER_BYTES: Final = 64 * 1024 * 1024
"""The most one member that is read (a chapter, the package file) may hold: as much as
a text file may (:data:`reader.text.textfile.DEFAULT_MAX_BYTES`)."""
MAX_RATIO: Final = 100
"""Text deflates 3 to 10 times; a member over :data:`RATIO_FLOOR` compressed more than
this is a zip bomb."""
RATIO_FLOOR: Final = 1024 * 1024
"""Members smaller than this may compress as much as they like (a page of spaces)."""

CONTAINER_XML: Final = "META-INF/container.xml"
MIMETYPE: Final = "mimetype"
EPUB_MIMETYPE: Final = b"application/epub+zip"


class Members(Protocol):
    """The files of a book, by their names inside it (``OEBPS/ch1.xhtml``)."""

    name: str
    """How messages name the book."""

    def __contains__(self, member: object) -> bool: ...

    def size(self, member: str) -> int:
        """The member's (declared) size in bytes."""
        ...

    def read(self, member: str) -> bytes:
        """The member's bytes; ReaderError if it cannot be read."""
        ...


def member_problem(book: str, member: str) -> str:
    """How a member is named in messages: ``book.epub/OEBPS/ch1.xhtml``."""
    return visible_line(f"{book}/{member}")


def unsafe_name(member: str) -> bool:
    """A member name that is absolute, climbs out of the book, or holds a NUL or a
    drive: never a book's own file."""
    if not member or "\x00" in member or member.startswith(("/", "\\")):
        return True
    if len(member) > 1 and member[1] == ":":
        return True
    return any(part == ".." for part in member.replace("\\", "/").split("/"))


@dataclass
class ZipMembers:
    """The members of a zipped book, checked as a whole when it is opened."""

    name: str
    data: bytes

    def __post_init__(self) -> None:
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(self.data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
            raise ReaderError(
                self.name,
                _("not a readable EPUB (zip) file ({reason})").format(reason=_reason(exc)),
            ) from None
        infos = self._zip.infolist()
        self._check(infos)
        self._infos = {info.filename: info for info in infos}

    def _check(self, infos: list[zipfile.ZipInfo]) -> None:
        if len(infos) > MAX_MEMBERS:
            raise ReaderError(
                self.name,
                _("{count:,} files in the book; at most {max_members:,}").format(
                    count=len(infos), max_members=MAX_MEMBERS
                ),
            )
        seen: set[str] = set()
        total = 0
        for info in infos:
            member = info.filename
            shown = visible_line(member)
            if unsafe_name(member):
                raise ReaderError(
                    self.name, _("member '{shown}' has a path outside the book").format(shown=shown)
                )
            if member in seen:
                raise ReaderError(
                    self.name, _("member '{shown}' is in the book twice").format(shown=shown)
                )
            seen.add(member)
            if info.flag_bits & 0x1:
                raise ReaderError(self.name, _("member '{shown}' is encrypted").format(shown=shown))
            total += info.file_size
            ratio = info.file_size / max(1, info.compress_size)
            if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
                raise ReaderError(
                    self.name,
                    _(
                        "member '{shown}' would expand {ratio:,.0f} times (to {size}): a zip "
                        "bomb, not a book"
                    ).format(shown=shown, ratio=ratio, size=_size(info.file_size)),
                )
        if total > MAX_TOTAL_BYTES:
            raise ReaderError(
                self.name,
                _("its files would take {size} uncompressed; the limit is {size2}").format(
                    size=_size(total), size2=_size(MAX_TOTAL_BYTES)
                ),
            )

    def __contains__(self, member: object) -> bool:
        return member in self._infos

    def size(self, member: str) -> int:
        return self._infos[member].file_size

    def names(self) -> Iterable[str]:
        """Every member's name, in the zip's order."""
        return self._infos.keys()

    def read(self, member: str) -> bytes:
        where = member_problem(self.name, member)
        info = self._infos.get(member)
        if info is None:
            raise ReaderError(where, _("not in the book"))
        _check_member_size(info.file_size, where)
        try:
            with self._zip.open(info) as stream:
                return stream.read(MAX_MEMBER_BYTES + 1)
        except (zipfile.BadZipFile, NotImplementedError, zlib.error, EOFError, OSError) as exc:
            raise ReaderError(
                where, _("cannot be read ({reason})").format(reason=_reason(exc))
            ) from None
        except RuntimeError as exc:  # encrypted, though its flag did not say so
            raise ReaderError(
                where, _("cannot be read ({reason})").format(reason=_reason(exc))
            ) from None


@dataclass
class FolderMembers:
    """The files of an unpacked book: regular files under ``root``, never through a
    link that leads out of it, each read with the same size limit as a zip member."""

    name: str
    root: Path

    def __post_init__(self) -> None:
        self._real_root = os.path.realpath(self.root)

    def _path(self, member: str) -> str | None:
        if unsafe_name(member):
            return None
        path = os.path.realpath(os.path.join(self._real_root, *member.split("/")))
        if os.path.commonpath([path, self._real_root]) != self._real_root:
            return None
        return path

    def _stat(self, member: str) -> os.stat_result | None:
        path = self._path(member)
        if path is None:
            return None
        try:
            info = os.stat(path)
        except (OSError, ValueError):
            return None
        return info if stat.S_ISREG(info.st_mode) else None

    def __contains__(self, member: object) -> bool:
        return isinstance(member, str) and self._stat(member) is not None

    def size(self, member: str) -> int:
        info = self._stat(member)
        return info.st_size if info is not None else 0

    def read(self, member: str) -> bytes:
        where = member_problem(self.name, member)
        path = self._path(member)
        if path is None:
            raise ReaderError(where, _("has a path outside the book"))
        info = self._stat(member)
        if info is None:
            raise ReaderError(where, _("not in the book (or not a regular file)"))
        _check_member_size(info.st_size, where)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(path, flags)
            with os.fdopen(fd, "rb") as stream:
                if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                    raise ReaderError(where, _("not a regular file"))
                data = stream.read(MAX_MEMBER_BYTES + 1)
        except OSError as exc:
            raise ReaderError(
                where, _("cannot be read ({reason})").format(reason=_reason(exc))
            ) from None
        _check_member_size(len(data), where)
        return data


def pack_folder(members: FolderMembers, wanted: Iterable[str]) -> bytes:
    """The ``wanted`` members of a folder book that exist, as one stored zip (names in
    order, a fixed date): the same files always give the same bytes."""
    buffer = io.BytesIO()
    total = 0
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        if MIMETYPE not in wanted:
            archive.writestr(zipfile.ZipInfo(MIMETYPE, (1980, 1, 1, 0, 0, 0)), EPUB_MIMETYPE)
        for member in sorted(set(wanted)):
            if member not in members:
                continue
            data = members.read(member)
            total += len(data)
            if total > MAX_TOTAL_BYTES:
                raise ReaderError(
                    members.name,
                    _("its files take over {size}; too large").format(size=_size(MAX_TOTAL_BYTES)),
                )
            archive.writestr(zipfile.ZipInfo(member, (1980, 1, 1, 0, 0, 0)), data)
    return buffer.getvalue()


def _check_member_size(size: int, where: str) -> None:
    if size > MAX_MEMBER_BYTES:
        raise ReaderError(
            where,
            _("too large ({size}; a file of a book may hold {size2})").format(
                size=_size(size), size2=_size(MAX_MEMBER_BYTES)
            ),
        )


def check_book_size(size: int, name: str) -> None:
    """Refuse a book file too large to read into memory, before it is read."""
    if size > MAX_BOOK_BYTES:
        raise ReaderError(
            name,
            _("too large ({size}; the limit is {size2})").format(
                size=_size(size), size2=_size(MAX_BOOK_BYTES)
            ),
        )


def folder_member(folder: str, href: str) -> str | None:
    """The member ``href`` (already unquoted, relative to the member folder ``folder``)
    names, or None when it leaves the book."""
    joined = posixpath.normpath(posixpath.join(folder, href)) if href else ""
    if not joined or joined == "." or joined.startswith("../") or joined == "..":
        return None
    return None if unsafe_name(joined) else joined


def _reason(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return visible_line(text[:1].lower() + text[1:])[:200]


def _size(size: int) -> str:
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"
