"""The settings a user can write, with their defaults and what a value must be.

One table (:data:`OPTIONS`) says everything about each key of ``settings.toml``: its
default, what it accepts and what it is for, so the loader, the writer, ``reader config``
and the README's table cannot disagree. Checking is strict: a value of the wrong kind is
an error naming the key and what it takes, never a guess.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple, TypeAlias

from reader.text.i18n import _

Width: TypeAlias = int | Literal["full"]
Justify: TypeAlias = Literal["ragged", "justified"]
MarksSetting: TypeAlias = Literal["first", "all"]
Language: TypeAlias = Literal["auto", "en", "pt-BR"]

MEASURES: tuple[Width, ...] = (60, 72, 88, "full")
"""The measures ``w`` steps through, narrowest first."""
MIN_WIDTH, MAX_WIDTH = 20, 400
"""A measure in columns must be within these (narrower cannot be laid out)."""
MIN_SPEED, MAX_SPEED = 50, 2000
"""Words per minute a reading speed must be within."""
DEFAULT_THEME = "textual-dark"
DEFAULT_READING_SPEED = 230
"""Words per minute: a common estimate for adult silent reading of prose (the same as
:data:`reader.index.progress.WORDS_PER_MINUTE`, which a test keeps equal)."""


@dataclass(frozen=True)
class Settings:
    """What the reader is set to: the file's values where good, the defaults elsewhere."""

    theme: str = DEFAULT_THEME
    width: Width = 72
    justify: Justify = "ragged"
    marks: MarksSetting = "first"
    reading_speed: int = DEFAULT_READING_SPEED
    language: Language = "auto"
    keys: Mapping[str, str] = field(default_factory=dict)
    """Binding id → comma-separated keys (Textual's names), for ``App.set_keymap``."""


class Choices(NamedTuple):
    """What only the interface knows, for checking names (empty: not checked)."""

    themes: Collection[str] = ()
    key_ids: Collection[str] = ()
    key_clashes: Callable[[Mapping[str, str]], Sequence[tuple[str, str, str]]] | None = None
    """For a ``[keys]`` table: (id, other id, key) of each key it gives a binding that
    another binding has in the same place (only one of them would run)."""


ANY_NAMES = Choices()
"""No names to check against: any theme, any binding id."""


class BadValue(ValueError):
    """A value a setting cannot take; the message says what it takes instead."""


Check = Callable[[object, Choices], object]


@dataclass(frozen=True)
class Option:
    """One key of the settings file."""

    name: str
    check: Check
    """The value as the reader uses it, or :class:`BadValue`."""
    takes: str
    """What values it takes, for the README and ``reader config``."""
    description: str


def _choice(*allowed: str) -> Check:
    def check(value: object, choices: Choices) -> object:
        if isinstance(value, str):
            for name in allowed:
                if value.casefold() == name.casefold():
                    return name
        raise BadValue(
            _("must be one of {choices}, not {value}").format(
                choices=_listed(allowed), value=_shown(value)
            )
        )

    return check


def _theme(value: object, choices: Choices) -> object:
    if not isinstance(value, str) or not value:
        raise BadValue(_("must be a theme's name, not {value}").format(value=_shown(value)))
    if choices.themes and value not in choices.themes:
        raise BadValue(
            _("no theme is called {value} (one of {choices})").format(
                value=_shown(value), choices=_listed(choices.themes)
            )
        )
    return value


def _number(low: int, high: int, *, full: bool = False) -> Check:
    def check(value: object, choices: Choices) -> object:
        if full and isinstance(value, str) and value.casefold() == "full":
            return "full"
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return value
        what = (
            _('must be a whole number from {low} to {high} or "full", not {value}')
            if full
            else _("must be a whole number from {low} to {high}, not {value}")
        )
        raise BadValue(what.format(low=low, high=high, value=_shown(value)))

    return check


