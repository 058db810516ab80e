"""Command palette providers: glossary terms, the text's headings, its glossaries.

Display text is always built as :class:`Content` (never markup: term names and headings
come from files), and ``help`` is left empty because the palette parses it as markup.
Matching ignores case and accents, like everything else in the reader.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from reader.glossary import fold

if TYPE_CHECKING:
    from reader.ui.reading.screen import ReadingScreen


def highlight(matcher: Matcher, text: str) -> Content:
    """``text`` with the matched letters marked, built as plain Content: Textual's own
    ``Matcher.highlight`` parses its argument as markup, which a term or heading from a
    file must never be."""
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, fold(text))
    if not score:
        return content
    for offset in offsets:
        if offset < len(text) and not text[offset].isspace():
            content = content.stylize("bold underline", offset, offset + 1)
    return content


def _screen(provider: Provider) -> ReadingScreen:
    """The reading screen the palette was opened from (the providers are its COMMANDS)."""
    return cast("ReadingScreen", provider.screen)


class TermCommands(Provider):
    """Find a glossary term by fuzzy match and open its entry."""

    def _terms(self) -> list[tuple[str, str, str]]:
        opened = _screen(self).opened
        if opened is None:
            return []
        return [(t.term, " ".join(t.forms), t.short) for t in opened.glossaries.terms.values()]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(fold(query))
        notes = _screen(self).notes
        for key, names, short in self._terms():
            score = matcher.match(fold(names))
            if score > 0:
                display = highlight(matcher, key) + Content(f" — {short}").stylize("dim")
                yield Hit(score, display, partial(notes.open_term, key), text=key)

    async def discover(self) -> Hits:
        notes = _screen(self).notes
        for key, _, short in sorted(self._terms())[:200]:
            display = Content(key) + Content(f" — {short}").stylize("dim")
            yield DiscoveryHit(display, partial(notes.open_term, key), text=key)


class HeadingCommands(Provider):
    """Jump to a heading of the text."""

    def _headings(self) -> list[tuple[str, int]]:
        opened = _screen(self).opened
        if opened is None:
            return []
        document = opened.document
        found = []
        for entry in document.outline:
            index = document.block_index(entry.block_id)
            if index is not None:
                found.append((entry.title, index))
        return found

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(fold(query))
        places = _screen(self).places
        for title, index in self._headings():
            score = matcher.match(fold(title))
            if score > 0:
                display = Content("§ ") + highlight(matcher, title)
                yield Hit(score, display, partial(places.jump_to_block, index), text=title)

    async def discover(self) -> Hits:
        places = _screen(self).places
        for title, index in self._headings():
            yield DiscoveryHit(
                Content(f"§ {title}"), partial(places.jump_to_block, index), text=title
            )


class GlossaryChoiceCommands(Provider):
    """ "Glossaries for this text…": turn the text's glossaries on and off."""

    TITLE = "Glossaries for this text…"

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(fold(query))
        score = matcher.match(fold(self.TITLE))
        if score > 0:
            action = _screen(self).glossary_choosing.open_dialog
            yield Hit(score, highlight(matcher, self.TITLE), action, text=self.TITLE)

    async def discover(self) -> Hits:
        action = _screen(self).glossary_choosing.open_dialog
        yield DiscoveryHit(Content(self.TITLE), action, text=self.TITLE)
