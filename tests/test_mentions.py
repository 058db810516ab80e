"""The mention index: counts, mentions with context, terms of a passage, next/previous."""

from __future__ import annotations

import re
from functools import cache

import pytest

from reader.document import Block, BlockKind, Document, Metadata, Span, SpanKind, parse_markdown
from reader.glossary.lint import unmentioned_terms
from reader.index.mentions import MentionIndex, context_line
from reader.index.source_lines import source_line
from reader.layout import DocumentLayout
from reader.linking import NOTES_BLOCK_ID, link_document
from reader.pipeline import OpenedText, open_text, resolve_text
from tests.core_helpers import REPO, glossary_set


@cache
def _stalingrado() -> tuple[OpenedText, MentionIndex]:
    opened = open_text(resolve_text("stalingrado"))
    return opened, MentionIndex.build(opened.document)


def _block(opened: OpenedText, block_id: str) -> int:
    index = opened.document.block_index(block_id)
    assert index is not None, block_id
    return index


def _body_source() -> str:
    """The bundled article's Markdown after its front matter."""
    source = (REPO / "texts" / "stalingrado.md").read_text(encoding="utf-8")
    return source.split("\n---\n", 1)[1]


@pytest.mark.parametrize(
    ("term", "written", "count"),
    [
        ("Wehrmacht", "Wehrmacht", 2),
        ("Exército Vermelho", "Exército Vermelho", 4),
        ("imperialismo", "imperialismo", 4),
    ],
)
def test_counts_on_the_bundled_article(term: str, written: str, count: int) -> None:
    """Counts agree with reading the article: "Wehrmacht" twice (paragraphs 3 and 6),
    "Exército Vermelho" four times (paragraphs 1, 3, 4 and 5), "imperialismo" four times;
    also checked against a plain search of the source below the front matter."""
    _, index = _stalingrado()
    assert index.count(term) == count
    assert len(index.mentions(term)) == count
    assert len(re.findall(rf"(?<!\w){written}(?!\w)", _body_source())) == count


def test_unknown_or_unmentioned_terms_count_zero() -> None:
    """A term of the glossary the article never names, and a name that is no term at all,
    both count 0 and have no mentions."""
    opened, index = _stalingrado()
    assert "Friedrich Paulus" in opened.glossaries.terms  # named only in the context note
    assert index.count("Friedrich Paulus") == 0
    assert index.mentions("Friedrich Paulus") == []
    assert index.count("Nada") == 0
    unmentioned = unmentioned_terms(opened.glossaries.terms.values(), index)
    assert [term.term for term in unmentioned] == [
        "Friedrich Paulus",
        "6º Exército",
        "62º Exército",
        "Vassili Tchuikov",
        "Operação Azul",
        "Eixo",
        "Aliados",
    ]


def test_mentions_are_in_reading_order_with_their_blocks() -> None:
    """The four "Exército Vermelho" mentions come in reading order, one each in the first,
    third, fourth and fifth paragraphs, and each start..end is the term in its block."""
    opened, index = _stalingrado()
    mentions = index.mentions("Exército Vermelho")
    assert [m.block_id for m in mentions] == ["p-1", "p-3", "p-4", "p-5"]
    for mention in mentions:
        block = opened.document.blocks[mention.block_index]
        assert block.id == mention.block_id
        assert block.text[mention.start : mention.end] == "Exército Vermelho"
        assert mention.cell is None


def test_context_is_one_line_with_the_term_at_highlight() -> None:
    """Every mention's context is one line of at most about 70 characters, holds the term
    exactly at ``highlight``, and is cut with "…" where the paragraph goes on."""
    opened, index = _stalingrado()
    total = 0
    for term in index.terms():
        for mention in index.mentions(term):
            total += 1
            start, end = mention.highlight
            block = opened.document.blocks[mention.block_index]
            assert mention.context[start:end] == block.text[mention.start : mention.end]
            assert "\n" not in mention.context
            assert len(mention.context) <= 72
    assert total == sum(index.counts().values()) > 30
    first = index.mentions("Exército Vermelho")[0]
    assert first.context.startswith("…") and first.context.endswith("…")
    assert first.context == "…e os soldados do Exército Vermelho, carregando o legado de…"


def test_terms_in_blocks_follow_the_passage() -> None:
    """The first paragraph mentions imperialismo and nazismo (in that order, first) but
    not Wehrmacht; the third mentions Wehrmacht; a range gives each term once, in order of
    first appearance."""
    opened, index = _stalingrado()
    first, third = _block(opened, "p-1"), _block(opened, "p-3")
    in_first = index.terms_in_blocks(first, first)
    assert in_first[:2] == ["imperialismo", "nazismo"]
    assert "Wehrmacht" not in in_first
    assert "Wehrmacht" in index.terms_in_blocks(third, third)
    both = index.terms_in_blocks(first, third)
    assert len(both) == len(set(both))
    assert both[: len(in_first)] == in_first
    assert "Wehrmacht" in both
    assert index.terms_in_blocks(third, first) == []
    assert index.terms_in_blocks(-5, 10_000) == index.terms()


