"""Which stored bookmarks are the text being read, after it was moved, edited or retitled.

The store offers the bookmarks saved at a text's path, on its content or under its title
(:meth:`~reader.userdata.store.BookmarkStore.for_text`); with the text in hand, this
module decides which are really its, and which are to be stored as its from now on
(re-pointed to it, so that ``bookmarks list`` finds them where the text is now).
Bookmarks go by the path they were saved at: one path's bookmarks are one text's,
whichever version of it each was made on.

* Saved at its path: its own (the file was edited where it is). Those found again are
  re-pointed to the text as it is now, so that a later move is proved by the content.
* Saved on the same content at a path whose file is gone: the file moved here, and the
  hash proves it; every bookmark of that path comes here.
* The same content at a path whose file is still there: a copy. Its bookmarks are shown
  (the passages are the same) and left with the original.
* A text whose file is gone, under the same title or, the first time this text is met
  (neither its path nor its content is in the store), under any title: adopted when most
  of its bookmarks are found here, surely (:func:`_sure`), by their quotes and context
  (:mod:`~reader.userdata.reanchor`, which never attaches to a passage that merely looks
  similar), on enough quoted text to go by. All its bookmarks then come here, those not
  found as detached. A text whose old file still exists is never adopted.

:func:`found_elsewhere` asks the same question the other way round, for ``bookmarks
list``: where a missing text's bookmarks are now, among texts this reader knows.

Nothing here opens a stored path: "gone" only asks the file system whether a path exists
(:func:`~reader.userdata.store.texts.file_gone`), so a path named only by an imported
file stays data.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from reader.userdata.flat import FlatText
from reader.userdata.model import AnchorStatus, Bookmark, BookmarkAnchor, Resolved, TextIdentity
from reader.userdata.reanchor import in_reading_order, moved_anchor, resolve
from reader.userdata.store import BookmarkStore
from reader.userdata.store.texts import file_gone

__all__ = ["MIN_EVIDENCE", "TextBookmarks", "found_elsewhere", "keep", "text_bookmarks"]

MIN_EVIDENCE: Final = 32
"""Characters of quoted text (white space aside) that must be found surely to adopt a text
by its quotes: one short phrase that recurs in every text proves nothing."""

Repoint = tuple[int, BookmarkAnchor | None]
"""A bookmark to hang off the text read: its id and the anchor of its passage there, or
None to keep its own."""


@dataclass(frozen=True)
class TextBookmarks:
    """A text's bookmarks, and what to store so they are kept as its."""

    resolved: list[Resolved]
    """Checked against the text as it is now, in reading order (detached last)."""
    repoint: list[Repoint]
    """What :func:`keep` stores: bookmarks moved here, or found at a new place."""


def text_bookmarks(store: BookmarkStore, flat: FlatText, text: TextIdentity) -> TextBookmarks:
    """The bookmarks of ``text`` (just read: ``flat`` is its flat text), as this module's
    rules say, without writing anything."""
    offered = _by_path(store.for_text(text))
    shown: list[Resolved] = []
    repoint: list[Repoint] = []
    for item in _resolved(flat, offered.pop(text.path, [])):
        shown.append(item)
        if item.status is AnchorStatus.MOVED or (
            item.status is AnchorStatus.ATTACHED and item.bookmark.text != text
        ):
            repoint.append((item.bookmark.id, moved_anchor(flat, item)))
    proven: list[str] = []
    titled: list[str] = []
    for path, group in offered.items():
        same_content = any(b.text.content_hash == text.content_hash for b in group)
        if not file_gone(path):
            if same_content:  # a copy: shown, left with the original
                shown.extend(_resolved(flat, group))
        elif same_content:
            proven.append(path)
        else:
            titled.append(path)
    first_time = not store.knows(text)
    if proven or titled or first_time:
        everything = _by_path(store.all())
        candidates = titled
        if first_time:
            candidates = [p for p in everything if p != text.path and file_gone(p)]
        for path in proven:
            _adopt(flat, _resolved(flat, everything.get(path, [])), shown, repoint)
        for path in candidates:
            if path not in proven:
                found = _adoptable(flat, everything.get(path, []))
                if found is not None:
                    _adopt(flat, found, shown, repoint)
    return TextBookmarks(in_reading_order(shown), repoint)


