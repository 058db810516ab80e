"""What a text names that its glossaries do not: ``reader glossary suggest``'s analysis.

Given a text as passages (the text of each block, the context note's too) and the
glossaries in force, it lists what probably deserves an entry, or an alias, and has none:

* **names**: runs of capitalised words ("Operação Azul", "6º Exército", "Homem do Ano",
  joined by "de", "do", "von"…) that no glossary form covers. A run that opens a sentence
  loses its first word unless that word is capitalised somewhere mid-sentence too (so
  "Expurgou o exército" offers nothing, "Paulus, promovido" still offers "Paulus");
* **acronyms**: words of two capitals or more ("NKVD"), Roman numerals aside;
* **near an entry**: a word that no form matches but that shares its stem with the head of
  one of an entry's forms, its first word that is not a function word ("expurgou" ~
  *Grande Expurgo*, "burocracia" ~ *burocracia stalinista*): an alias to add, probably.
  Only heads count: "soviéticos" is no hint of *contraofensiva soviética*;
* **topic of an entry**: for an entry the text never mentions, the sentence of the text's
  own words that shares most with what the entry says (the terms it names, the stems of
  its words): "ofensiva contra a URSS" ~ *Operação Barbarossa*, whose definition speaks of
  Hitler, the Red Army, an offensive;
* **repeated terms**: words of five letters or more, no function words, met twice or more
  where no form matches.

Each comes with its count and its first place, the best (most frequent) first. Pure: no
files, no printing; the CLI (:mod:`reader.cli.glossary`) reads the text and says where.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from reader.glossary.function_words import MIN_TERM_LETTERS, is_function_word
from reader.glossary.load import GlossarySet
from reader.glossary.matcher import TermMatch
from reader.glossary.model import Term
from reader.text.fold import fold

_WORD = re.compile(r"\w+(?:[-’'.]\w+)*")
"""A word, hyphenated or elided words and dotted ordinals ("6.º") whole."""
_ORDINAL = re.compile(r"\d+\.?[ºª°]")
_ROMAN = re.compile(r"[IVXLCDM]+")
_CONNECTORS = frozenset(
    {"de", "da", "do", "das", "dos", "di", "du", "del", "della", "von", "van", "der", "den"}
)
"""Lowercase words that join the parts of a name ("Batalha de Stalingrado")."""
_OPENERS = "“\"'‘«([—–- "
_SENTENCE_ENDS = ".!?…"
_SENTENCE = re.compile(r"[^.!?…]+(?:[.!?…]+|$)")
_STEM = 6
"""Letters of a word kept as its stem when comparing a passage with an entry's topic."""
_NEAR_PREFIX = 5
_TOPIC_MIN_SHARED = 4
"""Items (terms and stems) a sentence must share with an entry to be offered for it."""


class Kind(StrEnum):
    """What a suggestion is."""

    NAME = "name"
    ACRONYM = "acronym"
    NEAR = "near"
    TOPIC = "topic"
    REPEATED = "repeated"


@dataclass(frozen=True)
class Passage:
    """A piece of text to look through: a block of the text, or of a note with it."""

    text: str
    own: bool = True
    """The text's own words; False for what comes with it (its context note): names are
    taken from those too, topics only from the text's own words."""


@dataclass(frozen=True)
class Place:
    """Where in the passages: ``passages[passage].text[start:end]``."""

    passage: int
    start: int
    end: int


@dataclass(frozen=True)
class Suggestion:
    """One thing a glossary could add, with how often and where first."""

    kind: Kind
    text: str
    """The phrase, as the text writes it most often (for a topic: the part of the
    sentence from the first shared word to the last)."""
    count: int
    first: Place
    entry: str | None = None
    """For ``NEAR`` and ``TOPIC``: the term whose forms or topic suggest it."""


