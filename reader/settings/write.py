"""Writing a setting changed in the app back to ``settings.toml``, the user's comments,
order and spelling kept (tomlkit).

The file is read again just before each write, so an edit made while the reader ran is
kept; a file that is bad then (not TOML, a bad value) is never written over. The new
text goes to a temporary file beside the real one (the target of a symbolic link, so a
dotfiles link stays a link) that is renamed over it: a crash never leaves half a file.
"""

from __future__ import annotations

import codecs
import os
import stat
import tempfile
from pathlib import Path

from reader.settings.load import MAX_SETTINGS_BYTES, parse_settings
from reader.settings.options import ANY_NAMES, OPTION_NAMES, Choices
from reader.text.errors import Problem, ReaderError, Severity
from reader.text.i18n import _
from reader.text.textfile import read_text

NEW_FILE_HEADER = (
    "# Rodapé's settings. Every key, its default and what it does: the README's Settings.\n"
)


class SettingNotSaved(ReaderError):
    """The setting could not be written: the file is bad, or the disk said no."""


def write_setting(path: Path, name: str, value: str | int, choices: Choices = ANY_NAMES) -> bool:
    """Set ``name`` to ``value`` in the file at ``path`` (made if missing), keeping the
    rest of the file as it is. False if the file already says so (nothing written).

    Raises :class:`SettingNotSaved` naming the file (and line) when it is bad now or
    cannot be written; it is then left exactly as it was.
    """
    if name not in OPTION_NAMES or name == "keys":
        raise ValueError(f"not a setting the app writes: {name}")
    import tomlkit  # only when a setting is written: not on the reader's first frame
    from tomlkit.exceptions import ParseError

    target = path.resolve() if path.is_symlink() else path
    bom, text = _current_text(target)
    try:
        document = tomlkit.parse(text)
    except ParseError as error:
        raise SettingNotSaved(
            path, _("not saved: the file is not valid TOML"), error.line
        ) from None
    errors = [
        problem
        for problem in parse_settings(text, path, choices).problems
        if problem.severity is Severity.ERROR
    ]
    if errors:
        raise _not_saved(errors[0])
    if document.get(name) == value:
        return False
    document[name] = value
    header = "" if text else NEW_FILE_HEADER
    _replace(target, bom + header + document.as_string())
    return True


def _current_text(path: Path) -> tuple[str, str]:
    """(its byte-order mark, its text as it is: line ends and all) of the settings file;
    ("", "") if there is none yet."""
    if not path.exists():
        return "", ""
    try:
        read_text(path, max_bytes=MAX_SETTINGS_BYTES)  # a file we can read as text, or why not
    except ReaderError as error:
        raise _not_saved(error.problem) from None
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SettingNotSaved(
            path, _("not saved: cannot read it again ({reason})").format(reason=error)
        ) from None
    bom = codecs.BOM_UTF8.decode("utf-8")
    return (bom, text[1:]) if text.startswith(bom) else ("", text)


def _not_saved(problem: Problem) -> SettingNotSaved:
    return SettingNotSaved(
        problem.path,
        _("not saved while this is wrong: {problem}").format(problem=problem.message),
        problem.line,
    )


def _replace(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, with the old file's permissions."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".toml")
    except OSError as error:
        raise SettingNotSaved(
            path, _("not saved ({reason})").format(reason=_reason(error))
        ) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise SettingNotSaved(
            path, _("not saved ({reason})").format(reason=_reason(error))
        ) from None


def _reason(error: OSError) -> str:
    text = error.strerror or type(error).__name__
    return text[:1].lower() + text[1:]
