"""Glossaries: strict loading with file and line in every error, and the term matcher."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.document import SpanKind, parse_markdown
from reader.glossary import GlossarySet, Term, TermMatcher, fold, load_glossary
from reader.glossary.lint import shadowed_forms
from reader.glossary.load import MAX_SHORT_LENGTH
from reader.linking import link_document
from reader.text.errors import ReaderError, Severity
from tests.core_helpers import BUNDLED_GLOSSARY, glossary_from_yaml, glossary_set

# --- loading ------------------------------------------------------------------------------


def test_bundled_glossary_loads_cleanly() -> None:
    """The bundled glossary is valid, in Portuguese, with no warnings and lines recorded."""
    glossary = load_glossary(BUNDLED_GLOSSARY)
    assert glossary.name == "segunda-guerra"
    assert glossary.language == "pt"
    assert glossary.warnings == ()
    wehrmacht = next(term for term in glossary.terms if term.term == "Wehrmacht")
    assert wehrmacht.aliases == ("Wehrmacht alemã",)
    assert (
        wehrmacht.short
        == "As forças armadas da Alemanha de 1935 a 1945: exército, marinha e força aérea."
    )
    assert wehrmacht.glossary == "segunda-guerra"
    lines = BUNDLED_GLOSSARY.read_text(encoding="utf-8").splitlines()
    assert lines[wehrmacht.line - 1].strip() == "- term: Wehrmacht"
    time = next(term for term in glossary.terms if term.term == "Time")
    assert time.case_sensitive


def test_valid_entry_fields() -> None:
    """Every field of an entry is read: aliases (list or one string), definition,
    see_also, sources, case_sensitive; whitespace inside forms is collapsed."""
    glossary = glossary_from_yaml(
        "title: T\n"
        "language: en\n"
        "terms:\n"
        "  - term: Red   Army\n"
        "    aliases: RKKA\n"
        "    short: '  The Soviet army.  '\n"
        "    definition: |\n"
        "      Long *text*.\n"
        "    see_also: [Volga]\n"
        "    sources: [Glantz]\n"
        "    case_sensitive: 'yes'\n"
        "  - term: Volga\n"
        "    short: A river.\n"
    )
    assert (glossary.title, glossary.language) == ("T", "en")
    red, volga = glossary.terms
    assert red.term == "Red Army"
    assert red.aliases == ("RKKA",)
    assert red.short == "The Soviet army."
    assert red.definition == "Long *text*."
    assert red.see_also == ("Volga",)
    assert red.sources == ("Glantz",)
    assert red.case_sensitive is True
    assert red.forms == ("Red Army", "RKKA")
    assert (red.line, volga.line) == (4, 12)
    assert volga.case_sensitive is False
    assert glossary.title == "T"


@pytest.mark.parametrize(
    ("source", "line", "fragment"),
    [
        ("- a\n- b\n", 1, "must be a mapping"),
        ("title: T\nterms:\n  a: b\n", 2, "'terms' must be a list"),
        ("title: T\nlanguage: pt\n", 1, "'terms' must be a list"),
        ("terms:\n  - just text\n", 2, "entry 1 must be a mapping"),
        (
            "terms:\n  - term: A\n    short: a\n  - short: b\n    aliases: [x]\n",
            4,
            "entry 2 has no 'term'",
        ),
        ("terms:\n  - term: A\n    aliases: [b]\n", 2, "has no 'short'"),
        ("terms:\n  - term: A\n    short: '   '\n", 2, "has no 'short'"),
        ("terms:\n  - term: A\n    short: |\n      one\n      two\n", 3, "must be one line"),
        ("terms:\n  - term: A\n    short: a\n    case_sensitive: maybe\n", 4, "true or false"),
        ("terms:\n  - term: [A, B]\n    short: a\n", 2, "'term' must be text"),
        ("terms:\n  - term: A\n    short: a\n    aliases: {b: c}\n", 4, "list of text"),
        (
            "terms:\n  - term: A\n    short: a\n  - term: B\n    short: b\n    term: C\n",
            6,
            "duplicate key",
        ),
    ],
    ids=[
        "top-level-list",
        "terms-mapping",
        "terms-missing",
        "entry-not-mapping",
        "no-term",
        "no-short",
        "blank-short",
        "multi-line-short",
        "bad-case-sensitive",
        "term-list",
        "aliases-mapping",
        "duplicate-key",
    ],
)
def test_invalid_glossary_names_file_and_line(source: str, line: int, fragment: str) -> None:
    """Every invalid glossary is refused with a ReaderError naming the file and the line
    of the offending entry or field."""
    with pytest.raises(ReaderError) as caught:
        glossary_from_yaml(source)
    assert caught.value.path == "g.yaml"
    assert caught.value.line == line, str(caught.value)
    assert fragment in str(caught.value)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Volga", "Volga"),
        ("Stálin", "STALIN"),
        ("Trótski", "trotski"),
        ("Exército  Vermelho", "exercito vermelho"),
    ],
)
def test_same_form_in_two_entries_is_refused(first: str, second: str) -> None:
    """No term or alias may belong to two entries, compared as matched: ignoring case,
    accents and runs of spaces. The error is at the second entry and names the first."""
    source = (
        "terms:\n"
        f"  - term: {first}\n"
        "    short: one\n"
        "  - term: Other\n"
        f"    aliases: [Something, {second}]\n"
        "    short: two\n"
    )
    with pytest.raises(ReaderError) as caught:
        glossary_from_yaml(source)
    assert caught.value.line == 4
    assert "already a term or alias" in str(caught.value)
    assert "(line 2)" in str(caught.value)


def test_case_sensitive_forms_differing_in_case_are_distinct() -> None:
    """Two case-sensitive entries "Time" and "TIME" do not clash: they match differently."""
    glossary = glossary_from_yaml(
        "terms:\n"
        "  - term: Time\n    short: magazine\n    case_sensitive: true\n"
        "  - term: TIME\n    short: acronym\n    case_sensitive: true\n"
    )
    assert [term.term for term in glossary.terms] == ["Time", "TIME"]


def test_same_form_across_two_glossaries_is_refused() -> None:
    """A GlossarySet refuses a form defined in two glossaries, naming the second file and
    pointing at the first glossary's entry (name:line)."""
    first = glossary_from_yaml("terms:\n  - term: Volga\n    short: a river\n", "rivers")
    second = glossary_from_yaml(
        "terms:\n  - term: X\n    short: x\n  - term: Y\n    short: y\n    aliases: [VÓLGA]\n",
        "other",
    )
    with pytest.raises(ReaderError) as caught:
        GlossarySet([first, second])
    assert caught.value.path == "other.yaml"
    assert caught.value.line == 4
    assert "(rivers:2)" in str(caught.value)
    assert len(GlossarySet([first])) == 1