@dataclass(frozen=True)
class _Token:
    passage: int
    start: int
    end: int
    text: str
    folded: str = field(compare=False)

    @property
    def key(self) -> tuple[int, int]:
        return self.passage, self.start

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()

    @property
    def ordinal(self) -> bool:
        return _ORDINAL.fullmatch(self.text) is not None

    @property
    def acronym(self) -> bool:
        letters = [char for char in self.text if char.isalpha()]
        return len(letters) >= 2 and self.text.isupper() and not _ROMAN.fullmatch(self.text)


@dataclass
class _Text:
    """The passages tokenised once, with what the glossaries cover."""

    passages: Sequence[Passage]
    glossary: GlossarySet
    language: str
    tokens: list[list[_Token]] = field(init=False)
    covered: list[list[tuple[int, int]]] = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = [_tokens(index, p.text) for index, p in enumerate(self.passages)]
        self.covered = [
            [(match.start, match.end) for match in self.matches(p.text)] for p in self.passages
        ]

    def matches(self, text: str) -> list[TermMatch]:
        """Where the glossaries' forms are in ``text``."""
        return self.glossary.matcher.find(text) if len(self.glossary) else []

    def free(self) -> list[list[_Token]]:
        """The tokens no glossary form covers, passage by passage."""
        return [
            [token for token in line if not _inside(token, self.covered[token.passage])]
            for line in self.tokens
        ]

    def sentence_start(self, token: _Token) -> bool:
        """Whether ``token`` opens its passage or a sentence."""
        before = self.passages[token.passage].text[: token.start].rstrip(_OPENERS)
        return not before or before[-1] in _SENTENCE_ENDS

    def adjacent(self, left: _Token, right: _Token) -> bool:
        """Two words of one name: in the same passage, white space alone between them."""
        text = self.passages[left.passage].text
        return left.passage == right.passage and not text[left.end : right.start].strip()

    def content(self, token: _Token) -> bool:
        return token.folded.isalpha() and not is_function_word(token.folded, self.language)


def suggest(
    passages: Sequence[Passage], glossary: GlossarySet, language: str = "und"
) -> list[Suggestion]:
    """Everything worth an entry or an alias in ``passages``: names, acronyms, words near
    an entry, topics of entries never mentioned, repeated terms; each kind best first."""
    text = _Text(passages, glossary, language)
    free = text.free()
    mid_capitals = {
        token.folded
        for line in text.tokens
        for token in line
        if token.capitalised and not text.sentence_start(token)
    }
    names = [run for line in free for run in _name_runs(text, line, mid_capitals)]
    named = {token.key for run in names for token in run}
    acronyms = [[t] for line in free for t in line if t.acronym and t.key not in named]
    words = [
        token
        for line in free
        for token in line
        if token.key not in named
        and text.content(token)
        and (not token.capitalised or token.folded not in mid_capitals)
    ]
    near = _near(words, glossary, language)
    near_words = {suggestion.text.casefold() for suggestion in near}
    repeated = _grouped(
        [[token] for token in words if token.text.casefold() not in near_words], Kind.REPEATED
    )
    return [
        *_grouped(names, Kind.NAME),
        *_grouped(acronyms, Kind.ACRONYM),
        *near,
        *_topics(text, exclude={suggestion.entry for suggestion in near}),
        *(suggestion for suggestion in repeated if suggestion.count >= 2),
    ]


def _tokens(passage: int, text: str) -> list[_Token]:
    return [
        _Token(passage, match.start(), match.end(), match.group(), fold(match.group()))
        for match in _WORD.finditer(text)
    ]


def _inside(token: _Token, ranges: list[tuple[int, int]]) -> bool:
    """Whether ``token`` is within one of ``ranges`` (sorted, not overlapping: matches)."""
    at = bisect_right(ranges, (token.start, math.inf)) - 1
    return at >= 0 and ranges[at][0] <= token.start and token.end <= ranges[at][1]


