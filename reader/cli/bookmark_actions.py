"""What each ``reader bookmarks`` action does: read the texts, anchor quotes in them, talk
to the bookmark store and print the results (lines, JSON, Markdown).

Loaded by :func:`reader.cli.bookmarks.run` when an action runs, so the store (SQLite,
platformdirs) is not imported by the other commands.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.cli.obsidian_files import write_obsidian
from reader.cli.output import write_output
from reader.document import Metadata
from reader.pipeline import TextRef, parse_source, read_source, resolve_text
from reader.text.errors import ReaderError
from reader.text.i18n import N_, _, ngettext
from reader.text.sanitize import title_line, visible, visible_line
from reader.text.strings import format_count
from reader.text.textfile import read_text
from reader.userdata.anchor import AnchorError, anchor_for_quote
from reader.userdata.export import from_web_annotations, to_markdown, to_web_annotations
from reader.userdata.flat import FlatText, flat_text
from reader.userdata.model import (
    Bookmark,
    Resolved,
    TextIdentity,
    is_stdin_identity,
    text_identity,
)
from reader.userdata.moves import found_elsewhere, keep, text_bookmarks
from reader.userdata.obsidian import obsidian_notes
from reader.userdata.reanchor import resolve_all
from reader.userdata.store import BookmarkStore, StoreError, open_store
from reader.userdata.store.texts import file_gone

__all__ = ["ACTIONS", "MISSING_TEXT", "NOT_CHECKED"]

MISSING_TEXT = "missing text"
"""Status of a bookmark whose text can no longer be read at its path."""
NOT_CHECKED = "not checked"
"""Status of a bookmark whose text was not read: its path came from an imported file."""
_NOT_CHECKED_WHY = N_("not checked: imported; open the text to check it")
_FOUND_IN = N_("moved: found in {file}; open it there to keep them with it")
_STATUS_WORDS = {
    "attached": N_("attached"),
    "moved": N_("moved"),
    "detached": N_("detached"),
    MISSING_TEXT: N_("missing text"),
    NOT_CHECKED: N_("not checked"),
}
"""A status as the list shows it, in the interface's language (JSON keeps the English:
it is read by programs)."""
_EXCERPT = 60


# --- loading texts --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Loaded:
    ref: TextRef
    identity: TextIdentity
    flat: FlatText
    meta: Metadata


def _load(ref: TextRef) -> _Loaded:
    """Read and parse a text; anchors are computed on its flat text."""
    source = read_source(ref)
    doc = parse_source(source, ref)
    return _Loaded(ref, text_identity(ref, source, doc.meta.title), flat_text(doc), doc.meta)


def _load_stored(text: TextIdentity) -> _Loaded | None:
    """The text a bookmark was saved on, as it is now; None when it cannot be read (a
    text read from standard input is not there to be read again)."""
    if is_stdin_identity(text.path):
        return None
    path = Path(text.path)
    ref = TextRef(path, text.path) if path.is_absolute() else resolve_text(text.path)
    try:
        return _load(ref)
    except ReaderError:
        return None


@dataclass(frozen=True)
class _Unchecked:
    """A bookmark whose text was not read, because its path is not one this reader read
    itself: it came from an imported file, and such a path (``~/.bashrc``, a FIFO) is
    someone else's data, never opened unless the user names it."""

    bookmark: Bookmark


_Item = Resolved | Bookmark | _Unchecked
"""A bookmark as listed: resolved, its text missing (plain), or not checked."""


def _check_all(
    store: BookmarkStore, bookmarks: Sequence[Bookmark], found_in: dict[str, str] | None = None
) -> list[_Item]:
    """Every bookmark resolved against its own text; a plain Bookmark where the text is
    missing, an :class:`_Unchecked` one where its path is not one this reader read itself
    (:meth:`BookmarkStore.is_known`). Each text is read once.

    A text whose file is gone is looked for among the texts this reader knows
    (:func:`reader.userdata.moves.found_elsewhere`): its bookmarks are resolved where it
    is found, and ``found_in`` (when given) maps their uuids to that text's path."""
    by_path: dict[str, list[Bookmark]] = {}
    for bookmark in bookmarks:
        by_path.setdefault(bookmark.text.path, []).append(bookmark)
    loads: dict[str, _Loaded | None] = {}
    checked: list[_Item] = []
    missing: list[list[Bookmark]] = []
    for path, group in by_path.items():
        if not store.is_known(group[0].text):
            checked.extend(_Unchecked(bookmark) for bookmark in group)
            continue
        loaded = loads[path] = _load_stored(group[0].text)
        if loaded is not None:
            checked.extend(resolve_all(loaded.flat, group))
        elif file_gone(path):
            missing.append(group)
        else:
            checked.extend(group)
    for group in missing:
        found = found_elsewhere(group, _known_texts(store, group, loads))
        if found is None:
            checked.extend(group)
            continue
        checked.extend(found[1])
        if found_in is not None:
            found_in.update((bookmark.uuid, found[0].path) for bookmark in group)
    return checked


