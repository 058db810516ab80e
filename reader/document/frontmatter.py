"""Front matter: the YAML block at the top of an article, read strictly.

Only the fields the README documents are read; each must be text (or, for ``glossary``, a
list of names). Errors carry the line in the original file, front-matter offset included.
A block opened and never closed is not front matter (the Markdown parser reads it as a
rule and prose); :func:`unclosed_front_matter` says so rather than let it pass silently,
and :func:`front_matter_head` finds the block without parsing the rest of a long text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from reader.text.errors import Problem, ReaderError, Severity
from reader.text.sanitize import visible, visible_line
from reader.text.strict_yaml import YamlMap, YamlSeq, YamlValue, load_yaml

_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_TEXT_FIELDS = ("title", "author", "date", "language", "source", "context")
_OPENING = re.compile(r"(-{3,})[ \t]*(?:\n|$)")
"""A first line of three or more dashes: what opens front matter (mdit-py-plugins'
``front_matter`` also takes text after the dashes; such a line is never meant as one)."""


@dataclass(frozen=True)
class FrontMatter:
    """The validated fields of a front matter block; None where the author said nothing."""

    title: str | None = None
    author: str | None = None
    date: str | None = None
    language: str = "und"
    source: str | None = None
    context: str | None = None
    glossaries: tuple[str, ...] | None = None
    editor_notes: YamlValue = None
    """``editor_notes`` as written, and its line: read by :mod:`reader.document.editor_notes`."""
    editor_notes_line: int = 0


def parse_front_matter(text: str, *, path: str, line_offset: int) -> FrontMatter:
    """Validate the YAML between the ``---`` lines; ``line_offset`` lines precede it."""
    data = load_yaml(text, path=path, line_offset=line_offset)
    if data is None:
        return FrontMatter()
    if not isinstance(data, YamlMap):
        raise ReaderError(
            path, "front matter must be a mapping of fields (key: value)", line=line_offset
        )
    values: dict[str, str] = {}
    for key in _TEXT_FIELDS:
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise ReaderError(
                path, f"front matter field '{key}' must be text", line=data.lines[key]
            )
        if key == "context":
            values[key] = visible(value.strip("\n"))
        else:
            values[key] = visible_line(value.strip())
    if "language" in values and not _LANGUAGE_TAG.match(values["language"]):
        raise ReaderError(
            path,
            f"front matter 'language' must be a BCP 47 tag such as 'pt' or 'en-GB', "
            f"not '{values['language']}'",
            line=data.lines["language"],
        )
    if "date" in values:
        _check_date(values["date"], path, data.lines["date"])
    return FrontMatter(
        title=values.get("title") or None,
        author=values.get("author"),
        date=values.get("date"),
        language=values.get("language", "und"),
        source=values.get("source"),
        context=values.get("context"),
        glossaries=_glossary_names(data, path),
        editor_notes=data.get("editor_notes"),
        editor_notes_line=data.lines.get("editor_notes", 0),
    )


def _check_date(value: str, path: str, line: int) -> None:
    problem = f"front matter 'date' must be YYYY-MM-DD (or YYYY-MM, YYYY), not '{value}'"
    if not _DATE.match(value):
        raise ReaderError(path, problem, line=line)
    parts = [int(part) for part in value.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        raise ReaderError(path, f"{problem}: no such date", line=line) from None


def _glossary_names(data: YamlMap, path: str) -> tuple[str, ...] | None:
    value = data.get("glossary")
    if value is None:
        return None
    if isinstance(value, str):
        return (visible_line(value.strip()),)
    if isinstance(value, YamlSeq) and all(isinstance(item, str) for item in value):
        return tuple(visible_line(str(item).strip()) for item in value)
    raise ReaderError(
        path,
        "front matter 'glossary' must be a list of glossary names",
        line=data.lines["glossary"],
    )


def unclosed_front_matter(source: str, path: str) -> Problem | None:
    """A warning when ``source`` opens front matter that no line closes.

    Call it when the parser found no front matter: a first line of dashes then means the
    block was never closed, and its fields would otherwise be shown as text unnoticed.
    """
    if not _OPENING.match(source):
        return None
    return Problem(
        path, "front matter opened at line 1 is never closed", 1, severity=Severity.WARNING
    )


def front_matter_head(source: str) -> str | None:
    """The opening of ``source`` up to the line that closes its front matter; None when
    it opens none or never closes it.

    Parsing this head finds every error the front matter has (at the same lines) without
    parsing a book after it: a check cheap enough to run before the reader starts. The
    Markdown parser has the last word on where the block ends; this only has to reach it.
    """
    opening = _OPENING.match(source)
    if opening is None:
        return None
    dashes = len(opening.group(1))  # a closing line has at least as many
    closing = re.compile(rf"^(?: {{0,3}}-{{{dashes},}}|\.\.\.)[ \t]*$", re.MULTILINE)
    found = closing.search(source, opening.end())
    if found is None:
        return None
    return source[: found.end()] + "\n"
