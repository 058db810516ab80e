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

import dataclasses
import gc
import random
import re
import sys
import threading
from bisect import bisect_right
from collections.abc import Callable, Iterator
from itertools import accumulate, pairwise
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.cli.indexed_text import IndexedText
from reader.document import Document, parse_markdown
from reader.document.model import replaced
from reader.glossary import GlossarySet
from reader.index.mentions import MentionIndex
from reader.index.progress import ReadingProgress
from reader.layout import DocumentLayout, Run, styled_runs, wrap_runs
from reader.layout import document as document_layout
from reader.layout.estimate import Shapes
from reader.layout.places import next_link
from reader.layout.tops import LineTops
from reader.linking import OpenedText, link_document
from reader.text.collector import collector_paused
from reader.text.textfile import TextRef
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


# --- layout -----------------------------------------------------------------------------

_PLAIN_WORDS = ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit"]


def _prose(words: list[str], count: int) -> str:
    rng = random.Random(count)
    return " ".join(rng.choice(words) for _ in range(count))


def test_wrapping_plain_prose_costs_steps_per_line_not_per_word() -> None:
    """A paragraph of plain words (a 10 MB line is 1.6 million of them) is wrapped a
    line at a time: a few dozen steps per line, where word by word took over 700."""
    text = _prose(_PLAIN_WORDS, 3_000)
    lines = wrap_runs([Run(text, offset=0)], 72)
    assert work(lambda: wrap_runs([Run(text, offset=0)], 72)) < 150 * len(lines)


def test_wrapping_prose_dense_with_terms_costs_steps_per_run_not_per_word() -> None:
    """A paragraph with a term every few words: a line is cut into its runs by slicing,
    not gathered word by word and merged again (over 1,000 steps per line)."""
    document = link_document(
        parse_markdown(_prose(["o", "rio", "Volga", "e", "a", "URSS", "no"], 3_000), "t.md"),
        _glossaries(),
    )
    paragraph = document.blocks[1]
    runs = styled_runs(paragraph.text, paragraph.spans, 0)
    lines = wrap_runs(runs, 72)
    assert work(lambda: wrap_runs(runs, 72)) < 500 * len(lines)


def test_laying_out_short_blocks_costs_no_wrapping() -> None:
    """100,000 headings or list items: a block that fits on one line, without spans, is
    styled and set in one step each (a 4n text costs 4 times an n one, at most ~200
    steps a block where it took ~300)."""
    source = "".join(f"## Heading {n}\n\n- item {n}\n\n" for n in range(2_000))
    document = parse_markdown(source, "h.md")
    steps = work(lambda: DocumentLayout(document, 72).plain_lines())
    assert steps < 200 * len(document.blocks)


_PIECES = st.sampled_from(
    ["a", "bc", "Volga", "ção", "漢字", " ", "  ", "\t", "\u00a0", "\n", "x" * 30]
)


@given(
    st.lists(st.tuples(st.lists(_PIECES, max_size=40).map("".join), st.booleans()), max_size=5),
    st.integers(1, 40),
)
def test_wrapping_keeps_every_character_and_fills_each_line(
    texts: list[tuple[str, bool]], width: int
) -> None:
    """Whichever way a line is taken (sliced whole or word by word): no line is wider
    than the width but for a word cut where it overflows, the words are all there in
    order, each run's text is the block's text at its offset, and a line ends only where
    the next word would not fit, at a line break, or inside a word too long for it."""
    runs, source, offset = [], "", 0
    for text, emphasised in texts:
        runs.append(Run(text, "em" if emphasised else "", -1, offset))
        source, offset = source + text, offset + len(text)
    lines = wrap_runs(runs, width)
    shown = ["".join(run.text for run in line) for line in lines]
    assert "".join("".join(shown).split()) == "".join(source.split())
    for line in lines:
        for run in line:
            original = source[run.offset : run.offset + len(run.text)]
            assert run.text == re.sub(r"[ \t\u00a0]", " ", original)
    for text, following in pairwise(shown):
        assert cell_len(text) <= width or " " not in text.strip(" ")
        next_word = following.split(" ")[0]
        if next_word and cell_len(text) < width:
            assert cell_len(text) + 1 + cell_len(next_word) > width or "\n" in source


# --- the garbage collector --------------------------------------------------------------


