"""Pilot tests for the search results panel: every match with a line of context, Enter
goes there and Backspace comes back, table cells included (issue 14)."""

from __future__ import annotations

from pathlib import Path

from textual.css.query import NoMatches
from textual.widgets import OptionList

from reader.index.search import SearchResults
from reader.ui.app import ReaderApp
from reader.ui.panels.search_results import SearchResultsPanel
from reader.ui.widgets.article_view import ArticleView
from tests.ui_helpers import make_app, rendered, settle, view_text, wait_until


def listed(app: ReaderApp) -> list[str]:
    try:
        options = app.query_one("#sr-list", OptionList)
    except NoMatches:  # the panel was never shown: its sections are built on first show
        return []
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def search(pilot: object, app: ReaderApp, query: str) -> None:
    await pilot.press("slash", *query, "enter")  # type: ignore[attr-defined]

    def searched() -> bool:
        results = app.reading.finding.searching.results
        return results is not None and results.query == query

    await wait_until(pilot, searched, f"the matches of {query!r}")  # type: ignore[arg-type]


async def test_a_search_lists_every_match_beside_the_text_and_enter_goes_there() -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        panel = app.query_one(SearchResultsPanel)
        await search(pilot, app, "exercito")
        assert panel.display and view.has_focus  # beside the text, the focus left there
        assert view.document is not None
        results = SearchResults(view.document, "exercito")
        assert len(listed(app)) == len(results) > 3
        for line, hit in zip(listed(app), results.matches, strict=True):
            found = hit.text_in(view.document)[hit.start : hit.end]
            assert found in line  # the match, with a line of context around it
        assert "Exército" in listed(app)[0]
        assert f"{len(results)} matches" in rendered(app, "#sr-summary")
        start = round(view.scroll_y)
        await pilot.press("s")  # the panel's letter: into the list
        options = app.query_one("#sr-list", OptionList)
        await wait_until(pilot, lambda: options.has_focus, "the list focused")
        await pilot.press("down", "down", "down", "enter")
        third = results.matches[3]
        await wait_until(
            pilot, lambda: view.highlight == (third.block, third.start, third.end), "the jump"
        )
        assert view.has_focus
        assert "4 of" in rendered(app, "#status")
        await pilot.press("n")  # n goes on from the match picked
        fifth = results.matches[4]
        await wait_until(
            pilot, lambda: view.highlight == (fifth.block, fifth.start, fifth.end), "n"
        )
        await pilot.press("backspace")  # back to where the list jumped from
        await wait_until(pilot, lambda: round(view.scroll_y) == start, "back")


async def test_a_narrow_screen_keeps_the_text_clear_and_s_lists_the_matches() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panel = app.query_one(SearchResultsPanel)
        await search(pilot, app, "volga")
        assert not panel.display  # over the text it would hide the match just shown
        await pilot.press("s")
        await wait_until(pilot, lambda: bool(panel.display), "the panel")
        assert app.query_one("#sr-list", OptionList).has_focus
        assert len(listed(app)) > 1  # filled on first show with the search made before


TABLE_TEXT = """# Rios

{filler}

| Rio | Cidade |
|---|---|
{rows}
| Volga | Volgogrado |

Fim.
"""


async def test_a_match_in_a_table_cell_is_listed_and_goes_to_its_row(tmp_path: Path) -> None:
    filler = "\n\n".join(f"Parágrafo {n} sem nada de especial." for n in range(40))
    rows = "\n".join(f"| Rio {n} | Cidade {n} |" for n in range(40))
    path = tmp_path / "rios.md"
    path.write_text(TABLE_TEXT.format(filler=filler, rows=rows), encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(130, 30)) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        await search(pilot, app, "volgogrado")
        assert listed(app) == ["table, row 41: Volgogrado"]
        await wait_until(pilot, lambda: "Volgogrado" in view_text(view), "the row on screen")
        assert "Volga" in view_text(view)


async def test_one_panel_a_side_and_the_results_never_cover_the_readers_own(
    tmp_path: Path,
) -> None:
    """The glossary, bookmarks and results panels share the right side: opening one
    closes the other there (drawn one over the other, the one asked for was hidden); a
    search does not replace the panel the reader has open, s does."""
    app = make_app(data_dir=tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        glossary = app.query_one("#glossary-panel")
        bookmarks = app.query_one("#bookmarks-panel")
        results = app.query_one(SearchResultsPanel)
        await pilot.press("b")
        await wait_until(pilot, lambda: bool(bookmarks.display), "the bookmarks panel")
        await pilot.press("escape", "g")
        await wait_until(pilot, lambda: bool(glossary.display), "the glossary panel")
        assert not bookmarks.display
        await pilot.press("escape")
        await search(pilot, app, "volga")
        assert glossary.display and not results.display
        await pilot.press("s")
        await wait_until(pilot, lambda: bool(results.display), "the results panel")
        assert not glossary.display
