"""``parse_plain_text``: a ``.txt`` file as paragraphs, and file names as titles."""

from __future__ import annotations

import re

from reader.document.model import Block, BlockKind, Document, Metadata
from reader.document.parse import notices
from reader.text.collector import collector_paused
from reader.text.errors import Problem
from reader.text.sanitize import visible, visible_line


def file_title(path: str) -> str:
    """The file's name without folder or extension: the title of a text that gives none."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name


_BLANK_LINES = re.compile(r"\n[ \t]*\n")


@collector_paused()
def parse_plain_text(source: str, path: str) -> Document:
    """A plain text: blank lines separate paragraphs; nothing else is interpreted.

    Its warnings: NUL bytes (shown as U+FFFD), and no text at all.
    """
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
    name = visible_line(path)
    found = (notices.nul_bytes(source, name), None if blocks else notices.no_text(name))
    warnings: tuple[Problem, ...] = tuple(problem for problem in found if problem is not None)
    return Document(
        path=path,
        meta=Metadata(title=visible_line(file_title(path))),
        blocks=tuple(blocks),
        warnings=warnings,
    )
