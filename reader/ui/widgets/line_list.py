"""A list of one-line entries that costs a screenful, however many entries it holds.

Textual's ``OptionList`` wraps and measures every option when it is filled and again on
each layout of a panel that grows with it (its height is the sum of its options'), so an
outline of 100,000 headings kept the reader busy for minutes. Here every entry is one
line, cut to the width: the height is the number of entries, filling the list is handing
it a sequence, and drawing touches only the lines on screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.text.i18n import N_

ELLIPSIS = "…"


def fit(text: str, width: int) -> str:
    """``text`` in exactly ``width`` cells: padded, or cut with an ellipsis."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + ELLIPSIS


class LineList(ScrollView, can_focus=True):
    """One-line entries; Up/Down/PgUp/PgDn/Home/End move the highlight, Enter or a click
    chooses (:class:`LineList.Chosen`)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", N_("Down"), show=False),
        Binding("up", "move(-1)", N_("Up"), show=False),
        Binding("pagedown", "page(1)", N_("Page Down"), show=False),
        Binding("pageup", "page(-1)", N_("Page Up"), show=False),
        Binding("home", "first", N_("First"), show=False),
        Binding("end", "last", N_("Last"), show=False),
        Binding("enter", "choose", N_("Choose"), show=False),
    ]
    """The keys of Textual's OptionList, doing the same."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"line-list--entry", "line-list--highlighted"}

    DEFAULT_CSS = """
    LineList {
        height: auto;
        overflow-x: hidden;
        background: $surface;
        & > .line-list--highlighted {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .line-list--highlighted {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
    }
    """

    highlighted: reactive[int | None] = reactive(None)
    """Index of the highlighted entry, or None."""

    @dataclass
    class Chosen(Message):
        """The reader chose entry ``index`` (Enter, or a click)."""

        line_list: LineList
        index: int

        @property
        def control(self) -> LineList:
            return self.line_list

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._entries: Sequence[str] = ()

    @property
    def entries(self) -> Sequence[str]:
        """The entries, in order."""
        return self._entries

    def set_entries(self, entries: Sequence[str]) -> None:
        """Show ``entries`` (kept as given, not copied), none highlighted, from the top."""
        self._entries = entries
        self.highlighted = None
        self.virtual_size = Size(0, len(entries))
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh(layout=True)

    def validate_highlighted(self, index: int | None) -> int | None:
        if index is None or not self._entries:
            return None
        return max(0, min(index, len(self._entries) - 1))

    def watch_highlighted(self, index: int | None) -> None:
        if index is not None:
            self.scroll_to_region(Region(0, index, 1, 1), animate=False, force=True, immediate=True)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = round(self.scroll_y) + y
        entry_style = self.get_component_rich_style("line-list--entry")
        if not 0 <= index < len(self._entries):
            return Strip.blank(width, self.rich_style)
        style = self.rich_style + entry_style
        if index == self.highlighted:
            style += self.get_component_rich_style("line-list--highlighted")
        return Strip([Segment(fit(self._entries[index], width), style)], width)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def on_focus(self, event: events.Focus) -> None:
        # The focus must show: a list focused with nothing highlighted looks unfocused,
        # and Enter would do nothing.
        if self.highlighted is None and self._entries:
            self.highlighted = 0

    def action_move(self, step: int) -> None:
        """The highlight ``step`` entries on (the first entry if none is highlighted)."""
        current = self.highlighted
        self.highlighted = 0 if current is None else current + step

    def action_page(self, step: int) -> None:
        """The highlight a page on (``step`` 1) or back (-1)."""
        current = self.highlighted or 0
        self.highlighted = current + step * self._page()

    def action_first(self) -> None:
        """The highlight on the first entry."""
        self.highlighted = 0

    def action_last(self) -> None:
        """The highlight on the last entry."""
        self.highlighted = len(self._entries) - 1

    def action_choose(self) -> None:
        """Choose the highlighted entry."""
        if self.highlighted is not None:
            self.post_message(self.Chosen(self, self.highlighted))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = round(self.scroll_y) + offset.y
        if 0 <= index < len(self._entries):
            event.stop()
            self.highlighted = index
            self.action_choose()
