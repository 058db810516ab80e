"""Read and validate glossary files; combine them into the set a text is linked with."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from reader.glossary.entries import MAX_FORM_LENGTH, MAX_SHORT_LENGTH, Fields, parse_entry
from reader.glossary.matcher import TermMatcher, normalise_form
from reader.glossary.model import Glossary, Term
from reader.text.errors import Problem, ReaderError, Severity
from reader.text.fold import fold, strip_invisible
from reader.text.i18n import _
from reader.text.sanitize import visible_line
from reader.text.strict_yaml import YamlMap, YamlSeq, YamlValue, load_yaml
from reader.text.textfile import read_text

__all__ = [
    "MAX_FORM_LENGTH",
    "MAX_SHORT_LENGTH",
    "GlossarySet",
    "check_unique_forms",
    "duplicate_key",
    "load_glossary",
    "parse_glossary",
    "unique_forms",
]


def load_glossary(
    path: str | Path, *, display_name: str | None = None, partial: bool = False
) -> Glossary:
    """Load one glossary file (see :func:`parse_glossary`); raise :class:`ReaderError`
    with file and line if it cannot be read or is not valid YAML."""
    path = Path(path)
    name = display_name or str(path)
    data = load_yaml(read_text(path, display_name=name), path=name)
    return parse_glossary(data, name=path.stem, path=name, partial=partial)


def parse_glossary(data: YamlValue, *, name: str, path: str, partial: bool = False) -> Glossary:
    """Validate already-loaded YAML as a glossary, finding every problem in one pass.

    A glossary that is not a mapping with a list of ``terms`` raises :class:`ReaderError`.
    Otherwise each entry in error (a missing or wrong field, a form that cannot match, a
    form of an earlier entry) is an error at its line: by default they are raised
    together in one ReaderError; with ``partial`` those entries are left out (an alias
    that another entry owns, just that alias) and the errors kept in
    :attr:`Glossary.errors`, so a reader can open a text with the rest.
    """
    if not isinstance(data, YamlMap):
        raise ReaderError(
            path, _("a glossary must be a mapping with 'title', 'language', 'terms'"), 1
        )
    problems: list[Problem] = []
    fields = Fields(data, path, problems)
    title = fields.text("title", "'title'") or name
    language = fields.text("language", "'language'") or "und"
    entries = data.get("terms")
    if not isinstance(entries, YamlSeq):
        raise ReaderError(
            path, _("'terms' must be a list of entries"), data.lines.get("terms", data.line)
        )
    terms: list[Term] = []
    for position, entry in enumerate(entries):
        if not isinstance(entry, YamlMap):
            problems.append(
                Problem(
                    path,
                    _("entry {position} must be a mapping (term: …)").format(position=position + 1),
                    entries.lines[position],
                )
            )
        elif (
            term := parse_entry(
                entry, number=position + 1, glossary=name, path=path, problems=problems
            )
        ) is not None:
            terms.append(term)
    unique, clashes = unique_forms(terms, path)
    problems.extend(clashes)
    problems.sort(key=lambda problem: problem.line or 0)  # stable: one entry's in order
    errors = tuple(problem for problem in problems if problem.severity is Severity.ERROR)
    if errors and not partial:
        raise ReaderError.of(errors)
    return Glossary(
        name=name,
        path=path,
        title=visible_line(title),
        language=visible_line(language),
        terms=tuple(unique),
        warnings=tuple(problem for problem in problems if problem.severity is Severity.WARNING),
        errors=errors,
    )


def duplicate_key(form: str, *, case_sensitive: bool) -> str:
    """What two forms must differ in not to be duplicates: compared after dropping
    invisible characters, in their compatibility form (NFKC: fullwidth "ＡＢＣ" is "ABC",
    the ligature "ﬁ" is "fi") and, unless case sensitive, ignoring case and accents."""
    compatible = unicodedata.normalize("NFKC", strip_invisible(form))
    return normalise_form(compatible if case_sensitive else fold(compatible))


def unique_forms(
    terms: Sequence[Term], path: str, owners: dict[str, tuple[Term, str]] | None = None
) -> tuple[list[Term], list[Problem]]:
    """``terms`` less what another entry (before it, or in ``owners``: key → entry and
    its form) already owns: an entry whose term is taken is left out, an alias that is
    taken is dropped; and an error at the entry's line for each, naming the owner."""
    owners = {} if owners is None else owners
    kept: list[Term] = []
    problems: list[Problem] = []
    for term in terms:
        aliases: list[str] = []
        owned: list[tuple[str, str]] = []
        for position, form in enumerate(dict.fromkeys(term.forms)):
            key = duplicate_key(form, case_sensitive=term.case_sensitive)
            owner, owner_form = owners.get(key, (None, ""))
            if owner is not None and owner is not term:
                problems.append(Problem(path, _clash(form, owner, owner_form, term), term.line))
                if position == 0:
                    break
                continue
            owned.append((key, form))
            if position:
                aliases.append(form)
        else:
            for key, form in owned:
                owners.setdefault(key, (term, form))
            if len(aliases) != len(term.aliases):
                term = replace(term, aliases=tuple(aliases))
            kept.append(term)
    return kept, problems


def _clash(form: str, owner: Term, owner_form: str, term: Term) -> str:
    """The error for ``term``'s ``form``, which ``owner`` has as ``owner_form``; saying
    why two forms that look different are the same."""
    where = (
        f"line {owner.line}"
        if owner.glossary == term.glossary
        else f"{owner.glossary}:{owner.line}"
    )
    message = _("'{form}' is already a term or alias of '{term}' ({where})").format(
        form=form, term=owner.term, where=where
    )
    if fold(form) != fold(owner_form) or any(
        strip_invisible(written) != written for written in (form, owner_form)
    ):
        message += ": " + _(
            "the same once invisible characters and compatibility forms are ignored"
        )
    return message


def check_unique_forms(glossaries: Sequence[Glossary]) -> None:
    """No term or alias may belong to two entries (compared as :func:`duplicate_key`
    says); raise every clash at once."""
    owners: dict[str, tuple[Term, str]] = {}
    problems: list[Problem] = []
    for glossary in glossaries:
        problems += unique_forms(glossary.terms, glossary.path, owners)[1]
    if problems:
        raise ReaderError.of(problems)


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
                                _(
                                    "'{term}' sees also '{target}', which no glossary defines"
                                ).format(term=term.term, target=target),
                                term.line,
                                severity=Severity.WARNING,
                            )
                        )
        return problems
