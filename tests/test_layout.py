"""The layout of blocks too long to wrap at once: in pieces, with nothing lost or moved.

A giant block is laid out in pieces (``reader.layout.piece_ranges``) so that only the
pieces on screen are wrapped. These tests shrink the piece size so that small texts are
cut many times, and compare the pieced layout with the layout of the whole block: the
same characters with the same roles and links, in the same order, the same note numbers;
tables, code and hard line breaks (cut where a line ends anyway) line for line the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

import reader.layout.document as layout_document
import reader.layout.pieces as layout_pieces
from reader.document import parse_markdown
from reader.document.model import Block, BlockKind, Document, Metadata, Span, SpanKind
from reader.layout import DocumentLayout, Line, piece_ranges
from reader.layout.tables import table_widths
from reader.linking import link_document
from tests.core_helpers import glossary_set

WIDTH = 40


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pieces of 30 characters (or 3 table rows), so a paragraph of 200 is cut often."""
    monkeypatch.setattr(layout_pieces, "PIECE_CHARS", 30)
    monkeypatch.setattr(layout_pieces, "PIECE_ROWS", 3)


def _document(*blocks: Block) -> Document:
    return Document(path="t.md", meta=Metadata("t"), blocks=tuple(blocks))


def _whole(document: Document, width: int = WIDTH) -> list[Line]:
    """Every line of ``document`` laid out with no block cut (pieces larger than it)."""
    saved = layout_pieces.PIECE_CHARS, layout_pieces.PIECE_ROWS
    layout_pieces.PIECE_CHARS = layout_pieces.PIECE_ROWS = 10**9
    try:
        layout = DocumentLayout(document, width)
        return [line for index in range(len(document.blocks)) for line in layout.block_lines(index)]
    finally:
        layout_pieces.PIECE_CHARS, layout_pieces.PIECE_ROWS = saved


def _stream(lines: list[Line]) -> Iterator[tuple[str, str, int, int]]:
    """(character, roles, link, offset) of every character shown but spaces."""
    for line in lines:
        for run in line:
            for position, char in enumerate(run.text):
                if char != " ":
                    offset = run.offset + position if run.offset >= 0 else -1
                    yield char, run.roles, run.link, offset


def _paragraph(text: str, spans: tuple[Span, ...] = ()) -> Block:
    return Block(id="p-1", kind=BlockKind.PARAGRAPH, text=text, spans=spans)


def _words(count: int) -> str:
    return " ".join(f"w{number}" for number in range(count))


def test_short_blocks_are_laid_out_whole() -> None:
    assert piece_ranges(_paragraph(_words(100))) is None


def test_cuts_prefer_a_line_break_then_a_space(small_pieces: None) -> None:
    text = "a" * 35 + "\n" + "b" * 100
    ranges = piece_ranges(_paragraph(text))
    assert ranges is not None
    assert ranges[0] == (0, 35)  # at the line break, which belongs to neither piece
    assert text[ranges[1][0]] == "b"
    spaced = piece_ranges(_paragraph(_words(40)))
    assert spaced is not None
    for (_, end), (start, _) in pairwise(spaced):
        assert start == end + 1 and _words(40)[end] == " "


def test_a_word_longer_than_a_piece_is_cut_inside(small_pieces: None) -> None:
    ranges = piece_ranges(_paragraph("x" * 100))
    assert ranges is not None and len(ranges) > 1
    assert [end for _, end in ranges[:-1]] == [start for start, _ in ranges[1:]]


def test_giant_paragraph_shows_every_character_once(small_pieces: None) -> None:
    text = _words(300)
    spans = (
        Span(0, len(text), SpanKind.EMPHASIS),  # crosses every cut
        Span(10, 16, SpanKind.TERM_REF, "t", number=1),
        Span(500, 500, SpanKind.NOTE_REF, "n", number=2),
    )
    document = _document(_paragraph(text, spans))
    layout = DocumentLayout(document, WIDTH)
    assert len(piece_ranges(document.blocks[0]) or ()) > 10
    pieced = layout.block_lines(0)
    assert list(_stream(pieced)) == list(_stream(_whole(document)))
    assert all(cell_len("".join(run.text for run in line)) <= WIDTH for line in pieced)
    assert all("em" in run.roles for line in pieced for run in line if run.offset >= 0)


