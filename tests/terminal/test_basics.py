"""The reader in a real terminal: it opens, quits, opens notes from keys and the mouse.

Each test starts ``reader stalingrado`` (the bundled article) in its own tmux at 80×24 or
120×40 and talks to it only through bytes in and the captured screen out.
"""

from __future__ import annotations

import re

import pytest

from reader.glossary import load_glossary
from reader.text.resources import glossary_dir
from tests.terminal.conftest import StartTerminal
from tests.terminal.driver import ColourMode, Terminal
from tests.terminal.screen import Screen

pytestmark = pytest.mark.terminal

TITLE = "A Batalha de Stalingrado"
FIRST_WORDS = "Em 2 de fevereiro de 1943"
"""The article's first words: on its first screen at every size the tests open it at."""
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
COLOURS = [pytest.param("256", id="256"), pytest.param("truecolor", id="truecolor")]
STARTUP_SECONDS = 30.0  # a shared CI machine may be slow to import Textual

_POPUP_TOP = re.compile(r"╭─ (.+?) ─")


def open_article(
    terminal: StartTerminal, size: tuple[int, int], colours: ColourMode = "256"
) -> tuple[Terminal, Screen]:
    """The bundled article open at ``size``, and its first screen once drawn whole: its
    first words in the text, not only its title (the header says it before the text is
    in: keys typed then went to a reader with no text yet)."""
    width, height = size
    term = terminal("stalingrado", width=width, height=height, colours=colours)
    term.wait_for(FIRST_WORDS, timeout=STARTUP_SECONDS)
    return term, term.settle()


_FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def popup_title(screen: Screen) -> str | None:
    """The title in the top border of the note popup on ``screen``, if one is open."""
    for line in screen.lines:
        if match := _POPUP_TOP.search(line):
            return match.group(1)
    return None


def appeared(before: Screen, after: Screen) -> str:
    """The text of what changed between two screens, rows joined, spaces collapsed."""
    return " ".join(" ".join(after.changed_since(before)).split())


def short_of(term: str) -> str:
    """The one-line summary the bundled glossary gives ``term``."""
    glossary = load_glossary(glossary_dir() / "segunda-guerra.yaml")
    return next(entry.short for entry in glossary.terms if entry.term == term)


@pytest.mark.parametrize("colours", COLOURS)
@pytest.mark.parametrize("size", SIZES)
def test_the_bundled_article_opens_with_its_title(
    terminal: StartTerminal, size: tuple[int, int], colours: ColourMode
) -> None:
    term, screen = open_article(terminal, size, colours)
    assert TITLE in screen.lines[2], f"\n{screen}"
    assert len(screen.lines) == size[1]
    # The two captures agree: the SGR parser rebuilt the same text tmux prints plainly.
    assert term.text() == term.settle().lines
    told = {colour for row in screen.rows for cell in row for colour in (cell.fg, cell.bg)}
    indexes = {colour.index for colour in told if colour is not None}
    if colours == "256":
        assert None not in indexes, "a 24-bit colour reached a 256-colour terminal"
    else:
        assert None in indexes, "COLORTERM=truecolor did not reach the app"


@pytest.mark.parametrize("colours", COLOURS)
def test_the_body_text_is_readable(terminal: StartTerminal, colours: ColourMode) -> None:
    _, screen = open_article(terminal, (80, 24), colours)
    x, y = screen.find("derrotaram o nazismo")
    ratios = {round(cell.contrast(), 2) for cell in screen.span(x, y, 11)}
    assert min(ratios) >= 4.5, ratios


@pytest.mark.parametrize("size", SIZES)
def test_q_quits_with_status_0(terminal: StartTerminal, size: tuple[int, int]) -> None:
    term, _ = open_article(terminal, size)
    term.keys("q")
    assert term.wait_for_exit() == 0


def test_keys_typed_right_after_q_still_quit_with_status_0(terminal: StartTerminal) -> None:
    """Keys that reach the reader while it closes (typed fast after q: a panel's key,
    whose panel builds its sections on first showing) ended in a traceback, status 1."""
    term, _ = open_article(terminal, (120, 40))
    term.type("qbgcsmz/?]wWjJv")
    assert term.wait_for_exit() == 0, "\n".join(term.text())


@pytest.mark.parametrize("size", SIZES)
def test_tab_and_enter_open_the_focused_note_and_escape_closes_it(
    terminal: StartTerminal, size: tuple[int, int]
) -> None:
    term, first = open_article(terminal, size)
    term.keys("Tab")
    term.wait_for(lambda screen: screen != first)
    focused = term.settle()
    link = appeared(first, focused)
    assert link, "Tab changed nothing on screen"

    term.keys("Enter")
    title = popup_title(term.wait_for(lambda screen: popup_title(screen) is not None))
    assert title is not None
    number = link.translate(_FROM_SUPERSCRIPT)
    if number.isdigit():  # a note's number (the article opens with an editor's note)
        assert title.endswith(f" {number}"), f"{title!r} opened from {link!r}"
    else:  # a term
        assert title.casefold() in link.casefold(), f"{title!r} opened from {link!r}"

    term.keys("Escape")
    closed = term.wait_for(lambda screen: popup_title(screen) is None)
    assert closed.lines == focused.lines, "the article moved under the popup"


def test_a_click_reaches_the_app(terminal: StartTerminal) -> None:
    """Real mouse reports get through tmux: a click on a term opens a note."""
    term, screen = open_article(terminal, (80, 24))
    x, y = screen.find("Wehrmacht")
    term.click(x + 3, y)
    term.wait_for(lambda screen: popup_title(screen) is not None)


@pytest.mark.parametrize("size", SIZES)
def test_clicking_a_term_opens_its_own_note(terminal: StartTerminal, size: tuple[int, int]) -> None:
    term, screen = open_article(terminal, size)
    x, y = screen.find("Wehrmacht")
    term.click(x + 3, y)
    opened = term.wait_for(lambda screen: popup_title(screen) is not None)
    assert popup_title(opened) == "Wehrmacht", f"\n{opened}"


def test_hovering_a_term_shows_a_tooltip(terminal: StartTerminal) -> None:
    """Mouse motion reports get through tmux: hovering a term brings up a tooltip."""
    term, before = open_article(terminal, (80, 24))
    x, y = before.find("Wehrmacht")
    term.hover(x + 3, y)
    term.wait_for(lambda screen: screen != before)
    assert ": " in appeared(before, term.settle())


@pytest.mark.parametrize("size", SIZES)
def test_hovering_a_term_shows_its_summary(terminal: StartTerminal, size: tuple[int, int]) -> None:
    term, before = open_article(terminal, size)
    x, y = before.find("Wehrmacht")
    term.hover(x + 3, y)
    term.wait_for(lambda screen: screen != before)
    tooltip = appeared(before, term.settle())
    assert f"Wehrmacht: {short_of('Wehrmacht')}" in tooltip, tooltip


@pytest.mark.parametrize(
    ("start", "end"),
    [
        pytest.param((120, 40), (80, 24), id="narrower"),
        pytest.param((80, 24), (120, 40), id="wider"),
    ],
)
def test_a_resize_redraws_at_the_new_size(
    terminal: StartTerminal, start: tuple[int, int], end: tuple[int, int]
) -> None:
    term, _ = open_article(terminal, start)
    term.resize(*end)
    width, height = end
    screen = term.wait_for(lambda screen: "Quit" in screen.lines[height - 1])
    assert screen.width == width
    assert TITLE in screen
