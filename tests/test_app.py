"""Pilot tests: the article view read by keyboard and mouse, notes opened and closed."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.document import SpanKind
from reader.ui.dialogs.link_screen import OpenLinkScreen
from reader.ui.dialogs.note_screen import NoteScreen
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.key_bar import KeyBar
from reader.ui.widgets.keys_panel import KeysPanel
from tests.ui_helpers import link_cell, make_app, settle, view_text, wait_until

SIZE = (100, 30)


async def test_opening_screen_shows_title_and_linked_terms() -> None:
    """The bundled article opens with its title and superscript numbers after terms."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = view_text(app.query_one("#article", ArticleView))
        assert "A Batalha de Stalingrado" in text
        assert "soviéticos¹" in text  # the editor's note on "mais de um milhão"
        assert "imperialismo²" in text
        assert "nazismo³" in text
        assert "Exército Vermelho⁴" in text


async def test_tab_enter_opens_note_and_escape_returns_to_same_offset() -> None:
    """Scroll, Tab to the first link on screen, Enter opens its note, Esc restores."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        await pilot.press("pagedown")
        await pilot.pause()
        offset = view.scroll_offset
        assert offset.y > 0
        await pilot.press("tab")
        await pilot.pause()
        assert view.focused_link is not None
        link = view.text_layout.links[view.focused_link]  # type: ignore[union-attr]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        term = app.reading.opened.glossaries.terms[link.target]  # type: ignore[union-attr]
        note_text = view_text(app.screen.query_one("#note-view", ArticleView))
        assert str(app.screen.query_one("#note-box").border_title) == term.term
        assert term.short.split()[0] in note_text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, NoteScreen)
        assert view.scroll_offset == offset


async def test_tab_moves_through_links_in_reading_order_and_scrolls() -> None:
    """Tab visits links in order; reaching one below the screen scrolls it into view."""
    app = make_app()
    async with app.run_test(size=(80, 16)) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        layout = view.text_layout
        assert layout is not None
        seen = []
        for _ in range(12):
            await pilot.press("tab")
            await pilot.pause()
            assert view.focused_link is not None
            seen.append(view.focused_link)
            line = layout.link_line(view.focused_link)
            top = round(view.scroll_y)
            assert top <= line < top + view.scrollable_content_region.height
        assert seen == list(range(seen[0], seen[0] + 12))
        assert view.scroll_y > 0
        await pilot.press("shift+tab")
        await pilot.pause()
        assert view.focused_link == seen[-2]


async def test_click_on_term_opens_its_note() -> None:
    """Clicking a term opens the popup with that term's entry."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        layout = view.text_layout
        assert layout is not None
        wehrmacht = next(link for link in layout.links if link.target == "Wehrmacht")
        x, y = link_cell(view, wehrmacht.index)
        offset = view.scroll_offset
        await pilot.click("#article", offset=(x + 1, y))
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        assert "Wehrmacht" in app.screen.note.meta.title
        await pilot.press("escape")
        await pilot.pause()
        assert view.scroll_offset == offset


