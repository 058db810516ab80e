"""The note popup in a real terminal at 80×24: a note longer than the screen scrolls
inside the popup with the keys and the wheel, and its hint stays under it."""

from __future__ import annotations

import pytest

from tests.terminal.conftest import StartTerminal
from tests.terminal.driver import Terminal
from tests.terminal.screen import Screen
from tests.terminal.test_basics import open_article, popup_title

pytestmark = pytest.mark.terminal

HINT = "Tab next link  Enter open  Esc close"


def open_imperialismo(terminal: StartTerminal) -> tuple[Terminal, Screen]:
    """The tryout's steps: 80×24, Home, Tab Tab, Enter."""
    term, _ = open_article(terminal, (80, 24))
    term.keys("Home")
    term.settle()
    term.keys("Tab")
    term.settle()
    term.keys("Tab")
    term.settle()
    term.keys("Enter")
    term.wait_for(lambda screen: popup_title(screen) == "imperialismo")
    return term, term.settle()


def test_a_long_note_scrolls_with_the_keys(terminal: StartTerminal) -> None:
    term, top = open_imperialismo(terminal)
    assert HINT in top and "britannica.com" not in top, f"\n{top}"
    assert str(top).count("imperialismo") == 1, f"the title said twice:\n{top}"
    term.keys("End")
    end = term.wait_for("britannica.com/topic/imperialism")
    assert "Fontes" in end and HINT in end, f"\n{end}"


def test_a_long_note_scrolls_with_the_wheel(terminal: StartTerminal) -> None:
    term, top = open_imperialismo(terminal)
    x, y = top.find("Política de expansão")
    for _ in range(10):
        term.scroll(x, y)
    end = term.wait_for("britannica.com/topic/imperialism")
    assert HINT in end, f"\n{end}"
