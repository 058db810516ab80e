"""``parse_markdown``: parse, walk the tokens, and assemble the :class:`Document`."""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it.token import Token

from reader.document.abbreviations import local_terms
from reader.document.frontmatter import FrontMatter, parse_front_matter, unclosed_front_matter
from reader.document.model import Block, BlockKind, Document, Metadata, OutlineEntry
from reader.document.parse.parser import MAX_NESTING, PARSER
from reader.document.parse.plain import file_title
from reader.document.parse.state import WalkState
from reader.document.parse.walk import walk_tokens
from reader.text.collector import collector_paused
from reader.text.errors import Problem, Severity
from reader.text.sanitize import title_line, visible, visible_line


def _last_line(tokens: Sequence[Token]) -> int:
    """The last source line (1-based) covered by any block token."""
    last = 0
    for token in tokens:
        if token.map is not None:
            last = max(last, token.map[1])
    return last


@collector_paused()
def parse_markdown(source: str, path: str, *, body_only: bool = False) -> Document:
    """Parse Markdown ``source`` (already decoded and normalised) into a Document.

    ``path`` names the file in titles and messages. ``body_only`` skips front matter
    handling, for Markdown fragments such as glossary definitions.
    """
    if "\r" in source:  # markdown-it counts a lone CR as a line break: so must we
        source = source.replace("\r\n", "\n").replace("\r", "\n")
    env: dict[str, object] = {}
    tokens = PARSER.parse(source, env)
    warnings: list[Problem] = []
    front = FrontMatter()
    name = visible_line(path)  # messages are one line, whatever the file is called
    if tokens and tokens[0].type == "front_matter" and not body_only:
        start = (tokens[0].map or [0, 0])[0]
        front = parse_front_matter(tokens[0].content, path=name, line_offset=start + 1)
    elif not body_only and (unclosed := unclosed_front_matter(source, name)) is not None:
        warnings.append(unclosed)
    source_lines = source.split("\n")
    walk = WalkState(name, tokens, source_lines=source_lines)
    walk_tokens(walk)
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
        front.title or (outline[0].title if outline else visible_line(file_title(path)))
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
