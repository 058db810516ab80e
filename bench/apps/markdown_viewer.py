"""Textual's own Markdown widget: ``MarkdownViewer`` on a file, with the focus.

``python markdown_viewer.py PATH``: the peer for showing a Markdown book (no table of
contents, so only the document is built).
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import MarkdownViewer


class ViewerApp(App[None]):
    """One MarkdownViewer, focused so that the reading keys scroll it; q quits."""

    BINDINGS = [Binding("q", "quit", "Quit")]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.markdown = path.read_text(encoding="utf-8")

    def compose(self) -> ComposeResult:
        yield MarkdownViewer(markdown=self.markdown, show_table_of_contents=False)

    def on_mount(self) -> None:
        self.query_one(MarkdownViewer).focus()


if __name__ == "__main__":
    ViewerApp(Path(sys.argv[1])).run()
