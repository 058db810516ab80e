"""The ``reader`` command: exit statuses, one-line errors naming file and line, look-ups."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from reader import __version__
from reader.cli import main
from reader.cli.main import parse_arguments
from tests.core_helpers import BUNDLED_GLOSSARY, REPO, CliResult, run_cli


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """``reader --version`` prints the package version and exits 0, for subcommands too."""
    for argv in (["--version"], ["render", "--version"]):
        with pytest.raises(SystemExit) as caught:
            main(argv)
        assert caught.value.code == 0
        assert capsys.readouterr().out.strip() == f"reader (rodape) {__version__}"


def test_lookup_prints_the_entry(capsys: pytest.CaptureFixture[str]) -> None:
    """``reader lookup Stálin`` finds "José Stalin" by its alias, accents ignored, and
    prints the headword, the short summary, the aliases and the sources."""
    result = run_cli(capsys, "lookup", "Stálin")
    assert result.code == 0
    assert result.err == ""
    lines = result.out.splitlines()
    assert lines[0] == "José Stalin"
    assert set(lines[1]) == {"─"}
    text = " ".join(result.out.split())
    assert "Político soviético nascido na Geórgia (1878–1953)" in text
    assert "Também: Stalin, Josef Stalin, Joseph Stalin" in text
    assert "Fontes" in lines
    assert (
        "• Stephen Kotkin, Stalin: Paradoxes of Power, 1878–1928 (Nova York: Penguin Press, 2014)."
        in text
    )
    assert (
        "• Stephen Kotkin, Stalin: Waiting for Hitler, 1929–1941 (Nova York: Penguin Press, 2017)."
        in text
    )
    assert (
        "• Encyclopaedia Britannica, “Joseph Stalin”, https://www.britannica.com/biography/Joseph-Stalin."
        in text
    )


def test_lookup_unknown_term_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown term exits 1 (not 2: nothing is wrong with the input) and suggests
    close names on stderr."""
    result = run_cli(capsys, "lookup", "Stalim")
    assert result.code == 1
    assert result.out == ""
    assert result.err_lines[0] == "reader: no glossary entry for 'Stalim'"
    assert result.err_lines[1].startswith("did you mean: ")
    assert "Stalin" in result.err_lines[1]


def test_lookup_with_extra_glossary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """``--glossary`` adds entries to the look-up."""
    extra = tmp_path / "extra.yaml"
    extra.write_text("terms:\n  - term: Kalach\n    short: Uma cidade.\n", encoding="utf-8")
    result = run_cli(capsys, "lookup", "kalach", "--glossary", extra)
    assert result.code == 0
    assert result.out.splitlines()[0] == "Kalach"


_BUNDLED_WARNINGS = [
    "glossary/segunda-guerra.yaml:244: warning: alias 'ofensiva contra a URSS' of "
    "'Operação Barbarossa' contains 'URSS' (of 'União Soviética'), which is never linked there",
]
"""What ``reader check`` says of the bundled files: one alias that hides another term, on
purpose ("ofensiva contra a URSS" names the invasion; the article's one "URSS" is inside
it). No entry is never mentioned: those the article's words do not name, its context note
does (issue 17). Warnings only: no errors."""


def test_check_bundled_files_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    """``reader check`` with no paths validates the bundled text and glossary: no errors,
    exit 0; the only output is the known warnings, named as the texts name the bundled
    glossary."""
    result = run_cli(capsys, "check")
    assert result.code == 0
    assert result.out.splitlines() == _BUNDLED_WARNINGS
    assert result.err_lines == ["checked 2 files: 0 errors, 1 warning"]


def test_check_named_files(capsys: pytest.CaptureFixture[str]) -> None:
    """``reader check PATH…`` checks the given text and glossary: the same warnings as
    for the bundled files, each reported once."""
    result = run_cli(capsys, "check", REPO / "texts" / "stalingrado.md", BUNDLED_GLOSSARY)
    assert result.code == 0
    # Named relative to the bundled folder, or in full when the package is installed.
    lines = [
        "glossary/segunda-guerra.yaml:" + line.split("segunda-guerra.yaml:", 1)[1]
        for line in result.out.splitlines()
    ]
    assert lines == _BUNDLED_WARNINGS
    assert result.err_lines == ["checked 2 files: 0 errors, 1 warning"]


