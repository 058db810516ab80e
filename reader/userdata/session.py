"""One reading session of one text: its bookmarks and reading position, without any UI.

The app keeps one of these per open text and calls it from key handlers; everything that
touches the store or re-anchors lives here, so it is usable (and tested) from a script.
Writes that fail (read-only store, full disk) raise :class:`reader.text.errors.ReaderError`
with a one-line message; nothing already saved is touched.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from reader.document import Document
from reader.text.textfile import Source, TextRef
from reader.userdata import (
    AnchorStatus,
    Bookmark,
    BookmarkStore,
    FlatText,
    Resolved,
    StoreError,
    TextIdentity,
    anchor_for_block,
    flat_text,
    make_anchor,
    text_identity,
)
from reader.userdata.moves import keep, text_bookmarks


@dataclass(frozen=True)
class Passage:
    """A place in the document as the view knows it: block index and offset in its text."""

    block: int
    start: int | None = None
    end: int | None = None


class ReadingSession:
    """Bookmarks and position of one text in one store."""

    def __init__(
        self,
        store: BookmarkStore,
        ref: TextRef,
        source: Source | None,
        document: Document,
        *,
        identity: TextIdentity | None = None,
    ) -> None:
        """``identity``: the text's (:func:`text_identity`), when the caller has it
        already; ``source`` is then not needed (a load lets go of a book's text once
        parsed and hashed)."""
        self.store = store
        self.document = document
        self.flat: FlatText = flat_text(document)
        """Where each passage is in the flat text. Its string is never asked of this one
        (it would be kept for the session: a second copy of the whole text); re-anchoring
        and new anchors use a flat text of their own, dropped once they are done."""
        if identity is None:
            if source is None:
                raise ValueError("ReadingSession: a text's source or its identity")
            identity = text_identity(ref, source, document.meta.title)
        self.text: TextIdentity = identity
        self.bookmarks: list[Resolved] = []
        """This text's bookmarks, checked against the text as it is now, in reading order."""
        self.reload()

    def reload(self) -> None:
        """Read this text's bookmarks again (:mod:`reader.userdata.moves`: those of this
        path, and of a text that moved here); store where they are now, re-pointed to this
        text. Storing that may fail (a full disk): nothing is lost, the next reading tries
        again."""
        found = text_bookmarks(self.store, flat_text(self.document), self.text)
        with contextlib.suppress(StoreError):
            keep(self.store, self.text, found)
        self.bookmarks = found.resolved

    # Places ----------------------------------------------------------------------------

    def passage(self, item: Resolved) -> Passage | None:
        """Where a bookmark is in the document (None when detached)."""
        if item.status is AnchorStatus.DETACHED or item.start is None or item.end is None:
            return None
        located = self.flat.to_block(item.start)
        if located is None:
            return None
        block = self.document.block_index(located[0])
        if block is None:
            return None
        length = (
            min(item.end, self.flat.block_range(self.flat.block_at(item.start))[1]) - item.start
        )
        return Passage(block, located[1], located[1] + max(0, length))

    def marked_blocks(self) -> frozenset[int]:
        """Blocks that carry at least one attached or moved bookmark."""
        found = set()
        for item in self.bookmarks:
            passage = self.passage(item)
            if passage is not None:
                found.add(passage.block)
        return frozenset(found)

    def can_bookmark(self, block: int) -> bool:
        """Whether block ``block`` is a passage of the text (not the title or the notes)."""
        blocks = self.document.blocks
        return 0 <= block < len(blocks) and self.flat.index_of(blocks[block].id) is not None

    # Changes ---------------------------------------------------------------------------

    def add_block(self, block: int, note: str) -> Bookmark:
        """Bookmark the whole passage ``block``."""
        bookmark = self.store.add(
            self.text,
            anchor_for_block(flat_text(self.document), self.document.blocks[block].id),
            note,
        )
        self.reload()
        return bookmark

    def add_range(self, block: int, start: int, end: int, note: str) -> Bookmark:
        """Bookmark exactly ``start``..``end`` of block ``block``'s text."""
        offset = self.flat.offset_of(self.document.blocks[block].id, 0) or 0
        bookmark = self.store.add(
            self.text, make_anchor(flat_text(self.document), offset + start, offset + end), note
        )
        self.reload()
        return bookmark

    def update_note(self, bookmark_id: int, note: str) -> None:
        """Change a bookmark's note."""
        self.store.update_note(bookmark_id, note)
        self.reload()

    def delete(self, bookmark_id: int) -> Bookmark:
        """Delete a bookmark; keep the returned copy to undo."""
        removed = self.store.delete(bookmark_id)
        self.reload()
        return removed

    def restore(self, bookmark: Bookmark) -> None:
        """Undo a delete."""
        self.store.restore(bookmark)
        self.reload()

    # Reading position ------------------------------------------------------------------

    def save_position(self, block: int, offset: int = 0, percent: int | None = None) -> None:
        """Remember the passage at the top of the screen (only real passages count), and
        the share of the text read (``percent``) for the library."""
        blocks = self.document.blocks
        if self.store.read_only or not 0 <= block < len(blocks):
            return
        self.store.save_position(self.text, blocks[block].id, offset, percent)

    def saved_position(self) -> Passage | None:
        """Where the reader left this text, if anywhere still in it."""
        found = self.store.position(self.text)
        if found is None:
            return None
        block = self.document.block_index(found[0])
        return Passage(block, found[1]) if block is not None else None
