"""The reading view: a Line-API widget that draws only the lines on screen.

Where the reader is (layout, width, places, jumps, paging) is :class:`TextViewport`'s
job; this widget turns the lines it is asked for into strips, styles runs from its
component classes (so themes and TCSS decide colours), keeps a focused link for Tab and
Enter, selects with the mouse, and reports what the reader wants to follow with a
message. It never reads files.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.content import Content
from textual.reactive import reactive
from textual.strip import Strip

from reader.document import Document
from reader.layout import Line, LinkTarget, ShownPassage
from reader.layout.motions import word_at
from reader.layout.places import next_link
from reader.layout.runs import ROLES
from reader.ui.keymap import Scope, bindings
from reader.ui.widgets.article_messages import (
    LinkActivated,
    LinkFocused,
    PassageClicked,
    TextSelected,
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
from reader.ui.widgets.text_viewport import TextViewport

MatchFinder = Callable[[int, int, int], list[tuple[int, int]]]
"""(block, low, high) → the (start, end) of every search match in that stretch."""


class ArticleView(TextViewport, can_focus=True, inherit_bindings=False):
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
    selection: reactive[tuple[int, int, int] | None] = reactive(None)
    """(block index, start, end) of text selected with the mouse or the keys, within
    one block (a bookmark's passage is in one block)."""
    cursor_block: reactive[int | None] = reactive(None)
    """Block of the reading cursor, marked in the margin."""
    marked_blocks: reactive[frozenset[int]] = reactive(frozenset())
    """Blocks carrying a bookmark, marked in the margin."""
    show_marks: reactive[bool] = reactive(True)
    """Whether the margin shows the bookmark and cursor marks (not in zen mode)."""
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
        super().__init__(document, measure=measure, name=name, id=id, classes=classes)
        self._styles: dict[tuple[str, bool], Style] = {}
        self._drag_from: tuple[int, int] | None = None
        self.describe_link: Callable[[LinkTarget], str | None] | None = None
        """Gives the tooltip of a link (a term's one-line summary); set by the screen."""
        self._hovered: int | None = None
        self.follow_reading: Callable[[ShownPassage], None] | None = None
        """Called with what is shown as soon as the text moves, before the frame is drawn:
        the screen keeps the reading cursor on screen with it, so the cursor moves in the
        same frame as the text. Set by the screen."""
        self.tab_leaves = False
        """Whether Tab after the last link (Shift+Tab before the first, or either with no
        link) moves the focus on instead of wrapping round: set for a text shown inside
        a panel, so the keyboard reaches what the panel has below it (the outline)."""

    def _moving(self, passage: ShownPassage) -> None:
        if self.follow_reading is not None:
            self.follow_reading(passage)

    def _shown_new_text(self) -> None:
        self.focused_link = None
        self.selection = None  # offsets of the text shown before
        self._styles.clear()

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
        self._rewrap_if_narrowed()
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
            self._gutter(block) if line else None,
            self.focused_link if self.has_focus else None,
            self._marked_ranges(block, line or ()),
        )

    def _gutter(self, block: int) -> Gutter | None:
        """The margin marks of a line of ``block``; none while they are hidden."""
        if not self.show_marks:
            return None
        return Gutter(block in self.marked_blocks, block == self.cursor_block)

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

    # Mouse ---------------------------------------------------------------------------

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

    def _move_link(self, step: int) -> None:
        if self._layout is None or not self._layout.links:
            self._leave(step)
            return
        link = next_link(self._layout, self.focused_link, *self._screen_lines(), step)
        wrapped = self.focused_link is not None and (link - self.focused_link) * step <= 0
        if wrapped and self.tab_leaves:
            self.focused_link = None
            self._leave(step)
            return
        self.focused_link = link
        self.scroll_to_link(link)

    def _leave(self, step: int) -> None:
        if self.tab_leaves:
            if step > 0:
                self.screen.focus_next()
            else:
                self.screen.focus_previous()

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
        elif event.chain == 2:
            self._select_word_at(x, y)

    def _select_word_at(self, x: int, y: int) -> None:
        """A double click: the word under the pointer selected (and copied, as a drag)."""
        place = self.position_at(x, y)
        if place is None or self.document is None:
            return
        block, offset = place
        word = word_at(self.document.blocks[block].text, offset)
        if word is None or not word.start <= offset < word.end:
            return
        self.selection = (block, word.start, word.end)
        self.refresh()
        self.post_message(TextSelected(self))

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
        if here is None or here[0] != block or self.document is None:
            return  # a selection stays within one passage
        low, high = sorted((start, here[1]))
        if high == low:
            self.selection = None
        else:
            self.selection = (block, *_whole_words(self.document.blocks[block].text, low, high))
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
        else:
            self.post_message(TextSelected(self))

    def selected_text(self) -> str | None:
        """The text selected (with the mouse or the keys), if any."""
        if self.selection is None or self._layout is None:
            return None
        block, start, end = self.selection
        return self._layout.document.blocks[block].text[start:end]


def _whole_words(text: str, low: int, high: int) -> tuple[int, int]:
    """The stretch of ``text`` from character ``low`` to ``high`` (both in it) widened to
    the whole words the two ends fall in, as the keyboard's selection and e-readers
    select: a drag that ends mid-word does not quote half of it."""
    first = word_at(text, low)
    if first is not None and first.start <= low < first.end:
        low = first.start
    last = word_at(text, high)
    end = high + 1
    if last is not None and last.start <= high < last.end:
        end = last.end
    return low, end
