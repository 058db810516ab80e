"""Link a parsed document with its glossaries: term spans, one note sequence, notes section.

Kept apart from parsing so a text can be shown at once and linked a moment later (the
glossary of a book may take longer to match than the first screen takes to draw), and so
the same parsed document can be relinked when glossaries change.

Numbering follows reading order: the first reference to a note — a Markdown footnote, an
editor's note or a glossary term — takes the next number, so ¹ ² ³ appear in order down
the page. Footnotes never referenced are numbered after the rest.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Literal

from reader.document.model import (
    NOTES_BLOCK_ID,
    TITLE_BLOCK_ID,
    Block,
    BlockKind,
    Container,
    ContainerKind,
    Document,
    Note,
    NoteKind,
    OutlineEntry,
    Span,
    SpanKind,
    replaced,
)
from reader.glossary import GlossarySet, TermMatch, TermMatcher
from reader.linking.notes import listed_editor_note
from reader.text.collector import collector_paused
from reader.text.strings import superscript, translate
from reader.text.turns import giving_way

Marks = Literal["first", "all", "none"]
"""Where a term's note number is shown: after its first occurrence, after every one, or
nowhere (for side texts such as the context note, whose terms are links only)."""

_NOT_MATCHED_BLOCKS = frozenset({BlockKind.HEADING, BlockKind.CODE, BlockKind.HTML, BlockKind.RULE})
"""Headings stay unlinked (they are the outline); code and raw HTML are never matched."""
_NOT_MATCHED_SPANS = frozenset({SpanKind.CODE, SpanKind.LINK, SpanKind.IMAGE, SpanKind.HTML})
"""Terms are not looked for inside code spans, link texts, images or inline HTML."""


def term_key(term: str) -> str:
    """The note key of a glossary term."""
    return f"term:{term}"


class _Numbering:
    """Hands out note numbers in the order references are met."""

    def __init__(self, marks: Marks) -> None:
        self.numbers: dict[str, int] = {}
        self.marks = marks

    def number(self, key: str) -> tuple[int, bool]:
        """The note number of ``key`` and whether this is its first reference."""
        number = self.numbers.get(key)
        if number is not None:
            return number, False
        number = self.numbers[key] = len(self.numbers) + 1
        return number, True

    def shown(self, term: str) -> int | None:
        """The number to show after a reference to ``term``, counting the reference."""
        number, first = self.number(term_key(term))
        return number if (first and self.marks == "first") or self.marks == "all" else None


def _span_order(span: Span | TermMatch) -> tuple[int, int]:
    return span.start, -span.end


def _matched_texts(block: Block) -> list[tuple[str, list[tuple[int, int]]]]:
    """The texts of ``block`` terms are looked for in (its own, or its table's cells, in
    reading order), each with the ranges left out (code spans, link texts)."""
    if block.kind in _NOT_MATCHED_BLOCKS:
        return []
    if block.kind is BlockKind.TABLE:
        return [_matched_text(cell.text, cell.spans) for row in block.rows for cell in row]
    return [_matched_text(block.text, block.spans)]


def _matched_text(text: str, spans: tuple[Span, ...]) -> tuple[str, list[tuple[int, int]]]:
    return text, [(span.start, span.end) for span in spans if span.kind in _NOT_MATCHED_SPANS]


def _all_matches(blocks: Sequence[Block], matcher: TermMatcher | None) -> Iterator[list[TermMatch]]:
    """The term matches of every text of ``blocks`` that terms are looked for in, in
    order (see :func:`_matched_texts`): found a chunk of texts at a time
    (:meth:`TermMatcher.find_all`), not a call a paragraph."""
    if matcher is None:
        return iter(())
    return matcher.iter_all(text for block in blocks for text in _matched_texts(block))


def _linked_spans(
    text: str,
    spans: tuple[Span, ...],
    found: list[TermMatch],
    numbering: _Numbering,
    footnotes: set[str],
) -> tuple[Span, ...]:
    """``spans`` with the terms ``found`` in ``text`` added (sorted by start, longest
    first) and every term and footnote reference numbered, in one pass; ``spans`` itself
    when nothing changes."""
    if not found and not spans:
        return spans
    if not spans:  # terms only (most paragraphs of a book): nothing to merge them with
        number_of = numbering.shown
        return tuple(
            Span(match.start, match.end, SpanKind.TERM_REF, match.term, number_of(match.term))
            for match in found
        )
    items: Sequence[Span | TermMatch] = spans
    if found:
        # A merge of two ordered lists, not a sort of both: a sort is one C call, over a
        # million matches of a 10 MB line it held the GIL for seconds.
        ordered: list[Span | TermMatch] = sorted(spans, key=_span_order)
        matches: Sequence[Span | TermMatch] = found
        items = list(heapq.merge(ordered, matches, key=_span_order))
    changed = bool(found)
    result: list[Span] = []
    for item in items:
        if isinstance(item, TermMatch):
            shown = numbering.shown(item.term)
            result.append(Span(item.start, item.end, SpanKind.TERM_REF, item.term, shown))
            continue
        if item.kind is SpanKind.TERM_REF:
            shown = numbering.shown(item.target)
            if item.number != shown:
                item = replaced(item, number=shown)
                changed = True
        elif item.kind is SpanKind.NOTE_REF and item.target in footnotes:
            number = numbering.number(item.target)[0]
            if item.number != number:
                item = replaced(item, number=number)
                changed = True
        result.append(item)
    return tuple(result) if changed else spans


def _link_block(
    block: Block,
    matches: Iterator[list[TermMatch]] | None,
    numbering: _Numbering,
    footnotes: set[str],
) -> Block:
    """``block`` with its terms linked and its references numbered; ``block`` itself
    when that changes nothing (blocks are frozen, so sharing them is safe).

    ``matches`` gives the matches of the block's texts (:func:`_all_matches`); None: no
    glossary."""
    if block.kind is BlockKind.HEADING:  # not matched, but its footnote refs are numbered
        return _numbered_heading(block, numbering, footnotes)
    if block.kind in _NOT_MATCHED_BLOCKS:
        return block
    if block.kind is BlockKind.TABLE:
        rows_changed = False
        rows = []
        for row in block.rows:
            cells = []
            for cell in row:
                found = next(matches) if matches is not None else []
                spans = _linked_spans(cell.text, cell.spans, found, numbering, footnotes)
                if spans is not cell.spans:
                    cell = replaced(cell, spans=spans)
                    rows_changed = True
                cells.append(cell)
            rows.append(tuple(cells))
        return replaced(block, rows=tuple(rows)) if rows_changed else block
    found = next(matches) if matches is not None else []
    spans = _linked_spans(block.text, block.spans, found, numbering, footnotes)
    return block if spans is block.spans else replaced(block, spans=spans)


def _numbered_heading(block: Block, numbering: _Numbering, footnotes: set[str]) -> Block:
    """A heading with its footnote references numbered (its terms are not linked)."""
    spans = _linked_spans(block.text, block.spans, [], numbering, footnotes)
    return block if spans is block.spans else replaced(block, spans=spans)


@collector_paused()
def link_document(
    doc: Document,
    glossary: GlossarySet | None = None,
    *,
    marks: Marks = "first",
    framed: bool = True,
) -> Document:
    """A copy of ``doc`` with glossary terms linked, notes numbered and a notes section.

    ``framed=False`` adds neither the title block nor the notes section: for fragments
    shown beside the text, such as its context note.
    """
    matcher = glossary.matcher if glossary is not None and len(glossary) else None
    numbering = _Numbering(marks)
    footnotes = {note.key for note in doc.notes}
    matches = None if matcher is None else _all_matches(doc.blocks, matcher)
    blocks = [_link_block(block, matches, numbering, footnotes) for block in giving_way(doc.blocks)]
    for note in doc.notes:
        numbering.number(note.key)
    linked_notes: dict[str, Note] = {}
    in_order = sorted(doc.notes, key=lambda note: numbering.numbers[note.key])
    note_blocks_all = [block for note in in_order for block in note.blocks]
    found = None if matcher is None else _all_matches(note_blocks_all, matcher)
    for note in giving_way(in_order):
        note_blocks = tuple(
            _link_block(block, found, numbering, footnotes) for block in note.blocks
        )
        linked_notes[note.key] = replaced(
            note, blocks=note_blocks, number=numbering.numbers[note.key]
        )
    notes: list[Note] = []
    for key, number in sorted(numbering.numbers.items(), key=lambda item: item[1]):
        if key in linked_notes:
            notes.append(linked_notes[key])
        elif glossary is not None:
            term = glossary.terms[key.removeprefix("term:")]
            notes.append(Note(key, NoteKind.TERM, term.term, number=number))

    if not framed:
        return replace(doc, blocks=tuple(blocks), notes=tuple(notes))
    title_block: list[Block] = []
    if not blocks or blocks[0].kind is not BlockKind.HEADING or blocks[0].level != 1:
        title_block = [
            Block(id=TITLE_BLOCK_ID, kind=BlockKind.HEADING, text=doc.meta.title, level=1)
        ]
    section = _notes_section(notes, glossary, doc.meta.language)
    outline = doc.outline
    if section:
        outline = (*outline, OutlineEntry(2, section[0].text, NOTES_BLOCK_ID))
    return replace(
        doc, blocks=(*title_block, *blocks, *section), notes=tuple(notes), outline=outline
    )


def _notes_section(notes: list[Note], glossary: GlossarySet | None, language: str) -> list[Block]:
    if not notes:
        return []
    section = [
        Block(id=NOTES_BLOCK_ID, kind=BlockKind.HEADING, text=translate("Notes", language), level=2)
    ]
    for note in giving_way(notes):
        marker = Container(ContainerKind.NOTE, superscript(note.number or 0))
        if note.kind in (NoteKind.FOOTNOTE, NoteKind.EDITOR):
            blocks = note.blocks or (Block(id=f"note-{note.number}", kind=BlockKind.PARAGRAPH),)
            if note.kind is NoteKind.EDITOR:
                blocks = listed_editor_note(note, language)
            for position, block in enumerate(blocks):
                first = marker if position == 0 else Container(ContainerKind.NOTE)
                section.append(
                    replaced(block, containers=(first, *block.containers), tight=position == 0)
                )
        elif glossary is not None:
            term = glossary.terms[note.label]
            text = f"{term.term} — {term.short}"
            section.append(
                Block(
                    id=f"note-{note.number}",
                    kind=BlockKind.PARAGRAPH,
                    text=text,
                    spans=(Span(0, len(term.term), SpanKind.TERM_REF, term.term),),
                    containers=(marker,),
                    tight=True,
                )
            )
    return section
