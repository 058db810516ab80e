"""The interface's language: how it is chosen, numbers and dates in it, and the CLI's
``--help`` (argparse's own words included) speaking it."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from reader.cli.language import SETTINGS_FOLDER, choose_language, settings_file
from reader.cli.main import main
from reader.settings import APP_NAME, default_settings_path
from reader.text import i18n
from reader.text.i18n import _, ngettext
from reader.text.strings import format_count


def test_english_is_the_source_and_portuguese_the_translation() -> None:
    assert _("Bookmarks") == "Bookmarks"
    i18n.set_language("pt-BR")
    assert _("Bookmarks") == "Marcadores"
    assert _("Glossary") == "Glossário"
    assert _("a message nobody wrote") == "a message nobody wrote"


def test_plurals_follow_the_language() -> None:
    forms = ("{errors} error", "{errors} errors")
    assert [ngettext(*forms, n).format(errors=n) for n in (0, 1, 2)] == [
        "0 errors",
        "1 error",
        "2 errors",
    ]
    i18n.set_language("pt-BR")
    assert [ngettext(*forms, n).format(errors=n) for n in (0, 1, 2)] == [
        "0 erro",
        "1 erro",
        "2 erros",
    ]


def test_numbers_and_dates_follow_the_language() -> None:
    assert format_count(1893) == "1,893"
    assert i18n.format_number(2.5, 1) == "2.5"
    assert i18n.format_date(date(2026, 3, 9)) == "2026-03-09"
    i18n.set_language("pt-BR")
    assert format_count(1893) == "1.893"
    assert format_count(1234567) == "1.234.567"
    assert i18n.format_number(2.5, 1) == "2,5"
    assert i18n.format_date(date(2026, 3, 9)) == "09/03/2026"
    assert i18n.format_date(datetime(2026, 3, 9, 14, 5)) == "09/03/2026 14:05"
    assert format_count(1893, "en") == "1,893"  # a text's own language still counts


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({"LANG": "pt_BR.UTF-8"}, "pt-BR"),
        ({"LANG": "pt_PT.UTF-8"}, "pt-BR"),
        ({"LANGUAGE": "pt_BR:en", "LANG": "C"}, "pt-BR"),
        ({"LC_ALL": "C.UTF-8", "LANG": "pt_BR.UTF-8"}, "en"),
        ({"LC_MESSAGES": "pt_BR.UTF-8"}, "pt-BR"),
        ({"LANG": "C"}, "en"),
        ({}, "en"),
    ],
)
def test_the_environment_picks_the_language(environ: dict[str, str], language: str) -> None:
    assert i18n.language_from_environment(environ) == language


def test_the_setting_comes_before_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "pt_BR")
    settings = tmp_path / "settings.toml"
    settings.write_text('language = "en"\n', encoding="utf-8")
    assert choose_language(["--config", str(settings), "render", "x"]) == "en"
    settings.write_text('language = "auto"\n', encoding="utf-8")
    assert choose_language([f"--config={settings}"]) == "pt-BR"
    monkeypatch.setenv("LANGUAGE", "en")
    settings.write_text('language = "pt-BR"\n', encoding="utf-8")
    assert choose_language(["--config", str(settings)]) == "pt-BR"
    settings.write_text("language = [not toml\n", encoding="utf-8")
    assert choose_language(["--config", str(settings)]) == "en"  # said later, by the command


def test_the_settings_file_is_the_settings_own() -> None:
    assert SETTINGS_FOLDER == APP_NAME
    assert settings_file([]) == default_settings_path()


def help_of(capsys: pytest.CaptureFixture[str], *arguments: str) -> str:
    with pytest.raises(SystemExit) as done:
        main([*arguments, "--help"])
    assert done.value.code == 0
    return capsys.readouterr().out


def test_help_in_portuguese(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "pt_BR")
    shown = help_of(capsys)
    assert shown.startswith("uso: reader [-h]") and "[CAMINHO]" in shown
    assert "opções:" in shown and "Subcomandos: render" in shown
    assert "mostra esta ajuda e sai" in shown
    assert "Lê um texto no terminal" in shown
    assert "acrescenta um arquivo de glossário" in shown
    for english in ("usage:", "options:", "show this help", "positional arguments"):
        assert english not in shown
    render = help_of(capsys, "render")
    assert "argumentos posicionais:" in render and "largura da linha" in render


def test_help_in_english(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "")
    monkeypatch.setenv("LANG", "C")
    shown = help_of(capsys)
    assert shown.startswith("usage: reader [-h]") and "[PATH]" in shown
    assert "show this help message and exit" in shown and "Subcommands: render" in shown


def test_usage_errors_in_portuguese(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "pt_BR")
    with pytest.raises(SystemExit) as done:
        main(["render", "--marks", "none", "x"])
    assert done.value.code == 2
    error = capsys.readouterr().err
    assert "reader render: erro: argumento --marks: opção inválida: 'none'" in error


def test_core_messages_in_portuguese(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A problem the CLI prints is Portuguese too."""
    monkeypatch.setenv("LANGUAGE", "pt_BR")
    assert main(["render", "--width", "3", str(tmp_path / "x.md")]) == 2
    assert capsys.readouterr().err == "reader: --width: deve ser pelo menos 20\n"


def test_settings_problems_in_portuguese(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The settings say in the file that they are Portuguese, and so are its problems."""
    monkeypatch.setenv("LANGUAGE", "en")
    settings = tmp_path / "settings.toml"
    settings.write_text('language = "pt-BR"\nwidth = "wide"\n', encoding="utf-8")
    assert main(["config", "--config", str(settings)]) == 2  # a problem in the file
    captured = capsys.readouterr()
    assert (
        f'reader: {settings}:2: width: deve ser um número inteiro de 20 a 400 ou "full", '
        'não "wide"; usando o padrão\n'
    ) == captured.err
    assert "# As configurações em vigor; o arquivo:" in captured.out
    assert 'justify = "ragged"          # padrão' in captured.out


def test_a_problem_says_warning_in_the_language() -> None:
    from reader.text.errors import Problem, ReaderError, Severity

    warning = Problem("a.md", "x", 3, severity=Severity.WARNING)
    error = ReaderError.of([Problem("a.md", "x"), warning, warning])
    assert str(warning) == "a.md:3: warning: x"
    assert str(error) == "a.md: x (and 2 more problems)"
    i18n.set_language("pt-BR")
    assert str(warning) == "a.md:3: aviso: x"
    assert str(error) == "a.md: x (e mais 2 problemas)"
