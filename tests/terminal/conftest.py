"""The ``terminal`` fixture: the installed ``reader`` in a private tmux, one per call.

These tests are about what a user's terminal shows, so they run the console script that
``pip install`` put beside this Python, not the source tree. Where tmux or that script is
missing they are skipped with the reason, never failed: a machine without tmux says
nothing about the reader.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Protocol

import pytest

from tests.terminal.driver import ColourMode, Terminal


class StartTerminal(Protocol):
    """Start ``reader *args`` in a ``width`` × ``height`` terminal, with its user data in
    this test's data folder (shared by every start within the test, as across sessions),
    and ``env`` added to its environment."""

    def __call__(
        self,
        *args: str,
        width: int = 80,
        height: int = 24,
        colours: ColourMode = "256",
        env: Mapping[str, str] | None = None,
    ) -> Terminal: ...


def installed_reader() -> str | None:
    """The ``reader`` console script installed with this Python, if there is one."""
    return shutil.which("reader", path=str(Path(sys.executable).parent))


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[StartTerminal]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not on PATH (on Debian: apt-get install -y tmux)")
    reader = installed_reader()
    if reader is None:
        pytest.skip(f"no `reader` script beside {sys.executable} (pip install the package)")
    home = tmp_path / "home"
    home.mkdir()
    base_env = {"READER_DATA_DIR": str(tmp_path / "data"), "TEXTUAL_ANIMATIONS": "none"}
    started: list[Terminal] = []

    def start(
        *args: str,
        width: int = 80,
        height: int = 24,
        colours: ColourMode = "256",
        env: Mapping[str, str] | None = None,
    ) -> Terminal:
        term = Terminal(
            [reader, *args],
            width=width,
            height=height,
            colours=colours,
            env={**base_env, **(env or {})},
            home=home,
        )
        started.append(term)
        return term.__enter__()

    yield start
    for term in started:
        term.close()
