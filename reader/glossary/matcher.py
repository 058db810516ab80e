"""Find every glossary term in a text in one pass.

All surface forms of all terms are compiled into one regular expression shaped like a trie
(common prefixes factored out), so the regex engine never retries thousands of
alternatives at each position: a book-sized text and a 5,000-term glossary are matched in
one scan. Case- and accent-insensitive forms are matched over a folded copy of the text
(:mod:`reader.text.fold`) and mapped back; ``case_sensitive`` forms get their own
pattern over the original text less its invisible characters. Either way a soft hyphen or
a zero-width character inside a word does not stop its term from matching, and the match
covers the word with the invisible characters inside it. Both patterns require whole
words on both sides and let any run of whitespace stand for a space, so a term split by a
soft line break still matches. Overlaps are resolved leftmost-longest.

A whole document is matched in a few calls (:meth:`TermMatcher.find_all`): its texts are
joined, a few tens of thousands of characters at a time, with a character no form holds
and no word has between them (:func:`_separator`), so the folding and the scan run once a
chunk rather than once a paragraph; the separator stands where each text begins and ends,
so what matches is exactly what matching each text alone finds. Each pattern also starts
with the non-word character before its match (a literal the regex engine scans for,
rather than trying the trie at every position).
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from reader.glossary.compiled import compiled
from reader.glossary.model import Term
from reader.text.fold import (
    PIECE,
    fold,
    fold_with_offsets,
    is_invisible,
    strip_invisible,
    strip_invisible_with_offsets,
)


@dataclass(frozen=True, order=True)
class TermMatch:
    """One occurrence of a term in a text."""

    start: int
    """Offset of the first character in the original text."""
    end: int
    """Offset one past the last character."""
    term: str
    """Key (headword) of the term matched."""


def normalise_form(form: str) -> str:
    """Collapse runs of whitespace, so "Exército  Vermelho" and "Exército Vermelho" agree."""
    return " ".join(form.split())


def _trie_regex(forms: Iterable[str]) -> str:
    """A regex source matching exactly ``forms``, longest first, factored as a trie."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_regex(trie)


@lru_cache(maxsize=1024)
def _atom(char: str) -> str:
    """The regex of one character of a form: any run of whitespace stands for a space."""
    return r"\s+" if char == " " else re.escape(char)


