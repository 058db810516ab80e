"""The reading view: a Line-API widget that draws only the lines on screen.

The document is laid out by :class:`reader.layout.DocumentLayout` (lazily, per block, per
width); this widget turns the lines it is asked for into strips, styles runs from its
component classes (so themes and TCSS decide colours), keeps a focused link for Tab and
Enter, and reports what the reader wants to follow with a message. It never reads files.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from reader.document import Document
from reader.layout import DocumentLayout, Line, LinkTarget, ShownPassage
from reader.layout.places import (
    TextPlace,
    line_of_place,
    next_link,
    place_at,
    shown_range,
    top_of,
)
from reader.layout.runs import ROLES
from reader.ui.keymap import Scope, bindings
from reader.ui.widgets.article_messages import (
    LinkActivated,
    LinkFocused,
    PassageClicked,
    ReadingMoved,
)
from reader.ui.widgets.painting import (
    PAINTED_ROLES,
    Gutter,
    Marked,
    link_in_line,
    marked_ranges,
    offset_in_line,
    paint_line,
)

MatchFinder = Callable[[int, int, int], list[tuple[int, int]]]
"""(block, low, high) → the (start, end) of every search match in that stretch."""


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """A scrolling, centred column of text with focusable links."""

    COMPONENT_CLASSES = {f"article--{role}" for role in (*ROLES, *PAINTED_ROLES, "focused-link")}
    """One class per layout role, plus the focused link; styled in ``styles/article.tcss``."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Scope.ARTICLE)
    """Reading keys; letters g c b m / ? are kept free for panels and search."""

    DEFAULT_CSS = """
    ArticleView {
        background: $surface;
        overflow-x: hidden;
    }
    """

    focused_link: reactive[int | None] = reactive(None, always_update=True)
    """Index of the focused link in the layout's links, or None."""
    highlight: reactive[tuple[int, int, int] | None] = reactive(None)
    """(block index, start, end) of a passage shown highlighted after a jump."""
    selection: reactive[tuple[int, int, int] | None] = reactive(None)
    """(block index, start, end) of text selected with the mouse, within one block."""
    cursor_block: reactive[int | None] = reactive(None)
    """Block of the reading cursor, marked in the margin."""
    marked_blocks: reactive[frozenset[int]] = reactive(frozenset())
    """Blocks carrying a bookmark, marked in the margin."""
    matches_in: reactive[MatchFinder | None] = reactive(None)
    """Gives the search matches in block ``b`` between offsets ``low`` and ``high``
    (called with b, low, high), shown marked; set while a search is on."""

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
        self._layout: DocumentLayout | None = None
        self._styles: dict[tuple[str, bool], Style] = {}
        self._drag_from: tuple[int, int] | None = None
        self.describe_link: Callable[[LinkTarget], str | None] | None = None
        """Gives the tooltip of a link (a term's one-line summary); set by the screen."""
        self._moved_timer: Timer | None = None
        self._rewrap_pending = False
        self._hovered: int | None = None
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

        ``layout``, ``document``'s made ahead (a loading thread lays a book out away from
        the UI thread, at :meth:`measure_width`), is used as it is if the width is still
        that."""
        anchor = self.top_place() if keep_position else None
        width = self._text_width()
        if layout is None or layout.document is not document:
            layout = DocumentLayout(document, width)
        else:
            layout.set_width(width)
        self._layout = layout
        self.focused_link = None
        self.highlight = None
        self._styles.clear()
        self._sync_size()
        if anchor is not None:
            self.go_to_place(anchor)
        self.refresh()

    def measure_width(self) -> int:
        """The width a text is laid out at now."""
        return self._text_width()

    def _text_width(self) -> int:
        """The measure at this width: the column left for the scrollbar whether it shows
        or not, so that its coming (a long text shown after a short one, a panel opened)
        never narrows the margin where the bookmark and cursor marks are drawn."""
        width = self.size.width - self.gutter.width
        if self.styles.overflow_y != "hidden":
            width -= self.styles.scrollbar_size_vertical
        if width <= 0:
            return self.measure
        return max(20, min(self.measure, width - 4))

    def _left_margin(self) -> int:
        if self._layout is None:
            return 0
        return max(0, (self.scrollable_content_region.width - self._layout.width) // 2)

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

    def _sync_size(self) -> None:
        # Lines are cut to the width they are drawn at: never a horizontal scrollbar, which
        # would otherwise come and go as the vertical one appears.
        size = Size(0, self._layout.height if self._layout is not None else 0)
        if size != self.virtual_size:
            self.virtual_size = size
            # A ScrollView updates its scrollbars (and so whether it scrolls at all) only
            # when its own size changes; a text shown while the window keeps its size
            # must say so itself, as Textual's TextArea and OptionList do.
            self._scroll_update(size)

    def on_resize(self, event: events.Resize) -> None:
        self._rewrap()

    def _rewrap(self) -> None:
        """Lay the text out again at this width, the same words at the top; then say
        what is on screen (the first size may come after the text: a cursor and the
        context panel wait for it)."""
        self._rewrap_pending = False
        if self._layout is None:
            return
        anchor = self.top_place()
        if self._layout.set_width(self._text_width()) and anchor is not None:
            self.go_to_place(anchor)
        self._sync_size()
        self._schedule_moved()

    def _style(self, roles: str, focused: bool) -> Style:
        key = (roles, focused)
        style = self._styles.get(key)
        if style is None:
            style = self.rich_style
            for role in roles.split():
                style += self.get_component_rich_style(f"article--{role}", partial=True)
            if focused:
                style += self.get_component_rich_style("article--focused-link", partial=True)
            self._styles[key] = style
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if self._layout is None:
            return Strip.blank(width, self.rich_style)
        if self._layout.width != self._text_width() and not self._rewrap_pending:
            # The width changed without a Resize reaching the view (a panel docked
            # beside it): wrap again before the reader sees cut lines.
            self._rewrap_pending = True
            self.call_later(self._rewrap)
        before = self._layout.height
        document_y = round(self.scroll_y) + y
        line = self._layout.line(document_y)
        if self._layout.height != before:
            self.call_later(self._sync_size)
        block = self._layout.locate(document_y)[0] if line else -1
        return paint_line(
            line or (),
            width,
            self._left_margin(),
            self._style,
            Gutter(block in self.marked_blocks, block == self.cursor_block) if line else None,
            self.focused_link if self.has_focus else None,
            self._marked_ranges(block, line or ()),
        )

    def _marked_ranges(self, block: int, line: Line) -> list[Marked]:
        """Search matches, the highlighted passage and the selection on ``line``."""
        if block < 0:
            return []
        offsets = [run.offset for run in line if run.offset >= 0]
        matches: list[tuple[int, int]] = []
        if self.matches_in is not None and offsets:
            high = max(run.offset + len(run.text) for run in line if run.offset >= 0)
            matches = self.matches_in(block, offsets[0], high)
        return marked_ranges(block, matches, self.highlight, self.selection)

    # Jumps and position ----------------------------------------------------------------

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._schedule_moved()

    def _schedule_moved(self) -> None:
        if self._moved_timer is not None:
            self._moved_timer.stop()
        self._moved_timer = self.set_timer(0.03, self._post_moved)

    def _post_moved(self) -> None:
        self._moved_timer = None
        if self._layout is None or not self._layout.document.blocks:
            return
        top, bottom = self._screen_lines()
        self.post_message(ReadingMoved(self, self._layout.shown(top, bottom)))
        # Wrap the next page now, while the reader reads this one, so paging down draws
        # exact lines at once; never above the screen, which would move the text read.
        page = max(1, self.scrollable_content_region.height)
        if self._layout.lay_out(bottom + 1, bottom + page):
            self._sync_size()

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

    def scroll_to_line(self, y: int) -> None:
        """Scroll so document line ``y`` is at the top (for restoring exact offsets)."""
        self._sync_size()
        self.scroll_to(y=y, animate=False, immediate=True)

    def _cell(self, event: events.MouseEvent) -> tuple[int, int]:
        """The content cell of a mouse event: the widget's padding (a blank line above
        the text) is not a row of text. A cell outside the text (padding, scrollbar)
        comes out negative or past the lines, where nothing is found."""
        offset = event.get_content_offset_capture(self)
        return offset.x, offset.y

    def on_mouse_move(self, event: events.MouseMove) -> None:
        x, y = self._cell(event)
        if self._drag_from is not None:
            self._drag_to(x, y)
            return
        link = self.link_at(x, y) if y >= 0 else None
        if link == self._hovered:
            return
        self._hovered = link
        tip: str | None = None
        if link is not None and self._layout is not None and self.describe_link is not None:
            tip = self.describe_link(self._layout.links[link])
        self.tooltip = Content(tip) if tip else None

    # Links ---------------------------------------------------------------------------

    def watch_focused_link(self, link: int | None) -> None:
        self.refresh()
        if link is not None and self._layout is not None:
            self.post_message(LinkFocused(self, self._layout.links[link]))

    def visible_lines(self) -> tuple[int, int]:
        """First and last document lines on screen."""
        return self._screen_lines()

    def _screen_lines(self) -> tuple[int, int]:
        top = round(self.scroll_y)
        return top, top + max(0, self.scrollable_content_region.height - 1)

    def _move_link(self, step: int) -> None:
        if self._layout is None or not self._layout.links:
            return
        link = next_link(self._layout, self.focused_link, *self._screen_lines(), step)
        self.focused_link = link
        self.scroll_to_link(link)

    def scroll_to_link(self, link: int) -> None:
        """Bring link ``link`` on screen, with a little context, if it is not already."""
        if self._layout is None:
            return
        y = self._layout.link_line(link)
        self._sync_size()
        top, bottom = self._screen_lines()
        if not top <= y <= bottom:
            third = self.scrollable_content_region.height // 3
            self.scroll_to(y=max(0, y - third), animate=False, immediate=True)

    def action_next_link(self) -> None:
        """Focus the next link in reading order (the first on screen if none is)."""
        self._move_link(1)

    def action_previous_link(self) -> None:
        """Focus the previous link in reading order."""
        self._move_link(-1)

    def action_follow_link(self) -> None:
        """Follow the focused link."""
        if self._layout is not None and self.focused_link is not None:
            self.post_message(LinkActivated(self, self._layout.links[self.focused_link]))

    def link_at(self, x: int, y: int) -> int | None:
        """The link under content cell (x, y) (the widget's padding left out), if any."""
        if self._layout is None or y < 0:
            return None
        line = self._layout.line(round(self.scroll_y) + y) or ()
        return link_in_line(line, x - self._left_margin())

    def on_click(self, event: events.Click) -> None:
        x, y = self._cell(event)
        link = self.link_at(x, y) if y >= 0 else None
        if link is not None and self._layout is not None:
            event.stop()
            self.focus()
            self.focused_link = link
            self.post_message(LinkActivated(self, self._layout.links[link]))

    # Passages and mouse selection --------------------------------------------------------

    def position_at(self, x: int, y: int) -> tuple[int, int] | None:
        """(block index, offset in its text) of the character under content cell (x, y)."""
        if self._layout is None or y < 0:
            return None
        document_y = round(self.scroll_y) + y
        line = self._layout.line(document_y)
        if not line:
            return None
        offset = offset_in_line(line, x - self._left_margin())
        return None if offset is None else (self._layout.locate(document_y)[0], offset)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        x, y = self._cell(event)
        if event.button != 1 or y < 0 or self.link_at(x, y) is not None:
            return
        self._drag_from = self.position_at(x, y)
        if self._drag_from is not None:
            self.selection = None
            self.capture_mouse()

    def _drag_to(self, x: int, y: int) -> None:
        if self._drag_from is None:
            return
        here = self.position_at(x, y)
        block, start = self._drag_from
        if here is None or here[0] != block:
            return  # a selection stays within one passage
        low, high = sorted((start, here[1]))
        self.selection = (block, low, high + 1) if high > low else None
        self.refresh()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag_from is None:
            return
        self._drag_to(*self._cell(event))
        self.release_mouse()
        block, offset = self._drag_from
        self._drag_from = None
        if self.selection is None:
            self.post_message(PassageClicked(self, block, offset))

    def selected_text(self) -> str | None:
        """The text selected with the mouse, if any."""
        if self.selection is None or self._layout is None:
            return None
        block, start, end = self.selection
        return self._layout.document.blocks[block].text[start:end]

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
        # After the refresh that a new height may cause (a scrollbar appearing first).
        self.call_after_refresh(lambda: self.scroll_to(y=self.max_scroll_y, animate=False))
