"""The keypress floor: a ``ScrollView`` whose ``render_line`` returns one ``Strip``.

``python line_api.py PATH``: the file's lines, one screen line each (cut at the width),
scrolled by Textual's own bindings (PageDown, PageUp, Home, End). Drawing a line costs a
list look-up and one ``Segment``, so a key here costs what Textual itself costs: reading
the key, the scroll, the compositor and writing the frame to the terminal.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


class LinesView(ScrollView, can_focus=True):
    """The lines of a text, each drawn as one Strip of one Segment."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self.lines = lines
        self.virtual_size = Size(max(map(len, lines[:1000]), default=1), len(lines))

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        if index >= len(self.lines):
            return Strip.blank(self.size.width)
        text = self.lines[index][: self.size.width]
        return Strip([Segment(text)], len(text))


class LineApiApp(App[None]):
    """The lines of one file in a LinesView with the focus; q quits."""

    BINDINGS = [Binding("q", "quit", "Quit")]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.lines = path.read_text(encoding="utf-8").splitlines()

    def compose(self) -> ComposeResult:
        yield LinesView(self.lines)

    def on_mount(self) -> None:
        self.query_one(LinesView).focus()


if __name__ == "__main__":
    LineApiApp(Path(sys.argv[1])).run()