async def test_see_also_chain_and_back() -> None:
    """In a note, following "see also" opens the next entry; Backspace goes back."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        layout = view.text_layout
        assert layout is not None
        wehrmacht = next(link for link in layout.links if link.target == "Wehrmacht")
        view.focused_link = wehrmacht.index
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NoteScreen)
        note_view = screen.query_one("#note-view", ArticleView)
        note_layout = note_view.text_layout
        assert note_layout is not None
        see_also = [link for link in note_layout.links if link.kind is SpanKind.TERM_REF]
        assert see_also, "the Wehrmacht entry has see-also links"
        while note_view.focused_link != see_also[0].index:
            await pilot.press("tab")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.note.meta.title == see_also[0].target
        await pilot.press("backspace")
        await pilot.pause()
        assert screen.note.meta.title == "Wehrmacht"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen


async def test_footnote_and_glossary_share_numbers_on_screen(tmp_path: Path) -> None:
    """An article footnote opens in the popup too, numbered in the same sequence."""
    text = tmp_path / "nota.md"
    text.write_text(
        "---\ntitle: Nota\nlanguage: pt\nglossary: [segunda-guerra]\n---\n\n"
        "A Wehrmacht[^a] e o Volga.\n\n[^a]: Uma nota.\n",
        encoding="utf-8",
    )
    app = make_app(text)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        shown = view_text(view)
        assert "Wehrmacht¹²" in shown
        assert "Volga³" in shown
        layout = view.text_layout
        assert layout is not None
        note = next(link for link in layout.links if link.kind is SpanKind.NOTE_REF)
        view.focused_link = note.index
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        assert "Uma nota." in view_text(app.screen.query_one("#note-view", ArticleView))


async def test_web_link_asks_first_and_other_schemes_are_not_followed(tmp_path: Path) -> None:
    """http links ask for confirmation showing the URL; ftp: links only warn."""
    text = tmp_path / "links.md"
    text.write_text(
        "[web](https://example.org/x) and [bad](ftp://example.org/f)\n", encoding="utf-8"
    )
    app = make_app(text)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, OpenLinkScreen)
        assert app.screen.url == "https://example.org/x"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, OpenLinkScreen)
        assert any("Not followed" in n.message for n in app._notifications)


async def test_markup_in_text_is_shown_as_text_and_never_runs(tmp_path: Path) -> None:
    """Textual markup and escape sequences in a file are displayed, never interpreted.
    (That clicking them runs nothing is tests/hostile/test_markup.py's
    test_clicking_every_cell_runs_nothing: every cell, an action that counts its runs.)"""
    text = tmp_path / "hostile.md"
    text.write_text("[@click=app.quit]Sair[/] [b]bold[/b] \x1b[31mred\n", encoding="utf-8")
    app = make_app(text)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        shown = view_text(view)
        assert "[@click=app.quit]Sair[/]" in shown
        assert "[b]bold[/b]" in shown
        assert "␛[31mred" in shown
        assert app.is_running


async def test_bad_front_matter_shows_error_line(tmp_path: Path) -> None:
    """Bad front matter says why, naming file and line, in a notification, and the body
    is shown (issue 12: it used to be an empty page with the error in the status line)."""
    text = tmp_path / "bad.md"
    text.write_text("---\n- a\n- b\n---\n\nText.\n", encoding="utf-8")
    app = make_app(text)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        (message,) = [notification.message for notification in app._notifications]
        assert message.startswith(f"{text}:1: front matter must be a mapping")
        assert "Text." in view_text(app.query_one("#article", ArticleView))


async def test_resize_keeps_reading_position() -> None:
    """After a resize the block at the top of the screen is still at the top."""
    app = make_app()
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        layout = view.text_layout
        assert layout is not None
        target = layout.document.block_index("p-4")
        assert target is not None
        view.scroll_to(y=layout.block_top(target) + 1, animate=False, immediate=True)
        await pilot.pause()
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        await pilot.pause()
        index, _ = view.text_layout.locate(round(view.scroll_y))  # type: ignore[union-attr]
        assert view.text_layout.document.blocks[index].id == "p-4"  # type: ignore[union-attr]


def test_text_head_cuts_outside_code_fences() -> None:
    """The opening shown first of a long text never ends inside a fenced code block."""
    from reader.pipeline.stages import HEAD_CHARS, text_head

    prose = "palavra " * (HEAD_CHARS // 8)
    fenced = f"{prose}\n\n```\ncódigo\n\nainda código\n```\n\nDepois.\n\n" + prose
    head = text_head(fenced)
    assert head is not None
    assert head.count("```") % 2 == 0
    assert text_head("curto\n\ntexto") is None


async def test_long_text_opens_then_links(tmp_path: Path) -> None:
    """A book-sized text is shown (opening first, then whole) and then linked."""
    text = tmp_path / "livro.md"
    paragraph = "A Wehrmacht avançou pelo Volga. " * 12
    text.write_text(
        "---\ntitle: Livro\nlanguage: pt\nglossary: [segunda-guerra]\n---\n\n"
        + "\n\n".join([paragraph] * 1200),
        encoding="utf-8",
    )
    app = make_app(text)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        document = view.document
        assert document is not None
        assert len(document.blocks) > 1200
        assert "Wehrmacht¹" in view_text(view)
        await pilot.press("end")
        await pilot.pause()
        assert "Notas" in view_text(view)


async def test_question_mark_shows_the_readers_keys_grouped_and_hides_them() -> None:
    """? lists the reader's own keys under headings by purpose, from the registry — not
    Textual's generic ones (issue 11, item 8); ? again hides the list."""
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        panel = app.screen.query_one(KeysPanel)
        await wait_until(pilot, lambda: panel.display, "the keys panel")
        shown = app.export_screenshot().replace("&#160;", " ")  # SVG text, spaces escaped
        for heading in ("Reading", "Links and notes", "Panels", "Bookmarks"):
            assert heading in shown
        assert "Next mention" in shown and "Next match" in shown and "Next link" in shown
        assert "Scroll Left" not in shown and "Page Right" not in shown
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: not panel.display, "the panel to hide")


