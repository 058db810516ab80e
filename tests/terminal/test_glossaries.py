"""Turning one of your glossaries on for a text in a real terminal (issue 13): Ctrl+P,
"Glossaries for this text…", Space on its box; the term is linked at once, and again
when the reader is started anew."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.terminal.conftest import StartTerminal
from tests.terminal.test_basics import STARTUP_SECONDS

pytestmark = pytest.mark.terminal

MEDICINA = "title: Medicina\nlanguage: pt\nterms:\n  - term: Sarampo\n    short: Doença viral.\n"
VACINAS = "title: Vacinas\nlanguage: pt\nterms:\n  - term: Varíola\n    short: Erradicada.\n"


def test_a_glossary_turned_on_in_the_dialog_links_now_and_next_time(
    terminal: StartTerminal, tmp_path: Path
) -> None:
    (tmp_path / "data" / "glossaries").mkdir(parents=True)
    (tmp_path / "data" / "glossaries" / "medicina.yaml").write_text(MEDICINA, encoding="utf-8")
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "vacinas.yaml").write_text(VACINAS, encoding="utf-8")
    text = tmp_path / "vacinas.md"
    text.write_text(
        "---\ntitle: Vacinas\nlanguage: pt\n---\n\nO Sarampo e a Varíola voltam.\n",
        encoding="utf-8",
    )
    term = terminal(str(text), width=100, height=30)
    term.wait_for("Varíola¹", timeout=STARTUP_SECONDS)
    assert "Sarampo¹" not in term.settle()
    term.keys("C-p")
    term.wait_for("Search for commands")
    term.type("Glossaries for")
    term.wait_for("Glossaries for this text…")
    term.keys("Enter")
    term.wait_for("Medicina (medicina.yaml)")
    term.keys("Tab")  # from the folder's glossary to yours
    term.keys("Space")
    term.wait_for("one of yours; turned on for this text")
    term.keys("Escape")
    closed = term.wait_for(lambda screen: "Sarampo¹" in screen and "Esc close" not in screen)
    assert "Varíola²" in closed, f"\n{closed}"
    term.keys("q")
    assert term.wait_for_exit() == 0
    again = terminal(str(text), width=100, height=30)
    again.wait_for("Sarampo¹", timeout=STARTUP_SECONDS)
