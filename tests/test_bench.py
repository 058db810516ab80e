"""The benchmark's pure parts: its arithmetic, its tables, and how it reads a terminal.

Nothing here measures time: the figures are made up, the byte streams recorded or
written by hand, and the one child process (a few lines of Python in a pty) is judged on
what it showed, never on how fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bench.cases import Sample, phase
from bench.report import Report, cell, markdown_table, milliseconds, seconds, times, verdict
from bench.screen import Screen, first_showing
from bench.stats import Figure, by_round, figure, median, ratio
from bench.terminal import KeyTiming, Terminal

RECORDED = Path(__file__).parent / "fixtures" / "bench" / "floor-160x50.bin"
"""What the floor app (``bench/apps/floor.py Zanzibar``) wrote to a 160×50 pty."""


# Arithmetic -------------------------------------------------------------------------------


def test_median_of_odd_and_even_counts() -> None:
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5
    assert median([]) is None


def test_figure_counts_what_is_missing() -> None:
    assert figure([2.0, None, 1.0, 3.0]) == Figure(2.0, 1.0, 3.0, 3, missing=1)
    assert figure([None, None]) is None


def test_a_round_with_several_values_counts_once_as_its_median() -> None:
    samples = [
        Sample(1, "app", "page-down: first", value, "loaded") for value in (0.01, 0.05, 0.03)
    ] + [Sample(2, "app", "page-down: first", 0.02, "loaded")]
    assert by_round(samples)[("app", "page-down: first", "loaded")] == {1: 0.03, 2: 0.02}


def test_ratios_are_taken_round_by_round() -> None:
    # Round 2 is slow for both: its ratio is like the others, though its values are not.
    rodape = {1: 0.8, 2: 1.6, 3: 0.9}
    floor = {1: 0.4, 2: 0.8, 3: 0.45}
    assert ratio(rodape, floor) == Figure(2.0, 2.0, 2.0, 3)


def test_a_ratio_needs_both_halves_of_a_pair() -> None:
    assert ratio({1: 1.0, 2: None, 3: 3.0}, {1: 0.5, 2: 1.0}) == Figure(2.0, 2.0, 2.0, 1)
    assert ratio({1: 1.0}, {2: 1.0}) is None


# Tables -----------------------------------------------------------------------------------


def test_a_cell_gives_the_median_and_the_range() -> None:
    assert cell(Figure(0.412, 0.38, 0.455, 5), seconds) == "0.41 (0.38–0.46)"
    assert cell(Figure(0.02, 0.02, 0.02, 5), milliseconds) == "20"
    assert cell(Figure(2.04, 1.5, 2.5, 4, missing=1), times) == "2.0× (1.5×–2.5×), 1 none"
    assert cell(None, seconds) == "–"


def test_a_verdict_compares_the_median() -> None:
    value = Figure(1.4, 1.0, 2.0, 5)
    assert verdict(value, 1.5) == "✓"
    assert verdict(value, 1.3) == "✗"
    assert verdict(value, 1.5, at_least=True) == "✗"
    assert verdict(None, 1.5) == ""


def test_markdown_table_aligns_the_figures_right() -> None:
    assert markdown_table(("a", "b"), [("x", "1")]) == ["| a | b |", "|:---|---:|", "| x | 1 |"]


def _start_samples(round_: int, floor: float, rodape: float) -> list[Sample]:
    return [
        Sample(round_, "floor", "first screen", floor),
        Sample(round_, "rodape-book", "first screen", rodape),
        Sample(round_, "rodape-book", "peak RSS", 120.0),
        Sample(round_, "rodape-book", "quit", 0.3),
    ]


def test_start_table_gives_the_ratio_to_the_floor_and_the_targets() -> None:
    samples = [*_start_samples(1, 0.4, 0.8), *_start_samples(2, 0.5, 1.5)]
    table = Report(samples).start_table()
    row = next(line for line in table if line.startswith("| rodape-book"))
    cells = [part.strip() for part in row.strip("|").split("|")]
    assert cells[1] == "1.15 (0.80–1.50)"
    assert cells[2] == "2.5× (2.0×–3.0×)"
    assert cells[3] == "≤ 1.5× ✗"
    assert cells[6] == "≤ 100 ✗"
    assert cells[9] == "≤ 0.5 ✓"


def test_key_table_compares_with_the_bare_page_down_of_the_same_round() -> None:
    samples = []
    for round_, base in ((1, 0.02), (2, 0.04)):
        samples.append(Sample(round_, "line-api", "page-down: first", base, "loaded"))
        samples.append(Sample(round_, "line-api", "page-down: settled", base, "loaded"))
        for when, factor in (("loaded", 1.0), ("loading", 3.0)):
            value = base * factor
            samples.append(Sample(round_, "rodape-book", "End: first", value, when))
            samples.append(Sample(round_, "rodape-book", "End: settled", value * 2, when))
    table = Report(samples).key_table()
    rows = [[part.strip() for part in line.strip("|").split("|")] for line in table[2:]]
    assert [row[:3] for row in rows] == [
        ["line-api", "page-down", "loaded"],
        ["rodape-book", "End", "loading"],
        ["rodape-book", "End", "loaded"],
    ]
    loading, loaded = rows[1], rows[2]
    assert loading[4] == "3.0×" and loading[5] == "≤ 1.5× ✗"
    assert loaded[4] == "1.0×" and loaded[5] == "≤ 1.5× ✓"
    assert loaded[7] == "2.0×" and loaded[8] == "≤ 2.5× ✓"


def test_a_key_is_loading_only_in_the_first_pass_and_while_busy() -> None:
    def timing(busy: bool, before: str = "") -> KeyTiming:
        return KeyTiming(0.01, 0.02, True, busy, before)

    assert phase(True, timing(True)) == "loading"
    assert phase(True, timing(False, "… Loading book.md: linking glossary terms…")) == "loading"
    assert phase(True, timing(False)) == "loaded"
    assert phase(False, timing(True)) == "loaded"


# The screen -------------------------------------------------------------------------------


def test_the_recorded_floor_shows_its_word_whatever_the_chunks() -> None:
    data = RECORDED.read_bytes()
    for size in (1, 7, 512, len(data)):
        chunks = [data[start : start + size] for start in range(0, len(data), size)]
        index = first_showing(chunks, "Zanzibar", 160, 50)
        assert index is not None
        # Shown once its last letter has arrived, not before.
        arrived = b"".join(chunks[: index + 1])
        assert b"Zanzibar" in arrived
        assert b"Zanzibar" not in b"".join(chunks[:index])


def test_a_word_split_by_a_style_change_is_seen() -> None:
    stream = ["\x1b[?1049h\x1b[3;5H\x1b[1mZan\x1b[0m\x1b[4mzí".encode(), b"bar"]
    assert first_showing(stream, "Zanzíbar", 40, 5) == 1


def test_a_word_overwritten_before_the_next_chunk_was_never_shown() -> None:
    stream = [b"\x1b[1;1HZanzibar\x1b[1;1H        ", b"\x1b[2;1Hsomething else"]
    assert first_showing(stream, "Zanzibar", 40, 5) is None


def test_kitty_keyboard_sequences_leave_no_trace_on_screen() -> None:
    # pyte does not know CSI < u (pop the kitty flags, written at exit) nor CSI = … u:
    # it would print their last characters. Split between two reads, too.
    screen = Screen(40, 5)
    screen.feed(b"\x1b[3;5HZan\x1b[")
    screen.feed(b"<u\x1b[=1uzi\x1b[>1u")
    screen.feed(b"bar")
    assert screen.lines[2].strip() == "Zanzibar"


def test_a_utf8_character_split_between_reads_is_one_character() -> None:
    screen = Screen(20, 2)
    encoded = "Exército".encode()
    screen.feed(encoded[:3])
    screen.feed(encoded[3:])
    assert screen.lines[0].rstrip() == "Exército"


# The terminal -----------------------------------------------------------------------------

_CHILD = r"""
import os, sys, tty
tty.setraw(0)
os.write(1, b"\x1b[2J\x1b[1;1Hready")
while True:
    key = os.read(0, 16)
    if key == b"q":
        break
    if key == b"\x1b[6~":
        os.write(1, b"\x1b[1;1Hpage two")
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pidfd and /proc: Linux")
def test_the_terminal_waits_for_a_word_times_a_key_and_sees_the_exit() -> None:
    terminal = Terminal([sys.executable, "-c", _CHILD], {"TERM": "xterm-256color"})
    try:
        assert terminal.show_until("ready", timeout=60) is not None
        timing = terminal.press("pagedown", timeout=60)
        assert timing.first is not None and timing.settled is not None
        assert timing.first <= timing.settled
        assert timing.before.startswith("ready")
        assert terminal.screen.shows("page two")
        assert terminal.quit(timeout=60) is not None
        assert terminal.process.returncode == 0
    finally:
        terminal.kill()


