"""The library's list: a Line-API widget that draws only the rows on screen.

A thousand texts are a thousand rows; a table widget that builds every row on each
keystroke of the filter takes seconds on a slow machine. This one is handed the rows
as plain text (:func:`reader.userdata.library.row_line` lays each out) and draws the
ones in view, each a :class:`~textual.strip.Strip` of one segment: the cursor's row
reversed, a missing file's greyed. It knows nothing of files or the store; Enter and
a double click posts :class:`LibraryList.Chosen` (Enter is the screen's key).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


@dataclass(frozen=True)
class Row:
    """One row as drawn: its text, laid out in columns, and whether its file is gone."""

    text: str
    missing: bool = False


class LibraryList(ScrollView, can_focus=True):
    """The rows of the library, one line each, with a cursor."""

    COMPONENT_CLASSES = {"library-list--cursor", "library-list--missing"}

    cursor: reactive[int] = reactive(0)
    """The row under the cursor (0 when there are none)."""

    @dataclass
    class Chosen(Message):
        """Enter or a click on a row."""

        row: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[Row] = []

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def row_text(self, index: int) -> str:
        """The text of row ``index``, as drawn."""
        return self._rows[index].text

    def row_missing(self, index: int) -> bool:
        return self._rows[index].missing

    def set_rows(self, rows: list[Row], cursor: int = 0) -> None:
        """Show ``rows`` with the cursor on ``cursor`` (kept within them)."""
        self._rows = rows
        self.virtual_size = Size(0, len(rows))
        self._scroll_update(self.virtual_size)
        self.cursor = max(0, min(cursor, len(rows) - 1))
        self.refresh()

    def move(self, step: int) -> None:
        """Move the cursor ``step`` rows (kept within them)."""
        if self._rows:
            self.cursor = max(0, min(len(self._rows) - 1, self.cursor + step))

    def watch_cursor(self, cursor: int) -> None:
        if self._rows:
            region = Region(0, cursor, max(1, self.size.width), 1)
            self.scroll_to_region(region, animate=False, immediate=True)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        if not 0 <= index < len(self._rows):
            return Strip.blank(width, self.rich_style)
        row = self._rows[index]
        style = self.rich_style
        if row.missing:
            style += self.get_component_rich_style("library-list--missing")
        if index == self.cursor:
            style += self.get_component_rich_style("library-list--cursor")
        return Strip([Segment(row.text, style)]).crop_extend(0, width, style)

    def on_click(self, event: events.Click) -> None:
        """A click puts the cursor on a row; a double click opens it."""
        index = event.y + self.scroll_offset.y
        if 0 <= index < len(self._rows):
            self.cursor = index
            if event.chain >= 2:
                self.post_message(self.Chosen(index))
