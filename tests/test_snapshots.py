"""Snapshot tests of the reading layout at fixed terminal sizes.

Update after a deliberate visual change with ``pytest --snapshot-update`` and look at the
report before committing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tests.ui_helpers import freeze_cursors, make_app, settle


async def _loaded(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await steady(pilot)


async def steady(pilot: Pilot[None]) -> None:
    """Let size updates (scrollbars of panels sized to their content) run their course."""
    await pilot.wait_for_scheduled_animations()
    for _ in range(3):
        await pilot.pause(0.1)
    freeze_cursors(pilot)


def test_opening_screen_120x40(snap_compare: Any) -> None:
    """You should see the title with a heavy rule, the first paragraphs centred in a
    72-column measure, glossary terms underlined with superscript numbers ¹ ² ³…, and the
    footer listing Space, Tab, Enter and q."""
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_loaded)


def test_opening_screen_80x24(snap_compare: Any) -> None:
    """You should see the same article filling an 80-column terminal with a small margin."""
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_loaded)


def test_note_popup_120x40(snap_compare: Any) -> None:
    """You should see the Wehrmacht entry in a rounded popup over the article: summary in
    bold, the definition, "Ver também" links and the sources list."""

    async def open_note(pilot: Pilot[None]) -> None:
        await settle(pilot)
        view = pilot.app.query_one("#article")
        layout = view.text_layout  # type: ignore[attr-defined]
        view.focused_link = next(link.index for link in layout.links if link.target == "Wehrmacht")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await steady(pilot)

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=open_note)


def test_glossary_panel_120x40(snap_compare: Any) -> None:
    """You should see the article on the left and, on the right, the glossary panel with
    "wehr" in the filter, Wehrmacht (2) listed, its entry and its two mentions."""

    async def open_panel(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("g", *"wehr")
        await steady(pilot)

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=open_panel)


def test_glossary_panel_80x24(snap_compare: Any) -> None:
    """You should see the glossary panel over the right of the article (not squeezing it)."""

    async def open_panel(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("g", *"volga")
        await steady(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=open_panel)


def test_context_panel_120x40(snap_compare: Any) -> None:
    """You should see the context panel on the left: the title and progress, the terms of
    the passage on screen with their summaries, about this text, the context note."""

    async def open_panel(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("c")
        await steady(pilot)

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=open_panel)


def test_context_panel_80x24(snap_compare: Any) -> None:
    """You should see the context panel overlaying the left of the article at 80x24."""

    async def open_panel(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("c")
        await steady(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=open_panel)


def test_bookmarks_panel_120x40(snap_compare: Any, tmp_path: Path, monkeypatch: Any) -> None:
    """You should see the margin mark ◆ and cursor bar beside the second paragraph, and on
    the right the bookmarks panel listing its quote, the note "rever" and the date."""
    monkeypatch.setattr(
        "reader.userdata.store.bookmark_store.utc_now", lambda: "2026-01-02T03:04:05Z"
    )

    async def mark(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("J", "m", *"rever", "enter")
        await pilot.pause()
        await pilot.press("b")
        await steady(pilot)

    app = make_app(data_dir=tmp_path)
    assert snap_compare(app, terminal_size=(120, 40), run_before=mark)
