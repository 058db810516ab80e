"""The reading view: a Line-API widget that draws only the lines on screen.

The document is laid out by :class:`reader.layout.DocumentLayout` (lazily, per block, per
width); this widget turns the lines it is asked for into strips, styles runs from its
component classes (so themes and TCSS decide colours), keeps a focused link for Tab and
Enter, and reports what the reader wants to follow with a message. It never reads files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from reader.document import Document
from reader.layout import DocumentLayout, Line, LinkTarget
from reader.ui.keymap import Scope, bindings


class TextPlace(NamedTuple):
    """A place in a text whatever the width: what a jump, a resize or a relink keeps."""

    block_id: str
    line: int
    """Line within the block."""
    offset: int
    """Offset in the block's text of the first character on that line (-1 where the
    line shows none: a blank line, code, a table)."""


class ShownPassage(NamedTuple):
    """What is on screen: first and last block, the offset of the first character shown
    of the first and past the last one shown of the last (-1: its end)."""

    first_block: int
    last_block: int
    start: int = 0
    end: int = -1


MatchFinder = Callable[[int, int, int], list[tuple[int, int]]]
"""(block, low, high) → the (start, end) of every search match in that stretch."""

_ROLES = (
    "highlight",
    "match",
    "selection",
    "cursor",
    "bookmark-mark",
    "em",
    "strong",
    "code",
    "code-block",
    "strike",
    "link",
    "image",
    "term",
    "note-ref",
    "note-number",
    "html",
    "heading",
    "heading1",
    "heading2",
    "heading3",
    "heading-rule",
    "quote-bar",
    "marker",
    "rule",
    "table-border",
    "table-header",
)


class ArticleView(ScrollView, can_focus=True):
    """A scrolling, centred column of text with focusable links."""

    COMPONENT_CLASSES = {f"article--{role}" for role in _ROLES} | {"article--focused-link"}
    """One class per layout role, plus the focused link; styled in ``app.tcss``."""

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

    @dataclass
    class LinkActivated(Message):
        """The reader followed a link (Enter or click)."""

        view: ArticleView
        link: LinkTarget

        @property
        def control(self) -> ArticleView:
            return self.view

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

    def show(self, document: Document, *, keep_position: bool = True) -> None:
        """Show ``document``; keep the block at the top of the screen where it was."""
        anchor = self.top_place() if keep_position else None
        self._layout = DocumentLayout(document, self._text_width())
        self.focused_link = None
        self.highlight = None
        self._styles.clear()
        self._sync_size()
        if anchor is not None:
            self.go_to_place(anchor)
        self.refresh()

    def _text_width(self) -> int:
        width = self.scrollable_content_region.width or self.size.width
        if width <= 0:
            return self.measure
        return max(20, min(self.measure, width - 4))

    def _left_margin(self) -> int:
        if self._layout is None:
            return 0
        return max(0, (self.scrollable_content_region.width - self._layout.width) // 2)

    def _top(self) -> tuple[int, int, int] | None:
        """(block, line within it, offset of the first character shown or -1) of the
        line at the top of the screen."""
        if self._layout is None or not self._layout.document.blocks:
            return None
        y = round(self.scroll_y)
        index, row = self._layout.locate(y)
        runs = self._layout.line(y) or ()
        return index, row, next((run.offset for run in runs if run.offset >= 0), -1)

    def top_place(self) -> TextPlace | None:
        """Where the screen starts, in terms that survive a new width or a relinked text:
        the block at the top, the line within it, and the offset in its text of the
        first character shown (-1 where there is none: a blank line, code, a table)."""
        top = self._top()
        if top is None or self._layout is None:
            return None
        index, row, offset = top
        return TextPlace(self._layout.document.blocks[index].id, row, offset)

    def go_to_place(self, place: TextPlace) -> None:
        """Scroll back to a place from :meth:`top_place`, at any width."""
        if self._layout is None:
            return
        block_id, row, offset = place
        index = self._layout.document.block_index(block_id)
        if index is None:
            return
        # By offset where the line showed text; else (code, a table, a blank line) by line
        # within the block, once its start is laid out so that its height is exact.
        y = self._layout.offset_line(index, max(0, offset))
        if offset < 0:
            rows = self._layout.block_height(index)
            y = self._layout.block_top(index) + min(row, max(0, rows - 1))
        self._sync_size()
        self.scroll_to(y=y, animate=False, immediate=True)

    def reading_place(self) -> tuple[int, int] | None:
        """(block index, offset in its text) of the top of the screen, to save."""
        top = self._top()
        return None if top is None else (top[0], max(0, top[2]))

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
        if self._layout is None:
            return
        anchor = self.top_place()
        if self._layout.set_width(self._text_width()) and anchor is not None:
            self.go_to_place(anchor)
        self._sync_size()

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
        before = self._layout.height
        document_y = round(self.scroll_y) + y
        line = self._layout.line(document_y)
        if self._layout.height != before:
            self.call_later(self._sync_size)
        block = self._layout.locate(document_y)[0] if line else -1
        return self._strip(line or (), width, block)

    def _gutter(self, block: int, margin: int) -> list[Segment]:
        """The left margin, with the bookmark and cursor marks of the block, if any."""
        base = self.rich_style
        if margin < 2 or block < 0:
            return [Segment(" " * margin, base)] if margin else []
        mark = (
            Segment("◆", self._style("bookmark-mark", False))
            if block in self.marked_blocks
            else Segment(" ", base)
        )
        bar = (
            Segment("▎", self._style("cursor", False))
            if block == self.cursor_block
            else Segment(" ", base)
        )
        return [Segment(" " * (margin - 2), base), mark, bar]

    def _strip(self, line: Line, width: int, block: int = -1) -> Strip:
        base = self.rich_style
        margin = self._left_margin()
        segments = self._gutter(block if line else -1, margin)
        focus = self.focused_link if self.has_focus else None
        ranges = self._ranges(block, line)
        for run in line:
            focused = focus is not None and run.link == focus
            if not ranges or run.offset < 0:
                segments.append(Segment(run.text, self._style(run.roles, focused)))
                continue
            segments.extend(self._split_run(run.text, run.roles, run.offset, ranges, focused))
        strip = Strip(segments)
        return strip.extend_cell_length(width, base).crop(0, width)

    def _ranges(self, block: int, line: Line) -> list[tuple[int, int, str]]:
        """Search matches, highlighted and selected stretches of ``block``'s text on
        ``line``, with their role (later ones drawn over earlier ones)."""
        found: list[tuple[int, int, str]] = []
        offsets = [run.offset for run in line if run.offset >= 0]
        if self.matches_in is not None and offsets and block >= 0:
            high = max(run.offset + len(run.text) for run in line if run.offset >= 0)
            found.extend(
                (start, end, "match") for start, end in self.matches_in(block, offsets[0], high)
            )
        for marked, role in ((self.highlight, "highlight"), (self.selection, "selection")):
            if marked is not None and marked[0] == block:
                found.append((marked[1], marked[2], role))
        return found

    def _split_run(
        self, text: str, roles: str, offset: int, ranges: list[tuple[int, int, str]], focused: bool
    ) -> list[Segment]:
        """Cut a run where highlighted or selected stretches begin and end."""
        cuts = {0, len(text)}
        for start, end, _ in ranges:
            cuts.update(min(len(text), max(0, point - offset)) for point in (start, end))
        points = sorted(cuts)
        segments = []
        for left, right in pairwise(points):
            if left == right:
                continue
            extra = [role for start, end, role in ranges if start <= offset + left < end]
            style_roles = " ".join([roles, *extra]).strip()
            segments.append(Segment(text[left:right], self._style(style_roles, focused)))
        return segments

    # Jumps and position ----------------------------------------------------------------

    @dataclass
    class ReadingMoved(Message):
        """The screen settled on a new passage."""

        view: ArticleView
        passage: ShownPassage

        @property
        def control(self) -> ArticleView:
            return self.view

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
        self.post_message(self.ReadingMoved(self, ShownPassage(*self._layout.shown(top, bottom))))
        # Wrap the next page now, while the reader reads this one, so paging down draws
        # exact lines at once; never above the screen, which would move the text read.
        page = max(1, self.scrollable_content_region.height)
        if self._layout.lay_out(bottom + 1, bottom + page):
            self._sync_size()

    def visible_passage(self) -> ShownPassage | None:
        """What is on screen now."""
        if self._layout is None or not self._layout.document.blocks:
            return None
        return ShownPassage(*self._layout.shown(*self._screen_lines()))

    def shown_range(self, block: int) -> tuple[int, int]:
        """Start and end offsets of the part of block ``block``'s text on screen (all of
        it if none is)."""
        length = len(self._layout.document.blocks[block].text) if self._layout else 0
        shown = self.visible_passage()
        if shown is None or not shown[0] <= block <= shown[1]:
            return 0, length
        first, last, start, end = shown
        return (start if block == first else 0), (end if block == last and end >= 0 else length)

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

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag_from is not None:
            self._drag_to(event.x, event.y)
            return
        link = self.link_at(event.x, event.y)
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

    def visible_lines(self) -> tuple[int, int]:
        """First and last document lines on screen."""
        return self._screen_lines()

    def _screen_lines(self) -> tuple[int, int]:
        top = round(self.scroll_y)
        return top, top + max(0, self.scrollable_content_region.height - 1)

    def _move_link(self, step: int) -> None:
        layout = self._layout
        if layout is None or not layout.links:
            return
        top, bottom = self._screen_lines()
        current = self.focused_link
        visible = layout.links_on(top, bottom)
        if current is None or current not in visible:
            if visible:
                current = visible[0] if step > 0 else visible[-1]
            else:
                current = self._nearest_link(top, step)
        else:
            current = (current + step) % len(layout.links)
        self.focused_link = current
        self.scroll_to_link(current)

    def _nearest_link(self, y: int, step: int) -> int:
        """The first link below ``y`` (or the last above it, going back)."""
        assert self._layout is not None
        index, _ = self._layout.locate(y)
        links = self._layout.links
        if step > 0:
            return next((link.index for link in links if link.block >= index), 0)
        return next((link.index for link in reversed(links) if link.block < index), len(links) - 1)

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
            self.post_message(self.LinkActivated(self, self._layout.links[self.focused_link]))

    def link_at(self, x: int, y: int) -> int | None:
        """The link under widget cell (x, y), if any."""
        if self._layout is None:
            return None
        line = self._layout.line(round(self.scroll_y) + y) or ()
        position = self._left_margin()
        for run in line:
            width = Segment(run.text).cell_length
            if position <= x < position + width:
                return run.link if run.link >= 0 else None
            position += width
        return None

    def on_click(self, event: events.Click) -> None:
        link = self.link_at(event.x, event.y)
        if link is not None and self._layout is not None:
            event.stop()
            self.focus()
            self.focused_link = link
            self.post_message(self.LinkActivated(self, self._layout.links[link]))

    # Passages and mouse selection --------------------------------------------------------

    @dataclass
    class PassageClicked(Message):
        """The reader clicked text that is not a link: block index and offset in it."""

        view: ArticleView
        block: int
        offset: int

        @property
        def control(self) -> ArticleView:
            return self.view

    def position_at(self, x: int, y: int) -> tuple[int, int] | None:
        """(block index, offset in its text) of the character under cell (x, y)."""
        if self._layout is None:
            return None
        document_y = round(self.scroll_y) + y
        line = self._layout.line(document_y)
        if not line:
            return None
        block = self._layout.locate(document_y)[0]
        position = self._left_margin()
        last: int | None = None
        for run in line:
            width = Segment(run.text).cell_length
            if run.offset >= 0:
                if position <= x < position + width:
                    return block, run.offset + min(len(run.text) - 1, x - position)
                last = run.offset + len(run.text)
                if x < position:
                    return block, run.offset
            position += width
        return (block, last) if last is not None else None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button != 1 or self.link_at(event.x, event.y) is not None:
            return
        self._drag_from = self.position_at(event.x, event.y)
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
        self._drag_to(event.x, event.y)
        self.release_mouse()
        block, offset = self._drag_from
        self._drag_from = None
        if self.selection is None:
            self.post_message(self.PassageClicked(self, block, offset))

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
