"""A loading thread gives the UI thread its turn: no single C call over a whole big text.

A C function holds the GIL until it returns, whatever the switch interval: one
``casefold``, ``translate``, regex ``findall`` or ``sort`` over a 10 MB line kept the
reader's keys (and its quit) waiting for 0.3–3 s while the text loaded beside them.
These count what each such call is given, never seconds.
"""

from __future__ import annotations

import importlib
import re
import sys
import unicodedata
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import reader.index.progress as progress_module
import reader.text.fold as fold_module
import reader.text.sanitize as sanitize_module
from reader.document.parse.parser import PARSER
from reader.glossary.matcher import TermMatch, _leftmost_longest
from reader.index.progress import count_words
from reader.text.fold import PIECE, fold_char, fold_with_offsets, in_pieces
from reader.text.sanitize import visible

LONG = ("Stálin dá-lhe ÇA ßtraße " * (3 * PIECE // 24 + 7)).strip()


class _Normalize:
    """``unicodedata`` with a ``normalize`` that notes the longest text it was given."""

    def __init__(self) -> None:
        self.longest = 0

    def normalize(self, form: Any, text: str) -> str:
        self.longest = max(self.longest, len(text))
        return unicodedata.normalize(form, text)

    def __getattr__(self, name: str) -> Any:
        return getattr(unicodedata, name)


@pytest.mark.parametrize("text", [LONG.replace("ß", "s"), LONG], ids=["even", "uneven"])
def test_folding_a_long_text_works_a_piece_at_a_time(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    spy = _Normalize()
    monkeypatch.setattr(fold_module, "unicodedata", spy)
    monkeypatch.setattr(fold_module, "_SEEN", fold_module._Seen())  # nothing known yet
    folded, offsets = fold_with_offsets(text)
    assert spy.longest <= PIECE
    assert folded == "".join(fold_char(char) for char in text)
    if offsets is not None:
        assert len(offsets) == len(folded) + 1


def test_pieces_are_joined_as_one_change_of_the_whole() -> None:
    text = "ab\u0301c" * PIECE
    assert in_pieces(text, str.upper) == text.upper()
    assert visible("a\x1bb" * PIECE) == visible("a\x1bb") * PIECE


class _LazyOnly:
    """A compiled pattern whose ``findall`` (every word in one C call) is refused."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern

    def finditer(self, text: str) -> Any:
        return self.pattern.finditer(text)

    def findall(self, text: str) -> Any:
        raise AssertionError("every word of the text gathered in one call")


def test_words_are_counted_as_they_are_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress_module, "_WORD", _LazyOnly(progress_module._WORD))
    assert count_words("um dois-três, quatro’s 5 ") == 4


_spans = st.lists(st.tuples(st.integers(0, 40), st.integers(1, 6)), max_size=30)


def _in_order(spans: list[tuple[int, int]], term: str) -> list[TermMatch]:
    """Non-overlapping matches in order, as one ``finditer`` gives them."""
    matches: list[TermMatch] = []
    for start, length in sorted(spans):
        if not matches or start >= matches[-1].end:
            matches.append(TermMatch(start, start + length, term))
    return matches


@given(_spans, _spans)
def test_merging_two_match_lists_keeps_the_leftmost_longest(
    folded: list[tuple[int, int]], exact: list[tuple[int, int]]
) -> None:
    """The merge keeps what sorting both lists together kept (its definition)."""
    a, b = _in_order(folded, "f"), _in_order(exact, "e")
    by_sort: list[TermMatch] = []
    for match in sorted(a + b, key=lambda match: (match.start, match.start - match.end)):
        if not by_sort or match.start >= by_sort[-1].end:
            by_sort.append(match)
    kept = _leftmost_longest(a, b)
    assert [(m.start, m.end) for m in kept] == [(m.start, m.end) for m in by_sort]


def test_the_parser_leaves_a_text_with_lf_line_ends_as_it_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """markdown-it's line-end rule rewrote every line end with a regex, in one C call;
    ours looks first, and still turns CR LF, CR and NUL as CommonMark says."""
    theirs = importlib.import_module("markdown_it.rules_core.normalize")
    monkeypatch.setattr(theirs, "NEWLINES_RE", None)  # not used any more
    tokens = PARSER.parse("a\r\nb\rc\n\nd\0\n")
    assert [token.content for token in tokens if token.type == "inline"] == ["a\nb\nc", "d\ufffd"]
    assert PARSER.render("x\n" * 1000) == PARSER.render("x\r\n" * 1000)


class _Searches:
    """A compiled pattern that notes the longest stretch one ``search`` looked at."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.longest = 0

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        self.longest = max(self.longest, min(endpos, len(text)) - pos)
        return self.pattern.search(text, pos, endpos)


def test_a_clean_long_text_is_checked_a_piece_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    spy = _Searches(sanitize_module._NEEDS_TRANSLATION)
    monkeypatch.setattr(sanitize_module, "_NEEDS_TRANSLATION", spy)
    clean = "palavra " * PIECE
    assert visible(clean) is clean
    assert 0 < spy.longest <= PIECE
    assert visible(clean + "\x1b") == clean + visible("\x1b")
