"""The note popup: a glossary entry or a footnote, over the article, closed with Esc.

It shows the note with the same Line-API view as the article, so definitions get the same
typography and their "see also" links are focusable; following one replaces the note and
Backspace comes back. The article underneath is never touched, so closing the popup leaves
the reader exactly where they were.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.document import BlockKind, Document, SpanKind
from reader.layout import LinkTarget
from reader.text.i18n import _
from reader.ui.keymap import Scope, bindings
from reader.ui.widgets.article_messages import LinkActivated
from reader.ui.widgets.article_view import ArticleView

NoteResolver = Callable[[LinkTarget], Document | None]
"""Turns a followed link into the document of the note it points to."""
LinkFollower = Callable[["NoteScreen", LinkTarget], None]
"""Follows a link that leads out of the notes (a place in the text, a web address):
the reading screen's business, given the popup so it can close it first."""


def without_title(document: Document) -> Document:
    """The note without its title heading: the popup's border says the title already,
    and at 24 rows the heading, its rule and the blank line after it are three rows of
    the note's own text."""
    blocks = document.blocks
    if blocks and blocks[0].kind is BlockKind.HEADING and blocks[0].text == document.meta.title:
        return replace(document, blocks=blocks[1:])
    return document


class NoteScreen(ModalScreen[None]):
    """A modal showing one note at a time, with a back stack for "see also" chains."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Scope.NOTE)
    """Esc closes the popup wherever the reader is in a chain; Backspace steps back."""

    def __init__(self, document: Document, resolve: NoteResolver, follow_out: LinkFollower) -> None:
        super().__init__()
        self._document = document
        self._resolve = resolve
        self._follow_out = follow_out
        self._history: list[Document] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield ArticleView(without_title(self._document), measure=66, id="note-view")
            yield Static(self._hint(), id="note-hint")

    def _hint(self) -> Content:
        back = "  " + _("Backspace back") if self._history else ""
        return Content(_("Tab next link  Enter open  Esc close") + back)

    def on_mount(self) -> None:
        self.query_one("#note-box").border_title = Content(self._document.meta.title)
        self.query_one(ArticleView).focus()

    @property
    def note(self) -> Document:
        """The note shown now."""
        return self._document

    def _show(self, document: Document) -> None:
        self._document = document
        self.query_one(ArticleView).show(without_title(document), keep_position=False)
        self.query_one("#note-box").border_title = Content(document.meta.title)
        self.query_one("#note-hint", Static).update(self._hint())

    @on(LinkActivated, "#note-view")
    def _follow(self, event: LinkActivated) -> None:
        event.stop()
        if event.link.kind is SpanKind.LINK:
            self._follow_out(self, event.link)
            return
        document = self._resolve(event.link)
        if document is not None:
            self._history.append(self._document)
            self._show(document)

    def action_back(self) -> None:
        """Back to the note this one was opened from."""
        if self._history:
            self._show(self._history.pop())

    def action_close(self) -> None:
        """Close the popup; the article is where it was."""
        self.dismiss(None)
