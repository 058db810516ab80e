"""``reader config``: the settings in force and where each came from; ``config path`` and
``config keys``; and ``reader render`` set as the settings say."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core_helpers import run_cli

SETTINGS = """\
# mine
theme = "papel"

width = 60
[keys]
glossary = "G"
"""


def _file(tmp_path: Path, text: str = SETTINGS) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_config_path_is_in_the_user_config_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    result = run_cli(capsys, "config", "path")
    assert (result.code, result.out, result.err) == (
        0,
        f"{tmp_path / 'xdg' / 'rodape' / 'settings.toml'}\n",
        "",
    )
    mine = tmp_path / "mine.toml"
    assert run_cli(capsys, "--config", mine, "config", "path").out == f"{mine}\n"
    assert run_cli(capsys, "config", "path", "--config", mine).out == f"{mine}\n"


def test_config_with_no_file_prints_the_defaults(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    result = run_cli(capsys, "--config", tmp_path / "none.toml", "config")
    assert result.code == 0
    assert result.err == ""
    lines = result.out.splitlines()
    assert lines[0].endswith("(not there yet: every value is the default)")
    assert lines[1:7] == [
        'theme = "textual-dark"      # default',
        "width = 72                  # default",
        'justify = "ragged"          # default',
        'marks = "first"             # default',
        "reading_speed = 230         # default",
        'language = "auto"           # default; the interface in en',
    ]
    assert lines[7:] == ["", "[keys]", "# none moved: every key as `reader config keys` lists it"]


def test_config_says_where_each_value_came_from(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _file(tmp_path)
    result = run_cli(capsys, "config", "--config", path, "--marks", "all")
    assert result.code == 0
    assert result.err == ""
    assert f'theme = "papel"             # {path}:2' in result.out.splitlines()
    assert f"width = 60                  # {path}:4" in result.out.splitlines()
    assert 'marks = "all"               # command line' in result.out.splitlines()
    assert 'justify = "ragged"          # default' in result.out.splitlines()
    assert f'glossary = "G"              # {path}:6' in result.out.splitlines()


def test_config_of_a_bad_file_is_a_line_per_problem_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _file(tmp_path, 'theme = "papel"\nwidth = "wide"\n[keys]\nnope = "x"\n')
    result = run_cli(capsys, "--config", path, "config")
    assert result.code == 2
    assert result.err_lines == [
        f'reader: {path}:2: width: must be a whole number from 20 to 400 or "full", not '
        '"wide"; using the default',
        f"reader: {path}:4: warning: no key has the id 'nope' (`reader config keys` lists "
        "them); ignored",
    ]
    assert "width = 72                  # default" in result.out.splitlines()
    assert "papel" in result.out  # the good values are used


def test_config_of_a_file_with_warnings_only_exits_0(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _file(tmp_path, "widht = 60\n")
    result = run_cli(capsys, "--config", path, "config")
    assert result.code == 0
    assert result.err_lines == [
        f"reader: {path}:1: warning: unknown setting 'widht' (the settings are theme, "
        "width, justify, marks, reading_speed, language, keys)"
    ]


def test_config_keys_lists_every_binding_id_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from reader.ui.keymap import key_ids

    path = _file(tmp_path)
    result = run_cli(capsys, "--config", path, "config", "keys")
    assert result.code == 0
    rows = [line for line in result.out.splitlines() if not line.startswith("#")]
    assert sorted(row.split(" = ")[0] for row in rows) == sorted(key_ids())
    assert f'glossary = "G"              # Glossary (reading); {path}:6' in rows
    assert 'measure = "w"               # Width (article)' in rows


def test_render_is_set_as_the_settings_say(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _file(tmp_path, 'width = 40\njustify = "justified"\nmarks = "all"\n')
    ragged = run_cli(capsys, "render", "stalingrado", "--width", "40").out.splitlines()
    result = run_cli(capsys, "--config", path, "render", "stalingrado")
    assert result.code == 0
    assert result.err == ""
    lines = result.out.splitlines()
    assert max(len(line) for line in lines[:40]) == 40
    assert any("  " in line.strip() for line in lines[:40])  # justified
    assert not any("  " in line.strip() for line in ragged[:40])
    assert result.out.count("Wehrmacht¹⁰") > 1  # marks = "all": after every occurrence
    narrow = run_cli(capsys, "--config", path, "render", "stalingrado", "--width", "30")
    assert max(len(line) for line in narrow.out.splitlines()[:40]) == 30  # the command line wins


def test_render_says_what_is_wrong_with_the_settings_and_goes_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _file(tmp_path, "width = 5\n")
    result = run_cli(capsys, "--config", path, "render", "stalingrado")
    assert result.code == 0
    assert result.err_lines == [
        f'reader: {path}:1: width: must be a whole number from 20 to 400 or "full", not 5; '
        "using the default"
    ]
    assert max(len(line) for line in result.out.splitlines()) <= 72


def test_commands_that_use_no_settings_do_not_read_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _file(tmp_path, "width = \n")
    result = run_cli(capsys, "--config", path, "lookup", "Volga")
    assert result.code == 0
    assert result.err == ""
