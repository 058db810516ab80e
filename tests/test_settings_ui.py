"""The settings in the reader: the theme, the measure and justification kept across
restarts, zen mode, a keymap from the file, and a bad file shown, never written over."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Header

from reader.settings import Loaded, load_settings
from reader.ui.panels.context import ContextPanel
from reader.ui.panels.glossary import GlossaryPanel
from reader.ui.reading.looks import FULL_MEASURE
from reader.ui.settings import ui_choices
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.key_bar import KeyBar
from tests.ui_helpers import make_app, settle, view_text, wait_until


def _settings(path: Path) -> Loaded:
    return load_settings(path, ui_choices())


def _measure(view: ArticleView) -> int:
    layout = view.text_layout
    assert layout is not None
    return layout.width


async def test_a_theme_picked_is_there_after_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    first = make_app(settings=_settings(path))
    async with first.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert first.theme == "textual-dark"
        first.theme = "papel"  # what the palette's theme list does
        await pilot.pause()
    assert 'theme = "papel"' in path.read_text(encoding="utf-8")
    second = make_app(settings=_settings(path))
    async with second.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert second.theme == "papel"
        assert second.has_class("-light-mode")


async def test_w_steps_the_measure_and_it_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("# mine\nwidth = 72  # the default, said\n", encoding="utf-8")
    first = make_app(settings=_settings(path))
    async with first.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        view = first.query_one("#article", ArticleView)
        assert _measure(view) == 72
        await pilot.press("w")
        await wait_until(pilot, lambda: _measure(view) == 88, "the 88-column measure")
        assert "Width: 88 columns" in str(first.screen.query_one("#status").render())
        assert load_settings(path).settings.width == 88
        await pilot.press("w")
        await wait_until(pilot, lambda: view.measure == FULL_MEASURE, "the full width")
        await wait_until(pilot, lambda: _measure(view) > 120, "the text across the window")
        await pilot.press("w")
        await wait_until(pilot, lambda: _measure(view) == 60, "back to 60 columns")
    assert path.read_text(encoding="utf-8") == "# mine\nwidth = 60  # the default, said\n"
    second = make_app(settings=_settings(path))
    async with second.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert _measure(second.query_one("#article", ArticleView)) == 60


async def test_capital_w_justifies_the_text_and_it_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    first = make_app(settings=_settings(path))
    async with first.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = first.query_one("#article", ArticleView)
        ragged = view_text(view)
        assert not any(line.strip().count("  ") for line in ragged.splitlines()[4:])
        await pilot.press("W")
        await wait_until(pilot, lambda: view_text(view) != ragged, "the text justified")
        lines = [line.strip() for line in view_text(view).splitlines()]
        widened = [line for line in lines if "  " in line]
        assert widened and all(len(line) == 72 for line in widened)
        # The same words on the same lines (the status line, saying so, takes one).
        assert [line.split() for line in lines] == [
            line.split() for line in ragged.splitlines()[: len(lines)]
        ]
        justified = view_text(view).splitlines()
    assert load_settings(path).settings.justify == "justified"
    second = make_app(settings=_settings(path))
    async with second.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = view_text(second.query_one("#article", ArticleView)).splitlines()
        assert shown[: len(justified)] == justified


async def test_zen_mode_hides_everything_but_the_text_until_z_again(tmp_path: Path) -> None:
    app = make_app(data_dir=tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        panel = app.query_one(ContextPanel)
        await pilot.press("c")
        await wait_until(pilot, lambda: bool(panel.display), "the context panel")
        await wait_until(pilot, lambda: "▎" in view_text(view), "the reading cursor")
        state = (tmp_path / "ui-state.json").read_text(encoding="utf-8")
        await pilot.press("z")
        await wait_until(pilot, lambda: not app.query_one(Header).display, "zen mode")
        assert not app.query_one(KeyBar).display
        assert not panel.display
        assert "▎" not in view_text(view) and view.has_focus
        assert (tmp_path / "ui-state.json").read_text(encoding="utf-8") == state
        await pilot.press("z")
        await wait_until(pilot, lambda: bool(app.query_one(Header).display), "zen mode off")
        assert app.query_one(KeyBar).display
        assert panel.display
        await wait_until(pilot, lambda: "▎" in view_text(view), "the marks back")


async def test_a_panel_key_leaves_zen_mode() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("z")
        await wait_until(pilot, lambda: app.screen.has_class("-zen"), "zen mode")
        await pilot.press("g")
        panel = app.query_one(GlossaryPanel)
        await wait_until(pilot, lambda: bool(panel.display), "the glossary panel")
        assert not app.screen.has_class("-zen")
        assert app.query_one(Header).display


async def test_the_keys_table_moves_a_key(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[keys]\nglossary = "G"\n', encoding="utf-8")
    app = make_app(settings=_settings(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        panel = app.query_one(GlossaryPanel)
        await pilot.press("g")
        await pilot.pause()
        assert not panel.display
        await pilot.press("G")
        await wait_until(pilot, lambda: bool(panel.display), "G to open the glossary")


async def test_the_reading_speed_gives_the_minutes_left(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("reading_speed = 460\n", encoding="utf-8")
    app = make_app(settings=_settings(path))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        shown = app.query_one("#ctx-position")
        await wait_until(pilot, lambda: "460 words/min" in str(shown.render()), "the speed")


async def test_a_bad_file_is_a_notification_and_never_written_over(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    text = '# mine\ntheme = "papel"\nwidth = "wide"\n'
    path.write_text(text, encoding="utf-8")
    app = make_app(settings=_settings(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        messages = [str(note.message) for note in app._notifications]
        assert any(message.startswith(f"{path}:3: width: must be") for message in messages)
        assert app.theme == "papel"  # the good values are used
        view = app.query_one("#article", ArticleView)
        await pilot.press("w")
        await wait_until(pilot, lambda: _measure(view) == 88, "the measure, for now")
        messages = [str(note.message) for note in app._notifications]
        assert any("not saved while this is wrong" in message for message in messages)
    assert path.read_text(encoding="utf-8") == text
