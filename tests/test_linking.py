"""Linking: glossary terms as spans, one note sequence in reading order, the notes section."""

from __future__ import annotations

from reader.document import (
    Block,
    BlockKind,
    ContainerKind,
    Document,
    NoteKind,
    Span,
    SpanKind,
    parse_markdown,
)
from reader.glossary import GlossarySet
from reader.linking import NOTES_BLOCK_ID, Marks, link_document
from tests.core_helpers import glossary_set

_GLOSSARY = (
    "terms:\n"
    "  - term: Wehrmacht\n"
    "    short: As forças armadas alemãs.\n"
    "  - term: Rio Volga\n"
    "    aliases: [Volga]\n"
    "    short: Um rio.\n"
    "  - term: José Stalin\n"
    "    aliases: [Stalin]\n"
    "    short: Dirigente soviético.\n"
)


def _glossaries() -> GlossarySet:
    return glossary_set(_GLOSSARY, "segunda")


def _link(source: str, *, marks: Marks = "first", path: str = "t.md") -> Document:
    doc = parse_markdown(source, path)
    return link_document(doc, _glossaries(), marks=marks)


def _numbered(doc: Document) -> list[tuple[str, str, int | None]]:
    """(text under the span or "" for a note ref, target, number) of every term and note
    reference in the body, in reading order; the notes section is left out."""
    result = []
    for block in doc.blocks:
        if block.id == NOTES_BLOCK_ID:
            break
        for span in block.spans:
            if span.kind in (SpanKind.TERM_REF, SpanKind.NOTE_REF):
                result.append((block.text[span.start : span.end], span.target, span.number))
    return result


def _section(doc: Document) -> list[Block]:
    index = doc.block_index(NOTES_BLOCK_ID)
    assert index is not None, "no notes section"
    return list(doc.blocks[index:])


def test_first_occurrence_gets_the_number() -> None:
    """With marks="first" a term's number follows its first occurrence only; the later
    ones are still links (spans) but carry no number."""
    doc = _link("A Wehrmacht marchou.\n\nDepois, a Wehrmacht e a WEHRMACHT recuaram.\n")
    assert _numbered(doc) == [
        ("Wehrmacht", "Wehrmacht", 1),
        ("Wehrmacht", "Wehrmacht", None),
        ("WEHRMACHT", "Wehrmacht", None),
    ]


def test_marks_all_repeats_the_same_number() -> None:
    """With marks="all" every occurrence shows the term's one number."""
    doc = _link("A Wehrmacht e o Volga.\n\nDe novo a Wehrmacht.\n", marks="all")
    assert _numbered(doc) == [
        ("Wehrmacht", "Wehrmacht", 1),
        ("Volga", "Rio Volga", 2),
        ("Wehrmacht", "Wehrmacht", 1),
    ]


def test_aliases_share_their_terms_number() -> None:
    """An alias is the same note as its term: "Stalin" after "José Stalin" has no new number."""
    doc = _link("José Stalin falou. Stalin calou. A Wehrmacht avançou.\n")
    assert _numbered(doc) == [
        ("José Stalin", "José Stalin", 1),
        ("Stalin", "José Stalin", None),
        ("Wehrmacht", "Wehrmacht", 2),
    ]


def test_footnotes_and_terms_share_one_sequence_in_reading_order() -> None:
    """Markdown footnotes and glossary notes are numbered together as they are met:
    "Wehrmacht[^a] … Volga" gives Wehrmacht 1, the footnote 2, Volga 3."""
    source = "A Wehrmacht[^a] chegou ao Volga.\n\nOutra vez[^a].\n\n[^a]: Uma nota.\n"
    doc = _link(source)
    assert _numbered(doc) == [
        ("Wehrmacht", "Wehrmacht", 1),
        ("", "fn:0", 2),
        ("Volga", "Rio Volga", 3),
        ("", "fn:0", 2),
    ]
    assert [(note.key, note.kind, note.number) for note in doc.notes] == [
        ("term:Wehrmacht", NoteKind.TERM, 1),
        ("fn:0", NoteKind.FOOTNOTE, 2),
        ("term:Rio Volga", NoteKind.TERM, 3),
    ]


def test_unreferenced_footnote_is_numbered_last() -> None:
    """A footnote defined but never referenced still appears, numbered after every note
    that is referenced (terms found later included)."""
    source = "Primeiro[^b], depois a Wehrmacht.\n\n[^never]: Nunca referida.\n[^b]: Nota b.\n"
    doc = _link(source)
    assert [(note.label, note.number) for note in doc.notes] == [
        ("b", 1),
        ("Wehrmacht", 2),
        ("never", 3),
    ]
    texts = [block.text for block in _section(doc)]
    assert texts[-1] == "Nunca referida."