def keep(store: BookmarkStore, text: TextIdentity, found: TextBookmarks) -> None:
    """Store ``found.repoint`` (nothing on a read-only store). Raises StoreError when it
    cannot be saved: nothing is lost then, the next reading tries again."""
    if found.repoint and not store.read_only:
        store.repoint(text, found.repoint)


def found_elsewhere(
    bookmarks: Sequence[Bookmark], texts: Iterable[tuple[TextIdentity, FlatText]]
) -> tuple[TextIdentity, list[Resolved]] | None:
    """Where the bookmarks of a text whose file is gone are now, among ``texts`` (each
    as it is now): the first with the content of a version they were saved on, else the
    one text that would adopt them by their quotes (none when two would)."""
    hashes = {bookmark.text.content_hash for bookmark in bookmarks}
    adopters: list[tuple[int, TextIdentity, list[Resolved]]] = []
    for identity, flat in texts:
        if identity.content_hash in hashes:
            return identity, in_reading_order(_resolved(flat, bookmarks))
        found = _adoptable(flat, bookmarks)
        if found is not None:
            adopters.append((sum(_sure(flat, item) for item in found), identity, found))
    adopters.sort(key=lambda adopter: -adopter[0])
    if not adopters or (len(adopters) > 1 and adopters[1][0] == adopters[0][0]):
        return None
    return adopters[0][1], in_reading_order(adopters[0][2])


# --- the rules ------------------------------------------------------------------------------


def _by_path(bookmarks: Iterable[Bookmark]) -> dict[str, list[Bookmark]]:
    groups: dict[str, list[Bookmark]] = {}
    for bookmark in bookmarks:
        groups.setdefault(bookmark.text.path, []).append(bookmark)
    return groups


def _resolved(flat: FlatText, bookmarks: Iterable[Bookmark]) -> list[Resolved]:
    return [resolve(flat, bookmark) for bookmark in bookmarks]


def _adopt(
    flat: FlatText, found: list[Resolved], shown: list[Resolved], repoint: list[Repoint]
) -> None:
    """Every bookmark of a text that came here: shown, and re-pointed here."""
    shown.extend(found)
    repoint.extend((item.bookmark.id, moved_anchor(flat, item)) for item in found)


def _adoptable(flat: FlatText, bookmarks: Sequence[Bookmark]) -> list[Resolved] | None:
    """``bookmarks`` (one missing text's) resolved in ``flat`` when most of them are found
    there surely, on at least :data:`MIN_EVIDENCE` characters of quote; else None (giving
    up as soon as a majority is out of reach)."""
    needed = len(bookmarks) // 2 + 1
    resolved: list[Resolved] = []
    sure = unsure = evidence = 0
    for bookmark in bookmarks:
        item = resolve(flat, bookmark)
        resolved.append(item)
        if _sure(flat, item):
            sure += 1
            evidence += len("".join(bookmark.anchor.quote.split()))
        else:
            unsure += 1
            if len(bookmarks) - unsure < needed:
                return None
    return resolved if sure >= needed and evidence >= MIN_EVIDENCE else None


def _sure(flat: FlatText, item: Resolved) -> bool:
    """Whether a bookmark was found beyond doubt: its quote word for word, or edited but
    with one side of its context intact (an approximate match among passages of the same
    pattern has neither)."""
    if item.start is None or item.end is None:
        return False
    anchor, text = item.bookmark.anchor, flat.text
    if text[item.start : item.end] == anchor.quote:
        return True
    before = text[max(0, item.start - len(anchor.prefix)) : item.start]
    after = text[item.end : item.end + len(anchor.suffix)]
    intact_before = bool(anchor.prefix.strip()) and before == anchor.prefix
    return intact_before or (bool(anchor.suffix.strip()) and after == anchor.suffix)
