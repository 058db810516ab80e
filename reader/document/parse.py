"""From markdown-it tokens to the document model.

markdown-it-py gives a flat token stream with nesting markers; we walk it once, keeping a
stack of containers (quotes, list items, definitions, footnotes), and emit one leaf block
per paragraph, heading, code block, table or rule. Every string that came from the file
goes through :func:`reader.text.sanitize.visible` on its way in, after entity decoding, so no
later stage can forget to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from reader.document.abbreviations import abbr_plugin, local_terms
from reader.document.frontmatter import FrontMatter, parse_front_matter
from reader.document.model import (
    Block,
    BlockKind,
    Cell,
    Container,
    ContainerKind,
    Document,
    Metadata,
    Note,
    NoteKind,
    OutlineEntry,
    Span,
    SpanKind,
)
from reader.text.errors import Problem, Severity
from reader.text.sanitize import title_line, visible, visible_line

BULLETS = ("•", "◦", "▪")
"""Bullet markers by list depth, cycling; distinct so nesting is visible without indents."""

MAX_NESTING = 40
"""markdown-it's nesting limit; beyond it the rest of the source is shown as plain text."""


def make_parser() -> MarkdownIt:
    """CommonMark plus tables, strikethrough, footnotes, definition lists, front matter
    and abbreviation lines (collected as local glossary entries, hidden from the text)."""
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING})
    md.enable(["table", "strikethrough"])
    md.use(front_matter_plugin).use(footnote_plugin).use(deflist_plugin).use(abbr_plugin)
    md.core.ruler.before("footnote_tail", "keep_unreferenced_footnotes", _keep_unreferenced)
    return md


def _keep_unreferenced(state: StateCore) -> None:
    """The footnote plugin drops definitions nothing refers to; list them last instead."""
    footnotes = state.env.get("footnotes")
    if not footnotes:
        return
    listed = footnotes.setdefault("list", {})
    refs = footnotes.get("refs", {})
    for key, number in refs.items():
        if number < 0:
            refs[key] = len(listed)
            listed[len(listed)] = {"label": key[1:], "count": 0}


_PARSER = make_parser()


@dataclass
class _Open:
    """A container being walked: its kind, the marker its next block shows, its counter."""

    kind: ContainerKind
    marker: str = ""
    next_number: int = 1
    tight: bool = False
    is_list: bool = False
    """A list itself: it counts its items but is not a level of nesting of its own."""


@dataclass
class _Walk:
    """Mutable state of one walk over the token stream."""

    path: str
    counters: dict[str, int] = field(default_factory=dict)
    stack: list[_Open] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    footnote_blocks: list[Block] | None = None
    notes: list[Note] = field(default_factory=list)
    footnote_key: str = ""
    footnote_label: str = ""
    list_start: bool = False
    """A top-level list has just opened: its first block is set apart from what precedes."""
    source_lines: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def next_id(self, kind: BlockKind) -> str:
        count = self.counters.get(kind.value, 0) + 1
        self.counters[kind.value] = count
        return f"{kind.value}-{count}"

    def containers(self) -> tuple[Container, ...]:
        """The containers of the block about to be emitted; markers shown once per item."""
        result = tuple(Container(item.kind, item.marker) for item in self.stack if not item.is_list)
        for item in self.stack:
            item.marker = ""
        return result

    def emit(self, block: Block) -> None:
        if self.list_start:
            block = replace(block, tight=False)
            self.list_start = False
        target = self.footnote_blocks if self.footnote_blocks is not None else self.blocks
        target.append(block)


