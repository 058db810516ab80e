"""Pilot tests for the glossary and context panels, the jump stack and mention keys."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from reader.document import SpanKind
from reader.ui.app import ReaderApp
from reader.ui.dialogs.note_screen import NoteScreen
from reader.ui.panels import glossary as glossary_panel
from reader.ui.panels.bookmarks import BookmarksPanel
from reader.ui.panels.context import ContextPanel
from reader.ui.panels.glossary import UNMENTIONED, GlossaryPanel
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.line_list import LineList
from tests.ui_helpers import (
    link_cell,
    make_app,
    rendered,
    search_palette,
    settle,
    view_text,
    wait_until,
)


def position_says(app: ReaderApp, text: str) -> Callable[[], bool]:
    """Whether the context panel's "Where you are" says ``text`` (it follows what the
    view reports once scrolling settles)."""
    return lambda: text in rendered(app, "#ctx-position")


def option_ids(options: OptionList) -> list[str]:
    """Ids of every option of an OptionList, in order."""
    return [options.get_option_at_index(i).id or "" for i in range(options.option_count)]


async def test_glossary_panel_filters_ignoring_case_and_accents() -> None:
    """g opens the panel on the term list; typing goes on in the filter; "trotski" finds
    "Leon Trótski" only; Down goes back to the list."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await pilot.pause()
        panel = app.query_one(GlossaryPanel)
        assert panel.display
        terms = app.query_one("#gl-terms", OptionList)
        assert app.focused is terms and terms.highlighted == 0
        assert terms.option_count > 20
        await pilot.press(*"trotski")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        assert app.focused.value == "trotski"  # the first letter, typed in the list, kept
        assert option_ids(terms) == ["Leon Trótski"]
        assert panel.selected == "Leon Trótski"
        await pilot.press("down")
        assert app.focused is terms


async def test_each_panel_letter_opens_focuses_and_closes_as_the_readme_says() -> None:
    """c opens the context panel and leaves the focus in the text (End still ends the
    text); c again focuses it; once more closes it. g and b open focused: again closes."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        article = app.reading.article
        context = app.query_one("#context-panel")
        await pilot.press("c")
        assert context.display and app.focused is article
        await pilot.press("end")
        await wait_until(pilot, lambda: article.scroll_y > 0, "End to scroll the text")
        await pilot.press("c")
        assert context.display and context.has_focus_within
        await pilot.press("c")
        assert not context.display and app.focused is article
        for letter, panel_id in (("g", "#glossary-panel"), ("b", "#bookmarks-panel")):
            panel = app.query_one(panel_id)
            await pilot.press(letter)
            assert panel.display and panel.has_focus_within, letter
            await pilot.press(letter)
            assert not panel.display and app.focused is article, letter


async def test_glossary_panel_lists_unmentioned_terms_apart() -> None:
    """Terms never mentioned come after a "Not in this text" separator."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await pilot.pause()
        ids = option_ids(app.query_one("#gl-terms", OptionList))
        separator = ids.index(UNMENTIONED)
        assert "Friedrich Paulus" in ids[separator:]
        assert "Wehrmacht" in ids[:separator]