def _keys(value: object, choices: Choices) -> object:
    """Checked one binding at a time by the loader (see :func:`check_binding`)."""
    if not isinstance(value, Mapping):
        raise BadValue(
            _("must be a table of binding id = keys, not {value}").format(value=_shown(value))
        )
    return value


def check_binding(value: object) -> str:
    """The keys of one ``[keys]`` entry: a string of comma-separated key names (or a list
    of names), as ``App.set_keymap`` takes them."""
    names = value if isinstance(value, list) else [value]
    if not names or not all(isinstance(name, str) for name in names):
        raise BadValue(
            _('must be keys such as "G" or "ctrl+g,G", not {value}').format(value=_shown(value))
        )
    keys = [key.strip() for name in names for key in str(name).split(",")]
    if not all(keys) or not all(key.isprintable() and " " not in key for key in keys):
        raise BadValue(
            _("keys are names without spaces, comma-separated: not {value}").format(
                value=_shown(value)
            )
        )
    return ",".join(keys)


OPTIONS: tuple[Option, ...] = (
    Option(
        "theme",
        _theme,
        "a theme's name",
        "the colours; the palette's choice (Ctrl+P, Theme) is written here",
    ),
    Option(
        "width",
        _number(MIN_WIDTH, MAX_WIDTH, full=True),
        f'{MIN_WIDTH}–{MAX_WIDTH} or "full"',
        "the measure: the text column's widest, in columns; `full` fills the window "
        "(less a margin); `w` steps through 60, 72, 88 and full and writes it here",
    ),
    Option(
        "justify",
        _choice("ragged", "justified"),
        '"ragged" or "justified"',
        "ragged right, or prose justified (never stretched more than 2 spaces a gap; "
        "last lines, code, tables and headings stay ragged); `W` switches and writes it here",
    ),
    Option(
        "marks",
        _choice("first", "all"),
        '"first" or "all"',
        "a glossary term's note number after its first occurrence, or after every one "
        "(the default of `--marks`)",
    ),
    Option(
        "reading_speed",
        _number(MIN_SPEED, MAX_SPEED),
        f"{MIN_SPEED}–{MAX_SPEED}",
        'words per minute, for the context panel\'s "minutes left"',
    ),
    Option(
        "language",
        _choice("auto", "en", "pt-BR"),
        '"auto", "en" or "pt-BR"',
        "the interface's language; auto: from LANGUAGE, LC_ALL, LC_MESSAGES or LANG "
        "(pt… is pt-BR), else English",
    ),
    Option(
        "keys",
        _keys,
        "a table: binding id = keys",
        'moves keys: `glossary = "G"` opens the glossary with G instead of g (ids: '
        "`reader config keys`)",
    ),
)
"""Every key of ``settings.toml``, in the order ``reader config`` lists them."""

OPTION_NAMES: tuple[str, ...] = tuple(option.name for option in OPTIONS)


def next_measure(width: Width) -> Width:
    """The measure after ``width`` in :data:`MEASURES` (``w``): the next wider one, from
    full back to the narrowest; from a width of the user's own, the next one wider."""
    if width == "full":
        return MEASURES[0]
    return next((m for m in MEASURES if m == "full" or m > width), "full")


def option(name: str) -> Option:
    """The option called ``name`` (KeyError if there is none)."""
    for candidate in OPTIONS:
        if candidate.name == name:
            return candidate
    raise KeyError(name)


def _listed(names: Collection[str]) -> str:
    quoted = [f'"{name}"' for name in names]
    if len(quoted) < 2:
        return "".join(quoted)
    return _("{names} or {last}").format(names=", ".join(quoted[:-1]), last=quoted[-1])


def _shown(value: object) -> str:
    """A value from the file as TOML would write it, short (the file may be hostile)."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    elif isinstance(value, int | float):
        text = str(value)
    elif isinstance(value, Mapping):
        text = _("a table")
    elif isinstance(value, list):
        text = _("a list")
    else:
        text = _("a {type}").format(type=type(value).__name__)  # a date, a time
    return text if len(text) <= 40 else text[:39] + "…"
