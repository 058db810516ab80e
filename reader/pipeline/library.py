"""Every text the reader knows, gathered for the library, and ``reader add``.

Three sources, one list of :class:`~reader.userdata.library.LibraryEntry`:

* the bundled texts;
* the user's texts folder (``texts/`` in the data folder), where ``reader add`` copies
  files;
* every text opened before, as the store's ``library`` table recorded it.

Drawing the library reads the store and asks the file system whether each path still
exists; it parses nothing. A text is described (title, author, language, format, word
count) when it is opened (:func:`record_opened`, from the loader) or added; a bundled
text or a file dropped into the texts folder by hand that has no row yet is described
once, the first time the library meets it, and recorded so it is not again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from reader.document import Document
from reader.index.progress import ReadingProgress
from reader.pipeline.formats import SUFFIXES, TextFormat, parse_source, text_format
from reader.pipeline.open import read_source, resolve_text
from reader.text.errors import ReaderError
from reader.text.i18n import _
from reader.text.resources import texts_dir
from reader.text.sanitize import visible_line
from reader.text.textfile import Source, TextRef
from reader.userdata import BookmarkStore, StoreError, TextIdentity, text_identity
from reader.userdata.library import LibraryEntry, LibraryRecord, Origin, merge_moved
from reader.userdata.model import is_stdin_identity

__all__ = [
    "TEXTS_FOLDER",
    "Added",
    "add_text",
    "describe",
    "gather",
    "record_opened",
    "texts_folder",
]

TEXTS_FOLDER: Final = "texts"
"""The user's texts folder, inside the data folder."""
_BUNDLED_SUFFIXES: Final = (".md", ".txt")


def texts_folder(data: Path) -> Path:
    """Where ``reader add`` copies texts: ``texts/`` in the data folder ``data``."""
    return data / TEXTS_FOLDER


def describe(
    ref: TextRef,
    source: Source | None,
    document: Document,
    identity: TextIdentity | None = None,
    words: int | None = None,
    found_format: TextFormat | None = None,
) -> LibraryRecord:
    """What the library shows of a text just parsed (its path as the store names it);
    ``identity``, ``words`` and ``found_format`` when the caller has them already (a long
    text's hash and word count are not computed twice, and a load that let go of its
    source gives them all: ``source`` is then None)."""
    if identity is None or found_format is None:
        if source is None:
            raise ValueError("describe: a text's source, or its identity and format")
        identity = identity or text_identity(ref, source, document.meta.title)
        found_format = found_format or text_format(ref, source)
    meta = document.meta
    return LibraryRecord(
        path=identity.path,
        title=meta.title,
        author=meta.author or "",
        language="" if meta.language == "und" else meta.language,
        format=found_format.value,
        words=ReadingProgress(document).words if words is None else words,
        content_hash=identity.content_hash,
    )


def record_opened(
    store: BookmarkStore | None,
    ref: TextRef,
    source: Source | None,
    document: Document,
    identity: TextIdentity | None = None,
    words: int | None = None,
    found_format: TextFormat | None = None,
) -> None:
    """Keep the row of a text being opened (not one from standard input, which cannot
    be opened again). A store that cannot be written keeps nothing, and says so
    elsewhere: the text opens all the same."""
    if store is None or store.read_only or ref.from_stdin:
        return
    entry = describe(ref, source, document, identity, words, found_format)
    if is_stdin_identity(entry.path):
        return
    with contextlib.suppress(StoreError):
        store.record_text(entry)


def gather(store: BookmarkStore | None, data: Path | None) -> list[LibraryEntry]:
    """Every text the reader knows, each once; moved files found by their content.
    With no data folder (nothing kept between sessions), the bundled texts."""
    records = {record.path: record for record in store.library()} if store is not None else {}
    entries: list[LibraryEntry] = []
    for path, key in _bundled():
        entries.append(LibraryEntry(_known(store, records, key, path), Origin.BUNDLED))
    for path in _folder_texts(texts_folder(data)) if data is not None else []:
        key = str(path.resolve())
        entries.append(LibraryEntry(_known(store, records, key, path), Origin.ADDED))
    for record in records.values():
        entries.append(LibraryEntry(record, Origin.OPENED, missing=_missing(record.path)))
    return merge_moved(entries)


