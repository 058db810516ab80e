"""Glossary warnings for ``reader check``: terms a text never mentions, and aliases that
shadow another term.

:func:`shadowed_forms` finds aliases of one term that contain a form of another as a
whole-word phrase, so the other can never match there; :func:`unmentioned_terms` the terms
a text's mention counts leave at zero. Both only report: wording the warnings is the CLI's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from reader.glossary.model import Term
from reader.text.fold import fold, strip_invisible


class MentionCounts(Protocol):
    """Anything that counts a text's mentions of a term, such as
    :class:`reader.index.mentions.MentionIndex` (which this layer cannot import)."""

    def count(self, term_key: str) -> int:
        """How many times the term with headword ``term_key`` is mentioned."""
        ...


def unmentioned_terms(terms: Iterable[Term], index: MentionCounts) -> list[Term]:
    """The ``terms`` never mentioned in the indexed document, in the given order."""
    return [term for term in terms if index.count(term.term) == 0]


@dataclass(frozen=True)
class Shadow:
    """An alias of one term that contains a form of another term as a whole-word phrase:
    where the longer alias is written, the other term cannot match."""

    term: Term
    """The term whose alias contains the other's form (the one to warn about)."""
    form: str
    """Its alias (or, with ``aliases_only=False``, any form) that contains the other's."""
    other: Term
    """The term that is shadowed there."""
    other_form: str


def _word_cuts(text: str) -> tuple[list[int], list[int]]:
    """Where a whole-word phrase may start and end in ``text`` (as the matcher sees it:
    no word character just before the start nor just after the end)."""
    starts = [i for i in range(len(text)) if i == 0 or not _is_word(text[i - 1])]
    ends = [i for i in range(1, len(text) + 1) if i == len(text) or not _is_word(text[i])]
    return starts, ends


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def shadowed_forms(terms: Iterable[Term], *, aliases_only: bool = True) -> list[Shadow]:
    """Every alias of a term that contains a form of another term as a whole-word phrase
    ("expurgo do Exército Vermelho" hides "Exército Vermelho").

    Headwords are left out unless ``aliases_only`` is False: a compound headword such as
    "Batalha de Stalingrado" is the author's choice, an alias swallowing another term is
    more likely an oversight. Forms are compared as matched (ignoring invisible
    characters, and case and accents unless the shorter form is case sensitive). Each
    sub-phrase of each alias is looked up in a table of forms, so this stays fast for
    thousands of terms.
    """
    all_terms = list(terms)
    folded: dict[str, tuple[Term, str]] = {}
    exact: dict[str, tuple[Term, str]] = {}
    for term in all_terms:
        for form in term.forms:
            if term.case_sensitive:
                exact.setdefault(strip_invisible(form), (term, form))
            elif key := fold(form):
                folded.setdefault(key, (term, form))
    found: list[Shadow] = []
    for term in all_terms:
        seen: set[tuple[str, str]] = set()
        for form in term.aliases if aliases_only else term.forms:
            for text, table in ((fold(form), folded), (strip_invisible(form), exact)):
                if not table:
                    continue
                starts, ends = _word_cuts(text)
                for start in starts:
                    for end in ends:
                        if end <= start or (start == 0 and end == len(text)):
                            continue
                        hit = table.get(text[start:end])
                        if hit is None or hit[0].term == term.term:
                            continue
                        if (form, hit[0].term) in seen:
                            continue
                        seen.add((form, hit[0].term))
                        found.append(Shadow(term, form, hit[0], hit[1]))
    return found
