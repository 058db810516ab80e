"""``reader config``: the settings in force and where each came from; ``reader config
path``, where the settings file is; ``reader config keys``, every key's binding id.

The settings are printed as TOML, each with a comment saying where it came from (the
default, ``FILE:LINE``, the command line), so a line can be copied into the file as it is.
Problems with the file are one line each on stderr; a bad value (an error) gives exit
status 2, so the command doubles as a check of the file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from reader.cli.options import add_marks_option
from reader.text.errors import Severity
from reader.text.i18n import N_, _

if TYPE_CHECKING:
    from reader.settings import Loaded

NAME = "config"
HELP = N_("print the settings in force and where each came from; `config path`: the file")
DESCRIPTION = N_(
    "Print the settings in force, each with where it came from (default, FILE:LINE or the "
    "command line); `reader config path` prints where the settings file is (whether or not "
    "it exists yet), `reader config keys` every key's binding id for the [keys] table."
)

COMMENT_COLUMN = 28
"""Where the origin comments start, so they line up."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``[path | keys]`` and ``--marks`` (to see what ``reader --marks all`` would use)."""
    parser.add_argument(
        "what",
        nargs="?",
        choices=("path", "keys"),
        help=_("path: the settings file's path; keys: the binding ids and their keys"),
    )
    add_marks_option(parser)


def run(args: argparse.Namespace) -> int:
    """Print what was asked; exit 2 if the settings file has an error, else 0."""
    from reader.cli.configured import command_settings
    from reader.settings import settings_path
    from reader.ui.settings import ui_choices

    if args.what == "path":
        print(settings_path(args.config))
        return 0
    loaded = command_settings(args, ui_choices(), marks=args.marks)
    what = args.what
    lines = _keys(loaded.settings.keys, loaded.origin) if what == "keys" else _settings(loaded)
    sys.stdout.write("".join(f"{line}\n" for line in lines))
    bad = any(problem.severity is Severity.ERROR for problem in loaded.problems)
    return 2 if bad else 0


def _settings(loaded: Loaded) -> list[str]:
    """Every setting as a TOML line, with where its value came from."""
    from reader.settings import OPTIONS, interface_language
    from reader.text.sanitize import visible_line

    settings = loaded.settings
    path = loaded.path
    state = _("not there yet: every value is the default") if path and not path.exists() else ""
    shown = visible_line(str(path))
    lines = [
        "# "
        + _("The settings in force; the file: {file}").format(file=shown)
        + (f" ({state})" if state else "")
    ]
    for option in OPTIONS:
        if option.name == "keys":
            continue
        origin = _origin_shown(loaded.origin(option.name))
        if option.name == "language":
            origin += "; " + _("the interface in {language}").format(
                language=interface_language(settings)
            )
        lines.append(_commented(f"{option.name} = {_toml(getattr(settings, option.name))}", origin))
    lines += ["", "[keys]"]
    if not settings.keys:
        lines.append("# " + _("none moved: every key as `reader config keys` lists it"))
    for identifier, keys in settings.keys.items():
        origin = _origin_shown(loaded.origin(f"keys.{identifier}"))
        lines.append(_commented(f"{identifier} = {_toml(keys)}", origin))
    return lines


def _origin_shown(origin: str) -> str:
    """Where a value came from, as the interface says it ("default", "command line" in
    its language; a file:line as it is)."""
    from reader.settings import COMMAND_LINE, DEFAULT

    words = {DEFAULT: _("default"), COMMAND_LINE: _("command line")}
    return words.get(origin, origin)


def _keys(moved: Mapping[str, str], origin: Callable[[str], str]) -> list[str]:
    """Every binding id once, with its keys (moved ones as the settings move them), what
    it does, and where it works."""
    from reader.ui.keymap import KEYS

    lines = ["# " + _("Every binding id, for the [keys] table of settings.toml: id = keys")]
    seen: set[str] = set()
    for key in KEYS:
        if key.id in seen:
            continue
        seen.add(key.id)
        keys = moved.get(key.id, key.keys)
        note = f"{_(key.description)} ({key.scope.value})"
        where = origin(f"keys.{key.id}")
        if where != "default":
            note += f"; {_origin_shown(where)}"
        lines.append(_commented(f"{key.id} = {_toml(keys)}", note))
    return lines


def _commented(line: str, comment: str) -> str:
    """``line`` with ``comment`` after it, shown as text (a path may hold anything)."""
    from reader.text.sanitize import visible_line

    return visible_line(f"{line.ljust(COMMENT_COLUMN - 1)} # {comment}")


def _toml(value: object) -> str:
    """A value as TOML writes it (JSON's string escapes are TOML's)."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)