async def test_glossary_panel_lists_a_bounded_number_of_mentions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A term mentioned more often than the panel lists ends with how many more there
    are; the mentions listed still jump to their place."""
    monkeypatch.setattr(glossary_panel, "MENTIONS_LISTED", 2)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.reading.aids is not None
        count = app.reading.aids.mentions.count("Exército Vermelho")
        assert count > 3
        await pilot.press("g")
        await pilot.pause()
        app.query_one(GlossaryPanel).show_term("Exército Vermelho")
        await pilot.pause()
        mentions = app.query_one("#gl-mentions", OptionList)
        assert mentions.option_count == 3
        last = mentions.get_option_at_index(2)
        assert last.disabled and f"and {count - 2:,} more" in str(last.prompt)
        mentions.focus()
        mentions.highlighted = 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.reading.article.highlight is not None


async def test_mention_jump_and_back() -> None:
    """Enter on a mention scrolls the article there and highlights it; Backspace returns."""
    app = make_app()
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        start_y = round(view.scroll_y)
        await pilot.press("g", *"wehrmacht", "enter")
        await pilot.pause()
        mentions = app.query_one("#gl-mentions", OptionList)
        assert mentions.option_count == 2
        assert app.focused is mentions
        await pilot.press("down", "enter")
        await pilot.pause()
        assert view.highlight is not None
        block, start, end = view.highlight
        text = view.document.blocks[block].text  # type: ignore[union-attr]
        assert text[start:end] == "Wehrmacht"
        assert round(view.scroll_y) != start_y
        await pilot.press("escape", "backspace")
        await pilot.pause()
        assert round(view.scroll_y) == start_y


async def test_back_stack_over_a_chain_of_jumps() -> None:
    """Three jumps, three Backspaces: back where the reading started."""
    app = make_app()
    async with app.run_test(size=(100, 16)) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        await pilot.press("pagedown")
        await pilot.pause()
        origin = round(view.scroll_y)
        layout = view.text_layout
        assert layout is not None
        positions = []
        for block in (len(layout.document.blocks) - 1, 2, 6):
            app.reading.places.jump_to_block(block)
            await pilot.pause()
            positions.append(round(view.scroll_y))
        assert len(set(positions)) == 3
        for expected in (positions[1], positions[0], origin):
            await pilot.press("backspace")
            await pilot.pause()
            assert round(view.scroll_y) == expected


async def test_next_and_previous_mention_with_count() -> None:
    """] and [ step through the focused term's mentions, showing "n of m", wrapping."""
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        layout = view.text_layout
        assert layout is not None
        view.focused_link = next(i.index for i in layout.links if i.target == "Wehrmacht")
        status = app.query_one("#status")
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "Wehrmacht: 2 of 2" in str(status.render())
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "Wehrmacht: 1 of 2" in str(status.render())
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "Wehrmacht: 2 of 2" in str(status.render())


async def test_mention_keys_follow_the_term_chosen_last() -> None:
    """A term focused in the text, then another selected in the glossary panel: ] steps
    through the panel's term (issue 11, item 6); Tab to a term in the text again wins."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.reading.article
        layout = view.text_layout
        assert layout is not None
        await pilot.press("tab")
        await wait_until(pilot, lambda: view.focused_link is not None, "a focused link")
        focused = layout.links[view.focused_link or 0].target
        await pilot.press("g", *"volga")
        panel = app.query_one(GlossaryPanel)
        await wait_until(pilot, lambda: panel.selected == "Rio Volga", "the Volga selected")
        assert focused != "Rio Volga"
        await pilot.press("escape", "right_square_bracket")
        status = app.query_one("#status")
        await wait_until(pilot, lambda: "Rio Volga: " in str(status.render()), "Volga count")
        await pilot.press("tab")
        await pilot.press("right_square_bracket")
        link = layout.links[view.focused_link or 0]
        await wait_until(
            pilot, lambda: str(status.render()).startswith(f"{link.target}: "), "the text's term"
        )


async def test_palette_finds_terms_fuzzily_and_opens_entry() -> None:
    """Ctrl+P, "wehr", Enter: the Wehrmacht entry opens."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_palette(pilot, "wehrmacht", "Wehrmacht")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, NoteScreen), "the note popup")
        assert isinstance(app.screen, NoteScreen)
        assert app.screen.note.meta.title == "Wehrmacht"


async def test_palette_jumps_to_heading(tmp_path: Path) -> None:
    """The palette lists headings; choosing one jumps there (and Backspace returns)."""
    text = tmp_path / "h.md"
    body = "\n\n".join(f"Parágrafo {n} " + "palavra " * 60 for n in range(30))
    text.write_text(f"# Início\n\n{body}\n\n## Capítulo final\n\n{body}\n", encoding="utf-8")
    app = make_app(text)
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        await search_palette(pilot, "capitulo final", "Capítulo final")
        await pilot.press("enter")
        await wait_until(pilot, lambda: round(view.scroll_y) > 0, "the jump to the heading")
        index, _ = view.text_layout.locate(round(view.scroll_y))  # type: ignore[union-attr]
        assert view.document.blocks[index].text == "Capítulo final"  # type: ignore[union-attr]
        await pilot.press("backspace")
        await pilot.pause()
        assert round(view.scroll_y) == 0


async def test_hover_shows_term_summary() -> None:
    """Resting the mouse on a term shows its one-line summary as a tooltip."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        layout = view.text_layout
        assert layout is not None
        link = next(i for i in layout.links if i.target == "Wehrmacht")
        x, y = link_cell(view, link.index)
        await pilot.hover("#article", offset=(x + 2, y))
        await pilot.pause()
        assert view.tooltip is not None
        assert "forças armadas" in str(view.tooltip)


async def test_context_panel_terms_follow_the_passage() -> None:
    """The terms listed change with the passage on screen."""
    app = make_app()
    async with app.run_test(size=(110, 14)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        panel = app.query_one(ContextPanel)
        assert panel.display
        assert "imperialismo" in panel.terms_shown
        assert "Wehrmacht" not in panel.terms_shown
        view = app.query_one("#article", ArticleView)
        document = view.document
        assert document is not None
        third = document.block_index("p-3")
        last = document.block_index("p-7")
        assert third is not None and last is not None
        # The view reports the passage shown once scrolling settles: wait for the
        # panel to follow, as a reader would.
        view.jump_to(third)
        await wait_until(pilot, lambda: "Wehrmacht" in panel.terms_shown, "p-3's terms")
        first_percent = rendered(app, "#ctx-position")
        view.jump_to(last)
        await wait_until(
            pilot, lambda: rendered(app, "#ctx-position") != first_percent, "p-7's position"
        )
        assert "Wehrmacht" not in panel.terms_shown
        assert "Time" in panel.terms_shown


async def test_context_panel_outline_jump_and_back() -> None:
    """Choosing "Notas" in the outline jumps there; Backspace undoes it."""
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        await pilot.press("c")
        outline = app.query_one("#ctx-outline", LineList)
        outline.focus()
        outline.highlighted = [entry.strip() for entry in outline.entries].index("Notas")
        await pilot.press("enter")
        await pilot.pause()
        index, _ = view.text_layout.locate(round(view.scroll_y))  # type: ignore[union-attr]
        assert view.document.blocks[index].id == "notes"  # type: ignore[union-attr]
        await pilot.press("backspace")
        await pilot.pause()
        assert round(view.scroll_y) == 0


async def test_context_panel_about_shows_only_what_the_text_says() -> None:
    """About lists the title, language and word count; no invented author."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        about = str(app.query_one("#ctx-about").render())
        assert "A Batalha de Stalingrado" in about
        assert "Language: pt" in about
        assert "words" in about
        assert "Author" not in about
        context = app.query_one("#ctx-context", ArticleView)
        assert context.document is not None
        assert any(s.kind is SpanKind.TERM_REF for b in context.document.blocks for s in b.spans)


async def test_narrow_terminal_panels_overlay_the_text() -> None:
    """Below 100 columns a panel overlays the article instead of squeezing it."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        width = view.size.width
        await pilot.press("c")
        await pilot.pause()
        assert app.query_one(ContextPanel).display
        assert view.size.width == width


async def test_panels_keep_state_for_next_session(tmp_path: Path) -> None:
    """Open panels and their widths come back in the next session."""
    first = make_app(data_dir=tmp_path)
    async with first.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.press("greater_than_sign", "greater_than_sign")
        await pilot.pause()
        width = first.query_one(ContextPanel).outer_size.width
    second: ReaderApp = make_app(data_dir=tmp_path)
    async with second.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        panel = second.query_one(ContextPanel)
        assert panel.display
        assert panel.outer_size.width == width
        assert not second.query_one(GlossaryPanel).display


async def test_article_local_entries_are_linked_and_open(tmp_path: Path) -> None:
    """Abbreviation lines (hidden) and a "Glossário" definition list become entries that
    are linked in the text, listed in the panel and open in the popup."""
    text = tmp_path / "local.md"
    text.write_text(
        "---\ntitle: Local\nlanguage: pt\nglossary: []\n---\n\n"
        "A URSS e o kolkhoz mudaram o campo.\n\n"
        "*[URSS]: União das Repúblicas Socialistas Soviéticas\n\n"
        "## Glossário\n\nkolkhoz\n: Fazenda coletiva soviética.\n",
        encoding="utf-8",
    )
    app = make_app(text)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        assert "*[URSS]" not in view_text(view)
        layout = view.text_layout
        assert layout is not None
        targets = {link.target for link in layout.links if link.kind is SpanKind.TERM_REF}
        assert {"URSS", "kolkhoz"} <= targets
        view.focused_link = next(i.index for i in layout.links if i.target == "URSS")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        assert "União das Repúblicas" in view_text(app.screen.query_one("#note-view", ArticleView))
        await pilot.press("escape", "g", *"kolk")
        await pilot.pause()
        assert option_ids(app.query_one("#gl-terms", OptionList))[0] == "kolkhoz"


async def test_context_breadcrumb_follows_sections(tmp_path: Path) -> None:
    """The section path under "Where you are" follows the headings the reader is in."""
    text = tmp_path / "secoes.md"
    filler = "\n\n".join("Texto de enchimento " * 20 for _ in range(8))
    text.write_text(
        f"# Livro\n\n## Parte um\n\n{filler}\n\n### Capítulo dois\n\n{filler}\n\n"
        f"## Parte dois\n\n{filler}\n",
        encoding="utf-8",
    )
    app = make_app(text)
    async with app.run_test(size=(120, 16)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        view = app.query_one("#article", ArticleView)
        document = view.document
        assert document is not None
        for heading, trail in (
            ("Capítulo dois", "Livro › Parte um › Capítulo dois"),
            ("Parte dois", "Livro › Parte dois"),
        ):
            block = next(i for i, b in enumerate(document.blocks) if b.text == heading)
            view.jump_to(block + 1)
            await wait_until(pilot, position_says(app, trail), f"the trail {trail!r}")


async def test_context_note_is_shown_whole_not_in_a_box_of_its_own() -> None:
    """At 80×24 the context note is taller than half the screen: it is laid out at its
    full height and the panel scrolls (issue 11, item 7); the percent at the top is 0."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        note = app.query_one("#ctx-context", ArticleView)
        await wait_until(pilot, lambda: note.virtual_size.height > 0, "the context note")
        await pilot.pause()
        assert note.virtual_size.height > 12
        assert note.size.height == note.virtual_size.height
        assert str(app.query_one("#ctx-position").render()).splitlines()[1].startswith("0%")


@pytest.mark.parametrize("typed", ["sta", "bur", "cont", "exe", "naz"])
async def test_every_letter_typed_in_the_term_list_filters(typed: str) -> None:
    """The glossary opens on its list; "sta" lost its "s" to the search results panel,
    "bur" its "b" (bookmarks) and "u" (undo): every letter but g and q filters there."""
    from textual.widgets import Input

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        panel = app.query_one(GlossaryPanel)
        await wait_until(pilot, lambda: panel.display, "the glossary open")
        await pilot.press(*typed)
        field = panel.query_one("#gl-filter", Input)
        await wait_until(pilot, lambda: field.value == typed, f"the filter holding {typed!r}")
        assert panel.display


async def test_context_panel_outline_reached_by_keyboard() -> None:
    """From the context panel's text, Tab past its last link reaches the outline (it
    used to wrap round the text's links for ever); the outline shows its highlight at
    once, and Enter jumps to the entry."""
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        await pilot.press("c", "c")
        context = app.query_one("#ctx-context", ArticleView)
        context.focus()
        await pilot.pause()
        links = len(context.text_layout.links)  # type: ignore[union-attr]
        outline = app.query_one("#ctx-outline", LineList)
        for _ in range(links + 1):
            await pilot.press("tab")
        await wait_until(pilot, lambda: outline.has_focus, "the outline focused")
        assert outline.highlighted == 0
        await pilot.press("end", "enter")
        await pilot.pause()
        index, _ = view.text_layout.locate(round(view.scroll_y))  # type: ignore[union-attr]
        assert view.document.blocks[index].id == "notes"  # type: ignore[union-attr]


async def test_page_down_repaints_only_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Following the reading (the passage handed to the screen and to the context panel,
    here closed) repaints neither the whole screen nor the panel: each did, a second full
    frame some 40 ms after every key; only what shows something new repaints."""
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen = app.screen
        panel = app.query_one(ContextPanel)
        refreshed: list[object] = []
        for widget in (screen, panel):
            original = widget.refresh

            def counting(*args: object, _original=original, _w=widget, **kw: object):  # type: ignore[no-untyped-def]
                refreshed.append(_w)
                return _original(*args, **kw)

            monkeypatch.setattr(widget, "refresh", counting)
        before = screen.passage  # type: ignore[attr-defined]
        await pilot.press("pagedown")
        await wait_until(pilot, lambda: screen.passage != before, "the passage followed")  # type: ignore[attr-defined]
        await pilot.pause()
        assert refreshed == []


async def test_the_reading_cursor_moves_with_the_text_in_the_same_frame(tmp_path: Path) -> None:
    """Paging, Home and End put the reading cursor on a passage shown before the frame
    is drawn, not a debounce later: the cursor moved in a second full frame ~30 ms after
    every key (the bench's "settled" 5x the bare page-down)."""
    text = tmp_path / "long.md"
    text.write_text(
        "\n\n".join(f"Paragraph {n} " + "of words " * 30 for n in range(80)), encoding="utf-8"
    )
    app = make_app(text, data_dir=tmp_path / "data")  # a store: passages to rest on
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        await wait_until(pilot, lambda: view.cursor_block is not None, "the cursor")
        actions = (view.action_page_down, view.action_page_down, view.action_scroll_home)
        for action in (*actions, view.action_scroll_end):
            # The text still past the report window: the next report is due at once.
            await wait_until(pilot, lambda: not view.reporting_moves, "the window to end")
            action()  # no await: nothing else runs before the checks
            shown = view.visible_block_range()
            assert shown is not None and view.cursor_block is not None
            assert shown[0] <= view.cursor_block <= shown[1], action
        assert round(view.scroll_y) == view.max_scroll_y  # End scrolled in its own frame


async def test_a_panel_key_read_while_the_screen_is_taken_down_does_nothing(
    tmp_path: Path,
) -> None:
    """A panel's first showing builds its sections; keys typed fast after q reach it
    while the app is closing, when nothing mounts: that ended in a traceback
    (NoMatches '#bm-list') instead of the reader simply quitting."""
    app = make_app(data_dir=tmp_path)  # bookmarks handed to the panel: a fill waits
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: app.reading.session is not None, "the bookmarks")
        panel = app.query_one(BookmarksPanel)
        assert not panel.built
        await panel.remove()  # taken down, as when the app closes
        panel.build()  # no traceback, and the panel knows it has no sections
        assert not panel.built