def test_yaml_scalars_stay_strings() -> None:
    """``no`` and ``1943`` as terms are the words "no" and "1943", not False and 1943."""
    glossary = glossary_from_yaml(
        "terms:\n"
        "  - term: no\n    short: yes\n"
        "  - term: 1943\n    short: 1.5\n    aliases: [null0, off]\n"
    )
    assert [term.term for term in glossary.terms] == ["no", "1943"]
    assert glossary.terms[0].short == "yes"
    assert glossary.terms[1].short == "1.5"
    assert glossary.terms[1].aliases == ("null0", "off")
    found = TermMatcher(glossary.terms).find("no dia 1943, no")
    assert [(m.start, m.end, m.term) for m in found] == [
        (0, 2, "no"),
        (7, 11, "1943"),
        (13, 15, "no"),
    ]


def test_unknown_field_is_a_warning_with_its_line() -> None:
    """An unknown field does not stop loading; it becomes a warning at its line."""
    glossary = glossary_from_yaml("terms:\n  - term: A\n    short: a\n    colour: red\n")
    assert [term.term for term in glossary.terms] == ["A"]
    (warning,) = glossary.warnings
    assert warning.severity is Severity.WARNING
    assert warning.line == 4
    assert "colour" in warning.message


def test_long_summary_is_cut_with_a_warning() -> None:
    """A 'short' summary is shown on one line (tooltips, panels, palette): one longer
    than MAX_SHORT_LENGTH is cut at a word, with a warning at its line."""
    summary = " ".join(["palavra"] * 10_000)
    glossary = glossary_from_yaml(f"terms:\n  - term: A\n    short: {summary}\n")
    (term,) = glossary.terms
    assert len(term.short) <= MAX_SHORT_LENGTH and term.short.endswith("palavra…")
    (warning,) = glossary.warnings
    assert warning.line == 3 and "79,999 characters" in warning.message


