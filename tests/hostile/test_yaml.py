"""YAML traps in front matter and glossaries: read as written, or refused with file:line.

Every front-matter file has two lines (a comment and ``language``) before its trap, so a
line number that forgot the front matter's offset (the ``---`` line) would be caught.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.document import load_document
from reader.glossary import load_glossary
from tests.core_helpers import run_cli
from tests.hostile.helpers import (
    assert_one_line_refusal,
    assert_shown_with_one_line,
    forbidden_in,
)

FRONT_MATTER_REFUSED: dict[str, str] = {
    "yaml-fm-duplicate": "5:1: duplicate key 'title' (first at line 4)",
    "yaml-fm-anchor": "4:8: anchors and aliases (& and *) are not allowed",
    "yaml-fm-tag": "4:8: tags (!...) are not allowed",
    "yaml-fm-int-tag": "4:8: tags (!...) are not allowed",
    "yaml-fm-bad-date": "4: front matter 'date' must be YYYY-MM-DD (or YYYY-MM, YYYY), "
    "not '2001-02-30': no such date",
    "yaml-fm-deep": "4:39: nested deeper than 32 levels",
    "yaml-fm-deep-block": "36:65: nested deeper than 32 levels",
}
"""File → its one message after ``path:`` (line in the file, front-matter offset included)."""

GLOSSARY_REFUSED: dict[str, str] = {
    "yaml-gl-duplicate": "6:5: duplicate key 'short' (first at line 5)",
    "yaml-gl-anchor": "5:12: anchors and aliases (& and *) are not allowed",
    "yaml-gl-billion-laughs": "4:11: anchors and aliases (& and *) are not allowed",
    "yaml-gl-tag": "5:12: tags (!...) are not allowed",
    "yaml-gl-deep": "6:43: nested deeper than 32 levels",
}


@pytest.mark.parametrize("name", sorted(FRONT_MATTER_REFUSED))
def test_front_matter_trap_is_refused_with_its_line(
    name: str, corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``render`` shows the body (without metadata) and the one line on stderr, exit 0
    (issue 12: it used to refuse the whole text); ``render --strict`` refuses in that
    line, exit 2; ``check`` prints the same problem, exit 2."""
    path = corpus[name]
    expected = f"{path}:{FRONT_MATTER_REFUSED[name]}"
    shown = run_cli(capsys, "render", path)
    assert_shown_with_one_line(shown, expected)
    assert shown.out.startswith(f"{name}\n")  # the file's name: no title from it
    assert "Texto." in shown.out
    assert_one_line_refusal(run_cli(capsys, "render", path, "--strict"), expected)
    checked = run_cli(capsys, "check", path)
    assert checked.code == 2
    assert checked.out.splitlines() == [expected]


@pytest.mark.parametrize("name", sorted(GLOSSARY_REFUSED))
def test_glossary_trap_is_refused_with_its_line(
    name: str, corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``check`` names file:line:col, exit 2; given with ``--glossary`` to ``render``, the
    same line and exit 2 before anything is printed."""
    path = corpus[name]
    expected = f"{path}:{GLOSSARY_REFUSED[name]}"
    checked = run_cli(capsys, "check", path)
    assert checked.code == 2
    assert checked.out.splitlines() == [expected]
    assert not forbidden_in(checked.out)
    refused = run_cli(capsys, "render", corpus["clean"], "--glossary", path)
    assert_one_line_refusal(refused, expected)


def test_front_matter_scalars_stay_text(
    corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``title: no`` is the title "no", ``date: 1943`` the year "1943", ``source: 0x1F``
    the text "0x1F": nothing becomes False, an int or a number in another base."""
    meta = load_document(corpus["yaml-fm-scalars"]).meta
    assert (meta.title, meta.author, meta.date, meta.source) == ("no", "yes", "1943", "0x1F")
    result = run_cli(capsys, "render", corpus["yaml-fm-scalars"])
    assert result.code == 0
    assert result.out.startswith("no\n")


def test_glossary_scalars_stay_text(corpus: dict[str, Path]) -> None:
    glossary = load_glossary(corpus["yaml-gl-scalars"])
    (term,) = glossary.terms
    assert term.term == "no"
    assert term.short == "1943"
    assert term.aliases == ("yes", "off", "0x1F", "1e3", "2001-02-30")
    assert term.sources == ("null-island", "~x")
