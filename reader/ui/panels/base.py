"""What every side panel shares: a titled column that reports choices with messages.

A panel is built when it is first shown, not at start: hidden, it is an empty column,
and what the screen hands it meanwhile (a text's tables, bookmarks, search results) is
kept to fill its sections then. The reader's first frame styles a few widgets instead of
every panel's lists and views, and a panel nobody opens costs nothing while reading.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static


class PanelHeading(Static):
    """A section title inside a panel."""


def heading(text: str) -> PanelHeading:
    """A section heading, never parsed as markup."""
    return PanelHeading(Content(text))


class SidePanel(VerticalScroll):
    """A side panel; hidden until toggled. Subclasses compose their sections in
    :meth:`compose_sections`, built on first show (:meth:`build`), and fill them through
    :meth:`when_built`."""

    FOCUS_ON_OPEN: ClassVar[bool] = True
    """Whether opening the panel takes the focus (a panel that follows the reading leaves
    it in the text, so the reading keys keep scrolling the text)."""

    REMEMBERED: ClassVar[bool] = True
    """Whether an open panel opens again in the next session (not one showing what
    this session did, such as the matches of a search)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._built = False
        self._pending: dict[str, Callable[[], None]] = {}
        """Fills waiting for the sections, by what they fill (the last one of each)."""

    @property
    def built(self) -> bool:
        """Whether the sections exist (the panel was shown once)."""
        return self._built

    def compose(self) -> ComposeResult:
        return iter(())  # nothing until first shown: see build()

    def compose_sections(self) -> ComposeResult:
        """The panel's sections, composed when it is first shown."""
        return iter(())

    def build(self) -> bool:
        """Compose the sections now (once), and fill them with what came meanwhile;
        whether the panel has its sections (not while it is taken down: a key read
        after q, which must then do nothing with it)."""
        if self._built:
            return True
        sections = list(self.compose_sections())
        self.mount_all(sections)
        if any(section.parent is not self for section in sections):
            return False  # not mounted: a fill would look for sections not there
        self._built = True
        pending, self._pending = self._pending, {}
        for fill in pending.values():
            fill()
        return True

    def when_built(self, what: str, fill: Callable[[], None]) -> None:
        """Run ``fill`` (which fills ``what``) now if the sections exist, else once they
        do; a later fill of the same ``what`` replaces one still waiting."""
        if self._built:
            fill()
            return
        self._pending.pop(what, None)
        self._pending[what] = fill

    def focus_first(self) -> None:
        """Take the focus where the reader starts in this panel (the panel itself unless
        a subclass knows better: a filter, a list)."""
        self.focus()

    @dataclass
    class TermChosen(Message):
        """The reader picked a glossary term: open its note."""

        term: str

    @dataclass
    class TermSelected(Message):
        """The reader selected a term in the panel (] and [ now step through its
        mentions)."""

        term: str

    @dataclass
    class BlockChosen(Message):
        """The reader picked a place in the text: jump there (pushing the jump stack)."""

        block: int
        start: int | None = None
        end: int | None = None
