"""The small dialog that takes a bookmark's note: Enter saves, Esc cancels."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reader.text.i18n import _
from reader.text.sanitize import title_line
from reader.ui.keymap import Scope, bindings

QUOTE_CHARS = 160
"""How much of the passage the dialog shows, so the reader knows what they mark."""


class BookmarkDialog(ModalScreen[str | None]):
    """Shows the passage and asks for an optional note; answers the note, or None."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Scope.DIALOG)
    """Enter (in the note field) saves; Esc leaves without saving."""

    def __init__(self, quote: str, *, note: str = "", title: str | None = None) -> None:
        super().__init__()
        self.quote = quote
        self.note = note
        self.dialog_title = title or _("Bookmark")

    def compose(self) -> ComposeResult:
        with Vertical(id="bookmark-box"):
            yield Static(Content(f"“{title_line(self.quote, QUOTE_CHARS)}”"), id="bookmark-quote")
            yield Input(
                value=self.note,
                placeholder=_("Note (optional)"),
                id="bookmark-note",
                select_on_focus=False,
            )
            yield Static(Content(_("Enter save · Esc cancel")), id="bookmark-hint")

    def on_mount(self) -> None:
        self.query_one("#bookmark-box").border_title = Content(self.dialog_title)
        self.query_one(Input).focus()

    @on(Input.Submitted, "#bookmark-note")
    def _save(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
