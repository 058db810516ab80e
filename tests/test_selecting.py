"""Pilot tests for selecting with the keys, copying (y, and the mouse) and bookmarking a
selection, and going forward again after Backspace (issue 14)."""

from __future__ import annotations

import re
from pathlib import Path

from reader.layout.motions import Word, next_word, word_at
from reader.ui.app import ReaderApp
from reader.ui.dialogs.bookmark_dialog import BookmarkDialog
from reader.ui.reading.jumps import JumpPoint, JumpStack
from reader.ui.widgets.article_view import ArticleView
from reader.userdata import BookmarkStore
from reader.userdata.store import FILE_NAME
from tests.ui_helpers import make_app, rendered, settle, wait_until

SIZE = (100, 30)


def view_of(app: ReaderApp) -> ArticleView:
    return app.query_one("#article", ArticleView)


def cursor_text(app: ReaderApp) -> str:
    view = view_of(app)
    assert view.document is not None and view.cursor_block is not None
    return view.document.blocks[view.cursor_block].text


def first_passage(view: ArticleView) -> tuple[int, str, int, int]:
    """The first paragraph's block index and text, and the cell (x, y) of its first
    character in the view, for the mouse."""
    layout = view.text_layout
    assert layout is not None and view.document is not None
    block = view.document.block_index("p-1")
    assert block is not None
    y = layout.offset_line(block, 0) - round(view.scroll_y) + view.gutter.top
    return block, view.document.blocks[block].text, view._left_margin() + view.gutter.left, y