def test_check_warnings_keep_status_zero(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Warnings (an unknown field, a dangling "see also") are printed as file:line but
    do not fail the check."""
    glossary = tmp_path / "w.yaml"
    glossary.write_text(
        "terms:\n  - term: A\n    short: a\n    colour: red\n    see_also: [Nada]\n",
        encoding="utf-8",
    )
    result = run_cli(capsys, "check", glossary)
    assert result.code == 0
    assert result.out.splitlines() == [
        f"{glossary}:4: warning: unknown field 'colour' ignored",
        f"{glossary}:2: warning: 'A' sees also 'Nada', which no glossary defines",
    ]
    assert result.err_lines == ["checked 1 file: 0 errors, 2 warnings"]


def test_check_of_a_text_reports_its_glossaries_warnings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Checking a text reports what is wrong in the glossaries it uses (the app shows the
    same as notifications), once each."""
    (tmp_path / "glossary").mkdir()
    glossary = tmp_path / "glossary" / "w.yaml"
    glossary.write_text("terms:\n  - term: A\n    short: a\n    colour: red\n", encoding="utf-8")
    text = tmp_path / "t.md"
    text.write_text("---\nglossary: [w]\n---\n\nA b.\n", encoding="utf-8")
    result = run_cli(capsys, "check", text)
    assert result.code == 0
    assert "warning: unknown field 'colour' ignored" in result.out
    assert result.out.count("colour") == 1


def _assert_one_line_error(result: CliResult, path: Path, line: int | None) -> str:
    """Exit 2, nothing on stdout, one stderr line "reader: PATH[:LINE[:COL]]: message"."""
    assert result.code == 2
    assert result.out == ""
    assert "Traceback" not in result.err
    assert len(result.err_lines) == 1, result.err
    (message,) = result.err_lines
    location = f"reader: {path}:{line}" if line is not None else f"reader: {path}: "
    assert message.startswith(location), message
    return message


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A missing text: one line naming it, exit 2."""
    missing = tmp_path / "nao-existe.md"
    message = _assert_one_line_error(run_cli(capsys, "render", missing), missing, None)
    assert message.endswith("no such file")


def test_directory(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A directory given as a text: one line saying so, exit 2."""
    folder = tmp_path / "pasta.md"
    folder.mkdir()
    message = _assert_one_line_error(run_cli(capsys, "render", folder), folder, None)
    assert "directory" in message


def test_binary_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A PNG renamed to .md is refused as binary, not shown as garbage."""
    png = _write(tmp_path / "image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    message = _assert_one_line_error(run_cli(capsys, "render", png), png, None)
    assert "binary" in message


def test_invalid_utf8(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A Latin-1 file: one line with the line and column of the first bad byte."""
    latin = _write(tmp_path / "latin.md", "# Título\n\nok\ncaf".encode() + b"\xe9 au lait\n")
    message = _assert_one_line_error(run_cli(capsys, "render", latin), latin, 4)
    assert message.startswith(f"reader: {latin}:4:4: not valid UTF-8 (byte 0xE9)")


def test_bad_yaml_in_glossary_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A broken ``--glossary`` file stops the render with its own file and line."""
    glossary = _write(
        tmp_path / "mine.yaml",
        b"title: Mine\nterms:\n  - term: A\n    short: one: two\n  - term: B\n    short: b\n",
    )
    result = run_cli(capsys, "render", "stalingrado", "--glossary", glossary)
    message = _assert_one_line_error(result, glossary, 4)
    assert "mapping values are not allowed" in message


def test_front_matter_that_is_a_list(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Front matter must be a mapping: one line at the front matter's line and the body
    (issue 12: exit 0, no longer 2 with nothing shown); ``--strict``: that line, exit 2."""
    text = _write(tmp_path / "lista.md", b"---\n- a\n- b\n---\nCorpo.\n")
    shown = run_cli(capsys, "render", text)
    assert shown.code == 0
    assert shown.out == "lista\n━━━━━\n\nCorpo.\n"
    (message,) = shown.err_lines
    assert message.startswith(f"reader: {text}:1: front matter must be a mapping")
    strict = _assert_one_line_error(run_cli(capsys, "render", text, "--strict"), text, 1)
    assert strict == message


def test_front_matter_field_error_has_its_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The README's example: a title that is not text is reported at its own line."""
    text = _write(tmp_path / "notes.md", b"---\nlanguage: pt\nauthor: x\ntitle: [a]\n---\nx\n")
    assert run_cli(capsys, "render", text).err_lines == [
        f"reader: {text}:4: front matter field 'title' must be text"
    ]
    message = _assert_one_line_error(run_cli(capsys, "render", text, "--strict"), text, 4)
    assert message == f"reader: {text}:4: front matter field 'title' must be text"


def test_check_reports_entry_without_short(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``reader check`` on a glossary whose entry lacks ``short``: the problem as one
    ``file:line: message`` line on stdout (as the README says), a summary on stderr,
    exit 2."""
    glossary = _write(
        tmp_path / "sem-short.yaml",
        b"title: T\nterms:\n  - term: A\n    short: a\n  - term: B\n    aliases: [b]\n",
    )
    result = run_cli(capsys, "check", glossary)
    assert result.code == 2
    assert result.out.splitlines() == [f"{glossary}:5: entry 'B' has no 'short' summary"]
    assert result.err_lines == ["checked 1 file: 1 error, 0 warnings"]
    assert "Traceback" not in result.err


def test_check_reports_duplicate_alias(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """``reader check`` reports an alias shared by two entries at the second entry,
    naming the first; exit 2."""
    glossary = _write(
        tmp_path / "dup.yaml",
        "terms:\n  - term: José Stalin\n    aliases: [Stalin]\n    short: a\n"
        "  - term: Outro\n    aliases: [STÁLIN]\n    short: b\n".encode(),
    )
    result = run_cli(capsys, "check", glossary)
    assert result.code == 2
    assert result.out.splitlines() == [
        f"{glossary}:5: 'STÁLIN' is already a term or alias of 'José Stalin' (line 2)"
    ]


def test_duplicate_alias_in_glossary_option(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The same glossary given to ``render`` fails with one line, exit 2."""
    glossary = _write(
        tmp_path / "dup.yaml",
        b"terms:\n  - term: A\n    aliases: [Be]\n    short: a\n  - term: C\n"
        b"    aliases: [be]\n    short: c\n",
    )
    message = _assert_one_line_error(
        run_cli(capsys, "render", "stalingrado", "--glossary", glossary), glossary, 5
    )
    assert "'be' is already a term or alias of 'A' (line 2)" in message


def test_extra_glossary_clashing_with_bundled_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A second glossary defining a bundled term again is refused, naming both."""
    glossary = _write(tmp_path / "mine.yaml", b"terms:\n  - term: Volga\n    short: x\n")
    message = _assert_one_line_error(
        run_cli(capsys, "render", "stalingrado", "--glossary", glossary), glossary, 2
    )
    assert "(segunda-guerra:" in message


def test_bundled_glossary_given_again_is_used_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The text's own glossary passed again with ``--glossary`` (by any spelling of its
    path) is the same file: no "already a term" error, same output."""
    monkeypatch.chdir(tmp_path)
    plain = run_cli(capsys, "render", "stalingrado")
    again = run_cli(capsys, "render", "stalingrado", "--glossary", BUNDLED_GLOSSARY)
    assert again.code == 0, again.err
    assert again.out == plain.out


def test_bad_width(capsys: pytest.CaptureFixture[str]) -> None:
    """A width too narrow to lay out is a one-line error, exit 2."""
    result = run_cli(capsys, "render", "stalingrado", "--width", "5")
    assert result.code == 2
    assert result.err_lines == ["reader: --width: must be at least 20"]


def test_render_plain_text_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """``reader render notes.txt`` works: paragraphs, no Markdown, exit 0."""
    text = _write(tmp_path / "notes.txt", b"# one\n\ntwo\nthree\n")
    result = run_cli(capsys, "render", text)
    assert result.code == 0, result.err
    assert result.out == "notes\n━━━━━\n\n# one\n\ntwo three\n"


def test_render_warns_about_missing_named_glossary(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A glossary named in front matter but not found is a warning; the text renders."""
    text = _write(tmp_path / "t.md", b"---\nglossary: [nenhum]\n---\nTexto.\n")
    result = run_cli(capsys, "render", text)
    assert result.code == 0
    assert result.err_lines == [f"reader: {text}: warning: glossary 'nenhum' not found"]
    assert "Texto." in result.out


def test_python_dash_m_reader_renders(tmp_path: Path) -> None:
    """``python -m reader render stalingrado`` is the same command, from any directory."""
    result = subprocess.run(
        [sys.executable, "-m", "reader", "render", "stalingrado"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[:2] == ["A Batalha de Stalingrado", "━" * len("A Batalha de Stalingrado")]
    assert "Notas" in lines


# --- global options before or after the subcommand ------------------------------------------

_KALACH = b"terms:\n  - term: Kalach\n    short: Uma cidade.\n"
_DON = b"terms:\n  - term: Don\n    short: Um rio.\n"


def _extra_glossaries(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Two glossaries and a text (with no glossary of its own) that names both terms."""
    kalach = _write(tmp_path / "kalach.yaml", _KALACH)
    don = _write(tmp_path / "don.yaml", _DON)
    text = _write(tmp_path / "t.md", b"O cerco fechou-se em Kalach, no Don.\n")
    return kalach, don, text


def _argv(before: bool, option: Sequence[str | Path], *command: str | Path) -> list[str | Path]:
    """``OPTION COMMAND ARGS`` or ``COMMAND ARGS OPTION``."""
    return [*option, *command] if before else [*command, *option]


_SIDES = pytest.mark.parametrize("before", [True, False], ids=["before", "after"])


@_SIDES
def test_glossary_option_before_or_after_render(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, before: bool
) -> None:
    """``reader --glossary G render T`` is ``reader render T --glossary G``: the term is
    linked and its note printed."""
    kalach, _, text = _extra_glossaries(tmp_path)
    result = run_cli(capsys, *_argv(before, ("--glossary", kalach), "render", text))
    assert result.code == 0, result.err
    assert "Uma cidade." in result.out
    assert "Um rio." not in result.out


def test_glossary_option_on_both_sides_keeps_both(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``--glossary`` repeated before and after the subcommand adds every glossary given."""
    kalach, don, text = _extra_glossaries(tmp_path)
    result = run_cli(capsys, "--glossary", kalach, "render", text, "--glossary", don)
    assert result.code == 0, result.err
    assert "Uma cidade." in result.out and "Um rio." in result.out


@_SIDES
def test_glossary_option_before_or_after_check(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, before: bool
) -> None:
    """``reader check`` checks a text against a glossary given on either side: a term the
    text never mentions is reported at the glossary's line."""
    kalach, _, _ = _extra_glossaries(tmp_path)
    text = _write(tmp_path / "outro.md", b"Nada a ver.\n")
    result = run_cli(capsys, *_argv(before, ("--glossary", kalach), "check", text))
    assert result.code == 0
    assert result.out.splitlines() == [f"{kalach}:2: warning: 'Kalach' is never mentioned in outro"]


@_SIDES
def test_glossary_option_before_or_after_lookup_and_glossary(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, before: bool
) -> None:
    """``reader lookup`` and ``reader glossary`` see a glossary given on either side."""
    kalach, _, _ = _extra_glossaries(tmp_path)
    lookup = run_cli(capsys, *_argv(before, ("--glossary", kalach), "lookup", "kalach"))
    assert lookup.code == 0, lookup.err
    assert lookup.out.splitlines()[0] == "Kalach"
    listing = run_cli(capsys, *_argv(before, ("--glossary", kalach), "glossary"))
    assert listing.code == 0, listing.err
    assert "Kalach" in listing.out.splitlines()


@pytest.mark.parametrize(
    "argv",
    [
        ["--data-dir", "D", "t.md"],
        ["t.md", "--data-dir", "D"],
        ["--data-dir=D", "t.md"],
        ["--data", "D", "t.md"],  # argparse's abbreviations
    ],
)
def test_tui_takes_global_options_before_or_after_the_path(argv: list[str]) -> None:
    """``reader [OPTIONS] PATH [OPTIONS]`` opens PATH: an option's value before it is not
    taken for the text or for a subcommand."""
    args = parse_arguments(argv)
    assert (args.command, args.path, args.data_dir) == ("open", "t.md", Path("D"))


def _parsed(argv: list[str], *names: str) -> tuple[object, ...]:
    """The named attributes of ``reader ARGV`` as parsed (nothing is run)."""
    args = parse_arguments(argv)
    return tuple(getattr(args, name) for name in names)


def test_tui_parsing() -> None:
    """No arguments: the TUI with no path (the text read last); ``--glossary`` on both sides
    of the path adds both; ``--marks``; ``--`` makes even a command's name a path; a
    data folder named like a command is a data folder, not the command."""
    fields = ("command", "path", "glossary", "data_dir", "marks")
    assert _parsed([], *fields) == ("open", None, [], None, None)  # None: the settings say
    assert _parsed(
        ["--glossary", "a.yaml", "--marks", "all", "t.md", "--glossary", "b"], *fields
    ) == (
        "open",
        "t.md",
        [Path("a.yaml"), Path("b")],
        None,
        "all",
    )
    assert _parsed(["--", "render"], "command", "path") == ("open", "render")
    assert _parsed(["--data-dir", "render"], "command", "path", "data_dir") == (
        "open",
        None,
        Path("render"),
    )
    assert _parsed(["--data-dir", "D", "render", "t.md"], "command", "path", "data_dir") == (
        "render",
        "t.md",
        Path("D"),
    )


def test_help_lists_the_subcommands(capsys: pytest.CaptureFixture[str]) -> None:
    """``reader --help`` is the TUI's usage, naming every subcommand; exit 0."""
    with pytest.raises(SystemExit) as caught:
        main(["--help"])
    assert caught.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert out.startswith("usage: reader [-h]")
    assert "Subcommands: render, lookup, check, glossary, glossaries, bookmarks" in out


def test_start_up_imports_only_the_parsers() -> None:
    """Parsing a command line loads neither Textual nor the heavy layers (each command
    imports those when it runs), and ``reader render`` never loads the bookmark store."""
    code = (
        "import sys; from reader.cli.main import main, parse_arguments; "
        "parse_arguments(['bookmarks', 'list']); parse_arguments(['t.md']); "
        "heavy = ('textual', 'reader.ui', 'reader.layout', 'reader.userdata', 'reader.index', "
        "'reader.pipeline'); "
        "assert not [m for m in sys.modules if m.startswith(heavy)], sorted(sys.modules); "
        "assert main(['render', 'stalingrado']) == 0; "
        "assert not [m for m in sys.modules if m.startswith(heavy[:2] + ('reader.userdata',))]"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "stalingrado"],
        ["check", "segunda-guerra"],
        ["render", "stalingrado"],
        ["lookup", "Volga", "--in", "stalingrado"],
        ["glossary", "--in", "stalingrado"],
        ["bookmarks", "add", "stalingrado", "--quote", "Rio Volga"],
        ["bookmarks", "list", "stalingrado"],
    ],
)
def test_every_path_argument_takes_a_bundled_name(
    argv: list[str],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A bundled text's name works wherever a text is taken, as with ``reader [PATH]``,
    and ``check`` takes a bundled glossary's name too (from a folder where no file has
    that name)."""
    monkeypatch.chdir(tmp_path)
    result = run_cli(capsys, *argv, "--data-dir", tmp_path / "data")
    assert result.code == 0, result.err
    assert "no such file" not in result.err + result.out


def test_check_names_a_bundled_text_by_its_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``reader check stalingrado`` checks the bundled article, one file, clean: the
    full check's one warning is about the glossary file itself, not checked here."""
    monkeypatch.chdir(tmp_path)
    result = run_cli(capsys, "check", "stalingrado")
    assert result.out == ""
    assert result.err_lines == ["checked 1 file: 0 errors, 0 warnings"]


def test_counts_are_written_the_english_way(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The interface is English: 1,200, not "1 200" or "1200" (one helper for every
    count; a language parameter for the interfaces to come)."""
    from reader.document.model import Metadata
    from reader.text.strings import format_count
    from reader.ui.panels.context import about_lines

    assert [format_count(n) for n in (0, 999, 1893, 1234567)] == [
        "0",
        "999",
        "1,893",
        "1,234,567",
    ]
    assert format_count(1893, "en-GB") == "1,893"
    assert "1,893 words" in about_lines(Metadata("T"), 1893)
    text = tmp_path / "muitos.md"
    text.write_text(
        "---\nlanguage: pt\nglossary: [segunda-guerra]\n---\n" + "O Volga corre.\n\n" * 1200,
        encoding="utf-8",
    )
    listing = run_cli(capsys, "glossary", "--in", text)
    assert "Rio Volga (Volga): 1,200" in listing.out.splitlines()
    lookup = run_cli(capsys, "lookup", "Volga", "--in", text)
    assert f"\nMentioned 1,200 times in {text}:\n" in lookup.out


def test_output_cut_short_by_the_reader_of_the_pipe_is_not_a_traceback() -> None:
    """`reader glossary | head -1`: the reading end of the pipe is gone; the command stops
    quietly with 141 (as a shell reports SIGPIPE), not with a BrokenPipeError traceback.
    The read end is closed before the command starts, so its first write always fails."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "reader", "glossary"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)
    assert done.stderr == ""
    assert done.returncode == 141