def _name_runs(text: _Text, line: list[_Token], mid_capitals: set[str]) -> list[list[_Token]]:
    """Runs of capitalised words (and ordinals before one) separated by white space or a
    connector, without a sentence's opening word nobody capitalises elsewhere."""
    runs: list[list[_Token]] = []
    index = 0
    while index < len(line):
        if not _opens_name(line, index):
            index += 1
            continue
        run = [line[index]]
        index += 1
        while index < len(line) and text.adjacent(run[-1], line[index]):
            if _opens_name(line, index):
                run.append(line[index])
                index += 1
            elif (
                line[index].text in _CONNECTORS
                and index + 1 < len(line)
                and text.adjacent(line[index], line[index + 1])
                and _opens_name(line, index + 1)
            ):
                run.extend(line[index : index + 2])
                index += 2
            else:
                break
        if text.sentence_start(run[0]) and run[0].folded not in mid_capitals:
            run = run[1:]
        while run and run[0].text in _CONNECTORS:
            run = run[1:]
        if len(run) > 1 or (run and _single_name(run[0])):
            runs.append(run)
    return runs


def _opens_name(line: list[_Token], index: int) -> bool:
    token = line[index]
    if token.ordinal:
        return index + 1 < len(line) and line[index + 1].capitalised
    return token.capitalised and token.text[0].isalpha()


def _single_name(token: _Token) -> bool:
    """A one-word name: not an acronym (listed apart), a Roman numeral or a letter."""
    letters = sum(char.isalpha() for char in token.text)
    return letters >= 2 and not token.acronym and not _ROMAN.fullmatch(token.text)


def _grouped(
    occurrences: list[list[_Token]], kind: Kind, entry: str | None = None
) -> list[Suggestion]:
    """One suggestion per phrase (case and accents ignored), most frequent first."""
    groups: dict[str, list[list[_Token]]] = {}
    for run in occurrences:
        groups.setdefault(" ".join(token.folded for token in run), []).append(run)
    found = []
    for runs in groups.values():
        surfaces = Counter(" ".join(token.text for token in run) for run in runs)
        # The most frequent spelling; between equals, the one not capitalised at a
        # sentence's start ("apesar" rather than "Apesar").
        first = runs[0]
        place = Place(first[0].passage, first[0].start, first[-1].end)
        spelling = max(surfaces, key=lambda text: (surfaces[text], text[0].islower()))
        found.append(Suggestion(kind, spelling, len(runs), place, entry))
    found.sort(key=lambda s: (-s.count, -len(s.text.split()), s.first.passage, s.first.start))
    return found


def _content_words(text: str, language: str) -> list[str]:
    """The folded words of ``text`` that are not function words (nor too short)."""
    words = (fold(match.group()) for match in _WORD.finditer(text))
    return [word for word in words if word.isalpha() and not is_function_word(word, language)]


def _near(words: list[_Token], glossary: GlossarySet, language: str) -> list[Suggestion]:
    """Words sharing a stem with the head of an entry's form: for each, the entry whose
    form it heads with fewest other words (the most telling), most frequent first."""
    heads: dict[str, tuple[int, str]] = {}
    """The head of each form: the fewest other words it comes with, and its term."""
    for term in glossary.terms.values():
        if term.case_sensitive:  # its forms are exact on purpose
            continue
        for form in term.forms:
            content = _content_words(form, language)
            if content:
                candidate = (len(content), term.term)
                heads[content[0]] = min(heads.get(content[0], candidate), candidate)
    by_opening: dict[str, list[str]] = {}
    for head in heads:
        by_opening.setdefault(head[:_NEAR_PREFIX], []).append(head)
    by_entry: dict[tuple[str, str], list[list[_Token]]] = {}
    nearest: dict[str, tuple[int, str] | None] = {}
    for token in words:
        if token.folded not in nearest:
            candidates = by_opening.get(token.folded[:_NEAR_PREFIX], [])
            near = [heads[head] for head in candidates if _similar(token.folded, head)]
            nearest[token.folded] = min(near) if near else None
        best = nearest[token.folded]
        if best is not None:
            by_entry.setdefault((best[1], token.folded), []).append([token])
    found = [
        suggestion
        for (term, _), runs in by_entry.items()
        for suggestion in _grouped(runs, Kind.NEAR, term)
    ]
    found.sort(key=lambda s: (-s.count, s.first.passage, s.first.start))
    return found


