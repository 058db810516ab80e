"""A text as the reader sees it: loaded, its glossaries found, its terms linked."""

from __future__ import annotations

from dataclasses import dataclass

from reader.document import Document
from reader.glossary import GlossarySet
from reader.text.errors import Problem
from reader.text.textfile import TextRef


@dataclass(frozen=True)
class OpenedText:
    """A text loaded and linked, ready to show or render."""

    ref: TextRef
    document: Document
    glossaries: GlossarySet
    problems: tuple[Problem, ...]
