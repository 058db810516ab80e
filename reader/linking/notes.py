"""Notes as small documents of their own, for the popup: a glossary entry, a footnote."""

from __future__ import annotations

from dataclasses import replace

from reader.document.model import (
    Block,
    BlockKind,
    Container,
    ContainerKind,
    Document,
    Metadata,
    Note,
    Span,
    SpanKind,
)
from reader.document.parse import parse_markdown
from reader.glossary import GlossarySet, Term
from reader.text.strings import translate


def entry_document(term: Term, glossary: GlossarySet, language: str) -> Document:
    """A glossary entry laid out as a small document, for the note popup."""
    blocks: list[Block] = [Block(id="entry", kind=BlockKind.HEADING, text=term.term, level=2)]
    blocks.append(
        Block(
            id="entry-short",
            kind=BlockKind.PARAGRAPH,
            text=term.short,
            spans=(Span(0, len(term.short), SpanKind.STRONG),),
        )
    )
    if term.aliases:
        label = translate("Also", language)
        text = f"{label}: {', '.join(term.aliases)}"
        blocks.append(
            Block(
                id="entry-aliases",
                kind=BlockKind.PARAGRAPH,
                text=text,
                spans=(Span(0, len(text), SpanKind.EMPHASIS),),
            )
        )
    if term.definition:
        definition = parse_markdown(term.definition, f"{term.glossary}:{term.line}", body_only=True)
        blocks.extend(replace(block, id=f"def-{block.id}") for block in definition.blocks)
    if term.see_also:
        blocks.append(_see_also(term, glossary, language))
    if term.sources:
        blocks.append(
            Block(
                id="entry-sources",
                kind=BlockKind.HEADING,
                level=3,
                text=translate("Sources", language),
            )
        )
        for position, source in enumerate(term.sources):
            blocks.append(
                Block(
                    id=f"entry-source-{position + 1}",
                    kind=BlockKind.PARAGRAPH,
                    text=source,
                    containers=(Container(ContainerKind.BULLET, "•"),),
                    tight=position > 0,
                )
            )
    return Document(
        path=f"{term.glossary}:{term.line}",
        meta=Metadata(title=term.term, language=language),
        blocks=tuple(blocks),
    )


def _see_also(term: Term, glossary: GlossarySet, language: str) -> Block:
    text = f"{translate('See also', language)}: "
    spans = []
    for position, name in enumerate(term.see_also):
        if position:
            text += ", "
        target = glossary.lookup(name)
        if target is not None:
            spans.append(Span(len(text), len(text) + len(name), SpanKind.TERM_REF, target.term))
        text += name
    return Block(id="entry-see-also", kind=BlockKind.PARAGRAPH, text=text, spans=tuple(spans))


def footnote_document(note: Note, language: str) -> Document:
    """An article footnote as a small document, for the note popup."""
    heading = Block(
        id="entry",
        kind=BlockKind.HEADING,
        level=2,
        text=f"{translate('Note', language)} {note.number or note.label}",
    )
    return Document(
        path=note.key,
        meta=Metadata(title=heading.text, language=language),
        blocks=(heading, *note.blocks),
    )
