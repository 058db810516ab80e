"""The generated book: Portuguese-looking Markdown with a glossary of 5,000 terms.

Deterministic for a seed: the same words, terms and structure every run, so two runs (or
two checkouts) measure the same text. The book has headings, paragraphs with emphasis,
code spans and links, bullet and numbered lists, quotes, code blocks, tables and
footnotes; its front matter names the glossary (``glossary: [bench]``), which lies beside
it in ``glossary/bench.yaml``. Glossary terms are sprinkled into the text in varied case
and sometimes without their accents, as people type them.

Every chapter's first paragraph starts with :data:`MARKER`, a word found nowhere else:
the benchmark waits for it to know the text is on screen, and searches for it to step
from chapter to chapter.
"""

from __future__ import annotations

import json
import random
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

MB = 1_000_000
"""Sizes and throughputs are in decimal megabytes."""

MARKER = "Zanzibar"
"""Starts the first paragraph of every chapter (and only those)."""

# fmt: off
_FUNCTION_WORDS = (  # noqa: SIM905  (a sentence reads better than 80 quoted words)
    "de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi "
    "ao ele das tem à seu sua ou ser quando muito há nos já está também só pelo pela até "
    "isso ela entre era depois sem mesmo aos ter seus quem nas esse eles estão tinha foram "
    "essa num nem suas às numa pelos elas havia seja qual será nós sobre este esta onde"
).split()

_ONSETS = (
    "", "", "b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "ch", "qu",
    "gu", "br", "cr", "pr", "tr", "pl", "fl", "gr", "j", "x", "z",
)
_INNER_ONSETS = (*_ONSETS, "lh", "nh", "ss", "rr", "ç")
_VOWELS = ("a", "e", "i", "o", "u", "a", "e", "o", "a", "o")
_ACCENTED = ("á", "é", "í", "ó", "ú", "â", "ê", "ô", "ã", "õ")
_ENDINGS = (
    "", "", "", "s", "r", "l", "m", "ção", "ções", "dade", "mente", "inho", "eiro", "ista",
    "ão", "ões", "ês", "ura", "agem", "ismo",
)
# fmt: on


def fold(text: str) -> str:
    """Lower-case and strip accents: "Ação" and "acao" fold alike (as the matcher does)."""
    decomposed = unicodedata.normalize("NFD", " ".join(text.split()).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def make_word(rng: random.Random, syllables: tuple[int, int]) -> str:
    """One Portuguese-looking word: onset+vowel syllables, at most one accent, an ending."""
    count = rng.randint(*syllables)
    accent_at = rng.randrange(count) if rng.random() < 0.3 else -1
    parts = []
    for index in range(count):
        onset = rng.choice(_ONSETS if index == 0 else _INNER_ONSETS)
        vowel = rng.choice(_ACCENTED if index == accent_at else _VOWELS)
        parts.append(onset + vowel)
    return "".join(parts) + rng.choice(_ENDINGS)


def make_vocabulary(
    rng: random.Random, size: int, syllables: tuple[int, int], taken: set[str]
) -> list[str]:
    """``size`` distinct words whose folded forms are not in ``taken`` (which grows)."""
    words: list[str] = []
    while len(words) < size:
        word = make_word(rng, syllables)
        key = fold(word)
        if len(key) > 2 and key not in taken:
            taken.add(key)
            words.append(word)
    return words


@dataclass(frozen=True)
class GlossaryTerm:
    """One generated glossary entry."""

    term: str
    aliases: tuple[str, ...]
    short: str

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)


def make_terms(
    rng: random.Random, count: int, filler: Sequence[str], taken: set[str]
) -> list[GlossaryTerm]:
    """``count`` terms of 1–3 words, unique (with their aliases) once folded.

    Term words come from their own vocabulary, disjoint from the filler text, so a term
    only occurs where it was sprinkled in, as in a real text.
    """
    words = make_vocabulary(rng, max(200, count), (2, 4), taken)
    connectors = ("de", "do", "da", "dos")
    forms: set[str] = set()
    terms: list[GlossaryTerm] = []

    def fresh(candidate: str) -> bool:
        key = fold(candidate)
        if key in forms:
            return False
        forms.add(key)
        return True

    while len(terms) < count:
        shape = rng.random()
        if shape < 0.4:
            term = rng.choice(words)
        elif shape < 0.8:
            term = f"{rng.choice(words)} {rng.choice(words)}"
        else:
            term = f"{rng.choice(words)} {rng.choice(connectors)} {rng.choice(words)}"
        if rng.random() < 0.5:
            term = term[0].upper() + term[1:]
        if not fresh(term):
            continue
        aliases: tuple[str, ...] = ()
        if rng.random() < 0.2:
            alias = f"{rng.choice(words)} {rng.choice(words)}"
            if fresh(alias):
                aliases = (alias,)
        summary = " ".join(rng.choice(filler) for _ in range(rng.randint(5, 12)))
        terms.append(GlossaryTerm(term, aliases, f"{summary.capitalize()}."))
    return terms


