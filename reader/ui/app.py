"""The Rodapé app: the article, its notes, and the keys to read them.

The app owns loading (in a worker thread, so the first frame never waits for a book) and
turns followed links into popups. Widgets only render and report.
"""

from __future__ import annotations

import webbrowser
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Footer, Header, Static

from reader.document import Document, NoteKind, SpanKind, parse_document
from reader.errors import ReaderError
from reader.glossary import GlossarySet
from reader.layout import LinkTarget
from reader.library import OpenedText, TextRef, glossaries_for, open_text
from reader.linking import Marks, entry_document, footnote_document, link_document
from reader.sanitize import is_safe_url, visible_line
from reader.ui.article_view import ArticleView
from reader.ui.link_screen import OpenLinkScreen
from reader.ui.messages import TextFailed, TextLoaded
from reader.ui.note_screen import NoteScreen

TWO_STEP_LOAD_CHARS = 300_000
"""Texts larger than this are shown before their glossary is matched, then relinked."""


class ReaderApp(App[None]):
    """Read one text; Tab through its links; Enter opens a note."""

    CSS_PATH = "app.tcss"
    TITLE = "Rodapé"
    ENABLE_COMMAND_PALETTE = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
    ]
    """App-wide keys; reading keys live on the article view."""

    def __init__(
        self,
        text: TextRef,
        *,
        source: str | None = None,
        extra_glossaries: Sequence[Path] = (),
        marks: Marks = "first",
    ) -> None:
        super().__init__()
        self.text = text
        self._source = source
        self._extra = tuple(extra_glossaries)
        self._marks: Marks = marks
        self.opened: OpenedText | None = None
        """The text as loaded and linked, once it is."""

    def compose(self) -> ComposeResult:
        yield Header(icon="¶")
        yield ArticleView(id="article")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = visible_line(self.text.name)
        self.query_one(ArticleView).focus()
        self._load()

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        """Read, parse and link the text away from the UI thread."""
        try:
            if self._source is None or len(self._source) <= TWO_STEP_LOAD_CHARS:
                opened = open_text(self.text, self._extra, marks=self._marks, source=self._source)
                self.post_message(TextLoaded(opened, linked=True))
                return
            document = parse_document(self._source, self.text.path, display_name=self.text.name)
            plain = link_document(document, None)
            self.post_message(
                TextLoaded(OpenedText(self.text, plain, GlossarySet(), ()), linked=False)
            )
            found = glossaries_for(document, self.text.path, self._extra)
            linked = link_document(document, found.glossary_set, marks=self._marks)
            problems = (*document.warnings, *found.problems)
            self.post_message(
                TextLoaded(OpenedText(self.text, linked, found.glossary_set, problems), True)
            )
        except ReaderError as error:
            self.post_message(TextFailed(error))

    @on(TextLoaded)
    def _show_text(self, event: TextLoaded) -> None:
        self.opened = event.opened
        self.sub_title = event.opened.document.meta.title
        self.query_one(ArticleView).show(event.opened.document)
        if event.linked:
            for problem in event.opened.problems:
                self.notify(str(problem), severity="warning", markup=False, timeout=8)

    @on(TextFailed)
    def _show_failure(self, event: TextFailed) -> None:
        self.query_one("#status", Static).update(Content(str(event.error)))
        self.query_one("#status").add_class("-error")
        self.notify(str(event.error), severity="error", markup=False, timeout=30)

    # Notes and links -----------------------------------------------------------------

    def note_for(self, link: LinkTarget) -> Document | None:
        """The document of the note a link points to: glossary entry or footnote."""
        if self.opened is None:
            return None
        language = self.opened.document.meta.language
        if link.kind is SpanKind.TERM_REF:
            term = self.opened.glossaries.terms.get(link.target)
            return entry_document(term, self.opened.glossaries, language) if term else None
        if link.kind is SpanKind.NOTE_REF:
            for note in self.opened.document.notes:
                if note.key == link.target and note.kind is NoteKind.FOOTNOTE:
                    return footnote_document(note, language)
        return None

    @on(ArticleView.LinkActivated)
    def _follow(self, event: ArticleView.LinkActivated) -> None:
        if event.link.kind is SpanKind.LINK:
            self._offer_url(event.link.target)
            return
        document = self.note_for(event.link)
        if document is not None:
            self.push_screen(NoteScreen(document, self.note_for))

    def _offer_url(self, url: str) -> None:
        if not is_safe_url(url):
            self.notify(
                f"Not followed (only http, https and mailto links open): {visible_line(url)}",
                severity="warning",
                markup=False,
            )
            return

        def answered(open_it: bool | None) -> None:
            if open_it:
                webbrowser.open(url)

        self.push_screen(OpenLinkScreen(url), answered)
