"""What every side panel shares: a titled column that reports choices with messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

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
    """A side panel; hidden until toggled. Subclasses compose their sections."""

    FOCUS_ON_OPEN: ClassVar[bool] = True
    """Whether opening the panel takes the focus (a panel that follows the reading leaves
    it in the text, so the reading keys keep scrolling the text)."""

    REMEMBERED: ClassVar[bool] = True
    """Whether an open panel opens again in the next session (not one showing what
    this session did, such as the matches of a search)."""

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
