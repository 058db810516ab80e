"""Pilot tests for the note popup at a small terminal: a note longer than the screen
scrolls inside the popup (keys, wheel, Tab to a link below), and says its title once."""

from __future__ import annotations

from textual import events
from textual.pilot import Pilot

from reader.ui.app import ReaderApp
from reader.ui.dialogs.note_screen import NoteScreen
from reader.ui.widgets.article_view import ArticleView
from tests.ui_helpers import make_app, screen_rows, settle, wait_until

HINT = "Tab next link  Enter open  Esc close"


async def open_imperialismo(pilot: Pilot[None]) -> NoteScreen:
    """The steps of the tryout: Home, Tab Tab, Enter (the "imperialismo" entry)."""
    app = pilot.app
    await settle(pilot)
    await pilot.press("home", "tab", "tab", "enter")
    await wait_until(pilot, lambda: isinstance(app.screen, NoteScreen), "the popup")
    screen = app.screen
    assert isinstance(screen, NoteScreen) and screen.note.meta.title == "imperialismo"
    await pilot.pause()
    return screen


def popup_rows(app: ReaderApp) -> list[str]:
    """The rows inside the popup's border, the border itself left out."""
    return [row.split("│")[1].strip() for row in screen_rows(app) if row.count("│") >= 2]


def shows(app: ReaderApp, text: str) -> bool:
    return any(text in row for row in popup_rows(app))


async def test_a_long_note_scrolls_inside_the_popup_with_the_keys() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_imperialismo(pilot)
        rows = screen_rows(app)
        assert any(HINT in row for row in rows), "\n".join(rows)
        assert not shows(app, "britannica.com"), "\n".join(rows)
        await pilot.press("end")
        await wait_until(pilot, lambda: shows(app, "britannica.com"), "the note's end")
        assert shows(app, "Fontes") and any(HINT in row for row in screen_rows(app))
        await pilot.press("home")
        await wait_until(pilot, lambda: shows(app, "Política de expansão"), "the note's start")
        await pilot.press("pagedown")
        await wait_until(pilot, lambda: shows(app, "britannica.com"), "a page down")


async def test_a_long_note_scrolls_with_the_wheel() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_imperialismo(pilot)
        for _ in range(10):
            await pilot._post_mouse_events([events.MouseScrollDown], "#note-view", (10, 5))
        await wait_until(pilot, lambda: shows(app, "britannica.com"), "the note's end")


async def test_tab_scrolls_the_popup_to_the_link_it_focuses() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        popup = await open_imperialismo(pilot)
        view = popup.query_one("#note-view", ArticleView)
        layout = view.text_layout
        assert layout is not None
        for _ in layout.links:
            await pilot.press("tab")
            await pilot.pause()
            link = view.focused_link
            assert link is not None
            target = layout.links[link].target
            assert shows(app, target), f"{target!r} focused off screen:\n" + "\n".join(
                screen_rows(app)
            )


async def test_the_popup_says_the_notes_title_once() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_imperialismo(pilot)
        rows = screen_rows(app)
        titled = [row for row in rows if "imperialismo" in row]
        assert len(titled) == 1 and "╭─ imperialismo ─" in titled[0], "\n".join(rows)
        # The note's first words come right under the border.
        assert popup_rows(app)[0].startswith("Política de expansão"), "\n".join(rows)
