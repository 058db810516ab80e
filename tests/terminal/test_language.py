"""The interface's language in a real terminal: ``LANG=pt_BR.UTF-8 reader`` is Portuguese
(the footer, a panel, the list of keys, ``reader --help``); ``LANG=C`` stays English."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.terminal.conftest import StartTerminal, installed_reader
from tests.terminal.driver import Terminal
from tests.terminal.screen import Screen

pytestmark = pytest.mark.terminal

TITLE = "A Batalha de Stalingrado"
STARTUP_SECONDS = 30.0  # a shared CI machine may be slow to import Textual
PORTUGUESE = {"LANG": "pt_BR.UTF-8", "LC_ALL": ""}
"""The driver's environment sets LC_ALL=C.UTF-8, which would decide first."""
ENGLISH = {"LANG": "C", "LC_ALL": ""}


def footer(screen: Screen) -> str:
    return screen.lines[-1]


def test_lang_pt_br_reads_in_portuguese(terminal: StartTerminal) -> None:
    term = terminal("stalingrado", width=120, height=40, env=PORTUGUESE)
    term.wait_for(TITLE, timeout=STARTUP_SECONDS)
    screen = term.wait_for(lambda s: "q Sair" in footer(s))
    for label in ("g Glossário", "c Contexto", "b Marcadores", "? Teclas"):
        assert label in footer(screen), footer(screen)
    for english in ("Glossary", "Bookmarks", "Quit", "Keys", "Search"):
        assert english not in footer(screen)
    term.keys("c")
    screen = term.wait_for("Onde você está")
    assert "Sobre este texto" in screen and "palavras" in screen
    assert "Where you are" not in screen and "words" not in screen
    term.keys("c", "?")
    screen = term.wait_for("Links e notas")
    assert "Leitura" in screen and "Próximo link" in screen
    assert "Next link" not in screen


def test_lang_c_stays_english(terminal: StartTerminal) -> None:
    term = terminal("stalingrado", width=120, height=40, env=ENGLISH)
    term.wait_for(TITLE, timeout=STARTUP_SECONDS)
    screen = term.wait_for(lambda s: "q Quit" in footer(s))
    assert "b Bookmarks" in footer(screen) and "Marcadores" not in footer(screen)


@pytest.mark.parametrize(
    ("env", "shown", "absent"),
    [
        pytest.param(
            PORTUGUESE,
            ("uso: reader", "argumentos posicionais:", "opções:", "mostra esta ajuda e sai"),
            ("usage:", "options:", "show this help", "positional arguments"),
            id="pt_BR",
        ),
        pytest.param(
            ENGLISH,
            ("usage: reader", "positional arguments:", "options:", "show this help"),
            ("uso:", "opções:"),
            id="C",
        ),
    ],
)
def test_help_speaks_the_locale(
    env: dict[str, str], shown: tuple[str, ...], absent: tuple[str, ...]
) -> None:
    """The installed ``reader --help`` with the environment a pane gets (the driver's,
    with the locale on top), its output read whole (a pane's capture may lose the first
    line of a program that ends before the pane has its size)."""
    reader = installed_reader()
    if reader is None:
        pytest.skip(f"no `reader` script beside {sys.executable} (pip install the package)")
    environment = {**Terminal(["true"])._env, "COLUMNS": "100", **env}
    done = subprocess.run(
        [reader, "--help"], env=environment, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    for words in shown:
        assert words in done.stdout, (words, done.stdout)
    for words in absent:
        assert words not in done.stdout, (words, done.stdout)
    portuguese = env is PORTUGUESE
    assert ("mostra a versão e sai" in done.stdout) is portuguese, done.stdout
