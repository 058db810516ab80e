"""``reader -`` in a real terminal: the text comes through a pipe, the keys from the
terminal (the pipe is at its end once read; the reader puts the terminal in its place)."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest

from tests.core_helpers import FIXTURES
from tests.terminal.conftest import installed_reader
from tests.terminal.driver import Terminal

pytestmark = pytest.mark.terminal

STARTUP_SECONDS = 30.0  # a shared CI machine may be slow to import Textual and lxml
TITLE = "Vacinas de mRNA: o que mudou em cinco anos"


@pytest.fixture
def tmux() -> None:
    """Skip, saying why, where tmux or the installed ``reader`` is missing."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not on PATH (on Debian: apt-get install -y tmux)")
    if installed_reader() is None:
        pytest.skip("no `reader` script beside this Python (pip install the package)")


def start(tmp_path: Path, command: str) -> Terminal:
    """``command`` (a shell line whose first ``reader`` is the installed one) in an 80×24
    terminal, with its user data in the test's folder."""
    reader = installed_reader()
    assert reader is not None
    env = {"READER_DATA_DIR": str(tmp_path / "data"), "TEXTUAL_ANIMATIONS": "none"}
    line = command.replace("reader", shlex.quote(reader), 1)
    return Terminal(["/bin/sh", "-c", line], width=80, height=24, env=env, home=tmp_path)


def test_a_page_piped_in_is_read_with_keys_from_the_terminal(tmux: None, tmp_path: Path) -> None:
    """``cat page.html | reader -``: the article opens, Space pages down (the key came
    from the terminal, not the pipe), q quits with status 0."""
    page = shlex.quote(str(FIXTURES / "html" / "news.html"))
    with start(tmp_path, f"cat {page} | reader -") as term:
        term.wait_for(TITLE, timeout=STARTUP_SECONDS)
        first = term.settle()
        assert not any("cookies" in line or "Comentários" in line for line in first.lines)
        term.keys("Space")
        term.wait_for(lambda screen: screen.lines != first.lines)
        term.keys("q")
        assert term.wait_for_exit() == 0


def test_markdown_printed_into_the_reader(tmux: None, tmp_path: Path) -> None:
    """``printf … | reader -``: Markdown from a pipe; the glossary panel opens by key."""
    text = shlex.quote("# Do printf\n\nO Exército Vermelho cercou o Sexto Exército.\n")
    with start(tmp_path, f"printf %s {text} | reader -") as term:
        term.wait_for("Do printf", timeout=STARTUP_SECONDS)
        term.keys("g")
        term.wait_for("Exército Vermelho")
        term.keys("q")
        assert term.wait_for_exit() == 0


def test_reader_dash_on_a_terminal_is_refused(tmux: None, tmp_path: Path) -> None:
    """``reader -`` with the terminal itself on standard input: one line, exit 2 (it would
    otherwise wait for a text typed by hand)."""
    errors = tmp_path / "stderr.txt"
    with start(tmp_path, f"reader - 2>{shlex.quote(str(errors))}") as term:
        assert term.wait_for_exit(timeout=STARTUP_SECONDS) == 2
    assert errors.read_text(encoding="utf-8").splitlines() == [
        "reader: <stdin>: is a terminal: pipe a text into it, e.g. `curl -s URL | reader -`"
    ]
