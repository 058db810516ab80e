"""Word and line motions of a keyboard selection (reader.layout.motions), and the line a
table row starts on (reader.layout.places.table_row_line)."""

from __future__ import annotations

from pathlib import Path

from reader.document import parse_document
from reader.layout import DocumentLayout
from reader.layout.motions import (
    Word,
    first_word,
    last_word,
    line_move,
    next_word,
    offset_at_column,
    point_of,
    word_at,
)
from reader.layout.places import table_row_line

TEXT = "A ofensiva  alemã, contra a cidade."


def test_word_at_is_the_word_holding_the_offset_else_the_next() -> None:
    assert word_at(TEXT, 0) == Word(0, 1)
    assert word_at(TEXT, 4) == Word(2, 10)  # inside "ofensiva"
    assert word_at(TEXT, 10) == Word(12, 18)  # between words: the next, with its comma
    assert word_at(TEXT, len(TEXT)) == Word(28, 35)  # past the end: the last
    assert word_at("   ", 1) is None


def test_next_and_previous_word_stop_at_the_ends() -> None:
    word = Word(12, 18)
    assert next_word(TEXT, word, 1) == Word(19, 25)
    assert next_word(TEXT, word, -1) == Word(2, 10)
    assert next_word(TEXT, Word(0, 1), -1) is None
    assert next_word(TEXT, Word(28, 35), 1) is None


def test_first_and_last_word() -> None:
    assert first_word(TEXT) == Word(0, 1)
    assert first_word(TEXT, 3) == Word(2, 10)
    assert last_word(TEXT) == Word(28, 35)
    assert last_word(TEXT, 12) == Word(2, 10)
    assert first_word("") is None and last_word("  ") is None


def test_a_giant_word_is_cut_not_read_whole() -> None:
    text = "x" * 100_000
    found = word_at(text, 50_000)
    assert found is not None and found.end - found.start <= 1_000


def _layout(source: str, width: int = 30) -> DocumentLayout:
    return DocumentLayout(parse_document(source, Path("t.md")), width)


def test_line_motion_keeps_the_column_within_the_block() -> None:
    words = " ".join(f"w{n:02d}" for n in range(30))  # 4 cells a word with its space
    layout = _layout(words + "\n\nNext paragraph.\n")
    text = layout.document.blocks[0].text
    start = text.index("w02")
    below = line_move(layout, 0, start, 1)
    assert below is not None
    assert point_of(layout, 0, below).y == point_of(layout, 0, start).y + 1
    assert point_of(layout, 0, below).column == point_of(layout, 0, start).column
    assert line_move(layout, 0, below, -1) == start
    assert line_move(layout, 0, start, -1) is None  # the first line: nowhere above
    last = len(text) - 1
    assert line_move(layout, 0, last, 1) is None  # never into the next paragraph


def test_line_motion_to_a_shorter_line_takes_its_last_character() -> None:
    layout = _layout("aaaa bbbb cccc dddd eeee ffff gggg\n", width=20)
    text = layout.document.blocks[0].text
    start = text.index("dddd") + 3  # far right on the first line
    below = line_move(layout, 0, start, 1)
    assert below is not None and text[below] == "g"


def test_offset_at_column_of_a_line_without_text() -> None:
    assert offset_at_column((), 3) is None


TABLE = """Intro.

| a | b |
|---|---|
| one | two |
| a long cell that wraps over several lines of the narrow table | x |
| three | four |
"""


def test_table_row_line_counts_wrapped_rows_and_the_header_rule() -> None:
    layout = _layout(TABLE, width=30)
    table = next(i for i, b in enumerate(layout.document.blocks) if b.rows)
    lines = ["".join(run.text for run in layout.line(y) or ()) for y in range(layout.height)]
    for row, first_cell in ((1, "one"), (3, "three")):
        y = table_row_line(layout, table, row)
        assert first_cell in lines[y], (row, lines)
    assert "a" in lines[table_row_line(layout, table, 0)]
