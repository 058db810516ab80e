"""Reading ``settings.toml``: the values that are good, the defaults for the rest, and one
line naming ``file:line`` for each thing wrong.

A file that is not TOML, or holds a value a setting cannot take, is *bad*: its good
values are still used, but nothing is ever written over it until the user fixes it
(:attr:`Loaded.writable`). An unknown key or binding id is only a warning: the rest of
the file is fine, and writing a setting back keeps that line as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from reader.settings.lines import KeyPath, key_lines, line_of
from reader.settings.options import (
    ANY_NAMES,
    OPTION_NAMES,
    BadValue,
    Choices,
    Settings,
    check_binding,
    option,
)
from reader.text.errors import Problem, ReaderError, Severity
from reader.text.i18n import _
from reader.text.sanitize import visible_line
from reader.text.textfile import read_text

MAX_SETTINGS_BYTES = 256 * 1024
"""A settings file is a few lines; anything bigger is not one."""

DEFAULT = "default"
COMMAND_LINE = "command line"

_AT_LINE = re.compile(r"\s*at line (\d+) col (\d+)$")


@dataclass(frozen=True)
class Loaded:
    """The settings in force, where each came from, and what was wrong with the file."""

    settings: Settings = field(default_factory=Settings)
    path: Path | None = None
    """The settings file (None: no file is read or written)."""
    origins: Mapping[str, str] = field(default_factory=dict)
    """Where each value came from: ``"default"``, ``"FILE:LINE"`` or ``"command line"``;
    by option name, and ``keys.ID`` for each binding moved."""
    problems: tuple[Problem, ...] = ()

    @property
    def writable(self) -> bool:
        """Whether a setting changed in the app may be written back: there is a file to
        write, and it is not bad (warnings allowed)."""
        return self.path is not None and not any(
            problem.severity is Severity.ERROR for problem in self.problems
        )

    def origin(self, name: str) -> str:
        """Where setting ``name`` came from."""
        return self.origins.get(name, DEFAULT)

    def overridden(self, **values: Any) -> Loaded:
        """These settings with ``values`` given on the command line (None: not given)."""
        given = {name: value for name, value in values.items() if value is not None}
        origins = dict(self.origins) | dict.fromkeys(given, COMMAND_LINE)
        return replace(self, settings=replace(self.settings, **given), origins=origins)

    def changed(self, name: str, value: Any, where: str) -> Loaded:
        """These settings with ``name`` set to ``value`` in the app, now from ``where``."""
        settings = replace(self.settings, **{name: value})
        return replace(self, settings=settings, origins={**self.origins, name: where})


def load_settings(path: Path | None, choices: Choices = ANY_NAMES) -> Loaded:
    """The settings from the file at ``path``: defaults if there is none (or ``path`` is
    None), a problem per bad or unknown value (the default used instead)."""
    if path is None:
        return Loaded()
    if not path.exists() and not path.is_symlink():
        return Loaded(path=path)
    try:
        text = read_text(path, max_bytes=MAX_SETTINGS_BYTES)
    except ReaderError as error:
        message = _("{problem}; using the defaults").format(problem=error.problem.message)
        problem = replace(error.problem, message=message)
        return Loaded(path=path, problems=(problem,))
    return parse_settings(text, path, choices)


def parse_settings(text: str, path: Path, choices: Choices = ANY_NAMES) -> Loaded:
    """The settings in ``text``, the contents of the file at ``path``."""
    import tomlkit  # only when there is a file: not on the first frame without one
    from tomlkit.exceptions import ParseError

    name = str(path)
    try:
        values = tomlkit.parse(text).unwrap()
    except ParseError as error:
        reason, line, column = _toml_reason(error, text)
        problem = Problem(
            name,
            _("not valid TOML: {reason}; using the defaults").format(reason=reason),
            line,
            column,
        )
        return Loaded(path=path, problems=(problem,))
    lines = key_lines(text)
    found: dict[str, object] = {}
    origins: dict[str, str] = {}
    problems: list[Problem] = []

    def where(key: KeyPath) -> int:
        return line_of(lines, key)

    for key, value in values.items():
        if key not in OPTION_NAMES:
            message = _("unknown setting {key} (the settings are {names})").format(
                key=_quoted(key), names=", ".join(OPTION_NAMES)
            )
            problems.append(Problem(name, message, where((key,)), severity=Severity.WARNING))
            continue
        try:
            checked = option(key).check(value, choices)
        except BadValue as bad:
            message = _("{key}: {problem}; using the default").format(key=key, problem=bad)
            problems.append(Problem(name, message, where((key,))))
            continue
        if key == "keys":
            assert isinstance(checked, Mapping)
            found[key] = _bindings(checked, name, where, choices, origins, problems)
        else:
            found[key] = checked
        origins[key] = f"{name}:{where((key,))}"
    known = {item.name for item in fields(Settings)}
    settings = Settings(**{key: value for key, value in found.items() if key in known})  # type: ignore[arg-type]
    return Loaded(settings, path, origins, tuple(problems))


_ASSIGNMENT = re.compile(r"""^\s*[\w."'-]+\s*=""")