def test_lines_are_found_by_offset_and_link(small_pieces: None) -> None:
    text = _words(300)
    starts = [text.index(f"w{number} ") for number in (5, 150, 290)]
    spans = tuple(Span(start, start + 4, SpanKind.TERM_REF, "t") for start in starts)
    layout = DocumentLayout(_document(_paragraph(text, spans)), WIDTH)
    for link, start in enumerate(starts):
        y = layout.link_line(link)
        assert any(run.link == link for run in layout.line(y) or ())
        assert layout.offset_line(0, start) == y
        assert layout.links[link].start == start


def test_only_the_pieces_asked_for_are_wrapped(
    small_pieces: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(layout_document, "EAGER_LAYOUT_CHARS", 0)  # as in a book
    layout = DocumentLayout(_document(_paragraph(_words(3000))), WIDTH)
    layout.line(0)
    assert len(layout._cache) == 1
    last = layout.line(layout.height - 1)
    assert last  # the end, reached without wrapping the middle
    assert len(layout._cache) <= 3


def test_blank_line_and_margin_only_before_the_first_piece(small_pieces: None) -> None:
    text = "# Title\n\n> " + _words(200) + "\n"
    document = parse_markdown(text, "t.md")
    layout = DocumentLayout(document, WIDTH)
    lines = layout.block_lines(1)
    assert lines[0] == ()
    assert all(line and line[0].text == "│ " for line in lines[1:])
    assert sum(1 for line in lines if not line) == 1


def test_hard_line_breaks_cut_exactly(small_pieces: None) -> None:
    text = "\\\n".join(f"line {number} of a poem" for number in range(60)) + "\n"
    document = parse_markdown(text, "t.md")
    assert piece_ranges(document.blocks[0]) is not None
    assert DocumentLayout(document, WIDTH).block_lines(0) == _whole(document)


def test_code_keeps_its_spaces_and_is_cut_at_the_width() -> None:
    code = "def f():\n    return  1  # two spaces\n" + "x" * 100 + "\n    \u00e9\u00e9\u4e2d" * 2
    document = parse_markdown(f"```\n{code}\n```\n", "t.md")
    shown = [
        "".join(run.text for run in line) for line in DocumentLayout(document, WIDTH).block_lines(0)
    ]
    assert shown[0] == " def f():".ljust(WIDTH)
    assert shown[1] == "     return  1  # two spaces".ljust(WIDTH)
    assert "".join(line[1:].rstrip() for line in shown[2:5]) == "x" * 100
    assert all(cell_len(line) == WIDTH for line in shown)


def test_code_blocks_cut_at_line_ends_exactly(small_pieces: None) -> None:
    code = "\n".join(f"f({number})  # c" for number in range(60))
    document = parse_markdown(f"```\n{code}\n```\n", "t.md")
    assert piece_ranges(document.blocks[0]) is not None
    assert DocumentLayout(document, WIDTH).block_lines(0) == _whole(document)


def test_every_link_line_holds_its_link(small_pieces: None) -> None:
    """Links in every piece of a paragraph and of a table, one starting with the space
    a cut is made at, are found on their line."""
    words = _words(120)
    cut = (piece_ranges(_paragraph(words)) or [])[0][1]
    assert words[cut] == " "
    spans = (
        Span(3, 9, SpanKind.TERM_REF, "t"),
        Span(cut, cut + 4, SpanKind.LINK, "https://e.example/"),
        Span(len(words) - 4, len(words), SpanKind.TERM_REF, "t"),
    )
    rows = "".join(f"| {n} | [x](https://e.example/{n}) |\n" for n in range(20))
    table = parse_markdown("| a | b |\n|---|---|\n" + rows, "t.md").blocks[0]
    layout = DocumentLayout(_document(_paragraph(words, spans), table), WIDTH)
    assert len(layout.links) == 23
    for link in range(len(layout.links)):
        assert any(run.link == link for run in layout.line(layout.link_line(link)) or ())


def test_tables_cut_between_rows_exactly(small_pieces: None) -> None:
    rows = "".join(f"| {number} | [x](https://e.example/{number}) word |\n" for number in range(20))
    document = parse_markdown("| a | b |\n|---|---|\n" + rows, "t.md")
    ranges = piece_ranges(document.blocks[0])
    assert ranges is not None and len(ranges) > 3
    layout = DocumentLayout(document, WIDTH)
    assert layout.block_lines(0) == _whole(document)
    assert [link.index for link in layout.links] == list(range(20))
    assert any(run.link == 19 for run in layout.line(layout.link_line(19)) or ())


def test_a_table_in_pieces_is_measured_when_its_layout_is_made(
    small_pieces: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A layout is made where the text loads; its first frame is drawn on the UI thread.
    The columns of a table of 15,000 rows were measured at that frame (a quarter of a
    second, while keys waited) and again at each width: now once, with the layout."""
    import reader.layout.tables as layout_tables

    cell = "[x](https://e.example/{number}) a few words more"
    rows = "".join(f"| {number} | {cell.format(number=number)} |\n" for number in range(20))
    document = parse_markdown("| a | b |\n|---|---|\n" + rows, "t.md")
    layout = DocumentLayout(document, WIDTH)
    whole = _whole(document)

    def measured(cell: object) -> int:
        raise AssertionError("a cell measured while drawing")

    monkeypatch.setattr(layout_tables, "cell_width", measured)
    assert layout.block_lines(0) == whole
    assert layout.set_width(WIDTH // 2)
    assert len(layout.block_lines(0)) > len(whole)
    assert any(run.link == 19 for run in layout.line(layout.link_line(19)) or ())


_SPAN_KINDS = [SpanKind.EMPHASIS, SpanKind.STRONG, SpanKind.TERM_REF, SpanKind.NOTE_REF]


@st.composite
def _paragraphs(draw: st.DrawFn) -> Block:
    """A paragraph of words and spaces (some long, some runs of spaces, some line
    breaks) with sorted, possibly nested spans, some zero-width, some numbered."""
    pieces = draw(
        st.lists(st.sampled_from(["ab", "cdefgh", "x" * 45, " ", "   ", "\n"]), max_size=80)
    )
    text = "".join(pieces)
    bounds = st.integers(0, len(text))
    spans: list[Span] = []
    for start, size, kind, numbered in draw(
        st.lists(st.tuples(bounds, st.integers(0, 60), st.sampled_from(_SPAN_KINDS), st.booleans()))
    ):
        end = start if kind is SpanKind.NOTE_REF else min(len(text), start + size)
        number = len(spans) + 1 if numbered else None
        spans.append(Span(start, end, kind, "k", number))
    spans.sort(key=lambda span: span.start)
    return _paragraph(text, tuple(spans))


@given(block=_paragraphs(), width=st.integers(12, 50))
def test_pieces_show_what_the_whole_block_shows(block: Block, width: int) -> None:
    """Whatever the text and spans: the same characters, roles, links and note numbers
    as the block laid out whole, and no line wider than the column."""
    saved = layout_pieces.PIECE_CHARS
    layout_pieces.PIECE_CHARS = 25
    try:
        document = _document(block)
        pieced = DocumentLayout(document, width).block_lines(0)
    finally:
        layout_pieces.PIECE_CHARS = saved
    assert list(_stream(pieced)) == list(_stream(_whole(document, width)))
    assert all(cell_len("".join(run.text for run in line)) <= width for line in pieced)


def test_table_columns_are_sized_with_their_note_marks() -> None:
    """A cell's note numbers are part of its width: with ``marks="all"`` the first
    column is as wide as "Command Module¹", and that cell is laid out on one line."""
    glossaries = glossary_set("terms:\n  - term: Command Module\n    short: c\n")
    source = "The Command Module.\n\n| Part | Role |\n|---|---|\n| Command Module | crew |\n"
    document = link_document(parse_markdown(source, "t.md"), glossaries, marks="all")
    (index,) = [n for n, block in enumerate(document.blocks) if block.kind is BlockKind.TABLE]
    assert table_widths(document.blocks[index], 100) == [cell_len("Command Module¹"), 4]
    layout = DocumentLayout(document, 100)
    lines = ["".join(run.text for run in line) for line in layout.block_lines(index)]
    assert "Command Module¹ │ crew" in lines
