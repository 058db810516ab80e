"""Settings in a real terminal: ``w`` widens the measure and the next start keeps it,
``z`` leaves only the text, a theme picked in the palette is there after a restart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.terminal.conftest import StartTerminal
from tests.terminal.driver import Terminal
from tests.terminal.screen import Screen
from tests.terminal.sgr import RGB
from tests.terminal.test_colours import choose_theme, write_settings

pytestmark = pytest.mark.terminal

TITLE = "A Batalha de Stalingrado"
STARTUP_SECONDS = 30.0  # a shared CI machine may be slow to import Textual
PAPEL_PAGE: RGB = (0xF6, 0xEF, 0xDD)
"""papel's page (its surface), as truecolor shows it."""


def _start(terminal: StartTerminal, **options: object) -> tuple[Terminal, Screen]:
    term = terminal("stalingrado", width=120, height=40, **options)  # type: ignore[arg-type]
    term.wait_for(TITLE, timeout=STARTUP_SECONDS)
    return term, term.settle()


def _text_width(screen: Screen) -> int:
    """The widest line of text between the header and the footer: the margin, its
    cursor mark and the scrollbar (the last column) left out."""
    rows = [line[: screen.width - 1].strip(" ▎◆") for line in screen.lines[2:-2]]
    return max(len(row) for row in rows)


def _page(screen: Screen) -> RGB | None:
    x, y = screen.find("Em 2 de fevereiro")
    colour = screen.rows[y - 1][x - 1].bg
    return colour.rgb if colour is not None else None


def _settings_file(tmp_path: Path) -> Path:
    return tmp_path / "home" / ".config" / "rodape" / "settings.toml"


def test_w_widens_the_measure_and_the_next_start_keeps_it(
    terminal: StartTerminal, tmp_path: Path
) -> None:
    term, first = _start(terminal)
    assert _text_width(first) <= 72
    term.keys("w")
    term.wait_for("Width: 88 columns")
    assert 72 < _text_width(term.settle()) <= 88
    term.keys("q")
    assert term.wait_for_exit() == 0
    assert "width = 88" in _settings_file(tmp_path).read_text(encoding="utf-8")
    _, screen = _start(terminal)
    assert 72 < _text_width(screen) <= 88


def test_z_leaves_only_the_text_until_pressed_again(terminal: StartTerminal) -> None:
    term, first = _start(terminal)
    assert "Rodapé" in first.lines[0] and "q Quit" in first.lines[-1]
    term.keys("z")
    zen = term.wait_for(lambda screen: "q Quit" not in screen.lines[-1])
    assert not any("Rodapé" in line for line in zen.lines)
    assert "▎" not in "".join(zen.lines)  # nor the reading cursor in the margin
    assert any("Em 2 de fevereiro" in line for line in zen.lines)
    term.keys("z")
    back = term.wait_for(lambda screen: "q Quit" in screen.lines[-1])
    assert "Rodapé" in back.lines[0]


def test_a_theme_picked_in_the_palette_is_kept(terminal: StartTerminal, tmp_path: Path) -> None:
    term, first = _start(terminal, colours="truecolor")
    assert _page(first) != PAPEL_PAGE
    choose_theme(term, "papel")
    assert _page(term.settle()) == PAPEL_PAGE
    term.keys("q")
    assert term.wait_for_exit() == 0
    assert 'theme = "papel"' in _settings_file(tmp_path).read_text(encoding="utf-8")
    _, again = _start(terminal, colours="truecolor")
    assert _page(again) == PAPEL_PAGE


def test_a_bad_settings_file_is_one_line_in_the_reader(
    terminal: StartTerminal, tmp_path: Path
) -> None:
    path = write_settings(tmp_path / "home", 'width = "wide"\n')
    term, _ = _start(terminal)
    term.wait_for(f"{path.name}:1:")
    term.keys("w")
    # The notification names the whole path, so it may wrap between its words (the
    # temporary folder is longer under xdist): the words are looked for across rows.
    term.wait_for(_says_not_saved)
    term.keys("q")
    assert term.wait_for_exit() == 0
    assert path.read_text(encoding="utf-8") == 'width = "wide"\n'


def _says_not_saved(screen: Screen) -> bool:
    """the notification that the setting was not saved (its words may wrap)"""
    toasts = " ".join(line.rsplit("▌", 1)[1] for line in screen.lines if "▌" in line)
    return re.search(r"\bnot\s+saved\b", toasts) is not None