def glossary_yaml(terms: Sequence[GlossaryTerm]) -> str:
    """The glossary file, in the project's format; strings are JSON-quoted (valid YAML)."""

    def quote(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    lines = ["title: Bench", "language: pt", "terms:"]
    for entry in terms:
        lines.append(f"  - term: {quote(entry.term)}")
        if entry.aliases:
            lines.append(f"    aliases: [{', '.join(quote(alias) for alias in entry.aliases)}]")
        lines.append(f"    short: {quote(entry.short)}")
    return "\n".join(lines) + "\n"


FOOTNOTES = 20
PARAGRAPHS_PER_HEADING = (25, 35)


class ArticleWriter:
    """Writes the Markdown article: paragraphs with sprinkled terms, and some structure."""

    def __init__(
        self, rng: random.Random, filler: Sequence[str], terms: Sequence[GlossaryTerm]
    ) -> None:
        self.rng = rng
        self.words = [*_FUNCTION_WORDS, *filler]
        # Zipf-like weights: function words first, so they are the most frequent.
        self.cum_weights = list(_accumulate(1.0 / (rank + 8) for rank in range(len(self.words))))
        self.terms = terms
        self.term_weights = list(_accumulate(1.0 / (rank + 1) for rank in range(len(terms))))
        self.used_terms: set[str] = set()
        self.footnotes_used = 0
        self.headings: list[str] = []
        """The text of every heading written, in order (without the ``#``)."""

    # Inline text ---------------------------------------------------------------------

    def term_form(self) -> str:
        """A term occurrence: half uniformly over all terms (so most occur), half Zipf."""
        rng = self.rng
        if rng.random() < 0.5:
            entry = rng.choice(self.terms)
        else:
            entry = rng.choices(self.terms, cum_weights=self.term_weights)[0]
        self.used_terms.add(entry.term)
        form = rng.choice(entry.forms)
        roll = rng.random()
        if roll < 0.15:
            return form.lower()
        if roll < 0.2:
            return fold(form)  # accents dropped, as people often type them
        return form

    def sentence(self, term_chance: float = 0.4) -> str:
        """One sentence of 8–22 words, maybe with a term, emphasis, code or a link."""
        rng = self.rng
        words = rng.choices(self.words, cum_weights=self.cum_weights, k=rng.randint(8, 22))
        if rng.random() < term_chance:
            words[rng.randrange(len(words))] = self.term_form()
        if rng.random() < 0.25:
            words[rng.randrange(len(words))] = self.term_form()
        roll = rng.random()
        position = rng.randrange(1, len(words))
        if roll < 0.08:
            words[position] = f"*{words[position]}*"
        elif roll < 0.12:
            words[position] = f"**{words[position]}**"
        elif roll < 0.14:
            words[position] = f"`{fold(words[position])}_{rng.randint(1, 99)}()`"
        elif roll < 0.15:
            words[position] = f"[{words[position]}](https://exemplo.org/{fold(words[position])})"
        text = " ".join(words)
        return text[0].upper() + text[1:] + rng.choice((".", ".", ".", ";", "!", "?"))

    def paragraph(self, footnote: bool = False) -> str:
        text = " ".join(self.sentence() for _ in range(self.rng.randint(3, 7)))
        if footnote and self.footnotes_used < FOOTNOTES:
            self.footnotes_used += 1
            text = text[:-1] + f"[^{self.footnotes_used}]" + text[-1]
        return text

    # Blocks --------------------------------------------------------------------------

    def heading(self, level: int, number: int) -> str:
        words = self.rng.choices(self.words[len(_FUNCTION_WORDS) :], k=self.rng.randint(2, 5))
        text = f"{number}. {' '.join(words).capitalize()}"
        self.headings.append(text)
        return f"{'#' * level} {text}"

    def bullet_list(self) -> str:
        rng = self.rng
        ordered = rng.random() < 0.4
        items = []
        for index in range(rng.randint(3, 6)):
            marker = f"{index + 1}." if ordered else "-"
            items.append(f"{marker} {self.sentence(term_chance=0.6)}")
            if rng.random() < 0.15:
                items.append(f"    - {self.sentence()}")
        return "\n".join(items)

    def quote(self) -> str:
        return f"> {self.sentence()} {self.sentence()}"

    def code_block(self) -> str:
        rng = self.rng
        lines = ["```python", f"def {fold(rng.choice(self.words))}_{rng.randint(1, 999)}(valor):"]
        for _ in range(rng.randint(3, 9)):
            name = fold(rng.choice(self.words)).replace("-", "_")
            factor = rng.randint(2, 99)
            lines.append(
                f"    {name}_{rng.randint(1, 9)} = valor * {factor}  # {rng.choice(self.words)}"
            )
        lines += ["    return valor", "```"]
        return "\n".join(lines)

    def table(self) -> str:
        rng = self.rng
        header = "| Termo | Descrição | Ano | Valor |"
        rule = "|:------|:----------|----:|------:|"
        rows = [
            f"| {self.term_form()} | {' '.join(rng.choices(self.words, k=rng.randint(3, 8)))} "
            f"| {rng.randint(1800, 2024)} | {rng.randint(1, 99_999):,} |"
            for _ in range(rng.randint(6, 10))
        ]
        return "\n".join([header, rule, *rows])

    def footnote_definitions(self) -> str:
        numbers = range(1, self.footnotes_used + 1)
        return "\n\n".join(f"[^{n}]: {self.sentence()} {self.sentence()}" for n in numbers)

    # Whole article -------------------------------------------------------------------

    def article(self, target_bytes: int) -> str:
        """Front matter, an H1, then blocks until about ``target_bytes`` are written."""
        rng = self.rng
        chunks = [
            "---\ntitle: Bench — um artigo gerado\nlanguage: pt\nglossary: [bench]\n---",
            "# Bench — um artigo gerado",
        ]
        size = sum(len(chunk.encode()) + 2 for chunk in chunks)
        expected_paragraphs = max(1, target_bytes // 620)
        footnote_every = max(1, expected_paragraphs // (FOOTNOTES + 1))
        paragraphs = 0
        chapter = 0
        next_heading = 0
        tables_at = {4, expected_paragraphs // 2}
        marked = False
        while size < target_bytes:
            block: str
            if paragraphs == next_heading:
                chapter += 1
                level = 2 if chapter % 4 != 0 else 3
                chunks.append(self.heading(level, chapter))
                size += len(chunks[-1].encode()) + 2
                next_heading += rng.randint(*PARAGRAPHS_PER_HEADING)
                marked = False
            if paragraphs in tables_at:
                block = self.table()
            elif paragraphs % 13 == 7:
                block = self.bullet_list()
            elif paragraphs % 41 == 20:
                block = self.quote()
            elif paragraphs % 67 == 33:
                block = self.code_block()
            else:
                block = self.paragraph(footnote=paragraphs % footnote_every == footnote_every // 2)
                if not marked:
                    block, marked = f"{MARKER} {block}", True
            chunks.append(block)
            size += len(block.encode()) + 2
            paragraphs += 1
        chunks.append(self.footnote_definitions())
        return "\n\n".join(chunks) + "\n"

    def one_paragraph(self, target_bytes: int) -> str:
        """Front matter, an H1, then one paragraph of about ``target_bytes``: a book with
        no paragraph breaks, the worst case for wrapping a block at once."""
        chunks = [
            "---\ntitle: Bench — um parágrafo só\nlanguage: pt\nglossary: [bench]\n---",
            "# Bench — um parágrafo só",
        ]
        sentences: list[str] = []
        size = 0
        while size < target_bytes:
            sentences.append(self.sentence())
            size += len(sentences[-1].encode()) + 1
        return "\n\n".join([*chunks, f"{MARKER} " + " ".join(sentences)]) + "\n"


def _accumulate(values: Iterable[float]) -> list[float]:
    total = 0.0
    result = []
    for value in values:
        total += value
        result.append(total)
    return result


@dataclass(frozen=True)
class Corpus:
    """What was generated, and where."""

    book: Path
    glossary: Path
    book_bytes: int
    terms: int
    terms_used: int
    headings: tuple[str, ...]
    """Every heading's text, in reading order."""


def write_corpus(
    out: Path, size_mb: float, term_count: int, seed: int, *, one_paragraph: bool = False
) -> Corpus:
    """Write ``book.md`` and ``glossary/bench.yaml`` into ``out``."""
    rng = random.Random(seed)
    taken = {fold(word) for word in _FUNCTION_WORDS}
    filler = make_vocabulary(rng, 4000, (1, 3), taken)
    terms = make_terms(rng, term_count, filler, taken)
    writer = ArticleWriter(rng, filler, terms)
    size = int(size_mb * MB)
    text = writer.one_paragraph(size) if one_paragraph else writer.article(size)
    (out / "glossary").mkdir(parents=True, exist_ok=True)
    book = out / "book.md"
    glossary = out / "glossary" / "bench.yaml"
    book.write_text(text, encoding="utf-8")
    glossary.write_text(glossary_yaml(terms), encoding="utf-8")
    return Corpus(
        book,
        glossary,
        book.stat().st_size,
        len(terms),
        len(writer.used_terms),
        tuple(writer.headings),
    )
