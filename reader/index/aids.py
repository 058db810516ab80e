"""Reading aids computed once per opened text, away from the UI thread.

The panels and keys that follow the reading (mentions, terms on screen, progress, the
context note) all look things up in these tables; none of them walks the text again.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.document import Document
from reader.index.mentions import MentionIndex
from reader.index.progress import ReadingProgress
from reader.linking import OpenedText, context_document


@dataclass(frozen=True)
class ReadingAids:
    """Per-text tables for the panels."""

    mentions: MentionIndex
    progress: ReadingProgress
    context: Document | None
    """The front matter's ``context:`` note, parsed and linked (terms as plain links, its
    list of sources as written: see :mod:`reader.linking.context`)."""

    @classmethod
    def build(cls, opened: OpenedText) -> ReadingAids:
        """Compute every table for ``opened`` (a linked text)."""
        document = opened.document
        context = context_document(document, opened.glossaries)
        return cls(MentionIndex.build(document), ReadingProgress(document), context)