def test_notes_section_lists_notes_in_number_order() -> None:
    """The notes section is an h2 ("Notas" for Portuguese, "Notes" otherwise), then one
    entry per note marked with its superscript number: a glossary note as "term — short",
    a footnote as its own blocks."""
    source = "---\nlanguage: pt\n---\nO Volga[^x] e a Wehrmacht.\n\n[^x]: Nota x.\n"
    doc = _link(source)
    heading, *entries = _section(doc)
    assert (heading.kind, heading.level, heading.text) == (BlockKind.HEADING, 2, "Notas")
    assert [(block.containers[0].marker, block.text) for block in entries] == [
        ("¹", "Rio Volga — Um rio."),
        ("²", "Nota x."),
        ("³", "Wehrmacht — As forças armadas alemãs."),
    ]
    assert all(block.containers[0].kind is ContainerKind.NOTE for block in entries)
    assert doc.outline[-1].title == "Notas"
    assert doc.outline[-1].block_id == NOTES_BLOCK_ID
    undetermined = _link("O Volga.\n")
    assert _section(undetermined)[0].text == "Notes"


def test_notes_section_links_the_term_back() -> None:
    """A glossary note's entry starts with a term link to its own entry."""
    doc = _link("O Volga.\n")
    entry = _section(doc)[1]
    assert entry.spans == (Span(0, len("Rio Volga"), SpanKind.TERM_REF, "Rio Volga"),)


def test_no_notes_no_section() -> None:
    """A text with no terms and no footnotes gets no notes section."""
    doc = _link("# Título\n\nNada aqui.\n")
    assert doc.block_index(NOTES_BLOCK_ID) is None
    assert doc.notes == ()


def test_headings_are_not_linked_but_their_footnotes_are_numbered() -> None:
    """Terms in headings are not linked (headings are the outline); the first occurrence
    in the body gets number 1. A footnote reference in a heading is still numbered."""
    source = "# A Wehrmacht[^h]\n\nA Wehrmacht avançou.\n\n[^h]: Nota do título.\n"
    doc = _link(source)
    heading = doc.blocks[0]
    assert heading.kind is BlockKind.HEADING
    assert not [s for s in heading.spans if s.kind is SpanKind.TERM_REF]
    assert [s.number for s in heading.spans if s.kind is SpanKind.NOTE_REF] == [1]
    assert _numbered(doc)[1:] == [("Wehrmacht", "Wehrmacht", 2)]


def test_terms_in_tables_and_footnotes_are_linked() -> None:
    """Table cells and footnote bodies are matched and numbered in reading order; a term
    met only inside a footnote is numbered after the body's notes."""
    source = "| Exército |\n|---|\n| Wehrmacht |\n\nO Volga[^n].\n\n[^n]: Stalin escreveu.\n"
    doc = _link(source)
    table = doc.blocks[1]
    assert table.kind is BlockKind.TABLE
    (cell_span,) = table.rows[1][0].spans
    assert (cell_span.target, cell_span.number) == ("Wehrmacht", 1)
    assert [(note.label, note.number) for note in doc.notes] == [
        ("Wehrmacht", 1),
        ("Rio Volga", 2),
        ("n", 3),
        ("José Stalin", 4),
    ]


def test_title_block_prepended_when_there_is_no_h1() -> None:
    """A text that does not open with an h1 gets one made of its title; one that does
    is left alone."""
    without = _link("---\ntitle: Meu título\n---\nTexto.\n")
    assert (without.blocks[0].id, without.blocks[0].text, without.blocks[0].level) == (
        "title",
        "Meu título",
        1,
    )
    second_level = _link("## Seção\n\nTexto.\n", path="dir/arquivo.md")
    assert second_level.blocks[0].id == "title"
    assert second_level.blocks[0].text == "Seção"
    with_h1 = _link("# Próprio\n\nTexto.\n")
    assert with_h1.blocks[0].id == "h-1"
    assert [block.id for block in with_h1.blocks] == ["h-1", "p-1"]


def test_linking_without_glossary_numbers_footnotes() -> None:
    """Without glossaries, footnotes are still numbered and listed."""
    doc = link_document(parse_markdown("Um[^a] dois[^b].\n\n[^b]: B.\n[^a]: A.\n", "f.md"))
    assert [(note.label, note.number) for note in doc.notes] == [("a", 1), ("b", 2)]
    assert [block.text for block in _section(doc)][1:] == ["A.", "B."]


def test_linking_is_pure() -> None:
    """Linking returns a new document; the parsed one is untouched and can be relinked
    with other marks to the same numbering."""
    parsed = parse_markdown("A Wehrmacht e a Wehrmacht.\n", "p.md")
    first = link_document(parsed, _glossaries(), marks="first")
    every = link_document(parsed, _glossaries(), marks="all")
    assert not parsed.blocks[0].spans
    assert [n for _, _, n in _numbered(first)] == [1, None]
    assert [n for _, _, n in _numbered(every)] == [1, 1]