def test_terms_in_blocks_between_offsets() -> None:
    """A paragraph longer than the screen: only the terms between the first and the last
    character shown count, a term cut by the top of the screen included."""
    filler = "palavra " * 50
    source = f"# T\n\n{filler}Wehrmacht {filler}Volga {filler}Wehrmacht\n"
    doc = link_document(parse_markdown(source, "t.md"), glossary_set(_GLOSSARY))
    index = MentionIndex.build(doc)
    block = _block_of(doc, "p-1")
    text = doc.blocks[block].text
    volga = text.index("Volga")
    assert index.terms_in_blocks(block, block) == ["Wehrmacht", "Rio Volga"]
    assert index.terms_in_blocks(block, block, volga + 2, volga + 100) == ["Rio Volga"]
    assert index.terms_in_blocks(block, block, volga + 5, volga + 100) == []
    assert index.terms_in_blocks(block, block, 0, volga) == ["Wehrmacht"]
    assert index.terms_in_blocks(block, block, volga, -1) == ["Rio Volga", "Wehrmacht"]
    assert index.terms_in_blocks(0, block, 0, volga) == ["Wehrmacht"]


def _block_of(doc: Document, block_id: str) -> int:
    found = doc.block_index(block_id)
    assert found is not None, block_id
    return found


def test_next_and_previous_mention_wrap() -> None:
    """From each mention the next is the following one and the last wraps to the first;
    going back from the first wraps to the last. "3 of 4" comes from mention_index."""
    _, index = _stalingrado()
    mentions = index.mentions("Exército Vermelho")
    for position, mention in enumerate(mentions):
        assert index.mention_index(mention.term, mention.block_index, mention.start) == position
        following = index.next_mention(mention.term, mention.block_index, mention.start)
        assert following == mentions[(position + 1) % len(mentions)]
        previous = index.next_mention(mention.term, mention.block_index, mention.start, -1)
        assert previous == mentions[position - 1]
    # From a place between mentions: the next after it, the previous before it.
    second = mentions[1]
    assert index.next_mention("Exército Vermelho", second.block_index, 0) == second
    assert index.next_mention("Exército Vermelho", second.block_index, 0, -1) == mentions[0]
    assert index.mention_index("Exército Vermelho", second.block_index, 0) == -1
    assert index.next_mention("Friedrich Paulus", 0, 0) is None


def test_notes_section_and_title_are_not_mentions() -> None:
    """The notes section repeats every term as a link and the generated title block is
    a heading with the article's title; neither counts as a mention."""
    opened, index = _stalingrado()
    blocks = opened.document.blocks
    notes = _block(opened, NOTES_BLOCK_ID)
    assert blocks[0].id == "title"
    in_notes = [
        span.target
        for block in blocks[notes:]
        for span in block.spans
        if span.kind is SpanKind.TERM_REF
    ]
    assert "Wehrmacht" in in_notes
    assert all(
        mention.block_index < notes for term in index.terms() for mention in index.mentions(term)
    )
    assert index.terms_in_blocks(notes, len(blocks) - 1) == []
    assert index.terms_in_blocks(0, 0) == []
    # A term span inside a block called "title" (as linking names the generated title)
    # is skipped too.
    doc = Document(
        path="t.md",
        meta=Metadata(title="Wehrmacht"),
        blocks=(
            Block(
                id="title",
                kind=BlockKind.HEADING,
                text="Wehrmacht",
                level=1,
                spans=(Span(0, 9, SpanKind.TERM_REF, "Wehrmacht"),),
            ),
            Block(
                id="p-1",
                kind=BlockKind.PARAGRAPH,
                text="A Wehrmacht.",
                spans=(Span(2, 11, SpanKind.TERM_REF, "Wehrmacht"),),
            ),
        ),
    )
    assert [m.block_id for m in MentionIndex.build(doc).mentions("Wehrmacht")] == ["p-1"]


_GLOSSARY = (
    "terms:\n"
    "  - term: Wehrmacht\n"
    "    short: As forças armadas alemãs.\n"
    "  - term: Rio Volga\n"
    "    aliases: [Volga]\n"
    "    short: Um rio.\n"
)