def test_the_passes_over_a_big_text_run_no_garbage_collection() -> None:
    """Parsing, linking, indexing and laying out 20,000 blocks make hundreds of
    thousands of objects that live to the end of the pass, in no cycle: the collector
    walking them over and over (some hundred times) was a third of the time. It is
    paused for each pass, and runs again after."""
    source = "".join(
        f"## Título {n}\n\nO rio Volga[^n{n}].\n\n[^n{n}]: Nota.\n\n" for n in range(5_000)
    )
    collections: list[str] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(phase)

    glossaries = _glossaries()
    gc.callbacks.append(count)
    try:
        document = parse_markdown(source, "big.md")
        linked = link_document(document, glossaries)
        MentionIndex.build(linked)
        DocumentLayout(linked, 72).plain_lines()
    finally:
        gc.callbacks.remove(count)
    assert len(collections) <= 5  # one after each pass, when the collector runs again
    assert gc.isenabled()


def test_a_pass_in_another_thread_leaves_the_collector_as_it_found_it() -> None:
    """Passes overlapping in two threads: the collector runs again only when both are
    done, and stays off after them if it was off before."""
    both_in = threading.Barrier(2)

    def parse_in_thread() -> None:
        with collector_paused():
            both_in.wait()
            both_in.wait()

    worker = threading.Thread(target=parse_in_thread)
    worker.start()
    with collector_paused():
        both_in.wait()
        assert not gc.isenabled()
    assert not gc.isenabled()  # the worker's pass is still going
    both_in.wait()
    worker.join()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


# --- what the panels ask at each scroll -------------------------------------------------


def _headings(count: int) -> Document:
    """``count`` headings of levels 1, 2, 3, 2, 3, ... each over a line of text."""
    levels = [1] + [2 + n % 2 for n in range(count - 1)]
    source = "".join(
        f"{'#' * level} Título {n}\n\nTexto {n}.\n\n" for n, level in enumerate(levels)
    )
    return parse_markdown(source, "headings.md")


def test_the_breadcrumb_walks_up_the_nesting_not_along_every_heading() -> None:
    """ "Where you are" at the end of a text of 100,000 headings: its three enclosing
    headings are found in three steps, not by replaying every heading above."""

    def breadcrumb_at_end(size: int) -> Callable[[], object]:
        document = _headings(size)
        progress = ReadingProgress(document)
        return lambda: progress.breadcrumb(len(document.blocks) - 1)

    assert ReadingProgress(_headings(5)).breadcrumb(9) == ("Título 0", "Título 3", "Título 4")
    assert growth(breadcrumb_at_end, 500) < 1.5


def test_tab_from_a_screen_without_links_bisects_the_links() -> None:
    """Tab and Shift+Tab below the last of 100,000 links (no link on screen): the
    nearest link is found by bisection, not by walking every link above."""

    def tab_at_end(size: int, step: int) -> Callable[[], object]:
        source = "Volga.\n\n" * size + "Nada aqui.\n\n" * 40
        linked = link_document(parse_markdown(source, "t.md"), _glossaries(), framed=False)
        layout = DocumentLayout(linked, 72)  # no notes section: no links at the end
        top = layout.height - 10
        assert layout.links  # listed once per layout, on first use
        return lambda: next_link(layout, None, top, top + 5, step)

    assert tab_at_end(10, 1)() == 0  # round to the first
    assert tab_at_end(10, -1)() == 9  # back to the last
    assert growth(lambda size: tab_at_end(size, 1), 500) < 1.5
    assert growth(lambda size: tab_at_end(size, -1), 500) < 1.5


class _ReadHeights(list[int]):
    """Estimated heights whose every reading is a traced step: a list's own iteration
    is C code, which :func:`work` does not see."""

    def __iter__(self) -> Iterator[int]:
        for index in range(len(self)):
            yield self[index]


