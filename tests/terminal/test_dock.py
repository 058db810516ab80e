"""The panels' dock in a real terminal: two panels, and the keys panel, leave the text
whole lines (no word cut by a panel's edge), at 120×40 and after resizes."""

from __future__ import annotations

import pytest

from tests.terminal.conftest import StartTerminal
from tests.terminal.screen import Screen
from tests.terminal.test_basics import open_article
from tests.terminal.test_reading import (
    LARGE,
    SMALL,
    article_words,
    bare,
    open_panel,
    resized,
    text_region,
)

pytestmark = pytest.mark.terminal


def cut_words(screen: Screen) -> list[str]:
    """Words beside the panel that the article does not have: words cut by its edge."""
    words = article_words()
    return [
        word
        for line in text_region(screen)
        for token in line.split()
        if (word := bare(token)) and word not in words and not set(word) <= set("━")
    ]


def test_context_then_glossary_at_120_leaves_the_glossary_beside_whole_lines(
    terminal: StartTerminal,
) -> None:
    term, _ = open_article(terminal, LARGE)
    open_panel(term, "c")
    open_panel(term, "g")
    term.wait_for(lambda screen: "Where you are" not in screen)
    screen = term.settle()
    assert not cut_words(screen), f"{cut_words(screen)}\n{screen}"
    assert any(len(line.strip()) > 50 for line in text_region(screen)), f"\n{screen}"
    resized(term, SMALL)
    screen = resized(term, LARGE)
    assert "Filter terms" in screen and not cut_words(screen), f"\n{screen}"


def test_the_keys_panel_at_120_sits_beside_whole_lines(terminal: StartTerminal) -> None:
    term, _ = open_article(terminal, LARGE)
    term.keys("?")
    term.wait_for("Links and notes")
    screen = term.settle()
    assert not cut_words(screen), f"{cut_words(screen)}\n{screen}"
