"""Properties on arbitrary (hostile) input: the loader, the matcher, re-anchoring.

Each never raises (but for the one documented error) and keeps its invariants on any
text, including control characters, bidi and TAG characters, lone surrogates and
Markdown punctuation in every combination.

The matcher is also checked in ``tests/test_glossary.py`` with a fixed set of terms over
texts built from those terms; here the terms are generated too, the text mixes in hostile
characters, and matches are also checked against excluded ranges and one another.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.document import parse_markdown, parse_plain_text
from reader.document.model import Block, Document
from reader.glossary import Term, TermMatcher, fold
from reader.glossary.matcher import normalise_form
from reader.text.errors import Severity
from reader.text.fold import fold_char, fold_with_offsets, strip_invisible
from reader.userdata.anchor import make_anchor
from reader.userdata.flat import FlatText
from reader.userdata.model import AnchorStatus, BookmarkAnchor
from reader.userdata.reanchor import reanchor
from tests.hostile.helpers import forbidden_in
from tests.test_glossary import _TEXTS as GLOSSARY_TEXTS

HOSTILE_CHARS = [
    "\x00", "\x07", "\x08", "\x1b", "\r", "\x7f", "\x85", "\x9b", "\x9c", "\u2028",
    "\u202e", "\u2066", "\u200f", "\U000e0041", "\ud800", "\ufeff", "\u0301", "ß", "İ", "ﬁ",
    "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufe0f",
]  # fmt: skip
MARKDOWN_PIECES = [
    "\n", "\n\n", " ", "    ", "\t", "#", "# ", "## ", "*", "**", "_", "`", "```\n", "~~",
    "[", "]", "(", ")", "](", "<", ">", "> ", "- ", "1. ", "|", "|---|\n", ":", ": ", "!",
    "^[", "[^1]", "[^1]: ", "&#", "&#x1b;", "&#8238;", ";", "\\", "---\n", "*[A]: ",
    "<!--", "http://", "mailto:", "x", "Volga", "é",
]  # fmt: skip
"""Markdown syntax, to make the generated text nest, link, tabulate and fence."""

ANY_CHAR = st.one_of(st.characters(), st.sampled_from(HOSTILE_CHARS))
HOSTILE_TEXT = st.one_of(
    st.text(ANY_CHAR),
    st.lists(
        st.one_of(st.sampled_from(MARKDOWN_PIECES + HOSTILE_CHARS), st.text(ANY_CHAR, max_size=4))
    ).map("".join),
)
FRONT_MATTER = st.one_of(
    st.just(""),
    st.builds(lambda body: f"---\n{body}\n---\n", HOSTILE_TEXT),
    st.sampled_from(["---\ntitle: T\n---\n", "---\n- a\n---\n", "---\ntitle: [a\n---\n"]),
)


def _source_lines(source: str) -> int:
    """Lines as the reader counts them: CR LF, CR and LF each end one."""
    return source.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1


def _check_block(block: Block, lines: int) -> None:
    assert not forbidden_in(block.text), (forbidden_in(block.text), block.text)
    assert not forbidden_in(block.info)
    first, last = block.lines
    assert 0 <= first <= last <= lines, (block.lines, lines)
    texts = [(block.text, block.spans)]
    texts += [(cell.text, cell.spans) for row in block.rows for cell in row]
    for text, spans in texts:
        assert not forbidden_in(text), (forbidden_in(text), text)
        starts = [span.start for span in spans]
        assert starts == sorted(starts)
        for span in spans:
            assert 0 <= span.start <= span.end <= len(text), (span, len(text))
            assert not forbidden_in(span.target), span.target


def _check_document(document: Document, source: str) -> None:
    lines = _source_lines(source)
    blocks = document.blocks
    for block in blocks:
        _check_block(block, lines)
    starts = [block.lines[0] for block in blocks if block.lines != (0, 0)]
    assert starts == sorted(starts), starts
    for note in document.notes:
        assert not forbidden_in(note.label)
        for block in note.blocks:
            _check_block(block, lines)
    meta = document.meta
    for value in (meta.title, meta.author, meta.date, meta.source, meta.language):
        assert value is None or not forbidden_in(value.replace("\n", " "))
    for entry in document.outline:
        assert not forbidden_in(entry.title)
    for term in document.local_terms:
        assert not forbidden_in(term.term + term.short + term.definition)


@given(FRONT_MATTER, HOSTILE_TEXT)
def test_markdown_loader_never_raises_and_keeps_its_invariants(front: str, body: str) -> None:
    """Any text parses, never raising (bad front matter is one error among its problems,
    and the body is still parsed); block lines are in the source's range and in order;
    spans are in range, ordered by start; no block, cell, URL, note, title, outline
    entry or problem holds a raw control."""
    source = front + body
    document = parse_markdown(source, "hostil.md")
    for problem in document.warnings:
        assert "\n" not in str(problem) and not forbidden_in(str(problem))
        if problem.severity is Severity.ERROR:
            assert source.startswith("---"), problem
    _check_document(document, source)


@given(HOSTILE_TEXT)
def test_markdown_fragment_and_plain_text_never_raise(text: str) -> None:
    """Glossary definitions (``body_only``) and ``.txt`` files: no front matter, so no
    error at all."""
    _check_document(parse_markdown(text, "definição", body_only=True), text)
    _check_document(parse_plain_text(text, "hostil.txt"), text)


# --- the matcher --------------------------------------------------------------------------

FORM_CHARS = st.one_of(
    st.sampled_from("abcAéÉßİﬁ \u0301-'’1_"), st.sampled_from(HOSTILE_CHARS), st.characters()
)
TERMS = st.lists(
    st.builds(
        lambda form, alias, exact: Term(form, "s", aliases=(alias,), case_sensitive=exact),
        st.text(FORM_CHARS, min_size=1, max_size=8),
        st.text(FORM_CHARS, min_size=1, max_size=8),
        st.booleans(),
    ),
    max_size=6,
    unique_by=lambda term: term.term,
)


FOLD_PIECES = ["a", "É", "ß", "\u0301", "ﬁ", "İ", "\u200b", "\u00ad", "\ufeff", "]", "^", "\\", "-"]
"""Characters that fold to one, several or no characters, and regex class metacharacters."""


def _matched_form(text: str, term: Term) -> str:
    """``text`` as the matcher compares it with ``term``'s forms: invisible characters
    dropped (and, unless case sensitive, case and accents folded), spaces collapsed."""
    return normalise_form(strip_invisible(text) if term.case_sensitive else fold(text))


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


@given(TERMS, st.one_of(GLOSSARY_TEXTS, HOSTILE_TEXT), st.data())
def test_matcher_on_generated_terms(terms: list[Term], text: str, data: st.DataObject) -> None:
    """For generated terms (case-sensitive or not, with odd characters) over any text:
    ``find`` never raises; matches are in range, ordered, non-overlapping, clear of the
    excluded ranges, whole words, and each equals (after folding, for folded terms) a
    form of the term it names."""
    by_key = {term.term: term for term in terms}
    forms = {term.term: {_matched_form(form, term) for form in term.forms} for term in terms}
    points = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=4)))
    exclude = list(zip(points[::2], points[1::2], strict=False))
    found = TermMatcher(terms).find(text, exclude)
    previous_end = 0
    for match in found:
        assert previous_end <= match.start < match.end <= len(text)
        previous_end = match.end
        assert not any(match.start < end and start < match.end for start, end in exclude)
        term = by_key[match.term]
        assert _matched_form(text[match.start : match.end], term) in forms[match.term]
        assert match.start == 0 or not _is_word_char(text[match.start - 1])
        assert match.end == len(text) or not _is_word_char(text[match.end])


@given(st.one_of(HOSTILE_TEXT, st.lists(st.sampled_from(FOLD_PIECES)).map("".join)))
def test_folding_maps_each_folded_character_back(text: str) -> None:
    """``fold_with_offsets`` is the concatenation of each character's folding, and its
    offsets name, for each folded character, the character it comes from (None only
    where each character folds to one)."""
    folded, offsets = fold_with_offsets(text)
    assert folded == "".join(fold_char(char) for char in text)
    expected = [index for index, char in enumerate(text) for _ in fold_char(char)]
    expected.append(len(text))
    assert (offsets if offsets is not None else list(range(len(text) + 1))) == expected


INVISIBLES = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u034f", "\ufe0f"]
"""Zero-width space, non-joiner, joiner, word joiner, soft hyphen, BOM, CGJ, VS16."""


@given(TERMS, st.data())
def test_invisible_characters_change_no_match(terms: list[Term], data: st.DataObject) -> None:
    """Invisible characters slipped in anywhere (inside words, between them, around
    them) find the same terms as the text without them: each match is the same slice
    once its invisible characters are dropped, and starts on a visible character. The
    text is made of the terms' own forms (so that there are matches to break) or is
    anything at all."""
    forms = [form for term in terms for form in term.forms]
    pieces = st.sampled_from([*forms, " ", ", ", "\n", "x"]) if forms else st.just(" ")
    text = data.draw(st.one_of(st.lists(pieces).map(" ".join), GLOSSARY_TEXTS, HOSTILE_TEXT))
    text = strip_invisible(text)
    inserts = data.draw(
        st.lists(st.tuples(st.integers(0, len(text)), st.sampled_from(INVISIBLES)), max_size=8)
    )
    hidden = text
    for position, char in sorted(inserts, reverse=True):
        hidden = hidden[:position] + char + hidden[position:]
    matcher = TermMatcher(terms)
    expected = [(text[m.start : m.end], m.term) for m in matcher.find(text)]
    found = matcher.find(hidden)
    assert [(strip_invisible(hidden[m.start : m.end]), m.term) for m in found] == expected
    for match in found:
        assert hidden[match.start] not in INVISIBLES


# --- re-anchoring -------------------------------------------------------------------------

BLOCK_IDS = st.sampled_from(["p-1", "p-2", "h-1", "code-1", "", "p-1\x1b"])


@given(
    st.lists(st.tuples(BLOCK_IDS, HOSTILE_TEXT), max_size=5),
    st.builds(
        BookmarkAnchor,
        BLOCK_IDS,
        st.integers(-10, 300),
        st.integers(-10, 300),
        HOSTILE_TEXT,
        HOSTILE_TEXT,
        HOSTILE_TEXT,
    ),
)
def test_reanchor_never_raises_and_keeps_offsets_in_range(
    blocks: list[tuple[str, str]], anchor: BookmarkAnchor
) -> None:
    """Any anchor (offsets out of range, reversed, empty or hostile quote) against any
    text: a status, and offsets inside the text (or none, when detached)."""
    flat = FlatText.from_blocks(blocks)
    status, start, end = reanchor(flat, anchor)
    if status is AnchorStatus.DETACHED:
        assert (start, end) == (None, None)
        return
    assert start is not None and end is not None
    assert 0 <= start < end <= len(flat.text)
    if status is AnchorStatus.ATTACHED:
        assert flat.text[start:end] == anchor.quote


@given(st.lists(HOSTILE_TEXT.filter(str.strip), min_size=1, max_size=4), st.data())
def test_an_anchor_made_on_hostile_text_is_found_again(
    texts: list[str], data: st.DataObject
) -> None:
    flat = FlatText.from_blocks([(f"p-{n}", text) for n, text in enumerate(texts, 1)])
    start = data.draw(st.integers(0, len(flat.text) - 1))
    end = data.draw(st.integers(start + 1, len(flat.text)))
    anchor = make_anchor(flat, start, end)
    assert reanchor(flat, anchor) == (AnchorStatus.ATTACHED, start, end)
