"""Textual markup in every place a text or glossary can put a string on screen.

``[@click=app.pwned]`` given to a widget as markup becomes a clickable action. Every
string from a file must reach the screen as plain text: shown literally, styling nothing,
and no cell of the screen carrying an action or a hyperlink. Textual runs a click's action
from the style under the mouse, so checking every cell's style is checking every click;
real clicks on the markup's cells confirm it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.command import CommandPalette

from reader.document import SpanKind
from reader.ui.dialogs.note_screen import NoteScreen
from reader.ui.widgets.article_view import ArticleView
from tests.core_helpers import run_cli
from tests.hostile.helpers import (
    WatchedApp,
    assert_clean_output,
    click_cells,
    forbidden_in,
    screen_actions,
    screen_text,
    watched_app,
)
from tests.hostile.make_corpus import MARKUP
from tests.ui_helpers import link_cell, palette_results, search_palette, settle, wait_until

SIZE = (120, 40)
LITERAL = "[@click=app.pwned]CLICKME[/]"


def test_render_prints_markup_literally(
    corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``reader render``: the markup is in the output as written, in every place."""
    result = run_cli(capsys, "render", corpus["markup"])
    assert result.code == 0, result.err
    assert_clean_output(result)
    assert result.out.count(LITERAL) >= 7  # title, heading, body, code, 2 cells, link, notes
    assert "[@click=app.pwned]Kremlin[/] — [@click=app.pwned]CLICKME[/]" in result.out
    checked = run_cli(
        capsys, "check", corpus["markup"], corpus["markup"].parent / "glossary" / "markup.yaml"
    )
    assert checked.code == 0, checked.out + checked.err


def test_markup_in_a_file_name_is_a_title_not_markup(
    corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(capsys, "render", corpus["markup-name"])
    assert result.code == 0
    assert result.out.startswith("[@click=app.pwned]name\n")


def _assert_inert(app: WatchedApp, *shown: str) -> None:
    """The markup is on screen as written; no cell carries an action or a link."""
    text = screen_text(app)
    assert "[@click=app.pwned]" in text
    for piece in shown:
        assert piece in text, piece
    assert not forbidden_in(text)
    assert screen_actions(app) == set()
    assert app.pwned == 0 and app.is_running


def _plain_cells(view: ArticleView) -> list[tuple[int, int]]:
    """Every screen cell of ``view`` that is not one of the text's own links (clicking a
    term or footnote number opens its note: that is the reader's action, not the file's)."""
    region = view.region
    return [
        (region.x + x, region.y + y)
        for y in range(region.height)
        for x in range(region.width)
        if view.link_at(x - view.gutter.left, y - view.gutter.top) is None
    ]


async def test_markup_everywhere_in_the_app_is_inert(corpus: dict[str, Path]) -> None:
    """Header, article, notes section, note popup (term, short, definition, sources),
    footnote popup, context panel (title, author, source, context, outline), glossary
    panel, and the command palette listing terms and headings: the markup is shown as
    written and no cell of any of them carries an action or a link."""
    app = watched_app(corpus["markup"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        _assert_inert(app, LITERAL)
        assert app.reading.sub_title == MARKUP
        view = app.reading.article
        layout = view.text_layout
        assert layout is not None
        for target in ("[@click=app.pwned]Kremlin[/]", "fn:0"):
            link = next(link for link in layout.links if link.target == target)
            view.focused_link = link.index
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, NoteScreen)
            _assert_inert(app, LITERAL)
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        _assert_inert(app, "Author: [@click=app.pwned]CLICKME[/]")
        await pilot.press("escape", "c", "g")
        await pilot.pause()
        _assert_inert(app, "[@click=app.pwned]Kremlin[/]  (1)")
        await pilot.press("escape", "ctrl+p")
        listed = "[@click=app.pwned]Kremlin[/] — [@click=app.pwned]CLICKME[/]"
        await wait_until(pilot, lambda: listed in screen_text(app), "the palette's terms")
        assert isinstance(app.screen, CommandPalette)
        _assert_inert(app, listed)
        await pilot.press("escape")
        await pilot.pause()
        for notification in app._notifications:
            assert not forbidden_in(notification.message)
        assert app.pwned == 0 and app.is_running


async def test_clicking_every_cell_runs_nothing(corpus: dict[str, Path]) -> None:
    """Every cell of the article on the first screen, then every cell of the note popup of
    a term whose name, summary, definition and sources are markup, is clicked: no action
    from the file runs, the app keeps running."""
    app = watched_app(corpus["markup"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.reading.article
        await click_cells(pilot, _plain_cells(view))
        assert app.pwned == 0 and app.is_running
        assert app.screen is app.screen_stack[0]
        layout = view.text_layout
        assert layout is not None
        # The same clicks do reach the view: one on the term opens its note.
        link = next(link for link in layout.links if link.target.endswith("Kremlin[/]"))
        x, y = link_cell(view, link.index)
        await click_cells(pilot, [(view.region.x + x, view.region.y + y)])
        assert isinstance(app.screen, NoteScreen)
        note_view = app.screen.query_one("#note-view", ArticleView)
        await click_cells(pilot, _plain_cells(note_view))
        assert app.pwned == 0 and app.is_running


async def test_markup_in_a_file_name_is_inert_in_the_app(corpus: dict[str, Path]) -> None:
    app = watched_app(corpus["markup-name"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "[@click=app.pwned]name" in screen_text(app)
        assert screen_actions(app) == set()


@pytest.mark.parametrize(
    ("query", "what"),
    [("Krem", "a glossary term"), ("Secao", "a heading")],
)
async def test_palette_search_results_are_inert(
    corpus: dict[str, Path], query: str, what: str
) -> None:
    """Searching the palette lists the matching term or heading as plain text: clicking
    every cell of its results runs nothing from the file."""
    app = watched_app(corpus["markup"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_palette(pilot, query, query)
        assert isinstance(app.screen, CommandPalette)
        clickable = [
            (x, y)
            for y in range(SIZE[1])
            for x in range(SIZE[0])
            if "@click" in (app.screen.get_style_at(x, y).meta or {})
        ]
        if clickable:
            await pilot.click(offset=clickable[0])
            await pilot.pause()
        assert app.pwned == 0, f"clicking {what} in the palette ran the file's action"
        assert not clickable


def test_link_with_markup_in_its_url_keeps_it_as_text(corpus: dict[str, Path]) -> None:
    """A URL holding markup is a URL: brackets percent-encoded, never interpreted."""
    from reader.pipeline import open_text, resolve_text

    opened = open_text(resolve_text(str(corpus["markup"])))
    urls = [
        span.target
        for block in opened.document.blocks
        for span in block.spans
        if span.kind is SpanKind.LINK
    ]
    assert urls == ["https://example.org/%5B@click=app.pwned%5Dx%5B/%5D"]


@pytest.mark.parametrize("query", ["Quebrado", "Ligado"])
async def test_palette_finds_headings_that_are_not_valid_markup(
    corpus: dict[str, Path], query: str
) -> None:
    app = watched_app(corpus["markup-broken"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_palette(pilot, query, query)
        assert any(re.search(rf"§ .*{query}", hit) for hit in palette_results(app))

        def drawn() -> str:
            return screen_text(app).split("🔎", 1)[1].split("\n", 1)[1]

        await wait_until(pilot, lambda: re.search(rf"§ .*{query}", drawn()) is not None, query)
