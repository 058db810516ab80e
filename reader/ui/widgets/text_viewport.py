"""Where the reader is in a laid-out text: the scrolling half of the reading view.

:class:`TextViewport` owns a document's :class:`~reader.layout.DocumentLayout` at the
width it is shown at, and everything that is about *where*: the measure and the margin,
places that survive a new width, jumps, paging, and telling the screen what is shown
(:class:`ReadingMoved`). It draws nothing itself; :class:`ArticleView` paints the lines
and adds links, mouse and selection on top, so each half stays one job.
"""

from __future__ import annotations

from textual import events
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.timer import Timer

from reader.document import Document
from reader.layout import DocumentLayout, ShownPassage
from reader.layout.places import TextPlace, line_of_place, place_at, shown_range, top_of
from reader.ui.widgets.article_messages import ReadingMoved

MOVED_DELAY = 0.03
"""The screen is told what is shown at once, then at most once per this many seconds
while the text keeps moving: a key's scroll and the reading cursor (and the panels that
follow the reading) are drawn in one frame, and a wheel scrolling through many lines
reports once per window, not once per line."""


class TextViewport(ScrollView):
    """A scrolling window on a laid-out document, centred at a measure."""

    highlight: reactive[tuple[int, int, int] | None] = reactive(None)
    """(block index, start, end) of a passage shown highlighted after a jump."""

    def __init__(
        self,
        document: Document | None = None,
        *,
        measure: int = 72,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.measure = measure
        """Widest text column; narrower windows get their whole width less a margin."""
        self.justify = False
        """Whether paragraphs are justified (:mod:`reader.layout.justify`)."""
        self._layout: DocumentLayout | None = None
        self._moved_timer: Timer | None = None
        """Running while a report of what is shown was made less than MOVED_DELAY ago."""
        self._moved_again = False
        """Whether the text moved again since that report (one more is owed)."""
        self._rewrap_pending = False
        if document is not None:
            self._layout = DocumentLayout(document, measure)

    @property
    def document(self) -> Document | None:
        """The document shown, if any."""
        return self._layout.document if self._layout else None

    @property
    def text_layout(self) -> DocumentLayout | None:
        """The document's layout at the current width."""
        return self._layout

    def show(
        self,
        document: Document,
        *,
        keep_position: bool = True,
        layout: DocumentLayout | None = None,
    ) -> None:
        """Show ``document``; keep the block at the top of the screen where it was.

        ``layout``, ``document``'s made ahead by :meth:`new_layout` (a loading thread lays
        a book out away from the UI thread), is used as it is if the width is still that."""
        anchor = self.top_place() if keep_position else None
        if layout is None or layout.document is not document:
            layout = self.new_layout(document)
        else:
            layout.set_width(self._text_width())
            layout.set_justify(self.justify)
        self._layout = layout
        self.highlight = None
        self._shown_new_text()
        self._sync_size()
        if anchor is not None:
            self.go_to_place(anchor)
        self.refresh()

    def new_layout(self, document: Document) -> DocumentLayout:
        """``document`` laid out as this view would show it now (its width, justified or
        not). Safe to call from a loading thread: it reads two plain values, and a stale
        one only means :meth:`show` wraps the text again."""
        return DocumentLayout(document, self._text_width(), justify=self.justify)

    def _shown_new_text(self) -> None:
        """Forget what belonged to the text shown before (a subclass's links, styles)."""

    # Width and margin --------------------------------------------------------------------

    def _text_width(self, content_width: int | None = None) -> int:
        """The measure at this width (or at ``content_width``, the width inside padding
        and border that a layout is giving the view): the column left for the scrollbar
        whether it shows or not, so that its coming (a long text shown after a short
        one, a panel opened) never narrows the margin where the bookmark and cursor marks
        are drawn."""
        if content_width is None:
            width = self.size.width - self.gutter.width
        else:
            width = content_width - self.scrollbar_gutter.width
        if self.styles.overflow_y != "hidden":
            width -= self.styles.scrollbar_size_vertical
        if width <= 0:
            return self.measure
        return max(20, min(self.measure, width - 4))

    def set_measure(self, measure: int) -> None:
        """Set the text in a column at most ``measure`` wide, the same words at the top."""
        if measure != self.measure:
            self.measure = measure
            self._rewrap()

    def set_justify(self, justify: bool) -> None:
        """Justify paragraphs, or set them ragged (the lines break where they did)."""
        self.justify = justify
        if self._layout is not None and self._layout.set_justify(justify):
            self._sync_size()
            self.refresh()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The text's height wrapped at the width this layout gives it (a view of
        ``height: auto``: a definition in a panel, a note). Textual's ScrollView answers
        with the height it had at its last width: a view shown for the first time was
        laid out 0 lines high, wrapped on its first Resize, then laid out again; each
        of those a layout of the whole screen."""
        if self._layout is None:
            return 0
        if self._layout.set_width(self._text_width(width)):
            self.refresh()
        height = self._layout.height
        if Size(0, height) != self.virtual_size:
            # Set without asking for another layout: this is the layout that uses it.
            self.set_reactive(TextViewport.virtual_size, Size(0, height))
        return height

    def _left_margin(self) -> int:
        if self._layout is None:
            return 0
        return max(0, (self.scrollable_content_region.width - self._layout.width) // 2)

    def _sync_size(self) -> None:
        # Lines are cut to the width they are drawn at: never a horizontal scrollbar, which
        # would otherwise come and go as the vertical one appears.
        size = Size(0, self._layout.height if self._layout is not None else 0)
        if size != self.virtual_size:
            window = self.scrollable_content_region.height
            if (size.height > window) == (self.virtual_size.height > window):
                # Taller or shorter, but as scrollable as before: no scrollbar comes or
                # goes, so nothing else on screen moves. Textual's virtual_size lays out
                # the whole screen on every change (a second frame ~40 ms after a jump,
                # once the page below was wrapped and the estimated height corrected):
                # the scrollbar is updated alone.
                self.set_reactive(TextViewport.virtual_size, size)
            else:
                self.virtual_size = size
            # A ScrollView updates its scrollbars (and so whether it scrolls at all) only
            # when its own size changes; a text shown while the window keeps its size
            # must say so itself, as Textual's TextArea and OptionList do.
            self._scroll_update(size)

    def on_resize(self, event: events.Resize) -> None:
        self._rewrap()

    def _rewrap_if_narrowed(self) -> None:
        """The width changed without a Resize reaching the view (a panel docked beside
        it): wrap again, soon, before the reader sees cut lines. Called while drawing."""
        if (
            self._layout is not None
            and self._layout.width != self._text_width()
            and not self._rewrap_pending
        ):
            self._rewrap_pending = True
            self.call_later(self._rewrap)

    def _rewrap(self) -> None:
        """Lay the text out again at this width, the same words at the top; then say
        what is on screen (the first size may come after the text: a cursor and the
        context panel wait for it)."""
        self._rewrap_pending = False
        if self._layout is None:
            return
        anchor = self.top_place()
        if self._layout.set_width(self._text_width()):
            if anchor is not None:
                self.go_to_place(anchor)
            # Lines drawn before at the old width stay on screen unless repainted: when
            # the text is as tall at both widths nothing else says it changed.
            self.refresh()
        self._sync_size()
        self._schedule_moved()

    # Places ------------------------------------------------------------------------------

    def top_place(self) -> TextPlace | None:
        """Where the screen starts, in terms that survive a new width or a relinked text."""
        return place_at(self._layout, round(self.scroll_y)) if self._layout else None

    def go_to_place(self, place: TextPlace) -> None:
        """Scroll back to a place from :meth:`top_place`, at any width."""
        y = line_of_place(self._layout, place) if self._layout else None
        if y is not None:
            self._sync_size()
            self.scroll_to(y=y, animate=False, immediate=True)

    def reading_place(self) -> tuple[int, int] | None:
        """(block index, offset in its text) of the top of the screen, to save."""
        top = top_of(self._layout, round(self.scroll_y)) if self._layout else None
        return None if top is None else (top.block, max(0, top.offset))

    def visible_lines(self) -> tuple[int, int]:
        """First and last document lines on screen."""
        return self._screen_lines()

    def _screen_lines(self) -> tuple[int, int]:
        top = round(self.scroll_y)
        return top, top + max(0, self.scrollable_content_region.height - 1)

    def visible_passage(self) -> ShownPassage | None:
        """What is on screen now."""
        if self._layout is None or not self._layout.document.blocks:
            return None
        return self._layout.shown(*self._screen_lines())

    def shown_range(self, block: int) -> tuple[int, int]:
        """Start and end offsets of the part of block ``block``'s text on screen (all of
        it if none is)."""
        if self._layout is None:
            return 0, 0
        return shown_range(self._layout, self.visible_passage(), block)

    def visible_block_range(self) -> tuple[int, int] | None:
        """First and last block on screen now."""
        if self._layout is None or not self._layout.document.blocks:
            return None
        return self._layout.visible_blocks(*self._screen_lines())

    # Telling the screen what is shown ----------------------------------------------------

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._schedule_moved()

    def _schedule_moved(self) -> None:
        """Report what is shown now, unless a report went less than MOVED_DELAY ago: then
        once more when that window ends (the last place is the one reported)."""
        if self._moved_timer is not None:
            self._moved_again = True
            return
        self._post_moved()
        self._moved_timer = self.set_timer(MOVED_DELAY, self._moved_window_ended)

    @property
    def reporting_moves(self) -> bool:
        """Whether a move was reported less than :data:`MOVED_DELAY` ago (the next one
        then waits for the window's end)."""
        return self._moved_timer is not None

    def _moved_window_ended(self) -> None:
        self._moved_timer = None
        if self._moved_again:
            self._moved_again = False
            self._schedule_moved()

    def _post_moved(self) -> None:
        """Keep what is drawn in step with the move (:meth:`_moving`, before the frame),
        tell the screen what is shown (a message: handled after the frame), then wrap
        the next page once that frame is out."""
        if self._layout is None or not self._layout.document.blocks:
            return
        passage = self._layout.shown(*self._screen_lines())
        self._moving(passage)
        self.post_message(ReadingMoved(self, passage))
        self.call_after_refresh(self._wrap_ahead)

    def _moving(self, passage: ShownPassage) -> None:
        """What is shown changed: a subclass keeps what it draws in step, in this frame
        (a message is handled only after the frame is drawn)."""

    def _wrap_ahead(self) -> None:
        """Wrap the page below the screen while the reader reads this one, so paging down
        draws exact lines at once; never above the screen, which would move the text read."""
        if self._layout is None:
            return
        bottom = self._screen_lines()[1]
        page = max(1, self.scrollable_content_region.height)
        if self._layout.lay_out(bottom + 1, bottom + page):
            self._sync_size()

    # Jumps and paging --------------------------------------------------------------------

    def jump_to(self, block: int, start: int | None = None, end: int | None = None) -> None:
        """Bring a block (or a passage of it) a third of the way down the screen; a
        passage given by ``start``/``end`` is highlighted until the next jump."""
        if self._layout is None or not 0 <= block < len(self._layout.document.blocks):
            return
        y = self._layout.offset_line(block, start or 0)
        self.highlight = (block, start, end) if start is not None and end is not None else None
        self._sync_size()
        third = self.scrollable_content_region.height // 3
        target = y if start is None else max(0, y - third)
        self.scroll_to(y=target, animate=False, immediate=True)
        self.refresh()
        self._schedule_moved()

    def jump_to_line(self, y: int) -> None:
        """Bring document line ``y`` a third of the way down the screen (a match in a
        table cell: its row), nothing highlighted."""
        self.highlight = None
        self._sync_size()
        third = self.scrollable_content_region.height // 3
        self.scroll_to(y=max(0, y - third), animate=False, immediate=True)
        self.refresh()
        self._schedule_moved()

    def scroll_to_line(self, y: int) -> None:
        """Scroll so document line ``y`` is at the top (for restoring exact offsets)."""
        self._sync_size()
        self.scroll_to(y=y, animate=False, immediate=True)

    def action_page_down(self) -> None:
        """One screen down, keeping a line of context."""
        self.scroll_to(
            y=self.scroll_y + max(1, self.scrollable_content_region.height - 1), animate=False
        )

    def action_page_up(self) -> None:
        """One screen up, keeping a line of context."""
        self.scroll_to(
            y=self.scroll_y - max(1, self.scrollable_content_region.height - 1), animate=False
        )

    def action_scroll_home(self) -> None:
        """To the start at once: an animation would lay out every page it passes."""
        self.scroll_to(y=0, animate=False)

    def action_scroll_end(self) -> None:
        """To the end at once (an animation would lay out every page it passes), the
        last page laid out first so that its real height, not an estimate, puts the
        last line at the bottom."""
        if self._layout is not None:
            page = max(1, self.scrollable_content_region.height)
            while self._layout.lay_out(max(0, self._layout.height - page), self._layout.height):
                pass
            self._sync_size()
            # Scrolled in this frame: the new height is known now.
            self.scroll_to(y=self._layout.height - page, animate=False, immediate=True)
        # Again after the refresh a new height may cause, in case a scrollbar appearing
        # narrowed the text (a no-op when it did not).
        self.call_after_refresh(lambda: self.scroll_to(y=self.max_scroll_y, animate=False))
