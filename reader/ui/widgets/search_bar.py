"""The search bar: a field that appears under the text while the reader types a query."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Input

from reader.text.i18n import _


class SearchBar(Input):
    """Hidden until opened; keeps the last query, selected, for the next search."""

    shown: reactive[bool] = reactive(False)
    """Whether the bar is on screen."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=_("Search, ignoring case and accents…"), id=id)

    def open(self) -> None:
        """Show the bar with the focus in it and the last query selected.

        The focus moves at once, not later as ``focus()`` does: a query typed right after
        the slash (a terminal sends "/volga" in one burst) must reach the bar, not the
        text, where its letters are the reader's keys (v selects, g opens a panel)."""
        self.shown = True
        self.screen.set_focus(self)
        self.select_all()

    def close(self) -> None:
        """Hide the bar (the query stays for next time)."""
        self.shown = False

    def watch_shown(self, shown: bool) -> None:
        self.set_class(shown, "-shown")
