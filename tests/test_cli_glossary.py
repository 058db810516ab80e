"""``reader lookup --in``, ``reader glossary [--in]`` and the glossary warnings of
``reader check`` (never mentioned, shadowing aliases, dangling "see also", ``--strict``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.core_helpers import REPO, run_cli

_LOCATION = re.compile(r"^(?P<file>.+):(?P<line>\d+): (?P<context>.+)$")


def _mentions(out: str) -> list[tuple[str, int, str]]:
    """(file, line, context) of the ``file:line: context`` lines after the entry."""
    tail = out.split("\nMentioned ", 1)[1].splitlines()[1:]
    found = []
    for line in tail:
        match = _LOCATION.match(line)
        assert match, line
        found.append((match["file"], int(match["line"]), match["context"]))
    return found


def test_lookup_in_lists_the_mentions(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``reader lookup "exército vermelho" --in stalingrado`` prints the entry, then the
    four places the article names the Red Army, each as file:line: context with the
    line of the paragraph in the source."""
    monkeypatch.chdir(REPO)
    result = run_cli(capsys, "lookup", "exército vermelho", "--in", "stalingrado")
    assert result.code == 0, result.err
    assert result.err == ""
    assert result.out.startswith("Exército Vermelho\n")
    assert "\nMentioned 4 times in stalingrado:\n" in result.out
    mentions = _mentions(result.out)
    assert [line for _, line, _ in mentions] == [43, 47, 49, 51]
    assert {file for file, _, _ in mentions} == {"texts/stalingrado.md"}
    for _, _, context in mentions:
        assert "Exército Vermelho" in context


def test_lookup_in_a_path_gives_exact_lines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """In a paragraph written over several lines each mention gets its own line (the
    term broken across two lines counts where it starts); the file is named as given."""
    text = tmp_path / "t.md"
    text.write_text(
        "---\nglossary: [segunda-guerra]\n---\n\n"
        "A Wehrmacht avançou\ncontra o Exército\nVermelho, e a\nWehrmacht recuou.\n",
        encoding="utf-8",
    )
    result = run_cli(capsys, "lookup", "Wehrmacht", "--in", text)
    assert result.code == 0, result.err
    assert [(file, line) for file, line, _ in _mentions(result.out)] == [
        (str(text), 5),
        (str(text), 8),
    ]
    red = run_cli(capsys, "lookup", "Exército Vermelho", "--in", text)
    assert [line for _, line, _ in _mentions(red.out)] == [6]


def test_lookup_in_a_text_that_never_names_the_term(capsys: pytest.CaptureFixture[str]) -> None:
    """A term the text does not mention: the entry, then one line saying so; exit 0."""
    result = run_cli(capsys, "lookup", "Paulus", "--in", "stalingrado")
    assert result.code == 0
    assert result.out.startswith("Friedrich Paulus\n")
    assert result.out.endswith("\n\nNot mentioned in stalingrado.\n")


_LOCAL = (
    "---\nglossary: [segunda-guerra]\n---\n\n"
    "A OTAN não existia; o cerco fechou-se em Kalach.\n\n"
    "*[OTAN]: Organização do Tratado do Atlântico Norte\n\n"
    "## Glossário\n\n"
    "Kalach\n: Cidade às margens do Don. Ali o cerco se fechou.\n"
)