def test_load_glossary_reads_files_and_names_them(tmp_path: Path) -> None:
    """``load_glossary`` names the glossary after the file stem and errors after the path."""
    path = tmp_path / "mine.yaml"
    path.write_text("terms:\n  - term: A\n    short: a\n", encoding="utf-8")
    assert load_glossary(path).name == "mine"
    path.write_text("terms:\n  - term: A\n", encoding="utf-8")
    with pytest.raises(ReaderError) as caught:
        load_glossary(path)
    assert str(caught.value).startswith(f"{path}:2: ")


def test_dangling_see_also_is_a_warning() -> None:
    """A "see also" to a term no loaded glossary defines is reported, not fatal."""
    glossaries = glossary_set(
        "terms:\n  - term: A\n    short: a\n    see_also: [B, Nowhere]\n  - term: B\n    short: b\n"
    )
    (problem,) = glossaries.dangling_see_also()
    assert problem.severity is Severity.WARNING
    assert "Nowhere" in problem.message
    assert problem.line == 2


# --- matching -----------------------------------------------------------------------------


def _term(term: str, *aliases: str, case_sensitive: bool = False, line: int = 0) -> Term:
    return Term(term, "short", aliases=aliases, case_sensitive=case_sensitive, line=line)


def _find(terms: list[Term], text: str) -> list[tuple[str, str]]:
    """(matched text, term key) for each match of ``terms`` in ``text``."""
    return [(text[m.start : m.end], m.term) for m in TermMatcher(terms).find(text)]


def test_whole_words_only() -> None:
    """A term never matches inside a longer word, on either side, Unicode letters and digits
    and underscore included; punctuation and string ends are boundaries."""
    terms = [_term("Volga")]
    text = "Volgogrado Volgas VolgaÁ ÉVolga Volga_ Volga2 (Volga). «volga»"
    assert _find(terms, text) == [("Volga", "Volga"), ("volga", "Volga")]
    assert _find(terms, "Volga") == [("Volga", "Volga")]


def test_longest_match_wins() -> None:
    """At one position the longest form wins; the shorter still matches elsewhere."""
    terms = [_term("Exército"), _term("Exército Vermelho")]
    text = "O Exército Vermelho e o Exército alemão e o Exército Vermelhos."
    assert _find(terms, text) == [
        ("Exército Vermelho", "Exército Vermelho"),
        ("Exército", "Exército"),
        ("Exército", "Exército"),
    ]


def test_case_and_accents_are_ignored() -> None:
    """The form "Stalin" finds "Stálin", "STÁLIN" and "stalin"; an accented form finds
    unaccented text."""
    assert _find([_term("Stalin")], "Stálin, STÁLIN e stalin.") == [
        ("Stálin", "Stalin"),
        ("STÁLIN", "Stalin"),
        ("stalin", "Stalin"),
    ]
    assert _find([_term("Trótski")], "TROTSKI") == [("TROTSKI", "Trótski")]


def test_case_sensitive_matches_exactly() -> None:
    """A case-sensitive term matches its exact spelling only (not "time" nor "TIME")."""
    terms = [_term("Time", "revista Time", case_sensitive=True)]
    assert _find(terms, "o time, a TIME, a Time e a revista Time.") == [
        ("Time", "Time"),
        ("revista Time", "Time"),
    ]


def test_case_sensitive_and_folded_terms_together() -> None:
    """With both kinds of term, overlaps are still resolved leftmost-longest, whichever
    kind the longer match is."""
    terms = [
        _term("Time", case_sensitive=True),
        _term("Time Magazine"),
        _term("magazine Time", case_sensitive=True),
        _term("Volga"),
    ]
    text = "Time Magazine, time magazine, Time, magazine Time Volga"
    assert _find(terms, text) == [
        ("Time Magazine", "Time Magazine"),
        ("time magazine", "Time Magazine"),
        ("Time", "Time"),
        ("magazine Time", "magazine Time"),
        ("Volga", "Volga"),
    ]


