"""The SGR parser and the colour maths the terminal tests judge colours with."""

from __future__ import annotations

import pytest

from tests.terminal.sgr import (
    PLAIN,
    Colour,
    apply_sgr,
    contrast_ratio,
    relative_luminance,
    xterm_rgb,
)


@pytest.mark.parametrize(
    ("index", "rgb"),
    [
        (0, (0, 0, 0)),
        (9, (255, 0, 0)),
        (15, (255, 255, 255)),
        (16, (0, 0, 0)),
        (17, (0, 0, 95)),
        (196, (255, 0, 0)),
        (214, (255, 175, 0)),
        (222, (255, 215, 135)),
        (231, (255, 255, 255)),
        (232, (8, 8, 8)),
        (234, (28, 28, 28)),
        (253, (218, 218, 218)),
        (255, (238, 238, 238)),
    ],
)
def test_the_xterm_palette(index: int, rgb: tuple[int, int, int]) -> None:
    assert xterm_rgb(index) == rgb


@pytest.mark.parametrize("index", [-1, 256])
def test_palette_indexes_out_of_range_are_refused(index: int) -> None:
    with pytest.raises(ValueError):
        xterm_rgb(index)


def test_luminance_runs_from_black_to_white() -> None:
    assert relative_luminance((0, 0, 0)) == 0
    assert relative_luminance((255, 255, 255)) == pytest.approx(1)
    # Green counts most, blue least, as the eye weighs them.
    assert relative_luminance((0, 255, 0)) > relative_luminance((255, 0, 0))
    assert relative_luminance((255, 0, 0)) > relative_luminance((0, 0, 255))


def test_contrast_ratios() -> None:
    black, white = (0, 0, 0), (255, 255, 255)
    assert contrast_ratio(black, white) == pytest.approx(21)
    assert contrast_ratio(white, black) == pytest.approx(21)
    assert contrast_ratio((119, 119, 119), (119, 119, 119)) == 1
    # WCAG's own example threshold: #767676 on white just passes 4.5:1.
    assert contrast_ratio((0x76, 0x76, 0x76), white) == pytest.approx(4.54, abs=0.01)
    # Issue 11: the focused link, colour 222 on 214, is about 1.4:1 (1.35).
    assert contrast_ratio(xterm_rgb(222), xterm_rgb(214)) == pytest.approx(1.35, abs=0.01)


def test_256_colours_keep_their_index() -> None:
    pen = apply_sgr(PLAIN, "38;5;222;48;5;234")
    assert pen.fg == Colour((255, 215, 135), 222)
    assert pen.bg == Colour((28, 28, 28), 234)
    assert str(pen.fg) == "222 (#ffd787)"


def test_24_bit_colours() -> None:
    pen = apply_sgr(PLAIN, "38;2;1;2;3;48;2;250;251;252")
    assert pen.fg == Colour((1, 2, 3))
    assert pen.bg == Colour((250, 251, 252))
    assert str(pen.fg) == "#010203"


def test_colon_forms() -> None:
    assert apply_sgr(PLAIN, "38:5:17").fg == Colour.from_index(17)
    assert apply_sgr(PLAIN, "38:2::10:20:30").fg == Colour((10, 20, 30))
    assert apply_sgr(PLAIN, "48:2:10:20:30").bg == Colour((10, 20, 30))


def test_basic_and_bright_colours() -> None:
    assert apply_sgr(PLAIN, "31").fg == Colour.from_index(1)
    assert apply_sgr(PLAIN, "97").fg == Colour.from_index(15)
    assert apply_sgr(PLAIN, "44").bg == Colour.from_index(4)
    assert apply_sgr(PLAIN, "100").bg == Colour.from_index(8)


def test_defaults_and_resets() -> None:
    pen = apply_sgr(PLAIN, "1;4;7;38;5;1;48;5;2")
    assert (pen.bold, pen.underline, pen.reverse) == (True, True, True)
    assert apply_sgr(pen, "39").fg is None
    assert apply_sgr(pen, "49").bg is None
    assert apply_sgr(pen, "0") == PLAIN
    assert apply_sgr(pen, "") == PLAIN
    # tmux writes "0;1" to drop some attributes and keep others.
    assert apply_sgr(pen, "0;1") == PLAIN.with_attributes("bold")


def test_attributes_on_and_off() -> None:
    pen = apply_sgr(PLAIN, "1;2;3;9")
    assert pen.attributes == {"bold", "dim", "italic", "strike"}
    assert apply_sgr(pen, "22").attributes == {"italic", "strike"}
    assert apply_sgr(PLAIN, "4:3").underline
    assert not apply_sgr(apply_sgr(PLAIN, "4"), "4:0").underline
    assert not apply_sgr(apply_sgr(PLAIN, "4"), "24").underline


def test_underline_colour_changes_no_colour() -> None:
    pen = apply_sgr(PLAIN, "38;5;3;58;5;9;1")
    assert pen.fg == Colour.from_index(3)
    assert pen.bg is None
    assert pen.bold
