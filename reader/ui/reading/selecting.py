"""Selecting with the keys and copying: v starts a selection at the reading cursor, word,
line and passage motions extend it, y copies it (OSC 52), m bookmarks it, Esc ends it.

A selection stays within one passage, as the mouse's does: a bookmark's anchor is one
block's passage, and a selection is what m bookmarks. It covers whole words from its
anchor (the first word, or what the mouse selected) to its head, the end the motions
move; the head may go back past the anchor, as in vim's visual mode. The selection
itself lives in the view (:attr:`ArticleView.selection`), where the mouse sets it too;
this part keeps only which end is the head.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.layout.motions import (
    Word,
    first_word,
    last_word,
    line_move,
    next_word,
    point_of,
    word_at,
)
from reader.text.i18n import _, ngettext
from reader.text.sanitize import visible
from reader.text.strings import format_count
from reader.userdata.flat import block_text

if TYPE_CHECKING:
    from reader.ui.reading.screen import ReadingScreen
    from reader.ui.widgets.article_view import ArticleView


class Selecting:
    """The keyboard selection of the reading screen, and copying."""

    def __init__(self, screen: ReadingScreen) -> None:
        self._screen = screen
        self._block: int | None = None
        self._anchor = Word(0, 0)
        """What the selection started with: its first word, or the mouse's selection."""
        self._head = Word(0, 0)
        """The word the motions move."""
        self._column: int | None = None
        """The column line motions keep to, from the first of a run of them."""

    @property
    def _view(self) -> ArticleView:
        return self._screen.article

    # What is selected -------------------------------------------------------------------

    def _span(self) -> tuple[int, int, int] | None:
        if self._block is None:
            return None
        start = min(self._anchor.start, self._head.start)
        end = max(self._anchor.end, self._head.end)
        return self._block, start, end

    def _current(self) -> bool:
        """Whether there is a selection to extend: this part's, or the mouse's (whose
        whole stretch becomes the anchor, its last word the head)."""
        selection = self._view.selection
        if selection is None:
            self._block = None
            return False
        if selection == self._span():
            return True
        document = self._view.document
        if document is None:
            return False
        block, start, end = selection
        self._block, self._anchor = block, Word(start, end)
        text = document.blocks[block].text
        head = last_word(text, end)  # the last word the mouse reached
        if head is None or head.start < start:
            head = word_at(text, start)
        self._head = head or self._anchor
        return True

    def _set(self, block: int, anchor: Word, head: Word) -> None:
        if block != self._block or anchor != self._anchor:
            self._column = None
        self._block, self._anchor, self._head = block, anchor, head
        self._view.selection = self._span()
        self._screen.bookmarking.set_cursor(block)

    def active(self) -> bool:
        """Whether something is selected (by the keys or the mouse)."""
        return self._view.selection is not None

    # Keys -------------------------------------------------------------------------------

    def toggle(self) -> None:
        """v: start a selection, or end the one there is."""
        if self._current():
            self.cancel()
        else:
            self.start()

    def start(self) -> bool:
        """Select the first word on screen of the passage at the reading cursor (the
        cursor put on the first passage shown if it is off screen; without bookmarks, on
        the first block shown that has words)."""
        view = self._view
        document = view.document
        shown = view.visible_passage()
        if document is None or shown is None:
            return False
        self._screen.bookmarking.follow(shown)
        blocks = [view.cursor_block] if view.cursor_block is not None else []
        blocks += range(shown.first_block, shown.last_block + 1)
        for block in blocks:
            word = first_word(document.blocks[block].text, view.shown_range(block)[0])
            if word is not None:
                self._set(block, word, word)
                return True
            if block == view.cursor_block:
                break  # the reader's passage has no words: say so, select nothing else
        self._screen.notify(_("This passage has no words to select (y copies it)."), timeout=3)
        return False

    def extend(self, motion: str, step: int) -> None:
        """Move the selection's head by a word, a line or to the passage's end or start;
        with nothing selected, start a selection instead."""
        if not self._current() and not self.start():
            return
        view = self._view
        layout = view.text_layout
        if layout is None or self._block is None:
            return
        block = self._block
        text = layout.document.blocks[block].text
        head: Word | None = None
        if motion == "line":
            if self._column is None:
                self._column = point_of(layout, block, self._head.start).column
            offset = line_move(layout, block, self._head.start, step, self._column)
            head = word_at(text, offset) if offset is not None else None
        else:
            self._column = None
        if motion == "word":
            head = next_word(text, self._head, step)
        elif motion == "passage":
            head = last_word(text) if step > 0 else first_word(text)
        if head is None or head == self._head:
            self._screen.status.say(
                _("The selection stays within one passage."),
                seconds=self._screen.status.COUNT_SECONDS,
            )
            return
        self._set(block, self._anchor, head)
        self._show_head()

    def _show_head(self) -> None:
        """Scroll as little as needed to bring the head's line on screen."""
        view = self._view
        layout = view.text_layout
        if layout is None or self._block is None:
            return
        y = layout.offset_line(self._block, self._head.start)
        top, bottom = view.visible_lines()
        if y < top:
            view.scroll_to_line(y)
        elif y > bottom:
            view.scroll_to_line(top + y - bottom)

    def cancel(self) -> bool:
        """End the selection; False if there was none."""
        self._block = None
        if self._view.selection is None:
            return False
        self._view.selection = None
        return True

    # Copying ----------------------------------------------------------------------------

    def copy(self) -> None:
        """Copy the selection, else the passage at the reading cursor, to the clipboard
        (OSC 52: through tmux too with ``set-clipboard on``)."""
        view = self._view
        document = view.document
        text = view.selected_text()
        if text is None and document is not None and view.cursor_block is not None:
            text = block_text(document.blocks[view.cursor_block])
        if not text:
            self._screen.notify(_("Nothing to copy: select with v or the mouse."), timeout=3)
            return
        self._copy(text)

    def copied_by_mouse(self) -> None:
        """The mouse selected text: copy it, as a terminal would."""
        text = self._view.selected_text()
        if text:
            self._copy(text)

    def _copy(self, text: str) -> None:
        # What the screen shows, not what a terminal would obey: pasting a passage must
        # not paste escape sequences (the parser made every block's text visible; this
        # costs nothing on clean text and guards any other way text comes in).
        self._screen.app.copy_to_clipboard(visible(text))
        self._screen.status.say(
            ngettext("Copied {count} character.", "Copied {count} characters.", len(text)).format(
                count=format_count(len(text))
            ),
            seconds=self._screen.status.COUNT_SECONDS,
        )