def test_table_cells_are_indexed_and_link_ordinals_match_the_layout() -> None:
    """Terms in table cells are mentions with their (row, column) and offsets in the
    cell's text; each mention's ``link`` picks its own link out of the layout's links."""
    source = (
        "Um [sítio](https://exemplo.org) e a Wehrmacht[^1].\n\n"
        "| rio | exército |\n|---|---|\n| o Volga | a Wehrmacht |\n| — | Wehrmacht |\n\n"
        "[^1]: Nota.\n"
    )
    doc = link_document(parse_markdown(source, "t.md"), glossary_set(_GLOSSARY))
    index = MentionIndex.build(doc)
    mentions = index.mentions("Wehrmacht")
    assert [(m.block_id, m.cell) for m in mentions] == [
        ("p-1", None),
        ("table-1", (1, 1)),
        ("table-1", (2, 1)),
    ]
    cell = mentions[1]
    table = doc.blocks[cell.block_index]
    assert table.rows[1][1].text[cell.start : cell.end] == "Wehrmacht"
    assert cell.context == "a Wehrmacht"
    assert cell.highlight == (2, 11)
    layout = DocumentLayout(doc, 72)
    for term in index.terms():
        for mention in index.mentions(term):
            first_link = next(
                link.index for link in layout.links if link.block == mention.block_index
            )
            target = layout.links[first_link + mention.link]
            assert (target.kind, target.target, target.block) == (
                SpanKind.TERM_REF,
                term,
                mention.block_index,
            )
    # Positions inside a table need the cell.
    assert index.mention_index("Wehrmacht", cell.block_index, cell.start, cell=cell.cell) == 1
    after = index.next_mention("Wehrmacht", cell.block_index, cell.start, cell=cell.cell)
    assert after == mentions[2]
    assert index.terms_in_blocks(cell.block_index, cell.block_index) == ["Rio Volga", "Wehrmacht"]


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("A Wehrmacht.", 2, 11, ("A Wehrmacht.", (2, 11))),
        ("Linha um\ncom Volga", 13, 18, ("Linha um com Volga", (13, 18))),
        (
            "palavra " * 10 + "Volga" + " outra" * 10,
            80,
            85,
            ("…palavra palavra palavra palavra Volga outra outra outra outra outra…", (33, 38)),
        ),
        (
            "Volga" + " outra" * 20,
            0,
            5,
            ("Volga" + " outra" * 10 + "…", (0, 5)),
        ),
    ],
)
def test_context_line_cuts_at_words(
    text: str, start: int, end: int, expected: tuple[str, tuple[int, int]]
) -> None:
    """Short texts are kept whole (line breaks as spaces); long ones are cut at word
    boundaries with "…", the room a side cannot use going to the other."""
    line, highlight = context_line(text, start, end)
    assert (line, highlight) == expected
    assert line[highlight[0] : highlight[1]] == text[start:end]


def test_context_line_never_cuts_inside_a_word() -> None:
    """Whatever the text, the context holds the term at highlight, is about 70
    characters, and every word in it (but the cut-off ends) is a whole word of the text."""
    words = [f"w{n}" * (n % 7 + 1) for n in range(200)]
    text = " ".join(words)
    for position in range(0, len(text) - 5, 37):
        start = text.rfind(" ", 0, position) + 1
        end = text.find(" ", start)
        line, (first, last) = context_line(text, start, end)
        assert line[first:last] == text[start:end]
        assert len(line) <= 72
        for word in line.strip("…").split():
            assert word in words


class _Untouchable(str):
    """A text that fails if it is searched or copied whole, not just sliced."""

    def replace(self, *args: object, **kwargs: object) -> str:
        raise AssertionError("the whole text was copied")

    def find(self, *args: object, **kwargs: object) -> int:
        raise AssertionError("the whole text was searched")

    rfind = find


def test_context_line_reads_only_the_window_around_the_term() -> None:
    """A block of megabytes with hundreds of thousands of mentions costs each mention
    the same as a short one: the context is built from a slice around it."""
    text = "palavra " * 10_000 + "Volga " + "palavra " * 10_000
    start = text.index("Volga")
    line, (first, last) = context_line(_Untouchable(text), start, start + 5)
    assert line[first:last] == "Volga"
    assert (line, (first, last)) == context_line(text, start, start + 5)
    assert line.startswith("…") and line.endswith("…")


def test_source_line_finds_the_line_inside_a_paragraph() -> None:
    """A paragraph spread over several source lines: each mention is placed on the line
    it is written on, even when the term itself is broken across two lines."""
    source = "# T\n\nA Wehrmacht avançou\npelo Rio\nVolga e a\nWehrmacht recuou.\n"
    doc = link_document(parse_markdown(source, "t.md"), glossary_set(_GLOSSARY))
    index = MentionIndex.build(doc)
    lines = source.split("\n")
    found = [
        (m.term, source_line(doc.blocks[m.block_index], m, lines))
        for term in index.terms()
        for m in index.mentions(term)
    ]
    assert sorted(found) == [("Rio Volga", 4), ("Wehrmacht", 3), ("Wehrmacht", 6)]
