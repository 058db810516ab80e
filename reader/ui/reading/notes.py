"""Notes and links: a term's tooltip, the popup of a term's entry, a footnote or an
editor's note, links to another place in the text (a jump, Backspace returns), and web
links (opened in the browser only after the reader says so)."""

from __future__ import annotations

import webbrowser
from typing import TYPE_CHECKING

from reader.document import Document, NoteKind, SpanKind
from reader.document.jumps import linked_block
from reader.layout import LinkTarget
from reader.linking import entry_document, footnote_document
from reader.text.i18n import _
from reader.text.sanitize import is_safe_url, title_line, visible_line
from reader.text.strings import translate
from reader.ui.dialogs.link_screen import OpenLinkScreen
from reader.ui.dialogs.note_screen import NoteScreen

if TYPE_CHECKING:
    from reader.ui.reading.screen import ReadingScreen


_NOTES_OF_THE_TEXT = frozenset({NoteKind.FOOTNOTE, NoteKind.EDITOR})
"""Notes whose content the text carries (a footnote, an editor's note from its front
matter), shown as they are written."""


class Notes:
    """Looks notes up in the text opened and shows them."""

    def __init__(self, screen: ReadingScreen) -> None:
        self._screen = screen

    def describe_link(self, link: LinkTarget) -> str | None:
        """Tooltip text for a link: a term's summary, "Nota do editor 3" for an editor's
        note (so it is told from the author's footnotes before it is opened), a URL."""
        opened = self._screen.opened
        if link.kind is SpanKind.TERM_REF and opened is not None:
            term = opened.glossaries.terms.get(link.target)
            return f"{term.term}: {term.short}" if term else None
        if link.kind is SpanKind.NOTE_REF and opened is not None:
            for note in opened.document.notes:
                if note.key == link.target and note.kind is NoteKind.EDITOR:
                    word = translate("Editor's note", opened.document.meta.language)
                    return f"{word} {note.number}"
        if link.kind is SpanKind.LINK:
            index = self._block_of(link)
            if index is not None and opened is not None:
                return f"→ {title_line(opened.document.blocks[index].text, 60)}"
            return visible_line(link.target)
        return None

    def _block_of(self, link: LinkTarget) -> int | None:
        """The index of the block a link to a place in the text leads to, if it is one."""
        opened = self._screen.opened
        block = linked_block(link.target)
        if opened is None or block is None:
            return None
        return opened.document.block_index(block)

    def note_for(self, link: LinkTarget) -> Document | None:
        """The document of the note a link points to: glossary entry or footnote."""
        opened = self._screen.opened
        if opened is None:
            return None
        language = opened.document.meta.language
        if link.kind is SpanKind.TERM_REF:
            term = opened.glossaries.terms.get(link.target)
            return entry_document(term, opened.glossaries, language) if term else None
        if link.kind is SpanKind.NOTE_REF:
            for note in opened.document.notes:
                if note.key == link.target and note.kind in _NOTES_OF_THE_TEXT:
                    return footnote_document(note, language)
        return None

    def open_term(self, key: str) -> None:
        """Open the note of glossary term ``key`` in the popup."""
        self.follow(LinkTarget(-1, -1, SpanKind.TERM_REF, key))

    def follow(self, link: LinkTarget) -> None:
        """Open the note a link points to, or offer to open a web link."""
        if link.kind is SpanKind.LINK:
            index = self._block_of(link)
            if index is not None:
                self._screen.places.jump_to_block(index)
            elif linked_block(link.target) is not None:
                self._screen.notify(
                    _("This text has no place called {place}").format(
                        place=visible_line(link.target)
                    ),
                    severity="warning",
                    markup=False,
                )
            else:
                self._offer_url(link.target)
            return
        document = self.note_for(link)
        if document is not None:
            self._screen.app.push_screen(NoteScreen(document, self.note_for, self._out_of_note))

    def _out_of_note(self, popup: NoteScreen, link: LinkTarget) -> None:
        """A link in a note that leads elsewhere: a place in the text closes the popup and
        jumps there (Backspace returns to where the reader was); a web address is offered
        over the popup, which stays open."""
        if self._block_of(link) is not None:
            popup.dismiss(None)
        self.follow(link)

    def _offer_url(self, url: str) -> None:
        screen = self._screen
        if not is_safe_url(url):
            screen.notify(
                _("Not followed (only http, https and mailto links open): {url}").format(
                    url=visible_line(url)
                ),
                severity="warning",
                markup=False,
            )
            return

        def answered(open_it: bool | None) -> None:
            if open_it and not webbrowser.open(url):
                screen.notify(
                    _(
                        "No web browser could be started for {url}: set $BROWSER, or copy "
                        "the address."
                    ).format(url=visible_line(url)),
                    severity="warning",
                    markup=False,
                    timeout=8,
                )

        screen.app.push_screen(OpenLinkScreen(url), answered)
