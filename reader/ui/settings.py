"""The settings in the app: what it starts with, and each change written back.

The app is given the settings as the command line loaded them (:class:`Loaded`); the
theme picked in the palette, the measure ``w`` steps to and the justification ``W``
switches to are written back to ``settings.toml`` at once, the user's comments kept
(:func:`reader.settings.write_setting`). A file that is bad is never written
over: the reader is told once, and the change holds for this session only.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.settings import (
    Choices,
    Loaded,
    SettingNotSaved,
    Settings,
    write_setting,
)
from reader.text.i18n import _
from reader.ui.keymap import clashes, key_ids
from reader.ui.themes import THEMES

Notify = Callable[[str], None]
"""Shows one line to the reader (a warning notification)."""


def ui_choices() -> Choices:
    """The names a settings file is checked against: the themes offered, the binding ids
    (and which keys of a keymap would clash)."""
    return Choices(themes=THEMES, key_ids=frozenset(key_ids()), key_clashes=clashes)


class AppSettings:
    """The settings in force in one run of the app, and the way to change one."""

    def __init__(self, loaded: Loaded | None = None) -> None:
        self.loaded = loaded or Loaded()
        """The settings as loaded, with each change made since."""
        self._told: set[str] = set()

    @property
    def current(self) -> Settings:
        """The values in force now."""
        return self.loaded.settings

    def problems(self) -> list[str]:
        """What was wrong with the file, one line each, for notifications."""
        return [str(problem) for problem in self.loaded.problems]

    def change(self, name: str, value: str | int, notify: Notify) -> None:
        """Set ``name`` to ``value`` now and in the file; if the file cannot take it,
        say why (once per reason) and keep it for this session only."""
        if getattr(self.current, name) == value:
            return
        path = self.loaded.path
        self.loaded = self.loaded.changed(name, value, str(path) if path else _("the app"))
        if path is None:
            return  # nothing is kept between sessions (tests, a data-less run)
        try:
            write_setting(path, name, value, ui_choices())
        except SettingNotSaved as error:
            message = _("{reason} (kept until you quit)").format(reason=error)
            if message not in self._told:
                self._told.add(message)
                notify(message)
