"""``reader bookmarks export``: Markdown whose every bookmark gives the command that
reopens its text there (and the command works), and Obsidian notes, one per text."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from reader.cli.main import parse_arguments
from reader.ui.app import ReaderApp
from reader.userdata import BookmarkStore
from reader.userdata.store import FILE_NAME
from tests.core_helpers import CliResult, run_cli

ARTICLE = """---
title: "Notas: Stalingrado"
author: Ana Souza
source: https://example.org/fonte
language: pt
---

# Stalingrado em notas

## O cerco

A Operação Urano cercou o 6.º Exército em novembro de 1942.

## A rendição

Paulus rendeu-se em 31 de janeiro de 1943.
"""


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "textos" / "notas de guerra.md"
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def bookmarks(capsys: pytest.CaptureFixture[str], data: Path, *argv: str | Path) -> CliResult:
    result = run_cli(capsys, "bookmarks", *argv, "--data-dir", data)
    assert result.code == 0, result.err
    return result


def commands(markdown: str) -> list[list[str]]:
    """The reopening commands of a Markdown export, as argument lists."""
    return [shlex.split(found) for found in re.findall(r"^Open it: `(.+)`$", markdown, re.M)]


def test_each_bookmark_gives_the_command_that_reopens_it(
    capsys: pytest.CaptureFixture[str],
    article: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = tmp_path / "dados"
    bookmarks(capsys, data, "add", article, "--quote", "Paulus rendeu-se", "--note", "fim")
    bookmarks(capsys, data, "add", "stalingrado", "--quote", "Rio Volga")
    exported = bookmarks(capsys, data, "export").out
    found = commands(exported)
    assert sorted(found) == sorted(
        [
            ["reader", str(article), "--at", "1", "--data-dir", str(data)],
            ["reader", "stalingrado", "--at", "2", "--data-dir", str(data)],
        ]
    )
    with BookmarkStore(data / FILE_NAME) as store:
        uuids = {bookmark.id: bookmark.uuid for bookmark in store.all()}
    started: list[ReaderApp] = []
    monkeypatch.setattr(ReaderApp, "run", lambda self, **_: started.append(self))
    monkeypatch.setattr("reader.cli.open.check_terminal", lambda ref: None)  # no tty here
    for argv in found:
        assert run_cli(capsys, *argv[1:]).code == 0
    by_path = {app.reading.request.ref.name: app for app in started}
    assert by_path[str(article)].reading.places._pending_bookmark == uuids[1]
    assert by_path["stalingrado"].reading.places._pending_bookmark == uuids[2]


def test_a_path_that_looks_like_an_option_comes_after_a_double_dash(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    odd = Path("-x; rm -rf ~ `echo`.md")
    odd.write_text("Um texto estranho.\n", encoding="utf-8")
    data = tmp_path / "dados"
    bookmarks(capsys, data, "add", f"./{odd}", "--quote", "texto estranho")
    with BookmarkStore(data / FILE_NAME) as store:
        (stored,) = store.all()
    markdown = bookmarks(capsys, data, "export").out
    (argv,) = commands(markdown.replace("``` ", "`").replace(" ```", "`"))
    parsed = parse_arguments(argv[1:])
    assert (parsed.command, parsed.path, parsed.at) == ("open", stored.text.path, 1)


def test_quotes_and_notes_are_text_in_markdown(
    capsys: pytest.CaptureFixture[str], article: Path, tmp_path: Path
) -> None:
    data = tmp_path / "dados"
    note = "# not a heading\n<script>x</script> *not em* [not](a link)"
    bookmarks(capsys, data, "add", article, "--quote", "Operação Urano", "--note", note)
    markdown = bookmarks(capsys, data, "export").out
    assert "\\# not a heading" in markdown
    assert "\\<script\\>x\\</script\\> \\*not em\\* \\[not\\](a link)" in markdown


def _front_matter(note: str) -> dict[str, object]:
    assert note.startswith("---\n")
    fields = yaml.safe_load(note.split("\n---\n", 1)[0].removeprefix("---\n"))
    assert isinstance(fields, dict)
    return fields


def test_obsidian_notes_one_per_text_with_front_matter_and_callouts(
    capsys: pytest.CaptureFixture[str], article: Path, tmp_path: Path
) -> None:
    data = tmp_path / "dados"
    bookmarks(capsys, data, "add", article, "--quote", "Paulus rendeu-se", "--note", "o fim")
    bookmarks(capsys, data, "add", article, "--quote", "Operação Urano", "--note", "cerco")
    bookmarks(capsys, data, "add", "stalingrado", "--quote", "Rio Volga")
    vault = tmp_path / "cofre"
    written = bookmarks(capsys, data, "export", "--format", "obsidian", "-o", vault)
    files = sorted(vault.iterdir())
    assert [path.name for path in files] == [
        "A Batalha de Stalingrado.md",
        "Notas Stalingrado.md",
    ]
    assert written.out.splitlines() == [f"wrote {path}" for path in files]
    note = files[1].read_text(encoding="utf-8")
    assert _front_matter(note) == {
        "title": "Notas: Stalingrado",
        "author": "Ana Souza",
        "source": "https://example.org/fonte",
        "tags": ["rodape", "bookmarks"],
        "rodape-text": str(article),
    }
    body = note.split("\n---\n", 1)[1]
    callouts = re.findall(r"^> \[!quote\] (.+)\n> (.+)\n\n(.+)\n\nOpen it: `(.+)`$", body, re.M)
    assert [(title.split(" · ")[0], quote, text) for title, quote, text, _ in callouts] == [
        ("O cerco", "Operação Urano", "cerco"),
        ("A rendição", "Paulus rendeu-se", "o fim"),
    ]
    assert shlex.split(callouts[0][3])[1:3] == [str(article), "--at"]
    printed = bookmarks(capsys, data, "export", "--format", "obsidian").out
    assert printed == "\n".join(path.read_text(encoding="utf-8") for path in files)


def test_obsidian_export_never_overwrites_a_file_it_did_not_write(
    capsys: pytest.CaptureFixture[str], article: Path, tmp_path: Path
) -> None:
    data = tmp_path / "dados"
    bookmarks(capsys, data, "add", article, "--quote", "Paulus rendeu-se")
    vault = tmp_path / "cofre"
    vault.mkdir()
    mine = vault / "Notas Stalingrado.md"
    mine.write_text("---\ntitle: my own note\n---\n\nKeep me.\n", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    (vault / "Notas Stalingrado (2).md").symlink_to(secret)
    for _ in range(2):  # exported again, our note is replaced, nothing else is touched
        bookmarks(capsys, data, "export", "--format", "obsidian", "-o", vault)
    assert mine.read_text(encoding="utf-8") == "---\ntitle: my own note\n---\n\nKeep me.\n"
    assert secret.read_text(encoding="utf-8") == "secret"
    ours = vault / "Notas Stalingrado (3).md"
    assert "Paulus rendeu-se" in ours.read_text(encoding="utf-8")
    assert sorted(path.name for path in vault.iterdir()) == [
        "Notas Stalingrado (2).md",
        "Notas Stalingrado (3).md",
        "Notas Stalingrado.md",
    ]


def test_a_hostile_title_makes_a_plain_file_name_in_the_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = tmp_path / "t.md"
    text.write_text(
        '---\ntitle: "../../etc/\\e]0;x\\aCON: *?"\n---\n\nUm texto.\n', encoding="utf-8"
    )
    data = tmp_path / "dados"
    bookmarks(capsys, data, "add", text, "--quote", "Um texto")
    vault = tmp_path / "cofre"
    bookmarks(capsys, data, "export", "--format", "obsidian", "-o", vault)
    (written,) = vault.iterdir()
    assert written.name == "etc ␛ 0;x␇CON.md"
    assert "\x1b" not in written.read_text(encoding="utf-8")


def test_obsidian_into_a_file_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], article: Path, tmp_path: Path
) -> None:
    data = tmp_path / "dados"
    bookmarks(capsys, data, "add", article, "--quote", "Paulus rendeu-se")
    result = run_cli(
        capsys, "bookmarks", "export", "--format", "obsidian", "-o", article, "--data-dir", data
    )
    assert result.code == 2
    assert result.err_lines == [f"reader: {article}: is not a folder: name a folder for the notes"]


@pytest.mark.parametrize("form", ["md", "json"])
def test_an_export_goes_to_the_file_named(
    capsys: pytest.CaptureFixture[str], article: Path, tmp_path: Path, form: str
) -> None:
    data = tmp_path / "dados"
    bookmarks(capsys, data, "add", article, "--quote", "Paulus rendeu-se")
    printed = bookmarks(capsys, data, "export", "--format", form).out
    target = tmp_path / f"marcas.{form}"
    written = bookmarks(capsys, data, "export", "--format", form, "-o", target)
    assert written.out == ""
    assert target.read_text(encoding="utf-8") == printed


def test_the_command_opens_a_moved_text_where_it_is_now(
    capsys: pytest.CaptureFixture[str], article: Path, tmp_path: Path
) -> None:
    """The file a bookmark was made in is gone, and the text is found in another file
    this reader knows: the command opens that one (where the reader shows it)."""
    data = tmp_path / "dados"
    bookmarks(capsys, data, "add", article, "--quote", "Paulus rendeu-se")
    copy = tmp_path / "copia.md"
    copy.write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
    bookmarks(capsys, data, "add", copy, "--quote", "Operação Urano")
    article.unlink()
    found = commands(bookmarks(capsys, data, "export").out)
    assert sorted(argv[1:4] for argv in found) == [
        [str(copy), "--at", "1"],
        [str(copy), "--at", "2"],
    ]