async def test_v_selects_the_first_word_at_the_cursor_and_motions_extend_it(
    tmp_path: Path,
) -> None:
    app = make_app(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = view_of(app)
        await pilot.press("J", "v")
        await wait_until(pilot, lambda: view.selection is not None, "a selection")
        text = cursor_text(app)
        words = text.split()
        assert view.selected_text() == words[0]
        await pilot.press("l", "l", "shift+right")
        assert view.selected_text() == " ".join(words[:4])
        await pilot.press("h")
        assert view.selected_text() == " ".join(words[:3])
        # A line down: the head is on the next line of the passage, at its column.
        layout = view.text_layout
        assert layout is not None and view.selection is not None
        block, start, end = view.selection
        line_before = layout.offset_line(block, end - 1)
        await pilot.press("plus")
        assert view.selection is not None
        assert layout.offset_line(block, view.selection[2] - 1) == line_before + 1
        assert view.selection[1] == start  # the anchor stays
        await pilot.press("minus")
        assert view.selected_text() == " ".join(words[:3])
        # To the end of the passage, never past it; back to its start.
        await pilot.press("right_curly_bracket")
        assert view.selected_text() == text.rstrip()
        await pilot.press("right_curly_bracket", "l")
        assert view.selection is not None and view.selection[0] == block
        assert "one passage" in rendered(app, "#status")
        await pilot.press("left_curly_bracket")
        assert view.selected_text() == words[0]  # the head went back to the anchor
        # v again ends it, as Esc does.
        await pilot.press("v")
        assert view.selection is None
        await pilot.press("v", "l", "escape")
        assert view.selection is None


async def test_the_head_can_go_back_past_the_anchor(tmp_path: Path) -> None:
    """From a mouse selection in the middle of a passage, h extends it backwards: the
    anchor (what the mouse selected) stays selected, as in vim's visual mode."""
    app = make_app(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = view_of(app)
        block, text, x, y = first_passage(view)
        third = text.index(" ", text.index(" ") + 1) + 1  # the third word's start
        await pilot.mouse_down("#article", offset=(x + third, y))
        await pilot.hover("#article", offset=(x + third + 2, y))
        await pilot.mouse_up("#article", offset=(x + third + 2, y))
        await wait_until(pilot, lambda: view.selection is not None, "the mouse selection")
        await pilot.press("h", "h")  # the head from the third word back to the first
        assert view.selection == (block, 0, third + 3)
        await pilot.press("l", "l")  # and forward again: the mouse's stretch, as it was
        assert view.selected_text() == text[third : third + 3]


async def test_y_copies_the_selection_and_without_one_the_passage(tmp_path: Path) -> None:
    app = make_app(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = view_of(app)
        await pilot.press("J", "v", "l", "y")
        selected = view.selected_text()
        assert selected is not None and app.clipboard == selected
        assert rendered(app, "#status") == f"Copied {len(selected)} characters."
        await pilot.press("escape", "y")
        assert app.clipboard == cursor_text(app)


async def test_m_bookmarks_the_keyboard_selection_exactly(tmp_path: Path) -> None:
    app = make_app(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = view_of(app)
        await pilot.press("J", "J", "v", "l", "l", "l")
        selected = view.selected_text()
        assert selected is not None
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, BookmarkDialog), "the dialog")
        assert isinstance(app.screen, BookmarkDialog) and app.screen.quote == selected
        await pilot.press(*"reler", "enter")
        await wait_until(pilot, lambda: view.selection is None, "the selection to end")
    with BookmarkStore(tmp_path / FILE_NAME) as store:
        assert [(b.anchor.quote, b.note) for b in store.all()] == [(selected, "reler")]


async def test_a_mouse_selection_is_copied_on_release_and_extended_by_the_keys(
    tmp_path: Path,
) -> None:
    app = make_app(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = view_of(app)
        _, text, x, y = first_passage(view)
        long = re.search(r"\w{5,}", text)  # a word long enough to start inside
        assert long is not None
        inside = long.start() + 2
        then = next_word(text, Word(long.start(), long.end()), 1)
        assert then is not None
        await pilot.mouse_down("#article", offset=(x + inside, y))
        await pilot.hover("#article", offset=(x + then.start, y))
        await pilot.mouse_up("#article", offset=(x + then.start, y))
        # Whole words, as the keys select: from inside one word into the next copies
        # both, not the first cut where the drag began.
        copied = text[long.start() : then.end]
        await wait_until(pilot, lambda: app.clipboard == copied, "the drag copied")
        await pilot.press("l")  # from the mouse's selection: one word more
        after = next_word(text, then, 1)
        assert after is not None
        assert view.selected_text() == text[long.start() : after.end]


async def test_a_double_click_selects_the_word_under_it(tmp_path: Path) -> None:
    app = make_app(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = view_of(app)
        _, text, x, y = first_passage(view)
        long = re.search(r"\w{5,}", text)
        assert long is not None
        second = long.start() + 2  # inside a word
        word = word_at(text, second)
        assert word is not None
        await pilot.double_click("#article", offset=(x + second, y))
        await wait_until(pilot, lambda: view.selection is not None, "the word selected")
        assert view.selected_text() == text[word.start : word.end]
        await wait_until(pilot, lambda: app.clipboard == text[word.start : word.end], "copied")


async def test_forward_after_back_goes_again_along_the_jumps(tmp_path: Path) -> None:
    app = make_app(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = view_of(app)
        await pilot.press("alt+right")
        assert "Nowhere to go forward" in " ".join(str(n.message) for n in app._notifications)
        start = round(view.scroll_y)
        await pilot.press("slash", *"volgogrado", "enter")
        await wait_until(pilot, lambda: round(view.scroll_y) != start, "the jump to a match")
        match = round(view.scroll_y)
        await pilot.press("backspace")
        await wait_until(pilot, lambda: round(view.scroll_y) == start, "back")
        await pilot.press("alt+right")
        await wait_until(pilot, lambda: round(view.scroll_y) == match, "forward again")
        await pilot.press("alt+left")  # the browser's back, as Backspace
        await wait_until(pilot, lambda: round(view.scroll_y) == start, "back by Alt+←")


def _point(y: int) -> JumpPoint:
    return JumpPoint(y, 72, None)


def test_forward_goes_again_where_back_came_from_until_a_new_jump() -> None:
    jumps = JumpStack()
    jumps.push(_point(0))  # at 0, jumped to 10
    jumps.push(_point(10))  # at 10, jumped to 20
    assert jumps.forward(_point(20)) is None  # nothing gone back from yet
    assert jumps.back(_point(20)) == _point(10)
    assert jumps.back(_point(10)) == _point(0)
    assert jumps.forward(_point(0)) == _point(10)
    assert jumps.forward(_point(10)) == _point(20)
    assert jumps.forward(_point(20)) is None
    assert jumps.back(_point(20)) == _point(10)
    jumps.push(_point(10))  # a new jump from 10: the way forward is forgotten
    assert jumps.forward(_point(30)) is None
    assert jumps.back(_point(30)) == _point(10)
