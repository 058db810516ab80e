"""The glossaries in force for a text, loaded: the rule's files, then its own entries.

Which files a text gets is :mod:`reader.pipeline.glossary_rule` (named, else found in a
``glossary/`` folder near the text, plus the user's choices); this module loads them. A
glossary the text names that is missing is a warning; one that is broken stops the
commands (strict) and is a problem the reader shows while it opens the text with the
others. A glossary in force by the user's choice never stops anything: what is wrong with
it is a warning (with its file and line) and the text opens with the rest. A name is a
name, never a path: one with a path separator, ``..`` or a drive is refused with a
warning, so a text cannot make the reader load (and show) a YAML file from anywhere else.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from reader.document import Document
from reader.document.frontmatter import front_matter_head
from reader.glossary import (
    Glossary,
    GlossarySet,
    Term,
    check_unique_forms,
    duplicate_key,
    load_glossary,
)
from reader.pipeline.glossary_rule import (
    Candidate,
    Place,
    UserSide,
    in_force,
    is_glossary_name,
    named_glossary,
)
from reader.text.errors import Problem, ReaderError, Severity
from reader.text.i18n import _
from reader.text.resources import glossary_dir
from reader.text.sanitize import visible_line
from reader.text.textfile import read_text


def _name_line(text: Path, name: str) -> int | None:
    """The front-matter line that names ``name`` (for the warning), if it can be found:
    read again only when a name is refused, so the usual path costs nothing."""
    try:
        head = front_matter_head(read_text(text))
    except (ReaderError, OSError):
        return None
    if head is None:
        return None
    lines = head.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("glossary")), None)
    if start is None:
        return None
    for number in range(start, len(lines)):
        if name in lines[number]:
            return number + 1
    return start + 1


@dataclass(frozen=True)
class Glossaries:
    """The glossaries in force for a text, and what went wrong finding them."""

    glossary_set: GlossarySet
    problems: tuple[Problem, ...] = ()
    named: frozenset[str] = frozenset()
    """The paths (:attr:`Glossary.path`) of those the text names or ``--glossary`` gave:
    the ones ``reader check`` says which terms of go unmentioned."""


def glossaries_for(
    doc: Document,
    text: Path,
    extra: Sequence[Path] = (),
    *,
    strict: bool = False,
    user: UserSide | None = None,
) -> Glossaries:
    """Load the glossaries the rule gives the text (:func:`~.glossary_rule.in_force`).

    A glossary the text names but that cannot be found is a warning, and one that cannot
    be loaded (unreadable, not valid YAML, or defining a form a glossary before it
    defines) is an error among the problems, with its file and line: either is left out
    and the text opens with the others, as the reader wants. Entries in error are errors
    among the problems too, every one of them, and only those entries are left out of
    their glossary. ``strict`` (the commands' way, where the glossary is the point)
    raises instead, with every error of the glossary at once. What is wrong with a
    glossary in force by the user's choice (``user``) is only ever a warning.
    """
    problems: list[Problem] = []
    loaded: dict[Path, Glossary] = {}  # by real path: one named twice is used once
    named: set[str] = set()
    lenient: set[str] = set()

    def load(found: Candidate) -> Glossary | None:
        chosen = found.reason is not None and found.reason.chosen
        display_name = _candidate_display(found)
        stops = strict and not chosen
        try:
            glossary = load_glossary(found.path, display_name=display_name, partial=not stops)
        except ReaderError as error:
            if stops:
                raise
            problems.extend(_warnings(error.problems) if chosen else error.problems)
            return None
        problems.extend(_warnings(glossary.errors) if chosen else glossary.errors)
        return glossary

    if user is not None and user.problem is not None:
        problems.append(user.problem)
    for name in doc.meta.glossaries or ():
        if not is_glossary_name(name):
            problems.append(
                Problem(
                    doc.path,
                    _(
                        "glossary '{name}' refused: a glossary is named, not given by path "
                        "(no '/', '\\', '..' or absolute path)"
                    ).format(name=visible_line(name)),
                    _name_line(text, name),
                    severity=Severity.WARNING,
                )
            )
        elif named_glossary(name, text) is None:
            problems.append(
                Problem(
                    doc.path,
                    _("glossary '{name}' not found").format(name=name),
                    severity=Severity.WARNING,
                )
            )
    for found in in_force(doc, text, extra, user):
        if (glossary := load(found)) is not None:
            loaded.setdefault(found.path.resolve(), glossary)
            if found.reason is not None and found.reason.named:
                named.add(glossary.path)
            if found.reason is not None and found.reason.chosen:
                lenient.add(glossary.path)
    glossaries = _compatible(loaded.values(), problems, strict=strict, lenient=frozenset(lenient))
    for glossary in glossaries:  # the reader of the text sees what `reader check` says
        problems.extend(glossary.warnings)
    local = local_glossary(doc, glossaries, problems)
    if local is not None:
        glossaries.append(local)
    return Glossaries(GlossarySet(glossaries), tuple(problems), frozenset(named))


def _warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [replace(problem, severity=Severity.WARNING) for problem in problems]


def _candidate_display(found: Candidate) -> str:
    """How messages (and :attr:`Glossary.path`) name a glossary: as given with
    ``--glossary``, else :func:`display_glossary_path`."""
    return str(found.path) if found.place is Place.OPTION else _display(found.path)


def named_glossary_paths(doc: Document, text: Path, extra: Sequence[Path] = ()) -> frozenset[str]:
    """The paths (:attr:`Glossary.path`) of the glossaries ``doc`` names or ``extra``
    gives: those ``reader check`` says which terms of the text never mentions (not
    those found in a folder near it, nor those the user turned on)."""
    return frozenset(
        _candidate_display(found)
        for found in in_force(doc, text, extra)
        if found.reason is not None and found.reason.named
    )


def glossary_files(
    doc: Document, text: Path, extra: Sequence[Path] = (), user: UserSide | None = None
) -> list[Path]:
    """The glossary files :func:`glossaries_for` reads for ``doc``, in its order: what
    the reader watches for changes while the text is open."""
    return [found.path for found in in_force(doc, text, extra, user)]


def _compatible(
    glossaries: Iterable[Glossary],
    problems: list[Problem],
    *,
    strict: bool = False,
    lenient: frozenset[str] = frozenset(),
) -> list[Glossary]:
    """The glossaries in order, less each that defines a form one before it defines (the
    errors, one per form and naming both, go to ``problems``): what :class:`GlossarySet`
    would refuse. ``strict`` raises them instead, except for the glossaries whose path
    is in ``lenient`` (in force by the user's choice: left out with a warning)."""
    kept: list[Glossary] = []
    for glossary in glossaries:
        try:
            check_unique_forms([*kept, glossary])
        except ReaderError as error:
            if glossary.path in lenient:
                problems.extend(_warnings(error.problems))
            elif strict:
                raise
            else:
                problems.extend(error.problems)
            continue
        kept.append(glossary)
    return kept


LOCAL_GLOSSARY = "local"
"""Name of the glossary made of the entries a text defines itself."""


def local_glossary(
    doc: Document, loaded: Sequence[Glossary], problems: list[Problem]
) -> Glossary | None:
    """The text's own entries (abbreviation lines, a "Glossário" definition list) as a
    glossary named "local" at the text's path; None if it defines none.

    An entry whose term is already a term or alias of a loaded glossary (or of an earlier
    local entry), ignoring case, accents, invisible characters and compatibility forms
    (:func:`~reader.glossary.load.duplicate_key`), is skipped with a warning in
    ``problems``.
    """
    if not doc.local_terms:
        return None
    owners: dict[str, Term] = {
        _key(form): term for glossary in loaded for term in glossary.terms for form in term.forms
    }
    terms: list[Term] = []
    for entry in doc.local_terms:
        other = owners.get(_key(entry.term))
        if other is not None:
            where = doc.path if other.glossary == LOCAL_GLOSSARY else other.glossary
            problems.append(
                Problem(
                    doc.path,
                    _(
                        "'{term}' is already a term or alias of '{term2}' ({where}:{line}); the "
                        "text's own entry is ignored"
                    ).format(term=entry.term, term2=other.term, where=where, line=other.line),
                    entry.line,
                    severity=Severity.WARNING,
                )
            )
            continue
        term = Term(
            term=entry.term,
            short=entry.short,
            definition="" if entry.definition.strip() == entry.short.strip() else entry.definition,
            case_sensitive=entry.case_sensitive,
            glossary=LOCAL_GLOSSARY,
            line=entry.line,
        )
        owners[_key(entry.term)] = term
        terms.append(term)
    if not terms:
        return None
    return Glossary(
        name=LOCAL_GLOSSARY,
        path=doc.path,
        title=doc.meta.title,
        language=doc.meta.language,
        terms=tuple(terms),
    )


def _key(form: str) -> str:
    """Forms are the same term when they differ only in case, accents, invisible
    characters or compatibility forms."""
    return duplicate_key(form, case_sensitive=False)


def _display(path: Path) -> str:
    """Bundled files are named relative to their folder; others as given."""
    try:
        return str(path.relative_to(glossary_dir().parent))
    except ValueError:
        return str(path)


display_glossary_path = _display
"""How messages name a glossary file: a bundled one relative to its folder, others as
given (``reader check`` uses it so its messages agree with those of the texts)."""
