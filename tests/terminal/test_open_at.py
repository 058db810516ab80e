"""``reader PATH --at BOOKMARK_ID`` in a real terminal: the command the bookmark export
prints for a bookmark opens the installed reader at that passage."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.terminal.conftest import StartTerminal, installed_reader
from tests.terminal.test_basics import STARTUP_SECONDS

pytestmark = pytest.mark.terminal


def test_the_exported_command_opens_the_text_at_the_bookmark(
    terminal: StartTerminal, tmp_path: Path
) -> None:
    text = tmp_path / "longo.md"
    body = "\n\n".join(f"Parágrafo {n} do texto." for n in range(120))
    text.write_text(f"# Texto longo\n\n{body}\n", encoding="utf-8")
    reader = installed_reader()
    if reader is None:
        pytest.skip(f"no `reader` script beside {sys.executable}")
    data = tmp_path / "data"  # the folder the terminal fixture gives the reader
    environment = {"READER_DATA_DIR": str(data), "PATH": str(Path(reader).parent)}
    added = subprocess.run(
        [reader, "bookmarks", "add", str(text), "--quote", "Parágrafo 97 do texto"],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "bookmark 1 added" in added.stdout
    exported = subprocess.run(
        [reader, "bookmarks", "export"], env=environment, capture_output=True, text=True
    ).stdout
    command = re.search(r"`reader (.+) --at 1`", exported)
    assert command is not None, exported
    assert command.group(1) == str(text)
    term = terminal(str(text), "--at", "1", width=80, height=24)
    screen = term.wait_for("Parágrafo 97 do texto", timeout=STARTUP_SECONDS)
    assert "Texto longo" not in "\n".join(screen.lines[2:])  # not the top of the text