def _bundled() -> list[tuple[Path, str]]:
    folder = texts_dir()
    if not folder.is_dir():
        return []
    return [
        (path, path.stem)
        for path in sorted(folder.iterdir())
        if path.suffix.lower() in _BUNDLED_SUFFIXES and path.is_file()
    ]


def _folder_texts(folder: Path) -> list[Path]:
    """The texts in the user's texts folder (what the reader opens, by suffix)."""
    try:
        found = sorted(folder.iterdir())
    except OSError:
        return []
    return [
        path for path in found if path.suffix.lower() in SUFFIXES and not path.name.startswith(".")
    ]


def _known(
    store: BookmarkStore | None, records: dict[str, LibraryRecord], key: str, path: Path
) -> LibraryRecord:
    """The row of a text the library lists whether or not it was read: the stored one,
    else described now (once: it is recorded) or, if it cannot be read, its name."""
    record = records.pop(key, None)
    if record is not None and record.format:
        return record
    try:
        ref = TextRef(path, key if key == path.stem else str(path))
        source = read_source(ref)
        described = describe(ref, source, parse_source(source, ref))
    except ReaderError:
        return record or LibraryRecord(key, path.name)
    if record is not None:
        described = replace(
            described,
            percent=record.percent,
            last_read=record.last_read,
            bookmarks=record.bookmarks,
        )
    if store is not None and not store.read_only:
        with contextlib.suppress(StoreError):
            store.record_text(described, read=False)
    return described


def _missing(path: str) -> bool:
    """Whether a recorded text's file is gone (a bundled name, never)."""
    return os.path.isabs(path) and not os.path.lexists(path)


@dataclass(frozen=True)
class Added:
    """What ``reader add`` did."""

    path: Path
    """The copy in the texts folder (or the copy that was there already)."""
    title: str
    copied: bool
    """False when the same content was in the folder already."""


def add_text(argument: str, data: Path, store: BookmarkStore | None) -> Added:
    """Copy the file ``argument`` names into the texts folder of ``data`` and record it
    in the library. The same content already there is not copied again; a name taken by
    another file gets a number ("article-2.md"). Raises ReaderError (one line) for a
    path that is not a text the reader can open."""
    source_path = Path(argument).expanduser()
    if not source_path.exists():
        raise ReaderError(argument, _("no such file"))
    if source_path.is_dir():
        raise ReaderError(argument, _("is a folder: `reader add` copies one file"))
    if source_path.suffix.lower() not in SUFFIXES:
        known = ", ".join(sorted(SUFFIXES))
        raise ReaderError(
            argument, _("is not a text the reader opens by its name ({known})").format(known=known)
        )
    source = read_source(resolve_text(str(source_path)))  # the checks `reader PATH` makes
    folder = texts_folder(data)
    try:
        raw = source_path.read_bytes()
        same = _same_content(folder, raw)
        target = same
        if target is None:
            folder.mkdir(parents=True, exist_ok=True)
            target = _write_new(folder, source_path.name, raw)
    except OSError as error:
        reason = (error.strerror or type(error).__name__).lower()
        where = visible_line(str(folder))
        raise ReaderError(
            where, _("cannot copy the text there ({reason})").format(reason=reason)
        ) from None
    copy = TextRef(target, str(target))
    record = describe(copy, source, parse_source(source, copy))
    if same is None and store is not None and not store.read_only:
        with contextlib.suppress(StoreError):
            store.record_text(record, read=False)
    return Added(copy.path, record.title, copied=same is None)


def _same_content(folder: Path, raw: bytes) -> Path | None:
    """A file of the texts folder with exactly these bytes (only files of the same size
    are read)."""
    digest = hashlib.sha256(raw).digest()
    try:
        candidates = sorted(folder.iterdir())
    except OSError:
        return None
    for path in candidates:
        with contextlib.suppress(OSError):
            same_size = path.is_file() and path.stat().st_size == len(raw)
            if same_size and hashlib.sha256(path.read_bytes()).digest() == digest:
                return path
    return None


def _write_new(folder: Path, name: str, raw: bytes) -> Path:
    """Write ``raw`` to a new file of ``folder`` called ``name``, or ``stem-2.ext``…
    when that is taken (never overwriting: the file is created exclusively)."""
    stem, suffix = Path(name).stem, Path(name).suffix
    number = 1
    while True:
        target = folder / (name if number == 1 else f"{stem}-{number}{suffix}")
        try:
            with open(target, "xb") as stream:
                stream.write(raw)
            return target
        except FileExistsError:
            number += 1
