"""Every pass a load makes over a whole text gives way to the UI as it goes (issue 12).

A load runs beside the UI thread; Python runs one of them at a time. A pass with no
checkpoint (linking, the mentions, the progress tables, the layout and its estimates,
the panels' tables: each a fraction of a second over 100,000 blocks) shared the
processor with a key pressed meanwhile, which then took twice as long. Each pass now
calls the checkpoint every so many blocks; counted here, never timed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.document import Document, parse_markdown
from reader.index.mentions import MentionIndex
from reader.index.progress import ReadingProgress, count_words
from reader.layout import DocumentLayout
from reader.linking import OpenedText, link_document
from reader.pipeline import TextRef
from reader.text import turns
from reader.ui.panels.tables import PanelTables
from tests.core_helpers import glossary_set

BLOCKS = 3_000

GLOSSARY = "terms:\n  - term: Volga\n    short: a river\n"


@pytest.fixture(scope="module")
def text() -> tuple[Document, OpenedText]:
    source = "".join(
        f"## Part {number}\n\nThe Volga at {number}: words, words.\n\n"
        for number in range(BLOCKS // 2)
    )
    glossaries = glossary_set(GLOSSARY)
    linked = link_document(parse_markdown(source, "book.md"), glossaries)
    return linked, OpenedText(TextRef(Path("book.md"), "book.md"), linked, glossaries, ())


@pytest.fixture
def checkpoints(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[None]]:
    """The checkpoints reached while the UI says it is busy (none waits: counted only)."""
    reached: list[None] = []
    monkeypatch.setattr(turns, "_wait", lambda: reached.append(None))
    monkeypatch.setattr(turns, "_busy", True)
    yield reached


PASSES: dict[str, Callable[[Document, OpenedText], object]] = {
    "linking": lambda document, opened: link_document(document, opened.glossaries),
    "mentions": lambda document, opened: MentionIndex.build(document),
    "progress": lambda document, opened: ReadingProgress(document),
    "layout": lambda document, opened: DocumentLayout(document, 80),
    "block indexes": lambda document, opened: (
        Document(path=document.path, meta=document.meta, blocks=document.blocks).block_indexes
    ),
    "panel tables": lambda document, opened: PanelTables.build(opened),
}


@pytest.mark.parametrize("name", PASSES)
def test_each_pass_over_the_text_gives_way(
    name: str, text: tuple[Document, OpenedText], checkpoints: list[None]
) -> None:
    document, opened = text
    PASSES[name](document, opened)
    assert len(checkpoints) >= BLOCKS // turns.GIVE_WAY_ITEMS - 1


def test_counting_the_words_of_a_huge_paragraph_gives_way(checkpoints: list[None]) -> None:
    from reader.index import progress

    words = 5 * progress.GIVE_WAY_WORDS
    assert count_words("palavra " * words) == words
    assert len(checkpoints) >= 4
