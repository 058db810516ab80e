"""A book's chapters: which files of the spine are read, in what order, and each one
decoded and parsed.

The spine's linear items come first, in order, then its non-linear ones (notes, answer
keys: a link can still lead there); a file listed twice is read once. A spine item that
is not XHTML (an SVG page, an image) and names no XHTML fallback is left out with a
warning, as is one that is missing from the book; an HTML chapter that is not well-formed
XML is read by the HTML parser. A chapter is decoded by its BOM or XML declaration (UTF-8
by default; bytes that are not are shown as U+FFFD, with a warning), normalised like every
text (LF line ends, NFC), and parsed by :func:`reader.document.html.parse_markup`.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from lxml import etree

from reader.document.epub.container import Members, member_problem
from reader.document.epub.package import Package
from reader.document.html import parse_markup
from reader.document.html.names import local_name
from reader.text.errors import Problem, ReaderError, Severity
from reader.text.i18n import _

_DECLARED: Final = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']""")


@dataclass(frozen=True)
class ChapterFile:
    """A file of the reading order, and how messages name it."""

    member: str
    where: str


@dataclass(frozen=True)
class Chapter:
    """A chapter parsed: its file in the book and its tree."""

    member: str
    root: etree._Element
    size: int
    """Its size in bytes (how much of the book it is)."""


def reading_order(package: Package, members: Members) -> tuple[list[ChapterFile], list[Problem]]:
    """The chapter files to read, in order, and warnings for the spine items left out."""
    files: list[ChapterFile] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    entries = [e for e in package.spine if e.linear] + [e for e in package.spine if not e.linear]
    for entry in entries:
        item = package.chapter(entry)
        if entry.item is None:
            problems.append(
                _warning(
                    members.name, f"the spine names '{entry.idref}', which is no file of the book"
                )
            )
            continue
        where = member_problem(members.name, entry.item.member)
        if item is None:
            problems.append(
                _warning(where, f"is {entry.item.media_type or 'of no type'}, not XHTML: left out")
            )
            continue
        if item.member in seen:
            continue
        seen.add(item.member)
        where = member_problem(members.name, item.member)
        if item.member not in members:
            problems.append(_warning(where, "is in the spine but not in the book: left out"))
            continue
        files.append(ChapterFile(item.member, where))
    return files, problems


def read_chapters(
    files: list[ChapterFile], members: Members, problems: list[Problem]
) -> Iterator[Chapter]:
    """Each file read and parsed; one that cannot be is a warning in ``problems``."""
    for file in files:
        try:
            data = members.read(file.member)
        except ReaderError as error:
            problems.extend(replace_severity(error.problems))
            continue
        text, problem = decode_chapter(data, file.where)
        if problem is not None:
            problems.append(problem)
        if text is None:
            continue
        parsed = parse_markup(text, file.where, xml=True)
        problems.extend(parsed.problems)
        yield Chapter(file.member, parsed.root, len(data))


def replace_severity(found: tuple[Problem, ...]) -> list[Problem]:
    """Errors of one chapter, as warnings of the book (the rest of it is shown)."""
    return [Problem(p.path, p.message, p.line, p.column, Severity.WARNING) for p in found]


def decode_chapter(data: bytes, where: str) -> tuple[str | None, Problem | None]:
    """The chapter's text, and a warning if it had to be mended (or, with no text,
    why it is left out)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _normalise(data.decode("utf-16", "replace")), None
    data = data.removeprefix(codecs.BOM_UTF8)
    if b"\x00" in data[:1024] and data[:1024].count(b"\x00") > 64:
        return None, _warning(where, "is not text (a binary file?): left out")
    declared = _DECLARED.match(data[:200])
    encoding = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    try:
        codecs.lookup(encoding)
    except LookupError:
        encoding = "utf-8"
    try:
        return _normalise(data.decode(encoding)), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problem = Problem(
            where,
            _("not valid {upper} (byte 0x{data:02X}); shown with �").format(
                upper=encoding.upper(), data=data[exc.start]
            ),
            line,
            severity=Severity.WARNING,
        )
        return _normalise(data.decode(encoding, "replace")), problem


def _normalise(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _warning(where: str, message: str) -> Problem:
    return Problem(where, message, severity=Severity.WARNING)


def body_of(root: etree._Element) -> etree._Element:
    """The chapter's ``<body>`` (its root if it has none)."""
    return next((e for e in root if local_name(e) == "body"), root)
