"""Front matter: the YAML block at the top of an article, read strictly.

Only the fields the README documents are read; each must be text (or, for ``glossary``, a
list of names). Errors carry the line in the original file, front-matter offset included.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from reader.text.errors import ReaderError
from reader.text.sanitize import visible, visible_line
from reader.text.strict_yaml import YamlMap, YamlSeq, load_yaml

_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_TEXT_FIELDS = ("title", "author", "date", "language", "source", "context")


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
