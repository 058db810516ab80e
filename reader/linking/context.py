"""The front matter's ``context:`` note as the reader shows it: parsed, its terms linked,
its list of sources left as written.

A context note usually ends with the works it draws on (``Fontes:`` and a list). Those
are citations, not prose: the alias "Stalingrad" must not turn the title of Beevor's
*Stalingrad* into a link to the city. So the note is linked up to a line that says
"Sources" in the text's language (the word the popups use for a glossary entry's sources:
"Fontes", "Fuentes", "Quellen"…, or the English word; a colon is optional), written as a
paragraph or a heading; from that line on, blocks are shown as they are. A note without
such a line is linked whole.
"""

from __future__ import annotations

from dataclasses import replace

from reader.document.model import Block, BlockKind, Document, SpanKind
from reader.document.parse import parse_markdown
from reader.glossary import GlossarySet
from reader.linking.link import link_document
from reader.text.fold import fold
from reader.text.strings import translate

_MARKER_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.HEADING})


def context_document(document: Document, glossary: GlossarySet | None) -> Document | None:
    """``document``'s context note, parsed and linked (terms as links, no note numbers),
    its sources unlinked; None when the front matter has no ``context:``."""
    if not document.meta.context:
        return None
    parsed = parse_markdown(document.meta.context, f"{document.path} (context)", body_only=True)
    cut = sources_start(parsed.blocks, document.meta.language)
    prose = replace(parsed, blocks=parsed.blocks[:cut])
    linked = link_document(prose, glossary, marks="none", framed=False)
    return replace(linked, blocks=(*linked.blocks, *parsed.blocks[cut:]))


def sources_start(blocks: tuple[Block, ...], language: str) -> int:
    """Index of the block that opens the list of sources (``len(blocks)`` if none)."""
    markers = {fold(translate("Sources", language)), "sources"}
    for index, block in enumerate(blocks):
        if block.kind in _MARKER_KINDS and fold(block.text.strip().rstrip(":").strip()) in markers:
            return index
    return len(blocks)


def context_terms(document: Document, glossary: GlossarySet | None) -> frozenset[str]:
    """Keys of the terms ``document``'s context note links: a term named only there is
    still one the reader of this text meets."""
    context = context_document(document, glossary)
    if context is None:
        return frozenset()
    return frozenset(
        span.target
        for block in context.blocks
        for span in (
            *block.spans,
            *(span for row in block.rows for cell in row for span in cell.spans),
        )
        if span.kind is SpanKind.TERM_REF
    )
