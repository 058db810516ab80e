"""HTML trees into blocks and notes: the converter a web page and an EPUB's chapters share.

One :class:`HtmlConverter` turns one tree, or several in reading order (a book's
chapters), into one sequence of blocks with ids that do not repeat (``p-1``, ``p-2``, …
across all of them) and the notes they refer to, each converted once, in the order they
stand in the files. The notes must be known before the text is converted (a reference
says "see the element with this id"), so every tree is scanned into a :class:`NoteIndex`
first::

    index = NoteIndex()
    for root, base in chapters:
        index.scan(root, base)
    converter = HtmlConverter("book.epub", index)
    for root, base in chapters:
        converter.add(root, base)
    converted = converter.result()

:func:`convert_tree` does both for a single tree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from lxml import etree

from reader.document.html.names import element_id
from reader.document.html.notes import NoteIndex
from reader.document.html.state import ConvertState
from reader.document.html.walk import walk
from reader.document.model import Block, Note, NoteKind
from reader.text.errors import Problem

Skip = Callable[[etree._Element], bool]
"""Says which elements to leave out with all they hold (a web page's boilerplate)."""


@dataclass(frozen=True)
class Converted:
    """What the trees became."""

    blocks: tuple[Block, ...]
    """The text's blocks in reading order (no title block, no notes section: linking adds
    those)."""
    notes: tuple[Note, ...]
    """The notes the text refers to or holds, in the order they stand in the files."""
    anchors: Mapping[str, str]
    """"file#id" (``#id`` for a single page) → the id of the block that element begins
    or is in: where an internal link leads."""
    warnings: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Added:
    """Where one tree's blocks are in :attr:`Converted.blocks`."""

    first: int
    end: int


class HtmlConverter:
    """Converts trees added in reading order; :meth:`result` gives what they became."""

    def __init__(
        self,
        name: str,
        notes: NoteIndex,
        *,
        skip: Skip | None = None,
        base_url: str | None = None,
    ) -> None:
        notes.resolve()
        self._notes = notes
        self._state = ConvertState(
            name, notes, skip=skip, base_url=base_url, note_bodies=set(notes.bodies.values())
        )
        self._trees: list[tuple[etree._Element, str]] = []

    def add(
        self,
        root: etree._Element,
        base: str = "",
        parts: Sequence[etree._Element] | None = None,
    ) -> Added:
        """Convert ``root`` (or only ``parts`` of it, in order), the file ``base``.

        ``root`` must have been scanned into the index. Comments and processing
        instructions are taken out of it first (their tails kept): the walk does not
        see them.
        """
        state = self._state
        state.base = base
        etree.strip_tags(root, etree.Comment, etree.ProcessingInstruction)
        first = len(state.blocks)
        for part in parts if parts is not None else (root,):
            walk(part, state)
            state.flush()
            state.stack.clear()
            state.text_blocks.clear()
        self._trees.append((root, base))
        return Added(first, len(state.blocks))

    def result(self) -> Converted:
        """The blocks so far, and the notes (converted now, once)."""
        state = self._state
        text_blocks = tuple(state.blocks)
        leftover = list(state.pending_anchors)
        state.pending_anchors.clear()
        if text_blocks:
            for anchor in leftover:
                state.anchors.setdefault(anchor, text_blocks[-1].id)
        keys = {element: key for key, element in self._notes.bodies.items()}
        notes = [self._note(element, base, keys[element]) for element, base in self._wanted(keys)]
        warnings = tuple(self._notes.problems)
        return Converted(text_blocks, tuple(notes), dict(state.anchors), warnings)

    def _wanted(self, keys: Mapping[etree._Element, str]) -> list[tuple[etree._Element, str]]:
        """The notes to keep, in file order: those referred to, and those that stood in
        the text converted (a list of notes in a chapter, unreferenced ones too)."""
        state = self._state
        found = []
        for root, base in self._trees:
            for element in root.iter(etree.Element):
                if element not in keys:
                    continue
                if keys[element] in state.referenced or self._met(element):
                    found.append((element, base))
        return found

    def _met(self, element: etree._Element) -> bool:
        met = self._state.met_notes
        return element in met or any(ancestor in met for ancestor in element.iterancestors())

    def _note(self, element: etree._Element, base: str, key: str) -> Note:
        state = self._state
        saved = state.blocks, state.stack, state.text_blocks, state.base
        state.blocks, state.stack, state.text_blocks, state.base = [], [], [], base
        state.in_note = True
        try:
            walk(element, state, as_container=True)
            state.flush()
            blocks = tuple(state.blocks)
        finally:
            state.blocks, state.stack, state.text_blocks, state.base = saved
            state.in_note = False
            state.pending_anchors.clear()
        label = self._notes.labels.get(key) or element_id(element) or key
        return Note(key=key, kind=NoteKind.FOOTNOTE, label=label, blocks=blocks)


def convert_tree(
    root: etree._Element,
    name: str,
    *,
    base: str = "",
    parts: Sequence[etree._Element] | None = None,
    skip: Skip | None = None,
    base_url: str | None = None,
    notes: NoteIndex | None = None,
) -> Converted:
    """Convert one tree (or ``parts`` of it): scan its notes, then its text."""
    if notes is None:
        notes = NoteIndex()
        notes.scan(root, base)
    converter = HtmlConverter(name, notes, skip=skip, base_url=base_url)
    converter.add(root, base, parts)
    return converter.result()
