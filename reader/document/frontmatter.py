"""Front matter: the YAML block at the top of an article, read strictly.

Only the fields the README documents are read; each must be text (or, for ``glossary``, a
list of names). Errors carry the line in the original file, front-matter offset included.
A block opened and never closed, or opened below line 1, is not front matter (the
Markdown parser reads it as a rule and prose); :func:`stray_front_matter` says so rather
than let it pass silently, and :func:`front_matter_head` finds the block without parsing
the rest of a long text.

Front matter that does not validate is an error, but not one that hides the text: the
parser reports it (:class:`~reader.text.errors.Problem`) and shows the body, the text after
the closing line, with no metadata at all (see
:func:`reader.document.parse.markdown.parse_markdown`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

from reader.text.errors import Problem, ReaderError, Severity
from reader.text.i18n import _
from reader.text.sanitize import visible, visible_line
from reader.text.strict_yaml import YamlMap, YamlSeq, YamlValue, empty_value, load_yaml

_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_TEXT_FIELDS = ("title", "author", "date", "language", "source", "context")
_KNOWN_FIELDS = (*_TEXT_FIELDS, "glossary", "editor_notes")
_SAID_OTHERWISE = {
    "titel": "title", "titulo": "title", "título": "title", "autor": "author",
    "autora": "author", "data": "date", "fecha": "date", "idioma": "language",
    "lingua": "language", "língua": "language", "lang": "language", "fonte": "source",
    "fuente": "source", "contexto": "context", "glossario": "glossary",
    "glossário": "glossary", "glosario": "glossary", "glossaries": "glossary",
    "glossarios": "glossary", "glossários": "glossary",
}  # fmt: skip
"""Field names written in another language, or a near spelling, that mean a field the
reader knows: said so with a warning, rather than the field ignored without a word."""
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
    warnings: tuple[Problem, ...] = ()
    """Fields written with no value ("author: ~"), ignored with a warning at their line."""
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
            path, _("front matter must be a mapping of fields (key: value)"), line=line_offset
        )
    values: dict[str, str] = {}
    empty = [key for key in (*_TEXT_FIELDS, "glossary") if _is_empty(data, key)]
    empty.sort(key=data.lines.__getitem__)
    for key in _TEXT_FIELDS:
        value = data.get(key)
        if value is None or key in empty:
            continue
        if not isinstance(value, str):
            raise ReaderError(
                path,
                _("front matter field '{key}' must be text").format(key=key),
                line=data.lines[key],
            )
        if key == "context":
            values[key] = visible(value.strip("\n"))
        else:
            values[key] = visible_line(value.strip())
    if "language" in values and not _LANGUAGE_TAG.match(values["language"]):
        raise ReaderError(
            path,
            _(
                "front matter 'language' must be a BCP 47 tag such as 'pt' or 'en-GB', not "
                "'{values}'"
            ).format(values=values["language"]),
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
        glossaries=None if "glossary" in empty else _glossary_names(data, path),
        editor_notes=data.get("editor_notes"),
        editor_notes_line=data.lines.get("editor_notes", 0),
        warnings=(
            *(
                Problem(
                    path,
                    empty_value(_("front matter field '{key}'").format(key=key)),
                    data.lines[key],
                    severity=Severity.WARNING,
                )
                for key in empty
            ),
            *_misnamed_fields(data, path),
        ),
    )


def _misnamed_fields(data: YamlMap, path: str) -> list[Problem]:
    """A warning for each field that looks like one the reader knows but is not
    (``titel:``, ``autor:``, ``glosary:``): such a text opened with its file name for a
    title and no word why. Fields of other tools (``tags:``, ``layout:``) are left in
    peace: front matter is shared with site generators and note apps."""
    problems = []
    for key in data:
        if not isinstance(key, str) or key in _KNOWN_FIELDS:
            continue
        meant = _SAID_OTHERWISE.get(key.lower())
        if meant is None:
            close = difflib.get_close_matches(key.lower(), _KNOWN_FIELDS, n=1, cutoff=0.8)
            meant = close[0] if close and close[0] != key else None
        if meant is not None:
            problems.append(
                Problem(
                    path,
                    _(
                        "front matter field '{field}' is not one the reader knows: "
                        "did you mean '{meant}'?"
                    ).format(field=visible_line(key), meant=meant),
                    data.lines[key],
                    severity=Severity.WARNING,
                )
            )
    return problems


def _is_empty(data: YamlMap, key: str) -> bool:
    """Whether ``key`` is written with no value (nothing, ``~``, ``null``, blank text)."""
    if key not in data:
        return False
    value = data[key]
    return value is None or (isinstance(value, str) and not value.strip())


def _check_date(value: str, path: str, line: int) -> None:
    problem = _("front matter 'date' must be YYYY-MM-DD (or YYYY-MM, YYYY), not '{value}'").format(
        value=value
    )
    if not _DATE.match(value):
        raise ReaderError(path, problem, line=line)
    parts = [int(part) for part in value.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        raise ReaderError(
            path, _("{problem}: no such date").format(problem=problem), line=line
        ) from None


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
        _("front matter 'glossary' must be a list of glossary names"),
        line=data.lines["glossary"],
    )


_FIELDS = "|".join((*_TEXT_FIELDS, "glossary"))
_BELOW_LINE_1 = re.compile(rf"(?:[ \t]*\n)+-{{3,}}[ \t]*\n[ \t]*(?:{_FIELDS})[ \t]*:")
"""Blank lines, a line of dashes, then a documented field: front matter meant, but below
line 1, where it is a rule and prose (a rule followed by other prose is not matched)."""


def stray_front_matter(source: str, path: str) -> Problem | None:
    """A warning, at the line of its opening dashes, when ``source`` opens front matter
    the parser did not take as such: never closed, or opened below blank lines.

    Call it when the parser found no front matter: its fields would otherwise be shown
    as text (after a rule) unnoticed.
    """
    if _OPENING.match(source):
        return Problem(
            path, _("front matter opened at line 1 is never closed"), 1, severity=Severity.WARNING
        )
    below = _BELOW_LINE_1.match(source)
    if below is None:
        return None
    line = source.count("\n", 0, below.end())  # the line above the field's
    return Problem(
        path,
        _(
            "front matter must start at line 1; the block opened at line {line} is read as text"
        ).format(line=line),
        line,
        severity=Severity.WARNING,
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
