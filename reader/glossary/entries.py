"""One glossary entry checked field by field, every problem collected.

A glossary with several mistakes is reported in one pass: each check records what is
wrong at the line of its field and goes on with what it can. An entry with an error is
left out (the others load); a field written with no value ("aliases: ~") is a warning
and taken as absent, as in front matter.

The forms of an entry (its term and aliases) are what the matcher looks for, so they are
checked for what would make them match nothing or show something else: control
characters (a terminal would obey them; bidi controls reorder what follows), nothing but
invisible characters or combining marks, or an absurd length.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from reader.glossary.matcher import normalise_form
from reader.glossary.model import Term
from reader.text.errors import Problem, Severity
from reader.text.fold import fold, strip_invisible
from reader.text.i18n import _
from reader.text.sanitize import title_line, visible, visible_line
from reader.text.strict_yaml import NO_VALUE_HINT, YamlMap, YamlSeq, empty_value

MAX_FORM_LENGTH: Final = 200
"""Longest term or alias accepted; longer ones are almost certainly a mistake."""

MAX_SHORT_LENGTH: Final = 300
"""A ``short`` summary longer than this is cut (with a warning): it is shown on one line,
in tooltips, panels and the palette."""

_ENTRY_FIELDS: Final = frozenset(
    {"term", "aliases", "short", "definition", "see_also", "sources", "case_sensitive"}
)
_TRUE: Final = frozenset({"true", "yes", "on"})
_FALSE: Final = frozenset({"false", "no", "off"})
_CONTROL: Final = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
    "\U000e0000-\U000e007f]"
)
"""What no term may contain: C0 and C1 controls (but tab and line breaks, which are
spacing), bidi embeddings, overrides and isolates, lone surrogates and tag characters."""


def code_points(chars: str, limit: int = 4) -> str:
    """``"U+200B, U+2060"``: the distinct characters of ``chars``, for a message."""
    distinct = list(dict.fromkeys(chars))
    named = ", ".join(f"U+{ord(char):04X}" for char in distinct[:limit])
    return named + (", …" if len(distinct) > limit else "")


class Fields:
    """Reads the fields of one mapping (an entry, or the glossary itself), recording each
    problem in ``problems`` instead of stopping at the first."""

    def __init__(self, data: YamlMap, path: str, problems: list[Problem]) -> None:
        self.data = data
        self.path = path
        self.problems = problems
        self.failed = False
        """Whether an error (not a warning) was recorded."""

    def line(self, key: str) -> int:
        """The line of ``key``, or of the mapping when the key is absent."""
        return self.data.lines.get(key, self.data.line)

    def error(self, message: str, line: int) -> None:
        """Record an error: the entry will be left out."""
        self.failed = True
        self.problems.append(Problem(self.path, message, line))

    def warn(self, message: str, line: int) -> None:
        """Record a warning: loading goes on."""
        self.problems.append(Problem(self.path, message, line, severity=Severity.WARNING))

    def text(self, key: str, what: str, *, missing: str | None = None) -> str | None:
        """The field as text, None when absent or empty. ``missing`` is the error for a
        required field that is absent or empty; an optional one written with no value is
        a warning (``what`` names it)."""
        value = self.data.get(key)
        if isinstance(value, str) and value.strip():
            return value
        if value is not None and not isinstance(value, str):
            self.error(_("'{key}' must be text").format(key=key), self.line(key))
        elif missing is not None:
            if value is None and key in self.data:  # "term: null", "short: ~"
                missing += " " + _("(it is empty: {hint})").format(hint=_(NO_VALUE_HINT))
            self.error(missing, self.data.line)
        elif key in self.data:
            self.warn(empty_value(what), self.line(key))
        return None

    def text_list(self, key: str, what: str) -> list[tuple[str, int]]:
        """The field as a list of (text, line); one text alone is a list of one. Items
        with no value are warnings and left out."""
        value = self.data.get(key)
        if isinstance(value, str) and value.strip():
            return [(value, self.line(key))]
        if value is None or isinstance(value, str):
            if key in self.data:
                self.warn(empty_value(what), self.line(key))
            return []
        if not isinstance(value, YamlSeq):
            self.error(_("'{key}' must be a list of text items").format(key=key), self.line(key))
            return []
        items: list[tuple[str, int]] = []
        for number, (item, line) in enumerate(zip(value, value.lines, strict=True), 1):
            if isinstance(item, str) and item.strip():
                items.append((item, line))
            elif item is None or isinstance(item, str):
                self.warn(
                    empty_value(_("item {number} of {what}").format(number=number, what=what)), line
                )
            else:
                self.error(_("'{key}' must be a list of text items").format(key=key), line)
        return items

    def flag(self, key: str, what: str) -> bool:
        """The field as true or false (false when absent)."""
        value = self.text(key, what)
        if value is None:
            return False
        if value.lower() in _TRUE:
            return True
        if value.lower() not in _FALSE:
            self.error(
                _("'{key}' must be true or false, not '{value}'").format(
                    key=key, value=visible_line(value)
                ),
                self.line(key),
            )
        return False


def parse_entry(
    entry: YamlMap, *, number: int, glossary: str, path: str, problems: list[Problem]
) -> Term | None:
    """Entry ``number`` (1-based) as a Term, or None if it has an error; every problem
    found, errors and warnings, goes to ``problems``."""
    fields = Fields(entry, path, problems)
    term = fields.text(
        "term", "'term'", missing=_("entry {number} has no 'term'").format(number=number)
    )
    label = (
        f"'{visible_line(term[:40])}'"
        if term is not None
        else _("entry {number}").format(number=number)
    )
    short = fields.text(
        "short", "'short'", missing=_("entry {label} has no 'short' summary").format(label=label)
    )
    if short is not None:
        short = _short(short.strip(), label, fields)
    for key in entry:
        if key not in _ENTRY_FIELDS:
            fields.warn(
                _("unknown field '{key}' ignored").format(key=visible_line(key)), entry.lines[key]
            )
    aliases = fields.text_list("aliases", _("'aliases' of {label}").format(label=label))
    if term is not None:
        what = _("the term of entry {number}").format(number=number)
        _check_form(term, what, fields.line("term"), fields)
    for position, (alias, line) in enumerate(aliases, 1):
        what = _("alias {position} of {label}").format(position=position, label=label)
        _check_form(alias, what, line, fields)
    definition = fields.text("definition", _("'definition' of {label}").format(label=label)) or ""
    see_also = fields.text_list("see_also", _("'see_also' of {label}").format(label=label))
    sources = fields.text_list("sources", _("'sources' of {label}").format(label=label))
    case_sensitive = fields.flag(
        "case_sensitive", _("'case_sensitive' of {label}").format(label=label)
    )
    if fields.failed or term is None or short is None:
        return None
    return Term(
        term=visible_line(normalise_form(term)),
        short=visible_line(short),
        aliases=tuple(visible_line(normalise_form(alias)) for alias, _ in aliases),
        definition=visible(definition.strip("\n")),
        see_also=tuple(visible_line(item.strip()) for item, _ in see_also),
        sources=tuple(visible_line(item.strip()) for item, _ in sources),
        case_sensitive=case_sensitive,
        glossary=glossary,
        line=entry.line,
    )


def _short(short: str, label: str, fields: Fields) -> str:
    """The one-line summary, cut (with a warning) when too long for one line."""
    line = fields.line("short")
    if "\n" in short:
        fields.error(_("'short' of {label} must be one line").format(label=label), line)
    elif len(short) > MAX_SHORT_LENGTH:
        fields.warn(
            _(
                "'short' of {label} is {count:,} characters; cut to {max_short_length} (a summary "
                "is one line: put the rest in 'definition')"
            ).format(label=label, count=len(short), max_short_length=MAX_SHORT_LENGTH),
            line,
        )
        short = title_line(short, MAX_SHORT_LENGTH)
    return short


def _check_form(form: str, what: str, line: int, fields: Fields) -> None:
    """A term or alias must be something the matcher can find and a terminal can show."""
    if len(form) > MAX_FORM_LENGTH:
        fields.error(
            _("'{form}…' is longer than {max_form_length} characters").format(
                form=visible_line(form[:40]), max_form_length=MAX_FORM_LENGTH
            ),
            line,
        )
    elif controls := "".join(_CONTROL.findall(form)):
        fields.error(
            _("{what} contains a control character ({code_points})").format(
                what=what, code_points=code_points(controls)
            ),
            line,
        )
    elif not normalise_form(strip_invisible(form)):
        hidden = "".join(char for char in form if not char.isspace())
        fields.error(
            _("{what} is made only of invisible characters ({code_points})").format(
                what=what, code_points=code_points(hidden)
            ),
            line,
        )
    elif not normalise_form(fold(form)):
        marks = "".join(char for char in form if unicodedata.combining(char))
        fields.error(
            _("{what} is made only of combining marks ({code_points})").format(
                what=what, code_points=code_points(marks)
            ),
            line,
        )