def inline_content(children: Sequence[Token] | None) -> tuple[str, tuple[Span, ...]]:
    """Flatten an inline token list into plain text and spans over it."""
    parts: list[str] = []
    spans: list[Span] = []
    opened: list[tuple[SpanKind, int, str]] = []
    length = 0

    def add(text: str) -> int:
        nonlocal length
        start = length
        parts.append(text)
        length += len(text)
        return start

    for token in children or ():
        kind = token.type
        if kind == "text":
            add(visible(token.content))
        elif kind == "softbreak":
            add(" ")
        elif kind == "hardbreak":
            add("\n")
        elif kind == "code_inline":
            start = add(visible(token.content))
            spans.append(Span(start, length, SpanKind.CODE))
        elif kind in _OPENERS:
            href = visible_line(str(token.attrs.get("href", ""))) if kind == "link_open" else ""
            opened.append((_OPENERS[kind], length, href))
        elif kind in _CLOSERS:
            wanted = _CLOSERS[kind]
            for index in range(len(opened) - 1, -1, -1):
                if opened[index][0] is wanted:
                    span_kind, start, href = opened.pop(index)
                    spans.append(Span(start, length, span_kind, href))
                    break
        elif kind == "image":
            alt = visible("".join(child.content for child in token.children or ()))
            start = add(f"[{alt or 'image'}]")
            src = visible_line(str(token.attrs.get("src", "")))
            spans.append(Span(start, length, SpanKind.IMAGE, src))
        elif kind == "footnote_ref":
            spans.append(Span(length, length, SpanKind.NOTE_REF, f"fn:{token.meta['id']}"))
        elif kind == "html_inline":
            start = add(visible(token.content))
            spans.append(Span(start, length, SpanKind.HTML))
        elif token.content:
            add(visible(token.content))
    spans.sort(key=lambda span: (span.start, -span.end))
    return "".join(parts), tuple(spans)


_OPENERS = {
    "em_open": SpanKind.EMPHASIS,
    "strong_open": SpanKind.STRONG,
    "s_open": SpanKind.STRIKE,
    "link_open": SpanKind.LINK,
}
_CLOSERS = {
    "em_close": SpanKind.EMPHASIS,
    "strong_close": SpanKind.STRONG,
    "s_close": SpanKind.STRIKE,
    "link_close": SpanKind.LINK,
}


def _lines(token: Token) -> tuple[int, int]:
    """1-based inclusive source lines of a block token (markdown-it's map is 0-based, open)."""
    if token.map is None:
        return (0, 0)
    return (token.map[0] + 1, max(token.map[0] + 1, token.map[1]))


_ALIGN = re.compile(r"text-align:(left|right|center)")


def _walk_table(tokens: Sequence[Token], index: int, walk: _Walk) -> int:
    """Emit one table block from ``table_open`` at ``index``; return the index after it."""
    opener = tokens[index]
    rows: list[tuple[Cell, ...]] = []
    row: list[Cell] = []
    header_rows = 0
    in_head = False
    align = "left"
    index += 1
    while index < len(tokens) and tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            rows.append(tuple(row))
            header_rows += 1 if in_head else 0
        elif token.type in ("th_open", "td_open"):
            found = _ALIGN.search(str(token.attrs.get("style", "")))
            align = found.group(1) if found else "left"
        elif token.type == "inline":
            text, spans = inline_content(token.children)
            row.append(Cell(text, spans, align))
        index += 1
    walk.emit(
        Block(
            id=walk.next_id(BlockKind.TABLE),
            kind=BlockKind.TABLE,
            lines=_lines(opener),
            containers=walk.containers(),
            rows=tuple(rows),
            header_rows=header_rows,
        )
    )
    return index + 1


def _cut_at_nesting_limit(tokens: Sequence[Token], index: int) -> bool:
    """Whether the container opened at ``index`` lost its content to the nesting limit.

    markdown-it stops tokenizing inside a container at ``MAX_NESTING`` and skips to the
    container's end, so such a container is opened and at once closed.
    """
    token = tokens[index]
    return (
        token.nesting == 1
        and token.level >= MAX_NESTING - 1
        and token.map is not None
        and index + 1 < len(tokens)
        and tokens[index + 1].nesting == -1
    )


