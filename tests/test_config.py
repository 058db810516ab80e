"""settings.toml: defaults, one ``file:line`` line per bad value, written back with the
user's comments and order kept, never written over while bad."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reader.index.progress import WORDS_PER_MINUTE
from reader.settings import (
    COMMAND_LINE,
    DEFAULT_READING_SPEED,
    Choices,
    SettingNotSaved,
    Settings,
    interface_language,
    load_settings,
    settings_path,
    write_setting,
)
from reader.settings.lines import key_lines
from reader.text.errors import Severity

CHOICES = Choices(themes=("textual-dark", "papel"), key_ids=("glossary", "quit"))

USER_FILE = """\
# My reading setup.
theme = "papel"   # warm, for the evening

# The measure I like.
width = 60
justify = "justified"

[keys]
# g is too close to h
glossary = "G"
"""


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_means_the_defaults(tmp_path: Path) -> None:
    loaded = load_settings(tmp_path / "settings.toml", CHOICES)
    assert loaded.settings == Settings()
    assert loaded.problems == ()
    assert loaded.writable
    assert {loaded.origin(name) for name in ("theme", "width", "keys")} == {"default"}
    assert load_settings(None).settings == Settings()
    assert not load_settings(None).writable  # nowhere to write


def test_the_defaults() -> None:
    assert Settings() == Settings(
        theme="textual-dark",
        width=72,
        justify="ragged",
        marks="first",
        reading_speed=230,
        language="auto",
        keys={},
    )
    assert DEFAULT_READING_SPEED == WORDS_PER_MINUTE


def test_a_file_is_read_with_where_each_value_came_from(tmp_path: Path) -> None:
    path = _file(tmp_path, USER_FILE)
    loaded = load_settings(path, CHOICES)
    assert loaded.problems == ()
    assert loaded.settings.theme == "papel"
    assert loaded.settings.width == 60
    assert loaded.settings.justify == "justified"
    assert loaded.settings.keys == {"glossary": "G"}
    assert loaded.origin("theme") == f"{path}:2"
    assert loaded.origin("width") == f"{path}:5"
    assert loaded.origin("keys.glossary") == f"{path}:10"
    assert loaded.origin("marks") == "default"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('theme = "solarizado"', 'theme: no theme is called "solarizado"'),
        ('marks = "none"', 'marks: must be one of "first" or "all", not "none"'),
        ("theme = 3", "theme: must be a theme's name, not 3"),
        ("width = 5", 'width: must be a whole number from 20 to 400 or "full", not 5'),
        ('width = "wide"', 'width: must be a whole number from 20 to 400 or "full", not "wide"'),
        ("width = true", 'width: must be a whole number from 20 to 400 or "full", not true'),
        ('justify = "centre"', 'justify: must be one of "ragged" or "justified", not "centre"'),
        ("reading_speed = 0", "reading_speed: must be a whole number from 50 to 2000, not 0"),
        ('language = "fr"', 'language: must be one of "auto", "en" or "pt-BR", not "fr"'),
        ('keys = "G"', 'keys: must be a table of binding id = keys, not "G"'),
        ("keys.glossary = 7", 'keys.glossary: must be keys such as "G" or "ctrl+g,G", not 7'),
        ('keys.glossary = "ctrl g"', "keys.glossary: keys are names without spaces"),
        ('keys.glossary = "\\u009b31m"', "keys.glossary: keys are names without spaces"),
        ("theme = 1979-05-27", "theme: must be a theme's name, not a date"),
    ],
)
def test_each_bad_value_is_one_line_naming_file_and_line(
    tmp_path: Path, line: str, message: str
) -> None:
    name = line.split("=")[0].strip().split(".")[0]
    good, value = ("marks", "all") if name == "reading_speed" else ("reading_speed", 300)
    path = _file(tmp_path, f"# settings\n{good} = {value!r}\n\n{line}\n".replace("'", '"'))
    loaded = load_settings(path, CHOICES)
    assert len(loaded.problems) == 1
    shown = str(loaded.problems[0])
    assert shown.startswith(f"{path}:4: {message}")
    assert "\n" not in shown
    assert not loaded.writable  # a bad file is never written over
    assert getattr(loaded.settings, good) == value  # what is good is still used
    assert getattr(loaded.settings, name) == getattr(Settings(), name)


def test_a_file_that_is_not_toml_names_line_and_column(tmp_path: Path) -> None:
    path = _file(tmp_path, 'theme = "papel"\nwidth = \n')
    loaded = load_settings(path, CHOICES)
    assert [str(problem) for problem in loaded.problems] == [
        f"{path}:2:9: not valid TOML: a value is missing after =; using the defaults"
    ]
    assert loaded.settings == Settings()
    assert not loaded.writable


def test_a_file_that_is_not_text_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b'theme = "p\xe9"\n')
    (problem,) = load_settings(path, CHOICES).problems
    assert str(problem).startswith(f"{path}:1:")
    assert "not valid UTF-8" in str(problem)
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    (problem,) = load_settings(folder, CHOICES).problems
    assert str(problem) == f"{folder}: is a directory, not a text file; using the defaults"


def test_unknown_settings_and_binding_ids_are_warnings(tmp_path: Path) -> None:
    path = _file(tmp_path, 'widht = 60\n\n[keys]\nglosary = "G"\nquit = "Q"\n')
    loaded = load_settings(path, CHOICES)
    assert [str(problem) for problem in loaded.problems] == [
        f"{path}:1: warning: unknown setting 'widht' (the settings are theme, width, "
        "justify, marks, reading_speed, language, keys)",
        f"{path}:4: warning: no key has the id 'glosary' (`reader config keys` lists "
        "them); ignored",
    ]
    assert all(problem.severity is Severity.WARNING for problem in loaded.problems)
    assert loaded.settings.keys == {"quit": "Q"}
    assert loaded.writable  # warnings do not make a file bad


def test_hostile_text_in_a_message_is_shown_not_obeyed(tmp_path: Path) -> None:
    path = _file(tmp_path, '"\\u001b]52;c;eA==\\u0007" = 1\ntheme = "\\u001b[31m"\n')
    shown = " ".join(str(problem) for problem in load_settings(path, CHOICES).problems)
    assert "\x1b" not in shown and "\x07" not in shown


def test_command_line_values_override_and_say_so(tmp_path: Path) -> None:
    loaded = load_settings(_file(tmp_path, 'marks = "all"\n'), CHOICES).overridden(
        marks="first", width=None
    )
    assert loaded.settings.marks == "first"
    assert loaded.origin("marks") == COMMAND_LINE
    assert loaded.origin("width") == "default"


def test_key_lines_know_tables_dotted_and_quoted_keys_and_skip_long_strings() -> None:
    lines = key_lines(
        'a = """\nb = 1\n"""\nkeys.quit = "Q"\n"theme" = "x"\n[keys]\n\'page-down\' = "f"\n'
    )
    assert lines[("a",)] == 1
    assert ("b",) not in lines
    assert lines[("keys", "quit")] == 4
    assert lines[("theme",)] == 5
    assert lines[("keys",)] == 6
    assert lines[("keys", "page-down")] == 7


# Writing back -----------------------------------------------------------------------------


def test_a_change_is_written_back_with_comments_and_order_kept(tmp_path: Path) -> None:
    path = _file(tmp_path, USER_FILE)
    assert write_setting(path, "width", 88, CHOICES)
    assert write_setting(path, "theme", "textual-dark", CHOICES)
    assert path.read_text(encoding="utf-8") == USER_FILE.replace("60", "88").replace(
        '"papel"', '"textual-dark"'
    )
    assert not write_setting(path, "width", 88, CHOICES)  # already so: nothing written


def test_a_new_setting_goes_before_the_tables(tmp_path: Path) -> None:
    path = _file(tmp_path, USER_FILE)
    write_setting(path, "justify", "ragged", CHOICES)
    write_setting(path, "marks", "all", CHOICES)  # not in the file yet
    text = path.read_text(encoding="utf-8")
    assert text.index('marks = "all"') < text.index("[keys]")
    assert load_settings(path, CHOICES).settings.keys == {"glossary": "G"}
    assert "# g is too close to h" in text


def test_the_file_is_made_when_there_is_none(tmp_path: Path) -> None:
    path = tmp_path / "config" / "rodape" / "settings.toml"
    write_setting(path, "theme", "papel", CHOICES)
    assert path.read_text(encoding="utf-8").splitlines()[-1] == 'theme = "papel"'
    assert path.read_text(encoding="utf-8").startswith("# ")
    assert load_settings(path, CHOICES).settings.theme == "papel"


@pytest.mark.parametrize(
    "text", ['theme = "papel"\nwidth = \n', "width = 5\n", 'justify = "centre"\n']
)
def test_a_bad_file_is_never_written_over(tmp_path: Path, text: str) -> None:
    path = _file(tmp_path, text)
    with pytest.raises(SettingNotSaved) as caught:
        write_setting(path, "theme", "textual-dark", CHOICES)
    assert str(caught.value).startswith(f"{path}:")
    assert "not saved" in str(caught.value)
    assert path.read_text(encoding="utf-8") == text


def test_an_edit_made_while_the_reader_ran_is_kept(tmp_path: Path) -> None:
    path = _file(tmp_path, USER_FILE)
    load_settings(path, CHOICES)
    path.write_text(USER_FILE + 'marks = "all"\n', encoding="utf-8")  # the user edits it
    write_setting(path, "width", 72, CHOICES)
    loaded = load_settings(path, CHOICES)
    assert loaded.settings.width == 72
    assert loaded.settings.keys == {"glossary": "G"}


def test_a_linked_file_stays_a_link_and_keeps_its_mode(tmp_path: Path) -> None:
    real = _file(tmp_path, USER_FILE)
    real.chmod(0o600)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    write_setting(link, "width", 88, CHOICES)
    assert link.is_symlink()
    assert "width = 88" in real.read_text(encoding="utf-8")
    assert real.stat().st_mode & 0o777 == 0o600


def test_windows_line_ends_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(USER_FILE.replace("\n", "\r\n").encode("utf-8"))
    write_setting(path, "width", 88, CHOICES)
    assert path.read_bytes() == USER_FILE.replace("60", "88").replace("\n", "\r\n").encode()


# Where and which language -------------------------------------------------------------------


def test_the_file_is_in_the_user_config_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", "/somewhere/config")
    if sys.platform == "linux":
        assert settings_path() == Path("/somewhere/config/rodape/settings.toml")
    assert settings_path(Path("~/mine.toml")) == Path.home() / "mine.toml"


@pytest.mark.parametrize(
    ("setting", "environ", "language"),
    [
        ("en", {"LANG": "pt_BR.UTF-8"}, "en"),
        ("pt-BR", {}, "pt-BR"),
        ("auto", {"LANG": "pt_BR.UTF-8"}, "pt-BR"),
        ("auto", {"LANG": "pt_PT.UTF-8"}, "pt-BR"),
        ("auto", {"LANGUAGE": "pt:en", "LANG": "en_US.UTF-8"}, "pt-BR"),
        ("auto", {"LC_ALL": "en_GB.UTF-8", "LANG": "pt_BR.UTF-8"}, "en"),
        ("auto", {"LC_MESSAGES": "pt_BR", "LANG": "C.UTF-8"}, "pt-BR"),
        ("auto", {"LANG": "C.UTF-8"}, "en"),
        ("auto", {}, "en"),
    ],
)
def test_the_interface_language(setting: str, environ: dict[str, str], language: str) -> None:
    assert interface_language(setting, environ) == language  # type: ignore[arg-type]
    assert interface_language(Settings(language=setting), environ) == language  # type: ignore[arg-type]


def test_the_config_folder_is_named_as_the_data_folder() -> None:
    from reader.settings import APP_NAME
    from reader.userdata.datadir import APP_NAME as DATA_APP_NAME

    assert APP_NAME == DATA_APP_NAME


def test_the_readme_documents_every_setting_with_its_default() -> None:
    """A row of the README's Settings table per key, with the default the code has."""
    import json
    from dataclasses import fields

    from reader.settings import OPTIONS

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Settings") : readme.index("## File formats")]
    defaults = {field.name: field.default for field in fields(Settings)}
    for option in OPTIONS:
        if option.name == "keys":
            assert "| `[keys]` | none moved |" in section
            continue
        default = defaults[option.name]
        shown = json.dumps(default) if isinstance(default, str) else str(default)
        assert f"| `{option.name}` | `{shown}` |" in section, option.name
        assert f"{option.name} = {shown}" in section, option.name  # in the sample file too


