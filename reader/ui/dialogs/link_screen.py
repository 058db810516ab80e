"""Asks before a web link leaves the reader, showing the real address."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.text.i18n import _
from reader.text.sanitize import visible_line
from reader.ui.keymap import Scope, bindings


class OpenLinkScreen(ModalScreen[bool]):
    """Shows a URL; Enter (or o) answers True, Esc False."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Scope.LINK)
    """Opening is always a deliberate second key press."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url

    def compose(self) -> ComposeResult:
        with Vertical(id="link-box"):
            yield Static(Content(_("Open this address in your browser?")))
            yield Static(Content(visible_line(self.url)), id="link-url")
            yield Static(Content(_("Enter open · Esc cancel")), id="link-hint")

    def action_answer(self, answer: bool) -> None:
        """Close with the reader's answer."""
        self.dismiss(answer)
