"""Pilot tests for bookmarks: the cursor, marking by keys and by mouse, the panel, the
reading position, and a store that must not be written."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList

from reader.cli.open import last_text_ref
from reader.layout.motions import word_at
from reader.ui.app import ReaderApp
from reader.ui.dialogs.bookmark_dialog import BookmarkDialog
from reader.ui.panels.bookmarks import BookmarksPanel
from reader.ui.widgets.article_view import ArticleView
from reader.userdata import BookmarkStore
from reader.userdata.store import FILE_NAME
from tests.ui_helpers import make_app, settle, view_text, wait_until

SIZE = (120, 30)


def stored(folder: Path) -> list[tuple[str, str]]:
    """(quote, note) of every bookmark in the store in ``folder``."""
    with BookmarkStore(folder / FILE_NAME) as store:
        return [(b.anchor.quote, b.note) for b in store.all()]


async def mark_with_keys(app: ReaderApp, pilot: object, note: str) -> None:
    """Move the cursor one passage down and bookmark it with ``note``."""
    await pilot.press("J")  # type: ignore[attr-defined]
    await pilot.press("m")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, BookmarkDialog)
    await pilot.press(*note, "enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_bookmark_passage_by_keys_shows_in_panel_and_margin(tmp_path: Path) -> None:
    """J moves the cursor, m asks for a note, Enter saves: panel, margin and store agree."""
    app = make_app(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        await mark_with_keys(app, pilot, "ler de novo")
        cursor = view.cursor_block
        assert cursor is not None
        assert cursor in view.marked_blocks
        quote = view.document.blocks[cursor].text  # type: ignore[union-attr]
        assert stored(tmp_path) == [(quote, "ler de novo")]
        await pilot.press("b")
        await pilot.pause()
        panel = app.query_one(BookmarksPanel)
        assert panel.display
        assert [b.note for b in panel.shown] == ["ler de novo"]


async def test_escape_cancels_the_dialog(tmp_path: Path) -> None:
    """Esc in the dialog saves nothing."""
    app = make_app(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"nada", "escape")
        await pilot.pause()
        assert stored(tmp_path) == []


async def test_bookmark_mouse_selection_exactly(tmp_path: Path) -> None:
    """Dragging over words and pressing m bookmarks exactly the selected text."""
    app = make_app(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        layout = view.text_layout
        assert layout is not None
        block = view.document.block_index("p-1")  # type: ignore[union-attr]
        assert block is not None
        y = layout.offset_line(block, 0) - round(view.scroll_y) + view.gutter.top
        x = view._left_margin() + view.gutter.left
        await pilot.mouse_down("#article", offset=(x + 3, y))
        await pilot.hover("#article", offset=(x + 22, y))
        await pilot.mouse_up("#article", offset=(x + 22, y))
        await pilot.pause()
        selected = view.selected_text()
        text = view.document.blocks[block].text  # type: ignore[union-attr]
        first, last = word_at(text, 3), word_at(text, 22)
        assert first is not None and last is not None
        # The words the drag began and ended in, whole (what the keys would select).
        start = first.start if first.start <= 3 < first.end else 3
        end = last.end if last.start <= 22 < last.end else 23
        assert selected == text[start:end]
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, BookmarkDialog)
        assert app.screen.quote == selected
        await pilot.press("enter")
        await pilot.pause()
        assert stored(tmp_path) == [(selected, "")]


async def test_reopen_then_jump_edit_delete_undo(tmp_path: Path) -> None:
    """A bookmark survives quitting; in the panel Enter jumps to it, e edits the note,
    d deletes it and u brings it back."""
    first = make_app(data_dir=tmp_path)
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for _ in range(5):
            await pilot.press("J")
        await pilot.press("m", *"quinta", "enter")
        await pilot.pause()
    second = make_app(data_dir=tmp_path)
    async with second.run_test(size=(120, 16)) as pilot:
        await settle(pilot)
        view = second.query_one("#article", ArticleView)
        view.scroll_to_line(0)
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        bookmarks = second.query_one("#bm-list", OptionList)
        assert second.focused is bookmarks
        await pilot.press("enter")
        await pilot.pause()
        assert view.highlight is not None
        assert round(view.scroll_y) > 0
        await pilot.press("b")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(second.screen, BookmarkDialog)
        note = second.screen.query_one(Input)
        assert note.value == "quinta"
        await pilot.press(*" (revista)", "enter")
        await pilot.pause()
        assert [n for _, n in stored(tmp_path)] == ["quinta (revista)"]
        await pilot.press("d")
        await pilot.pause()
        assert stored(tmp_path) == []
        await pilot.press("u")
        await pilot.pause()
        assert [n for _, n in stored(tmp_path)] == ["quinta (revista)"]


async def test_reading_position_restored_after_resize(tmp_path: Path) -> None:
    """Reopening returns to the passage at the top, at a different terminal width."""
    first = make_app(data_dir=tmp_path)
    async with first.run_test(size=(110, 16)) as pilot:
        await settle(pilot)
        view = first.query_one("#article", ArticleView)
        layout = view.text_layout
        assert layout is not None
        target = view.document.block_index("p-5")  # type: ignore[union-attr]
        assert target is not None
        view.scroll_to_line(layout.offset_line(target, 0))
        # The view reports the passage read once scrolling settles; the reading cursor
        # follows it there.
        await wait_until(pilot, lambda: view.cursor_block == target, "the cursor to follow")
    second = make_app(data_dir=tmp_path)
    async with second.run_test(size=(70, 16)) as pilot:
        await settle(pilot)
        view = second.query_one("#article", ArticleView)
        index, _ = view.text_layout.locate(round(view.scroll_y))  # type: ignore[union-attr]
        assert view.document.blocks[index].id == "p-5"  # type: ignore[union-attr]
    assert last_text_ref(tmp_path) is not None


async def test_all_texts_view_opens_another_text(tmp_path: Path) -> None:
    """The all-texts view lists other texts' bookmarks; Enter opens that text there."""
    other = tmp_path / "outro.md"
    other.write_text("# Outro\n\nPrimeiro.\n\nSegundo parágrafo, marcado.\n", encoding="utf-8")
    data = tmp_path / "data"
    first = make_app(other, data_dir=data)
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("J", "J", "m", *"aqui", "enter")
        await pilot.pause()
    assert stored(data) == [("Segundo parágrafo, marcado.", "aqui")]
    second = make_app(data_dir=data)
    async with second.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("b", "a")
        await pilot.pause()
        panel = second.query_one(BookmarksPanel)
        assert [b.note for b in panel.shown] == ["aqui"]
        await pilot.press("enter")
        view = second.query_one("#article", ArticleView)
        await wait_until(pilot, lambda: view.highlight is not None, "the other text's bookmark")
        await settle(pilot)
        assert second.reading.request.ref.path.resolve() == other.resolve()
        assert view.highlight is not None
        block = view.document.blocks[view.highlight[0]]  # type: ignore[union-attr]
        assert block.text == "Segundo parágrafo, marcado."