def test_terms_match_across_line_breaks_and_spaces() -> None:
    """A space in a term stands for any run of whitespace, so soft line breaks match."""
    terms = [_term("Exército Vermelho")]
    text = "o Exército\nVermelho e o Exército   Vermelho e o Exército\n\t Vermelho"
    assert [m for m, _ in _find(terms, text)] == [
        "Exército\nVermelho",
        "Exército   Vermelho",
        "Exército\n\t Vermelho",
    ]


@pytest.mark.parametrize(
    "prefix",
    ["Straße ", "ß ß ß ", "Cafe\u0301 ", "\u0301\u0301 ", "ﬁ ﬂ ", "İstanbul "],
)
def test_offsets_map_back_when_folding_changes_length(prefix: str) -> None:
    """Characters that fold to more or fewer characters ("ß" → "ss", a lone combining
    accent → nothing) before a term do not shift the offsets of the match."""
    text = f"{prefix}no rio Volga hoje"
    (match,) = TermMatcher([_term("Volga")]).find(text)
    assert text[match.start : match.end] == "Volga"
    assert match.start == len(prefix) + len("no rio ")


def test_decomposed_accents_in_the_term_itself_are_matched() -> None:
    """An NFD-spelled occurrence ("Sta\u0301lin") matches and the match covers its accent."""
    text = "o " + unicodedata.normalize("NFD", "Stálin") + " venceu"
    (match,) = TermMatcher([_term("Stalin")]).find(text)
    assert text[match.start : match.end] == unicodedata.normalize("NFD", "Stálin")


def test_sharp_s_term_matches_its_folded_spelling() -> None:
    """The term "Straße" matches "STRASSE" and "strasse", ending where the word ends."""
    assert _find([_term("Straße")], "STRASSE, strasse e Straße.") == [
        ("STRASSE", "Straße"),
        ("strasse", "Straße"),
        ("Straße", "Straße"),
    ]


def test_excluded_ranges_are_skipped() -> None:
    """Matches overlapping an excluded range (a code span, a link text) are dropped."""
    text = "Volga e Volga"
    found = TermMatcher([_term("Volga")]).find(text, exclude=[(0, 3)])
    assert [(m.start, m.end) for m in found] == [(8, 13)]


def test_forms_that_fold_to_nothing_never_match() -> None:
    """A form of combining marks only folds to "" and must not match empty strings."""
    matcher = TermMatcher([_term("\u0301"), _term("Volga")])
    assert [(m.start, m.end) for m in matcher.find(" . Volga , ")] == [(3, 8)]


def test_no_terms_no_matches() -> None:
    """An empty matcher is falsy and finds nothing."""
    matcher = TermMatcher([])
    assert not matcher
    assert matcher.find("Volga") == []


def test_code_spans_and_link_texts_are_not_matched() -> None:
    """In a parsed document, terms inside code spans, link texts, images and code blocks
    are left alone; emphasis does not stop a match."""
    glossaries = glossary_set("terms:\n  - term: Volga\n    short: a river\n")
    source = (
        "`Volga` [o Volga](http://x) ![Volga](v.png) *Volga*\n\n```\nVolga\n```\n\n<b>Volga</b>\n"
    )
    doc = link_document(parse_markdown(source, "c.md"), glossaries)
    paragraph = next(block for block in doc.blocks if block.id == "p-1")
    terms = [s for s in paragraph.spans if s.kind is SpanKind.TERM_REF]
    assert [paragraph.text[s.start : s.end] for s in terms] == ["Volga"]
    (emphasis,) = [s for s in paragraph.spans if s.kind is SpanKind.EMPHASIS]
    assert (terms[0].start, terms[0].end) == (emphasis.start, emphasis.end)
    code = next(block for block in doc.blocks if block.id == "code-1")
    assert not code.spans


