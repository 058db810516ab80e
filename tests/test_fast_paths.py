"""The fast paths of linking and of ``reader render`` give what the plain algorithms give.

The matcher scans a chunk of texts at once, from the non-word character before each
form (:meth:`TermMatcher.find_all`), where it scanned one text at a time with a lookbehind
at every position; ``reader render`` lays prose out as strings
(:mod:`reader.layout.plain`) where it joined the text of every run of every line. Each is
compared here with the algorithm it replaced (the old matcher's scan is written out
below; the runs are still the layout's own), on the generated book of the benchmark and
on text made to catch them out: combining marks, wide CJK, tabs, soft hyphens,
zero-width characters, emoji, very long words, no-break spaces, hard line breaks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.book import write_corpus
from reader.document import Document, parse_document, parse_markdown
from reader.glossary import Glossary, GlossarySet, Term, TermMatch, TermMatcher, load_glossary
from reader.glossary import matcher as matching
from reader.layout import DocumentLayout, Run, wrap_runs
from reader.layout import plain as plain_layout
from reader.layout.wrap import ONE_CELL
from reader.linking import link_document
from reader.text.fold import fold_with_offsets, strip_invisible_with_offsets
from reader.text.textfile import read_text

# --- the algorithms replaced ---------------------------------------------------------------


@lru_cache(maxsize=8)
def _old_pattern(forms: frozenset[str]) -> re.Pattern[str] | None:
    if not forms:
        return None
    return re.compile(r"(?<!\w)" + matching._trie_regex(forms) + r"(?!\w)")


def _old_find(
    matcher: TermMatcher, text: str, exclude: Sequence[tuple[int, int]] = ()
) -> list[TermMatch]:
    """``TermMatcher.find`` as it was: one text, a lookbehind tried at every position."""
    found: list[TermMatch] = []
    folded_pattern = _old_pattern(frozenset(matcher._folded))
    exact_pattern = _old_pattern(frozenset(matcher._exact))
    if folded_pattern is not None:
        folded, offsets = fold_with_offsets(text)
        for hit in folded_pattern.finditer(folded):
            start, end = hit.span()
            if offsets is not None:
                start, end = matching._original_span(offsets, start, end, text)
            key = matcher._folded[matching.normalise_form(hit.group())]
            found.append(TermMatch(start, end, key))
    exact: list[TermMatch] = []
    if exact_pattern is not None:
        stripped, offsets = strip_invisible_with_offsets(text)
        for hit in exact_pattern.finditer(stripped):
            start, end = hit.span()
            if offsets is not None:
                start, end = matching._original_span(offsets, start, end, text)
            exact.append(
                TermMatch(start, end, matcher._exact[matching.normalise_form(hit.group())])
            )
    if exact:
        found = matching._leftmost_longest(found, exact) if found else exact
    if exclude:
        found = matching._outside(found, exclude)
    return found


def _run_lines(layout: DocumentLayout) -> list[str]:
    """Every line of ``layout`` as the text of its runs (how ``plain_lines`` was made)."""
    return [
        "".join(run.text for run in line).rstrip()
        for piece in range(len(layout._piece_block))
        for line in layout._wrap(piece)
    ]


# --- the generated book --------------------------------------------------------------------


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, GlossarySet]:
    """The benchmark's book (0.4 MB, 2,000 terms), parsed, and its glossary."""
    corpus = write_corpus(tmp_path_factory.mktemp("book"), 0.4, 2_000, seed=1)
    document = parse_document(read_text(corpus.book), corpus.book)
    return document, GlossarySet([load_glossary(corpus.glossary)])


def _texts(document: Document) -> Iterator[tuple[str, list[tuple[int, int]]]]:
    for block in (*document.blocks, *(b for note in document.notes for b in note.blocks)):
        cells = [cell for row in block.rows for cell in row]
        for text, spans in [(block.text, block.spans), *((c.text, c.spans) for c in cells)]:
            yield text, [(span.start, span.end) for span in spans if span.kind.value != "term"]


def test_the_book_matches_as_it_did_a_paragraph_at_a_time(
    book: tuple[Document, GlossarySet],
) -> None:
    """Every text of the book, matched in chunks, gives each text's own old matches."""
    document, glossary = book
    texts = list(_texts(document))
    matcher = glossary.matcher
    found = matcher.find_all(texts)
    assert sum(map(len, found)) > 1_000
    assert found == [_old_find(matcher, text, exclude) for text, exclude in texts]


