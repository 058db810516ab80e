"""Notes as small documents of their own, for the popup: a glossary entry, a footnote,
an editor's note; and an editor's note as the notes section lists it, marked as the
editor's so a reader never takes it for the author's."""

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
    NoteKind,
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
    blocks.extend(_sources(term.sources, language))
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


def _sources(sources: tuple[str, ...], language: str) -> list[Block]:
    """A "Sources" heading and one bullet per source, as written (never linked)."""
    if not sources:
        return []
    heading = Block(
        id="entry-sources", kind=BlockKind.HEADING, level=3, text=translate("Sources", language)
    )
    return [
        heading,
        *(
            Block(
                id=f"entry-source-{position + 1}",
                kind=BlockKind.PARAGRAPH,
                text=source,
                containers=(Container(ContainerKind.BULLET, "•"),),
                tight=position > 0,
            )
            for position, source in enumerate(sources)
        ),
    ]


def footnote_document(note: Note, language: str) -> Document:
    """An article footnote, or an editor's note, as a small document for the popup.

    An editor's note is titled as one ("Nota do editor 3") and shows the passage it is
    about, then the note, then its sources."""
    editor = note.kind is NoteKind.EDITOR
    word = translate("Editor's note" if editor else "Note", language)
    heading = Block(
        id="entry", kind=BlockKind.HEADING, level=2, text=f"{word} {note.number or note.label}"
    )
    blocks = [heading]
    if editor:
        quoted = f"“{note.label}”"
        blocks.append(
            Block(
                id="entry-quote",
                kind=BlockKind.PARAGRAPH,
                text=quoted,
                spans=(Span(0, len(quoted), SpanKind.EMPHASIS),),
            )
        )
    blocks.extend(note.blocks)
    blocks.extend(_sources(note.sources, language))
    return Document(
        path=note.key,
        meta=Metadata(title=heading.text, language=language),
        blocks=tuple(blocks),
    )


def listed_editor_note(note: Note, language: str) -> tuple[Block, ...]:
    """An editor's note as the notes section lists it: its first paragraph opened by
    "Nota do editor:" (emphasised), its sources in a paragraph of their own after it."""
    label = translate("Editor's note", language) + ": "
    block_id = note.key.replace(":", "")
    blocks = list(note.blocks)
    if blocks and blocks[0].kind is BlockKind.PARAGRAPH:
        first = blocks[0]
        shifted = tuple(
            replace(span, start=span.start + len(label), end=span.end + len(label))
            for span in first.spans
        )
        blocks[0] = replace(
            first,
            text=label + first.text,
            spans=(Span(0, len(label) - 1, SpanKind.EMPHASIS), *shifted),
        )
    else:
        emphasis = (Span(0, len(label) - 1, SpanKind.EMPHASIS),)
        marker = Block(
            id=f"{block_id}-label", kind=BlockKind.PARAGRAPH, text=label.strip(), spans=emphasis
        )
        blocks.insert(0, marker)
    if note.sources:
        ended = all(source.endswith((".", "!", "?")) for source in note.sources)
        listed = (" " if ended else "; ").join(note.sources)
        text = f"{translate('Sources', language)}: {listed}"
        blocks.append(Block(id=f"{block_id}-sources", kind=BlockKind.PARAGRAPH, text=text))
    return tuple(blocks)
