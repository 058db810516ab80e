"""A linked text as portable Markdown: CommonMark, GFM tables and footnotes.

Any Markdown tool shows what the reader shows: the glossary notes become standard
footnotes named after their terms (``Wehrmacht[^wehrmacht]``, ``[^wehrmacht]: **Wehrmacht**
— …``), next to the article's own footnotes, in the reader's note order, so the numbers a
Markdown tool gives them are the reader's. The front matter keeps what the text says of
itself and ``glossary: []``: opened again in the reader, the notes are the footnotes, and
no glossary adds them a second time.

Everything in the text that Markdown would obey is escaped (see
:mod:`reader.render.markdown_inline`); code keeps its text in fences longer than any
backtick run inside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

import yaml

from reader.document.model import Block, BlockKind, Cell, Document, Note, NoteKind, Span, SpanKind
from reader.glossary import GlossarySet
from reader.linking import NOTES_BLOCK_ID, OpenedText, entry_document
from reader.render.markdown_inline import escape_line_start, inline_markdown
from reader.render.names import language_tag, slug, unique_names
from reader.render.structure import Level, LevelKind, levels, shared
from reader.text.sanitize import visible, visible_line

__all__ = ["to_markdown"]

_FOOTNOTE_INDENT = "    "
_ALIGN_ROW = {"left": "---", "right": "---:", "center": ":---:"}


def to_markdown(opened: OpenedText) -> str:
    """The Markdown file for ``opened`` (its document as linked, with its glossaries)."""
    document = opened.document
    notes = [note for note in document.notes if note.number is not None]
    labels = unique_names(
        (note.key, slug(note.label, "note" if note.kind is NoteKind.FOOTNOTE else "term"))
        for note in notes
    )
    writer = _Blocks(labels)
    end = document.block_index(NOTES_BLOCK_ID)
    body = document.blocks if end is None else document.blocks[:end]
    parts = [_front_matter(document), "\n".join(writer.lines(body))]
    for note in notes:
        blocks = note.blocks if note.kind is NoteKind.FOOTNOTE else _entry(note, opened)
        parts.append(_footnote(labels[note.key], writer.lines(blocks)))
    return "\n\n".join(part for part in parts if part) + "\n"


def _front_matter(document: Document) -> str:
    meta = document.meta
    fields: dict[str, object] = {"title": visible_line(meta.title)}
    for key, value in (
        ("author", meta.author),
        ("date", meta.date),
        ("language", None if language_tag(meta.language) == "und" else meta.language),
        ("source", meta.source),
    ):
        if value:
            fields[key] = visible_line(value)
    if meta.context:
        fields["context"] = visible(meta.context)
    fields["glossary"] = []  # the notes are footnotes now: no glossary adds them again
    dumped = yaml.dump(fields, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=88)
    return f"---\n{dumped}---"


class _Dumper(yaml.SafeDumper):
    """Safe YAML whose text of several lines is a literal block (``context: |``)."""


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _text)


def _entry(note: Note, opened: OpenedText) -> list[Block]:
    """A glossary note as blocks: "**Term** — short", then the rest of its entry (the
    aliases, the definition, see also, sources), headings as bold lines."""
    glossaries: GlossarySet = opened.glossaries
    term = glossaries.terms.get(note.label)
    if term is None:
        return [Block(id="entry", kind=BlockKind.PARAGRAPH, text=note.label)]
    text = f"{term.term} — {term.short}"
    first = Block(
        id="entry",
        kind=BlockKind.PARAGRAPH,
        text=text,
        spans=(Span(0, len(term.term), SpanKind.STRONG),),
    )
    rest = entry_document(term, glossaries, opened.document.meta.language).blocks[2:]
    return [first, *(_bold_heading(block) for block in rest)]


def _bold_heading(block: Block) -> Block:
    if block.kind is not BlockKind.HEADING:
        return block
    return replace(
        block, kind=BlockKind.PARAGRAPH, level=0, spans=(Span(0, len(block.text), SpanKind.STRONG),)
    )


def _footnote(label: str, lines: Sequence[str]) -> str:
    """A footnote definition: its first line after the label, the rest indented."""
    if not lines:
        return f"[^{label}]:"
    rest = [f"{_FOOTNOTE_INDENT}{line}" if line else "" for line in lines[1:]]
    return "\n".join([f"[^{label}]: {lines[0]}", *rest])


class _Blocks:
    """Blocks as lines of Markdown, each prefixed with its quotes', items' and
    definitions' markers."""

    def __init__(self, labels: Mapping[str, str]) -> None:
        self._labels = labels

    def lines(self, blocks: Iterable[Block]) -> list[str]:
        result: list[str] = []
        before: Sequence[Level] = ()
        widths: list[int] = []
        """The width of each open level's marker: its continuation lines' indent."""
        for block in blocks:
            block_levels = levels(block)
            keep = shared(before, block_levels) if result else 0
            widths = widths[:keep]
            first = []
            for index, level in enumerate(block_levels[keep:], keep):
                marker = _marker(level, block_levels[index - 1] if index else None)
                widths.append(len(marker))
                first.append(marker)
            rest = [
                _indent(level, width) for level, width in zip(block_levels, widths, strict=True)
            ]
            opening = "".join(rest[:keep] + first)
            follow = "".join(rest)
            in_item = any(level.kind is LevelKind.ITEM for level in block_levels)
            if result and not (block.tight and in_item):
                result.append("".join(rest[:keep]).rstrip())
            body = self._block(block) or [""]
            result.append((opening + body[0]).rstrip() if not body[0] else opening + body[0])
            result += [follow + line if line else follow.rstrip() for line in body[1:]]
            before = block_levels
        return result

    def _block(self, block: Block) -> list[str]:
        kind = block.kind
        if kind is BlockKind.HEADING:
            text = inline_markdown(block.text.replace("\n", " "), block.spans, self._labels)
            text = text.strip().removesuffix("#") + ("\\#" if text.strip().endswith("#") else "")
            return [f"{'#' * min(max(block.level, 1), 6)} {text}"]
        if kind is BlockKind.CODE or kind is BlockKind.HTML:
            info = "html" if kind is BlockKind.HTML else visible_line(block.info).replace("`", "")
            return _fenced(visible(block.text), info.strip())
        if kind is BlockKind.RULE:
            return ["---"]
        if kind is BlockKind.TABLE:
            return self._table(block)
        text = inline_markdown(block.text, block.spans, self._labels).strip("\n")
        lines = text.split("\n")
        lines = [escape_line_start(line) for line in lines]
        return [f"{line}\\" for line in lines[:-1]] + lines[-1:]

    def _table(self, block: Block) -> list[str]:
        rows = [[self._cell(cell) for cell in row] for row in block.rows]
        if not rows:
            return []
        columns = max(len(row) for row in rows)
        rows = [row + [""] * (columns - len(row)) for row in rows]
        aligns = [cell.align for cell in block.rows[0]] + ["left"] * columns
        lines = [_row(rows[0]), _row([_ALIGN_ROW.get(a, "---") for a in aligns[:columns]])]
        return lines + [_row(row) for row in rows[1:]]

    def _cell(self, cell: Cell) -> str:
        return inline_markdown(cell.text, cell.spans, self._labels).replace("\n", " ")


def _marker(level: Level, outer: Level | None) -> str:
    """What a level writes before the first line of the block that opens it."""
    if level.kind is LevelKind.ITEM:
        numbered = outer is not None and outer.kind is LevelKind.NUMBERS
        if numbered and re.fullmatch(r"\d{1,9}[.)]", level.marker):
            return f"{level.marker} "
        return "1. " if numbered else "- "
    if level.kind is LevelKind.QUOTE:
        return "> "
    if level.kind is LevelKind.DEFINITION:
        return ":   "
    return ""


def _indent(level: Level, width: int) -> str:
    """What a level writes before every other line inside it."""
    return "> " if level.kind is LevelKind.QUOTE else " " * width


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cell.strip() or " " for cell in cells) + " |"


def _fenced(code: str, info: str) -> list[str]:
    longest = max((len(run) for run in re.findall("`{3,}", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}{info}", *code.split("\n"), fence]
