"""``parse_markdown``: parse, walk the tokens, and assemble the :class:`Document`."""

from __future__ import annotations

from collections.abc import Callable

from reader.document.abbreviations import local_terms
from reader.document.editor_notes import anchor_editor_notes
from reader.document.frontmatter import FrontMatter, parse_front_matter, stray_front_matter
from reader.document.heading_links import link_headings
from reader.document.model import BlockKind, Document, Metadata, OutlineEntry
from reader.document.parse import notices
from reader.document.parse.parser import CHECKPOINT, FLATTEN_INLINE, FOOTNOTES_AGAIN, PARSER
from reader.document.parse.plain import file_title
from reader.document.parse.state import WalkState
from reader.document.parse.walk import walk_tokens
from reader.text.collector import collector_paused
from reader.text.errors import Problem, ReaderError
from reader.text.sanitize import title_line, visible_line


@collector_paused()
def parse_markdown(
    source: str,
    path: str,
    *,
    body_only: bool = False,
    checkpoint: Callable[[], None] | None = None,
) -> Document:
    """Parse Markdown ``source`` (already decoded and normalised) into a Document.

    ``path`` names the file in titles and messages. ``body_only`` skips front matter
    handling, for Markdown fragments such as glossary definitions. ``checkpoint``, if
    given, is called now and then during the parse (a point where a load can give way).

    Front matter that does not validate is an error among the document's problems, not
    raised: the text after its closing line is the document, with no metadata (none of
    the fields can be trusted when one is wrong, and a text is worth showing without
    them).
    """
    if "\r" in source:  # markdown-it counts a lone CR as a line break: so must we
        source = source.replace("\r\n", "\n").replace("\r", "\n")
    env: dict[str, object] = {FLATTEN_INLINE: True}
    if checkpoint is not None:
        env[CHECKPOINT] = checkpoint
    tokens = PARSER.parse(source, env)
    between = checkpoint or _nothing  # between the steps below, as within them
    warnings: list[Problem] = []
    front = FrontMatter()
    name = visible_line(path)  # messages are one line, whatever the file is called
    if tokens and tokens[0].type == "front_matter" and not body_only:
        start = (tokens[0].map or [0, 0])[0]
        try:
            front = parse_front_matter(tokens[0].content, path=name, line_offset=start + 1)
        except ReaderError as error:
            warnings.extend(error.problems)
    elif not body_only and (stray := stray_front_matter(source, name)) is not None:
        warnings.append(stray)
    warnings.extend(front.warnings)
    walk = WalkState(name, tokens, checkpoint=checkpoint)
    walk_tokens(walk)
    del tokens  # the token stream is walked: let it go before the document is assembled
    walk.tokens = ()
    between()
    if not body_only:
        warnings.extend(_silent_problems(source, name, env, walk))

    blocks, editor_notes, editor_problems = anchor_editor_notes(
        front.editor_notes, front.editor_notes_line, tuple(walk.blocks), name
    )
    warnings.extend(editor_problems)
    between()
    blocks, notes = link_headings(blocks, (*walk.notes, *editor_notes))
    between()
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
    if not blocks and not walk.notes and not body_only:
        warnings.append(notices.no_text(name))
    between()
    return Document(
        path=path,
        meta=meta,
        blocks=blocks,
        notes=notes,
        outline=outline,
        warnings=tuple(warnings),
        local_terms=local_terms(blocks, env),
    )


def _nothing() -> None:
    """No checkpoint."""


def _silent_problems(
    source: str, name: str, env: dict[str, object], walk: WalkState
) -> list[Problem]:
    """What the parse would pass over without a word: NUL bytes (shown as U+FFFD), deep
    nesting flattened, footnotes defined again (the earlier definition dropped)."""
    found = [notices.nul_bytes(source, name), notices.too_deep(name, walk.too_deep)]
    problems = [problem for problem in found if problem is not None]
    again = env.get(FOOTNOTES_AGAIN)
    if isinstance(again, list):
        problems.extend(notices.footnotes_again(name, again))
    return problems