def _similar(word: str, form_word: str) -> bool:
    """The same stem: a long common opening covering most of the shorter word."""
    if len(word) < MIN_TERM_LETTERS or len(form_word) < MIN_TERM_LETTERS:
        return False
    common = 0
    for left, right in zip(word, form_word, strict=False):
        if left != right:
            break
        common += 1
    return common >= _NEAR_PREFIX and common >= 0.8 * min(len(word), len(form_word))


def _topics(text: _Text, *, exclude: set[str | None]) -> list[Suggestion]:
    """For each entry the passages never mention, the sentence of the text's own words
    sharing most with it (items weighed by how few entries speak of them).

    Each sentence's items are gathered once and indexed by item, so an entry costs the
    sentences that share something with it, not a pass over the text."""
    glossary = text.glossary
    mentioned = {match.term for passage in text.passages for match in text.matches(passage.text)}
    bags = {
        term.term: _entry_bag(term, glossary, text.language) for term in glossary.terms.values()
    }
    frequency = Counter(item for bag in bags.values() for item in bag)
    weight = {item: 1 + math.log(len(bags) / count) for item, count in frequency.items()}
    sentences: list[tuple[int, dict[str, tuple[int, int]]]] = []
    postings: dict[str, list[int]] = {}
    for index, passage in enumerate(text.passages):
        if not passage.own:
            continue
        for sentence in _SENTENCE.finditer(passage.text):
            items = _items(text, index, sentence.span())
            for item in items:
                postings.setdefault(item, []).append(len(sentences))
            sentences.append((index, items))
    found = []
    for term in glossary.terms.values():
        if term.term in mentioned or term.term in exclude:
            continue
        scores: dict[int, float] = {}
        shared: Counter[int] = Counter()
        for item in bags[term.term]:
            for number in postings.get(item, ()):
                scores[number] = scores.get(number, 0.0) + weight[item]
                shared[number] += 1
        ranked = [n for n in scores if shared[n] >= _TOPIC_MIN_SHARED]
        if not ranked:
            continue
        number = max(ranked, key=lambda n: (scores[n], -n))
        index, items = sentences[number]
        places = [where for item, where in items.items() if item in bags[term.term]]
        place = Place(index, min(p[0] for p in places), max(p[1] for p in places))
        words = text.passages[index].text[place.start : place.end].split()
        found.append(Suggestion(Kind.TOPIC, " ".join(words), 1, place, term.term))
    return found


def _entry_bag(term: Term, glossary: GlossarySet, language: str) -> set[str]:
    """What an entry speaks of: the terms its text and its "see also" name, and the stems
    of its words."""
    said = f"{term.short}\n{term.definition}"
    bag = {f"term:{match.term}" for match in glossary.matcher.find(said)}
    bag.discard(f"term:{term.term}")
    for name in term.see_also:
        target = glossary.lookup(name)
        if target is not None:
            bag.add(f"term:{target.term}")
    bag.update(word[:_STEM] for word in _content_words(said, language))
    return bag


def _items(text: _Text, index: int, span: tuple[int, int]) -> dict[str, tuple[int, int]]:
    """What the sentence at ``span`` of passage ``index`` speaks of (the terms it names,
    the stems of its other words), each with where it first does."""
    start, end = span
    items: dict[str, tuple[int, int]] = {}
    matched = []
    for match in text.matches(text.passages[index].text[start:end]):
        where = (start + match.start, start + match.end)
        matched.append(where)
        items.setdefault(f"term:{match.term}", where)
    for token in text.tokens[index]:
        if start <= token.start < end and not _inside(token, matched) and text.content(token):
            items.setdefault(token.folded[:_STEM], (token.start, token.end))
    return items
