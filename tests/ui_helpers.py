"""Helpers for Pilot tests: start the app on a text, read what the screen shows, and wait
for what a test needs to see (a condition, never a length of time)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.css.query import NoMatches
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input

from reader.pipeline import TextRef, resolve_text
from reader.settings import Loaded
from reader.text.textfile import read_text
from reader.ui.app import ReaderApp
from reader.ui.widgets.article_view import ArticleView

WAIT_SECONDS = 10.0
"""How long a condition may take before a test gives up on it: far more than any takes
on a loaded machine, so reaching it means the condition will not come."""

W = TypeVar("W", bound=Widget)


def make_app(
    path: Path | str | None = None,
    *,
    data_dir: Path | None = None,
    settings: Loaded | None = None,
) -> ReaderApp:
    """The app on ``path`` (a file or a bundled name), source read as the CLI reads it;
    with no ``data_dir`` nothing is kept between sessions, with no ``settings`` the
    defaults are used and nothing is written."""
    ref = resolve_text(str(path)) if path is not None else resolve_text(None)
    return ReaderApp(
        TextRef(ref.path, ref.name),
        source=read_text(ref.path),
        data_dir=data_dir,
        settings=settings,
    )


async def wait_until(
    pilot: Pilot[Any],
    predicate: Callable[[], bool],
    what: str,
    timeout: float = WAIT_SECONDS,
) -> None:
    """Let the app run until ``predicate()`` holds; fail naming ``what`` if it never does.

    Each round is a :meth:`Pilot.pause`: every message queued so far is handled and the
    screen refreshed, so a condition reached by a chain of messages, a worker or a timer
    is seen soon after it holds, however slow the machine.
    """
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {timeout:g} s waiting for {what}")
        await pilot.pause()


def find(app: App[Any], selector: str, kind: type[W]) -> W:
    """The widget ``selector`` on the topmost screen that has one (a popup or palette may
    be over the reading screen)."""
    for screen in reversed(app.screen_stack):
        try:
            widget: W = screen.query_one(selector, kind)
        except NoMatches:
            continue
        return widget
    raise NoMatches(f"no {selector} on any screen")


def rendered(app: App[Any], selector: str) -> str:
    """What the widget ``selector`` (a Static, the status line) says now, as plain text."""
    return str(find(app, selector, Widget).render())


def text_shown(app: App[Any]) -> bool:
    """Whether loading is over as the reader sees it: the text laid out in the view with
    the tables of its panels handed to them (the panels fill their sections when first
    shown), or the status line reports why it could not be opened."""
    try:
        if find(app, "#status", Widget).has_class("-error"):
            return True
        view = find(app, "#article", ArticleView)
    except NoMatches:  # the reading screen not composed yet
        return False
    screen = view.screen  # the reading screen, under a popup or palette if one is open
    indexed = getattr(screen, "aids", None) is not None
    return view.document is not None and view.size.height > 0 and indexed


async def settle(pilot: Pilot[None]) -> None:
    """Wait until the text is loaded and shown, and what loading scheduled has run.

    Loading runs in a worker that posts the text (in steps, for a long one); the app
    shows it, fills the panels, then, after the next refresh, restores the reading
    position. So: the worker done, its messages handled (the text shown), then one
    refresh more, which runs the restore (callbacks after a refresh run in order).
    Reports that follow a scroll arrive 30 ms later; tests that need one wait for its
    effect (the context panel's text, the reading cursor), not here.
    """
    app = pilot.app
    await app.workers.wait_for_complete()
    await wait_until(pilot, lambda: text_shown(app), "the text to be loaded and shown")
    refreshed = asyncio.Event()  # App.wait_for_refresh, which app.run's pilot may not use
    app.call_after_refresh(refreshed.set)
    try:
        await asyncio.wait_for(refreshed.wait(), WAIT_SECONDS)
    except TimeoutError:
        raise AssertionError("gave up waiting for a refresh after loading") from None
    await pilot.pause()


def freeze_cursors(pilot: Pilot[Any]) -> None:
    """Stop text cursors blinking, so screenshots do not depend on timing.

    Only just before a shot: a focused field that does not blink changes the order of
    Textual's layout passes, and then a view narrowed by a panel opening beside it may
    not be told its new size (it keeps its old wrap), which no reader sees."""
    for screen in pilot.app.screen_stack:
        for field in screen.query(Input):
            field.cursor_blink = False


def view_text(view: ArticleView) -> str:
    """The lines the view shows now, as plain text."""
    return "\n".join(view.render_line(y).text.rstrip() for y in range(view.size.height))


def link_cell(view: ArticleView, link: int) -> tuple[int, int]:
    """Widget-relative (x, y) of the first cell of link ``link`` (what ``pilot.click``
    takes: the view's padding included); it must be on screen."""
    layout = view.text_layout
    assert layout is not None
    line_y = layout.link_line(link)
    y = line_y - round(view.scroll_y) + view.gutter.top
    x = view._left_margin() + view.gutter.left
    for run in layout.line(line_y) or ():
        if run.link == link:
            return x, y
        x += len(run.text)
    raise AssertionError(f"link {link} not on line {line_y}")


def palette_results(app: App[Any]) -> list[str]:
    """The prompts the command palette lists now, as plain text (empty if it is not open)."""
    if not isinstance(app.screen, CommandPalette):
        return []
    results = app.screen.query_one(CommandList)
    options = [results.get_option_at_index(i) for i in range(results.option_count)]
    return [str(option.prompt) for option in options if not option.disabled]  # "No matches"


async def search_palette(pilot: Pilot[Any], query: str, expected: str) -> None:
    """Open the command palette (Ctrl+P), type ``query`` and wait until its search is
    over with a result holding ``expected`` highlighted, ready for Enter.

    The palette searches in a worker per keystroke and shows its hits in batches, best
    first; so: the query typed, the searches finished, and the top hit the one wanted.
    """
    app = pilot.app
    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
    await pilot.press(*query)
    field = app.screen.query_one(Input)
    await wait_until(pilot, lambda: field.value == query, f"{query!r} in the palette")

    def top_hit() -> bool:
        results = palette_results(app)
        highlighted = app.screen.query_one(CommandList).highlighted
        return bool(results) and highlighted == 0 and expected in results[0]

    await wait_until(pilot, top_hit, f"the palette to offer {expected!r} first for {query!r}")
    await app.workers.wait_for_complete()
    await wait_until(pilot, top_hit, f"{expected!r} still first once the search is over")
    await pilot.pause()  # the final list drawn, for tests that look at the screen


def screen_rows(app: App[Any]) -> list[str]:
    """Each row the terminal shows now, as plain text (a popup over what is under it)."""
    strips = app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip) for strip in strips]
