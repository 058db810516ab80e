"""Glossary entries as the program sees them once a YAML file has been validated."""

from __future__ import annotations

from dataclasses import dataclass

from reader.text.errors import Problem


@dataclass(frozen=True)
class Term:
    """One glossary entry: a term, how it may be written, and what it means."""

    term: str
    """The headword, as the glossary writes it; also the entry's key."""
    short: str
    """One-line summary, shown in notes, tooltips and panels."""
    aliases: tuple[str, ...] = ()
    """Other surface forms, matched like the term."""
    definition: str = ""
    """Longer Markdown, shown in the note popup."""
    see_also: tuple[str, ...] = ()
    """Other terms (of any loaded glossary) worth reading next."""
    sources: tuple[str, ...] = ()
    """Where the facts come from."""
    case_sensitive: bool = False
    """Match case and accents exactly ("Time" the magazine, not "time" the word)."""
    glossary: str = ""
    """Name of the glossary file it comes from (its stem)."""
    line: int = 0
    """Line of the entry in its glossary file, for messages."""

    @property
    def forms(self) -> tuple[str, ...]:
        """Every surface form that is matched: the term first, then its aliases."""
        return (self.term, *self.aliases)


@dataclass(frozen=True)
class Glossary:
    """A glossary file: a title, a language and its terms in file order."""

    name: str
    """File stem, the name texts use in their ``glossary:`` field."""
    path: str
    title: str
    language: str
    terms: tuple[Term, ...]
    warnings: tuple[Problem, ...] = ()
    """Non-fatal problems found while loading (unknown fields)."""
    errors: tuple[Problem, ...] = ()
    """The entries left out, each with what is wrong (only when loaded ``partial``)."""
