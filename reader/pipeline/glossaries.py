"""The glossaries in force for a text: the ones it names, its language's, its own.

A text names its glossaries in front matter; each name is looked for beside the text
(``../glossary/<name>.yaml`` and ``./glossary/<name>.yaml``) and then among the bundled
ones. Without names, every bundled glossary in the text's language is used. A glossary
that is missing is a warning; one that is broken stops the commands (strict) and is a
problem the reader shows while it opens the text with the others. A name is a name, never a
path: one with a path separator, ``..`` or a drive is refused with a warning, so a text
cannot make the reader load (and show) a YAML file from anywhere else.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

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
from reader.text.errors import Problem, ReaderError, Severity
from reader.text.i18n import _
from reader.text.resources import bundled_glossaries, glossary_dir
from reader.text.sanitize import visible_line
from reader.text.textfile import read_text


def _language_matches(glossary_language: str, text_language: str) -> bool:
    def primary(tag: str) -> str:
        return tag.split("-", 1)[0].lower()

    return primary(glossary_language) == primary(text_language)


def is_glossary_name(name: str) -> bool:
    """Whether ``name`` is a plain glossary name: not empty, no path separator (``/`` or
    ``\\``), not ``.`` or ``..``, no drive or root: nothing that reaches another folder."""
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\0" in name:
        return False
    return not (PurePosixPath(name).is_absolute() or PureWindowsPath(name).drive)


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


def _named_glossary(name: str, text: Path) -> Path | None:
    for folder in (text.parent / "glossary", text.parent.parent / "glossary", glossary_dir()):
        candidate = folder / f"{name}.yaml"
        if candidate.is_file():
            return candidate
    return None


@dataclass(frozen=True)
class Glossaries:
    """The glossaries in force for a text, and what went wrong finding them."""

    glossary_set: GlossarySet
    problems: tuple[Problem, ...] = ()


def glossaries_for(
    doc: Document, text: Path, extra: Sequence[Path] = (), *, strict: bool = False
) -> Glossaries:
    """Load the glossaries a text asks for (or its language's bundled ones) plus ``extra``.

    A glossary the text names but that cannot be found is a warning, and one that cannot
    be loaded (unreadable, not valid YAML, or defining a form a glossary before it
    defines) is an error among the problems, with its file and line: either is left out
    and the text opens with the others, as the reader wants. Entries in error are errors
    among the problems too, every one of them, and only those entries are left out of
    their glossary. ``strict`` (the commands' way, where the glossary is the point)
    raises instead, with every error of the glossary at once.
    """
    problems: list[Problem] = []
    loaded: dict[Path, Glossary] = {}  # by real path: one named twice is used once

    def load(path: Path, display_name: str) -> Glossary | None:
        try:
            glossary = load_glossary(path, display_name=display_name, partial=not strict)
        except ReaderError as error:
            if strict:
                raise
            problems.extend(error.problems)
            return None
        problems.extend(glossary.errors)
        return glossary

    if doc.meta.glossaries is not None:
        for name in doc.meta.glossaries:
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
                continue
            found = _named_glossary(name, text)
            if found is None:
                problems.append(
                    Problem(
                        doc.path,
                        _("glossary '{name}' not found").format(name=name),
                        severity=Severity.WARNING,
                    )
                )
            elif (glossary := load(found, _display(found))) is not None:
                loaded.setdefault(found.resolve(), glossary)
    else:
        for path in bundled_glossaries():
            glossary = load(path, _display(path))
            if glossary is not None and _language_matches(glossary.language, doc.meta.language):
                loaded.setdefault(path.resolve(), glossary)
    for path in extra:
        if path.resolve() not in loaded and (glossary := load(path, str(path))) is not None:
            loaded[path.resolve()] = glossary
    glossaries = list(loaded.values()) if strict else _compatible(loaded.values(), problems)
    for glossary in glossaries:  # the reader of the text sees what `reader check` says
        problems.extend(glossary.warnings)
    local = local_glossary(doc, glossaries, problems)
    if local is not None:
        glossaries.append(local)
    return Glossaries(GlossarySet(glossaries), tuple(problems))


def glossary_files(doc: Document, text: Path, extra: Sequence[Path] = ()) -> list[Path]:
    """The glossary files :func:`glossaries_for` reads for ``doc`` (found ones: named by
    the text, else the bundled ones), then ``extra``: what the reader watches for
    changes while the text is open."""
    if doc.meta.glossaries is None:
        found = bundled_glossaries()
    else:
        named = (_named_glossary(n, text) for n in doc.meta.glossaries if is_glossary_name(n))
        found = [path for path in named if path is not None]
    return [*found, *extra]


def _compatible(glossaries: Iterable[Glossary], problems: list[Problem]) -> list[Glossary]:
    """The glossaries in order, less each that defines a form one before it defines (the
    errors, one per form and naming both, go to ``problems``): what :class:`GlossarySet`
    would refuse."""
    kept: list[Glossary] = []
    for glossary in glossaries:
        try:
            check_unique_forms([*kept, glossary])
        except ReaderError as error:
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
