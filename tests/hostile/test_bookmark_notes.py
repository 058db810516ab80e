"""Bookmarks of a hostile text, with hostile notes, imported from a hostile file: every way
``reader bookmarks`` prints them is free of anything a terminal would obey."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core_helpers import CliResult, run_cli
from tests.hostile.helpers import (
    assert_clean_output,
    forbidden_in,
    screen_actions,
    screen_text,
    watched_app,
)
from tests.hostile.make_corpus import ESCAPES, HOSTILE, WORD
from tests.ui_helpers import settle


def _bookmarks(capsys: pytest.CaptureFixture[str], data: Path, *argv: str | Path) -> CliResult:
    return run_cli(capsys, "bookmarks", *argv, "--data-dir", data)


def test_hostile_notes_quotes_and_titles_are_printed_clean(
    corpus: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "dados"
    text = corpus["esc-front-matter"]  # its title is full of escapes too
    added = _bookmarks(capsys, data, "add", text, "--quote", "Texto.", "--note", f"n {HOSTILE}")
    assert added.code == 0, added.err
    assert_clean_output(added)
    outputs = [
        _bookmarks(capsys, data, "list"),
        _bookmarks(capsys, data, "list", "--json"),
        _bookmarks(capsys, data, "export"),
        _bookmarks(capsys, data, "export", "--format", "json"),
    ]
    for result in outputs:
        assert result.code == 0, result.err
        assert_clean_output(result)
    assert "␛]52;c;" in outputs[0].out  # the note is listed, as symbols
    exported = json.loads(outputs[3].out)
    assert exported["first"]["items"][0]["body"]["value"] == f"n {HOSTILE}"  # JSON keeps the data

    # The same annotation, edited to carry escapes in its quote and context, imported.
    item = exported["first"]["items"][0]
    item["id"] = "urn:rodape:bookmark:00000000-0000-4000-8000-000000000000"
    for selector in item["target"]["selector"]:
        if selector["type"] == "TextQuoteSelector":
            selector["exact"] = f"{WORD} {ESCAPES['osc0']}"
            selector["prefix"] = ESCAPES["c1"]
    hostile = tmp_path / "hostil.json"
    hostile.write_text(json.dumps(exported), encoding="utf-8")
    imported = _bookmarks(capsys, data, "import", hostile)
    assert imported.code == 0, imported.err
    assert_clean_output(imported)
    for argv in (("list",), ("export",)):
        result = _bookmarks(capsys, data, *argv)
        assert result.code == 0
        assert_clean_output(result)


async def test_bookmarks_panel_shows_hostile_notes_as_symbols(
    corpus: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bookmark whose note holds escapes and markup, in the app's bookmarks panel: shown
    as symbols and as written, no cell clickable into an action."""
    data = tmp_path / "dados"
    text = corpus["esc-body"]
    note = f"[@click=app.pwned]NOTE[/] {HOSTILE}"
    added = _bookmarks(capsys, data, "add", text, "--quote", "Segundo", "--note", note)
    assert added.code == 0, added.err
    app = watched_app(text, data_dir=data)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await pilot.pause()
        shown = screen_text(app)
        assert "␛[31m" in shown and "[@click=app.pwned]NOTE[/]" in shown
        assert not forbidden_in(shown)
        assert screen_actions(app) == set()
        assert app.pwned == 0