def _known_texts(
    store: BookmarkStore, group: Sequence[Bookmark], loads: dict[str, _Loaded | None]
) -> Iterator[tuple[TextIdentity, FlatText]]:
    """The texts this reader read itself, as they are now, read once each (``loads``):
    first those that had the content of a version ``group`` was saved on."""
    hashes = {bookmark.text.content_hash for bookmark in group}
    known = store.known_texts()
    known.sort(key=lambda text: text.content_hash not in hashes)
    offered = {group[0].text.path}
    for text in known:
        if text.path in offered:
            continue
        offered.add(text.path)
        if text.path not in loads and not file_gone(text.path):
            loads[text.path] = _load_stored(text)
        loaded = loads.get(text.path)
        if loaded is not None:
            yield loaded.identity, loaded.flat


def _opened(store: BookmarkStore, loaded: _Loaded) -> list[Resolved]:
    """The user named this text: its bookmarks, those of a text that moved here among
    them (:mod:`reader.userdata.moves`), which are stored as its from now on. Storing
    that may fail (read-only, a full disk): nothing is lost, the next reading tries."""
    found = text_bookmarks(store, loaded.flat, loaded.identity)
    with contextlib.suppress(StoreError):
        keep(store, loaded.identity, found)
    return found.resolved


def _warn_read_only(store: BookmarkStore) -> None:
    if store.read_only:
        print(f"reader: {store.problem}", file=sys.stderr)


# --- actions --------------------------------------------------------------------------------


def _add(args: argparse.Namespace) -> int:
    loaded = _load(resolve_text(args.path))
    try:
        anchor = anchor_for_quote(loaded.flat, args.quote)
    except AnchorError as error:
        print(f"reader: {visible_line(loaded.ref.name)}: {error}", file=sys.stderr)
        return 1
    note = unicodedata.normalize("NFC", args.note)
    with open_store(args.data_dir) as store:
        _opened(store, loaded)
        bookmark = store.add(loaded.identity, anchor, note)
    title = visible_line(loaded.identity.title)
    print(
        _("bookmark {id} added to {title} ({block}): {quote}").format(
            id=bookmark.id, title=title, block=anchor.block_id, quote=_excerpt(anchor.quote)
        )
    )
    return 0


def _list(args: argparse.Namespace) -> int:
    with open_store(args.data_dir) as store:
        _warn_read_only(store)
        found_in: dict[str, str] = {}
        if args.path is not None:
            checked: list[_Item] = list(_opened(store, _load(resolve_text(args.path))))
        else:
            checked = _check_all(store, store.all(), found_in)
    if args.json:
        entries = [_entry(item, found_in.get(_bookmark(item).uuid)) for item in checked]
        sys.stdout.write(_json(entries) + "\n")
        return 0
    if not checked:
        print(_("no bookmarks"), file=sys.stderr)
    current: tuple[str, str] | None = None
    for item in checked:
        bookmark = _bookmark(item)
        key = (bookmark.text.title, bookmark.text.path)
        if key != current:
            current = key
            print(f"{visible_line(key[0])}  ({visible_line(key[1])})")
            if isinstance(item, _Unchecked):
                print(f"  {_(_NOT_CHECKED_WHY)}")
            elif bookmark.uuid in found_in:
                print(f"  {_(_FOUND_IN).format(file=visible_line(found_in[bookmark.uuid]))}")
        print(_line(item))
    return 0


def _export(args: argparse.Namespace) -> int:
    with open_store(args.data_dir) as store:
        _warn_read_only(store)
        bookmarks = store.all()
        found_in: dict[str, str] = {}
        checked = [] if args.format == "json" else _check_all(store, bookmarks, found_in)
        about = _about(store, bookmarks) if args.format == "obsidian" else {}
    plain = [item.bookmark if isinstance(item, _Unchecked) else item for item in checked]
    if args.format == "json":
        write_output(_json(to_web_annotations(bookmarks)) + "\n", args.output)
    elif args.format == "obsidian":
        write_obsidian(obsidian_notes(plain, about, args.data_dir, found_in), args.output)
    else:
        markdown = to_markdown(plain, data_dir=args.data_dir, found_in=found_in)
        write_output(visible(markdown), args.output)
    return 0