def test_a_new_screen_moves_the_lines_below_without_a_pass_over_every_piece(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Scrolling to a part of a big text not laid out yet: each piece wrapped there
    replaces its estimated height, and every piece below moves. That costs O(log n) a
    piece (a Fenwick tree of the heights), not a pass over all the heights per line
    (30 passes over 100,000 pieces a screen)."""
    monkeypatch.setattr(document_layout, "EAGER_LAYOUT_CHARS", 0)  # lay out lazily
    estimate = Shapes.estimate
    monkeypatch.setattr(  # one line too many each: wrapping any piece corrects its height
        Shapes, "estimate", lambda self, width: _ReadHeights(h + 1 for h in estimate(self, width))
    )

    def draw_a_screen_in_the_middle(size: int) -> Callable[[], object]:
        source = "\n\n".join(_prose(_PLAIN_WORDS, 5 + n % 40) for n in range(size))
        layout = DocumentLayout(parse_markdown(source, "p.md"), 72)
        middle = layout.height // 2
        return lambda: [layout.line(y) for y in range(middle, middle + 30)]

    assert growth(draw_a_screen_in_the_middle, 500) < 1.5


@given(
    st.lists(st.integers(0, 5), max_size=40),
    st.lists(st.tuples(st.integers(0, 39), st.integers(0, 5))),
)
def test_line_tops_agree_with_adding_the_heights_up(
    heights: list[int], changes: list[tuple[int, int]]
) -> None:
    """Whatever the heights (pieces of no lines too) and their changes, the tree gives
    the tops a running sum gives, and the piece of each line a bisection of them does."""
    tops = LineTops(heights)
    for piece, height in changes:
        if piece < len(heights):
            heights[piece] = height
            tops.set_height(piece, height)
    sums = [0, *accumulate(heights)]
    assert [tops.top(piece) for piece in range(len(heights) + 1)] == sums
    assert tops.total == sums[-1]
    for y in range(-2, sums[-1] + 3):
        expected = min(len(heights) - 1, max(0, bisect_right(sums, y) - 1)) if heights else 0
        assert tops.piece_at(y) == expected


# --- the commands' own work -------------------------------------------------------------


def _indexed(source: str) -> IndexedText:
    linked = link_document(parse_markdown(source, "big.md"), _glossaries())
    opened = OpenedText(TextRef(Path("big.md"), "big.md"), linked, _glossaries(), ())
    return IndexedText(opened, MentionIndex.build(linked), tuple(source.split("\n")))


def test_lookup_in_places_every_mention_of_a_long_paragraph_in_one_reading() -> None:
    """``reader lookup TERM --in`` on a paragraph of thousands of source lines, the
    term on each: every mention gets its own line, and the paragraph is read once per
    surface form, not once per mention."""
    lines = _indexed("# T\n\n" + "o rio Volga e a\nURSS no\n" * 4).mention_lines("Rio Volga")
    assert [line.split(":")[1] for line in lines] == ["3", "5", "7", "9"]

    def look_up(size: int) -> Callable[[], object]:
        indexed = _indexed("# T\n\n" + "o rio Volga e a\nURSS no\n" * size)
        return lambda: indexed.mention_lines("Rio Volga")

    assert growth(look_up, 200) < MAX_GROWTH


def test_linking_footnotes_copies_each_block_at_once() -> None:
    """50,000 footnotes: their references numbered, their blocks moved to the notes
    section; each copy is made at once, not field by field (~300 steps a footnote)."""
    count = 1_000
    source = "".join(f"Texto {n}[^n{n}].\n\n" for n in range(count))
    source += "".join(f"[^n{n}]: Nota {n}.\n" for n in range(count))
    document = parse_markdown(source, "notes.md")
    assert work(lambda: link_document(document, None)) < 150 * count


def test_a_copy_of_a_part_of_the_model_is_what_replace_makes() -> None:
    """:func:`replaced` is ``dataclasses.replace``, faster: equal results, and the
    same refusal of a field the class does not have."""
    block = parse_markdown("Um *rio*.\n", "r.md").blocks[0]
    assert replaced(block, tight=True) == dataclasses.replace(block, tight=True)
    assert replaced(block.spans[0], number=3) == dataclasses.replace(block.spans[0], number=3)
    with pytest.raises(TypeError):
        replaced(block, colour="red")


# --- parsing ----------------------------------------------------------------------------


def test_abbreviation_lines_are_collected_without_comparing_each_with_all() -> None:
    """100,000 abbreviation lines (``*[A1]: …``): whether a label is already defined is
    a look-up, not a comparison with every line before; the first definition wins."""
    assert [
        term.short for term in parse_markdown("*[A]: um\n*[A]: dois\n", "a.md").local_terms
    ] == ["um"]

    def abbreviations(size: int) -> Callable[[], object]:
        source = "".join(f"*[A{n}]: Abreviatura {n}\n" for n in range(size)) + "\nTexto.\n"
        return lambda: parse_markdown(source, "a.md")

    assert growth(abbreviations, 600) < MAX_GROWTH
