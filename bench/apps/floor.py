"""The floor: a minimal Textual app showing one ``Static``; the cost of Python and Textual.

``python floor.py WORD``: the Static says WORD, which the benchmark waits for.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static


class FloorApp(App[None]):
    """One Static; q quits."""

    BINDINGS = [Binding("q", "quit", "Quit")]

    def __init__(self, word: str) -> None:
        super().__init__()
        self.word = word

    def compose(self) -> ComposeResult:
        yield Static(f"{self.word}: one Static, the floor.")


if __name__ == "__main__":
    FloorApp(sys.argv[1]).run()
