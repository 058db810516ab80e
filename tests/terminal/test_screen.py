"""Rebuilding a screen of cells from what ``capture-pane -e -N -p`` prints."""

from __future__ import annotations

import pytest

from tests.terminal.screen import Cell, char_width, parse_capture
from tests.terminal.sgr import PLAIN, Colour

ESC = "\x1b"


def test_the_pen_carries_from_cell_to_cell_and_line_to_line() -> None:
    captured = f"{ESC}[38;5;1;48;5;2mab{ESC}[1mc\nd{ESC}[0me\n"
    screen = parse_capture(captured, 3, 2)
    assert screen.lines == ["abc", "de"]
    red_on_green = screen.cell(1, 1).pen
    assert (red_on_green.fg, red_on_green.bg) == (Colour.from_index(1), Colour.from_index(2))
    assert not screen.cell(2, 1).bold
    assert screen.cell(3, 1).bold
    assert screen.cell(1, 2).bold, "tmux does not repeat the pen at the start of a line"
    assert screen.cell(2, 2).pen == PLAIN
    assert screen.cell(3, 2) == Cell(" "), "short rows are padded with blank cells"


def test_rows_and_columns_fit_the_pane() -> None:
    screen = parse_capture("abcdef\n1\n2\n3\n", 4, 2)
    assert screen.lines == ["abcd", "1"]
    assert (screen.width, screen.height) == (4, 2)
    assert parse_capture("", 2, 3).lines == ["", "", ""]


def test_a_wide_character_takes_two_cells() -> None:
    screen = parse_capture("a漢b\n", 5, 1)
    assert [cell.char for cell in screen.rows[0]] == ["a", "漢", "", "b", " "]
    assert screen.lines == ["a漢b"]
    assert screen.find("b") == (4, 1)


def test_a_combining_mark_joins_its_character() -> None:
    screen = parse_capture("e\u0301x\n", 3, 1)
    assert screen.cell(1, 1).char == "e\u0301"
    assert screen.cell(2, 1).char == "x"


def test_other_escape_sequences_are_skipped() -> None:
    captured = f"{ESC}]8;;https://example.org{ESC}\\link{ESC}]8;;{ESC}\\{ESC}[?25l!\n"
    assert parse_capture(captured, 6, 1).lines == ["link!"]


def test_find_counts_cells_from_one() -> None:
    screen = parse_capture("  ab ab\nab\n", 8, 2)
    assert screen.find("ab") == (3, 1)
    assert list(screen.find_all("ab")) == [(3, 1), (6, 1), (1, 2)]
    assert "b a" in screen
    assert "zz" not in screen
    with pytest.raises(LookupError, match="'zz' is not on screen"):
        screen.find("zz")


def test_changed_since_shows_what_appeared() -> None:
    before = parse_capture("aaaa\nbbbb\ncccc\n", 4, 3)
    after = parse_capture(f"aaaa\nb{ESC}[44mXY{ESC}[0mb\ncccc\n", 4, 3)
    assert after.changed_since(before) == ["XY"]
    recoloured = parse_capture(f"aaaa\nbbbb\n{ESC}[1mcc{ESC}[0mcc\n", 4, 3)
    assert recoloured.changed_since(before) == ["cc"]


def test_shown_colours_apply_defaults_and_reverse() -> None:
    screen = parse_capture(f"{ESC}[38;5;231ma{ESC}[7mb\n", 2, 1)
    white, black = (255, 255, 255), (0, 0, 0)
    assert screen.cell(1, 1).shown_colours(black, black) == (white, black)
    assert screen.cell(2, 1).shown_colours(black, black) == (black, white)
    assert screen.cell(1, 1).contrast(default_bg=black) == pytest.approx(21)


@pytest.mark.parametrize(
    ("char", "width"), [("a", 1), ("é", 1), ("▎", 1), ("漢", 2), ("\u0301", 0)]
)
def test_char_width(char: str, width: int) -> None:
    assert char_width(char) == width
