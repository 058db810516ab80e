"""Editor's notes: what an editor adds to a text without changing a word of it.

The front matter lists them, each anchored by a quote of the passage it is about::

    editor_notes:
      - quote: "no ano de 1943"
        note: |
          A *Time* escolheu Stalin como Homem do Ano por 1939 e por 1942 …
        sources: ["Time, 4 de janeiro de 1943."]

Anchoring by quote, rather than by a mark put in the text, keeps the author's words
exactly as written and lets the notes survive a fresh import of the text. Each note
becomes a :class:`~reader.document.model.Note` of kind ``EDITOR`` with a zero-width
reference at the end of the first passage its quote matches, like a Markdown footnote
reference, so linking numbers it in the one sequence of footnotes and glossary notes.

A quote is matched against the text as the reader reads it (no Markdown markup), exactly
but for white space: any run of it matches any other. Nothing here stops a text opening:
a note whose fields are wrong or whose quote is not found is left out with a warning at
its line, and one whose quote is found more than once is attached to the first, with a
warning too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from reader.document.model import Block, BlockKind, Cell, Note, NoteKind, Span, SpanKind
from reader.text.errors import Problem, Severity
from reader.text.sanitize import title_line, visible, visible_line
from reader.text.strict_yaml import YamlMap, YamlSeq, YamlValue

FIELD = "editor_notes"
"""The front matter field that lists them."""

KEY_PREFIX = "ed:"
"""Note keys are ``ed:1``, ``ed:2``… in the order the front matter lists the notes."""

_FIELDS = ("quote", "note", "sources")
_ANCHORED = frozenset({BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.TERM, BlockKind.TABLE})
"""Blocks a quote is looked for in: the text's words, not code or raw HTML."""
_QUOTE_IN_MESSAGES = 48


@dataclass(frozen=True)
class EditorNote:
    """One item of ``editor_notes``, validated."""

    quote: str
    """The passage the note is about, as the text reads."""
    text: str
    """The note, in Markdown."""
    sources: tuple[str, ...]
    line: int
    """1-based line of the item in the file."""


def read_editor_notes(
    value: YamlValue, path: str, line: int
) -> tuple[list[EditorNote], list[Problem]]:
    """The valid items of the ``editor_notes`` value found at ``line``, and a warning for
    each one left out."""
    if value is None:
        return [], []
    if not isinstance(value, YamlSeq):
        return [], [_warning(path, f"'{FIELD}' must be a list of notes; ignored", line)]
    notes: list[EditorNote] = []
    problems: list[Problem] = []
    for item, item_line in zip(value, value.lines, strict=True):
        if not isinstance(item, YamlMap):
            problems.append(_warning(path, "an editor note must be a mapping; ignored", item_line))
            continue
        for key in item:
            if key not in _FIELDS:
                problems.append(
                    _warning(path, f"unknown editor note field '{key}' ignored", item.lines[key])
                )
        quote, text, sources = item.get("quote"), item.get("note"), item.get("sources", [])
        if not isinstance(quote, str) or not quote.strip():
            problems.append(_warning(path, "an editor note needs a 'quote'; ignored", item_line))
            continue
        if not isinstance(text, str) or not text.strip():
            problems.append(_warning(path, "an editor note needs a 'note'; ignored", item_line))
            continue
        if isinstance(sources, str):
            sources = [sources]
        if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
            problems.append(
                _warning(path, "editor note 'sources' must be a list of text; ignored", item_line)
            )
            sources = []
        notes.append(
            EditorNote(
                quote=" ".join(visible_line(quote).split()),
                text=visible(text.strip("\n")),
                sources=tuple(visible_line(str(source).strip()) for source in sources),
                line=item_line,
            )
        )
    return notes, problems


