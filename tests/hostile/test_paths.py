"""Paths a text or an imported file names are data: they never make the reader open a
file it was not asked to open (issue 12, "Untrusted paths"): a glossary named by path in
a text's front matter, the text of a bookmark imported from someone else's file."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from reader.document import parse_document
from reader.pipeline.glossaries import glossaries_for
from reader.pipeline.glossary_rule import is_glossary_name
from reader.text.errors import Severity
from reader.text.textfile import read_text
from tests.core_helpers import CliResult, run_cli

_EVIL = "terms:\n  - term: Segredo\n    short: conteúdo de fora\n"


def _text_naming(tmp_path: Path, name: str) -> tuple[Path, str]:
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "glossary").mkdir()  # so that glossary/../outside/evil.yaml resolves
    (outside / "evil.yaml").write_text(f"name: evil\nlanguage: pt\n{_EVIL}", encoding="utf-8")
    texts = tmp_path / "texts"
    texts.mkdir()
    path = texts / "a.md"
    source = f"---\ntitle: A\nglossary:\n  - {name}\n---\n\nSegredo aqui.\n"
    path.write_text(source, encoding="utf-8")
    return path, source


@pytest.mark.parametrize("name", ["../outside/evil", "{outside}/evil", "..", "sub\\evil", "C:evil"])
def test_a_glossary_named_by_path_is_refused_with_its_line(tmp_path: Path, name: str) -> None:
    name = name.format(outside=tmp_path / "outside")
    path, source = _text_naming(tmp_path, name)
    doc = parse_document(source, str(path))
    found = glossaries_for(doc, path)
    assert all(glossary.name != "evil" for glossary in found.glossary_set.glossaries)
    (warning,) = [p for p in found.problems if "refused" in p.message]
    assert warning.severity is Severity.WARNING
    assert warning.line == 4


def test_plain_names_are_names() -> None:
    assert is_glossary_name("historia-urss")
    assert is_glossary_name("v1.2")
    for bad in ("", ".", "..", "a/b", "/etc/x", "a\\b", "C:x", "~/.bashrc"):
        assert not is_glossary_name(bad), bad


# --- bookmarks imported from someone else's file (issue 12) --------------------------------

_SECRET = "---\ntitle: Segredo\n---\n\nUma frase secreta aqui.\n"
_UNCHECKED = "not checked: imported; open the text to check it"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every text file the pipeline reads from now on (what ``read_source`` opens)."""
    seen: list[Path] = []

    def recording(path: Path, *args: Any, **kwargs: Any) -> str:
        seen.append(Path(path))
        return read_text(path, *args, **kwargs)

    monkeypatch.setattr("reader.pipeline.open.read_text", recording)
    return seen


def _bookmarks(capsys: pytest.CaptureFixture[str], data: Path, *argv: str | Path) -> CliResult:
    result = run_cli(capsys, "bookmarks", *argv, "--data-dir", data)
    assert result.code == 0, result.err
    return result


def _imported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Path]:
    """Someone else's bookmarks file, naming a file outside by its absolute path and by
    ``~/``, imported into a new data folder: (that file, the data folder)."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    secret = home / ".secret.md"
    secret.write_text(_SECRET, encoding="utf-8")
    theirs = tmp_path / "theirs"
    _bookmarks(capsys, theirs, "add", secret, "--quote", "frase secreta")
    exported = json.loads(_bookmarks(capsys, theirs, "export", "--format", "json").out)
    items = exported["first"]["items"]
    by_tilde = copy.deepcopy(items[0])
    by_tilde["id"] = "urn:example:by-tilde"
    by_tilde["target"]["source"] = "urn:rodape:text:~/.secret.md"
    by_tilde["body"] = {"type": "TextualBody", "value": "pelo ~", "purpose": "commenting"}
    items.append(by_tilde)
    annotations = tmp_path / "theirs.json"
    annotations.write_text(json.dumps(exported), encoding="utf-8")
    mine = tmp_path / "mine"
    imported = _bookmarks(capsys, mine, "import", annotations)
    assert imported.out.startswith("imported 2 bookmarks")
    return secret, mine


def test_list_and_export_never_read_a_path_that_came_from_an_imported_file(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    reads: list[Path],
) -> None:
    """``list`` (lines and JSON) and the Markdown export show imported bookmarks unchecked,
    saying why, and open nothing: the paths are someone else's data."""
    secret, mine = _imported(capsys, tmp_path, monkeypatch)
    reads.clear()
    lines = _bookmarks(capsys, mine, "list").out.splitlines()
    assert lines.count(f"  {_UNCHECKED}") == 2  # once per text
    assert sum("not checked" in line and "“frase secreta”" in line for line in lines) == 2
    entries = json.loads(_bookmarks(capsys, mine, "list", "--json").out)
    assert [entry["status"] for entry in entries] == ["not checked", "not checked"]
    markdown = _bookmarks(capsys, mine, "export").out
    assert "> frase secreta" in markdown
    assert reads == []
    # Naming the text on the command line is the user's choice: that reads it.
    named = json.loads(_bookmarks(capsys, mine, "list", secret, "--json").out)
    assert {entry["status"] for entry in named} == {"attached"}
    assert reads == [secret]


def test_list_checks_an_imported_text_once_it_is_bookmarked_here(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    reads: list[Path],
) -> None:
    """``bookmarks add`` reads the text here: from then on its path is checked; the same
    file named another way (``~/``) was never opened by that name and stays unchecked."""
    secret, mine = _imported(capsys, tmp_path, monkeypatch)
    _bookmarks(capsys, mine, "add", secret, "--quote", "Uma frase")
    reads.clear()
    entries = json.loads(_bookmarks(capsys, mine, "list", "--json").out)
    statuses = {(entry["text"]["path"], entry["quote"]): entry["status"] for entry in entries}
    assert statuses == {
        (str(secret), "frase secreta"): "attached",
        (str(secret), "Uma frase"): "attached",
        ("~/.secret.md", "frase secreta"): "not checked",
    }
    assert reads == [secret]


async def test_list_checks_an_imported_text_once_it_is_opened_in_the_reader(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    reads: list[Path],
) -> None:
    """The reader saves a position for every text it opens: that text is then checked."""
    from tests.ui_helpers import make_app, text_shown, wait_until

    secret, mine = _imported(capsys, tmp_path, monkeypatch)
    app = make_app(secret, data_dir=mine)
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: text_shown(app), "the text")
        await pilot.press("q")
    reads.clear()
    entries = json.loads(_bookmarks(capsys, mine, "list", "--json").out)
    assert [entry["status"] for entry in entries] == ["attached", "not checked"]
    assert reads == [secret]