def _toml_reason(error: Exception, text: str) -> tuple[str, int, int]:
    """What a TOML syntax error from tomlkit means, and where (line, column, 1-based).

    tomlkit words the usual slips for the parser, not the person: a string left open at
    the end of its line is "Control characters … are not allowed in strings, use
    \\u000a instead", a value missing after = "Unexpected character: '\\n'", a bracket
    or a triple-quoted string left open "Unexpected character: '\\x00' at line 1 col 0"
    (its end-of-file mark, and a place that is not the slip's). Those are said plainly,
    at the line where the slip is; anything else in tomlkit's words."""
    from tomlkit.exceptions import InvalidControlChar, UnexpectedEofError

    lines = text.split("\n")
    line, column = getattr(error, "line", 1), getattr(error, "col", 0) + 1
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    reason = _AT_LINE.sub("", str(error))
    at_line_end = column > len(source.rstrip())
    if isinstance(error, UnexpectedEofError) or "'\\x00'" in reason:
        begun = next(
            (number for number in range(len(lines), 0, -1) if _ASSIGNMENT.match(lines[number - 1])),
            1,
        )
        return (
            _("the file ends inside the value begun here: a closing quote or bracket is missing"),
            begun,
            1,
        )
    if isinstance(error, InvalidControlChar) and at_line_end:
        return _("the string is not closed on its line: its closing quote is missing"), line, column
    if at_line_end and source.rstrip().endswith("="):
        return _("a value is missing after ="), line, column
    return reason, line, column


def _bindings(
    table: Mapping[Any, object],
    name: str,
    where: Any,
    choices: Choices,
    origins: dict[str, str],
    problems: list[Problem],
) -> dict[str, str]:
    """The ``[keys]`` table: binding id → keys, each id checked against the interface's."""
    keys: dict[str, str] = {}
    for identifier, value in table.items():
        line = where(("keys", identifier))
        try:
            keys_given = check_binding(value)
        except BadValue as bad:
            message = _("keys.{id}: {problem}; ignored").format(id=identifier, problem=bad)
            problems.append(Problem(name, message, line))
            continue
        if choices.key_ids and identifier not in choices.key_ids:
            message = _("no key has the id {id} (`reader config keys` lists them); ignored").format(
                id=_quoted(identifier)
            )
            problems.append(Problem(name, message, line, severity=Severity.WARNING))
            continue
        keys[identifier] = keys_given
        origins[f"keys.{identifier}"] = f"{name}:{line}"
    for identifier, other, key in choices.key_clashes(keys) if choices.key_clashes else ():
        message = _(
            "keys.{id}: {key} is also the key of {other} where {id} works, and only one of "
            "the two would run (`reader config keys` lists every key)"
        ).format(id=identifier, key=_quoted(key), other=other)
        problems.append(
            Problem(name, message, where(("keys", identifier)), severity=Severity.WARNING)
        )
    return keys


def _quoted(text: str) -> str:
    return "'" + visible_line(text)[:40] + "'"


def problem_lines(problems: Iterable[Problem]) -> list[str]:
    """Each problem as the one line the user is shown."""
    return [str(problem) for problem in problems]
