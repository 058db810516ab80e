"""``reader glossary suggest PATH``: what the text names that no glossary in force has,
as lines (``count  phrase  file:line``) or as YAML entry stubs to paste.

The analysis is :func:`reader.glossary.suggest.suggest`; here the text is read as the
reader reads it (its blocks, its footnotes, the prose of its ``context:`` note, not that
note's sources) and each suggestion's first place is turned into ``file:line``.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from reader.cli.indexed_text import IndexedText
from reader.document import Block, BlockKind, Document, NoteKind
from reader.document.model import NOTES_BLOCK_ID, TITLE_BLOCK_ID
from reader.glossary.suggest import Kind, Passage, Suggestion, suggest
from reader.index.mentions import Mention
from reader.index.source_lines import source_line
from reader.linking import context_document
from reader.linking.context import sources_start
from reader.text.i18n import N_, _
from reader.text.sanitize import visible_line
from reader.text.strings import format_count

_READ = frozenset({BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.TERM, BlockKind.TABLE})
_HEADINGS = {
    Kind.NAME: N_("Names no glossary has"),
    Kind.ACRONYM: N_("Acronyms no glossary has"),
    Kind.NEAR: N_("Words near an entry's forms (an alias to add?)"),
    Kind.TOPIC: N_("Passages an entry never mentioned speaks of"),
    Kind.REPEATED: N_("Repeated words no glossary has"),
}
_CONTEXT_FIELD = re.compile(r"^context:[ \t]*[|>]", re.MULTILINE)


@dataclass(frozen=True)
class _Located:
    """A passage and how to turn an offset in it into a line of the file."""

    passage: Passage
    line: Callable[[int, int], int]


def run(args: argparse.Namespace) -> int:
    """Print the suggestions for ``args.path``; exit 0 (2 for unreadable input)."""
    indexed = IndexedText.open(args.path, args.glossary)
    located = _passages(indexed)
    document = indexed.opened.document
    found = suggest(
        [item.passage for item in located], indexed.opened.glossaries, document.meta.language
    )
    name = visible_line(indexed.file_name)

    def where(suggestion: Suggestion) -> str:
        place = suggestion.first
        return f"{name}:{located[place.passage].line(place.start, place.end)}"

    print(_yaml(found, where) if args.format == "yaml" else _text(found, where), end="")
    return 0


def _passages(indexed: IndexedText) -> list[_Located]:
    """The text's blocks and footnotes (its own words), then its context note's prose."""
    document = indexed.opened.document
    lines = indexed.source_lines
    located: list[_Located] = []
    for index, block in enumerate(document.blocks):
        if block.id == NOTES_BLOCK_ID:
            break
        if block.id != TITLE_BLOCK_ID and block.kind in _READ:
            located.append(_block_passage(block, index, lines))
    for note in document.notes:
        if note.kind is NoteKind.FOOTNOTE:
            located.extend(_block_passage(block, -1, lines) for block in note.blocks)
    located.extend(_context_passages(document, indexed))
    return located


def _block_passage(block: Block, index: int, lines: tuple[str, ...]) -> _Located:
    if block.kind is BlockKind.TABLE:
        text = " | ".join(cell.text for row in block.rows for cell in row)
        return _Located(Passage(text), lambda start, end: block.lines[0])

    def line(start: int, end: int) -> int:
        mention = Mention("", index, block.id, start, end, block.text)
        return source_line(block, mention, lines)

    return _Located(Passage(block.text), line)


def _context_passages(document: Document, indexed: IndexedText) -> list[_Located]:
    """The context note's blocks before its sources, located after its ``context: |``."""
    context = context_document(document, None)
    if context is None:
        return []
    source = "\n".join(indexed.source_lines)
    field = _CONTEXT_FIELD.search(source)
    offset = source.count("\n", 0, field.start()) + 1 if field else 1
    prose = context.blocks[: sources_start(context.blocks, document.meta.language)]

    def at(line: int) -> Callable[[int, int], int]:
        return lambda start, end: line

    return [
        _Located(Passage(block.text, own=False), at(offset + block.lines[0] if field else offset))
        for block in prose
        if block.kind in _READ and block.kind is not BlockKind.TABLE
    ]


def _text(found: list[Suggestion], where: Callable[[Suggestion], str]) -> str:
    """Section by section: ``count  phrase  file:line`` (``~ entry`` for hints)."""
    sections: list[str] = []
    for kind, heading in _HEADINGS.items():
        rows = [f"{_(heading)}:"]
        for suggestion in found:
            if suggestion.kind is not kind:
                continue
            phrase = visible_line(suggestion.text)
            if suggestion.entry is not None:
                phrase = f"“{phrase}” ~ {visible_line(suggestion.entry)}"
            rows.append(f"  {format_count(suggestion.count):>4}  {phrase}  {where(suggestion)}")
        if len(rows) > 1:
            sections.append("\n".join(rows))
    if not sections:
        return _("Nothing to suggest: every name and repeated word is in a glossary.") + "\n"
    return "\n\n".join(sections) + "\n"


def _yaml(found: list[Suggestion], where: Callable[[Suggestion], str]) -> str:
    """Entry stubs (``term``, ``short: TODO``) to paste under a glossary's ``terms:``;
    the hints for existing entries as comments."""
    out = ["# " + _("reader glossary suggest: entry stubs to paste under `terms:`, best first")]
    for suggestion in found:
        if suggestion.entry is not None:
            continue
        term = json.dumps(visible_line(suggestion.text), ensure_ascii=False)
        count = format_count(suggestion.count)
        out.append(f"  - term: {term}  # {suggestion.kind.value}, {count}×, {where(suggestion)}")
        out.append("    short: TODO")
    hints = [suggestion for suggestion in found if suggestion.entry is not None]
    if hints:
        out.append("# " + _("Entries these passages may mean (extend their aliases?):"))
        for suggestion in hints:
            entry, text = visible_line(suggestion.entry or ""), visible_line(suggestion.text)
            out.append(f"#   {entry}: “{text}” ({where(suggestion)})")
    return "\n".join(out) + "\n"
