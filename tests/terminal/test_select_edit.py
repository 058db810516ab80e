"""Selecting, copying, going forward, search results, editing and reloading in a real
terminal (issue 14).

Copying is checked where the bytes go: the reader writes OSC 52, tmux (``set-clipboard
on``) takes it as its paste buffer, ``show-buffer`` reads it back. Editing runs a real
suspend: the reader gives the terminal to a script named ``vi`` that records how it was
called and edits the file, and takes the terminal back when it exits.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from reader.pipeline import open_text, resolve_text
from reader.userdata import BookmarkStore
from reader.userdata.store import FILE_NAME
from tests.terminal.conftest import StartTerminal
from tests.terminal.screen import Screen
from tests.terminal.test_basics import STARTUP_SECONDS, open_article

pytestmark = pytest.mark.terminal


def first_paragraph_words() -> list[str]:
    """The words of the bundled article's first paragraph (where the cursor starts)."""
    document = open_text(resolve_text("stalingrado")).document
    block = document.block_index("p-1")
    assert block is not None
    return document.blocks[block].text.split()


def test_v_selects_with_the_keys_and_y_copies_through_osc_52(terminal: StartTerminal) -> None:
    term, _ = open_article(terminal, (100, 30))
    words = first_paragraph_words()
    term.keys("v", "l", "l", "l", "y")
    expected = " ".join(words[:4])
    term.wait_for(f"Copied {len(expected)} characters.")
    assert term.clipboard() == expected
    term.keys("}", "h", "y")  # to the end of the passage, and a word back
    whole = " ".join(words[:-1])
    term.wait_for(f"Copied {len(whole)} characters.")
    assert term.clipboard() == whole


def test_a_double_click_and_a_drag_copy_whole_words(terminal: StartTerminal) -> None:
    """Two SGR clicks on a word select and copy it; a drag that begins and ends inside
    words copies them whole, as the keys would select them."""
    term, screen = open_article(terminal, (100, 30))
    x, y = screen.find("fevereiro")
    term.click(x + 4, y)
    term.click(x + 4, y)
    term.wait_for("Copied 9 characters.")
    assert term.clipboard() == "fevereiro"
    term.keys("Escape")
    x, y = term.settle().find("de seus comandantes")
    term.type(f"\x1b[<0;{x + 4};{y}M\x1b[<32;{x + 8};{y}M\x1b[<32;{x + 10};{y}M")
    term.type(f"\x1b[<0;{x + 10};{y}m")
    term.wait_for("Copied 16 characters.")
    assert term.clipboard() == "seus comandantes"


def test_a_keyboard_selection_is_bookmarked_exactly(
    terminal: StartTerminal, tmp_path: Path
) -> None:
    term, _ = open_article(terminal, (100, 30))
    words = first_paragraph_words()
    term.keys("v", "l", "l", "m")
    term.wait_for(" ".join(words[:3]))  # the dialog quotes the selection
    term.type("reler")
    term.keys("Enter")
    term.wait_for("Bookmarked.")
    term.keys("q")
    assert term.wait_for_exit() == 0
    with BookmarkStore(tmp_path / "data" / FILE_NAME) as store:
        assert [(b.anchor.quote, b.note) for b in store.all()] == [(" ".join(words[:3]), "reler")]


def text_rows(screen: Screen) -> list[str]:
    """The text's rows at the top of the screen, without the scrollbar (whose thumb moves
    as more of the text is laid out) and above where notifications pop up."""
    return [line[: screen.width - 4].rstrip() for line in screen.lines[1:12]]


def test_alt_right_goes_forward_again_after_backspace(terminal: StartTerminal) -> None:
    term, first = open_article(terminal, (80, 24))
    term.keys("/")
    term.type("volgogrado")
    term.keys("Enter")
    term.wait_for("1 of 3")
    match = term.settle()
    assert text_rows(match) != text_rows(first)
    term.keys("BSpace")

    def back(screen: Screen) -> bool:
        """the first screen again"""
        return text_rows(screen) == text_rows(first)

    term.wait_for(back)
    term.keys("M-Right")

    def again(screen: Screen) -> bool:
        """the match's screen again"""
        return text_rows(screen) == text_rows(match)

    term.wait_for(again)


