"""Pilot tests for the panels' dock: two panels, the keys panel and the search results
panel never cut the text (whole lines beside them, or one panel over it), and the
results of a search are not brought back in the next session."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.ui.app import ReaderApp
from reader.ui.panels.context import ContextPanel
from reader.ui.panels.glossary import GlossaryPanel
from reader.ui.panels.search_results import SearchResultsPanel
from reader.ui.widgets.article_view import ArticleView
from tests.ui_helpers import make_app, screen_rows, settle, view_text, wait_until


def cut_lines(app: ReaderApp) -> list[str]:
    """The lines the text view draws that the screen does not show whole (a panel
    over them)."""
    shown = "\n".join(screen_rows(app))
    view = app.query_one("#article", ArticleView)
    return [line.strip() for line in view_text(view).splitlines() if line.strip() not in shown]


async def steady(pilot: Pilot[None]) -> None:
    """A few rounds, for a panel's docking to rewrap the text and repaint it."""
    for _ in range(4):
        await pilot.pause()


def screen(app: ReaderApp) -> str:
    return "\n".join(screen_rows(app))


async def test_two_panels_that_do_not_fit_leave_the_last_opened_and_whole_lines() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c", "g")
        await steady(pilot)
        assert app.query_one(GlossaryPanel).display
        assert not app.query_one(ContextPanel).display
        assert "Filter terms" in screen(app) and "Where you are" not in screen(app)
        assert not cut_lines(app), screen(app)
        # Through a narrow terminal and back, the lines stay whole beside the panel.
        await pilot.resize_terminal(80, 24)
        await steady(pilot)
        await pilot.resize_terminal(120, 40)
        await steady(pilot)
        assert not cut_lines(app), screen(app)


async def test_two_panels_at_80_columns_leave_one_over_the_text() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "g")
        await steady(pilot)
        assert "Filter terms" in screen(app), screen(app)
        assert "Where you are" not in screen(app), screen(app)


async def test_panels_that_fit_both_sit_beside_whole_lines() -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c", "g")
        await steady(pilot)
        assert "Filter terms" in screen(app) and "Where you are" in screen(app)
        assert not cut_lines(app), screen(app)


async def test_the_keys_panel_sits_beside_whole_lines() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await steady(pilot)
        assert "Links and notes" in screen(app)
        assert not cut_lines(app), screen(app)
        assert app.query_one("#article", ArticleView).has_focus


async def test_search_results_are_not_brought_back_in_the_next_session(tmp_path: Path) -> None:
    first = make_app(data_dir=tmp_path)
    async with first.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"volga", "enter")
        panel = first.query_one(SearchResultsPanel)
        await wait_until(pilot, lambda: panel.display, "the results beside the text")
    assert "results-panel" not in (tmp_path / "ui-state.json").read_text(encoding="utf-8")
    second = make_app(data_dir=tmp_path)
    async with second.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not second.query_one(SearchResultsPanel).display
        assert "Search results" not in screen(second), screen(second)


async def test_a_state_that_cannot_be_kept_is_said_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The open panels are written at each one opened; a data folder gone read-only
    raised out of the key's handler. Now the reader is told, once, and reads on."""
    import reader.userdata.ui_state as ui_state_module

    said = f"{tmp_path / 'ui-state.json'}: cannot be written (Permission denied)"
    monkeypatch.setattr(ui_state_module, "write_json", lambda *args, **kwargs: said)
    app = make_app(data_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key in "cgcg":
            await pilot.press(key)
        await wait_until(pilot, lambda: any(n.message == said for n in app._notifications), "told")
        await pilot.press(*"cgcg")
        await settle(pilot)
        assert app.is_running
        assert [n.message for n in app._notifications].count(said) == 1
