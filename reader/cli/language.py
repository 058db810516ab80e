"""The language a ``reader`` run speaks, chosen before anything is printed.

``--help`` is written by argparse before any command reads the settings, so the
``language`` setting is read here first, cheaply (stdlib ``tomllib``, only that key; the
full settings, with their ``file:line`` problems, are read later by the commands that use
them). argparse's own words ("usage:", "options:") are its module's ``_`` and
``ngettext``, looked up when help and errors are written: they are pointed at our
catalog of argparse's messages, in the language chosen.
"""

from __future__ import annotations

import argparse
import tomllib
from collections.abc import Sequence
from pathlib import Path

import platformdirs

from reader.text.i18n import (
    InterfaceLanguage,
    argparse_gettext,
    argparse_ngettext,
    language_from_environment,
    set_language,
)

SETTINGS_FOLDER = "rodape"
"""The same folder as :func:`reader.settings.default_settings_path` (a test keeps them
equal); not imported from there, which would load tomlkit for every command."""


def choose_language(arguments: Sequence[str]) -> InterfaceLanguage:
    """Set (and return) the run's language: the ``language`` setting of the settings file
    (``--config FILE`` in ``arguments``, else the default), else the environment's; and
    make argparse speak it."""
    setting = language_setting(settings_file(arguments))
    language: InterfaceLanguage = language_from_environment()
    if setting == "en":
        language = "en"
    elif setting == "pt-BR":
        language = "pt-BR"
    set_language(language)
    translate_argparse()
    return language


def translate_argparse() -> None:
    """argparse's help and errors through our catalog of its messages."""
    argparse._ = argparse_gettext  # type: ignore[attr-defined]
    argparse.ngettext = argparse_ngettext  # type: ignore[attr-defined]


def settings_file(arguments: Sequence[str]) -> Path:
    """The file ``--config FILE`` (or ``--config=FILE``) names, else the default one."""
    remaining = iter(arguments)
    for argument in remaining:
        if argument == "--":
            break
        if argument == "--config":
            given = next(remaining, None)
            if given is not None:
                return Path(given).expanduser()
        elif argument.startswith("--config="):
            return Path(argument.removeprefix("--config=")).expanduser()
    folder = platformdirs.user_config_dir(SETTINGS_FOLDER, appauthor=False)
    return Path(folder) / "settings.toml"


def language_setting(path: Path) -> str:
    """The file's ``language`` value; ``"auto"`` when there is none, or no readable file
    (what is wrong with it is said later, by the commands that read the settings)."""
    try:
        with path.open("rb") as stream:
            value = tomllib.load(stream).get("language", "auto")
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return "auto"
    return value if isinstance(value, str) else "auto"