def test_the_book_links_as_it_did_a_paragraph_at_a_time(
    book: tuple[Document, GlossarySet], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The linked book (spans, numbers, notes) is the one matching each text alone gives."""
    document, glossary = book
    linked = link_document(document, glossary)

    def one_by_one(
        self: TermMatcher, texts: Sequence[tuple[str, Sequence[tuple[int, int]]]]
    ) -> list[list[TermMatch]]:
        return [_old_find(self, text, exclude) for text, exclude in texts]

    monkeypatch.setattr(TermMatcher, "find_all", one_by_one)
    assert linked == link_document(document, glossary)


@pytest.mark.parametrize("width", [12, 40, 72, 160])
def test_the_book_renders_as_its_runs_do(book: tuple[Document, GlossarySet], width: int) -> None:
    """``plain_lines`` of the linked book is the text of its runs, line for line."""
    document, glossary = book
    linked = link_document(document, glossary)
    assert DocumentLayout(linked, width).plain_lines() == _run_lines(DocumentLayout(linked, width))


# --- tricky text ---------------------------------------------------------------------------

_TRICKY = [
    "a", "bc", "Volga", "ção", "Stálin", "e\u0301", "漢字", "😀", "👩\u200d👩\u200d👧",
    "\u2764\ufe0f", " ", "  ", "\t", "\u00a0", "\n", "\u00ad", "\u200b", "\u2060", "x" * 30,
    "y" * 90, "—", "¹", ".", ",", "rio Volga", "Exército Vermelho", "U.S.", "(x)", "_", "\x00",
]  # fmt: skip
_TERMS = [
    Term("Volga", "s", aliases=("rio Volga",)),
    Term("Exército Vermelho", "s", aliases=("Exército",)),
    Term("Stálin", "s"),
    Term("U.S.", "s", case_sensitive=True),
    Term("(x)", "s"),
    Term("漢字", "s"),
    Term("ção", "s"),
]
_GLOSSARY = GlossarySet([Glossary("t", "t.yaml", "T", "pt", tuple(_TERMS))])
_PIECES = st.sampled_from(_TRICKY)
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=60).map("".join)


@given(st.lists(_TEXT, max_size=6))
def test_tricky_texts_match_as_each_alone(texts: list[str]) -> None:
    """Texts matched together give what each gives alone by the old scan, whatever they
    hold (the separator among them, forms that start or end with punctuation)."""
    matcher = TermMatcher(_TERMS)
    pairs = [(text, [(0, min(2, len(text)))] if len(text) % 3 == 0 else []) for text in texts]
    assert matcher.find_all(pairs) == [_old_find(matcher, t, e) for t, e in pairs]


def test_a_form_holding_the_separator_gets_another() -> None:
    """A form with NUL in it: the texts are joined with another character, and nothing
    matches across two texts."""
    matcher = TermMatcher([Term("a\x00b", "s"), Term("a", "s")])
    assert matcher._separator != "\x00"
    found = matcher.find_all([("x a", []), ("b a\x00b", [])])
    assert found == [_old_find(matcher, "x a"), _old_find(matcher, "b a\x00b")]
    assert [match.term for match in found[1]] == ["a\x00b"]


def test_adjacent_forms_ending_and_starting_with_punctuation() -> None:
    """A form that ends with a non-word character may be followed at once by one that
    starts with one: both match, as the lookbehind let them."""
    matcher = TermMatcher([Term("U.S.", "s"), Term("(x)", "s")])
    text = "U.S.(x) (x). U.S.(x) (x)U"
    found = [text[m.start : m.end] for m in matcher.find(text)]
    assert found == ["U.S.", "(x)", "(x)", "U.S.", "(x)"]
    assert matcher.find(text) == _old_find(matcher, text)


@given(_TEXT, st.integers(1, 50))
def test_tricky_text_wraps_as_runs_do(text: str, width: int) -> None:
    """Where the plain wrap takes a text (one cell a character), its lines are the
    text of the lines of runs."""
    if not ONE_CELL.issuperset(text):
        return
    runs = [line for line in wrap_runs([Run(text, offset=0)], width)]
    assert plain_layout._wrap(text, width) == ["".join(run.text for run in line) for line in runs]


@given(st.lists(st.sampled_from(["a", "bc", "Volga", "ção", " ", "x" * 30, "y" * 90]), max_size=80))
def test_single_spaced_text_wraps_as_runs_do(words: list[str]) -> None:
    """The single-spaced fast path (a line by one ``rfind``) and the runs agree, long
    words and a leading or trailing space included."""
    text = "".join(words).replace("  ", " ")
    for width in (12, 29, 72):
        runs = wrap_runs([Run(text, offset=0)], width)
        assert plain_layout._wrap(text, width) == ["".join(r.text for r in line) for line in runs]


_MARKDOWN = st.lists(
    st.one_of(
        _PIECES,
        st.sampled_from(["\n\n", "\n\n- ", "\n\n> ", "\n\n1. ", "*em*", "`code`", "[^1]", "  \n"]),
    ),
    max_size=80,
).map(lambda pieces: "".join(pieces) + "\n\n[^1]: A note with Volga in it.\n")


@given(_MARKDOWN, st.sampled_from([12, 20, 33, 72]))
def test_tricky_documents_render_as_their_runs_do(source: str, width: int) -> None:
    """A linked document of tricky text (quotes, lists, notes, terms): ``plain_lines``
    is the text of its runs, prose laid out as text or as runs alike."""
    linked = link_document(parse_markdown(source, "t.md"), _GLOSSARY)
    assert DocumentLayout(linked, width).plain_lines() == _run_lines(DocumentLayout(linked, width))


def test_a_giant_paragraph_renders_as_its_runs_do() -> None:
    """A paragraph laid out in pieces (note numbers at the cuts, terms across them)."""
    words = ["o", "rio", "Volga", "e", "Stálin", "ção", "x" * 30, "a[^1]", "b"]
    source = " ".join(words[n * 7 % len(words)] for n in range(12_000)) + "\n\n[^1]: Nota.\n"
    linked = link_document(parse_markdown(source, "g.md"), _GLOSSARY)
    layout = DocumentLayout(linked, 72)
    assert len(layout._ranges) == 1
    assert layout.plain_lines() == _run_lines(DocumentLayout(linked, 72))


def test_plain_lines_leaves_the_heights_exact() -> None:
    """After ``plain_lines`` the layout's height is its number of lines, as it was when
    every piece was wrapped into the cache."""
    linked = link_document(parse_markdown("# T\n\n" + "palavra " * 5_000, "h.md"))
    layout = DocumentLayout(linked, 40)
    lines = layout.plain_lines()
    assert layout.height == len(lines)
