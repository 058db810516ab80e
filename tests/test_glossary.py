"""Glossaries: strict loading with file and line in every error, and the term matcher."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.document import SpanKind, parse_markdown
from reader.glossary import GlossarySet, Term, TermMatcher, fold, load_glossary, parse_glossary
from reader.glossary.lint import shadowed_forms
from reader.glossary.load import MAX_SHORT_LENGTH
from reader.linking import link_document
from reader.text.errors import ReaderError, Severity
from reader.text.fold import strip_invisible
from reader.text.strict_yaml import load_yaml
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


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("ABC", "ＡＢＣ"),
        ("Wehrmacht", "Ｗｅｈｒｍａｃｈｔ"),
        ("Stalin", r"Sta\u00adlin"),
        ("Volga", r"Vol\u200bga"),
        (r"Don\u2060", r"\ufeffDon"),
        ("Exército Vermelho", r"Exército\u200c \u200dVermelho"),
        ("XII", "Ⅻ"),
    ],
    ids=["fullwidth", "fullwidth-word", "soft-hyphen", "zwsp", "wj-bom", "zwnj-zwj", "numeral"],
)
@pytest.mark.parametrize("case_sensitive", ["false", "true"])
def test_forms_differing_by_invisible_or_compatibility_characters_are_duplicates(
    first: str, second: str, case_sensitive: str
) -> None:
    """Two forms that differ only by invisible characters or compatibility forms look
    (and, for invisible ones, match) the same: the second is reported as a duplicate of
    the first, case sensitive or not."""
    source = (
        "terms:\n"
        f'  - term: "{first}"\n'
        "    short: one\n"
        f"    case_sensitive: {case_sensitive}\n"
        "  - term: Other\n"
        f'    aliases: ["{second}"]\n'
        "    short: two\n"
        f"    case_sensitive: {case_sensitive}\n"
    )
    with pytest.raises(ReaderError) as caught:
        glossary_from_yaml(source)
    assert caught.value.line == 5
    owner = re.sub(r"\\u(\w{4})", lambda escape: chr(int(escape[1], 16)), first)
    assert str(caught.value).endswith(f"is already a term or alias of '{owner}' (line 2){SAME}")


@pytest.mark.parametrize(
    ("entry", "line", "message"),
    [
        (r'term: "\u200b"', 2, "the term of entry 1 is made only of invisible characters (U+200B)"),
        (
            r'term: "\u200b \u2060\u00ad\ufeff"',
            2,
            "the term of entry 1 is made only of invisible characters"
            " (U+200B, U+2060, U+00AD, U+FEFF)",
        ),
        (
            'term: Volga\n    aliases:\n      - Rio\n      - "\\u200d\\u200c"',
            5,
            "alias 2 of 'Volga' is made only of invisible characters (U+200D, U+200C)",
        ),
        (r'term: "Vol\x1bga"', 2, "the term of entry 1 contains a control character (U+001B)"),
        (r'term: "Vol\x85ga"', 2, "the term of entry 1 contains a control character (U+0085)"),
        (
            'term: Volga\n    aliases: ["a\\u202eb", "c\\x07"]',
            3,
            "alias 1 of 'Volga' contains a control character (U+202E)",
        ),
        (r'term: "\U000e0041x"', 2, "the term of entry 1 contains a control character (U+E0041)"),
        (r'term: "\u0301"', 2, "the term of entry 1 is made only of combining marks (U+0301)"),
    ],
    ids=[
        "zwsp",
        "several-invisible",
        "invisible-alias",
        "escape",
        "c1",
        "bidi-alias",
        "tag",
        "combining",
    ],
)
def test_a_form_that_cannot_be_shown_or_matched_is_an_error(
    entry: str, line: int, message: str
) -> None:
    """A term or alias made only of invisible characters (or of combining marks) would
    match nothing or a stray character; one with a control character would be obeyed by a
    terminal (or reorder what follows): each is an error at its line, naming the
    characters."""
    with pytest.raises(ReaderError) as caught:
        glossary_from_yaml(f"terms:\n  - {entry}\n    short: s\n")
    assert str(caught.value.problems[0]) == f"g.yaml:{line}: {message}"


def test_a_form_with_invisible_characters_inside_is_valid() -> None:
    """Invisible characters inside a visible word are allowed (and ignored when matching)."""
    glossary = glossary_from_yaml('terms:\n  - term: "Sta\\u00adlin"\n    short: s\n')
    assert [term.term for term in glossary.terms] == ["Sta\u00adlin"]


SEVERAL_ERRORS = (
    "title: T\n"  # 1
    "terms:\n"  # 2
    "  - term: Good\n"  # 3
    "    short: fine\n"  # 4
    "  - term: NoShort\n"  # 5
    "    case_sensitive: maybe\n"  # 6
    "  - just text\n"  # 7
    "  - short: no term\n"  # 8
    '  - term: "\\u200b"\n'  # 9
    "    short: invisible\n"  # 10
    "  - term: Also good\n"  # 11
    "    aliases: [GOOD, Fine]\n"  # 12
    "    short: fine too\n"  # 13
    "    colour: red\n"  # 14
    "  - term: ＧＯＯＤ\n"  # 15
    "    short: a duplicate\n"  # 16
)


SAME = ": the same once invisible characters and compatibility forms are ignored"
"""What a duplicate that looks different says."""


def test_every_error_of_a_glossary_is_reported_in_one_pass() -> None:
    """A glossary with several wrong entries raises one error holding every problem,
    file:line each, in file order (an entry with two mistakes has both)."""
    with pytest.raises(ReaderError) as caught:
        glossary_from_yaml(SEVERAL_ERRORS)
    assert [str(problem) for problem in caught.value.problems] == [
        "g.yaml:5: entry 'NoShort' has no 'short' summary",
        "g.yaml:6: 'case_sensitive' must be true or false, not 'maybe'",
        "g.yaml:7: entry 3 must be a mapping (term: …)",
        "g.yaml:8: entry 4 has no 'term'",
        "g.yaml:9: the term of entry 5 is made only of invisible characters (U+200B)",
        "g.yaml:11: 'GOOD' is already a term or alias of 'Good' (line 3)",
        "g.yaml:15: 'ＧＯＯＤ' is already a term or alias of 'Good' (line 3)" + SAME,
    ]


def test_a_partial_glossary_keeps_its_valid_entries() -> None:
    """Loaded ``partial`` (as the reader loads a text's glossaries), the entries in error
    are left out with their errors kept, an alias another entry owns is dropped (its
    entry kept), and warnings stay warnings."""
    glossary = parse_glossary(
        load_yaml(SEVERAL_ERRORS, path="g.yaml"), name="g", path="g.yaml", partial=True
    )
    assert [(term.term, term.aliases) for term in glossary.terms] == [
        ("Good", ()),
        ("Also good", ("Fine",)),
    ]
    assert [problem.line for problem in glossary.errors] == [5, 6, 7, 8, 9, 11, 15]
    assert all(problem.severity is Severity.ERROR for problem in glossary.errors)
    assert [str(problem) for problem in glossary.warnings] == [
        "g.yaml:14: warning: unknown field 'colour' ignored"
    ]


def test_a_field_with_no_value_is_a_warning_and_absent() -> None:
    """``~``, ``null`` (any case) or nothing: an optional field is taken as absent, with
    a warning at its line saying how to write the text itself; a list item so written is
    left out. A required field so written is missing. Quoted, ``~`` is text."""
    glossary = glossary_from_yaml(
        "title: ~\n"
        "language: NULL\n"
        "terms:\n"
        "  - term: Volga\n"
        "    short: '~'\n"
        "    aliases: ~\n"
        "    definition:\n"
        "    see_also: [~, Don]\n"
        "    sources: Null\n"
        "    case_sensitive: null\n"
        "  - term: Don\n"
        "    short: um rio\n"
    )
    volga, _ = glossary.terms
    assert (glossary.title, glossary.language) == ("g", "und")
    assert (volga.short, volga.aliases, volga.definition) == ("~", (), "")
    assert (volga.see_also, volga.sources, volga.case_sensitive) == (("Don",), (), False)
    warnings = [
        (problem.line, problem.message.split(" is empty")[0]) for problem in glossary.warnings
    ]
    assert warnings == [
        (1, "'title'"),
        (2, "'language'"),
        (6, "'aliases' of 'Volga'"),
        (7, "'definition' of 'Volga'"),
        (8, "item 1 of 'see_also' of 'Volga'"),
        (9, "'sources' of 'Volga'"),
        (10, "'case_sensitive' of 'Volga'"),
    ]
    assert "quote them for the text" in glossary.warnings[0].message
    for required in ("term: ~\n    short: s", "term: Null\n    short: s", "term: A\n    short: ~"):
        with pytest.raises(ReaderError, match=r"has no '(term|short)'.* \(it is empty: YAML"):
            glossary_from_yaml(f"terms:\n  - {required}\n")


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


@pytest.mark.parametrize(
    "invisible",
    ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u200b\u00ad\u2060"],
    ids=["zwsp", "zwnj", "zwj", "word-joiner", "soft-hyphen", "bom", "several"],
)
@pytest.mark.parametrize("case_sensitive", [False, True], ids=["folded", "case-sensitive"])
def test_invisible_characters_inside_a_word_are_ignored(
    invisible: str, case_sensitive: bool
) -> None:
    """A zero-width character, word joiner, soft hyphen or stray BOM inside a word does not
    stop its term from matching; the match covers the word with the invisible characters
    inside it, not those just outside it, and offsets after it stay right."""
    terms = [_term("Stalin", case_sensitive=case_sensitive), _term("Volga")]
    word = f"Sta{invisible}lin"
    text = f"o {invisible}{word}{invisible}, sem Sta{invisible}linx, e o Volga"
    assert _find(terms, text) == [(word, "Stalin"), ("Volga", "Volga")]


def test_invisible_characters_inside_a_term_are_ignored() -> None:
    """A term or alias written with an invisible character matches the word without it
    (and with another), case sensitive or not."""
    terms = [_term("Sta\u00adlin"), _term("Ti\u200bme", case_sensitive=True)]
    assert _find(terms, "Stalin, Time, Stal\u2060in, time") == [
        ("Stalin", "Sta\u00adlin"),
        ("Time", "Ti\u200bme"),
        ("Stal\u2060in", "Sta\u00adlin"),
    ]


def test_a_form_of_invisible_characters_matches_nothing() -> None:
    """A form made only of invisible characters must not turn a stray zero-width space
    between two spaces into a link."""
    matcher = TermMatcher([_term("\u200b"), _term("\u2060\u200b", case_sensitive=True)])
    assert matcher.find("a \u200b b \u2060\u200b c") == []


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


def test_shadowing_ignores_invisible_characters() -> None:
    """An alias hides a term it contains whatever invisible characters either is written
    with, as the matcher sees them."""
    terms = [
        _term("Ti\u200bme", case_sensitive=True),
        _term("Volga"),
        _term("Homem do Ano", "Man of the Time", "rio Vol\u00adga"),
    ]
    assert [(s.form, s.other.term) for s in shadowed_forms(terms)] == [
        ("Man of the Time", "Ti\u200bme"),
        ("rio Vol\u00adga", "Volga"),
    ]


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
    return " ".join((strip_invisible(text) if term.case_sensitive else fold(text)).split())


_ALLOWED = {
    term.term: {_matched_form(form, term) for form in term.forms} for term in _PROPERTY_TERMS
}
_WORDS = "Exército Vermelho Stálin STALIN José Straße STRASSE Time time Volga Rio 1943 x ß é"
_ODD = [" ", "\n", "  ", "_", "-", ".", "¹", "\u0301", "\u0345", "İ", "ﬀ", "\u200b", "\u00ad"]
"""Separators, word characters, characters whose folding changes length and invisible
ones."""
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
