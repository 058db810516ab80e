"""Encodings and paths: decoded, or refused in one clear line naming the file (sanitised).

Refusals are checked from every entry point: ``reader render``, ``reader check``, ``reader
PATH`` (which reads the file before the screen switches, so a refused text never starts
the TUI) and the app itself when it is asked to read the file in its worker.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.pipeline import TextRef
from reader.ui.app import ReaderApp
from tests.core_helpers import run_cli
from tests.hostile.helpers import (
    assert_clean_output,
    assert_one_line_refusal,
    assert_shown_with_one_line,
    forbidden_in,
)
from tests.hostile.make_corpus import WORD
from tests.ui_helpers import settle, view_text

ICONV = "save it as UTF-8, e.g. iconv -f latin1 -t utf-8"
SANITISED_NAME = "evil␛]0;NAME-TITLE␇ name"
"""How ``make_corpus.CONTROL_NAME`` is shown: ESC and BEL as symbols, the break a space."""

REFUSED: dict[str, str] = {
    "enc-invalid-utf8": f"enc-invalid-utf8.md:3:4: not valid UTF-8 (byte 0xE7); {ICONV}",
    "enc-raw-c1": f"enc-raw-c1.md:2:1: not valid UTF-8 (byte 0x9B); {ICONV}",
    "enc-binary": "enc-binary.md: binary file (not text)",
    "enc-binary-nuls": "enc-binary-nuls.txt: binary file (not text)",
    "file-missing": "file-missing.md: no such file",
    "file-directory": "file-directory.md: is a directory, not a text file",
    "file-fifo": "file-fifo.md: not a regular file",
    "file-symlink-loop": "file-loop-a.md: too many levels of symbolic links",
    "file-unreadable": "file-unreadable.md: permission denied",
    "file-too-large": "file-too-large.md: too large (65 MB; the limit is 64 MB)",
    "file-control-name-missing": f"{SANITISED_NAME}-missing.md: no such file",
    "file-control-name-bad-utf8": f"{SANITISED_NAME}-bad.md:2:1: not valid UTF-8 (byte 0xFF)",
}
"""File → the end of its one-line message (after the folder, which is a temp path)."""

BAD_FRONT_MATTER = f"{SANITISED_NAME}-fm.md:2: front matter field 'title' must be text"
"""Front matter in error hides nothing: the body is shown with this line (issue 12)."""


def _skip_if_root(name: str) -> None:
    if name == "file-unreadable" and hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root can read anything")


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_render_refuses_in_one_line(
    name: str, corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _skip_if_root(name)
    line = assert_one_line_refusal(run_cli(capsys, "render", corpus[name]), REFUSED[name])
    assert line.startswith(f"reader: {corpus[name].parent}/")


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_check_reports_in_one_line(
    name: str, corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _skip_if_root(name)
    result = run_cli(capsys, "check", corpus[name])
    assert result.code == 2
    (line,) = result.out.splitlines()
    assert REFUSED[name] in line
    assert not forbidden_in(line)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_opening_refuses_before_the_screen_switches(
    name: str, corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``reader PATH`` reads the file first: one line, exit 2, no TUI started."""
    _skip_if_root(name)
    assert_one_line_refusal(run_cli(capsys, corpus[name]), REFUSED[name])


@pytest.mark.parametrize("name", ["enc-invalid-utf8", "file-fifo", "file-control-name-bad-utf8"])
async def test_app_shows_the_refusal_in_its_status_line(name: str, corpus: dict[str, Path]) -> None:
    """The app asked to read (or parse) a bad file says why in one line, and keeps
    running."""
    path = corpus[name]
    app = ReaderApp(TextRef(path, str(path)))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        status = str(app.query_one("#status").render())
        assert REFUSED[name] in status, status
        assert not forbidden_in(status) and "\n" not in status.strip()
        assert app.is_running


def test_front_matter_in_error_is_one_line_beside_the_body(
    corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``render`` prints the body and the line (named sanitised), exit 0; ``--strict``
    and ``check`` say the same line, exit 2."""
    path = corpus["file-control-name-bad-front-matter"]
    shown = run_cli(capsys, "render", path)
    assert_shown_with_one_line(shown, BAD_FRONT_MATTER)
    assert shown.out.rstrip().endswith("\nx")
    assert_one_line_refusal(run_cli(capsys, "render", path, "--strict"), BAD_FRONT_MATTER)
    checked = run_cli(capsys, "check", path)
    assert checked.code == 2
    (line,) = checked.out.splitlines()
    assert line.endswith(BAD_FRONT_MATTER) and not forbidden_in(line)


async def test_app_shows_front_matter_in_error_beside_the_body(corpus: dict[str, Path]) -> None:
    path = corpus["file-control-name-bad-front-matter"]
    app = ReaderApp(TextRef(path, str(path)))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        (message,) = [notification.message for notification in app._notifications]
        assert message.endswith(BAD_FRONT_MATTER) and not forbidden_in(message)
        assert "x" in view_text(app.reading.article).split()


# --- decoded ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["enc-utf16le", "enc-utf16be"])
def test_utf16_with_bom_is_decoded(
    name: str, corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(capsys, "render", corpus[name])
    assert result.code == 0
    assert result.out.startswith("Ação\n")
    assert f"{WORD} coração." in result.out
    assert run_cli(capsys, "check", corpus[name]).code == 0


def test_nul_is_shown_as_replacement_character(
    corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(capsys, "render", corpus["enc-nul"])
    assert result.code == 0
    assert_clean_output(result)
    assert "antes\ufffddepois" in result.out


async def test_nul_in_the_app(corpus: dict[str, Path]) -> None:
    app = ReaderApp(TextRef(corpus["enc-nul"], "enc-nul.md"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "antes\ufffddepois" in view_text(app.reading.article)


def test_control_characters_in_a_file_name_are_shown_as_symbols(
    corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A readable text whose name holds ESC, BEL and a line break: its title (taken from
    the name) is sanitised to one line; ``check`` is clean."""
    result = run_cli(capsys, "render", corpus["file-control-name"])
    assert result.code == 0
    assert_clean_output(result)
    assert result.out.startswith(f"{SANITISED_NAME}\n")
    assert run_cli(capsys, "check", corpus["file-control-name"]).code == 0


def test_glossary_with_control_characters_in_its_name_errs_in_one_line(
    corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = corpus["file-control-name-bad-yaml"]
    checked = run_cli(capsys, "check", path)
    assert checked.code == 2
    assert len(checked.out.splitlines()) == 1, checked.out
    assert f"{SANITISED_NAME}.yaml:2:1:" in checked.out
    refused = run_cli(capsys, "render", corpus["clean"], "--glossary", path)
    assert_one_line_refusal(refused, f"{SANITISED_NAME}.yaml:2:1:")
