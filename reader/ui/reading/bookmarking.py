"""Bookmarks in the reading screen: the reading cursor, adding (m), editing, deleting with
undo, and opening a bookmark — of this text or of another one.

Everything that touches the store goes through :class:`reader.userdata.session.ReadingSession`;
this part only asks for notes, says what happened and shows the marks.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from reader.layout import ShownPassage
from reader.pipeline import read_source, resolve_text
from reader.text.errors import ReaderError
from reader.text.i18n import _
from reader.ui.dialogs.bookmark_dialog import BookmarkDialog
from reader.ui.panels.bookmarks import BookmarkAction, BookmarksPanel
from reader.userdata import Bookmark
from reader.userdata.model import is_stdin_identity

if TYPE_CHECKING:
    from reader.ui.reading.screen import ReadingScreen

LONG_PASSAGE_CHARS = 4_000
"""A passage longer than this is bookmarked by the part of it on screen (m at the cursor):
a bookmark quotes what the reader saw, not a chapter-long paragraph."""


class Bookmarking:
    """The reading cursor and the bookmarks of the text read."""

    def __init__(self, screen: ReadingScreen) -> None:
        self._screen = screen
        self._deleted: Bookmark | None = None
        """The bookmark deleted last, for u."""

    def forget(self) -> None:
        """Another text: nothing to undo in it."""
        self._deleted = None

    # The reading cursor ------------------------------------------------------------------

    def set_cursor(self, block: int | None) -> None:
        """Put the reading cursor (▎ in the margin) on ``block``."""
        self._screen.article.cursor_block = block

    def _first_passage(self, first: int, last: int) -> int | None:
        session = self._screen.session
        if session is None:
            return None
        return next((b for b in range(first, last + 1) if session.can_bookmark(b)), None)

    def follow(self, passage: ShownPassage, *, only_if_unset: bool = False) -> None:
        """Keep the cursor on screen: on the first passage shown when it is off it."""
        cursor = self._screen.article.cursor_block
        if only_if_unset and cursor is not None:
            return
        if cursor is None or not passage.first_block <= cursor <= passage.last_block:
            self.set_cursor(self._first_passage(passage.first_block, passage.last_block))

    def click(self, block: int) -> None:
        """The reader clicked text: the cursor goes there, if it is a passage."""
        session = self._screen.session
        if session is not None and session.can_bookmark(block):
            self.set_cursor(block)

    def move_cursor(self, step: int) -> None:
        """Move the reading cursor to the next (1) or previous (-1) passage."""
        session = self._screen.session
        view = self._screen.article
        layout = view.text_layout
        if session is None or layout is None:
            return
        count = len(layout.document.blocks)
        if view.cursor_block is None:
            shown = view.visible_block_range() or (0, count - 1)
            self.set_cursor(self._first_passage(*shown))
            return
        block = view.cursor_block + step
        while 0 <= block < count and not session.can_bookmark(block):
            block += step
        if not 0 <= block < count:
            return
        self.set_cursor(block)
        top, bottom = view.visible_lines()
        first_line = layout.offset_line(block, 0)
        last_line = layout.block_top(block) + layout.block_height(block) - 1
        on_screen = first_line <= bottom and last_line >= top
        fits = last_line - first_line <= bottom - top
        # Bring the passage into view, whole if it fits; one longer than the screen that
        # is already on it stays where the reader is in it.
        if not on_screen or (fits and (first_line < top or last_line > bottom)):
            view.scroll_to_line(max(0, first_line - 1))

    # Adding, editing, deleting ----------------------------------------------------------

    def _unavailable(self) -> bool:
        """Say why bookmarks cannot be written, if they cannot."""
        screen = self._screen
        session = screen.session
        if session is None:
            store = screen.request.store
            if store is None:
                reason = _("no data folder")
            elif store.problem:
                reason = store.problem
            else:
                reason = _("the text's bookmarks are not loaded yet")
            screen.notify(
                _("Bookmarks are unavailable: {reason}").format(reason=reason),
                severity="warning",
                markup=False,
            )
            return True
        if session.store.read_only:
            screen.notify(session.store.problem, severity="warning", markup=False, timeout=10)
            return True
        return False

    def add(self) -> None:
        """Bookmark the selected text, or the passage at the cursor; asks for a note."""
        if self._unavailable():
            return
        screen = self._screen
        session = screen.session
        view = screen.article
        assert session is not None
        selection = view.selection
        if selection is not None and session.can_bookmark(selection[0]):
            block, start, end = selection
            quote = view.selected_text() or ""
        elif view.cursor_block is not None and session.can_bookmark(view.cursor_block):
            block, start, end = view.cursor_block, -1, -1
            quote = session.document.blocks[block].text
            if len(quote) > LONG_PASSAGE_CHARS:
                # A passage as long as a chapter: the part of it on screen.
                start, end = view.shown_range(block)
                quote = quote[start:end]
        else:
            screen.notify(_("Move the cursor to a passage first (J/K or a click)."), timeout=3)
            return

        def save(note: str | None) -> None:
            if note is None:
                return
            try:
                if start >= 0:
                    session.add_range(block, start, end, note)
                else:
                    session.add_block(block, note)
            except (ReaderError, ValueError) as error:
                screen.notify(
                    _("Not saved: {reason}").format(reason=error), severity="error", markup=False
                )
                return
            view.selection = None
            self.changed()
            screen.notify(_("Bookmarked."), timeout=2)

        screen.app.push_screen(BookmarkDialog(quote), save)

    def changed(self) -> None:
        """The bookmarks changed (or were loaded): marks and panel show them."""
        screen = self._screen
        session = screen.session
        if session is None:
            return
        screen.article.marked_blocks = session.marked_blocks()
        try:
            everywhere = session.store.all()
        except ReaderError as error:  # a store that fails to read (a full disk, a lock)
            screen.notify(str(error), severity="error", markup=False)
            everywhere = []
        screen.query_one(BookmarksPanel).set_bookmarks(session.bookmarks, everywhere)

    def act(self, event: BookmarkAction) -> None:
        """Open, edit or delete the bookmark picked in the panel."""
        screen = self._screen
        session = screen.session
        if session is None:
            return
        if event.action == "open":
            self._open(event)
            return
        if self._unavailable():
            return
        bookmark = event.bookmark
        if event.action == "edit":

            def edited(note: str | None) -> None:
                if note is not None:
                    try:
                        session.update_note(bookmark.id, note)
                    except ReaderError as error:
                        screen.notify(str(error), severity="error", markup=False)
                    self.changed()

            dialog = BookmarkDialog(bookmark.anchor.quote, note=bookmark.note, title=_("Edit note"))
            screen.app.push_screen(dialog, edited)
        elif event.action == "delete":
            try:
                self._deleted = session.delete(bookmark.id)
            except ReaderError as error:
                screen.notify(str(error), severity="error", markup=False)
                return
            self.changed()
            screen.notify(_("Bookmark deleted — press u to undo."), timeout=6)

    def undo_delete(self) -> None:
        """Bring back the bookmark deleted last."""
        screen = self._screen
        if screen.session is None or self._deleted is None:
            return
        try:
            screen.session.restore(self._deleted)
        except ReaderError as error:
            screen.notify(str(error), severity="error", markup=False)
            return
        self._deleted = None
        self.changed()
        screen.notify(_("Bookmark restored."), timeout=2)

    def _open(self, event: BookmarkAction) -> None:
        """Jump to a bookmark of this text, or open the text another one is in."""
        screen = self._screen
        session = screen.session
        assert session is not None
        resolved = event.resolved
        if resolved is None:
            here = [r for r in session.bookmarks if r.bookmark.uuid == event.bookmark.uuid]
            resolved = here[0] if here else None
        if resolved is not None:
            passage = session.passage(resolved)
            if passage is None:
                screen.notify(
                    _("This bookmark's passage is no longer in the text."), severity="warning"
                )
                return
            screen.places.jump_to_block(passage.block, passage.start, passage.end)
            self.set_cursor(passage.block)
            screen.article.focus()
            return
        if is_stdin_identity(event.bookmark.text.path):
            message = _("That text was read from standard input: pipe it in again to open it.")
            screen.notify(message, severity="warning")
            return
        ref = resolve_text(event.bookmark.text.path)
        try:
            source = read_source(ref)  # the checks the command line makes, here too
        except ReaderError as error:
            screen.notify(str(error), severity="error", markup=False)
            return
        screen.open_text(replace(screen.request, ref=ref, source=source), event.bookmark.uuid)