def test_a_key_moved_onto_another_bindings_key_is_a_warning(tmp_path: Path) -> None:
    """A keymap that gives ``/``'s search the ``j`` that scrolls a line down left one of
    them dead without a word. It is said, with the line; keys swapped between two ids,
    or moved to a free key, are not clashes."""
    from reader.ui.settings import ui_choices

    path = _file(tmp_path, '[keys]\nquit = "Q"\nsearch = "j"\n')
    loaded = load_settings(path, ui_choices())
    assert [str(problem) for problem in loaded.problems] == [
        f"{path}:3: warning: keys.search: 'j' is also the key of line-down where search "
        "works, and only one of the two would run (`reader config keys` lists every key)"
    ]
    assert loaded.settings.keys == {"quit": "Q", "search": "j"}
    swapped = _file(tmp_path, '[keys]\nline-down = "k,up"\nline-up = "j,down"\n')
    assert load_settings(swapped, ui_choices()).problems == ()


@pytest.mark.parametrize(
    ("text", "where", "reason"),
    [
        (
            'width = 60\ntheme = "papel\nmarks = "all"\n',
            "2:15",
            "the string is not closed on its line",
        ),
        ('width = 60\n[keys]\nquit = ["q",\n', "3:1", "the file ends inside the value begun here"),
        ('theme = """papel\n', "1:1", "the file ends inside the value begun here"),
    ],
)
def test_the_usual_toml_slips_are_said_plainly(
    tmp_path: Path, text: str, where: str, reason: str
) -> None:
    """tomlkit's own words were "Control characters … use \\u000a instead" for a string
    left open, and "Unexpected character: '\\x00' at line 1 col 0" for a bracket left
    open: said for the person, at the line of the slip."""
    (problem,) = load_settings(_file(tmp_path, text), CHOICES).problems
    assert str(problem).startswith(
        f"{tmp_path / 'settings.toml'}:{where}: not valid TOML: {reason}"
    )
    assert "\\x00" not in str(problem) and "u000a" not in str(problem)