def _emit_cut(token: Token, walk: _Walk) -> None:
    """Show the source markdown-it skipped at its nesting limit as plain text, and warn."""
    first, last = _lines(token)
    walk.warnings.append(
        Problem(
            walk.path,
            f"nested deeper than {MAX_NESTING} levels; shown as plain text",
            line=first,
            severity=Severity.WARNING,
        )
    )
    walk.emit(
        Block(
            id=walk.next_id(BlockKind.CODE),
            kind=BlockKind.CODE,
            text=visible("\n".join(walk.source_lines[first - 1 : last]).strip("\n")),
            lines=(first, last),
        )
    )


def _walk(tokens: Sequence[Token], walk: _Walk) -> None:
    """The single pass over the block-level token stream."""
    index = 0
    pending: Token | None = None
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if _cut_at_nesting_limit(tokens, index):
            _emit_cut(token, walk)
        if kind in ("paragraph_open", "heading_open", "dt_open"):
            pending = token
        elif kind == "inline" and pending is not None:
            text, spans = inline_content(token.children)
            if pending.type == "heading_open":
                block_kind, level = BlockKind.HEADING, int(pending.tag[1:])
            elif pending.type == "dt_open":
                block_kind, level = BlockKind.TERM, 0
            else:
                block_kind, level = BlockKind.PARAGRAPH, 0
            walk.emit(
                Block(
                    id=walk.next_id(block_kind),
                    kind=block_kind,
                    text=text,
                    spans=spans,
                    lines=_lines(pending),
                    level=level,
                    containers=walk.containers(),
                    tight=pending.hidden,
                )
            )
            pending = None
        elif kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrs.get("start", 1) or 1) if kind == "ordered_list_open" else 1
            list_kind = (
                ContainerKind.BULLET if kind == "bullet_list_open" else ContainerKind.ORDERED
            )
            walk.list_start = walk.list_start or not any(item.is_list for item in walk.stack)
            walk.stack.append(_Open(list_kind, next_number=start, is_list=True))
        elif kind == "list_item_open":
            owner = walk.stack[-1] if walk.stack else _Open(ContainerKind.BULLET)
            if owner.kind is ContainerKind.ORDERED:
                marker = f"{owner.next_number}."
                owner.next_number += 1
            else:
                depth = sum(
                    1 for item in walk.stack if item.kind is ContainerKind.BULLET and item.is_list
                )
                marker = BULLETS[(depth - 1) % len(BULLETS)]
            walk.stack.append(_Open(owner.kind, marker))
        elif kind in ("list_item_close", "bullet_list_close", "ordered_list_close"):
            if walk.stack:
                walk.stack.pop()
        elif kind == "blockquote_open":
            walk.stack.append(_Open(ContainerKind.QUOTE))
        elif kind == "dd_open":
            walk.stack.append(_Open(ContainerKind.DEFINITION))
        elif kind in ("blockquote_close", "dd_close"):
            if walk.stack:
                walk.stack.pop()
        elif kind in ("fence", "code_block"):
            walk.emit(
                Block(
                    id=walk.next_id(BlockKind.CODE),
                    kind=BlockKind.CODE,
                    text=visible(token.content.rstrip("\n")),
                    lines=_lines(token),
                    containers=walk.containers(),
                    info=visible_line(token.info.strip()),
                )
            )
        elif kind == "html_block":
            walk.emit(
                Block(
                    id=walk.next_id(BlockKind.HTML),
                    kind=BlockKind.HTML,
                    text=visible(token.content.rstrip("\n")),
                    lines=_lines(token),
                    containers=walk.containers(),
                )
            )
        elif kind == "hr":
            walk.emit(
                Block(
                    id=walk.next_id(BlockKind.RULE),
                    kind=BlockKind.RULE,
                    lines=_lines(token),
                    containers=walk.containers(),
                )
            )
        elif kind == "table_open":
            index = _walk_table(tokens, index, walk)
            continue
        elif kind == "footnote_open":
            walk.footnote_blocks = []
            walk.footnote_key = f"fn:{token.meta['id']}"
            label = token.meta.get("label")
            walk.footnote_label = visible_line(str(label)) if label else str(token.meta["id"] + 1)
        elif kind == "footnote_close":
            walk.notes.append(
                Note(
                    key=walk.footnote_key,
                    kind=NoteKind.FOOTNOTE,
                    label=walk.footnote_label,
                    blocks=tuple(walk.footnote_blocks or ()),
                )
            )
            walk.footnote_blocks = None
        index += 1