@pytest.mark.parametrize("width", [80, 120])
async def test_the_footer_keeps_the_panel_keys_and_the_way_out(width: int) -> None:
    """At 80 and 120 columns the footer is never cut inside a key: the panel keys, ? and
    q are there (issue 11, item 8: "m Mar▏" at 120, no panel keys at 80)."""
    app = make_app()
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(pilot)
        bar = app.query_one(KeyBar)
        text = str(bar.render())
        assert len(text) <= width
        for key in ("g Glossary", "c Context", "b Bookmarks", "? Keys", "q Quit"):
            assert key in text, (key, text)
        assert text.rstrip().endswith("q Quit")


def test_the_reader_offers_only_the_themes_its_colours_are_checked_in() -> None:
    """The palette's theme list is the checked themes (issue 11, item 3)."""
    from reader.ui.themes import THEMES

    app = make_app()
    assert sorted(app.available_themes) == sorted(THEMES)
    assert app.theme in THEMES


async def test_a_link_in_a_note_to_a_place_in_the_text_closes_the_note_and_jumps(
    tmp_path: Path,
) -> None:
    """A footnote's link to a place in the text (a book's "see chapter 3") did nothing:
    the popup let it bubble to the app, which nobody listened for. Now the popup closes
    and the text jumps there, Backspace returns; a web link in a note asks first, over
    the note."""
    filler = "\n\n".join(f"Parágrafo de enchimento número {n}." for n in range(60))
    text = tmp_path / "jump.md"
    text.write_text(
        f"# Título\n\nTexto com nota.[^1]\n\n{filler}\n\n## Depois\n\nO destino do salto.\n\n"
        "[^1]: Veja [o destino](#p-62) e [o sítio](https://example.org/s).\n",
        encoding="utf-8",
    )
    app = make_app(text)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        assert "O destino do salto." not in view_text(view)
        await pilot.press("tab", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, NoteScreen), "the note opens")
        await pilot.press("tab", "tab", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, OpenLinkScreen), "asked first")
        asking = app.screen
        assert isinstance(asking, OpenLinkScreen) and asking.url == "https://example.org/s"
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, NoteScreen), "the note stays")
        await pilot.press("shift+tab", "enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, NoteScreen), "it closes")
        await wait_until(pilot, lambda: "O destino do salto." in view_text(view), "the jump")
        await pilot.press("backspace")
        await wait_until(pilot, lambda: "Texto com nota." in view_text(view), "back again")


async def test_a_web_link_no_browser_can_open_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter, Enter on a web link with no browser to start: the dialog closed and nothing
    was said."""
    import webbrowser

    opened: list[str] = []

    def no_browser(url: str, *args: object, **kwargs: object) -> bool:
        opened.append(url)
        return False

    monkeypatch.setattr(webbrowser, "open", no_browser)
    text = tmp_path / "links.md"
    text.write_text("[web](https://example.org/x)\n", encoding="utf-8")
    app = make_app(text)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, OpenLinkScreen), "asked")
        await pilot.press("enter")
        await wait_until(
            pilot,
            lambda: any("No web browser could be started" in n.message for n in app._notifications),
            "the warning",
        )
        assert opened == ["https://example.org/x"]