# Inputs -----------------------------------------------------------------------------------


def test_the_book_as_a_web_page_and_an_epub_opens_on_its_first_chapter(tmp_path: Path) -> None:
    """The formats' contenders read the generated book as Rodapé reads any page or book:
    the marker of the first chapter is in the text, and the same book gives the same bytes."""
    from bench.book import MARKER, write_corpus
    from bench.contenders import contenders
    from bench.formats import write_epub, write_html
    from bench.inputs import write_inputs
    from reader.pipeline import open_text, resolve_text

    corpus = write_corpus(tmp_path / "book", 0.05, 50, seed=3)
    page = write_html(corpus.book, tmp_path / "page.html", size_mb=0.02)
    book = write_epub(corpus.book, tmp_path / "book.epub")
    assert write_epub(corpus.book, tmp_path / "again.epub").read_bytes() == book.read_bytes()
    for path in (page, book):
        opened = open_text(resolve_text(str(path)))
        first = next(b for b in opened.document.blocks if MARKER in b.text)
        assert first.text.startswith(MARKER)
    inputs = write_inputs(tmp_path / "all", size_mb=0.05, terms=50, seed=3, hostile=False)
    names = [contender.name for contender in contenders(inputs, ["rodape-html", "rodape-epub"])]
    assert names == ["rodape-html", "rodape-epub"]
