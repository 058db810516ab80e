"""What the panels show of a text that takes a pass over it, made in the loading thread.

A panel handed a newly opened text used to walk it on the UI thread (every heading of
the outline, every term of the glossary folded and sorted): for 100,000 headings that
froze the reader. These tables are plain data built once per text where the load runs;
the panels only put them on screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.glossary import Term, fold
from reader.linking import OpenedText
from reader.text.turns import giving_way


@dataclass(frozen=True)
class PanelTables:
    """The outline (one line per heading) and the glossary's terms in list order."""

    outline: tuple[str, ...]
    """Each heading's title, indented by its level."""
    outline_blocks: tuple[int, ...]
    """The block index of each heading of :attr:`outline`."""
    terms: tuple[tuple[Term, str], ...]
    """Every term in force, sorted by folded name, with its folded forms (what the
    glossary panel's filter compares against)."""

    @classmethod
    def build(cls, opened: OpenedText) -> PanelTables:
        """The tables of ``opened`` (a linked text and its glossaries)."""
        document = opened.document
        outline: list[str] = []
        blocks: list[int] = []
        for entry in giving_way(document.outline):
            index = document.block_index(entry.block_id)
            if index is not None:
                outline.append("  " * max(0, entry.level - 1) + entry.title)
                blocks.append(index)
        terms = sorted(
            (
                (term, " ".join(fold(form) for form in term.forms))
                for term in giving_way(opened.glossaries.terms.values())
            ),
            key=lambda item: fold(item[0].term),
        )
        return cls(tuple(outline), tuple(blocks), tuple(terms))

    @classmethod
    def empty(cls) -> PanelTables:
        """No outline, no terms (before a text is loaded)."""
        return cls((), (), ())
