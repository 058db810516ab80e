"""The library in a real terminal: ``reader --library`` lists what was read, typing
filters, Enter opens the text where it was left, a file deleted since is shown missing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.terminal.conftest import StartTerminal
from tests.terminal.test_basics import STARTUP_SECONDS

pytestmark = pytest.mark.terminal

_PARAGRAPH = re.compile(r"Parágrafo (\d+) de Memórias")


def _text(folder: Path, name: str, title: str) -> Path:
    body = "\n\n".join(f"Parágrafo {n} de {title}." for n in range(1, 121))
    path = folder / name
    path.write_text(f"---\ntitle: {title}\nauthor: Ana\n---\n\n{body}\n", encoding="utf-8")
    return path


def _read_and_quit(terminal: StartTerminal, path: Path, pages: int) -> str:
    """Read ``path`` in the reader, ``pages`` pages down, and quit; the first paragraph
    on screen when it quit."""
    term = terminal(str(path), width=80, height=24)
    term.wait_for("Parágrafo 1 de", timeout=STARTUP_SECONDS)
    for _ in range(pages):
        term.keys("Space")
    if pages:
        term.wait_for(lambda screen: "Parágrafo 1 de" not in str(screen))
    screen = term.settle()
    found = _PARAGRAPH.search(str(screen)) if pages else None
    term.keys("q")
    assert term.wait_for_exit() == 0
    return found.group(0) if found else ""


def test_the_library_filters_and_opens_a_text_where_it_was_left(
    terminal: StartTerminal, tmp_path: Path
) -> None:
    memorias = _text(tmp_path, "livro-1.md", "Memórias Póstumas")
    perdido = _text(tmp_path, "livro-2.md", "Texto Perdido")
    left_at = _read_and_quit(terminal, memorias, pages=4)
    assert left_at
    _read_and_quit(terminal, perdido, pages=0)
    perdido.unlink()

    term = terminal("--library", width=80, height=24)
    screen = term.wait_for("Memórias Póstumas", timeout=STARTUP_SECONDS)
    assert "A Batalha de" in screen  # the bundled article is there too (its title cut)
    row = next(line for line in screen.lines if "Texto Perdido" in line)
    assert "missing" in row
    x, y = screen.find("Texto Perdido")
    assert "dim" in screen.cell(x, y).attributes or "italic" in screen.cell(x, y).attributes

    term.type("memorias")  # accents and case ignored
    term.wait_for(lambda s: "Texto Perdido" not in s and "Memórias Póstumas" in s)
    term.keys("Enter")
    screen = term.wait_for(left_at)
    assert "Parágrafo 1 de" not in str(screen)  # at the place left, not the top
    assert "Library" not in screen.lines[0]