def test_the_search_lists_every_match_and_enter_goes_to_one(terminal: StartTerminal) -> None:
    term, _ = open_article(terminal, (120, 40))
    term.keys("/")
    term.type("exercito")
    term.keys("Enter")
    term.wait_for("Search results")
    screen = term.wait_for(lambda s: any("matches" in line for line in s.lines))
    listed = sum(1 for line in screen.lines if "Exército" in line or "exército" in line)
    assert listed >= 3, f"\n{screen}"
    term.keys("s")  # into the list
    term.settle()
    term.keys("Down", "Down", "Enter")
    term.wait_for("3 of")


TEXT = "# Notas\n\n" + "\n\n".join(
    f"Parágrafo {n}: " + " ".join(f"palavra{n}x{k}" for k in range(25)) for n in range(40)
)


def editor_script(folder: Path) -> tuple[Path, Path]:
    """A ``vi`` that records its arguments, asks for Enter (it has the terminal: the
    reader is suspended), and puts a paragraph first."""
    record = folder / "called.json"
    script = folder / "bin" / "vi"
    script.parent.mkdir()
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, sys, pathlib\n"
        "print('FAKE EDITOR RUNNING: press Enter', flush=True)\n"
        "sys.stdin.readline()\n"
        f"pathlib.Path({str(record)!r}).write_text(json.dumps(sys.argv[1:]))\n"
        "path = pathlib.Path(sys.argv[-1])\n"
        "head, rest = path.read_text(encoding='utf-8').split('\\n\\n', 1)\n"
        "path.write_text(head + '\\n\\nEDITADO PELO TESTE.\\n\\n' + rest, encoding='utf-8')\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script, record


def top_text_row(screen: Screen) -> str:
    """The first row of the text under the title bar (margin marks left out)."""
    return next(line.strip(" ▎◆") for line in screen.lines[1:] if line.strip(" ▎◆"))


def test_e_edits_the_text_and_it_comes_back_on_the_same_words(
    terminal: StartTerminal, tmp_path: Path
) -> None:
    text = tmp_path / "notas.md"
    text.write_text(TEXT + "\n", encoding="utf-8")
    script, record = editor_script(tmp_path)
    term = terminal(str(text), width=100, height=30, env={"EDITOR": str(script)})
    term.wait_for("Parágrafo 0", timeout=STARTUP_SECONDS)
    term.keys("Space", "Space")
    before = term.settle()
    top = top_text_row(before)
    term.keys("e")
    term.wait_for("FAKE EDITOR RUNNING: press Enter")  # the terminal is the editor's
    term.keys("Enter")
    term.wait_for("notas.md edited: reloaded")
    called = json.loads(record.read_text(encoding="utf-8"))
    assert called[-1] == str(text) and called[0].startswith("+")
    assert int(called[0][1:]) > 5  # the line read, not the file's start
    assert "EDITADO PELO TESTE." in text.read_text(encoding="utf-8")
    after = term.settle()
    assert top_text_row(after) == top, f"\n{before}\n---\n{after}"
    term.keys("Home")
    term.wait_for("EDITADO PELO TESTE.")


def test_a_change_on_disk_is_reloaded_on_the_same_words(
    terminal: StartTerminal, tmp_path: Path
) -> None:
    text = tmp_path / "notas.md"
    text.write_text(TEXT + "\n", encoding="utf-8")
    term = terminal(str(text), width=100, height=30)
    term.wait_for("Parágrafo 0", timeout=STARTUP_SECONDS)
    term.keys("Space", "Space", "Space")
    before = term.settle()
    top = top_text_row(before)
    head, rest = TEXT.split("\n\n", 1)
    text.write_text(f"{head}\n\nUm novo começo.\n\nE mais um.\n\n{rest}\n", encoding="utf-8")
    term.wait_for("notas.md changed on disk: reloaded")
    after = term.settle()
    assert top_text_row(after) == top, f"\n{before}\n---\n{after}"


def test_an_editor_that_is_not_installed_leaves_the_reader_answering(
    terminal: StartTerminal, tmp_path: Path
) -> None:
    """EDITOR=nosuchedit froze the reader on a blank screen with keys echoed raw."""
    text = tmp_path / "notas.md"
    text.write_text(TEXT + "\n", encoding="utf-8")
    term = terminal(str(text), width=100, height=30, env={"EDITOR": "nosuchedit"})
    term.wait_for("Parágrafo 0", timeout=STARTUP_SECONDS)
    term.keys("e")
    term.wait_for("The editor nosuchedit was not found")
    before = term.settle()
    term.keys("Space")
    term.wait_for(lambda screen: top_text_row(screen) != top_text_row(before))
