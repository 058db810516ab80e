"""Places in the text: jumps and the way back, and the reading position kept between
sessions (restored when a text is opened, saved as the reader moves and when leaving)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.text.errors import ReaderError
from reader.text.i18n import _
from reader.ui.reading.jumps import JumpPoint, JumpStack
from reader.userdata.session import ReadingSession

if TYPE_CHECKING:
    from reader.ui.reading.screen import ReadingScreen


class Places:
    """Where the reader is, was, and left off."""

    def __init__(self, screen: ReadingScreen) -> None:
        self._screen = screen
        self.jumps = JumpStack()
        """Where Backspace goes back to."""
        self._pending_bookmark: str | None = None
        """The bookmark a text was opened for, until its bookmarks are loaded."""
        self._saved_block: int | None = None

    def forget(self, bookmark_uuid: str | None = None) -> None:
        """A new text: no way back, nothing saved yet; go to ``bookmark_uuid`` once its
        bookmarks are loaded."""
        self.jumps.clear()
        self._saved_block = None
        self._pending_bookmark = bookmark_uuid

    # Jumps ------------------------------------------------------------------------------

    def here(self) -> JumpPoint:
        """The point to come back to: the exact offset, and a place for another width."""
        view = self._screen.article
        width = view.text_layout.width if view.text_layout else 0
        return JumpPoint(round(view.scroll_y), width, view.top_place(), view.cursor_block)

    def jump_to_block(self, block: int, start: int | None = None, end: int | None = None) -> None:
        """Jump to a block (or passage), remembering where the reader was."""
        self.jumps.push(self.here())
        self._screen.article.jump_to(block, start, end)
        self._cursor_on(block)

    def jump_to_line(self, y: int) -> None:
        """Jump to document line ``y`` (a third down the screen), remembering where the
        reader was."""
        self.jumps.push(self.here())
        view = self._screen.article
        view.jump_to_line(y)
        if view.text_layout is not None:
            self._cursor_on(view.text_layout.locate(y)[0])

    def _cursor_on(self, block: int) -> None:
        """The reading cursor on the passage jumped to (the first one from ``block``: a
        heading's own passage is the paragraph after it), so `m` bookmarks what the
        jump led to. Near the end of a text the target cannot come to the top, and the
        cursor left to follow the screen went to the passage at the top instead."""
        session = self._screen.session
        if session is None:
            return
        last = len(session.document.blocks)
        found = next(
            (b for b in range(block, min(block + 4, last)) if session.can_bookmark(b)), None
        )
        if found is not None:
            self._screen.bookmarking.set_cursor(found)

    def go_back(self) -> None:
        """Return to where the last jump started (the way forward kept)."""
        point = self.jumps.back(self.here())
        if point is None:
            self._screen.notify(_("Nowhere to go back to."), timeout=2)
            return
        self._go(point)

    def go_forward(self) -> None:
        """Go forward again to where Backspace came back from."""
        point = self.jumps.forward(self.here())
        if point is None:
            self._screen.notify(_("Nowhere to go forward to (Backspace goes back)."), timeout=2)
            return
        self._go(point)

    def _go(self, point: JumpPoint) -> None:
        """Scroll to ``point``: its exact offset at its width, else its place."""
        view = self._screen.article
        view.highlight = None
        layout = view.text_layout
        if layout is not None and layout.width == point.width:
            view.scroll_to_line(point.y)
        elif point.place is not None:
            view.go_to_place(point.place)
        if point.cursor is not None:
            self._screen.bookmarking.set_cursor(point.cursor)
        view.refresh()

    def reader_moved(self) -> bool:
        """Whether the reader has moved in a text shown before it was fully loaded (a
        long text can be read before its bookmarks are loaded: they stay where they
        are), or was followed into a reloaded text (its saved position is older)."""
        screen = self._screen
        return screen.opened is not None and (
            round(screen.article.scroll_y) > 0 or len(self.jumps) > 0 or screen.reloading.reloaded
        )

    # The position kept between sessions ------------------------------------------------------

    def restore(self, session: ReadingSession, *, reader_moved: bool) -> None:
        """Go to the bookmark the text was opened for, else to where the reader left it
        (unless they have moved since the text appeared)."""
        if reader_moved and self._pending_bookmark is None:
            return
        screen = self._screen
        view = screen.article
        if self._pending_bookmark is not None:
            uuid, self._pending_bookmark = self._pending_bookmark, None
            found = [session.passage(i) for i in session.bookmarks if i.bookmark.uuid == uuid]
            target = found[0] if found else None
            if target is not None:

                def jump() -> None:
                    view.jump_to(target.block, target.start, target.end)
                    screen.bookmarking.set_cursor(target.block)

                screen.call_after_refresh(jump)
            else:
                screen.notify(
                    _("This bookmark's passage is no longer in the text.")
                    if found
                    else _("That bookmark is not one of this text's."),
                    severity="warning",
                    timeout=8,
                )
            return
        saved = session.saved_position()
        layout = view.text_layout
        if saved is None or layout is None:
            return
        self._saved_block = saved.block
        # At once, in the frame that first shows the text: the view has its width (the
        # measure does not depend on the scrollbar), so its lines are final.
        view.scroll_to_line(layout.offset_line(saved.block, saved.start or 0))
        screen.bookmarking.set_cursor(saved.block)

    def save(self, block: int, offset: int | None = None) -> None:
        """Remember the block read (and, when leaving, the offset in it: a block can be
        a book-long paragraph); scrolling within a block writes nothing. A store that
        cannot save (disk full) says so on the status line; nothing else is lost."""
        error = self._write(block, offset)
        if error is not None:
            self._screen.status.say(str(error), error=True)

    def save_on_leaving(self) -> None:
        """Keep the exact place read, to the offset in its block. The screen's widgets
        may be gone by now (it is unmounting), so a failure is an app notification, never
        an exception: quitting must not end in a traceback because the disk is full."""
        if self._screen.opened is None:
            return
        place = self._screen.article.reading_place()
        if place is None:
            return
        error = self._write(*place)
        if error is not None:
            self._screen.app.notify(str(error), severity="error", markup=False)

    def _percent(self, block: int, offset: int) -> int | None:
        """The share read, as the context panel says it (of the passage on screen, 100
        once the end is), for the library; None before the progress tables are built."""
        aids, shown = self._screen.aids, self._screen.passage
        if aids is None:
            return None
        if shown is not None and shown.first_block == block:
            return aids.progress.position(*shown).percent
        return aids.progress.position(block, block, offset).percent

    def _write(self, block: int, offset: int | None) -> ReaderError | None:
        """Save the position unless it is the one saved; the store's error, if any."""
        session = self._screen.session
        if session is None or (block == self._saved_block and offset is None):
            return None
        self._saved_block = block
        try:
            session.save_position(block, offset or 0, self._percent(block, offset or 0))
        except ReaderError as error:  # StoreError: one line, nothing saved was lost
            return error
        return None
