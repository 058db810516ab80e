"""Read and validate glossary files; combine them into the set a text is linked with."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reader.glossary.matcher import TermMatcher, normalise_form
from reader.glossary.model import Glossary, Term
from reader.text.errors import Problem, ReaderError, Severity
from reader.text.fold import fold
from reader.text.sanitize import title_line, visible, visible_line
from reader.text.strict_yaml import YamlMap, YamlSeq, YamlValue, load_yaml
from reader.text.textfile import read_text

MAX_FORM_LENGTH = 200
"""Longest term or alias accepted; longer ones are almost certainly a mistake."""

MAX_SHORT_LENGTH = 300
"""A ``short`` summary longer than this is cut (with a warning): it is shown on one line,
in tooltips, panels and the palette."""

_ENTRY_FIELDS = frozenset(
    {"term", "aliases", "short", "definition", "see_also", "sources", "case_sensitive"}
)
_TRUE = frozenset({"true", "yes", "on"})
_FALSE = frozenset({"false", "no", "off"})


def load_glossary(path: str | Path, *, display_name: str | None = None) -> Glossary:
    """Load one glossary file; raise :class:`ReaderError` with file and line if invalid."""
    path = Path(path)
    name = display_name or str(path)
    data = load_yaml(read_text(path, display_name=name), path=name)
    return parse_glossary(data, name=path.stem, path=name)


def parse_glossary(data: YamlValue, *, name: str, path: str) -> Glossary:
    """Validate already-loaded YAML as a glossary."""
    if not isinstance(data, YamlMap):
        raise ReaderError(path, "a glossary must be a mapping with 'title', 'language', 'terms'", 1)
    warnings: list[Problem] = []
    title = _text(data, "title", path) or name
    language = _text(data, "language", path) or "und"
    entries = data.get("terms")
    if not isinstance(entries, YamlSeq):
        raise ReaderError(
            path, "'terms' must be a list of entries", data.lines.get("terms", data.line)
        )
    terms: list[Term] = []
    for position, entry in enumerate(entries):
        line = entries.lines[position]
        if not isinstance(entry, YamlMap):
            raise ReaderError(path, f"entry {position + 1} must be a mapping (term: …)", line)
        terms.append(_parse_term(entry, name, path, position + 1, warnings))
    glossary = Glossary(
        name=name,
        path=path,
        title=visible_line(title),
        language=visible_line(language),
        terms=tuple(terms),
        warnings=tuple(warnings),
    )
    check_unique_forms([glossary])
    return glossary


def _parse_term(entry: YamlMap, name: str, path: str, number: int, warnings: list[Problem]) -> Term:
    line = entry.line
    term = _text(entry, "term", path)
    if not term or not term.strip():
        raise ReaderError(path, f"entry {number} has no 'term'", line)
    short = _text(entry, "short", path)
    if not short or not short.strip():
        raise ReaderError(path, f"entry '{visible_line(term)}' has no 'short' summary", line)
    if "\n" in short.strip():
        raise ReaderError(
            path, f"'short' of '{visible_line(term)}' must be one line", entry.lines["short"]
        )
    if len(short.strip()) > MAX_SHORT_LENGTH:
        warnings.append(
            Problem(
                path,
                f"'short' of '{visible_line(term[:40])}' is {len(short.strip()):,} characters;"
                f" cut to {MAX_SHORT_LENGTH} (a summary is one line: put the rest in"
                " 'definition')",
                entry.lines["short"],
                severity=Severity.WARNING,
            )
        )
        short = title_line(short, MAX_SHORT_LENGTH)
    for key in entry:
        if key not in _ENTRY_FIELDS:
            warnings.append(
                Problem(
                    path,
                    f"unknown field '{key}' ignored",
                    entry.lines[key],
                    severity=Severity.WARNING,
                )
            )
    aliases = _text_list(entry, "aliases", path)
    for form in (term, *aliases):
        if len(form) > MAX_FORM_LENGTH:
            raise ReaderError(
                path,
                f"'{visible_line(form[:40])}…' is longer than {MAX_FORM_LENGTH} characters",
                line,
            )
    return Term(
        term=visible_line(normalise_form(term)),
        short=visible_line(short.strip()),
        aliases=tuple(visible_line(normalise_form(alias)) for alias in aliases if alias.strip()),
        definition=visible((_text(entry, "definition", path) or "").strip("\n")),
        see_also=tuple(visible_line(item.strip()) for item in _text_list(entry, "see_also", path)),
        sources=tuple(visible_line(item.strip()) for item in _text_list(entry, "sources", path)),
        case_sensitive=_flag(entry, "case_sensitive", path),
        glossary=name,
        line=line,
    )


def _text(data: YamlMap, key: str, path: str) -> str | None:
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    raise ReaderError(path, f"'{key}' must be text", data.lines[key])


def _text_list(data: YamlMap, key: str, path: str) -> list[str]:
    value = data.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, YamlSeq) and all(isinstance(item, str) for item in value):
        return [str(item) for item in value]
    raise ReaderError(path, f"'{key}' must be a list of text items", data.lines[key])


def _flag(data: YamlMap, key: str, path: str) -> bool:
    value = _text(data, key, path)
    if value is None:
        return False
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ReaderError(
        path, f"'{key}' must be true or false, not '{visible_line(value)}'", data.lines[key]
    )


def check_unique_forms(glossaries: Sequence[Glossary]) -> None:
    """No term or alias may belong to two entries (compared as they are matched)."""
    owners: dict[str, Term] = {}
    for glossary in glossaries:
        for term in glossary.terms:
            for form in dict.fromkeys(term.forms):
                key = form if term.case_sensitive else fold(form)
                other = owners.get(key)
                if other is not None and other is not term:
                    where = (
                        f"line {other.line}"
                        if other.glossary == term.glossary
                        else f"{other.glossary}:{other.line}"
                    )
                    raise ReaderError(
                        glossary.path,
                        f"'{form}' is already a term or alias of '{other.term}' ({where})",
                        term.line,
                    )
                owners[key] = term


class GlossarySet:
    """The glossaries in force for one text: lookup by any form, and one matcher."""

    def __init__(self, glossaries: Sequence[Glossary] = ()) -> None:
        check_unique_forms(glossaries)
        self.glossaries: tuple[Glossary, ...] = tuple(glossaries)
        self.terms: dict[str, Term] = {}
        self._by_form: dict[str, str] = {}
        for glossary in self.glossaries:
            for term in glossary.terms:
                self.terms[term.term] = term
                for form in term.forms:
                    self._by_form.setdefault(fold(form), term.term)
        self._matcher: TermMatcher | None = None

    @property
    def matcher(self) -> TermMatcher:
        """The matcher over every term, built on first use and then kept."""
        if self._matcher is None:
            self._matcher = TermMatcher(self.terms.values())
        return self._matcher

    def __len__(self) -> int:
        return len(self.terms)

    def lookup(self, name: str) -> Term | None:
        """The entry whose term or alias is ``name``, ignoring case and accents."""
        key = self._by_form.get(fold(normalise_form(name)))
        return self.terms.get(key) if key is not None else None

    def names(self) -> list[str]:
        """Every term and alias, for suggestions."""
        return [form for term in self.terms.values() for form in term.forms]

    def dangling_see_also(self) -> list[Problem]:
        """Warnings for "see also" links to terms no loaded glossary defines."""
        problems = []
        for glossary in self.glossaries:
            for term in glossary.terms:
                for target in term.see_also:
                    if self.lookup(target) is None:
                        problems.append(
                            Problem(
                                glossary.path,
                                f"'{term.term}' sees also '{target}', which no glossary defines",
                                term.line,
                                severity=Severity.WARNING,
                            )
                        )
        return problems
