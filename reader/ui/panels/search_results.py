"""The search results panel: every match of the last search with a line of context.

A search fills it (and opens it beside the text where it fits there, without taking the
focus: the reader is looking at the first match); ``s`` opens or focuses it. Enter on a
match asks the screen to go there (Backspace comes back), so n and N go on from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.document import Document
from reader.index.mentions import context_line
from reader.index.search import SearchResults
from reader.text.i18n import _
from reader.text.sanitize import title_line
from reader.text.strings import format_count
from reader.ui.panels.base import SidePanel, heading
from reader.ui.widgets.steady_option_list import SteadyOptionList

RESULTS_LISTED = 1_000
"""Matches listed; past these, n and N go on in the text itself (a list of a hundred
thousand would take the panel seconds to fill and nobody to read)."""


class SearchResultsPanel(SidePanel):
    """The matches of the last search, in reading order."""

    REMEMBERED = False
    """Closed at start: the next session has no search yet."""

    @dataclass
    class HitChosen(Message):
        """The reader picked match number ``index`` of the last search: go there."""

        index: int

    def compose_sections(self) -> ComposeResult:
        yield heading(_("Search results"))
        yield Static(Content(_("Search with / to list every match here.")), id="sr-summary")
        yield SteadyOptionList(id="sr-list")
        yield Static(Content(_("Enter goes there · Backspace comes back")), id="sr-hint")

    def focus_first(self) -> None:
        """The list, on the match gone to last (else the first)."""
        options = self.query_one("#sr-list", OptionList)
        if options.highlighted is None and options.option_count:
            options.highlighted = 0
        options.focus()

    def show_results(self, document: Document | None, results: SearchResults | None) -> None:
        """List the matches of ``results`` (found in ``document``); None empties the list."""
        self.when_built("results", lambda: self._list(document, results))

    def _list(self, document: Document | None, results: SearchResults | None) -> None:
        options = self.query_one("#sr-list", OptionList)
        summary = self.query_one("#sr-summary", Static)
        options.clear_options()
        if results is None or document is None:
            summary.update(Content(_("Search with / to list every match here.")))
            return
        query = title_line(results.query, 40)
        count = results.count_label()
        summary.update(Content(f"“{query}”: {count} {'match' if count == '1' else 'matches'}"))
        listed = []
        for number, hit in enumerate(results.matches[:RESULTS_LISTED]):
            text, (start, end) = context_line(hit.text_in(document), hit.start, hit.end)
            prompt = Content(text).stylize("reverse", start, end)  # the text is visible()
            if hit.cell is not None:
                header = document.blocks[hit.block].header_rows
                row = hit.cell[0] - header + 1
                where = (
                    _("table, row {row}: ").format(row=format_count(row))
                    if row > 0
                    else _("table, header: ")
                )
                prompt = Content(where).stylize("dim") + prompt
            listed.append(Option(prompt, id=str(number)))
        if len(results.matches) > RESULTS_LISTED:
            more = len(results.matches) - RESULTS_LISTED
            listed.append(
                Option(
                    Content(
                        _("… and {count} more: n and N step through them all").format(
                            count=format_count(more)
                        )
                    ).stylize("dim"),
                    disabled=True,
                )
            )
        options.add_options(listed)

    def show_current(self, index: int) -> None:
        """Highlight match ``index`` (the one gone to), if it is listed."""
        self.when_built("current", lambda: self._highlight(index))

    def _highlight(self, index: int) -> None:
        options = self.query_one("#sr-list", OptionList)
        if 0 <= index < min(options.option_count, RESULTS_LISTED):
            options.highlighted = index

    @on(OptionList.OptionSelected, "#sr-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.HitChosen(int(event.option.id)))