def _last_line(tokens: Sequence[Token]) -> int:
    """The last source line (1-based) covered by any block token."""
    last = 0
    for token in tokens:
        if token.map is not None:
            last = max(last, token.map[1])
    return last


def parse_markdown(source: str, path: str, *, body_only: bool = False) -> Document:
    """Parse Markdown ``source`` (already decoded and normalised) into a Document.

    ``path`` names the file in titles and messages. ``body_only`` skips front matter
    handling, for Markdown fragments such as glossary definitions.
    """
    if "\r" in source:  # markdown-it counts a lone CR as a line break: so must we
        source = source.replace("\r\n", "\n").replace("\r", "\n")
    env: dict[str, object] = {}
    tokens = _PARSER.parse(source, env)
    warnings: list[Problem] = []
    front = FrontMatter()
    name = visible_line(path)  # messages are one line, whatever the file is called
    if tokens and tokens[0].type == "front_matter" and not body_only:
        start = (tokens[0].map or [0, 0])[0]
        front = parse_front_matter(tokens[0].content, path=name, line_offset=start + 1)
    source_lines = source.split("\n")
    walk = _Walk(name, source_lines=source_lines)
    _walk(tokens, walk)
    warnings.extend(walk.warnings)

    covered = _last_line(tokens)
    rest = "\n".join(source_lines[covered:]).strip("\n")
    if rest.strip():
        # markdown-it stops at its nesting limit and silently drops the rest; show it.
        warnings.append(
            Problem(
                name,
                f"nested deeper than {MAX_NESTING} levels; the rest is shown as plain text",
                line=covered + 1,
                severity=Severity.WARNING,
            )
        )
        walk.blocks.append(
            Block(
                id=walk.next_id(BlockKind.CODE),
                kind=BlockKind.CODE,
                text=visible(rest),
                lines=(covered + 1, len(source_lines)),
            )
        )

    blocks = tuple(walk.blocks)
    outline = tuple(
        OutlineEntry(block.level, title_line(block.text), block.id)
        for block in blocks
        if block.kind is BlockKind.HEADING
    )
    title = title_line(
        front.title or (outline[0].title if outline else visible_line(_file_title(path)))
    )
    meta = Metadata(
        title=title,
        language=front.language,
        author=front.author,
        date=front.date,
        source=front.source,
        context=front.context,
        glossaries=front.glossaries,
    )
    return Document(
        path=path,
        meta=meta,
        blocks=blocks,
        notes=tuple(walk.notes),
        outline=outline,
        warnings=tuple(warnings),
        local_terms=local_terms(blocks, env),
    )


def _file_title(path: str) -> str:
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name


_BLANK_LINES = re.compile(r"\n[ \t]*\n")


def parse_plain_text(source: str, path: str) -> Document:
    """A plain text: blank lines separate paragraphs; nothing else is interpreted."""
    blocks: list[Block] = []
    line = 1
    position = 0
    for match in [*_BLANK_LINES.finditer(source), None]:
        end = match.start() if match else len(source)
        chunk = source[position:end]
        first = line + len(chunk) - len(chunk.lstrip("\n"))
        if chunk.strip():
            text = " ".join(part.strip() for part in chunk.strip("\n").split("\n"))
            blocks.append(
                Block(
                    id=f"p-{len(blocks) + 1}",
                    kind=BlockKind.PARAGRAPH,
                    text=visible(text),
                    lines=(first, first + chunk.strip("\n").count("\n")),
                )
            )
        if match:
            line += source.count("\n", position, match.end())
            position = match.end()
    return Document(
        path=path, meta=Metadata(title=visible_line(_file_title(path))), blocks=tuple(blocks)
    )
