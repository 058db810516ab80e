"""No layout pass over a text is worse than O(n log n), and a screen costs O(log n) of it:
counted in work (:mod:`tests.hostile.work`), never in seconds.

Wrapping a book-long paragraph, plain or dense with terms; laying out 100,000 short
blocks; drawing a screen of a text not laid out yet; Tab from a screen without links.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from itertools import accumulate, pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.document import parse_markdown
from reader.layout import DocumentLayout, Run, styled_runs, wrap_runs
from reader.layout import document as document_layout
from reader.layout.estimate import Shapes
from reader.layout.places import next_link
from reader.layout.tops import LineTops
from reader.linking import link_document
from tests.hostile.work import PLAIN_WORDS, glossaries, growth, prose, work


def test_wrapping_plain_prose_costs_steps_per_line_not_per_word() -> None:
    """A paragraph of plain words (a 10 MB line is 1.6 million of them) is wrapped a
    line at a time: a few dozen steps per line, where word by word took over 700."""
    text = prose(PLAIN_WORDS, 3_000)
    lines = wrap_runs([Run(text, offset=0)], 72)
    assert work(lambda: wrap_runs([Run(text, offset=0)], 72)) < 150 * len(lines)


def test_wrapping_prose_dense_with_terms_costs_steps_per_run_not_per_word() -> None:
    """A paragraph with a term every few words: a line is cut into its runs by slicing,
    not gathered word by word and merged again (over 1,000 steps per line)."""
    document = link_document(
        parse_markdown(prose(["o", "rio", "Volga", "e", "a", "URSS", "no"], 3_000), "t.md"),
        glossaries(),
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


def test_tab_from_a_screen_without_links_bisects_the_links() -> None:
    """Tab and Shift+Tab below the last of 100,000 links (no link on screen): the
    nearest link is found by bisection, not by walking every link above."""

    def tab_at_end(size: int, step: int) -> Callable[[], object]:
        source = "Volga.\n\n" * size + "Nada aqui.\n\n" * 40
        linked = link_document(parse_markdown(source, "t.md"), glossaries(), framed=False)
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
        source = "\n\n".join(prose(PLAIN_WORDS, 5 + n % 40) for n in range(size))
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