def _node_regex(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    # A chain of nodes with one child each and no form ending in them (the tail of most
    # forms) is written out in one go rather than recursing once per character.
    chain = []
    while len(node) == 1 and "" not in node:
        char, node = next(iter(node.items()))
        chain.append(_atom(char))
    ends_here = "" in node
    chars = sorted(key for key in node if key)
    if not chars:
        return "".join(chain)
    branches = [_atom(char) + _node_regex(node[char]) for char in chars]
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        body = f"(?:{body})?"
    return "".join(chain) + body


_WORD_OR_SPACE: Final = re.compile(r"[\w\s]")

CHUNK: Final = PIECE
"""About how many characters of a document's texts are joined and matched in one go."""


@lru_cache(maxsize=4)
def _compile(forms: frozenset[str]) -> re.Pattern[str] | None:
    """The pattern of ``forms``, kept for the last few sets of forms: a process that opens
    several texts with the same glossaries builds their matcher's regex once, and one
    run gets it from the last (:mod:`reader.glossary.compiled`).

    It matches the character before the form too (group 1 is the form): a whole word
    starts after a non-word character, and a pattern that starts with one lets the regex
    engine skip to the next candidate instead of trying the trie at every position. The
    text is searched with a non-word character in front (see :meth:`TermMatcher._scan`).
    """
    if not forms:
        return None
    return compiled(forms, lambda: r"\W(" + _trie_regex(forms) + r")(?!\w)")


class TermMatcher:
    """Built once per set of terms; :meth:`find` is then called per text."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self._folded: dict[str, str] = {}
        self._exact: dict[str, str] = {}
        for term in terms:
            for form in term.forms:
                if term.case_sensitive:
                    if exact := normalise_form(strip_invisible(form)):
                        self._exact.setdefault(exact, term.term)
                # Invisible characters and combining marks alone fold to "": match nothing.
                elif folded := normalise_form(fold(form)):
                    self._folded.setdefault(folded, term.term)
        self._plain_forms = {
            form: term for form, term in self._folded.items() if normalise_form(form) == form
        }
        """The folded forms a match needs no normalising to be looked up by (all, really)."""
        self._folded_pattern = _compile(frozenset(self._folded))
        self._exact_pattern = _compile(frozenset(self._exact))
        self._separator = _separator({*self._folded, *self._exact})

    def __bool__(self) -> bool:
        return bool(self._folded or self._exact)

    def find(self, text: str, exclude: Sequence[tuple[int, int]] = ()) -> list[TermMatch]:
        """Every term occurrence in ``text``, in order, not overlapping each other nor any
        of the ``exclude`` ranges (code spans, link texts)."""
        return self.find_all([(text, exclude)])[0]

    def find_all(
        self, texts: Iterable[tuple[str, Sequence[tuple[int, int]]]]
    ) -> list[list[TermMatch]]:
        """:meth:`find` of each ``(text, exclude)``: :meth:`iter_all`, as a list."""
        return list(self.iter_all(texts))

    def iter_all(
        self, texts: Iterable[tuple[str, Sequence[tuple[int, int]]]]
    ) -> Iterator[list[TermMatch]]:
        """:meth:`find` of each ``(text, exclude)`` in turn, with a scan a chunk of texts
        (about :data:`CHUNK` characters), not a call a text: a book's ten thousand
        paragraphs cost a few hundred scans. Lazy: a chunk is scanned when its first
        text's matches are asked for, so a book's matches are never all held at once."""
        batch: list[str] = []
        excludes: list[Sequence[tuple[int, int]]] = []
        size = 0
        for text, exclude in texts:
            if size + len(text) > CHUNK and batch:
                yield from self._find_joined(batch, excludes)
                batch, excludes, size = [], [], 0
            batch.append(text)
            excludes.append(exclude)
            size += len(text) + 1
        if batch:
            yield from self._find_joined(batch, excludes)

    def _find_joined(
        self, texts: list[str], excludes: list[Sequence[tuple[int, int]]]
    ) -> list[list[TermMatch]]:
        """The matches of each of ``texts``, found in their joined text."""
        separator = self._separator
        joined = separator + separator.join(texts) + separator
        starts: list[int] = []
        position = 1
        for text in texts:
            starts.append(position)
            position += len(text) + 1
        found: list[TermMatch] = []
        if self._folded_pattern is not None:
            folded, offsets = fold_with_offsets(joined)
            plain, forms = self._plain_forms, self._folded
            for start, end, form in _scan(self._folded_pattern, folded):
                if offsets is not None:
                    start, end = _original_span(offsets, start, end, joined)
                key = plain.get(form)
                if key is None:  # a run of whitespace stood for a space
                    key = forms[normalise_form(form)]
                found.append(TermMatch(start, end, key))
        if self._exact_pattern is not None:
            stripped, offsets = strip_invisible_with_offsets(joined)
            exact: list[TermMatch] = []
            for start, end, form in _scan(self._exact_pattern, stripped):
                if offsets is not None:
                    start, end = _original_span(offsets, start, end, joined)
                exact.append(TermMatch(start, end, self._exact[normalise_form(form)]))
            if exact:
                found = _leftmost_longest(found, exact) if found else exact
        results: list[list[TermMatch]] = [[] for _ in texts]
        index = 0
        for match in found:  # in order: each text's matches follow the text before's
            while index + 1 < len(starts) and match.start >= starts[index + 1]:
                index += 1
            base = starts[index]
            results[index].append(TermMatch(match.start - base, match.end - base, match.term))
        for index, exclude in enumerate(excludes):
            if exclude and results[index]:
                results[index] = _outside(results[index], exclude)
        return results


def _separator(forms: Iterable[str]) -> str:
    """A character to join texts with: not a word character nor a space (a form's
    space may stand for any), the same once folded or stripped, and in none of
    ``forms`` (NUL, unless a form holds it): no match can reach across it, and it stands
    where a text starts and ends."""
    used = set("".join(forms))
    for code in range(0x110000):
        char = chr(code)
        if char not in used and fold(char) == char and _WORD_OR_SPACE.match(char) is None:
            return char
    raise AssertionError("every character is in a form")  # pragma: no cover


def _scan(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, int, str]]:
    """Start, end and text of each match of ``pattern`` (see :func:`_compile`) in
    ``text``, which starts with a non-word character, left to right.

    Each search starts at the last character of the match before, which, if it is not a
    word character, may be the one before the next form ("U.S.(x)"): as when the lookbehind
    ``(?<!\\w)`` was the pattern's start.
    """
    search = pattern.search
    position = 0
    while (hit := search(text, position)) is not None:
        start, end = hit.span(1)
        yield start, end, hit.group(1)
        position = end - 1 if end > start else end


def _original_span(offsets: list[int], start: int, end: int, text: str) -> tuple[int, int]:
    """The span in ``text`` of a match at ``start:end`` of its folded or stripped copy:
    the invisible characters inside the word are covered, those just after it are not
    (dropped combining marks after the last letter are: they belong to it)."""
    start, end = offsets[start], offsets[end]
    while end > start + 1 and is_invisible(text[end - 1]):
        end -= 1
    return start, end


def _leftmost_longest(folded: list[TermMatch], exact: list[TermMatch]) -> list[TermMatch]:
    """The matches of both lists (each in order, not overlapping) that a left-to-right
    reading keeps: the leftmost, and the longest of those starting together. A merge of
    the two, not a sort of both: one sort of a million matches is one C call, holding the
    GIL for seconds while the UI thread waits."""
    kept: list[TermMatch] = []
    for match in heapq.merge(folded, exact, key=lambda match: (match.start, -match.end)):
        if not kept or match.start >= kept[-1].end:
            kept.append(match)
    return kept


def _outside(matches: list[TermMatch], ranges: Sequence[tuple[int, int]]) -> list[TermMatch]:
    """The ``matches`` (in order, not overlapping) that overlap none of ``ranges``.

    One sweep over both, the ranges sorted and merged first: a paragraph with 100,000
    terms and 100,000 code spans costs 200,000 steps, not 10 billion. A zero-width range
    excludes the matches it falls strictly inside of.
    """
    merged: list[list[int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    kept: list[TermMatch] = []
    current = 0
    for match in matches:
        # Ranges ending before the match cannot reach it nor any match after it.
        while current < len(merged) and merged[current][1] <= match.start:
            current += 1
        if current == len(merged) or match.end <= merged[current][0]:
            kept.append(match)
    return kept
