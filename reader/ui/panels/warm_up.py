"""The panels' widget styles, read in before a panel first opens.

Textual adds a widget class's default CSS to the stylesheet when the first widget of
that class is mounted, and the next widget styled then parses the whole stylesheet again
and rebuilds its rule map: 27 of the 42 ms the first ``c`` spent building the context
panel, on the UI thread, between the key and the frame. The panels are built when first
shown (:mod:`reader.ui.panels.base`), so that cost came with the first key that opened
one. :class:`StyleWarmUp` mounts one hidden widget of each kind the panels are made of,
once the reader is idle after its first screen, and takes them away again: the
stylesheet keeps their CSS, parsed, and the first panel opens as fast as later ones.
"""

from __future__ import annotations

from typing import Final

from textual.app import ComposeResult
from textual.containers import Container
from textual.widgets import Input, OptionList, Static

from reader.ui.panels.base import PanelHeading
from reader.ui.panels.glossary import TermFilter, TermList
from reader.ui.widgets.line_list import LineList

WARM_UP_AFTER_S: Final = 0.5
"""How long after the reading screen is mounted the styles are read in: after its first
frame, when the reader is reading rather than waiting for it."""


class StyleWarmUp(Container):
    """Hidden; gone once its widgets are styled."""

    DEFAULT_CSS = """
    StyleWarmUp {
        display: none;
    }
    """

    def compose(self) -> ComposeResult:
        yield PanelHeading()
        yield Static()
        yield OptionList()
        yield TermList()
        yield Input()
        yield TermFilter()
        yield LineList()

    def on_mount(self) -> None:
        self.call_after_refresh(self.remove)