def anchor_editor_notes(
    value: YamlValue, line: int, blocks: tuple[Block, ...], path: str
) -> tuple[tuple[Block, ...], tuple[Note, ...], tuple[Problem, ...]]:
    """``blocks`` with a reference at the end of each editor note's passage, the notes,
    and the warnings about the notes left out or anchored to the first of several
    passages."""
    items, problems = read_editor_notes(value, path, line)
    if not items:
        return blocks, (), tuple(problems)
    added: dict[tuple[int, int, int], list[Span]] = {}
    notes: list[Note] = []
    for number, item in enumerate(items, start=1):
        found = _find(item.quote, blocks)
        quoted = f"“{title_line(item.quote, _QUOTE_IN_MESSAGES)}”"
        if not found:
            problems.append(
                _warning(
                    path, f"editor note's quote {quoted} is not in the text; ignored", item.line
                )
            )
            continue
        if len(found) > 1:
            problems.append(
                _warning(
                    path,
                    f"editor note's quote {quoted} is in the text more than once; "
                    "the note goes with the first",
                    item.line,
                )
            )
        where, end = found[0]
        key = f"{KEY_PREFIX}{number}"
        added.setdefault(where, []).append(Span(end, end, SpanKind.NOTE_REF, key))
        notes.append(
            Note(
                key=key,
                kind=NoteKind.EDITOR,
                label=item.quote,
                blocks=_note_blocks(item, path, number),
                sources=item.sources,
            )
        )
    return _with_spans(blocks, added), tuple(notes), tuple(problems)


def _find(quote: str, blocks: tuple[Block, ...]) -> list[tuple[tuple[int, int, int], int]]:
    """Where ``quote`` ends in the text: (block, row, column) and the offset, for its
    first two occurrences in reading order (row and column are -1 outside tables)."""
    pattern = _quote_pattern(quote)
    found: list[tuple[tuple[int, int, int], int]] = []
    for index, block in enumerate(blocks):
        if block.kind not in _ANCHORED:
            continue
        places = [((index, -1, -1), block.text)]
        if block.kind is BlockKind.TABLE:
            places = [
                ((index, row, column), cell.text)
                for row, cells in enumerate(block.rows)
                for column, cell in enumerate(cells)
            ]
        for where, text in places:
            for match in pattern.finditer(text):
                found.append((where, match.end()))
                if len(found) == 2:
                    return found
    return found


def _quote_pattern(quote: str) -> re.Pattern[str]:
    """The quote's words with any run of white space between them; a quote that starts
    or ends with a letter or digit starts or ends a word there ("de 1943" is not found
    in "de 19430")."""
    body = r"\s+".join(re.escape(word) for word in quote.split())
    before = r"(?<!\w)" if quote[0].isalnum() else ""
    after = r"(?!\w)" if quote[-1].isalnum() else ""
    return re.compile(before + body + after)


def _note_blocks(item: EditorNote, path: str, number: int) -> tuple[Block, ...]:
    """The note's Markdown as blocks, with ids of their own (``ed1-p-1``): they join the
    text's notes section, whose ids must not repeat the text's."""
    from reader.document.parse import parse_markdown  # the parser imports this module

    parsed = parse_markdown(item.text, f"{path}:{item.line}", body_only=True)
    return tuple(replace(block, id=f"ed{number}-{block.id}") for block in parsed.blocks)


def _with_spans(
    blocks: tuple[Block, ...], added: dict[tuple[int, int, int], list[Span]]
) -> tuple[Block, ...]:
    if not added:
        return blocks
    result = list(blocks)
    for (index, row, column), spans in added.items():
        block = result[index]
        if row < 0:
            result[index] = replace(block, spans=_merged(block.spans, spans))
            continue
        rows = [list(cells) for cells in block.rows]
        cell: Cell = rows[row][column]
        rows[row][column] = replace(cell, spans=_merged(cell.spans, spans))
        result[index] = replace(block, rows=tuple(tuple(cells) for cells in rows))
    return tuple(result)


def _merged(spans: tuple[Span, ...], added: list[Span]) -> tuple[Span, ...]:
    """Sorted as the parser sorts spans: by start, the longer first."""
    return tuple(sorted((*spans, *added), key=lambda span: (span.start, -span.end)))


def _warning(path: str, message: str, line: int) -> Problem:
    return Problem(path, message, line or None, severity=Severity.WARNING)
