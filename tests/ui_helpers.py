"""Helpers for Pilot tests: start the app on a text and read what the screen shows."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from reader.pipeline import TextRef, resolve_text
from reader.text.textfile import read_text
from reader.ui.app import ReaderApp
from reader.ui.widgets.article_view import ArticleView


async def wait_until(
    pilot: Pilot[None], predicate: Callable[[], bool], what: str, timeout: float = 20
) -> None:
    """Let the app run until ``predicate`` holds; fail naming ``what`` after ``timeout``
    seconds (a deadline, not a wait: it returns as soon as the condition holds)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause()


def make_app(path: Path | str | None = None, *, data_dir: Path | None = None) -> ReaderApp:
    """The app on ``path`` (a file or a bundled name), source read as the CLI reads it;
    with no ``data_dir`` nothing is kept between sessions."""
    ref = resolve_text(str(path)) if path is not None else resolve_text(None)
    return ReaderApp(TextRef(ref.path, ref.name), source=read_text(ref.path), data_dir=data_dir)


async def settle(pilot: Pilot[None]) -> None:
    """Wait for loading workers and the refreshes they cause."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    # The view reports where the reading is 30 ms after scrolling settles; let it.
    await pilot.pause(0.1)
    await pilot.pause()
    freeze_cursors(pilot)


def freeze_cursors(pilot: Pilot[None]) -> None:
    """Stop text cursors blinking, so screenshots do not depend on timing."""
    for field in pilot.app.query(Input):
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
