"""The UI's side of taking turns with loads (idle only once a key's work is on screen),
and a text view of auto height sized at the width it is laid out at."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.geometry import Size

from reader.layout import DocumentLayout
from reader.text import turns
from reader.ui import ui_turns
from reader.ui.panels.context import ContextPanel
from reader.ui.widgets.article_view import ArticleView
from tests.ui_helpers import make_app, rendered, settle, wait_until


@pytest.fixture(autouse=True)
def _idle_ui() -> Iterator[None]:
    turns.ui_idle()
    yield
    turns.ui_idle()


async def test_the_ui_is_idle_only_once_what_a_key_opened_is_drawn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first c builds the context panel over several frames; loads wait all that
    time. (Idle after the first frame following the key, as first wired, came before the
    key's action had even run: loads never waited.)"""
    app = make_app()
    seen: list[tuple[bool, str]] = []

    def idle() -> None:
        panel = app.screen.query_one(ContextPanel)
        drawn = panel.display and panel.region.width > 0
        seen.append((drawn, rendered(app, "#ctx-position") if panel.built else ""))
        turns.ui_idle()

    monkeypatch.setattr(ui_turns, "ui_idle", idle)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: not turns.is_ui_busy(), "the start-up's input handled")
        seen.clear()
        turns.ui_busy()  # as the driver does when the key comes in
        await pilot.press("c")
        await wait_until(pilot, lambda: bool(seen), "the UI to say it is idle")
        drawn, position = seen[0]
        assert drawn and "%" in position, seen


async def test_an_auto_height_text_view_is_as_tall_as_its_text_at_the_width_laid_out() -> None:
    """A definition or a note (height: auto) gets its wrapped height in the layout that
    first sizes it, not the height it had at its last width."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.query_one("#article", ArticleView)
        document = view.document
        assert document is not None
        for width in (30, 50):
            expected = DocumentLayout(document, view._text_width(width)).height
            assert view.get_content_height(Size(width, 40), Size(120, 40), width) == expected


async def test_quitting_leaves_loads_free_to_go_on() -> None:
    """A key's work is never drawn once the app quits: the UI says it is idle as it
    ends, so loads in the same process (another app, as the tests run hundreds) do not
    start out waiting."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        turns.ui_busy()  # as the driver does when q comes in
        await pilot.press("q")
    assert not turns.is_ui_busy()