def test_lookup_in_finds_the_texts_own_entries(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """With ``--in`` the text's abbreviation lines and glossary list are looked up too
    (and their mentions listed); without it they are unknown (exit 1)."""
    text = tmp_path / "local.md"
    text.write_text(_LOCAL, encoding="utf-8")
    otan = run_cli(capsys, "lookup", "OTAN", "--in", text)
    assert otan.code == 0, otan.err
    assert otan.out.startswith("OTAN\n")
    assert "Organização do Tratado do Atlântico Norte" in otan.out
    assert [line for _, line, _ in _mentions(otan.out)] == [5]
    kalach = run_cli(capsys, "lookup", "kalach", "--in", text)
    assert kalach.code == 0
    assert "Cidade às margens do Don." in kalach.out
    assert [line for _, line, _ in _mentions(kalach.out)] == [5, 11]
    assert run_cli(capsys, "lookup", "Kalach").code == 1


def test_glossary_lists_terms_sorted_with_aliases(capsys: pytest.CaptureFixture[str]) -> None:
    """``reader glossary``: one line per bundled term, aliases in parentheses, sorted by
    term ignoring case and accents ("Estados Unidos" before "Exército Vermelho" before
    "Frente Leste", "imperialismo" between "Homem do Ano" and "Inglaterra")."""
    result = run_cli(capsys, "glossary")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert len(lines) == 30  # every entry of glossary/segunda-guerra.yaml
    assert "José Stalin (Stalin, Josef Stalin, Joseph Stalin)" in lines
    assert "Operação Barbarossa (ofensiva contra a URSS)" in lines
    names = [line.split(" (", 1)[0] for line in lines]
    assert names.index("Estados Unidos") < names.index("Exército Vermelho")
    assert names.index("Exército Vermelho") < names.index("Frente Leste")
    assert names[names.index("imperialismo") - 1 : names.index("imperialismo") + 2] == [
        "Homem do Ano",
        "imperialismo",
        "Inglaterra",
    ]


def test_glossary_in_a_text_counts_mentions(capsys: pytest.CaptureFixture[str]) -> None:
    """``reader glossary --in stalingrado``: each mentioned term with its count, then the
    terms the article never names under a heading of their own."""
    result = run_cli(capsys, "glossary", "--in", "stalingrado")
    assert result.code == 0, result.err
    mentioned, unmentioned = result.out.split("\n\nNot mentioned in stalingrado:\n")
    lines = mentioned.splitlines()
    assert "Wehrmacht (Wehrmacht alemã): 2" in lines
    assert "Exército Vermelho (Exército Vermelho dos Operários e Camponeses): 4" in lines
    assert "imperialismo: 4" in lines
    assert len(lines) == 30 - 7
    assert "Grande Expurgo (Grande Terror, expurgou o exército): 1" in lines
    assert "Operação Barbarossa (ofensiva contra a URSS): 1" in lines
    # Named only in the article's context note, not in its words:
    assert unmentioned.splitlines() == [
        "62º Exército (62.º Exército)",
        "6º Exército (6.º Exército, Sexto Exército)",
        "Aliados",
        "Eixo (potências do Eixo)",
        "Friedrich Paulus (Paulus)",
        "Operação Azul (Fall Blau, Caso Azul)",
        "Vassili Tchuikov (Tchuikov, Chuikov, Vasily Chuikov)",
    ]


def test_glossary_in_a_text_includes_its_own_entries(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The text's own entries are listed with the rest, counted like them."""
    text = tmp_path / "local.md"
    text.write_text(_LOCAL, encoding="utf-8")
    result = run_cli(capsys, "glossary", "--in", text)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert "OTAN: 1" in lines
    assert "Kalach: 2" in lines
    assert lines.index("Kalach: 2") < lines.index("OTAN: 1")


_GLOSSARY = (
    "title: T\n"
    "language: pt\n"
    "terms:\n"
    "  - term: Cerco\n"
    "    short: Um cerco.\n"
    "  - term: Kessel\n"
    "    aliases: [o grande Cerco]\n"
    "    short: Caldeirão.\n"
    "    see_also: [Nada]\n"
    "  - term: Nunca\n"
    "    short: Nunca dito.\n"
)
_TEXT = "---\nglossary: [g]\n---\n\nO Cerco e o Kessel.\n"


def _files(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "glossary").mkdir()
    glossary = tmp_path / "glossary" / "g.yaml"
    glossary.write_text(_GLOSSARY, encoding="utf-8")
    text = tmp_path / "t.md"
    text.write_text(_TEXT, encoding="utf-8")
    return text, glossary


def test_check_warns_about_glossary_use(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """``reader check`` on a text and its glossary: a term the text never mentions (at the
    term's glossary line, naming the text), an alias that hides another term, a "see
    also" to nothing. Warnings only: exit 0."""
    text, glossary = _files(tmp_path)
    result = run_cli(capsys, "check", text, glossary)
    assert result.code == 0
    assert result.out.splitlines() == [
        f"{glossary}:10: warning: 'Nunca' is never mentioned in t",
        f"{glossary}:6: warning: 'Kessel' sees also 'Nada', which no glossary defines",
        f"{glossary}:6: warning: alias 'o grande Cerco' of 'Kessel' contains 'Cerco', "
        "which is never linked there",
    ]
    assert result.err_lines == ["checked 2 files: 0 errors, 3 warnings"]


def test_check_strict_turns_warnings_into_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``--strict``: the same lines, but exit 2; a file without warnings still exits 0."""
    text, glossary = _files(tmp_path)
    result = run_cli(capsys, "check", "--strict", text, glossary)
    assert result.code == 2
    assert len(result.out.splitlines()) == 3
    clean = tmp_path / "clean.yaml"
    clean.write_text("terms:\n  - term: A\n    short: a\n", encoding="utf-8")
    assert run_cli(capsys, "check", "--strict", clean).code == 0


def test_check_errors_still_exit_two(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """An error among warnings gives exit 2 without ``--strict``."""
    text, _ = _files(tmp_path)
    broken = tmp_path / "broken.yaml"
    broken.write_text("terms:\n  - term: A\n", encoding="utf-8")
    result = run_cli(capsys, "check", text, broken)
    assert result.code == 2
    assert result.err_lines == ["checked 2 files: 1 error, 1 warning"]


def test_check_reports_shadowing_across_glossaries_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """An alias in one glossary hiding a term of another is only visible in a text that
    uses both; two such texts report it once. The text's own clashing entry is reported
    at its line."""
    text, _ = _files(tmp_path)
    other = tmp_path / "outro.md"
    other.write_text(_TEXT + "\n*[Cerco]: repetido\n", encoding="utf-8")
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "terms:\n  - term: Sitio\n    aliases: [Kessel de Stalingrado]\n    short: s\n",
        encoding="utf-8",
    )
    result = run_cli(capsys, "check", text, other, "--glossary", extra)
    assert result.code == 0
    shadow = (
        f"{extra}:2: warning: alias 'Kessel de Stalingrado' of 'Sitio' contains 'Kessel', "
        "which is never linked there"
    )
    assert result.out.splitlines().count(shadow) == 1
    assert (
        f"{other}:7: warning: 'Cerco' is already a term or alias of 'Cerco' (g:4); "
        "the text's own entry is ignored"
    ) in result.out.splitlines()
