"""No pass over a text is worse than O(n log n): counted in work (:mod:`tests.hostile.work`),
never in seconds.

Parsing, linking, indexing and the commands' own work on the shapes of the big hostile
texts (100,000 headings, footnotes or abbreviation lines, inlines dense with terms beside
code and links, a book-long paragraph), small enough to be traced; and the collector
paused for each pass. The layout's passes are in ``test_big_layout.py``.
"""

from __future__ import annotations

import dataclasses
import gc
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.cli.indexed_text import IndexedText
from reader.document import Document, parse_markdown
from reader.document.model import replaced
from reader.index.mentions import MentionIndex
from reader.index.progress import ReadingProgress
from reader.layout import DocumentLayout
from reader.linking import OpenedText, link_document
from reader.text.collector import collector_paused
from reader.text.textfile import TextRef
from tests.hostile.work import MAX_GROWTH, glossaries, growth, link_pass, work

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
    assert growth(lambda size: link_pass(unit * size), 300) < MAX_GROWTH


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
    matcher = glossaries().matcher
    expected = [
        match
        for match in matcher.find(text)
        if not any(match.start < end and start < match.end for start, end in exclude)
    ]
    assert matcher.find(text, exclude) == expected


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


# --- the commands' own work -------------------------------------------------------------


def _indexed(source: str) -> IndexedText:
    linked = link_document(parse_markdown(source, "big.md"), glossaries())
    opened = OpenedText(TextRef(Path("big.md"), "big.md"), linked, glossaries(), ())
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

    terms = glossaries()
    gc.callbacks.append(count)
    try:
        document = parse_markdown(source, "big.md")
        linked = link_document(document, terms)
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