async def test_corrupt_store_is_read_only_and_untouched(tmp_path: Path) -> None:
    """A damaged database is reported, never written; the reader keeps working."""
    damaged = tmp_path / FILE_NAME
    damaged.write_bytes(b"not a database at all" * 50)
    before = damaged.read_bytes()
    app = make_app(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any(FILE_NAME in n.message for n in app._notifications)
        await pilot.press("J", "m")
        await pilot.pause()
        assert not isinstance(app.screen, BookmarkDialog)
        # A page on, the reading position would be saved when the view reports it: wait
        # for that report (the panels follow it) before looking at the file.
        position = app.reading.passage
        await pilot.press("pagedown")
        await wait_until(pilot, lambda: app.reading.passage != position, "the page to be reported")
    assert damaged.read_bytes() == before


async def test_reopening_shows_marks_and_place_in_the_first_frame(tmp_path: Path) -> None:
    """Reopened with the bookmarks panel open, the text appears at the place left, with
    ◆ and ▎ in the margin, in the frame that first shows it (issue 11, item 5: the
    margin was empty until the panel was toggled, and the place came a moment later)."""
    app = make_app(data_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("space")
        await mark_with_keys(app, pilot, "aqui")
        await pilot.press("b", "escape")
        await wait_until(pilot, lambda: app.reading.article.scroll_y > 0, "the page down")
    again = make_app(data_dir=tmp_path)
    async with again.run_test(size=(120, 40)) as pilot:
        view = again.reading.article
        await wait_until(pilot, lambda: view.document is not None, "the text shown")
        assert view.scroll_y > 0  # no frame at the top first
        assert view.marked_blocks and view.cursor_block is not None
        await pilot.pause()
        shown = view_text(view)
        assert "◆" in shown and "▎" in shown
