"""Reading a text file the user named, with one clear line for everything that can go wrong.

Users point the reader at all sorts of paths: typos, directories, FIFOs, images, Latin-1
files. Each case must end in a :class:`~reader.text.errors.ReaderError` naming the file (and,
for encoding problems, the line), never a traceback, never a hang. The text that comes back
is UTF-8-decoded, with LF line ends and NFC-normalised, so later stages (search, glossary
matching) can compare strings without caring how the file was saved.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Final, TypeAlias

from reader.text.errors import ReaderError
from reader.text.i18n import N_, _
from reader.text.sanitize import visible_line

__all__ = ["DEFAULT_MAX_BYTES", "Source", "decode_text", "read_text"]

DEFAULT_MAX_BYTES: Final = 64 * 1024 * 1024
"""Larger files are refused: no sensible article is this big, and it bounds memory use."""

_BINARY_MAGIC: Final = (
    b"\x89PNG",
    b"%PDF-",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\x7fELF",
    b"\xff\xd8\xff",
    b"GIF8",
    b"SQLite format 3\x00",
)
"""Starts of common binary formats, recognised even when their first bytes look textual."""

_SNIFF_BYTES: Final = 8192
_MIN_SNIFF_BYTES: Final = 32
"""Fewer bytes are too few to call a file binary by what they hold (its magic aside)."""
_TEXT_CONTROLS: Final = b"\t\n\r\f\x1b"
_CONTROL_BYTES: Final = bytes(range(0x20)) + b"\x7f"
_NOT_CONTROL: Final = bytes(b for b in range(256) if b not in _CONTROL_BYTES or b in _TEXT_CONTROLS)
"""Deleting these from a sample leaves only its suspicious control bytes, counted in C."""

_ICONV_HINT: Final = N_("save it as UTF-8, e.g. iconv -f latin1 -t utf-8")

_OPEN_FLAGS: Final = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
"""O_NONBLOCK so that even a FIFO swapped in after the stat cannot make ``open`` hang."""


def read_text(
    path: Path,
    *,
    display_name: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> str:
    """Return the text of the file at ``path``, decoded and normalised.

    ``display_name`` is how errors name the file (e.g. a bundled text's short name).
    Raises :class:`ReaderError` for anything that is not a readable text file; the name
    in its message is sanitised to one line (a file name may hold ESC or a line break).
    """
    name = visible_line(display_name or str(path))
    data = _read_bytes(Path(path), name, max_bytes)
    return _normalise(_decode(data, name))


def _read_bytes(path: Path, name: str, max_bytes: int) -> bytes:
    """Check what ``path`` is before opening it (a FIFO would block), then read it whole."""
    info = _stat(path, name)
    _check_kind(info.st_mode, name)
    _check_size(info.st_size, max_bytes, name)
    try:
        fd = os.open(path, _OPEN_FLAGS)
        with os.fdopen(fd, "rb") as stream:
            # Re-check on the open file: the path may have been swapped since the stat.
            opened = os.fstat(stream.fileno())
            _check_kind(opened.st_mode, name)
            # Its size and a byte more, not the limit: reading the limit allocates it (64
            # MB for a 650 KB glossary, the peak of a book's load under tracemalloc).
            wanted = min(max_bytes, opened.st_size) + 1
            data = stream.read(wanted)
            if len(data) == wanted and wanted <= max_bytes:  # it grew: on to the limit
                data += stream.read(max_bytes + 1 - wanted)
    except OSError as exc:
        raise ReaderError(name, _os_message(exc)) from None
    _check_size(len(data), max_bytes, name)
    return data


def _stat(path: Path, name: str) -> os.stat_result:
    """``os.stat`` with every failure turned into a one-line ReaderError."""
    try:
        return os.stat(path)
    except OSError as exc:
        raise ReaderError(name, _os_message(exc)) from None
    except ValueError:  # an embedded NUL, or a name the file system cannot encode
        raise ReaderError(name, _("not a valid file name")) from None


def _check_kind(mode: int, name: str) -> None:
    """Refuse directories and special files (FIFOs, devices, sockets) before reading."""
    if stat.S_ISDIR(mode):
        raise ReaderError(name, _("is a directory, not a text file"))
    if not stat.S_ISREG(mode):
        raise ReaderError(name, _("not a regular file"))


def _check_size(size: int, max_bytes: int, name: str) -> None:
    """Refuse files over the limit, saying both sizes in human units."""
    if size > max_bytes:
        limit = _human_size(max_bytes)
        raise ReaderError(
            name,
            _("too large ({human_size}; the limit is {limit})").format(
                human_size=_human_size(size), limit=limit
            ),
        )


def _human_size(size: int) -> str:
    """Sizes like 70.2 MB, 12 KB or 10 bytes: precise enough to compare with the limit."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def _os_message(exc: OSError) -> str:
    """The user-facing wording of an OS error, lower-case-first like all our messages."""
    messages = {
        errno.ENOENT: _("no such file"),
        errno.ENOTDIR: _("no such file"),
        errno.EISDIR: _("is a directory, not a text file"),
        errno.ELOOP: _("too many levels of symbolic links"),
        errno.EACCES: _("permission denied"),
        errno.EPERM: _("permission denied"),
    }
    if exc.errno in messages:
        return messages[exc.errno]
    text = exc.strerror or type(exc).__name__
    return text[:1].lower() + text[1:]


def _decode(data: bytes, name: str) -> str:
    """Turn bytes into text: UTF-16 by its BOM, otherwise UTF-8 once it does not look binary."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        hint = _(_ICONV_HINT).replace("latin1", "utf-32")
        raise ReaderError(name, _("UTF-32 text is not supported; {hint}").format(hint=hint))
    if data.startswith(codecs.BOM_UTF16_LE):
        return _decode_utf16(data[2:], "utf-16-le", name)
    if data.startswith(codecs.BOM_UTF16_BE):
        return _decode_utf16(data[2:], "utf-16-be", name)
    data = data.removeprefix(codecs.BOM_UTF8)
    if _looks_binary(data):
        raise ReaderError(name, _("binary file (not text)"))
    return _decode_utf8(data, name)


def _decode_utf16(data: bytes, encoding: str, name: str) -> str:
    """Decode UTF-16 strictly; the error names the line of the first bad code unit."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        before = data[: exc.start - exc.start % 2].decode(encoding, errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        message = _("not valid UTF-16 ({reason})").format(reason=exc.reason)
        raise ReaderError(name, message, line=line, column=column) from None


def _looks_binary(data: bytes) -> bool:
    """Known binary magic, or a sample mostly made of what no text holds.

    A few NULs or controls never make a file binary, however short: they are stray bytes
    in a text (NUL is shown as U+FFFD, with a warning naming its line), not the zeros of
    a binary format. The judgement is made on the first 8 KiB, and only on more than
    :data:`_MIN_SNIFF_BYTES`: binary when over a third of the sample is NULs and other
    controls, or over a twentieth and the sample is not UTF-8 either (random bytes hold
    about a tenth; a Latin-1 text, none, and is told how to convert itself).
    """
    if data.startswith(_BINARY_MAGIC):
        return True
    sample = data[:_SNIFF_BYTES]
    if len(sample) < _MIN_SNIFF_BYTES:
        return False
    controls = len(sample.translate(None, _NOT_CONTROL))
    if controls * 3 > len(sample):
        return True
    return controls * 20 > len(sample) and not _is_utf8(sample)


def _is_utf8(sample: bytes) -> bool:
    """Whether ``sample`` is UTF-8, but for a character cut at its end."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


_DECLARATION_BYTES: Final = 1024
"""How far a web page's own charset declaration is looked for (the HTML standard's prescan)."""
_DECLARED_CHARSET: Final = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]*?encoding\s*=\s*["']([a-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_WEB_ALIASES: Final = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
}
"""Labels browsers read as windows-1252 (the WHATWG Encoding standard), as pages expect."""


def _declared_encoding(data: bytes) -> str | None:
    """The encoding a saved web page (or XML file) declares near its start, if it is one
    Python knows and not UTF-8 itself: ``<meta charset=...>``, ``<meta http-equiv=
    "Content-Type" content="...; charset=...">`` or ``<?xml ... encoding="...">``."""
    found = _DECLARED_CHARSET.search(data[:_DECLARATION_BYTES])
    if found is None:
        return None
    label = (found.group(1) or found.group(2)).decode("ascii").lower()
    try:
        encoding = codecs.lookup(_WEB_ALIASES.get(label, label)).name
    except LookupError:
        return None
    return None if encoding in ("utf-8", "utf-16", "utf-16-le", "utf-16-be") else encoding


def _decode_utf8(data: bytes, name: str) -> str:
    """Decode UTF-8 strictly; the error says where the first bad byte is and how to fix it.

    Bytes that are not UTF-8 but declare their own encoding (a web page saved in
    windows-1252 or ISO-8859-15 says so in a ``<meta charset>``) are decoded with it: the
    declaration is the page's word, as it is a browser's."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        declared = _declared_encoding(data)
        if declared is not None:
            try:
                return data.decode(declared)
            except UnicodeDecodeError:
                pass
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        message = _("not valid UTF-8 (byte 0x{byte:02X}); {hint}").format(
            byte=data[exc.start], hint=_(_ICONV_HINT)
        )
        raise ReaderError(name, message, line=line, column=column) from None


def _normalise(text: str) -> str:
    """LF line ends and NFC, so searching and glossary matching see one spelling of each."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text)


def decode_text(data: bytes, display_name: str) -> str:
    """Text already read as bytes (standard input), decoded and normalised exactly as
    :func:`read_text` does a file's."""
    return _normalise(_decode(data, visible_line(display_name)))


Source: TypeAlias = str | bytes
"""A text as read: its decoded text (Markdown, plain text, a web page), or a book's
container as bytes (an EPUB's zip; an unpacked EPUB folder packed as one). What is
parsed, and what its content hash is taken of."""


@dataclass(frozen=True)
class TextRef:
    """A text the user asked for: where it is and how to name it in messages."""

    path: Path
    name: str
    from_stdin: bool = False
    """Read from standard input (``reader -``): ``path`` is no file (relative glossaries
    are looked for in the working folder), and the text is known by its content."""
