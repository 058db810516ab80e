"""The user's settings: ``settings.toml`` in the config folder, read, checked and written
back with the user's comments kept. Pure Python, no UI.

A layer of its own just above :mod:`reader.text`, which is all it needs: every layer
above can read the settings, and a command that only lays out a text (``reader render``)
loads neither the bookmark store nor Textual for them.

Settings are what a user chooses and may write by hand (theme, measure, justification,
note marks, reading speed, language, keys); what the interface was left like (panels
open, their widths) is state, kept in the data folder (:mod:`reader.userdata.ui_state`).

* :mod:`~.options`: every key, its default and what it takes (:data:`OPTIONS`);
* :mod:`~.load`: reading the file into :class:`Loaded` (values, where each came from,
  one :class:`~reader.text.errors.Problem` per thing wrong);
* :mod:`~.write`: a value changed in the app written back (:func:`write_setting`);
* :mod:`~.lines`: where a key is in the file, for ``file:line`` messages;
* :mod:`~.language`: the interface's language (:func:`interface_language`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import platformdirs

from reader.settings.language import interface_language
from reader.settings.load import COMMAND_LINE, DEFAULT, Loaded, load_settings
from reader.settings.options import (
    DEFAULT_READING_SPEED,
    MEASURES,
    OPTIONS,
    Choices,
    Justify,
    Language,
    Settings,
    Width,
    next_measure,
)
from reader.settings.write import SettingNotSaved, write_setting

APP_NAME: Final = "rodape"
"""The reader's folder name in the user config folder (the data folder's too:
:data:`reader.userdata.datadir.APP_NAME`, which a test keeps the same)."""
SETTINGS_FILE: Final = "settings.toml"


def default_settings_path() -> Path:
    """``settings.toml`` in the platform's user config folder (not created): on Linux
    ``$XDG_CONFIG_HOME/rodape/settings.toml`` (``~/.config/rodape/settings.toml``)."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / SETTINGS_FILE


def settings_path(explicit: Path | None = None) -> Path:
    """The settings file to use: ``--config FILE`` if given, else the default."""
    return Path(explicit).expanduser() if explicit is not None else default_settings_path()


__all__ = [
    "COMMAND_LINE",
    "DEFAULT",
    "DEFAULT_READING_SPEED",
    "MEASURES",
    "OPTIONS",
    "SETTINGS_FILE",
    "Choices",
    "Justify",
    "Language",
    "Loaded",
    "SettingNotSaved",
    "Settings",
    "Width",
    "default_settings_path",
    "interface_language",
    "load_settings",
    "next_measure",
    "settings_path",
    "write_setting",
]