def _about(store: BookmarkStore, bookmarks: Sequence[Bookmark]) -> dict[str, Metadata]:
    """What the front matter of each text says (author, source), for the texts this
    reader read itself (never a path from an imported file) that can be read now."""
    about: dict[str, Metadata] = {}
    for bookmark in bookmarks:
        text = bookmark.text
        if text.path in about or not store.is_known(text):
            continue
        loaded = _load_stored(text)
        if loaded is not None:
            about[text.path] = loaded.meta
    return about


def _import(args: argparse.Namespace) -> int:
    name = str(args.file)
    source = read_text(args.file)
    try:
        data = json.loads(source)
    except json.JSONDecodeError as error:
        raise ReaderError(
            name, _("not valid JSON ({reason})").format(reason=error.msg), error.lineno, error.colno
        ) from None
    except RecursionError:  # json's decoder recurses once per level of nesting
        raise ReaderError(name, _("not bookmarks: JSON nested too deeply to read")) from None
    bookmarks = from_web_annotations(data, name=name)
    with open_store(args.data_dir) as store:
        merged = store.import_bookmarks(bookmarks)
    line = ngettext(
        "imported {added} bookmark, skipped {skipped} already present",
        "imported {added} bookmarks, skipped {skipped} already present",
        merged.added,
    ).format(added=format_count(merged.added), skipped=format_count(merged.skipped))
    if merged.kept:
        line += f"; {_kept_as_new(merged.kept)}"
    print(line)
    return 0


def _kept_as_new(ids: Sequence[int]) -> str:
    """``1 conflicting annotation kept as a new bookmark (id 4)``: imported annotations
    whose id was already stored with other content, kept rather than dropped."""
    numbers = ", ".join(str(i) for i in ids)
    return ngettext(
        "{count} conflicting annotation kept as a new bookmark (id {ids})",
        "{count} conflicting annotations kept as new bookmarks (ids {ids})",
        len(ids),
    ).format(count=format_count(len(ids)), ids=numbers)


ACTIONS: Mapping[str, Callable[[argparse.Namespace], int]] = {
    "add": _add,
    "list": _list,
    "export": _export,
    "import": _import,
}
"""Each action by name; each returns the exit status."""


# --- output ---------------------------------------------------------------------------------


def _bookmark(item: _Item) -> Bookmark:
    return item if isinstance(item, Bookmark) else item.bookmark


def _status(item: _Item) -> str:
    if isinstance(item, Resolved):
        return item.status.value
    return NOT_CHECKED if isinstance(item, _Unchecked) else MISSING_TEXT


def _excerpt(text: str, size: int = _EXCERPT) -> str:
    return f"“{title_line(text, size)}”"


def _line(item: _Item) -> str:
    bookmark = _bookmark(item)
    where = item.block_id if isinstance(item, Resolved) and item.block_id else "-"
    status = _(_STATUS_WORDS.get(_status(item), _status(item)))
    line = f"  #{bookmark.id:<4} {status:<12} {where:<8} {_excerpt(bookmark.anchor.quote)}"
    if bookmark.note.strip():
        note = visible_line(" ".join(bookmark.note.split()))
        line += "  " + _("note: {note}").format(note=note)
    return line


def _entry(item: _Item, found_in: str | None = None) -> dict[str, object]:
    bookmark = _bookmark(item)
    resolved = item if isinstance(item, Resolved) else None
    return {
        "id": bookmark.id,
        "uuid": bookmark.uuid,
        "status": _status(item),
        "text": {
            "path": bookmark.text.path,
            "title": bookmark.text.title,
            "content_hash": bookmark.text.content_hash,
        },
        "found_in": found_in,
        "block_id": resolved.block_id if resolved else None,
        "start": resolved.start if resolved else None,
        "end": resolved.end if resolved else None,
        "section": resolved.section if resolved else None,
        "quote": bookmark.anchor.quote,
        "note": bookmark.note,
        "created": bookmark.created,
        "updated": bookmark.updated,
    }


_UNSAFE_IN_JSON = re.compile(
    "[\x7f-\x9f\u2028-\u202e\u2066-\u2069\ud800-\udfff\U000e0000-\U000e007f]"
)


def _json(data: object) -> str:
    """Readable JSON (UTF-8, not \\u escapes) in which nothing a terminal obeys is left
    raw: C1 controls, bidi controls and tag characters are escaped (C0 always are), and
    so are lone surrogates (an undecodable file name, an imported note), which no terminal
    could be sent: ``\\udce9`` is JSON for exactly the string that was stored."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _UNSAFE_IN_JSON.sub(lambda match: _escape(match.group()), text)


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
