"""The reader in Brazilian Portuguese (the ``language`` setting, or the locale): footer,
panels, the list of keys, notifications, counts and dates; English by default."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from reader.settings import load_settings
from reader.text import i18n
from reader.ui.panels.base import PanelHeading
from reader.ui.settings import ui_choices
from reader.ui.widgets.key_bar import KeyBar
from reader.ui.widgets.keys_panel import KeysPanel
from tests.ui_helpers import (
    make_app,
    palette_results,
    rendered,
    search_palette,
    settle,
    wait_until,
)


def notifications(app: object) -> list[str]:
    return [str(notice.message) for notice in app._notifications]  # type: ignore[attr-defined]


def portuguese_settings(tmp_path: Path) -> object:
    path = tmp_path / "settings.toml"
    path.write_text('language = "pt-BR"\n', encoding="utf-8")
    return load_settings(path, ui_choices())


async def test_the_setting_makes_the_reader_portuguese(tmp_path: Path) -> None:
    """``language = "pt-BR"`` (whatever the locale): the footer, a panel's headings, the
    word count, the keys panel and a notification are Portuguese."""
    text = tmp_path / "volga.md"
    text.write_text("---\ntitle: Volga\nlanguage: pt\n---\n" + "O Volga corre.\n\n" * 631)
    app = make_app(text, settings=portuguese_settings(tmp_path))  # type: ignore[arg-type]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        footer = str(app.query_one(KeyBar).render())
        for label in ("g Glossário", "c Contexto", "b Marcadores", "? Teclas", "q Sair"):
            assert label in footer, (label, footer)
        for english in ("Glossary", "Bookmarks", "Quit", "Keys"):
            assert english not in footer

        await pilot.press("c")
        await wait_until(pilot, lambda: "palavras" in rendered(app, "#ctx-about"), "the count")
        headings = [str(s.render()) for s in app.screen.query(PanelHeading)]
        assert "Onde você está" in headings and "Sobre este texto" in headings, headings
        about = rendered(app, "#ctx-about")
        assert "1.894 palavras" in about, about  # 3 words × 631, and the title
        assert "Idioma: pt" in about

        await pilot.press("question_mark")
        await wait_until(pilot, lambda: bool(app.screen.query(KeysPanel)), "the keys panel")
        keys = "\n".join(str(s.render()) for s in app.screen.query(KeysPanel).first().query(Static))
        for shown in ("Leitura", "Links e notas", "Marcadores", "Sair", "Próximo link"):
            assert shown in keys, (shown, keys)
        assert "Next link" not in keys and "Reading" not in keys

        await pilot.press("question_mark", "backspace")
        await wait_until(
            pilot, lambda: "Não há para onde voltar." in notifications(app), "the notification"
        )


async def test_the_locale_makes_the_reader_portuguese(monkeypatch: pytest.MonkeyPatch) -> None:
    """No setting (auto): ``LANG=pt_BR.UTF-8`` is enough; a search says "1 de N"."""
    monkeypatch.setenv("LANGUAGE", "")
    monkeypatch.setenv("LC_ALL", "")
    monkeypatch.setenv("LANG", "pt_BR.UTF-8")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "b Marcadores" in str(app.query_one(KeyBar).render())
        await pilot.press("slash", *"volga", "enter")
        status = app.query_one("#status")
        await wait_until(
            pilot, lambda: bool(re.search(r"“volga”: 1 de \d", str(status.render()))), "the count"
        )
        await pilot.press("b")
        await wait_until(
            pilot, lambda: "Enter abre · e edita" in rendered(app, "#bm-hint"), "the panel's hint"
        )


async def test_english_by_default(tmp_path: Path) -> None:
    text = tmp_path / "volga.md"
    text.write_text("---\ntitle: Volga\nlanguage: pt\n---\n" + "O Volga corre.\n\n" * 631)
    app = make_app(text)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert i18n.current_language() == "en"
        footer = str(app.query_one(KeyBar).render())
        assert "b Bookmarks" in footer and "q Quit" in footer
        await pilot.press("c")
        await wait_until(pilot, lambda: "words" in rendered(app, "#ctx-about"), "the count")
        assert "1,894 words" in rendered(app, "#ctx-about")


def test_bookmark_dates_follow_the_language() -> None:
    from reader.ui.panels.bookmarks import _created_day

    assert _created_day("2026-03-09T14:05:00+00:00") == "2026-03-09"
    i18n.set_language("pt-BR")
    assert _created_day("2026-03-09T14:05:00+00:00") == "09/03/2026"
    assert _created_day("not a date") == "not a date"


async def test_the_palette_speaks_portuguese(tmp_path: Path) -> None:
    """Textual's own words in the palette: its placeholder and the system commands."""
    app = make_app(settings=portuguese_settings(tmp_path))  # type: ignore[arg-type]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_palette(pilot, "tema", "Mudar o tema atual")
        assert app.screen.query_one(Input).placeholder == "Buscar comandos…"


async def test_the_palette_offers_the_readers_keys_not_textuals_tools(tmp_path: Path) -> None:
    """Ctrl+P listed Textual's Screenshot (an SVG written into the working folder) and
    Maximize, and a Keys that opened Textual's help panel beside the reader's own list.
    Now Keys is the reader's list of keys, and the developer's tools are gone."""
    from textual.command import CommandPalette

    from reader.ui.widgets.keys_panel import KeysPanel

    app = make_app(settings=portuguese_settings(tmp_path))  # type: ignore[arg-type]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")

        def titles() -> set[str]:
            return {prompt.splitlines()[0] for prompt in palette_results(app) if prompt}

        await wait_until(pilot, lambda: "Teclas" in titles(), "the commands")
        assert {"Tema", "Sair"} <= titles()
        assert not {"Captura de tela", "Maximizar", "Screenshot", "Maximize"} & titles()
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, CommandPalette), "closed")
        await search_palette(pilot, "teclas", "Teclas")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen.query_one(KeysPanel).display, "the keys")
        assert not app.screen.query("HelpPanel")


async def test_a_palette_search_that_finds_nothing_says_so_in_portuguese(tmp_path: Path) -> None:
    """Textual writes "No matches found" where it builds the line: it showed in English
    in a Portuguese reader."""
    from textual.command import CommandList, CommandPalette

    app = make_app(settings=portuguese_settings(tmp_path))  # type: ignore[arg-type]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"zzqxw")

        def said() -> list[str]:
            if not isinstance(app.screen, CommandPalette):
                return []
            found = app.screen.query_one(CommandList)
            options = [found.get_option_at_index(i) for i in range(found.option_count)]
            return [str(getattr(option.prompt, "renderable", option.prompt)) for option in options]

        await wait_until(pilot, lambda: "Nada encontrado" in said(), "nothing found, said")
        assert "No matches found" not in said()
