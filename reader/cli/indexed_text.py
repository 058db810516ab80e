"""A text opened with its mention index, for the commands that say where terms are
mentioned (``lookup --in``, ``glossary --in``, ``check``): ``file:line: context``.

Imported by those commands when they run, not at start-up: it loads the whole pipeline.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from reader.index.mentions import MentionIndex
from reader.index.source_lines import source_lines_of
from reader.pipeline import OpenedText, TextRef, open_text, read_source, resolve_text
from reader.text.sanitize import visible_line


@dataclass(frozen=True)
class IndexedText:
    """A text opened, linked and indexed, with its source lines for locating mentions."""

    opened: OpenedText
    index: MentionIndex
    source_lines: tuple[str, ...]

    @classmethod
    def open(cls, argument: str, extra: Sequence[Path]) -> IndexedText:
        """Open a path or bundled name as ``reader`` does; its problems go to stderr."""
        ref = resolve_text(argument)
        return cls.open_ref(ref, extra, report=True)

    @classmethod
    def open_ref(
        cls, ref: TextRef, extra: Sequence[Path], *, report: bool, strict: bool = True
    ) -> IndexedText:
        """Open ``ref``; with ``report``, print its problems to stderr. Not ``strict``: a
        glossary that cannot be loaded is among the problems (see
        :func:`reader.pipeline.glossaries_for`)."""
        source = read_source(ref)
        opened = open_text(ref, extra, source=source, strict=strict)
        if report:
            for problem in opened.problems:
                print(f"reader: {problem}", file=sys.stderr)
        lines = tuple(source.split("\n")) if isinstance(source, str) else ()  # a book: none
        return cls(opened, MentionIndex.build(opened.document), lines)

    @property
    def file_name(self) -> str:
        """The text's file for ``file:line`` messages: as given, or the bundled file."""
        ref = self.opened.ref
        if Path(ref.name).expanduser() == ref.path:
            return ref.name
        try:
            relative = os.path.relpath(ref.path)
        except ValueError:  # another drive
            return str(ref.path)
        return str(ref.path) if relative.startswith("..") else relative

    def mention_lines(self, term: str) -> list[str]:
        """``file:line: context`` for every mention of ``term``, in reading order."""
        blocks = self.opened.document.blocks
        name = visible_line(self.file_name)
        found = []
        # A block's mentions are placed in its source together: one reading of a
        # paragraph as long as a book, not one per mention.
        for index, mentions in groupby(self.index.mentions(term), lambda m: m.block_index):
            in_block = list(mentions)
            lines = source_lines_of(blocks[index], in_block, self.source_lines)
            found += [
                f"{name}:{line}: {m.context}" for m, line in zip(in_block, lines, strict=True)
            ]
        return found
