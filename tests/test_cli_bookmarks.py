"""``reader bookmarks``: add, list (re-checked against the file as it is now), export,
import; exit 1 for a quote not found or ambiguous, one line and exit 2 for bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.userdata.datadir import ENV_VAR
from reader.userdata.store import FILE_NAME
from tests.core_helpers import CliResult, run_cli

ARTICLE = """---
title: Stalingrado em notas
---
# A batalha

Em 23 de agosto de 1942 a Luftwaffe bombardeou a cidade e matou milhares de civis.

A resistência nas fábricas durou meses, casa por casa, andar por andar.

## O cerco

Em novembro, a Operação Urano cercou o Sexto Exército entre o Volga e o Don.

Em fevereiro de 1943 o Sexto Exército rendeu-se, e a maré da guerra virou.
"""


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "textos" / "stalingrado.md"
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "dados"


def bookmarks(capsys: pytest.CaptureFixture[str], data: Path, *argv: str | Path) -> CliResult:
    """``reader bookmarks ARGV --data-dir DATA``."""
    return run_cli(capsys, "bookmarks", *argv, "--data-dir", data)


def listed(
    capsys: pytest.CaptureFixture[str], data: Path, *argv: str | Path
) -> list[dict[str, object]]:
    result = bookmarks(capsys, data, "list", *argv, "--json")
    assert result.code == 0, result.err
    entries = json.loads(result.out)
    assert isinstance(entries, list)
    return entries


def test_add_and_list(capsys: pytest.CaptureFixture[str], article: Path, data: Path) -> None:
    """``add`` bookmarks the passage matching the quote (white space collapsed) with its
    note; ``list`` shows it attached, in its block and section, as lines and as JSON."""
    result = bookmarks(
        capsys, data, "add", article, "--quote", "cercou o Sexto\n  Exército", "--note", "Urano!"
    )
    assert result.code == 0, result.err
    assert result.out == (
        "bookmark 1 added to Stalingrado em notas (p-3): “cercou o Sexto Exército”\n"
    )
    assert (data / FILE_NAME).is_file()

    lines = bookmarks(capsys, data, "list").out.splitlines()
    assert lines[0] == f"Stalingrado em notas  ({article.resolve()})"
    assert lines[1].split() == [
        "#1",
        "attached",
        "p-3",
        "“cercou",
        "o",
        "Sexto",
        "Exército”",
        "note:",
        "Urano!",
    ]

    (entry,) = listed(capsys, data, article)
    assert entry["status"] == "attached"
    assert entry["quote"] == "cercou o Sexto Exército"
    assert entry["note"] == "Urano!"
    assert entry["section"] == "O cerco"
    assert entry["block_id"] == "p-3"
    text = entry["text"]
    assert isinstance(text, dict)
    assert text["path"] == str(article.resolve()) and text["title"] == "Stalingrado em notas"


def test_quote_not_found_or_ambiguous_exits_1(
    capsys: pytest.CaptureFixture[str], article: Path, data: Path
) -> None:
    """A quote that is not in the text, or is in it twice, exits 1 with one line saying
    which, and saves nothing."""
    missing = bookmarks(capsys, data, "add", article, "--quote", "Operação Barbarossa")
    assert (missing.code, missing.out) == (1, "")
    assert missing.err_lines == [f"reader: {article}: quote not found in the text"]
    ambiguous = bookmarks(capsys, data, "add", article, "--quote", "Sexto Exército")
    assert ambiguous.code == 1
    assert ambiguous.err_lines == [f"reader: {article}: ambiguous: found 2 times; quote more text"]
    assert listed(capsys, data) == []


def test_missing_text_is_bad_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path
) -> None:
    """A text that does not exist: the usual one line, exit 2."""
    result = bookmarks(capsys, data, "add", tmp_path / "nada.md", "--quote", "x")
    assert result.code == 2
    assert result.err_lines == [f"reader: {tmp_path / 'nada.md'}: no such file"]


def test_status_after_the_text_is_edited(
    capsys: pytest.CaptureFixture[str], article: Path, data: Path
) -> None:
    """``list`` re-checks each bookmark against the file as it is now: a passage pushed
    down by a new paragraph is moved, a deleted one detached, an untouched one attached,
    and a text whose file is gone is "missing text"."""
    for quote in ("matou milhares de civis", "casa por casa", "a maré da guerra virou"):
        assert bookmarks(capsys, data, "add", article, "--quote", quote).code == 0
    edited = ARTICLE.replace("# A batalha\n", "# A batalha\n\nUm parágrafo novo no início.\n")
    edited = edited.replace(
        "A resistência nas fábricas durou meses, casa por casa, andar por andar.\n\n", ""
    )
    article.write_text(edited, encoding="utf-8")
    entries = listed(capsys, data, article)
    statuses = {entry["quote"]: entry["status"] for entry in entries}
    assert statuses == {
        "matou milhares de civis": "moved",
        "a maré da guerra virou": "moved",
        "casa por casa": "detached",
    }
    assert [entry["quote"] for entry in entries][-1] == "casa por casa"  # detached last

    article.rename(article.with_name("outro.md"))
    entries = listed(capsys, data)
    assert {entry["status"] for entry in entries} == {"missing text"}
    lines = bookmarks(capsys, data, "list").out.splitlines()
    assert sum("missing text" in line for line in lines) == 3


def test_export_markdown_and_json_and_import_round_trip(
    capsys: pytest.CaptureFixture[str], article: Path, data: Path, tmp_path: Path
) -> None:
    """Markdown export groups by text with quotes, notes, sections and dates; JSON export
    is a W3C Web Annotation collection; importing it into another data folder restores the
    bookmarks, and importing it again (there or back home) adds nothing."""
    bookmarks(capsys, data, "add", article, "--quote", "Operação Urano", "--note", "O cerco")
    bookmarks(capsys, data, "add", "stalingrado", "--quote", "Rio Volga")

    markdown = bookmarks(capsys, data, "export", "--format", "md")
    assert markdown.code == 0, markdown.err
    md_lines = markdown.out.splitlines()
    assert md_lines[0] == "# Bookmarks"
    assert "## Stalingrado em notas" in md_lines and "## A Batalha de Stalingrado" in md_lines
    assert "> Operação Urano" in md_lines and "> Rio Volga" in md_lines
    assert "O cerco" in md_lines
    assert any(line.startswith("*O cerco · 20") and line.endswith("*") for line in md_lines)

    exported = bookmarks(capsys, data, "export", "--format", "json")
    assert exported.code == 0, exported.err
    collection = json.loads(exported.out)
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection" and collection["total"] == 2
    first, second = collection["first"]["items"]
    assert first["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert first["type"] == "Annotation"
    assert first["id"].startswith("urn:rodape:bookmark:")
    assert first["body"] == {
        "type": "TextualBody",
        "value": "O cerco",
        "format": "text/plain",
        "purpose": "commenting",
    }
    assert "body" not in second  # no note, no body
    assert first["target"]["source"] == article.resolve().as_uri()
    assert second["target"]["source"] == "urn:rodape:text:stalingrado"
    quote_selector, position_selector = first["target"]["selector"]
    assert quote_selector["type"] == "TextQuoteSelector"
    assert quote_selector["exact"] == "Operação Urano"
    assert quote_selector["prefix"].endswith("Em novembro, a ")
    assert position_selector["type"] == "TextPositionSelector"
    assert position_selector["end"] - position_selector["start"] == len("Operação Urano")

    exported_file = tmp_path / "marcas.json"
    exported_file.write_text(exported.out, encoding="utf-8")
    elsewhere = tmp_path / "outro-dados"
    first_import = bookmarks(capsys, elsewhere, "import", exported_file)
    assert first_import.code == 0, first_import.err
    assert first_import.out == "imported 2 bookmarks, skipped 0 already present\n"
    again = bookmarks(capsys, elsewhere, "import", exported_file)
    assert again.out == "imported 0 bookmarks, skipped 2 already present\n"
    home = bookmarks(capsys, data, "import", exported_file)
    assert home.out == "imported 0 bookmarks, skipped 2 already present\n"

    restored = listed(capsys, elsewhere)  # imported paths are not read (issue 12)
    assert sorted((e["quote"], e["note"], e["status"]) for e in restored) == [
        ("Operação Urano", "O cerco", "not checked"),
        ("Rio Volga", "", "not checked"),
    ]
    assert {e["uuid"] for e in restored} == {e["uuid"] for e in listed(capsys, data)}
    checked = [listed(capsys, elsewhere, path)[0] for path in (article, "stalingrado")]
    assert [(e["quote"], e["status"]) for e in checked] == [
        ("Operação Urano", "attached"),
        ("Rio Volga", "attached"),
    ]


def test_import_keeps_a_conflicting_annotation_as_a_new_bookmark(
    capsys: pytest.CaptureFixture[str], article: Path, data: Path, tmp_path: Path
) -> None:
    """An annotation whose id is already stored but whose note (or quote) differs is
    kept under a new id, and said so; identical ones are still skipped, and importing
    the same file again adds nothing more."""
    bookmarks(capsys, data, "add", article, "--quote", "Operação Urano", "--note", "O cerco")
    bookmarks(capsys, data, "add", article, "--quote", "casa por casa", "--note", "")
    exported = json.loads(bookmarks(capsys, data, "export", "--format", "json").out)
    edited, _unchanged = exported["first"]["items"]
    edited["body"]["value"] = "O cerco, visto de Moscovo"
    source = tmp_path / "editado.json"
    source.write_text(json.dumps(exported), encoding="utf-8")

    result = bookmarks(capsys, data, "import", source)
    assert result.code == 0, result.err
    assert result.out == (
        "imported 0 bookmarks, skipped 1 already present; "
        "1 conflicting annotation kept as a new bookmark (id 3)\n"
    )
    entries = sorted(listed(capsys, data), key=lambda e: int(str(e["id"])))
    assert [(e["id"], e["quote"], e["note"]) for e in entries] == [
        (1, "Operação Urano", "O cerco"),
        (2, "casa por casa", ""),
        (3, "Operação Urano", "O cerco, visto de Moscovo"),
    ]
    assert entries[2]["uuid"] != entries[0]["uuid"]
    assert entries[0]["uuid"] == edited["id"].removeprefix("urn:rodape:bookmark:")

    again = bookmarks(capsys, data, "import", source)
    assert again.out == "imported 0 bookmarks, skipped 2 already present\n"
    assert len(listed(capsys, data)) == 3


def test_import_bad_files_are_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path
) -> None:
    """Broken JSON names the file, line and column; JSON that is not Web Annotations, or an
    annotation without a quote, names the file and the annotation; exit 2 each time."""
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "type": "AnnotationCollection",\n  oops\n}\n', encoding="utf-8")
    result = bookmarks(capsys, data, "import", broken)
    assert result.code == 2
    assert result.err_lines == [
        f"reader: {broken}:3:3: not valid JSON (Expecting property name enclosed in double quotes)"
    ]

    other = tmp_path / "other.json"
    other.write_text('{"type": "Person"}', encoding="utf-8")
    result = bookmarks(capsys, data, "import", other)
    assert result.code == 2
    assert len(result.err_lines) == 1
    assert result.err_lines[0].startswith(f"reader: {other}: not W3C Web Annotations")

    no_quote = tmp_path / "no-quote.json"
    no_quote.write_text(
        json.dumps(
            [
                {
                    "type": "Annotation",
                    "target": {
                        "source": "x",
                        "selector": {"type": "TextPositionSelector", "start": 1, "end": 2},
                    },
                }
            ]
        ),
        encoding="utf-8",
    )
    result = bookmarks(capsys, data, "import", no_quote)
    assert result.code == 2
    assert result.err_lines == [
        f"reader: {no_quote}: annotation 1: no TextQuoteSelector (only quoted passages can "
        "be imported)"
    ]
    assert listed(capsys, data) == []


def test_corrupt_database(capsys: pytest.CaptureFixture[str], article: Path, data: Path) -> None:
    """With a corrupt bookmark file, writes fail with one line naming it (exit 2), reads
    warn in one line and go on, and the file is never changed."""
    data.mkdir()
    database = data / FILE_NAME
    garbage = os.urandom(4096)
    database.write_bytes(garbage)
    added = bookmarks(capsys, data, "add", article, "--quote", "Operação Urano")
    assert added.code == 2 and added.out == ""
    assert len(added.err_lines) == 1
    assert added.err_lines[0].startswith(f"reader: {database}: not a bookmarks database")
    assert "read-only" in added.err_lines[0]

    result = bookmarks(capsys, data, "list")
    assert result.code == 0
    assert result.err_lines[0] == added.err_lines[0]
    assert database.read_bytes() == garbage


def test_reader_data_dir_environment_variable(
    capsys: pytest.CaptureFixture[str],
    article: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without ``--data-dir``, ``READER_DATA_DIR`` says where the bookmarks go."""
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env-dados"))
    result = run_cli(capsys, "bookmarks", "add", article, "--quote", "Operação Urano")
    assert result.code == 0, result.err
    assert (tmp_path / "env-dados" / FILE_NAME).is_file()
    assert [e["quote"] for e in listed(capsys, tmp_path / "env-dados")] == ["Operação Urano"]


