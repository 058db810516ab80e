"""Finding things in the text: search (/, n, N, and its results panel) and a term's
mentions (], [).

The searching itself is pure (:class:`reader.index.search.SearchCursor`); this part only
shows where it lands, says "2 of 7" in the status line, lists the matches in the results
panel and remembers the way back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.index.search import SearchCursor, SearchResults
from reader.layout.places import table_row_line
from reader.text.fold import is_invisible
from reader.text.i18n import _
from reader.text.strings import format_count
from reader.ui.panels.glossary import GlossaryPanel
from reader.ui.panels.search_results import SearchResultsPanel

COUNT_STEP_CHARS = 250_000
"""Characters of a long text searched per step while its matches are counted (a few
milliseconds each)."""
COUNT_PAUSE = 0.002
"""Seconds between two steps: the screen draws and keys are read in between."""

if TYPE_CHECKING:
    from reader.index.search import SearchHit
    from reader.ui.reading.screen import ReadingScreen


class Finding:
    """The last search, and the mention of a term gone to last."""

    def __init__(self, screen: ReadingScreen) -> None:
        self._screen = screen
        self.searching = SearchCursor()
        """The last search (/) and the match gone to (n/N)."""
        self._current_mention: tuple[str, int, int] | None = None
        """(term, block, offset) of the mention gone to last."""
        self._said = ""
        """What the status line was last told of the search (to update it only if it
        still says that)."""
        self.chosen_term: str | None = None
        """The term chosen last, in the text (Tab, a click) or in the glossary panel:
        the one ] and [ step through."""
        self._waiting_query: str | None = None
        """A search typed before the text was in: run once it is."""

    def forget(self) -> None:
        """Another text: no term chosen, no mention gone to, no search results (they
        were the old text's)."""
        self._current_mention = None
        self.chosen_term = None
        self.searching = SearchCursor()
        self._waiting_query = None
        self._list_results()

    # Search -----------------------------------------------------------------------------

    def search(self, query: str) -> None:
        """Go to the first match of ``query`` from the top of the screen."""
        article = self._screen.article
        document = article.document
        if not query.strip():
            return
        if all(char.isspace() or is_invisible(char) for char in query):
            # Pasted zero-width spaces or soft hyphens: the search ignores them, so there is
            # nothing left to look for (it said "“​”: not found", quoting nothing visible).
            self._screen.status.say(
                _("Nothing to search for: only invisible characters"), seconds=4
            )
            return
        if document is None:
            # Typed before the text is in (a slow start, a big text): searched once it is.
            self._waiting_query = query
            return
        self._waiting_query = None
        place = article.reading_place() or (0, 0)
        match = self.searching.search(document, query, place)
        self._show_match(match, remember=True)
        if self.searching.counting:
            # A book: the match is shown first, the rest are counted after its frame.
            results = self.searching.results
            self._screen.call_after_refresh(lambda: self._count_more(results))
        else:
            self._counted()

    def text_replaced(self) -> None:
        """A text was shown: a search typed before any was is run on it now (it was
        dropped: "/volga" and Enter typed as the reader started did nothing); a search
        made on the text shown before (a book's opening, or the same not yet linked) is
        counted again on this one, in steps, and the status line says so if it still
        speaks of the search (a search typed while a book loaded kept the "1 of 12" of
        its opening, for a book of thousands)."""
        document = self._screen.article.document
        if document is not None and self._waiting_query is not None:
            self.search(self._waiting_query)
            return
        if document is None or not self.searching.rebase(document):
            return
        results = self.searching.results
        article = self._screen.article
        if article.matches_in is not None and results is not None:
            article.matches_in = results.in_block
        if self._screen.status.message == self._said:
            self._say()  # "counting…"
        self._screen.call_after_refresh(lambda: self._count_more(results))

    def _count_more(self, results: SearchResults | None) -> None:
        """Count one more step of the matches of ``results``, unless another search
        replaced it; the next step after a pause, so keys and frames come between."""
        if results is None or results is not self.searching.results:
            return
        if results.count(COUNT_STEP_CHARS):
            self._counted()
        else:
            self._screen.set_timer(COUNT_PAUSE, lambda: self._count_more(results))

    def _counted(self) -> None:
        """Every match counted: the status line says where the reader is among them (if it
        still speaks of the search), the panel lists them, the screen marks them."""
        screen = self._screen
        results = self.searching.results
        if screen.status.message == self._said != self.searching.status():
            self._say()  # "counting" becomes "k of N", unless something else was said
        self._list_results()
        panel = screen.query_one(SearchResultsPanel)
        if results and not screen.dock.show_beside(panel):
            screen.notify(_("s lists every match."), timeout=3)
        if self.searching.index >= 0:
            panel.show_current(self.searching.index)
        screen.article.refresh()  # the marks of the matches counted since the first frame

    def _say(self) -> None:
        screen = self._screen
        self._said = self.searching.status()
        screen.status.say(self._said, seconds=screen.status.COUNT_SECONDS)

    def go_to(self, index: int) -> None:
        """Go to match ``index`` of the last search (picked in the results panel); n and
        N go on from it, Backspace comes back."""
        results = self.searching.results
        if results is None or not 0 <= index < len(results):
            return
        self.searching.index = index
        self._show_match(self.searching.current, remember=True)

    def rerun(self) -> None:
        """The text was reloaded: the last search again on it, marks and list too (the
        reader goes on with n from where they are)."""
        results = self.searching.results
        document = self._screen.article.document
        if results is None or document is None:
            return
        self.searching.search(document, results.query, (0, 0))
        self.searching.index = -1
        again = self.searching.results
        if again is not None:
            again.count()  # the rest at once: a reload is rare, and n goes on by index
        self._list_results()
        if again is not None and self._screen.article.matches_in is not None:
            self._screen.article.matches_in = again.in_block

    def _list_results(self) -> None:
        panel = self._screen.query_one(SearchResultsPanel)
        panel.show_results(self._screen.article.document, self.searching.results)

    def search_next(self, step: int) -> None:
        """Go to the next (``step`` 1) or previous (-1) match of the last search."""
        article = self._screen.article
        document = article.document
        if self.searching.results is None or document is None:
            self._screen.notify(_("Search first: /"), timeout=2)
            return
        first = self.searching.current is None
        place = article.reading_place() or (0, 0)
        self._show_match(self.searching.step(document, step, place), remember=first)

    def _show_match(self, match: SearchHit | None, *, remember: bool = False) -> None:
        """Show ``match`` and mark the others; with ``remember``, Backspace comes back to
        where the reader was (once per search: not to every match seen on the way)."""
        screen = self._screen
        results = self.searching.results
        screen.article.matches_in = results.in_block if results is not None else None
        self._say()
        if match is None:
            screen.article.refresh()
            return
        if self.searching.index >= 0:
            screen.query_one(SearchResultsPanel).show_current(self.searching.index)
        layout = screen.article.text_layout
        if match.cell is not None and layout is not None:
            # In a table cell: its row, a third down (cells are not highlighted).
            y = table_row_line(layout, match.block, match.cell[0])
            if remember:
                screen.places.jump_to_line(y)
            else:
                screen.article.jump_to_line(y)
        elif remember:
            screen.places.jump_to_block(match.block, match.start, match.end)
        else:
            screen.article.jump_to(match.block, match.start, match.end)

    # Mentions ---------------------------------------------------------------------------

    def mention(self, step: int, panel: GlossaryPanel) -> None:
        """Next (``step`` 1) or previous (-1) mention of the term chosen last (focused in
        the text or selected in the glossary ``panel``), else of the one gone to last."""
        screen = self._screen
        aids = screen.aids
        if aids is None:
            return
        term = self._term(panel)
        if term is None:
            screen.notify(
                _("Focus a term (Tab) or select one in the glossary (g) first."), timeout=3
            )
            return
        block, offset = self._origin(term)
        found = aids.mentions.next_mention(term, block, offset, step)
        if found is None:
            screen.status.say(
                _("{term}: not mentioned in this text").format(term=term),
                seconds=screen.status.COUNT_SECONDS,
            )
            return
        self._current_mention = (term, found.block_index, found.start)
        screen.places.jump_to_block(found.block_index, found.start, found.end)
        number = aids.mentions.mention_index(term, found.block_index, found.start) + 1
        count = aids.mentions.count(term)
        screen.status.say(
            _("{term}: {number} of {count}").format(
                term=term, number=format_count(number), count=format_count(count)
            ),
            seconds=screen.status.COUNT_SECONDS,
        )

    def _term(self, panel: GlossaryPanel) -> str | None:
        if self.chosen_term is not None:
            return self.chosen_term
        if panel.display and panel.selected:
            return panel.selected
        if self._current_mention is not None:
            return self._current_mention[0]
        return None

    def _origin(self, term: str) -> tuple[int, int]:
        """Where to count the next mention from: the last one visited, else the focused
        link, else the top of the screen."""
        if self._current_mention is not None and self._current_mention[0] == term:
            return self._current_mention[1], self._current_mention[2]
        view = self._screen.article
        layout = view.text_layout
        aids = self._screen.aids
        if layout is not None and view.focused_link is not None and aids is not None:
            link = layout.links[view.focused_link]
            if link.target == term:
                found = [m for m in aids.mentions.mentions(term) if m.block_index == link.block]
                if found:
                    return found[0].block_index, found[0].start
        shown = view.visible_block_range()
        return (shown[0], -1) if shown else (0, -1)