def test_lookup_by_any_form_ignoring_case_and_accents() -> None:
    """``lookup`` finds an entry by its term or any alias, case, accents and spacing
    ignored; unknown names give None."""
    glossaries = GlossarySet([load_glossary(BUNDLED_GLOSSARY)])
    assert glossaries.lookup("stalin") is glossaries.terms["José Stalin"]
    assert glossaries.lookup("JOSÉ   STÁLIN") is glossaries.terms["José Stalin"]
    assert glossaries.lookup("trotski") is glossaries.terms["Leon Trótski"]
    assert glossaries.lookup("Volga") is glossaries.terms["Rio Volga"]
    assert glossaries.lookup("uniao sovietica") is glossaries.terms["União Soviética"]
    assert glossaries.lookup("Stalinn") is None
    assert "Stalin" in glossaries.names()


# --- lint ---------------------------------------------------------------------------------


def test_shadowed_aliases() -> None:
    """An alias that holds another term's form as whole words hides it ("expurgo do
    Exército Vermelho" hides "Exército Vermelho"); part of a word does not count, nor do
    a term's own forms, nor (by default) a compound headword."""
    terms = [
        _term("Exército Vermelho", "Exército Vermelho dos Operários"),
        _term("Grande Expurgo", "expurgo do EXÉRCITO vermelho", line=5),
        _term("Stalingrado"),
        _term("Batalha de Stalingrado"),
        _term("Volga"),
        _term("Rio", "Volgogrado antigo"),
    ]
    shadows = shadowed_forms(terms)
    assert [(s.term.term, s.form, s.other.term, s.other_form) for s in shadows] == [
        ("Grande Expurgo", "expurgo do EXÉRCITO vermelho", "Exército Vermelho", "Exército Vermelho")
    ]
    everything = shadowed_forms(terms, aliases_only=False)
    assert ("Batalha de Stalingrado", "Stalingrado") in [(s.form, s.other_form) for s in everything]


def test_shadowing_respects_case_sensitive_forms() -> None:
    """A case-sensitive form is hidden only by an alias that contains it exactly."""
    terms = [
        _term("Time", case_sensitive=True),
        _term("Homem do Ano", "Man of the Time", "Man of the time"),
    ]
    assert [s.form for s in shadowed_forms(terms)] == ["Man of the Time"]
    assert fold("Man of the Time") == fold("Man of the time")


# --- property -----------------------------------------------------------------------------

_PROPERTY_TERMS = [
    _term("Exército Vermelho"),
    _term("Exército"),
    _term("José Stalin", "Stálin"),
    _term("Straße"),
    _term("Volga", "Rio Volga"),
    _term("Time", case_sensitive=True),
    _term("1943"),
]
_PROPERTY_MATCHER = TermMatcher(_PROPERTY_TERMS)


def _matched_form(text: str, term: Term) -> str:
    collapsed = " ".join(text.split())
    return collapsed if term.case_sensitive else fold(collapsed)


_ALLOWED = {
    term.term: {_matched_form(form, term) for form in term.forms} for term in _PROPERTY_TERMS
}
_WORDS = "Exército Vermelho Stálin STALIN José Straße STRASSE Time time Volga Rio 1943 x ß é"
_ODD = [" ", "\n", "  ", "_", "-", ".", "¹", "\u0301", "\u0345", "İ", "ﬀ"]
"""Separators, word characters and characters whose folding changes length."""
_PIECES = st.sampled_from([*_WORDS.split(), *_ODD])
_TEXTS = st.one_of(st.text(), st.lists(st.one_of(_PIECES, st.text(max_size=3))).map("".join))


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


@given(_TEXTS)
def test_matcher_properties(text: str) -> None:
    """For any text: ``find`` never raises; matches are ordered, non-overlapping and in
    range; each matched slice folds (with whitespace collapsed) to a form of its term; and
    each is a whole word (no letter, digit or underscore just outside it)."""
    found = _PROPERTY_MATCHER.find(text)
    previous_end = 0
    for match in found:
        assert 0 <= previous_end <= match.start < match.end <= len(text)
        previous_end = match.end
        term = next(term for term in _PROPERTY_TERMS if term.term == match.term)
        assert _matched_form(text[match.start : match.end], term) in _ALLOWED[match.term]
        assert match.start == 0 or not _is_word_char(text[match.start - 1])
        assert match.end == len(text) or not _is_word_char(text[match.end])