def test_terminal_controls_in_a_note_are_not_printed_raw(
    capsys: pytest.CaptureFixture[str], article: Path, data: Path
) -> None:
    """A note carrying an escape sequence or a bidi override is shown visibly in lines and
    escaped in JSON: nothing a terminal would obey reaches stdout."""
    note = "perigo \x1b]0;title\x07 \u202eabc"
    assert (
        bookmarks(capsys, data, "add", article, "--quote", "Operação Urano", "--note", note).code
        == 0
    )
    for argv in (("list",), ("list", "--json"), ("export",), ("export", "--format", "json")):
        out = bookmarks(capsys, data, *argv).out
        assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out, argv
    entry = listed(capsys, data)[0]
    assert entry["note"] == note  # escaped, not altered


@pytest.mark.parametrize(
    "where",
    ["before the command", "before the action", "after the action"],
)
def test_data_dir_anywhere(
    capsys: pytest.CaptureFixture[str], article: Path, tmp_path: Path, where: str
) -> None:
    """``--data-dir`` works before ``bookmarks``, between it and the action, and at the
    end, for add, list, export and import alike."""

    def run(data: Path, action: str, *argv: str | Path) -> CliResult:
        option = ("--data-dir", data)
        if where == "before the command":
            return run_cli(capsys, *option, "bookmarks", action, *argv)
        if where == "before the action":
            return run_cli(capsys, "bookmarks", *option, action, *argv)
        return run_cli(capsys, "bookmarks", action, *argv, *option)

    home, elsewhere = tmp_path / "casa", tmp_path / "fora"
    assert run(home, "add", article, "--quote", "Operação Urano").code == 0
    assert (home / FILE_NAME).is_file()
    listing = run(home, "list", "--json")
    assert [entry["quote"] for entry in json.loads(listing.out)] == ["Operação Urano"]
    exported = run(home, "export", "--format", "json")
    assert exported.code == 0, exported.err
    exported_file = tmp_path / "marcas.json"
    exported_file.write_text(exported.out, encoding="utf-8")
    imported = run(elsewhere, "import", exported_file)
    assert imported.out == "imported 1 bookmark, skipped 0 already present\n"
    assert [e["quote"] for e in listed(capsys, elsewhere)] == ["Operação Urano"]
