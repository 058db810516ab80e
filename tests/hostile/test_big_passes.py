"""No pass over a text is worse than O(n log n): counted in work, never in seconds.

Each test runs one pass (parse, link, index, layout, a CLI command's own work) on a text
of size n and on one of size 4n and counts the Python lines it executes
(:func:`work`). Linear work grows 4 times, n log n a little more; quadratic work grows 16
times, so the bound :data:`MAX_GROWTH` tells them apart on any machine, however loaded.
The inputs are the shapes of the big hostile texts (a book-long line, 100,000 headings,
list items or footnotes, a huge table, inlines dense with terms, code and links), small
enough to be traced.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.document import parse_markdown
from reader.glossary import GlossarySet
from reader.linking import link_document
from tests.core_helpers import glossary_set

MAX_GROWTH = 6.0
"""Most work a pass may do on 4n what it does on n: 4 × log(4n)/log(n) is under 5 for
the sizes here; a quadratic pass does 16 times the work."""


def work(action: Callable[[], object]) -> int:
    """The Python lines ``action`` executes (C code such as a regex scan counts as the
    line calling it): a measure of work that does not depend on the machine's speed."""
    count = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Callable[..., Any]:
        nonlocal count
        if event == "line":
            count += 1
        return trace

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        action()
    finally:
        sys.settrace(previous)
    return count


def growth(make: Callable[[int], Callable[[], object]], n: int) -> float:
    """How many times more work the pass ``make(size)`` does at 4n than at n (the pass
    is first run once on a tiny input, so caches filled on first use count for neither)."""
    make(max(1, n // 16))()
    small, large = work(make(n)), work(make(4 * n))
    return large / max(1, small)


# --- the inputs -------------------------------------------------------------------------

GLOSSARY = (
    "terms:\n"
    "  - term: Rio Volga\n"
    "    aliases: [Volga]\n"
    "    short: Um rio.\n"
    "  - term: Stalingrado\n"
    "    short: Uma cidade.\n"
    "  - term: URSS\n"
    "    short: A União Soviética.\n"
    "    case_sensitive: true\n"
)
"""Folded and case-sensitive forms, so both of the matcher's patterns run."""


def _glossaries() -> GlossarySet:
    return glossary_set(GLOSSARY, "grande")


def _link(source: str) -> Callable[[], object]:
    document = parse_markdown(source, "big.md")
    glossaries = _glossaries()
    return lambda: link_document(document, glossaries)


# --- linking ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "unit",
    [
        "Volga `código` ",  # terms beside code spans (never matched inside)
        "URSS [ligação](http://x) ",  # beside links
        "Stalingrado <b>x</b> ",  # beside inline HTML
        "Volga ![Volga](img.png) ",  # beside images
    ],
)
def test_matching_terms_among_excluded_spans_is_not_quadratic(unit: str) -> None:
    """One paragraph dense with terms and with code spans, links, HTML or images (where
    terms are not looked for): each match is checked against the excluded ranges near
    it, not against all of them."""
    assert growth(lambda size: _link(unit * size), 300) < MAX_GROWTH


@given(
    words=st.lists(st.sampled_from(["Volga", "URSS", "Stalingrado", "rio", "e", " "]), max_size=40),
    points=st.lists(st.integers(0, 200), max_size=20),
)
def test_excluded_ranges_drop_exactly_the_matches_they_overlap(
    words: list[str], points: list[int]
) -> None:
    """The one sweep drops what checking every match against every range dropped, for
    ranges in any order, nested, overlapping or empty."""
    text = " ".join(words)
    exclude = list(zip(points[::2], points[1::2], strict=False))
    exclude = [(min(pair), max(pair)) for pair in exclude]
    matcher = _glossaries().matcher
    expected = [
        match
        for match in matcher.find(text)
        if not any(match.start < end and start < match.end for start, end in exclude)
    ]
    assert matcher.find(text, exclude) == expected
