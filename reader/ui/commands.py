"""Command palette providers: glossary terms, the text's headings, its glossaries.

Display text is always built as :class:`Content` (never markup: term names and headings
come from files), and ``help`` is left empty because the palette parses it as markup.
Matching ignores case and accents, like everything else in the reader.
"""

from __future__ import annotations

import asyncio
import heapq
from collections.abc import Iterable, Iterator
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING, TypeVar, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from reader.glossary import fold

if TYPE_CHECKING:
    from reader.ui.reading.screen import ReadingScreen

T = TypeVar("T")


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


HITS_OFFERED = 100
"""Hits a provider hands the palette at most, best first: the palette lists every hit it
is given (an option list measured whole), and 100,000 headings froze it for minutes."""

MATCHES_BETWEEN_PAUSES = 500
"""Names matched between two returns to the event loop: a search runs on the UI thread,
and keys typed meanwhile must be answered."""


async def best_hits(names: Iterable[tuple[str, T]], matcher: Matcher) -> list[tuple[float, str, T]]:
    """(score, name, value) of the :data:`HITS_OFFERED` best matches among ``names``,
    best first, letting the event loop run every :data:`MATCHES_BETWEEN_PAUSES`."""
    scored: list[tuple[float, int, str, T]] = []
    for number, (name, value) in enumerate(names):
        if number % MATCHES_BETWEEN_PAUSES == MATCHES_BETWEEN_PAUSES - 1:
            await asyncio.sleep(0)
        score = matcher.match(fold(name))
        if score > 0:
            scored.append((score, -number, name, value))
    best = heapq.nlargest(HITS_OFFERED, scored, key=lambda item: (item[0], item[1]))
    return [(score, name, value) for score, _, name, value in best]


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
        terms = [(names, (key, short)) for key, names, short in self._terms()]
        for score, _, (key, short) in await best_hits(terms, matcher):
            display = highlight(matcher, key) + Content(f" — {short}").stylize("dim")
            yield Hit(score, display, partial(notes.open_term, key), text=key)

    async def discover(self) -> Hits:
        notes = _screen(self).notes
        for key, _, short in sorted(self._terms())[:200]:
            display = Content(key) + Content(f" — {short}").stylize("dim")
            yield DiscoveryHit(display, partial(notes.open_term, key), text=key)


class HeadingCommands(Provider):
    """Jump to a heading of the text."""

    def _headings(self) -> Iterator[tuple[str, int]]:
        """(title, block index) of each heading, one at a time (searched a few hundred
        between two pauses: see :func:`best_hits`)."""
        opened = _screen(self).opened
        if opened is None:
            return
        document = opened.document
        for entry in document.outline:
            index = document.block_index(entry.block_id)
            if index is not None:
                yield entry.title, index

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(fold(query))
        places = _screen(self).places
        for score, title, index in await best_hits(self._headings(), matcher):
            display = Content("§ ") + highlight(matcher, title)
            yield Hit(score, display, partial(places.jump_to_block, index), text=title)

    async def discover(self) -> Hits:
        places = _screen(self).places
        for title, index in islice(self._headings(), HITS_OFFERED):
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
